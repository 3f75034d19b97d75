package zoho

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// record reads the fields of one JSON record with the SDK's page fields,
// adding Zoho's own values: lookups, picklists, durations and times.
type record struct{ *apipages.Fields }

// text reads a string; numbers and booleans read as written, a lookup as
// its name. Zoho's empty picklist value "-None-" reads as empty.
func (r *record) text(name string) string {
	s, ok := r.Scalar(name, true)
	if !ok {
		s = r.lookup(name).name
	}
	s = strings.TrimSpace(s)
	if s == "-None-" {
		return ""
	}
	return s
}

// id reads a record ID: a string of digits, or a number in older exports.
func (r *record) id(name string) string {
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

// requiredID is a record's own id, which every record must have.
func (r *record) requiredID(name string) string { return r.Required(name, r.id(name)) }

// lookup is a lookup field: {"name": …, "id": …}.
type lookup struct {
	id, name, email string
}

// lookup reads a lookup field; a bare ID, as some tools write it, is a
// lookup without a name.
func (r *record) lookup(name string) lookup {
	v, ok := r.Value(name)
	if !ok {
		return lookup{}
	}
	if v[0] != '{' {
		return lookup{id: r.id(name)}
	}
	fields, err := r.Nested(name, v)
	if err != nil {
		r.FailWith(err)
		return lookup{}
	}
	nested := &record{fields}
	l := lookup{id: nested.id("id"), name: nested.text("name"), email: nested.text("email")}
	r.FailWith(nested.Err)
	return l
}

// datetime reads an ISO 8601 time with its offset
// (2026-02-03T10:00:00+01:00) as UTC; missing is the zero time.
func (r *record) datetime(name string) time.Time {
	s := r.text(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		r.Fail(name, "%q is not a date and time (want ISO 8601 with an offset, e.g. 2026-02-03T10:00:00+01:00)", s)
		return time.Time{}
	}
	return t.UTC()
}

// date reads a calendar date (2026-02-10) as midnight UTC.
func (r *record) date(name string) time.Time {
	s := r.text(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		r.Fail(name, "%q is not a date (want YYYY-MM-DD)", s)
		return time.Time{}
	}
	return t
}

// array reads a field holding a list of objects; missing is nil.
func (r *record) array(name string) []json.RawMessage { return r.List(name, "a list") }

// duration reads Call_Duration, "MM:SS" or "HH:MM:SS", in seconds.
func (r *record) duration(name string) int64 {
	s := r.text(name)
	if s == "" {
		return 0
	}
	seconds, ok := parseClock(s)
	if !ok {
		r.Fail(name, "%q is not a duration (want MM:SS)", s)
	}
	return seconds
}

func parseClock(s string) (int64, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var total int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || (i > 0 && (n > 59 || len(p) != 2)) {
			return 0, false
		}
		total = total*60 + n
	}
	return total, true
}

// seconds reads a whole, non-negative number of seconds; missing is -1,
// so that the caller can fall back to another field.
func (r *record) seconds(name string) int64 {
	f := r.Number(name)
	switch {
	case f == nil:
		return -1
	case *f < 0 || *f != math.Trunc(*f):
		r.Fail(name, "%v is not a whole number of seconds of zero or more", *f)
		return -1
	}
	return int64(*f)
}
