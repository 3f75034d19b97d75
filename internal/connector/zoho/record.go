package zoho

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// fieldError is a value that cannot be read: its record becomes a reject
// that names the field.
type fieldError struct {
	field  string
	reason string
}

func (e *fieldError) Error() string { return e.field + ": " + e.reason }

// skipRow is a record deliberately not loaded; the reason is shown to the
// user with the number of records skipped for it.
type skipRow struct{ reason string }

func (s skipRow) Error() string { return "skipped: " + s.reason }

// record reads the fields of one JSON record by their API names, matched
// without regard to case. The first value that cannot be read is kept in
// err, so that a mapping reads every field and checks once.
type record struct {
	line   int64
	fields map[string]json.RawMessage
	// prefix names a nested record (an event participant) in errors.
	prefix string
	err    *fieldError
}

// newRecord decodes a record; a value that is not a JSON object is a
// *fieldError.
func newRecord(line int64, raw json.RawMessage, prefix string) (*record, error) {
	fields, ok := apipages.Object(raw)
	if !ok {
		return nil, &fieldError{field: strings.TrimSuffix(prefix, "."), reason: fmt.Sprintf("%.40s is not a JSON object", raw)}
	}
	return &record{line: line, fields: fields, prefix: prefix}, nil
}

func (r *record) fail(name, format string, args ...any) {
	if r.err == nil {
		r.err = &fieldError{field: r.prefix + name, reason: fmt.Sprintf(format, args...)}
	}
}

// failWith keeps err, a *fieldError of a nested record, as the record's
// first error.
func (r *record) failWith(err error) {
	if fe, ok := err.(*fieldError); ok && r.err == nil {
		r.err = fe
	}
}

// value is the field's JSON value; null and absent are both missing.
func (r *record) value(name string) (json.RawMessage, bool) {
	v, ok := r.fields[strings.ToLower(name)]
	if !ok || apipages.IsNull(v) {
		return nil, false
	}
	return v, true
}

func (r *record) has(name string) bool {
	_, ok := r.fields[strings.ToLower(name)]
	return ok
}

// text reads a string; numbers and booleans read as written, a lookup as
// its name. Zoho's empty picklist value "-None-" reads as empty.
func (r *record) text(name string) string {
	v, ok := r.value(name)
	if !ok {
		return ""
	}
	var s string
	switch {
	case json.Unmarshal(v, &s) == nil:
	case v[0] == '{':
		s = r.lookup(name).name
	case v[0] == '[':
		r.fail(name, "%.40s is not a text value", v)
	default:
		s = string(bytes.TrimSpace(v))
	}
	s = strings.TrimSpace(s)
	if s == "-None-" {
		return ""
	}
	return s
}

// id reads a record ID: a string of digits, or a number in older exports.
func (r *record) id(name string) string {
	v, ok := r.value(name)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		r.fail(name, "%.40s is not an ID", v)
		return ""
	}
	return n.String()
}

// requiredID is a record's own id, which every record must have.
func (r *record) requiredID(name string) string {
	id := r.id(name)
	if id == "" && r.err == nil {
		r.fail(name, "the record has no %s", name)
	}
	return id
}

// lookup is a lookup field: {"name": …, "id": …}.
type lookup struct {
	id, name, email string
}

// lookup reads a lookup field; a bare ID, as some tools write it, is a
// lookup without a name.
func (r *record) lookup(name string) lookup {
	v, ok := r.value(name)
	if !ok {
		return lookup{}
	}
	if v[0] != '{' {
		return lookup{id: r.id(name)}
	}
	nested, err := newRecord(r.line, v, r.prefix+name+".")
	if err != nil {
		r.failWith(err)
		return lookup{}
	}
	l := lookup{id: nested.id("id"), name: nested.text("name"), email: nested.text("email")}
	r.failWith(nested.err)
	return l
}

// number reads an optional amount, a JSON number or a string holding one;
// missing is nil.
func (r *record) number(name string) *float64 {
	v, ok := r.value(name)
	if !ok {
		return nil
	}
	text := string(bytes.TrimSpace(v))
	var s string
	if json.Unmarshal(v, &s) == nil {
		text = strings.TrimSpace(s)
		if text == "" {
			return nil
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.fail(name, "%.40s is not a number", v)
		return nil
	}
	return &f
}

// boolean reads true/false; missing is false.
func (r *record) boolean(name string) bool {
	v, ok := r.value(name)
	if !ok {
		return false
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		r.fail(name, "%.40s is not true or false", v)
	}
	return b
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
		r.fail(name, "%q is not a date and time (want ISO 8601 with an offset, e.g. 2026-02-03T10:00:00+01:00)", s)
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
		r.fail(name, "%q is not a date (want YYYY-MM-DD)", s)
		return time.Time{}
	}
	return t
}

// array reads a field holding a list of objects; missing is nil.
func (r *record) array(name string) []json.RawMessage {
	v, ok := r.value(name)
	if !ok {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		r.fail(name, "%.40s is not a list", v)
		return nil
	}
	return items
}

// duration reads Call_Duration, "MM:SS" or "HH:MM:SS", in seconds.
func (r *record) duration(name string) int64 {
	s := r.text(name)
	if s == "" {
		return 0
	}
	seconds, ok := parseClock(s)
	if !ok {
		r.fail(name, "%q is not a duration (want MM:SS)", s)
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
	f := r.number(name)
	switch {
	case f == nil:
		return -1
	case *f < 0 || *f != math.Trunc(*f):
		r.fail(name, "%v is not a whole number of seconds of zero or more", *f)
		return -1
	}
	return int64(*f)
}

func firstSet(times ...time.Time) time.Time {
	for _, t := range times {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
