package apipages

import (
	"testing"
	"time"
)

func TestEpochMillis(t *testing.T) {
	got, ok := EpochMillis("1768206600000")
	if want := time.Date(2026, 1, 12, 8, 30, 0, 0, time.UTC); !ok || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("EpochMillis(1768206600000) = %v, %v; want %v UTC", got, ok, want)
	}
	// Seconds, microseconds, signs, decimals and text are not epoch
	// milliseconds.
	for _, bad := range []string{"", "1768206600", "1768206600000000", "-1768206600000", "+1768206600000", "1768206600000.5", "12", "99999999999999999999", "2026-01-12"} {
		if got, ok := EpochMillis(bad); ok {
			t.Errorf("EpochMillis(%q) = %v, want refused", bad, got)
		}
	}
}
