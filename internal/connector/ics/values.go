package ics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"
)

// icalTime is a DATE or DATE-TIME value: the wall-clock reading in its
// zone. Wall times are carried as time.Time values in UTC whose fields are
// the reading, because recurrence rules are expanded in local time (a 9:00
// weekly meeting stays at 9:00 across a change to summer time), and turned
// into instants afterwards.
type icalTime struct {
	wall   time.Time
	zone   zone
	allDay bool
}

// utc is the instant the value stands for.
func (t icalTime) utc() time.Time { return t.zone.toUTC(t.wall) }

// key identifies an instance of a recurring event: its start as an
// instant, or its day for an all-day event. RECURRENCE-IDs are matched to
// occurrences by key, and it is the START part of an activity's ID.
func (t icalTime) key() string {
	if t.allDay {
		return t.wall.Format("20060102")
	}
	return t.utc().Format("20060102T150405Z")
}

const (
	dateLayout     = "20060102"
	dateTimeLayout = "20060102T150405"
)

// timeContext resolves the zones of a calendar's date-time values.
type timeContext struct {
	zones *zoneSet
	// floating is the zone of times without a TZID and of all-day dates.
	floating zone
}

// times reads a date or date-time property (DTSTART, EXDATE...), which
// may hold several values separated by commas. Empty values hold no date:
// Exchange writes "EXDATE;VALUE=DATE:" for a series without exceptions,
// and some tools end the list with a comma.
func (tc timeContext) times(prop *ical.BaseProperty) ([]icalTime, error) {
	var out []icalTime
	for _, v := range listValues(prop.Value) {
		t, err := tc.timeValue(prop, v)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// listValues are the non-empty, trimmed values of a comma-separated list.
func listValues(value string) []string {
	var out []string
	for _, v := range strings.Split(value, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// time reads a property that holds one date or date-time.
func (tc timeContext) time(prop *ical.BaseProperty) (icalTime, error) {
	return tc.timeValue(prop, prop.Value)
}

func (tc timeContext) timeValue(prop *ical.BaseProperty, value string) (icalTime, error) {
	value = strings.ToUpper(strings.TrimSpace(value))
	wall, allDay, isUTC, err := parseDateTime(value)
	if err != nil {
		return icalTime{}, err
	}
	t := icalTime{wall: wall, allDay: allDay, zone: tc.floating}
	switch tzid := param(prop, "TZID"); {
	case isUTC:
		t.zone = utcZone
	case allDay:
		// A date is a day wherever the person is: no zone applies.
	case tzid != "":
		if t.zone, err = tc.zones.byTZID(tzid); err != nil {
			return icalTime{}, err
		}
	}
	return t, nil
}

// parseDateTime reads YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ. A
// date with a stray Z (20210527Z, written by some generators) is read as
// the date: a day has no time to be in UTC, and the writer meant the day.
func parseDateTime(value string) (wall time.Time, allDay, isUTC bool, err error) {
	layout := dateTimeLayout
	if len(value) == len(dateLayout)+1 && strings.HasSuffix(value, "Z") {
		value = strings.TrimSuffix(value, "Z")
	}
	switch {
	case len(value) == len(dateLayout):
		layout, allDay = dateLayout, true
	case strings.HasSuffix(value, "Z"):
		value, isUTC = strings.TrimSuffix(value, "Z"), true
	}
	wall, err = time.Parse(layout, value)
	if err != nil {
		return time.Time{}, false, false, fmt.Errorf("%q is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, with Z for UTC)", value)
	}
	return wall, allDay, isUTC, nil
}

// icalDuration is a DURATION value: days (nominal: a day may last 23 or 25
// hours across a change of time) and an exact part.
type icalDuration struct {
	days  int
	exact time.Duration
}

// maxDurationDays bounds a duration: longer is a typo, and would overflow.
const maxDurationDays = 3660

// parseDuration reads an RFC 5545 duration: P1D, PT1H30M, P1W, P1DT2H.
// Negative durations are refused: an event cannot end before it starts.
func parseDuration(value string) (icalDuration, error) {
	s := strings.ToUpper(strings.TrimSpace(value))
	bad := fmt.Errorf("%q is not a duration such as PT1H30M or P1D", value)
	if strings.HasPrefix(s, "-") {
		return icalDuration{}, fmt.Errorf("%q is negative: the event would end before it starts", value)
	}
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return icalDuration{}, bad
	}
	var d icalDuration
	inTime, timeUnits := false, 0
	number := ""
	for _, r := range s[1:] {
		switch {
		case r >= '0' && r <= '9':
			number += string(r)
			continue
		case r == 'T' && !inTime && number == "":
			inTime = true
			continue
		}
		n, err := strconv.Atoi(number)
		if err != nil || n > maxDurationDays*24*3600 {
			return icalDuration{}, bad
		}
		number = ""
		switch {
		case !inTime && r == 'W':
			d.days += 7 * n
		case !inTime && r == 'D':
			d.days += n
		case inTime && r == 'H':
			d.exact += time.Duration(n) * time.Hour
		case inTime && r == 'M':
			d.exact += time.Duration(n) * time.Minute
		case inTime && r == 'S':
			d.exact += time.Duration(n) * time.Second
		default:
			return icalDuration{}, bad
		}
		if inTime {
			timeUnits++
		}
	}
	if number != "" || (inTime && timeUnits == 0) || d.days > maxDurationDays || d.exact > maxDurationDays*24*time.Hour {
		return icalDuration{}, bad
	}
	return d, nil
}

// end is the instant a duration after start ends.
func (d icalDuration) end(start icalTime) time.Time {
	return start.zone.toUTC(start.wall.AddDate(0, 0, d.days)).Add(d.exact)
}

// period is an RDATE;VALUE=PERIOD value: a start and its own end.
type period struct {
	start icalTime
	end   time.Time
}

// periods reads an RDATE;VALUE=PERIOD property: start/end or
// start/duration, separated by commas.
func (tc timeContext) periods(prop *ical.BaseProperty) ([]period, error) {
	var out []period
	for _, v := range listValues(prop.Value) {
		startText, endText, ok := strings.Cut(v, "/")
		if !ok {
			return nil, fmt.Errorf("%q is not a period (start/end or start/duration)", v)
		}
		start, err := tc.timeValue(prop, startText)
		if err != nil {
			return nil, err
		}
		p := period{start: start}
		if strings.HasPrefix(strings.TrimLeft(endText, "+"), "P") {
			d, err := parseDuration(endText)
			if err != nil {
				return nil, err
			}
			p.end = d.end(start)
		} else {
			end, err := tc.timeValue(prop, endText)
			if err != nil {
				return nil, err
			}
			p.end = end.utc()
		}
		if p.end.Before(start.utc()) {
			return nil, errors.New("the period " + strings.TrimSpace(v) + " ends before it starts")
		}
		out = append(out, p)
	}
	return out, nil
}
