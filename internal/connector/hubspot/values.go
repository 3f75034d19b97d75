package hubspot

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// Timestamps come in three forms: the API's ISO 8601 in UTC
// ("2026-01-12T08:30:00.000Z"), epoch milliseconds (the legacy engagements
// API, and tools that save raw property values: "1768206600000"), and the
// UI export's "2026-01-12 09:30", in the account's time zone.
var (
	// layoutMinutesWithZone is ISO 8601 to the minute; value.Timestamp
	// reads the rest.
	layoutMinutesWithZone = "2006-01-02T15:04Z07:00"
	layoutsLocal          = []string{
		"2006-01-02 15:04:05.999999999",
		"2006-01-02 15:04",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02T15:04",
	}
)

// parseTimestamp reads a HubSpot date and time. Times without a zone are
// in zone; a date alone is that day's midnight, UTC, whatever the zone
// (HubSpot stores date properties as midnight UTC).
func parseTimestamp(v string, zone *time.Location) (time.Time, bool) {
	if isDigits(v) {
		return apipages.EpochMillis(v)
	}
	if len(v) == len(time.DateOnly) {
		t, err := time.Parse(time.DateOnly, v)
		return t, err == nil
	}
	if t, ok := value.Timestamp(v); ok {
		return t, true
	}
	if t, err := time.Parse(layoutMinutesWithZone, v); err == nil {
		return t.UTC(), true
	}
	for _, layout := range layoutsLocal {
		if t, err := time.ParseInLocation(layout, v, zone); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// parseCallDuration reads hs_call_duration, in milliseconds ("384000",
// sometimes "384000.0"), or the "HH:MM:SS" / "MM:SS" some exports show,
// and returns whole seconds, rounded.
func parseCallDuration(v string) (int64, bool) {
	if strings.Contains(v, ":") {
		return parseClockDuration(v)
	}
	ms, err := strconv.ParseFloat(v, 64)
	if err != nil || ms < 0 || math.IsNaN(ms) || ms > math.MaxInt32*1000 {
		return 0, false
	}
	return int64(math.Round(ms / 1000)), true
}

func parseClockDuration(v string) (int64, bool) {
	parts := strings.Split(v, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var seconds int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || (i > 0 && n >= 60) || len(p) == 0 {
			return 0, false
		}
		seconds = seconds*60 + n
	}
	return seconds, true
}

// parseBool reads HubSpot's booleans: "true"/"false" from the API, and
// what UI exports and spreadsheets make of them. Empty is false.
func parseBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "true", "yes", "1":
		return true, true
	case "", "false", "no", "0":
		return false, true
	}
	return false, false
}

// normalised folds an enumeration value so that the API's internal value
// and the UI's label compare equal: "NOT_STARTED" and "Not started",
// "closedwon" and "Closed Won", "TODO" and "To-do".
func normalised(v string) string {
	var b strings.Builder
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isDigits reports whether v is a number, as HubSpot IDs are: a
// spreadsheet that turned "45123456789" into "4.51235E+10" has lost it.
func isDigits(v string) bool { return v != "" && strings.TrimLeft(v, "0123456789") == "" }

// splitList splits a multi-value property ("123;456", as HubSpot writes
// checkboxes and lists of IDs), dropping empty items and repeats.
func splitList(v string) []string {
	var out []string
	seen := map[string]bool{}
	for _, item := range strings.Split(v, ";") {
		item = strings.TrimSpace(item)
		if item != "" && !seen[item] {
			seen[item] = true
			out = append(out, item)
		}
	}
	return out
}
