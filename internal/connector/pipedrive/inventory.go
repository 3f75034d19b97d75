package pipedrive

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

var entityNames = map[entity]string{
	entityUsers:         "users",
	entityHierarchy:     "user managers",
	entityOrgFields:     "organization fields",
	entityStages:        "stages",
	entityPersons:       "persons",
	entityOrganizations: "organizations",
	entityDeals:         "deals",
	entityActivities:    "activities",
}

func (e entity) String() string { return entityNames[e] }

// recordKind is the kind of record a file's rows become; lookup files are
// listed under the kind they serve.
func (e entity) recordKind() plugin.RecordKind {
	switch e {
	case entityUsers, entityHierarchy:
		return plugin.KindUser
	case entityOrgFields, entityOrganizations:
		return plugin.KindAccount
	case entityStages, entityDeals:
		return plugin.KindOpportunity
	}
	return plugin.KindActivity
}

// format is the form a file comes in.
type format int

const (
	formatAPI format = iota
	formatCSV
)

// exportFile is a file of the export the connector reads.
type exportFile struct {
	file   export.File
	entity entity
	format format
	// external is the path of a file outside the export (the hierarchy
	// option), read from disk rather than from the source.
	external string
}

// name is the file as the user knows it: its path in the export, or the
// path given in the option.
func (f exportFile) name() string {
	if f.external != "" {
		return f.external
	}
	return f.file.Name
}

// inventory is what an export holds.
type inventory struct {
	files []exportFile
	// problems are files that look like Pipedrive's but cannot be read
	// as they are, with what to do about them.
	problems []string
}

func (inv inventory) has(e entity) bool {
	for _, f := range inv.files {
		if f.entity == e {
			return true
		}
	}
	return false
}

func (inv inventory) of(e entity) []exportFile {
	var out []exportFile
	for _, f := range inv.files {
		if f.entity == e {
			out = append(out, f)
		}
	}
	return out
}

// layout recognises the Pipedrive files of an export by their content,
// the CSV exports read in enc. Problems are files that look like
// Pipedrive's but cannot be read as they are.
func layout(enc csvfile.Encoding) export.Layout {
	return export.Layout{Name: "Pipedrive export",
		NotAnExport: "the Pipedrive connector reads a whole export " +
			"(API pages or CSV exports with their users), so give the directory or .zip that holds the file",
		Files: []export.FilePattern{{Name: "*", Recognize: func(src *export.Source, f export.File) (export.Recognition, bool) {
			held, problem, ok := recognise(src, f, enc)
			return export.Recognition{Kind: held.entity.recordKind(), Holds: held, Problem: problem}, ok
		}, Estimate: estimateRows}},
		Less:  func(a, b export.Found) bool { return held(a).entity < held(b).entity },
		Judge: judge, Describe: describe}
}

// recognise says which entity a file holds, in which format, or what
// keeps it from being read.
func recognise(src *export.Source, f export.File, enc csvfile.Encoding) (held exportFile, problem string, ok bool) {
	held.file = f
	switch strings.ToLower(path.Ext(f.Name)) {
	case ".json":
		held.entity, ok = recogniseAPIPage(src, f)
		return held, "", ok
	case ".csv":
		held.format = formatCSV
		if strings.EqualFold(f.Base(), hierarchyFileName) {
			held.entity = entityHierarchy
			return held, "", true
		}
		held.entity, ok, problem = recogniseCSVExport(src, f, enc)
		return held, problem, ok || problem != ""
	}
	return held, "", false
}

func held(f export.Found) exportFile {
	h, _ := f.Holds.(exportFile)
	return h
}

// inventoryOf is what the layout found; withHierarchyFile is false when
// the hierarchy option names another file, so that the export's own
// user-managers.csv is not read.
func inventoryOf(found []export.Found, withHierarchyFile bool) inventory {
	var inv inventory
	for _, f := range found {
		switch h := held(f); {
		case f.Problem != "":
			inv.problems = append(inv.problems, f.Problem)
		case withHierarchyFile || h.entity != entityHierarchy:
			inv.files = append(inv.files, h)
		}
	}
	return inv
}

// apiPage is how a saved API page keeps its records: under "data", which
// API v1 writes as null when there is nothing to list (an empty page,
// not a broken one).
var apiPage = apipages.Page{Keys: []string{"data"}, What: "Pipedrive API response", NullIsEmpty: true}

// sniffLimit bounds how much of a JSON file is read to recognise it: the
// first record of a page comes early.
const sniffLimit = 1 << 20

// recogniseAPIPage says which entity a saved API page holds, from the keys
// of its first record, or from the file's name when the page is empty.
func recogniseAPIPage(src *export.Source, f export.File) (entity, bool) {
	rc, err := src.Open(f)
	if err != nil {
		return 0, false
	}
	defer rc.Close()
	first, isPage := firstRecord(io.LimitReader(rc, sniffLimit))
	if !isPage {
		return 0, false
	}
	if first == nil {
		return entityFromName(f.Base())
	}
	return entityFromKeys(first, f.Base())
}

// firstRecord is the first element of a page's data array (or of a bare
// array). isPage is false when the file is not such a page; first is nil
// for an empty one ("data": [] or "data": null).
func firstRecord(r io.Reader) (first map[string]json.RawMessage, isPage bool) {
	raw, err := apipages.FirstIn(r, apiPage)
	switch {
	case err != nil:
		return nil, false
	case raw == nil:
		return nil, true
	}
	if json.Unmarshal(raw, &first) != nil || first == nil {
		return nil, false
	}
	return first, true
}

// entityFromKeys recognises a record by the keys only its entity has, in
// API v1 and v2 alike.
func entityFromKeys(rec map[string]json.RawMessage, fileName string) (entity, bool) {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := rec[k]; ok {
				return true
			}
		}
		return false
	}
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
// with no record to tell ("activities_500.json", "organizationFields.json").
func entityFromName(name string) (entity, bool) {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "field"):
		if strings.Contains(n, "organi") || strings.HasPrefix(n, "org") {
			return entityOrgFields, true
		}
		return 0, false
	case strings.Contains(n, "activit"):
		return entityActivities, true
	case strings.Contains(n, "deal"):
		return entityDeals, true
	case strings.Contains(n, "stage"):
		return entityStages, true
	case strings.Contains(n, "user"):
		return entityUsers, true
	case strings.Contains(n, "person"), strings.Contains(n, "people"):
		return entityPersons, true
	case strings.Contains(n, "organi"):
		return entityOrganizations, true
	}
	return 0, false
}

// csvExport is a kind of Pipedrive CSV export, known by its header.
type csvExport struct {
	entity entity
	// id and name are the columns every export of the kind has.
	id, name string
}

// csvExports are checked in order: an activities export may carry deal
// and organization columns, a deals export organization columns.
var csvExports = []csvExport{
	{entityActivities, "Activity - ID", "Activity - Subject"},
	{entityDeals, "Deal - ID", "Deal - Title"},
	{entityPersons, "Person - ID", "Person - Name"},
	{entityOrganizations, "Organization - ID", "Organization - Name"},
}

// recogniseCSVExport says which Pipedrive export a CSV file is, from its
// header. A file that looks like one but cannot be read as it is comes
// with the problem.
func recogniseCSVExport(src *export.Source, f export.File, enc csvfile.Encoding) (e entity, ok bool, problem string) {
	r, err := csvfile.Open(src, f, csvfile.Options{Encoding: enc})
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
	header := r.Header()
	if len(header) == 1 && strings.Contains(header[0], ";") && strings.Contains(header[0], " - ") {
		return 0, false, fmt.Sprintf("%s is separated by semicolons, as a spreadsheet saves CSV in some locales: "+
			"save it again with commas", f.Name)
	}
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

// countLimit bounds how much of a JSON file Check reads to count its
// records; a larger file's count is extrapolated.
const countLimit = 4 << 20

// estimateRecords counts the records of an API page, or estimates the
// count of a large one from its first megabytes.
func estimateRecords(src *export.Source, f export.File) (int64, error) {
	rc, err := src.Open(f)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	counter := &export.CountingReader{R: io.LimitReader(rc, countLimit)}
	n, err := apipages.Each(counter, apiPage.Keys, func(apipages.Record) error { return nil })
	var syntax *apipages.SyntaxError
	switch {
	case err == nil || errors.Is(err, apipages.ErrNoRecords) || f.Size <= countLimit:
		// Complete, an empty page, or a broken one: Read will say.
		return n, nil
	case errors.As(err, &syntax) && counter.N > 0:
		return n * f.Size / counter.N, nil
	}
	return n, nil
}
