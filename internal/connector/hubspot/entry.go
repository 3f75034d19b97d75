package hubspot

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// entry is one HubSpot record, from an API page or a row of a UI export,
// read through HubSpot's internal property names so that one mapping
// serves both forms. Its Fields (an API record's members, none for a UI
// row) keep the first value that cannot be read, so that a mapping reads
// every field and checks once.
type entry struct {
	*apipages.Fields
	props *apipages.Fields // API form: the record's properties
	// assocs is the API form's associations, decoded on first use: a
	// record is asked for several types of them.
	assocs  *apipages.Fields
	row     *csvfile.Row // UI form, with its file's columns
	columns *columns
	owners  *ownerIndex
	zone    *time.Location
}

var noMembers = json.RawMessage("{}")

// apiEntry reads a record of a saved API page. HubSpot writes every
// property value as a string, or null for an empty one (tools that save
// pages may turn numbers and booleans back into JSON ones); any other
// property value rejects the record, the first by name so that the reject
// is the same every time.
func (run *readRun) apiEntry(rec apipages.Record) (*entry, error) {
	record, err := apipages.NewFields(rec.Line, rec.Raw, "")
	if err != nil {
		return nil, plugin.FieldError("", "not a HubSpot record: %.40s is not an object", rec.Raw)
	}
	raw, ok := record.Value("properties")
	if !ok {
		raw = noMembers
	}
	props, err := apipages.NewFields(rec.Line, raw, "")
	if err != nil {
		return nil, plugin.FieldError("properties", "%.40s is not an object of properties", raw)
	}
	for _, name := range props.Names() {
		if v, _ := props.Value(name); v != nil && (v[0] == '{' || v[0] == '[') {
			return nil, plugin.FieldError(name, "%.60s is not a property value: HubSpot writes a string or null", v)
		}
	}
	return &entry{Fields: record, props: props, owners: run.owners, zone: run.opts.zone}, nil
}

// columns are the columns of a UI export, looked up once per file by the
// property (or association) they hold.
type columns struct {
	*csvfile.Reader
	index map[any]int
}

// find is the column of the first of labels the header has, or -1.
func (c *columns) find(key any, labels ...string) int {
	if i, ok := c.index[key]; ok {
		return i
	}
	i := -1
	for _, label := range labels {
		if i = c.Column(label); i >= 0 {
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

// fieldName names a property as the file does.
func (e *entry) fieldName(p *property) string {
	if e.columns == nil {
		return p.name
	}
	if i := e.columns.property(p); i >= 0 {
		return e.columns.Header()[i]
	}
	return p.labels[0]
}

// text is a property's value, trimmed; "" when the file lacks it.
func (e *entry) text(p *property) string {
	if e.columns != nil {
		return strings.TrimSpace(e.row.Field(e.columns.property(p)))
	}
	return e.props.Text(p.name)
}

// id is the record's own ID, which every record must have.
func (e *entry) id() string {
	field, v := e.fieldName(propRecordID), e.text(propRecordID)
	if e.columns == nil {
		field, v = "id", cmp.Or(e.Text("id"), v)
	}
	switch {
	case v == "":
		e.Fail(field, "the record has no ID")
	case !isDigits(v):
		e.Fail(field, "%q is not a HubSpot record ID (a number; a spreadsheet may have rewritten it)", v)
	}
	return v
}

// archived reports whether an API record is archived (deleted in
// HubSpot). UI exports hold no deleted records.
func (e *entry) archived() bool {
	return e.columns == nil && e.parseBool("archived", e.Text("archived"))
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
		e.Fail(field, "%q is not a date and time (want ISO 8601 such as 2026-01-12T08:30:00Z, "+
			"epoch milliseconds, or YYYY-MM-DD HH:MM as UI exports write it)", v)
	}
	return t
}

// createdAt is when the record was created: the property, or the API
// record's createdAt.
func (e *entry) createdAt(p *property) time.Time {
	if t := e.timestamp(p); !t.IsZero() || e.columns != nil {
		return t
	}
	return e.parseTime("createdAt", e.Text("createdAt"))
}

// number reads an optional amount; empty is nil.
func (e *entry) number(p *property) *float64 {
	v := e.text(p)
	if v == "" {
		return nil
	}
	f, ok := value.Number(v)
	if !ok {
		e.Fail(e.fieldName(p), "%q is not a number (want digits with a decimal point, no currency or thousands separators)", v)
		return nil
	}
	return &f
}

// boolean reads a checkbox property; empty is false.
func (e *entry) boolean(p *property) bool { return e.parseBool(e.fieldName(p), e.text(p)) }

func (e *entry) parseBool(field, v string) bool {
	b, ok := parseBool(v)
	if !ok {
		e.Fail(field, "%q is not true or false", v)
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

// adopt keeps the first error of records nested in the entry's as its
// own.
func (e *entry) adopt(nested ...*apipages.Fields) {
	for _, n := range nested {
		if n.Err != nil {
			e.FailWith(n.Err)
		}
	}
}

// associated lists the IDs of the records of one type the record is
// associated with, the primary one first where the export says which.
// API pages list them as the v3 API does ({"id", "type"}) or the v4 API
// ({"toObjectId", "associationTypes"}).
func (e *entry) associated(a *property) []string {
	if e.columns != nil {
		return splitList(e.row.Field(e.columns.find(a, a.labels...)))
	}
	if e.assocs == nil {
		e.assocs = e.Member("associations")
	}
	list := e.assocs.Member(a.name)
	var ids []string
	for i, raw := range list.List("results", "a list") {
		ref, err := list.Nested(fmt.Sprintf("results[%d]", i), raw)
		if err != nil {
			list.FailWith(err)
			continue
		}
		ids = append(ids, cmp.Or(ref.Text("id"), ref.Text("toObjectId")))
		e.adopt(ref)
	}
	e.adopt(list, e.assocs)
	return splitList(strings.Join(ids, ";"))
}

// firstAssociated is the first associated record of a type, or "".
func (e *entry) firstAssociated(a *property) string { return cmp.Or(e.associated(a)...) }
