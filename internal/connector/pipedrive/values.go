package pipedrive

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// field is one value of a record, as text, with the name the export gives
// it. API values and CSV cells alike are read through it, so that both
// forms share one set of parsers and one way of naming a bad value.
type field struct {
	name string
	text string
}

func (f field) value() string { return strings.TrimSpace(f.text) }

func (f field) empty() bool { return f.value() == "" }

// values parses the fields of one record and keeps the first that cannot
// be read, so that a mapping reads every field and checks once.
type values struct {
	err *plugin.RowError
}

func (v *values) fail(name, format string, args ...any) {
	if v.err == nil {
		v.err = &plugin.RowError{Field: name, Reason: fmt.Sprintf(format, args...)}
	}
}

// failed is the first bad value as an error, or nil. It returns a nil
// error interface, not a nil *plugin.RowError, when all is well.
func (v *values) failed() error {
	if v.err == nil {
		return nil
	}
	return v.err
}

// requiredID is a record's own ID, which every record must have.
func (v *values) requiredID(f field) string {
	id := f.value()
	if id == "" {
		v.fail(f.name, "the record has no ID")
	}
	return id
}

// date reads a calendar date as midnight UTC; empty is the zero time.
func (v *values) date(f field) time.Time {
	s := f.value()
	if s == "" {
		return time.Time{}
	}
	if t, ok := parseDate(s); ok {
		return t
	}
	if t, ok, reason := parseSerial(s); ok || reason != "" {
		if !ok {
			v.fail(f.name, "%s", reason)
		}
		// A serial with a fraction carries a time of day, which a date
		// field does not keep.
		return t.Truncate(24 * time.Hour)
	}
	v.fail(f.name, "%q is not a date (want YYYY-MM-DD or a spreadsheet serial date)", s)
	return time.Time{}
}

// dateTime reads a timestamp, UTC unless it says otherwise; a date alone
// is midnight. Empty is the zero time.
func (v *values) dateTime(f field) time.Time {
	s := f.value()
	if s == "" {
		return time.Time{}
	}
	if t, ok := parseDateTime(s); ok {
		return t
	}
	if t, ok, reason := parseSerial(s); ok || reason != "" {
		if !ok {
			v.fail(f.name, "%s", reason)
		}
		return t
	}
	v.fail(f.name, "%q is not a date and time (want YYYY-MM-DD HH:MM:SS, ISO 8601 or a spreadsheet serial date)", s)
	return time.Time{}
}

// clock reads a time of day (HH:MM, H:MM, HH:MM:SS, or the fraction of a
// day a spreadsheet leaves when it reformats a time). ok is false when
// the field is empty: the activity has a date but no time.
func (v *values) clock(f field) (since time.Duration, ok bool) {
	s := f.value()
	if s == "" {
		return 0, false
	}
	d, err := parseHHMM(s)
	if err == nil && d >= 24*time.Hour {
		err = fmt.Errorf("%q is past the end of the day", s)
	}
	if err != nil {
		fraction, isNumber := dayFraction(s)
		if !isNumber || fraction >= 24*time.Hour {
			v.fail(f.name, "%q is not a time of day (want HH:MM)", s)
			return 0, false
		}
		d = fraction
	}
	return d, true
}

// duration reads a duration (HH:MM or HH:MM:SS, hours may pass 24, or a
// spreadsheet's fraction of a day) in whole seconds; empty is 0.
func (v *values) duration(f field) int64 {
	s := f.value()
	if s == "" {
		return 0
	}
	d, err := parseHHMM(s)
	if err != nil {
		fraction, isNumber := dayFraction(s)
		if !isNumber {
			v.fail(f.name, "%q is not a duration (want HH:MM)", s)
			return 0
		}
		d = fraction
	}
	return int64(d / time.Second)
}

// done reads whether an activity is done: Pipedrive's API writes 0/1 (v1)
// or true/false (v2), its CSV export "Done" or "To do".
func (v *values) done(f field) bool {
	switch strings.ToLower(f.value()) {
	case "1", "true", "done", "yes":
		return true
	case "", "0", "false", "to do", "todo", "not done", "no":
		return false
	}
	v.fail(f.name, "%q is neither done nor to do (want 0/1, true/false, Done or To do)", f.value())
	return false
}

// flag reads an API boolean (true/false or 0/1); empty is otherwise.
func (v *values) flag(f field, otherwise bool) bool {
	switch strings.ToLower(f.value()) {
	case "1", "true":
		return true
	case "0", "false":
		return false
	case "":
		return otherwise
	}
	v.fail(f.name, "%q is not a boolean", f.value())
	return otherwise
}

// number reads an amount; empty is nil.
func (v *values) number(f field) *float64 {
	s := f.value()
	if s == "" {
		return nil
	}
	n, ok := value.Number(s)
	if !ok {
		v.fail(f.name, "%q is not a number", s)
		return nil
	}
	return &n
}

const (
	layoutDateTime       = "2006-01-02 15:04:05"
	layoutDateTimeMinute = "2006-01-02 15:04"
	layoutDate           = "2006-01-02"
)

// parseDateTime reads the timestamp forms of Pipedrive: API v1 and the
// CSV export write "YYYY-MM-DD HH:MM:SS" in UTC, API v2 ISO 8601.
func parseDateTime(s string) (time.Time, bool) {
	for _, layout := range []string{layoutDateTime, layoutDateTimeMinute, layoutDate, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// parseDate reads a date, which some values carry with a midnight time.
func parseDate(s string) (time.Time, bool) {
	t, ok := parseDateTime(s)
	if !ok || !t.Equal(t.Truncate(24*time.Hour)) {
		return time.Time{}, false
	}
	return t, true
}

// parseHHMM reads H:MM or H:MM:SS; the hours are not bounded, so that it
// serves durations as well as times of day.
func parseHHMM(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("%q is not H:MM", s)
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.TrimLeft(p, "0123456789") != "" {
			return 0, fmt.Errorf("%q is not H:MM", s)
		}
		n[i], _ = strconv.Atoi(p)
		if i > 0 && (len(p) != 2 || n[i] > 59) {
			return 0, fmt.Errorf("%q is not H:MM", s)
		}
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second, nil
}

// dayFraction reads a non-negative decimal number as days, to the nearest
// second: spreadsheets store times and durations as fractions of a day
// (0.4375 is 10:30) and write them so when a column loses its format.
func dayFraction(s string) (time.Duration, bool) {
	if !isDecimal(s) {
		return 0, false
	}
	days, err := strconv.ParseFloat(s, 64)
	if err != nil || days > 1e5 {
		return 0, false
	}
	return time.Duration(math.Round(days*secondsPerDay)) * time.Second, true
}

const secondsPerDay = 24 * 60 * 60

// isDecimal reports whether s is digits with an optional decimal part,
// the way a spreadsheet writes a serial date.
func isDecimal(s string) bool {
	whole, fraction, hasPoint := strings.Cut(s, ".")
	digits := func(p string) bool { return p != "" && strings.Trim(p, "0123456789") == "" }
	return digits(whole) && (!hasPoint || digits(fraction))
}

// Spreadsheet serial dates the connector accepts: 1970 to 2099. A serial
// outside is a number in the wrong column, not a date of a sales export.
const (
	minPlausibleSerial = 25569 // 1970-01-01
	maxPlausibleSerial = 73051 // 2099-12-31
)

// parseSerial reads a spreadsheet serial date such as 45631 or
// 45631.4375. It returns ok=false with no reason when s is not a number at
// all (so another reading may be tried), and with a reason when it is a
// number that is no date.
func parseSerial(s string) (t time.Time, ok bool, reason string) {
	if !isDecimal(s) {
		return time.Time{}, false, ""
	}
	serial, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, false, fmt.Sprintf("%q is not a serial date", s)
	}
	if serial < minPlausibleSerial || serial >= maxPlausibleSerial+1 {
		return time.Time{}, false, fmt.Sprintf("%s is not a plausible spreadsheet serial date (accepted: %d to %d, 1970 to 2099)",
			s, minPlausibleSerial, maxPlausibleSerial)
	}
	t, err = excelSerialTime(serial)
	if err != nil {
		return time.Time{}, false, fmt.Sprintf("%q: %v", s, err)
	}
	return t, true, ""
}

// excelSerialTime turns a spreadsheet serial date into a time. Serial 1 is
// 1900-01-01, but Lotus 1-2-3, and Excel after it, count a 29 February
// 1900 that never was (serial 60): from serial 61 (1900-03-01) on, days
// count from 1899-12-30, before it from 1899-12-31. The fraction is the
// time of day, rounded to the second.
func excelSerialTime(serial float64) (time.Time, error) {
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

// nameKey is how names are compared: case, accents kept, spacing not.
func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
