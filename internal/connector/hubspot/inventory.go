package hubspot

import (
	"errors"
	"fmt"
	"path"
	"slices"
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
	// those read (not hubspot_owner_id or name: every object, or products
	// too, have them), uiLabels their labels: an API record or UI export
	// with one of them is this object's.
	apiKeys, uiLabels []string
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

// objectTypes are the objects in reading order: owners (read apart, see
// owners.go), then accounts and deals before the activities that refer to
// them.
var objectTypes = []*objectType{owners, companies, deals, meetings, calls, tasks, emails}

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

// resultsKeys is where HubSpot's list responses keep their records.
var resultsKeys = []string{"results"}

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
		{Name: "*.csv", Recognize: recognizeExport, Estimate: estimateCSV},
		{Name: hierarchyFileName, Kind: plugin.KindUser, Estimate: estimateCSV},
	},
	Less: readingOrder, Judge: judge, Describe: describe,
}

// recognize is a pattern's Recognize for files of one form.
func recognize(form form, classify func(*export.Source, export.File) (*objectType, bool)) func(*export.Source, export.File) (export.Recognition, bool) {
	return func(src *export.Source, f export.File) (export.Recognition, bool) {
		object, ok := classify(src, f)
		if !ok || strings.EqualFold(f.Base(), hierarchyFileName) {
			return export.Recognition{}, false
		}
		return export.Recognition{Kind: object.kind, Holds: exportFile{file: f, form: form, object: object}}, true
	}
}

// estimateCSV estimates a UI export's rows: 0 for a file cut short, which
// still belongs to the export (reading it will say where it breaks).
func estimateCSV(src *export.Source, f export.File) (int64, error) {
	n, _ := csvfile.EstimateRows(src, f)
	return n, nil
}

// inventory is what an export holds, in reading order.
type inventory struct {
	owners, objects []exportFile
	hierarchy       *export.File
}

func inventoryOf(found []export.Found) *inventory {
	inv := &inventory{}
	for _, f := range found {
		switch held, ok := f.Holds.(exportFile); {
		case f.Problem != "":
			// Judge refuses the export with it.
		case !ok:
			inv.hierarchy = &f.File
		case held.object == owners:
			inv.owners = append(inv.owners, held)
		default:
			inv.objects = append(inv.objects, held)
		}
	}
	return inv
}

func (inv *inventory) empty() bool { return len(inv.owners) == 0 && len(inv.objects) == 0 }

func (inv *inventory) hasActivities() bool {
	return slices.ContainsFunc(inv.objects, func(f exportFile) bool { return f.object.kind == plugin.KindActivity })
}

// readingOrder puts files in reading order: by object, the manager
// mapping last; API pages before UI exports (an API page holds more:
// attendees, association IDs, so a record in both forms is loaded from
// it); then by name, page-2 before page-10.
func readingOrder(a, b export.Found) bool {
	ha, _ := a.Holds.(exportFile)
	hb, _ := b.Holds.(exportFile)
	if ra, rb := rank(ha.object), rank(hb.object); ra != rb {
		return ra < rb
	}
	if ha.form != hb.form {
		return ha.form < hb.form
	}
	return export.NaturalLess(a.Name, b.Name)
}

func rank(o *objectType) int {
	if o == nil {
		return len(objectTypes) // the manager mapping
	}
	return slices.Index(objectTypes, o)
}

// classifyPage recognises a saved API page by its first record: owners
// have a first name or an e-mail at the top level, other objects their
// own properties. A page with no records, or broken (reading it will say
// where), is known by its file name only.
func classifyPage(src *export.Source, f export.File) (*objectType, bool) {
	first, err := apipages.First(src, f, resultsKeys)
	var syntax *apipages.SyntaxError
	switch {
	case err != nil && !errors.As(err, &syntax):
		return nil, false
	case err != nil || first == nil:
		return objectFromName(f.Base())
	}
	members, ok := apipages.Object(first)
	if !ok && !apipages.IsNull(first) {
		return objectFromName(f.Base())
	}
	raw, ok := members["properties"]
	if !ok || apipages.IsNull(raw) {
		if has(members, "firstname", "email", "userid") {
			return owners, true
		}
		return nil, false
	}
	properties, ok := apipages.Object(raw)
	switch {
	case !ok:
		return objectFromName(f.Base())
	case has(properties, "firstname", "email"):
		return nil, false // a contact: contacts have an annual revenue and an industry too
	}
	return objectHaving(func(key string) bool { return has(properties, key) }, func(o *objectType) []string { return o.apiKeys }, f)
}

func has[V any](m map[string]V, keys ...string) bool {
	return slices.ContainsFunc(keys, func(k string) bool { _, ok := m[k]; return ok })
}

// objectHaving is the first object with one of its keys in a file, or
// else the object named in the file's name.
func objectHaving(has func(string) bool, keys func(*objectType) []string, f export.File) (*objectType, bool) {
	for _, o := range objectTypes {
		if slices.ContainsFunc(keys(o), has) {
			return o, true
		}
	}
	return objectFromName(f.Base())
}

// recognizeExport recognises a UI export (see judgeCSV): a file of the
// HubSpot UI that cannot be read is a Problem, not passed over.
func recognizeExport(src *export.Source, f export.File) (export.Recognition, bool) {
	if strings.EqualFold(f.Base(), hierarchyFileName) {
		return export.Recognition{}, false
	}
	switch v := judgeCSV(src, f); {
	case v.problem != "":
		return export.Recognition{Problem: v.problem}, true
	case v.object != nil:
		return export.Recognition{Kind: v.object.kind, Holds: exportFile{file: f, form: formUI, object: v.object}}, true
	}
	return export.Recognition{}, false
}

// csvVerdict is what a CSV file of the export is to the connector: the
// object it holds, or why it is not read (a notice), or why a file named
// as HubSpot's cannot be read (a problem that refuses the export).
type csvVerdict struct {
	object           *objectType
	notRead, problem string
}

// judgeCSV recognises a UI export by its header: "Record ID" and a label
// only one object has, or else the object named in the file name. The
// delimiter is sniffed: Excel saves semicolons in many locales. A file
// named as HubSpot names its exports ("hubspot-crm-exports-…") that
// cannot be read as one is a problem: the user downloaded it to be read,
// and leaving it out would audit without its activities. Any other CSV
// file is not read, and the notice says why.
func judgeCSV(src *export.Source, f export.File) csvVerdict {
	named := strings.Contains(strings.ToLower(f.Base()), "hubspot")
	r, err := csvfile.Open(src, f, csvfile.Options{Sniff: true})
	switch {
	case err != nil && named:
		return csvVerdict{problem: fmt.Sprintf("%s is named as a HubSpot export but cannot be read as CSV (%v)", f.Name, err)}
	case err != nil:
		return csvVerdict{notRead: fmt.Sprintf("%s is left out: not a CSV file (%v)", f.Name, err)}
	}
	defer r.Close()
	switch {
	case !r.HasColumn(recordIDLabel) && named:
		return csvVerdict{problem: fmt.Sprintf("%s is named as a HubSpot export but has no %q column (its header: %s): "+
			"export it again from HubSpot, with the Record ID", f.Name, recordIDLabel, plugin.Clip(strings.Join(r.Header(), ", "), 200))}
	case !r.HasColumn(recordIDLabel):
		return csvVerdict{notRead: fmt.Sprintf("%s is left out: not a HubSpot UI export (no %q column)", f.Name, recordIDLabel)}
	case r.HasColumn("Contact owner") || (r.HasColumn("First Name") && r.HasColumn("Email")):
		// A contacts export has a "Company name" column too.
		return csvVerdict{notRead: fmt.Sprintf("%s is left out: a HubSpot contacts export, and contacts are not audited", f.Name)}
	}
	object, ok := objectHaving(r.HasColumn, func(o *objectType) []string { return o.uiLabels }, f)
	if !ok || object == owners {
		return csvVerdict{notRead: fmt.Sprintf("%s is left out: a HubSpot export of none of the objects read "+
			"(companies, deals, meetings, calls, tasks, e-mails)", f.Name)}
	}
	return csvVerdict{object: object}
}

// notRead are the notices for the CSV files of src that the connector
// does not read, one for each, so that none is passed over in silence.
func notRead(src *export.Source, found []export.Found) []string {
	read := make(map[string]bool, len(found))
	for _, f := range found {
		read[f.Name] = true
	}
	var notices []string
	for _, f := range src.Files() {
		if read[f.Name] || !strings.EqualFold(path.Ext(f.Name), ".csv") {
			continue
		}
		if v := judgeCSV(src, f); v.notRead != "" {
			notices = append(notices, v.notRead)
		}
	}
	return notices
}

// objectFromName finds the object a file is named after: the words of
// "meetings-page-2.json" or "hubspot-crm-exports-all-deals-2026-05-04.csv".
func objectFromName(name string) (*objectType, bool) {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		for _, o := range objectTypes {
			if w == o.name || w+"s" == o.name || (o == companies && w == "company") {
				return o, true
			}
		}
	}
	return nil, false
}
