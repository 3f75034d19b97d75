package pipedrive

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// Rows of lookup files are not records of their own: they are skipped,
// with what they served.
const (
	skipFieldDefinition = "organization field definition: used to read organizations' custom fields"
	skipStage           = "pipeline stage: gives deals their stage names"
	skipPerson          = "person: names the participants of activities, not loaded on its own"
)

// customField is an organization field as organizationFields.json
// defines it: custom fields are keyed by a 40-character hash, and the
// values of option fields are option IDs.
type customField struct {
	key     string
	name    string
	options map[string]string // option ID → label
}

// label turns a value into what Pipedrive shows: option IDs ("61", or
// "61,62" for a multiple-option field) become their labels.
func (cf *customField) label(value string) string {
	if len(cf.options) == 0 || value == "" {
		return value
	}
	parts := strings.Split(value, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if label, ok := cf.options[p]; ok {
			parts[i] = label
		} else {
			parts[i] = p
		}
	}
	return strings.Join(parts, ", ")
}

// fieldCatalogue holds the organization fields of organizationFields.json.
type fieldCatalogue struct {
	byKey  map[string]*customField
	byName map[string]*customField
}

func newFieldCatalogue() *fieldCatalogue {
	return &fieldCatalogue{byKey: map[string]*customField{}, byName: map[string]*customField{}}
}

func (c *fieldCatalogue) empty() bool { return len(c.byKey) == 0 }

func (c *fieldCatalogue) add(cf *customField) {
	c.byKey[cf.key] = cf
	if key := nameKey(cf.name); key != "" {
		if _, dup := c.byName[key]; !dup {
			c.byName[key] = cf
		}
	}
}

// lookup finds a field by its API key or its name.
func (c *fieldCatalogue) lookup(ref string) *customField {
	if cf, ok := c.byKey[strings.TrimSpace(ref)]; ok {
		return cf
	}
	return c.byName[nameKey(ref)]
}

// names lists the fields, for messages.
func (c *fieldCatalogue) names() string {
	names := make([]string, 0, len(c.byKey))
	for _, cf := range c.byKey {
		names = append(names, cf.name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// newOrgFieldReader reads organizationFields pages (v1: key, name; v2:
// field_code, field_name).
func (run *readRun) newOrgFieldReader(*plugin.FileWriter, *csvfile.Reader) (recordReader, error) {
	return recordReader{api: func(r apiRecord) error {
		key := r.text("key", "field_code")
		cf := &customField{key: key.value(), name: r.text("name", "field_name").value(), options: map[string]string{}}
		r.EachNested("options", "an array", func(f *apipages.Fields) {
			option := apiRecord{f}
			cf.options[option.text("id").value()] = option.text("label").value()
		})
		if cf.key == "" {
			key.fail("the field has no key")
		}
		if r.Err != nil {
			return r.Err
		}
		run.orgFields.add(cf)
		return plugin.Skip(skipFieldDefinition)
	}}, nil
}

// newStageReader reads stages pages: deals name their stage by ID.
func (run *readRun) newStageReader(*plugin.FileWriter, *csvfile.Reader) (recordReader, error) {
	return recordReader{api: func(r apiRecord) error {
		id, name := r.text("id").requiredID(), r.text("name").value()
		if r.Err != nil {
			return r.Err
		}
		run.stages[id] = name
		return plugin.Skip(skipStage)
	}}, nil
}

// person is what activities need of a contact person.
type person struct {
	id, name, email string
}

// personIndex finds persons by ID, and by name for CSV exports, which
// name an activity's contact person.
type personIndex struct {
	byID   map[string]person
	byName map[string][]person
}

func newPersonIndex() *personIndex {
	return &personIndex{byID: map[string]person{}, byName: map[string][]person{}}
}

func (p *personIndex) add(x person) {
	p.byID[x.id] = x
	key := nameKey(x.name)
	p.byName[key] = append(p.byName[key], x)
}

// attendee is a person as an external participant of an activity.
func (p *personIndex) attendee(id string, line int64) plugin.Attendee {
	x := p.byID[id]
	return plugin.Attendee{ContactID: id, Name: x.name, Email: x.email, Line: line}
}

// fill completes an external attendee's name and e-mail from the
// persons read.
func (p *personIndex) fill(a plugin.Attendee) plugin.Attendee {
	x := p.byID[a.ContactID]
	if a.Name == "" {
		a.Name = x.name
	}
	if a.Email == "" {
		a.Email = x.email
	}
	return a
}

// attendeeNamed is the contact person a CSV export names, with the
// person's ID and e-mail when exactly one person has the name.
func (p *personIndex) attendeeNamed(name string, line int64) plugin.Attendee {
	if matches := p.byName[nameKey(name)]; len(matches) == 1 {
		return p.attendee(matches[0].id, line)
	}
	return plugin.Attendee{Name: name, Line: line}
}

// newPersonReader reads persons from API pages and CSV exports.
func (run *readRun) newPersonReader(_ *plugin.FileWriter, t *csvfile.Reader) (recordReader, error) {
	keep := func(err *plugin.RowError, x person) error {
		if err != nil {
			return err
		}
		run.persons.add(x)
		return plugin.Skip(skipPerson)
	}
	if t == nil {
		return recordReader{api: func(r apiRecord) error {
			x := person{id: r.text("id").requiredID(), name: r.text("name").value(), email: primaryEmail(r)}
			return keep(r.Err, x)
		}}, nil
	}
	id, name, emails := t.Lookup("Person - ID"), t.Lookup("Person - Name"), t.ColumnsWithPrefix("Person - Email")
	return recordReader{csv: func(r csvRow) error {
		_, email := r.First(emails)
		return keep(r.Err, person{id: r.field(id).requiredID(), name: r.Text(name), email: email})
	}}, nil
}

// primaryEmail is a person's primary e-mail address: v1 has it as
// primary_email and in an "email" list, v2 in an "emails" list.
func primaryEmail(r apiRecord) string {
	if email := r.text("primary_email"); !email.empty() {
		return email.value()
	}
	key := r.FirstOf("emails", "email")
	if list, _ := r.Value(key); len(list) == 0 || list[0] != '[' {
		return r.text(key).value() // some pages have a plain address
	}
	var first string
	for _, raw := range r.List(key, "an array") {
		var entry struct {
			Value   string
			Primary json.RawMessage
		}
		if json.Unmarshal(raw, &entry) != nil || entry.Value == "" {
			continue
		}
		if primary := apipages.Text(entry.Primary); primary == "true" || primary == "1" {
			return entry.Value
		}
		if first == "" {
			first = entry.Value
		}
	}
	return first
}

// nameIndex finds records by name, for CSV exports that name the
// organization or deal an activity is about.
type nameIndex struct {
	what string
	// idColumn is the CSV column that would tell same-named records
	// apart.
	idColumn string
	byName   map[string][]string // name → IDs
}

func newNameIndex(what, idColumn string) *nameIndex {
	return &nameIndex{what: what, idColumn: idColumn, byName: map[string][]string{}}
}

func (n *nameIndex) add(id, name string) {
	key := nameKey(name)
	n.byName[key] = append(n.byName[key], id)
}

func (n *nameIndex) empty() bool { return len(n.byName) == 0 }

// id is the ID of the record named, when the export has an ID column
// for it (idField) or a single record has the name. With no export of
// these records to look in, the record stays unknown.
func (n *nameIndex) id(idField, nameField field) string {
	if !idField.empty() {
		return idField.value()
	}
	if nameField.empty() || n.empty() {
		return ""
	}
	ids := n.byName[nameKey(nameField.value())]
	switch len(ids) {
	case 1:
		return ids[0]
	case 0:
		nameField.fail("no %s %q in the %ss export", n.what, nameField.value(), n.what)
	default:
		nameField.fail("%d %ss are called %q (IDs %s): add the %s column to the export",
			len(ids), n.what, nameField.value(), strings.Join(ids, ", "), n.idColumn)
	}
	return ""
}

// dealIndex finds deals by title; titles repeat more than organization
// names ("Renewal 2025"), so the organization tells them apart.
type dealIndex struct {
	byTitle map[string][]dealRef
}

type dealRef struct{ id, orgID string }

func newDealIndex() *dealIndex { return &dealIndex{byTitle: map[string][]dealRef{}} }

func (d *dealIndex) add(id, title, orgID string) {
	key := nameKey(title)
	d.byTitle[key] = append(d.byTitle[key], dealRef{id: id, orgID: orgID})
}

// id is the deal an activity is about: by the ID column when the export
// has one, else by its title among the organization's deals.
func (d *dealIndex) id(idField, titleField field, orgID string) string {
	if !idField.empty() {
		return idField.value()
	}
	if titleField.empty() || len(d.byTitle) == 0 {
		return ""
	}
	candidates := d.byTitle[nameKey(titleField.value())]
	if len(candidates) > 1 && orgID != "" {
		var sameOrg []dealRef
		for _, c := range candidates {
			if c.orgID == orgID {
				sameOrg = append(sameOrg, c)
			}
		}
		if len(sameOrg) > 0 {
			candidates = sameOrg
		}
	}
	switch len(candidates) {
	case 1:
		return candidates[0].id
	case 0:
		titleField.fail("no deal %q in the deals export", titleField.value())
	default:
		titleField.fail("%d deals are called %q: add the Deal - ID column to the export", len(candidates), titleField.value())
	}
	return ""
}
