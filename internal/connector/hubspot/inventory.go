package hubspot

import (
	"encoding/json"
	"errors"
	"strings"
	"unicode"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// objectType is a HubSpot object the connector reads.
type objectType struct {
	// name is HubSpot's plural name, as in the API's paths and in the UI
	// export's file names (hubspot-crm-exports-all-deals-….csv).
	name string
	kind plugin.RecordKind
	// apiKeys are internal property names only this object has among
	// those the connector reads: an API record with one of them is this
	// object's. (hubspot_owner_id or name would not do: every object, or
	// products too, have them.)
	apiKeys []string
	// uiLabels are the labels of such properties: a UI export whose
	// header has one is this object's.
	uiLabels []string
	// send maps a record and sends it (owners are read apart).
	send func(run *readRun, e *entry, id string, out *plugin.FileWriter) error
}

var (
	owners    = &objectType{name: "owners", kind: plugin.KindUser}
	companies = &objectType{name: "companies", kind: plugin.KindAccount,
		apiKeys:  []string{"domain", "annualrevenue", "hs_ideal_customer_profile", "numberofemployees"},
		uiLabels: []string{"Company name", "Company Domain Name", "Company owner"}, send: (*readRun).sendCompany}
	deals = &objectType{name: "deals", kind: plugin.KindOpportunity,
		apiKeys:  []string{"dealname", "dealstage"},
		uiLabels: []string{"Deal Name", "Deal Stage", "Deal owner"}, send: (*readRun).sendDeal}
	meetings = &objectType{name: "meetings", kind: plugin.KindActivity,
		apiKeys:  []string{"hs_meeting_title", "hs_meeting_start_time", "hs_meeting_outcome", "hs_meeting_body"},
		uiLabels: []string{"Meeting name", "Meeting outcome", "Meeting start time"}, send: (*readRun).sendMeeting}
	calls = &objectType{name: "calls", kind: plugin.KindActivity,
		apiKeys:  []string{"hs_call_title", "hs_call_duration", "hs_call_direction", "hs_call_body"},
		uiLabels: []string{"Call Title", "Call duration", "Call direction"}, send: (*readRun).sendCall}
	tasks = &objectType{name: "tasks", kind: plugin.KindActivity,
		apiKeys:  []string{"hs_task_subject", "hs_task_status"},
		uiLabels: []string{"Task Title", "Task Status"}, send: (*readRun).sendTask}
	emails = &objectType{name: "emails", kind: plugin.KindActivity,
		apiKeys:  []string{"hs_email_subject", "hs_email_direction", "hs_email_text"},
		uiLabels: []string{"Email subject", "Email direction"}, send: (*readRun).sendEmail}
)

// objectTypes are the objects read from CSV and API records, in reading
// order: accounts and deals before the activities that refer to them.
// Owners come first of all, read apart (see owners.go).
var objectTypes = []*objectType{companies, deals, meetings, calls, tasks, emails}

// form is how a file holds its records.
type form int

const (
	formAPI form = iota // saved API pages: {"results": [...], "paging": ...}
	formUI              // CSV exported from the HubSpot UI, labels as headers
)

// exportFile is a file of the export and what it holds: the Holds of
// the layout's files.
type exportFile struct {
	file   export.File
	form   form
	object *objectType
}

// layout recognises HubSpot's files by their content: saved API pages and
// UI exports of the objects read, and the manager mapping.
var layout = export.Layout{
	Name: "HubSpot export",
	NotAnExport: "the HubSpot connector reads a whole export " +
		"(API pages and/or UI CSV exports, one file per object), not a single file",
	Files: []export.FilePattern{
		{Name: "*.json", Recognize: recognize(formAPI, classifyPage), Estimate: func(src *export.Source, f export.File) (int64, error) {
			return apipages.EstimateRecords(src, f, resultsKeys), nil
		}},
		{Name: "*.csv", Recognize: recognize(formUI, classifyExport), Estimate: estimateCSV},
		{Name: hierarchyFileName, Kind: plugin.KindUser, Estimate: estimateCSV},
	},
	Less: readingOrder, Judge: judge, Describe: describe,
}

// recognize is a pattern's Recognize for files of one form.
func recognize(form form, classify func(*export.Source, export.File) (*objectType, bool)) func(*export.Source, export.File) (export.Recognition, bool) {
	return func(src *export.Source, f export.File) (export.Recognition, bool) {
		if strings.EqualFold(f.Base(), hierarchyFileName) {
			return export.Recognition{}, false
		}
		object, ok := classify(src, f)
		if !ok {
			return export.Recognition{}, false
		}
		return export.Recognition{Kind: object.kind, Holds: exportFile{file: f, form: form, object: object}}, true
	}
}

// estimateCSV estimates a UI export's rows: 0 for a file cut short, which
// still belongs to the export (reading it will say where it breaks).
func estimateCSV(src *export.Source, f export.File) (int64, error) {
	n, err := csvfile.EstimateRows(src, f)
	if err != nil {
		return 0, nil
	}
	return n, nil
}

// inventory is what an export holds, in reading order.
type inventory struct {
	owners    []exportFile
	hierarchy *export.File
	objects   []exportFile
}

// inventoryOf sorts the layout's files into owners, the manager mapping
// and the objects.
func inventoryOf(found []export.Found) *inventory {
	inv := &inventory{}
	for _, f := range found {
		switch held, ok := f.Holds.(exportFile); {
		case !ok:
			hierarchy := f.File
			inv.hierarchy = &hierarchy
		case held.object == owners:
			inv.owners = append(inv.owners, held)
		default:
			inv.objects = append(inv.objects, held)
		}
	}
	return inv
}

func (inv *inventory) empty() bool {
	return len(inv.owners) == 0 && len(inv.objects) == 0
}

func (inv *inventory) hasActivities() bool {
	for _, f := range inv.objects {
		if f.object.kind == plugin.KindActivity {
			return true
		}
	}
	return false
}

// readingOrder puts files in reading order: owners, then by object, API
// pages before UI exports (an API page holds more: attendees, association
// IDs, so a record in both forms is loaded from it), then by name with
// page numbers in numeric order (page-2 before page-10); the manager
// mapping last.
func readingOrder(a, b export.Found) bool {
	ha, hb := held(a), held(b)
	if ra, rb := rank(ha), rank(hb); ra != rb {
		return ra < rb
	}
	if ha.form != hb.form {
		return ha.form < hb.form
	}
	return export.NaturalLess(a.Name, b.Name)
}

func held(f export.Found) exportFile {
	h, _ := f.Holds.(exportFile)
	return h
}

// rank orders the objects: owners first, the manager mapping (no object)
// last.
func rank(f exportFile) int {
	if f.object == nil {
		return len(objectTypes)
	}
	for i, o := range objectTypes {
		if o == f.object {
			return i
		}
	}
	return -1
}

// classifyPage recognises a saved API page by its first record: owners
// have a first name or an e-mail at the top level, other objects their
// own properties. A page with no records is known by its file name only.
func classifyPage(src *export.Source, f export.File) (*objectType, bool) {
	first, err := apipages.First(src, f, resultsKeys)
	switch {
	case err != nil:
		// A page cut short or otherwise broken: if its name says what it
		// is, reading it will say where it breaks.
		var syntax *apipages.SyntaxError
		if errors.As(err, &syntax) {
			return objectFromName(f.Base())
		}
		return nil, false
	case first == nil:
		return objectFromName(f.Base())
	}
	var probe struct {
		Properties map[string]json.RawMessage `json:"properties"`
		FirstName  json.RawMessage            `json:"firstName"`
		Email      json.RawMessage            `json:"email"`
		UserID     json.RawMessage            `json:"userId"`
	}
	if json.Unmarshal(first, &probe) != nil {
		return objectFromName(f.Base())
	}
	if probe.Properties == nil {
		if probe.FirstName != nil || probe.Email != nil || probe.UserID != nil {
			return owners, true
		}
		return nil, false
	}
	if isContactRecord(probe.Properties) {
		return nil, false
	}
	for _, o := range objectTypes {
		for _, key := range o.apiKeys {
			if _, ok := probe.Properties[key]; ok {
				return o, true
			}
		}
	}
	return objectFromName(f.Base())
}

// isContactRecord tells a contact, which the connector does not read, from
// a company: contacts have an annual revenue and an industry too.
func isContactRecord(properties map[string]json.RawMessage) bool {
	_, first := properties["firstname"]
	_, email := properties["email"]
	return first || email
}

// resultsKeys is where HubSpot's list responses keep their records.
var resultsKeys = []string{"results"}

// classifyExport recognises a UI export by its header: "Record ID" and a
// label only one object has, or else the object named in the file name.
func classifyExport(src *export.Source, f export.File) (*objectType, bool) {
	r, err := csvfile.Open(src, f, csvfile.Options{})
	if err != nil {
		return nil, false
	}
	defer r.Close()
	if !r.HasColumn(recordIDLabel) || isContactsExport(r) {
		return nil, false
	}
	for _, o := range objectTypes {
		for _, label := range o.uiLabels {
			if r.HasColumn(label) {
				return o, true
			}
		}
	}
	object, ok := objectFromName(f.Base())
	if object == owners {
		return nil, false
	}
	return object, ok
}

// isContactsExport tells a contacts export, which the connector does not
// read, from a companies export: both have a "Company name" column.
func isContactsExport(r *csvfile.Reader) bool {
	return r.HasColumn("Contact owner") || (r.HasColumn("First Name") && r.HasColumn("Email"))
}

// objectFromName finds the object a file is named after: the words of
// "meetings-page-2.json" or "hubspot-crm-exports-all-deals-2026-05-04.csv".
func objectFromName(name string) (*objectType, bool) {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		for _, o := range append([]*objectType{owners}, objectTypes...) {
			if w == o.name || w+"s" == o.name || (o == companies && w == "company") {
				return o, true
			}
		}
	}
	return nil, false
}
