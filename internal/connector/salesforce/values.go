package salesforce

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// nullID is what Salesforce's Data Export writes in an empty lookup
// (WhoId, WhatId, ManagerId, ParentRoleId…); older exports write its
// 15-character form, which caseSafeID turns into this one.
const nullID = "000000000000000AAA"

// Salesforce ID prefixes: the first three characters say the object.
const (
	prefixUser        = "005"
	prefixAccount     = "001"
	prefixContact     = "003"
	prefixLead        = "00Q"
	prefixOpportunity = "006"
)

// column is a column of the file being read, looked up once in its header.
// Index is -1 when the file does not have it: the value then reads as
// empty.
type column struct {
	name  string
	index int
}

func (c column) present() bool { return c.index >= 0 }

// row reads the values of one CSV row. The first value that cannot be read
// is kept in err, so that a mapping reads every field and checks once.
type row struct {
	csvfile.Row
	err *plugin.RowError
}

func (r *row) fail(c column, format string, args ...any) {
	if r.err == nil {
		r.err = plugin.FieldError(c.name, format, args...)
	}
}

// text is the value as written.
func (r *row) text(c column) string { return r.Field(c.index) }

// id is a record's Id or a lookup, in the 18-character form whichever
// form the file wrote it in (caseSafeID); empty or the null sentinel read
// as "". A value not shaped like an ID is kept as written: an org's
// customised export may have IDs of its own.
func (r *row) id(c column) string {
	v, _ := caseSafeID(strings.TrimSpace(r.Field(c.index)))
	if v == nullID {
		return ""
	}
	return v
}

// requiredID is a record's own Id, which every row must have.
func (r *row) requiredID(c column) string {
	v := r.id(c)
	if v == "" {
		r.fail(c, "%s is empty", c.name)
	}
	return v
}

// boolean reads "1"/"0" (Data Export) and "true"/"false" (Data Loader,
// Bulk API); empty is false.
func (r *row) boolean(c column) bool {
	v := strings.TrimSpace(r.Field(c.index))
	switch {
	case v == "1" || strings.EqualFold(v, "true"):
		return true
	case v == "" || v == "0" || strings.EqualFold(v, "false"):
		return false
	}
	r.fail(c, "%q is not a boolean (want 0/1 or true/false)", v)
	return false
}

// datetime reads a timestamp; empty is the zero time.
func (r *row) datetime(c column) time.Time {
	return r.time(c, parseDateTime, "a date and time (want YYYY-MM-DD HH:MM:SS, UTC)")
}

// date reads a calendar date, as midnight UTC; empty is the zero time.
func (r *row) date(c column) time.Time { return r.time(c, parseDate, "a date (want YYYY-MM-DD)") }

// time reads a value with parse; what says what it must be, for the
// reject of one that is not.
func (r *row) time(c column, parse func(string) (time.Time, bool), what string) time.Time {
	v := strings.TrimSpace(r.Field(c.index))
	if v == "" {
		return time.Time{}
	}
	t, ok := parse(v)
	switch {
	case ok && t.IsZero():
		// Go's zero time is what a record takes for "not given": year 1
		// (an unset date in some databases) would read as empty.
		r.fail(c, "%q is the first instant of year 1, an unset date rather than %s", v, what)
		return time.Time{}
	case !ok:
		r.fail(c, "%q is not %s", v, what)
	}
	return t
}

// number reads an optional amount; empty is nil.
func (r *row) number(c column) *float64 {
	v := strings.TrimSpace(r.Field(c.index))
	if v == "" {
		return nil
	}
	f, ok := value.Number(v)
	if !ok {
		r.fail(c, "%q is not a number", v)
		return nil
	}
	return &f
}

// count reads a whole, non-negative number (seconds, minutes); empty is 0.
func (r *row) count(c column) int64 {
	v := strings.TrimSpace(r.Field(c.index))
	if v == "" {
		return 0
	}
	// Some exports write whole numbers with a decimal part ("30.0").
	f, err := strconv.ParseFloat(v, 64)
	switch {
	case err == nil && f == math.Trunc(f) && f > math.MaxInt32:
		r.fail(c, "%q is too large: want a whole number from 0 to %d", v, math.MaxInt32)
		return 0
	case err != nil || f != math.Trunc(f) || f < 0:
		r.fail(c, "%q is not a whole number of zero or more", v)
		return 0
	}
	return int64(f)
}

const (
	layoutDataExport = "2006-01-02 15:04:05"
	layoutDate       = "2006-01-02"
)

// parseDateTime reads the timestamp forms of Salesforce exports, all UTC
// unless they say otherwise.
func parseDateTime(v string) (time.Time, bool) {
	switch {
	case len(v) == len(layoutDate) || len(v) == len(layoutDataExport) && v[10] == ' ':
		return parseDataExport(v)
	case len(v) > 10 && v[10] == 'T':
		// Data Loader and the Bulk API write ISO 8601, with "Z" or "+0000".
		return value.Timestamp(v)
	}
	return time.Time{}, false
}

// parseDataExport reads the Data Export forms, layoutDate and
// layoutDataExport, accepting exactly what time.Parse accepts. A task
// export holds millions of them, a few a row, and reading the digits of
// the usual form directly takes a tenth of time.Parse's time; anything
// else (time.Parse also takes runs of spaces and one-digit hours) goes
// to time.Parse.
func parseDataExport(v string) (time.Time, bool) {
	if t, ok := parseDataExportDigits(v); ok {
		return t, true
	}
	layout := layoutDataExport
	if len(v) == len(layoutDate) {
		layout = layoutDate
	}
	t, err := time.Parse(layout, v)
	return t, err == nil
}

// parseDataExportDigits reads exactly "2006-01-02" or "2006-01-02 15:04:05"
// with every digit written.
func parseDataExportDigits(v string) (time.Time, bool) {
	if len(v) != len(layoutDate) && (len(v) != len(layoutDataExport) || v[10] != ' ') {
		return time.Time{}, false
	}
	year, ok1 := digits(v, 0, 4)
	month, ok2 := digits(v, 5, 2)
	day, ok3 := digits(v, 8, 2)
	if !ok1 || !ok2 || !ok3 || v[4] != '-' || v[7] != '-' ||
		month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) {
		return time.Time{}, false
	}
	var hour, minute, second int
	if len(v) == len(layoutDataExport) {
		var ok4, ok5, ok6 bool
		hour, ok4 = digits(v, 11, 2)
		minute, ok5 = digits(v, 14, 2)
		second, ok6 = digits(v, 17, 2)
		if !ok4 || !ok5 || !ok6 || v[13] != ':' || v[16] != ':' || hour > 23 || minute > 59 || second > 59 {
			return time.Time{}, false
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC), true
}

// digits reads the n decimal digits of v at from.
func digits(v string, from, n int) (int, bool) {
	value := 0
	for _, c := range []byte(v[from : from+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		value = value*10 + int(c-'0')
	}
	return value, true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDate reads a date, which some exports write with a midnight time.
func parseDate(v string) (time.Time, bool) {
	t, ok := parseDateTime(v)
	if !ok || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return time.Time{}, false
	}
	return t, true
}
