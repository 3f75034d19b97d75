package dynamics

import (
	"encoding/json"
	"math"
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

// record reads the attributes of one JSON record with the SDK's page
// fields, adding the Web API's own values: GUIDs, lookups with their
// annotations, option sets and times.
type record struct{ *apipages.Fields }

// text reads a string; numbers and booleans read as written.
func (r *record) text(name string) string {
	s, _ := r.Scalar(name, false)
	return s
}

// id reads a GUID or other key, which the Web API writes as a string.
func (r *record) id(name string) string {
	v, ok := r.Value(name)
	if !ok {
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		r.Fail(name, "%.40s is not an ID (want a GUID string)", v)
		return ""
	}
	return strings.TrimSpace(s)
}

// requiredID is a record's own key, which every record must have.
func (r *record) requiredID(name string) string { return r.Required(name, r.id(name)) }

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
	v, ok := r.Value(key)
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
	f, ok := r.Float(name)
	if !ok {
		return 0, false
	}
	if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		r.Fail(name, "%v is not a whole number", f)
		return 0, false
	}
	return int64(f), true
}

// minutes reads a duration in whole minutes; missing is 0.
func (r *record) minutes(name string) int64 {
	n, ok := r.integer(name)
	if ok && n < 0 {
		r.Fail(name, "%d is a negative duration", n)
		return 0
	}
	return n
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
		r.Fail(name, "%q is not a date and time (want ISO 8601, e.g. 2026-02-03T09:00:00Z)", s)
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
func (r *record) array(name string) []json.RawMessage { return r.List(name, "an array") }
