package zoho

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// record reads the fields of one JSON record with the SDK's page fields,
// adding Zoho's own values: lookups, picklists and durations.
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

// requiredID is a record's own id, which every record must have.
func (r *record) requiredID(name string) string { return r.Required(name, r.ID(name)) }

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
		return lookup{id: r.ID(name)}
	}
	fields, err := r.Nested(name, v)
	if err != nil {
		r.FailWith(err)
		return lookup{}
	}
	nested := &record{fields}
	l := lookup{id: nested.ID("id"), name: nested.text("name"), email: nested.text("email")}
	r.FailWith(nested.Err)
	return l
}

// datetime reads an ISO 8601 time with its offset as UTC.
func (r *record) datetime(name string) time.Time {
	return r.Time(name, r.text(name), "ISO 8601 with an offset, e.g. 2026-02-03T10:00:00+01:00")
}

func (r *record) date(name string) time.Time { return r.Date(name, r.text(name)) }

// clock is Call_Duration's form: minutes (or hours) and two-digit
// seconds (and minutes).
var clock = regexp.MustCompile(`^[+-]?\d+(:[0-5]\d){1,2}$`)

// duration reads Call_Duration, "MM:SS" or "HH:MM:SS", in seconds.
func (r *record) duration(name string) int64 {
	s := r.text(name)
	if s == "" {
		return 0
	}
	ok := clock.MatchString(s)
	var seconds int64
	for _, part := range strings.Split(s, ":") {
		n, err := strconv.ParseInt(part, 10, 64)
		ok = ok && err == nil && n >= 0
		seconds = seconds*60 + n
	}
	if !ok {
		r.Fail(name, "%q is not a duration (want MM:SS)", s)
		return 0
	}
	return seconds
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
