package ics

import (
	"fmt"
	"strings"
)

// cleanRule rewrites an RRULE's text into the form the recurrence library
// reads, accepting what real exporters write beyond RFC 5545:
//
//   - spaces around names, values and list items: Exchange writes
//     "BYDAY=MO, TU, WE, TH, FR", and the library reads " TU" as a number;
//   - empty list items and parts ("BYMONTHDAY=1,15,", "FREQ=DAILY;;");
//   - RFC 7529's RSCALE and SKIP. RSCALE=GREGORIAN is the calendar RFC 5545
//     rules already use, and SKIP=OMIT is what RFC 5545 does with an
//     invalid date (the 31st of a short month is left out), so both are
//     dropped. Another calendar (HEBREW, CHINESE…) or SKIP=BACKWARD or
//     FORWARD would give other dates than the library's: the rule is
//     refused rather than expanded wrongly.
func cleanRule(rule string) (string, error) {
	text := strings.ToUpper(strings.TrimSpace(rule))
	text = strings.TrimSpace(strings.TrimPrefix(text, "RRULE:"))
	var parts []string
	for _, part := range strings.Split(text, ";") {
		name, value, _ := strings.Cut(part, "=")
		name, value = strings.TrimSpace(name), cleanList(value)
		if name == "" {
			continue
		}
		keep, err := keepRulePart(name, value)
		if err != nil {
			return "", err
		}
		if keep {
			parts = append(parts, name+"="+value)
		}
	}
	return strings.Join(parts, ";"), nil
}

// cleanList trims every item of a comma-separated value and drops the
// empty ones.
func cleanList(value string) string {
	var items []string
	for _, item := range strings.Split(value, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return strings.Join(items, ",")
}

// keepRulePart says whether a part of the rule goes to the library, or why
// the rule cannot be expanded.
func keepRulePart(name, value string) (bool, error) {
	switch name {
	case "RSCALE":
		if value != "GREGORIAN" {
			return false, fmt.Errorf("RSCALE=%s: the rule recurs in a non-Gregorian calendar (RFC 7529), which is not supported", value)
		}
		return false, nil
	case "SKIP":
		if value != "OMIT" {
			return false, fmt.Errorf("SKIP=%s: moving instances that fall on a missing date (RFC 7529) is not supported, only SKIP=OMIT", value)
		}
		return false, nil
	}
	return true, nil
}
