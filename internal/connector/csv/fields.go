package csv

import (
	"slices"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// valueType says how a field's text becomes a value of its record.
type valueType int

const (
	textValue valueType = iota
	idValue
	boolValue
	numberValue
	// instantValue is a moment (a meeting's start): read in the mapping's
	// time zone, stored in UTC.
	instantValue
	// dateValue is a calendar day (a deal's close date): kept as written,
	// whatever the time zone.
	dateValue
	secondsValue
	minutesValue
	durationValue
	activityKindValue
	priorityValue
)

// fieldDef is a field of a record that a mapping can fill.
type fieldDef struct {
	name string
	typ  valueType
	// refersTo is the kind of record an ID field points at, which the
	// field can also name by name or e-mail (match:).
	refersTo plugin.RecordKind
	// optional marks a reference the record is whole without: one that
	// cannot be resolved (no record or several so named, a record whose
	// row was rejected) leaves the record loaded without it, and is
	// reported on its own (see unresolvedPart). The other references
	// (the owner of a deal or an activity, an attendee's user) say whose
	// time or work the record is: without them it would count as no
	// one's, so they reject the row.
	optional bool
}

// The fields of each record kind, named as plugin's record fields in
// snake_case, in the order the template and the error messages list them.
var fieldDefs = map[plugin.RecordKind][]fieldDef{
	plugin.KindUser: {
		{name: "id", typ: idValue},
		{name: "name", typ: textValue},
		{name: "email", typ: textValue},
		{name: "title", typ: textValue},
		{name: "role", typ: textValue},
		{name: "manager_id", typ: idValue, refersTo: plugin.KindUser, optional: true},
		{name: "active", typ: boolValue},
		{name: "joined_at", typ: instantValue},
		{name: "left_at", typ: instantValue},
	},
	plugin.KindAccount: {
		{name: "id", typ: idValue},
		{name: "name", typ: textValue},
		// The audit falls back to the owner of the account's deals.
		{name: "owner_id", typ: idValue, refersTo: plugin.KindUser, optional: true},
		{name: "annual_revenue", typ: numberValue},
		{name: "type", typ: textValue},
		{name: "tier", typ: textValue},
		{name: "industry", typ: textValue},
	},
	plugin.KindOpportunity: {
		{name: "id", typ: idValue},
		{name: "account_id", typ: idValue, refersTo: plugin.KindAccount, optional: true},
		{name: "owner_id", typ: idValue, refersTo: plugin.KindUser},
		{name: "name", typ: textValue},
		{name: "stage", typ: textValue},
		{name: "amount", typ: numberValue},
		{name: "is_closed", typ: boolValue},
		{name: "is_won", typ: boolValue},
		{name: "close_date", typ: dateValue},
		{name: "created_at", typ: instantValue},
	},
	plugin.KindActivity: {
		{name: "id", typ: idValue},
		{name: "kind", typ: activityKindValue},
		{name: "subject", typ: textValue},
		{name: "owner_id", typ: idValue, refersTo: plugin.KindUser},
		// The audit counts the activities without an account or a deal.
		{name: "account_id", typ: idValue, refersTo: plugin.KindAccount, optional: true},
		{name: "opportunity_id", typ: idValue, refersTo: plugin.KindOpportunity, optional: true},
		{name: "start_at", typ: instantValue},
		{name: "end_at", typ: instantValue},
		{name: "duration_seconds", typ: secondsValue},
		{name: "duration_minutes", typ: minutesValue},
		{name: "duration", typ: durationValue},
		{name: "status", typ: textValue},
		{name: "is_closed", typ: boolValue},
		{name: "priority", typ: priorityValue},
		{name: "due_date", typ: dateValue},
		{name: "completed_at", typ: instantValue},
		{name: "raw_type", typ: textValue},
	},
	plugin.KindAttendee: {
		{name: "activity_id", typ: idValue},
		{name: "user_id", typ: idValue, refersTo: plugin.KindUser},
		{name: "contact_id", typ: idValue},
		{name: "email", typ: textValue},
		{name: "name", typ: textValue},
		{name: "internal", typ: boolValue},
		{name: "organizer", typ: boolValue},
		{name: "response", typ: textValue},
	},
}

// lookupField finds a field of a kind by name.
func lookupField(kind plugin.RecordKind, name string) (fieldDef, bool) {
	i := slices.IndexFunc(fieldDefs[kind], func(d fieldDef) bool { return d.name == name })
	if i < 0 {
		return fieldDef{}, false
	}
	return fieldDefs[kind][i], true
}

func fieldNames(kind plugin.RecordKind) string {
	names := make([]string, len(fieldDefs[kind]))
	for i, d := range fieldDefs[kind] {
		names[i] = d.name
	}
	return strings.Join(names, ", ")
}

// identityField is the field that names a record of the kind, which every
// row must have.
func identityField(kind plugin.RecordKind) string {
	if kind == plugin.KindAttendee {
		return "activity_id"
	}
	return "id"
}

// durationFields are the ways of giving an activity's duration; a file
// maps at most one.
var durationFields = []string{"duration_seconds", "duration_minutes", "duration"}

// isTime reports whether values of the type are read with date formats.
func (t valueType) isTime() bool { return t == instantValue || t == dateValue }

// isNumeric reports whether values of the type are read with a decimal
// separator.
func (t valueType) isNumeric() bool {
	return t == numberValue || t == secondsValue || t == minutesValue || t == durationValue
}

// recordKinds are the kinds a mapping can give a file, for messages.
func recordKinds() string {
	names := make([]string, len(plugin.RecordKinds))
	for i, k := range plugin.RecordKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func kindByName(name string) (plugin.RecordKind, bool) {
	for _, k := range plugin.RecordKinds {
		if string(k) == name {
			return k, true
		}
	}
	return "", false
}
