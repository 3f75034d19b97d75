package hubspot

import (
	"context"
	"encoding/json"
	"errors"
	"path"
	"sort"
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
	// isActivity marks the engagements: an export without any has
	// nothing to audit.
	isActivity bool
}

var (
	owners    = &objectType{name: "owners", kind: plugin.KindUser}
	companies = &objectType{name: "companies", kind: plugin.KindAccount,
		apiKeys:  []string{"domain", "annualrevenue", "hs_ideal_customer_profile", "numberofemployees"},
		uiLabels: []string{"Company name", "Company Domain Name", "Company owner"}}
	deals = &objectType{name: "deals", kind: plugin.KindOpportunity,
		apiKeys:  []string{"dealname", "dealstage"},
		uiLabels: []string{"Deal Name", "Deal Stage", "Deal owner"}}
	meetings = &objectType{name: "meetings", kind: plugin.KindActivity, isActivity: true,
		apiKeys:  []string{"hs_meeting_title", "hs_meeting_start_time", "hs_meeting_outcome", "hs_meeting_body"},
		uiLabels: []string{"Meeting name", "Meeting outcome", "Meeting start time"}}
	calls = &objectType{name: "calls", kind: plugin.KindActivity, isActivity: true,
		apiKeys:  []string{"hs_call_title", "hs_call_duration", "hs_call_direction", "hs_call_body"},
		uiLabels: []string{"Call Title", "Call duration", "Call direction"}}
	tasks = &objectType{name: "tasks", kind: plugin.KindActivity, isActivity: true,
		apiKeys:  []string{"hs_task_subject", "hs_task_status"},
		uiLabels: []string{"Task Title", "Task Status"}}
	emails = &objectType{name: "emails", kind: plugin.KindActivity, isActivity: true,
		apiKeys:  []string{"hs_email_subject", "hs_email_direction", "hs_email_text"},
		uiLabels: []string{"Email subject", "Email direction"}}
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

// exportFile is a file of the export and what it holds.
type exportFile struct {
	file   export.File
	form   form
	object *objectType
}

// inventory is what an export holds, in reading order.
type inventory struct {
	owners    []exportFile
	hierarchy *export.File
	objects   []exportFile
}

func (inv *inventory) empty() bool {
	return len(inv.owners) == 0 && len(inv.objects) == 0
}

func (inv *inventory) hasActivities() bool {
	for _, f := range inv.objects {
		if f.object.isActivity {
			return true
		}
	}
	return false
}

// takeInventory looks at every file of the export and keeps those that
// hold HubSpot records. Files it does not recognise (contacts, notes,
// read-me files) are left alone.
func takeInventory(ctx context.Context, src *export.Source) (*inventory, error) {
	inv := &inventory{}
	for _, f := range src.Files() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if strings.EqualFold(f.Base(), hierarchyFileName) {
			hierarchy := f
			inv.hierarchy = &hierarchy
			continue
		}
		object, form, ok := classify(src, f)
		switch {
		case !ok:
		case object == owners:
			inv.owners = append(inv.owners, exportFile{file: f, form: form, object: object})
		default:
			inv.objects = append(inv.objects, exportFile{file: f, form: form, object: object})
		}
	}
	sortFiles(inv.owners)
	sortFiles(inv.objects)
	return inv, nil
}

// sortFiles puts files in reading order: by object, API pages before UI
// exports (an API page holds more: attendees, association IDs, so a record
// in both forms is loaded from it), then by name with page numbers in
// numeric order (page-2 before page-10).
func sortFiles(files []exportFile) {
	rank := map[*objectType]int{}
	for i, o := range objectTypes {
		rank[o] = i
	}
	sort.SliceStable(files, func(i, j int) bool {
		a, b := files[i], files[j]
		if rank[a.object] != rank[b.object] {
			return rank[a.object] < rank[b.object]
		}
		if a.form != b.form {
			return a.form < b.form
		}
		return naturalLess(a.file.Name, b.file.Name)
	})
}

// classify says which object a file holds, if it is a HubSpot file.
func classify(src *export.Source, f export.File) (*objectType, form, bool) {
	switch strings.ToLower(path.Ext(f.Name)) {
	case ".json":
		object, ok := classifyPage(src, f)
		return object, formAPI, ok
	case ".csv":
		object, ok := classifyExport(src, f)
		return object, formUI, ok
	}
	return nil, 0, false
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

// naturalLess orders names with their digit runs compared as numbers.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
