package report

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
)

var roleLabels = map[string]string{
	"people":       "people management",
	"customer":     "customer management",
	"business":     "business management",
	"low_value":    "low-value work",
	"unclassified": "unclassified",
}

func roleLabel(role string) string {
	if l, ok := roleLabels[role]; ok {
		return l
	}
	return role
}

var categoryLabels = map[string]string{
	"key_account":     "key accounts",
	"customer_other":  "other customers",
	"coaching":        "coaching",
	"field_coaching":  "field coaching",
	"pipeline_review": "pipeline reviews",
	"recruiting":      "recruiting",
	"team":            "team meetings",
	"planning":        "planning and forecasting",
	"hq":              "headquarters and leadership",
	"admin":           "admin",
	"internal_other":  "other internal meetings",
	"unclassified":    "unclassified",
}

func categoryLabel(c string) string {
	if l, ok := categoryLabels[c]; ok {
		return l
	}
	return c
}

// ruleLabel turns a rule's name into words: "low_value_time" → "low value time".
func ruleLabel(name string) string { return strings.ReplaceAll(name, "_", " ") }

// lastDay is the last day in the period (its end is exclusive).
func lastDay(rep *audit.Report) time.Time {
	return rep.Period.To.Add(-time.Nanosecond)
}
