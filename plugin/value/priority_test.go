package value

import (
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

func TestPriority(t *testing.T) {
	for in, want := range map[string]plugin.Priority{
		"High": plugin.PriorityHigh, "HIGHEST": plugin.PriorityHigh, " normal ": plugin.PriorityNormal,
		"Medium": plugin.PriorityNormal, "low": plugin.PriorityLow, "Lowest": plugin.PriorityLow,
		"": plugin.PriorityNone, "3": plugin.PriorityNone, "urgent-ish": plugin.PriorityNone,
	} {
		if got := Priority(in); got != want {
			t.Errorf("Priority(%q) = %q, want %q", in, got, want)
		}
	}
}
