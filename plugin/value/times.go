package value

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// localLayouts are the dates and times exports write without an offset.
var localLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", time.DateOnly}

// DateTime reads a date and time as APIs and exports write it: without an
// offset ("2024-12-05 11:02:00", "2024-12-05 11:02", or a date alone for
// midnight), taken in zone, or in ISO 8601 with its offset (Timestamp).
// The time is returned as UTC.
//
// The first instant of year 1 in UTC ("0001-01-01 00:00:00", an unset
// date in some databases) is refused: it is Go's zero time, which the
// records take for "not given", so it would be read as an empty value
// and the row rejected for a missing value rather than for this one.
func DateTime(s string, zone *time.Location) (time.Time, bool) {
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return notZero(t.UTC())
		}
	}
	return Timestamp(s)
}

// notZero refuses the zero time (see DateTime).
func notZero(t time.Time) (time.Time, bool) {
	return t, !t.IsZero()
}

// Date reads a calendar date, "2024-12-05", or a UTC date and time at
// midnight as some APIs write dates ("2024-12-05 00:00:00"), as midnight
// UTC. Any other time of day is not a date.
func Date(s string) (time.Time, bool) {
	t, ok := DateTime(s, time.UTC)
	if !ok || !t.Equal(t.Truncate(24*time.Hour)) {
		return time.Time{}, false
	}
	return t, true
}

// Clock reads H:MM or H:MM:SS ("9:30", "10:30:15") as a time since
// midnight or a duration: the hours are not bounded ("26:00" is a day and
// two hours), so the caller bounds a time of day.
func Clock(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.TrimLeft(p, "0123456789") != "" {
			return 0, false
		}
		n[i], _ = strconv.Atoi(p)
		if i > 0 && (len(p) != 2 || n[i] > 59) {
			return 0, false
		}
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, true
}

const secondsPerDay = 24 * 60 * 60

// DayFraction reads a non-negative decimal number as days, to the nearest
// second: spreadsheets store times and durations as fractions of a day
// (0.4375 is 10:30) and write them so when a column loses its format.
func DayFraction(s string) (time.Duration, bool) {
	if !isSerial(s) {
		return 0, false
	}
	days, err := strconv.ParseFloat(s, 64)
	if err != nil || days > 1e5 {
		return 0, false
	}
	return time.Duration(math.Round(days*secondsPerDay)) * time.Second, true
}

// isSerial reports whether s is digits with an optional decimal part, the
// way a spreadsheet writes a serial date or a fraction of a day.
func isSerial(s string) bool {
	whole, fraction, hasPoint := strings.Cut(s, ".")
	digits := func(p string) bool { return p != "" && strings.Trim(p, "0123456789") == "" }
	return digits(whole) && (!hasPoint || digits(fraction))
}

// The spreadsheet serial dates SerialDate accepts: 1970 to 2099. A serial
// outside is a number in the wrong column, not a date of a CRM export.
const (
	minPlausibleSerial = 25569 // 1970-01-01
	maxPlausibleSerial = 73051 // 2099-12-31
)

// SerialDate reads a spreadsheet serial date, as a date cell is written
// when a CSV file is opened and saved again in a spreadsheet: 45631 is
// 2024-12-05, and 45631.4375 10:30 that day, UTC. serial is false when s
// is not written as one at all (digits with an optional decimal part), so
// that another reading may be tried; err then says why a number is no
// date (outside 1970 to 2099, a number in the wrong column).
func SerialDate(s string) (t time.Time, serial bool, err error) {
	if !isSerial(s) {
		return time.Time{}, false, nil
	}
	days, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, true, fmt.Errorf("%q is not a serial date", s)
	}
	if days < minPlausibleSerial || days >= maxPlausibleSerial+1 {
		return time.Time{}, true, fmt.Errorf("%s is not a plausible spreadsheet serial date (accepted: %d to %d, 1970 to 2099)",
			s, minPlausibleSerial, maxPlausibleSerial)
	}
	t, err = SerialTime(days)
	if err != nil {
		return time.Time{}, true, fmt.Errorf("%q: %w", s, err)
	}
	return t, true, nil
}

// SerialTime turns a spreadsheet serial date into a time, UTC. Serial 1 is
// 1900-01-01, but Lotus 1-2-3, and Excel after it, count a 29 February
// 1900 that never was (serial 60): from serial 61 (1900-03-01) on, days
// count from 1899-12-30, before it from 1899-12-31. The fraction is the
// time of day, rounded to the second.
func SerialTime(serial float64) (time.Time, error) {
	day := math.Floor(serial)
	switch {
	case math.IsNaN(serial) || day < 1:
		return time.Time{}, fmt.Errorf("serial dates start at 1 (1900-01-01)")
	case day == 60:
		return time.Time{}, fmt.Errorf("serial 60 is 29 February 1900, a day that did not exist")
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if day < 60 {
		epoch = epoch.AddDate(0, 0, 1)
	}
	seconds := math.Round((serial - day) * secondsPerDay)
	return epoch.AddDate(0, 0, int(day)).Add(time.Duration(seconds) * time.Second), nil
}
