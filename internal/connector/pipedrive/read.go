package pipedrive

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

const skipDeleted = "deleted in Pipedrive"

// read streams the records of the export at req.Path.
func read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	opts, err := parseOptions(req.Options)
	if err != nil {
		return err
	}
	src, err := export.Open(req.Path)
	if err != nil {
		return fmt.Errorf("opening the Pipedrive export: %w", err)
	}
	defer src.Close()
	found, err := layout(opts.encoding).Find(ctx, src)
	if err != nil {
		return err
	}
	inv := inventoryOf(found, opts.hierarchy == "")
	if opts.hierarchy != "" {
		inv.files = append(inv.files, exportFile{entity: entityHierarchy, format: formatCSV, external: opts.hierarchy})
	}
	if len(inv.files) == 0 {
		return fmt.Errorf("%s holds no Pipedrive export: no saved API pages and no Pipedrive CSV exports", req.Path)
	}
	return newReadRun(src, opts, w).read(ctx, inv)
}

// readRun is one Read: the export, the options, and what earlier files
// taught the later ones.
type readRun struct {
	src  *export.Source
	opts options
	w    *plugin.Writer

	users     *userDirectory
	orgFields *fieldCatalogue
	stages    map[string]string
	persons   *personIndex
	orgs      *nameIndex
	deals     *dealIndex

	// The organization fields the options name, and how many
	// organizations API pages held, to tell whether they had them.
	revenueField, tierField *orgFieldOption
	apiOrganizations        int
}

func newReadRun(src *export.Source, opts options, w *plugin.Writer) *readRun {
	return &readRun{
		src: src, opts: opts, w: w,
		users:     newUserDirectory(),
		orgFields: newFieldCatalogue(),
		stages:    map[string]string{},
		persons:   newPersonIndex(),
		orgs:      newNameIndex("organization", "Organization - ID"),
		deals:     newDealIndex(),
	}
}

// read reads the files entity by entity. Users are held back until the
// hierarchy has given them their managers.
func (run *readRun) read(ctx context.Context, inv inventory) error {
	userFiles, err := run.readUsers(ctx, inv.of(entityUsers))
	if err != nil {
		return err
	}
	for _, f := range inv.of(entityHierarchy) {
		if err := run.readFile(ctx, f, run.newHierarchyReader); err != nil {
			return err
		}
	}
	if err := run.sendUsers(userFiles); err != nil {
		return err
	}
	if err := run.readEntities(ctx, inv, entityOrgFields, entityStages, entityPersons); err != nil {
		return err
	}
	// The options name organization fields, which the field definitions
	// just read may be needed to find.
	if err := run.resolveOrgFieldOptions(); err != nil {
		return err
	}
	if err := run.readEntities(ctx, inv, entityOrganizations); err != nil {
		return err
	}
	if err := run.checkOrgFieldsSeen(); err != nil {
		return err
	}
	return run.readEntities(ctx, inv, entityDeals, entityActivities)
}

// readEntities reads the files of some entities, in the order given.
func (run *readRun) readEntities(ctx context.Context, inv inventory, entities ...entity) error {
	for _, e := range entities {
		for _, f := range inv.of(e) {
			if err := run.readFile(ctx, f, run.readerFor(e)); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordReader maps the records of one file (API page elements or CSV
// rows, whichever the file holds) and sends them. Each function returns
// as the SDK's row protocol says (nil, a *plugin.RowError or a
// plugin.Skip).
type recordReader struct {
	api func(r *apiRecord) error
	csv func(r *csvRow) error
}

// newRecordReader makes the reader of one file: for a CSV file it looks
// up the columns it needs in t (nil for an API page).
type newRecordReader func(out *plugin.FileWriter, t *csvTable) (recordReader, error)

func (run *readRun) readerFor(e entity) newRecordReader {
	switch e {
	case entityOrgFields:
		return run.newOrgFieldReader
	case entityStages:
		return run.newStageReader
	case entityPersons:
		return run.newPersonReader
	case entityOrganizations:
		return run.newOrganizationReader
	case entityDeals:
		return run.newDealReader
	}
	return run.newActivityReader
}

// readFile reads one file, whatever its form, and accounts for its rows.
func (run *readRun) readFile(ctx context.Context, f exportFile, newReader newRecordReader) error {
	out := run.w.File(f.name())
	var rows int64
	var err error
	if f.format == formatAPI {
		rows, err = run.readAPIFile(ctx, f, out, newReader)
	} else {
		rows, err = run.readCSVFile(ctx, f, out, newReader)
	}
	if err != nil {
		return err
	}
	return out.Done(rows)
}

// readAPIFile streams the records of a saved API page.
func (run *readRun) readAPIFile(ctx context.Context, f exportFile, out *plugin.FileWriter, newReader newRecordReader) (int64, error) {
	rr, err := newReader(out, nil)
	if err != nil {
		return 0, err
	}
	if rr.api == nil {
		return 0, fmt.Errorf("%s: Pipedrive's API has no %s pages", f.name(), f.entity)
	}
	rc, err := run.src.Open(f.file)
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", f.name(), err)
	}
	defer rc.Close()
	page := apiPage
	page.Name, page.Size = f.name(), f.file.Size
	return plugin.Table[apipages.Record]{Out: out, Kind: f.entity.recordKind(), Map: func(rec apipages.Record) error {
		r, err := newAPIRecord(rec.Line, rec.Raw)
		if err != nil {
			return err
		}
		return rr.api(r)
	}}.Scan(ctx, apipages.NewReader(rc, page))
}

// readCSVFile streams the rows of a CSV file.
func (run *readRun) readCSVFile(ctx context.Context, f exportFile, out *plugin.FileWriter, newReader newRecordReader) (int64, error) {
	reader, closeFile, err := run.openCSV(f)
	if err != nil {
		return 0, err
	}
	defer closeFile()
	rr, err := newReader(out, &csvTable{reader: reader})
	if err != nil {
		return 0, err
	}
	if rr.csv == nil {
		return 0, fmt.Errorf("%s: Pipedrive exports no %s as CSV", f.name(), f.entity)
	}
	return plugin.Table[csvfile.Row]{Out: out, Kind: f.entity.recordKind(), Map: func(row csvfile.Row) error {
		return rr.csv(&csvRow{Row: row})
	}}.Scan(ctx, reader)
}

// openCSV opens a CSV file of the export, or the hierarchy file the
// option names, and returns how to close it.
func (run *readRun) openCSV(f exportFile) (*csvfile.Reader, func(), error) {
	opts := csvfile.Options{Encoding: run.opts.encoding}
	if f.external == "" {
		r, err := csvfile.Open(run.src, f.file, opts)
		if err != nil {
			return nil, nil, err
		}
		return r, func() { _ = r.Close() }, nil
	}
	file, err := os.Open(f.external)
	if err != nil {
		return nil, nil, fmt.Errorf("option %s: %w", optionHierarchy, err)
	}
	info, err := file.Stat()
	if err != nil {
		_ = file.Close()
		return nil, nil, fmt.Errorf("option %s: %w", optionHierarchy, err)
	}
	r, err := csvfile.NewReader(file, f.external, info.Size(), opts)
	if err != nil {
		_ = file.Close()
		return nil, nil, err
	}
	return r, func() { _ = file.Close() }, nil
}

// csvTable is the header of the CSV file being read.
type csvTable struct {
	reader *csvfile.Reader
}

// column is a column of the file, looked up once in its header. Its name
// is the header as written, for rejects; index is -1 when the file does
// not have it, and the value then reads as empty.
type column struct {
	name  string
	index int
}

func (c column) present() bool { return c.index >= 0 }

// column finds the first of labels the header has (matched without
// regard to case).
func (t *csvTable) column(labels ...string) column {
	for _, label := range labels {
		if i := t.reader.Column(label); i >= 0 {
			return column{name: t.reader.Header()[i], index: i}
		}
	}
	return column{name: labels[0], index: -1}
}

// columnsWithPrefix are the columns whose label starts with prefix:
// multi-value fields are exported one column per label ("Person - Email -
// Work", "Person - Email - Home").
func (t *csvTable) columnsWithPrefix(prefix string) []column {
	var out []column
	for i, h := range t.reader.Header() {
		if len(h) >= len(prefix) && strings.EqualFold(h[:len(prefix)], prefix) {
			out = append(out, column{name: h, index: i})
		}
	}
	return out
}

// csvRow reads the values of one CSV row.
type csvRow struct {
	values
	csvfile.Row
}

func (r *csvRow) field(c column) field { return field{name: c.name, text: r.Field(c.index)} }

// firstField is the first of columns with a value.
func (r *csvRow) firstField(columns []column) field {
	for _, c := range columns {
		if f := r.field(c); !f.empty() {
			return f
		}
	}
	return field{}
}
