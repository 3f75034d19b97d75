package dynamics

import (
	"encoding/json"
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
// fields, adding the Web API's own values: GUIDs, and lookups and option
// sets with their annotations.
type record struct{ *apipages.Fields }

// id reads a GUID or other key, which the Web API writes as a string.
func (r *record) id(name string) string {
	if v, ok := r.Value(name); ok && v[0] != '"' {
		r.Fail(name, "%.40s is not an ID (want a GUID string)", v)
		return ""
	}
	return r.ID(name)
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
	v, _ := r.Value(key)
	var s string
	_ = json.Unmarshal(v, &s) // nothing when v is not a string
	return s
}

// minutes reads a duration in whole minutes; missing is 0.
func (r *record) minutes(name string) int64 {
	n, ok := r.Int(name)
	if ok && n < 0 {
		r.Fail(name, "%d is a negative duration", n)
		return 0
	}
	return n
}

// datetime reads an ISO 8601 timestamp as UTC; missing is the zero time.
// Date-only attributes (estimatedclosedate) read as midnight UTC.
func (r *record) datetime(name string) time.Time {
	return r.TimeOrDate(name, r.Text(name), "ISO 8601, e.g. 2026-02-03T09:00:00Z")
}
