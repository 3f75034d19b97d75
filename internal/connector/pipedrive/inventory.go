package pipedrive

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// entity is what a file of the export holds. The order is the reading
// order: users before everything that names them, the lookups (fields,
// stages, persons) before the records that use them, organizations and
// deals before the activities that name them.
type entity int

const (
	entityUsers entity = iota
	entityHierarchy
	entityOrgFields
	entityStages
	entityPersons
	entityOrganizations
	entityDeals
	entityActivities
)

// entities name each entity, give the kind of record its files' rows
// become (lookup files are listed under the kind they serve) and the
// reader of its files.
var entities = []struct {
	name   string
	kind   plugin.RecordKind
	reader func(run *readRun, out *plugin.FileWriter, t *csvfile.Reader) (recordReader, error)
}{
	entityUsers:         {"users", plugin.KindUser, (*readRun).newUserReader},
	entityHierarchy:     {"user managers", plugin.KindUser, (*readRun).newHierarchyReader},
	entityOrgFields:     {"organization fields", plugin.KindAccount, (*readRun).newOrgFieldReader},
	entityStages:        {"stages", plugin.KindOpportunity, (*readRun).newStageReader},
	entityPersons:       {"persons", plugin.KindActivity, (*readRun).newPersonReader},
	entityOrganizations: {"organizations", plugin.KindAccount, (*readRun).newOrganizationReader},
	entityDeals:         {"deals", plugin.KindOpportunity, (*readRun).newDealReader},
	entityActivities:    {"activities", plugin.KindActivity, (*readRun).newActivityReader},
}

func (e entity) String() string { return entities[e].name }

// exportFile is a file of the export: a saved API page, or a CSV file.
type exportFile struct {
	export.File
	entity entity
	csv    bool
}

// layout recognises the Pipedrive files of an export by their content.
func layout(enc csvfile.Encoding) export.Layout {
	return export.Layout{Name: "Pipedrive export",
		NotAnExport: "the Pipedrive connector reads a whole export " +
			"(API pages or CSV exports with their users), so give the directory or .zip that holds the file",
		Files: []export.FilePattern{{Name: "*", Recognize: func(src *export.Source, f export.File) (export.Recognition, bool) {
			held := exportFile{File: f, csv: strings.EqualFold(path.Ext(f.Name), ".csv")}
			ok, problem := false, ""
			switch {
			case held.csv:
				held.entity, ok, problem = recogniseCSVExport(src, f, enc)
			case strings.EqualFold(path.Ext(f.Name), ".json"):
				// A page is known by its first record's keys, an empty one by its name.
				if first, isPage := apipages.Peek(src, f, apiPage, sniffLimit); first != nil {
					held.entity, ok = entityFromKeys(first, f.Base())
				} else if isPage {
					held.entity, ok = entityFromName(f.Base())
				}
			}
			return export.Recognition{Kind: entities[held.entity].kind, Holds: held, Problem: problem}, ok || problem != ""
		}, Estimate: func(src *export.Source, f export.File) (int64, error) {
			if strings.EqualFold(path.Ext(f.Name), ".json") {
				return apipages.EstimateRecords(src, f, apiPage.Keys), nil
			}
			return csvfile.EstimateRows(src, f)
		}}},
		Less:  readingOrder,
		Judge: judge, Describe: describe}
}

// readingOrder orders the files by the entity they hold. A file that
// cannot be read at all (a link leaving the export, a damaged or doubled
// zip entry) holds nothing, and is among the found files all the same,
// for Judge to refuse the export with its problem.
func readingOrder(a, b export.Found) bool {
	ea, _ := a.Holds.(exportFile)
	eb, _ := b.Holds.(exportFile)
	return ea.entity < eb.entity
}

// apiPage is how a saved API page keeps its records: under "data", which
// API v1 writes as null when there is nothing to list (an empty page,
// not a broken one).
var apiPage = apipages.Page{Keys: []string{"data"}, What: "Pipedrive API response", NullIsEmpty: true}

// sniffLimit bounds how much of a JSON file is read to recognise it.
const sniffLimit = 1 << 20

// entityFromKeys recognises a record by the keys only its entity has, in
// API v1 and v2 alike.
func entityFromKeys(rec *apipages.Fields, fileName string) (entity, bool) {
	has := rec.HasAny
	switch {
	case has("subject") && has("due_date"):
		return entityActivities, true
	case has("title") && has("status") && has("stage_id", "pipeline_id"):
		return entityDeals, true
	case has("pipeline_id") && has("order_nr"):
		return entityStages, true
	case has("key", "field_code") && has("field_type"):
		// Every entity's field definitions look alike: only the name
		// says whose they are, and only the organizations' are used.
		if e, ok := entityFromName(fileName); ok && e == entityOrgFields {
			return e, true
		}
		return 0, false
	case has("email") && has("role_id", "is_admin", "timezone_name", "is_you"):
		return entityUsers, true
	case has("name") && has("phone", "phones", "emails", "first_name"):
		return entityPersons, true
	case has("name") && has("owner_id"):
		return entityOrganizations, true
	}
	return 0, false
}

// entityFromName guesses a page's entity from the file's name, for pages
// with no record to tell ("activities_500.json", "organizationFields.json"):
// the first entity whose words it has.
func entityFromName(name string) (entity, bool) {
	n := strings.ToLower(name)
	if strings.Contains(n, "field") {
		return entityOrgFields, strings.Contains(n, "organi") || strings.HasPrefix(n, "org")
	}
	for _, x := range []struct {
		word string
		e    entity
	}{{"activit", entityActivities}, {"deal", entityDeals}, {"stage", entityStages}, {"user", entityUsers},
		{"person", entityPersons}, {"people", entityPersons}, {"organi", entityOrganizations}} {
		if strings.Contains(n, x.word) {
			return x.e, true
		}
	}
	return 0, false
}

// csvExports are the Pipedrive CSV exports, known by their ID and name
// columns, in order: an activities export may carry deal and organization
// columns, a deals export organization columns.
var csvExports = []struct {
	entity   entity
	id, name string
}{
	{entityActivities, "Activity - ID", "Activity - Subject"},
	{entityDeals, "Deal - ID", "Deal - Title"},
	{entityPersons, "Person - ID", "Person - Name"},
	{entityOrganizations, "Organization - ID", "Organization - Name"},
}

// recogniseCSVExport says which Pipedrive file a CSV file is, from its
// name or header, or why one that looks like one cannot be read as it is.
func recogniseCSVExport(src *export.Source, f export.File, enc csvfile.Encoding) (e entity, ok bool, problem string) {
	if strings.EqualFold(f.Base(), hierarchyFileName) {
		return entityHierarchy, true, ""
	}
	r, err := csvfile.Open(src, f, csvfile.Options{Encoding: enc, Sniff: true})
	var undecodable *csvfile.EncodingError
	switch {
	case errors.As(err, &undecodable):
		// The decoder reads ahead of the header: a byte it cannot
		// decode anywhere in the first chunk makes the file unreadable.
		return 0, false, err.Error()
	case err != nil:
		return 0, false, "" // not a CSV file: not Pipedrive's
	}
	defer r.Close()
	for _, x := range csvExports {
		switch {
		case r.HasColumn(x.id) && r.HasColumn(x.name):
			return x.entity, true, ""
		case r.HasColumn(x.name):
			return 0, false, fmt.Sprintf("%s has a %q column but no %q: export it again with the ID column", f.Name, x.name, x.id)
		}
	}
	return 0, false, ""
}
