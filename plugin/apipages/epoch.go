package apipages

import (
	"strconv"
	"time"
)

// Epoch milliseconds are read between these years: a number outside them
// is a unit mistake (seconds, microseconds), not a time.
const (
	epochEarliestYear = 1990
	epochLatestYear   = 2200
)

// EpochMillis reads a time as CRM APIs write it in milliseconds since
// 1970 ("1768206600000": HubSpot's legacy engagements, and tools that save
// raw property values), as UTC. Only digits are read, and only times
// between 1990 and 2200, so that seconds or microseconds are refused
// rather than read as a time decades away.
func EpochMillis(s string) (time.Time, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return time.Time{}, false
		}
	}
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	t := time.UnixMilli(ms).UTC()
	if t.Year() < epochEarliestYear || t.Year() > epochLatestYear {
		return time.Time{}, false
	}
	return t, true
}
