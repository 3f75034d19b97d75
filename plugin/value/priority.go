package value

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Priority reads a priority as CRMs word it, in any case and spacing:
// "highest" or "high", "normal" or "medium", "low" or "lowest". Anything
// else (an option ID, a custom label, nothing) is no priority: a CRM's
// five levels become the audit's three.
func Priority(s string) plugin.Priority {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "highest", "high":
		return plugin.PriorityHigh
	case "normal", "medium":
		return plugin.PriorityNormal
	case "low", "lowest":
		return plugin.PriorityLow
	}
	return plugin.PriorityNone
}
