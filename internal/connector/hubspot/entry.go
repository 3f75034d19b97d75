package hubspot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// entry is one HubSpot record, from an API page or a row of a UI export,
// read through HubSpot's internal property names so that one mapping
// serves both forms. The first value that cannot be read is kept in err,
// so that a mapping reads every field and checks once.
type entry struct {
	line int64
	// API form.
	object *apiObject
	// UI form.
	row     *csvfile.Row
	columns *columns

	owners *ownerIndex
	zone   *time.Location
	err    *plugin.RowError
}

// apiObject is a record of a saved API page.
type apiObject struct {
	ID            flexString                 `json:"id"`
	RawProperties map[string]json.RawMessage `json:"properties"`
	CreatedAt     flexString                 `json:"createdAt"`
	Archived      flexString                 `json:"archived"`
	Associations  map[string]associationList `json:"associations"`
	// Properties are the property values, read as text.
	Properties map[string]string `json:"-"`
}

// decodeAPIObject reads a record of a page. A value that is not the JSON
// HubSpot writes is a *plugin.RowError naming the property.
func decodeAPIObject(raw json.RawMessage) (*apiObject, error) {
	var o apiObject
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, undecodable(err)
	}
	o.Properties = make(map[string]string, len(o.RawProperties))
	var bad []string
	for name, value := range o.RawProperties {
		var s flexString
		if err := s.UnmarshalJSON(value); err != nil {
			bad = append(bad, name)
			continue
		}
		o.Properties[name] = string(s)
	}
	if len(bad) > 0 {
		sort.Strings(bad) // the same reject every time
		return nil, &plugin.RowError{Field: bad[0], Reason: fmt.Sprintf("%.60s is not a property value: HubSpot writes a string or null",
			bytes.TrimSpace(o.RawProperties[bad[0]]))}
	}
	return &o, nil
}

// associationList is one object type's associations, as the v3 API lists
// them ({"id", "type"}) or the v4 API ({"toObjectId", "associationTypes"}).
type associationList struct {
	Results []struct {
		ID         flexString `json:"id"`
		ToObjectID flexString `json:"toObjectId"`
	} `json:"results"`
}

// flexString is a JSON value read as text. HubSpot writes every property
// value as a string, but null for an empty one, and tools that save pages
// sometimes turn numbers and booleans back into JSON numbers and booleans.
type flexString string

func (s *flexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*s = ""
	case len(data) > 0 && data[0] == '"':
		var v string
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case len(data) > 0 && data[0] == '{':
		return &json.UnmarshalTypeError{Value: "object", Type: reflect.TypeFor[string]()}
	case len(data) > 0 && data[0] == '[':
		return &json.UnmarshalTypeError{Value: "array", Type: reflect.TypeFor[string]()}
	default: // a number or a boolean
		*s = flexString(data)
	}
	return nil
}

// columns maps properties to the columns of a UI export, looked up once
// per file.
type columns struct {
	reader *csvfile.Reader
	index  map[any]int
}

func newColumns(r *csvfile.Reader) *columns {
	return &columns{reader: r, index: map[any]int{}}
}

// find is the column of the first of labels the header has, or -1.
func (c *columns) find(key any, labels ...string) int {
	if i, ok := c.index[key]; ok {
		return i
	}
	i := -1
	for _, label := range labels {
		if i = c.reader.Column(label); i >= 0 {
			break
		}
	}
	c.index[key] = i
	return i
}

// property is a property's column, by its labels or, last, by its
// internal name, which some tools write as the header.
func (c *columns) property(p *property) int {
	if i, ok := c.index[p]; ok {
		return i
	}
	return c.find(p, append(p.labels[:len(p.labels):len(p.labels)], p.name)...)
}

// header is the header of column i as the file writes it.
func (c *columns) header(i int) string { return c.reader.Header()[i] }

// fieldName names a property as the file does.
func (e *entry) fieldName(p *property) string {
	if e.columns != nil {
		if i := e.columns.property(p); i >= 0 {
			return e.columns.header(i)
		}
		return p.labels[0]
	}
	return p.name
}

func (e *entry) fail(field, format string, args ...any) {
	if e.err == nil {
		e.err = &plugin.RowError{Field: field, Reason: fmt.Sprintf(format, args...)}
	}
}

// text is a property's value, trimmed; "" when the file lacks it.
func (e *entry) text(p *property) string {
	if e.columns != nil {
		return strings.TrimSpace(e.row.Field(e.columns.property(p)))
	}
	return strings.TrimSpace(e.object.Properties[p.name])
}

// id is the record's own ID, which every record must have.
func (e *entry) id() string {
	field := "id"
	var v string
	if e.columns != nil {
		i := e.columns.find(recordIDLabel, recordIDLabel, "hs_object_id")
		field = recordIDLabel
		if i >= 0 {
			field = e.columns.header(i)
		}
		v = strings.TrimSpace(e.row.Field(i))
	} else {
		v = strings.TrimSpace(string(e.object.ID))
		if v == "" {
			v = strings.TrimSpace(e.object.Properties["hs_object_id"])
		}
	}
	switch {
	case v == "":
		e.fail(field, "the record has no ID")
	case !isRecordID(v):
		e.fail(field, "%q is not a HubSpot record ID (a number; a spreadsheet may have rewritten it)", v)
	}
	return v
}

// archived reports whether an API record is archived (deleted in
// HubSpot). UI exports hold no deleted records.
func (e *entry) archived() bool {
	if e.object == nil {
		return false
	}
	v := strings.TrimSpace(string(e.object.Archived))
	archived, ok := parseBool(v)
	if !ok {
		e.fail("archived", "%q is not true or false", v)
	}
	return archived
}

// timestamp reads a date and time; empty is the zero time.
func (e *entry) timestamp(p *property) time.Time {
	return e.parseTime(e.fieldName(p), e.text(p))
}

func (e *entry) parseTime(field, v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, ok := parseTimestamp(v, e.zone)
	if !ok {
		e.fail(field, "%q is not a date and time (want ISO 8601 such as 2026-01-12T08:30:00Z, "+
			"epoch milliseconds, or YYYY-MM-DD HH:MM as UI exports write it)", v)
	}
	return t
}

// createdAt is when the record was created: the property, or the API
// record's createdAt.
func (e *entry) createdAt(p *property) time.Time {
	if t := e.timestamp(p); !t.IsZero() || e.object == nil {
		return t
	}
	return e.parseTime("createdAt", strings.TrimSpace(string(e.object.CreatedAt)))
}

// number reads an optional amount; empty is nil.
func (e *entry) number(p *property) *float64 {
	v := e.text(p)
	if v == "" {
		return nil
	}
	f, ok := parseNumber(v)
	if !ok {
		e.fail(e.fieldName(p), "%q is not a number (want digits with a decimal point, no currency or thousands separators)", v)
		return nil
	}
	return &f
}

// boolean reads a checkbox property; empty is false.
func (e *entry) boolean(p *property) bool {
	v := e.text(p)
	b, ok := parseBool(v)
	if !ok {
		e.fail(e.fieldName(p), "%q is not true or false", v)
	}
	return b
}

// owner is the owner ID a property refers to. API pages hold the ID; UI
// exports the owner's name, which the owners file turns into the ID.
func (e *entry) owner(p *property) string {
	return e.owners.resolve(e.text(p))
}

// ownerList is the owners of a multi-owner property, resolved to IDs.
func (e *entry) ownerList(p *property) []string {
	refs := splitList(e.text(p))
	for i, ref := range refs {
		refs[i] = e.owners.resolve(ref)
	}
	return refs
}

// associated lists the IDs of the records of one type the record is
// associated with, the primary one first where the export says which.
func (e *entry) associated(a *association) []string {
	if e.columns != nil {
		return splitList(e.row.Field(e.columns.find(a, a.labels...)))
	}
	list, ok := e.object.Associations[a.apiType]
	if !ok {
		return nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, r := range list.Results {
		id := strings.TrimSpace(string(r.ID))
		if id == "" {
			id = strings.TrimSpace(string(r.ToObjectID))
		}
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// firstAssociated is the first associated record of a type, or "".
func (e *entry) firstAssociated(a *association) string {
	if ids := e.associated(a); len(ids) > 0 {
		return ids[0]
	}
	return ""
}
