package apipages

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/value"
)

// The readers below are the values every CRM API writes alike; a
// connector adds those of its own API (lookups, option sets) on top.

// ID reads a record's key, or a reference to one: a string, trimmed, or a
// number as written, as some tools save numeric IDs; missing is "".
// Anything else fails the record.
func (r *Fields) ID(name string) string {
	v, ok := r.Value(name)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		r.Fail(name, "%.40s is not an ID", v)
		return ""
	}
	return n.String()
}

// Int reads a whole number (an option's value, minutes), a JSON number or
// a string holding one; ok is false when the member is missing or empty,
// or fails the record when it is not a whole number within ±2³¹.
func (r *Fields) Int(name string) (n int64, ok bool) {
	f, ok := r.Float(name)
	if !ok {
		return 0, false
	}
	switch {
	case f != math.Trunc(f):
		r.Fail(name, "%v is not a whole number", f)
		return 0, false
	case math.Abs(f) > math.MaxInt32:
		// Said of the value as written: 2⁶³−1 is a whole number, but
		// as a float64 it prints as 9.223372036854776e+18.
		raw, _ := r.Value(name)
		r.Fail(name, "%.40s is too large: want a whole number from %d to %d", bytes.TrimSpace(raw), -math.MaxInt32, math.MaxInt32)
		return 0, false
	}
	return int64(f), true
}

// Time reads text, the value of the member name as the connector reads
// its text, as an ISO 8601 date and time with its offset, as UTC
// (value.Timestamp); "" is the zero time. Anything else fails the record,
// the reason saying what was wanted: "%q is not a date and time (want
// <want>)", want such as "ISO 8601, e.g. 2026-02-03T09:00:00Z".
func (r *Fields) Time(name, text, want string) time.Time {
	return r.time(name, text, want, false)
}

// TimeOrDate is Time that also takes a date alone (2026-02-03), as
// midnight UTC, for APIs that write date-only attributes in the same
// form as times.
func (r *Fields) TimeOrDate(name, text, want string) time.Time {
	return r.time(name, text, want, true)
}

// Date reads text, the value of the member name, as a calendar date
// (2026-02-10) at midnight UTC; "" is the zero time, anything else fails
// the record.
func (r *Fields) Date(name, text string) time.Time {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, text)
	if err != nil {
		r.Fail(name, "%q is not a date (want YYYY-MM-DD)", text)
	}
	return t
}

func (r *Fields) time(name, text, want string, dates bool) time.Time {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}
	}
	if dates && len(text) == len(time.DateOnly) {
		if t, err := time.Parse(time.DateOnly, text); err == nil {
			return t
		}
	} else if t, ok := value.Timestamp(text); ok {
		return t
	}
	r.Fail(name, "%q is not a date and time (want %s)", text, want)
	return time.Time{}
}
