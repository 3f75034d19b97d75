// Package value parses the values CRM exports hold in the forms their
// vendors write them, for a connector's mapping: the same amount or time
// read the same way by every connector, and a value that is not one
// refused rather than guessed at. Each function reports ok=false for a
// value it cannot read, so that the mapping rejects the row naming the
// field (plugin.FieldError) in its own words.
package value

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Number reads an amount as CRMs' APIs and exports write it: a plain
// decimal number ("125000", "49.5", "-3e2"). Thousands separators and
// currency signs are refused rather than guessed at: "1.250" is a thousand
// and a quarter in Germany and one and a quarter in the API; NaN and
// infinities are refused too. The caller trims spaces.
func Number(s string) (float64, bool) {
	// strconv reads hexadecimal floats ("0x1p4") and digits apart with
	// underscores behind a base prefix; no CRM writes an amount so.
	if strings.ContainsAny(s, "xXpP_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// Layouts of the ISO 8601 times APIs write: an offset with a colon
// ("Z", "+01:00") or without ("+0100", as Salesforce's Bulk API writes
// it), with any fraction of a second or none.
const (
	layoutOffsetColon   = "2006-01-02T15:04:05.999999999Z07:00"
	layoutOffsetNoColon = "2006-01-02T15:04:05.999999999Z0700"
)

// Timestamp reads an ISO 8601 date and time with its offset
// ("2026-01-12T08:30:00.000Z", "2026-01-12T09:30:00+01:00",
// "2026-01-12T08:30:00+0000") as UTC. A time without an offset is not
// one: its zone is the connector's to know. Go's zero time is refused, as
// DateTime says.
func Timestamp(s string) (time.Time, bool) {
	for _, layout := range []string{layoutOffsetColon, layoutOffsetNoColon} {
		if t, err := time.Parse(layout, s); err == nil {
			return notZero(t.UTC())
		}
	}
	return time.Time{}, false
}
