package calendars

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// wallLayout is a date and time without an offset, as Graph writes it
// (with up to seven decimals, which parsing accepts) and as tools save
// Google's when they drop the offset.
const wallLayout = "2006-01-02T15:04:05"

// ReadDateTime reads the dateTime member of an event's start or end,
// dt, as UTC: with its offset (RFC 3339), or as a wall time in zoneName
// (an IANA or Windows name, value.Zone; "" for UTC). What cannot be read
// fails dt, naming dateTime or timeZone; example shows the form wanted.
func ReadDateTime(dt *apipages.Fields, zoneName, example string) time.Time {
	text := dt.Text("dateTime")
	if t, ok := value.Timestamp(text); ok {
		return t
	}
	zone, err := value.Zone(plugin.FirstNonBlank(zoneName, "UTC"))
	if err != nil {
		dt.Fail("timeZone", "%v", err)
		return time.Time{}
	}
	wall, err := time.ParseInLocation(wallLayout, text, zone)
	if err != nil {
		dt.Fail("dateTime", "%q is not a date and time (want %s)", text, example)
		return time.Time{}
	}
	return wall.UTC()
}

// The flags of an activity's RawType: what a calendar says of an event
// beyond its times, in the words the ics connector uses.
const (
	FlagAllDay           = "all-day"
	FlagTentative        = "tentative"
	FlagOutOfOffice      = "out-of-office"
	FlagWorkingElsewhere = "working-elsewhere"
	FlagFocusTime        = "focus-time"
	FlagOnline           = "online"
)

// Flags collects an event's flags, in the order added.
type Flags []string

// With adds flag when on is true.
func (f Flags) With(on bool, flag string) Flags {
	if on {
		return append(f, flag)
	}
	return f
}

// String is the flags comma-separated, for RawType.
func (f Flags) String() string { return strings.Join(f, ",") }
