package dynamics

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

// Annotations the Web API adds after an attribute's name when asked for
// them (Prefer: odata.include-annotations="*"), lower-cased.
const (
	formattedValue    = "@odata.community.display.v1.formattedvalue"
	lookupLogicalName = "@microsoft.dynamics.crm.lookuplogicalname"
)

// fieldError is a value that cannot be read: its record becomes a reject
// that names the attribute.
type fieldError struct {
	field  string
	reason string
}

func (e *fieldError) Error() string { return e.field + ": " + e.reason }

// skipRow is a record deliberately not loaded; the reason is shown to the
// user with the number of records skipped for it.
type skipRow struct{ reason string }

func (s skipRow) Error() string { return "skipped: " + s.reason }

// record reads the attributes of one JSON record. Attribute names are
// matched without regard to case, as the product's own tools do. The first
// value that cannot be read is kept in err, so that a mapping reads every
// attribute and checks once.
type record struct {
	line   int64
	fields map[string]json.RawMessage
	// prefix names a nested record (an expanded activity party) in errors.
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

// value is the attribute's JSON value; null and absent are both missing.
func (r *record) value(name string) (json.RawMessage, bool) {
	v, ok := r.fields[name]
	if !ok || apipages.IsNull(v) {
		return nil, false
	}
	return v, true
}

func isNull(v json.RawMessage) bool { return apipages.IsNull(v) }

// has reports whether the record has the attribute, even null.
func (r *record) has(name string) bool {
	_, ok := r.fields[name]
	return ok
}

// text reads a string; numbers and booleans read as written.
func (r *record) text(name string) string {
	v, ok := r.value(name)
	if !ok {
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return s
	}
	switch v[0] {
	case '{', '[':
		r.fail(name, "%.40s is not a text value", v)
		return ""
	}
	return string(bytes.TrimSpace(v))
}

// id reads a GUID or other key, which the Web API writes as a string.
func (r *record) id(name string) string {
	v, ok := r.value(name)
	if !ok {
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		r.fail(name, "%.40s is not an ID (want a GUID string)", v)
		return ""
	}
	return strings.TrimSpace(s)
}

// requiredID is a record's own key, which every record must have.
func (r *record) requiredID(name string) string {
	id := r.id(name)
	if id == "" && r.err == nil {
		r.fail(name, "the record has no %s", name)
	}
	return id
}

// formatted is the display text the Web API annotates a value with: an
// option's label, a lookup's name, a formatted amount.
func (r *record) formatted(name string) string {
	return r.annotation(name + formattedValue)
}

// lookup is a lookup attribute (_ownerid_value) with its annotations.
type lookup struct {
	id string
	// logicalName is the table the lookup points to (systemuser,
	// account…), "" when the export has no annotations.
	logicalName string
	name        string
}

func (r *record) lookup(name string) lookup {
	return lookup{
		id:          r.id(name),
		logicalName: strings.ToLower(r.annotation(name + lookupLogicalName)),
		name:        r.formatted(name),
	}
}

// annotation reads an annotation's text; one that is not text is ignored,
// as annotations only add to the value.
func (r *record) annotation(key string) string {
	v, ok := r.value(key)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		return ""
	}
	return s
}

// integer reads a whole number (an option set value, minutes); ok is
// false when the attribute is missing.
func (r *record) integer(name string) (n int64, ok bool) {
	f, ok := r.float(name)
	if !ok {
		return 0, false
	}
	if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		r.fail(name, "%v is not a whole number", f)
		return 0, false
	}
	return int64(f), true
}

// number reads an optional amount; missing is nil.
func (r *record) number(name string) *float64 {
	f, ok := r.float(name)
	if !ok {
		return nil
	}
	return &f
}

// float reads a JSON number, or a string holding one, as some tools save
// Money and Decimal values.
func (r *record) float(name string) (float64, bool) {
	v, ok := r.value(name)
	if !ok {
		return 0, false
	}
	text := string(bytes.TrimSpace(v))
	var s string
	if json.Unmarshal(v, &s) == nil {
		text = strings.TrimSpace(s)
		if text == "" {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.fail(name, "%.40s is not a number", v)
		return 0, false
	}
	return f, true
}

// minutes reads a duration in whole minutes; missing is 0.
func (r *record) minutes(name string) int64 {
	n, ok := r.integer(name)
	if ok && n < 0 {
		r.fail(name, "%d is a negative duration", n)
		return 0
	}
	return n
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

// datetime reads an ISO 8601 timestamp as UTC; missing is the zero time.
// Date-only attributes (estimatedclosedate) read as midnight UTC.
func (r *record) datetime(name string) time.Time {
	s := r.text(name)
	if s == "" {
		return time.Time{}
	}
	t, ok := parseTime(s)
	if !ok {
		r.fail(name, "%q is not a date and time (want ISO 8601, e.g. 2026-02-03T09:00:00Z)", s)
	}
	return t
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) == len(time.DateOnly) {
		t, err := time.Parse(time.DateOnly, s)
		return t, err == nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// array reads an attribute holding an array of records (expanded
// parties); missing is nil.
func (r *record) array(name string) []json.RawMessage {
	v, ok := r.value(name)
	if !ok {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		r.fail(name, "%.40s is not an array", v)
		return nil
	}
	return items
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

// failWith keeps err, a *fieldError of a nested record, as the record's
// first error.
func (r *record) failWith(err error) {
	if fe, ok := err.(*fieldError); ok && r.err == nil {
		r.err = fe
	}
}
