package report

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
)

// ruleLabel turns a rule's name into words: "low_value_time" → "low value time".
func ruleLabel(name string) string { return strings.ReplaceAll(name, "_", " ") }

// lastDay is the last day in the period (its end is exclusive).
func lastDay(rep *audit.Report) time.Time {
	return rep.Period.To.Add(-time.Nanosecond)
}
