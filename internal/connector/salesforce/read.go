package salesforce

import (
	"context"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

const skipDeleted = "deleted in Salesforce (IsDeleted=1)"

// fileOutput is where the rows of one file go: a *plugin.FileWriter, or a
// fake in tests.
type fileOutput = plugin.FileOutput

// output hands out a fileOutput per input file.
type output interface {
	File(name string) fileOutput
}

type writerOutput struct{ w *plugin.Writer }

func (o writerOutput) File(name string) fileOutput { return o.w.File(name) }

// read streams the records of the export at req.Path.
func read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	opts, err := parseOptions(req.Options)
	if err != nil {
		return err
	}
	src, err := export.Open(req.Path)
	if err != nil {
		return fmt.Errorf("opening the Salesforce export: %w", err)
	}
	defer src.Close()
	return newReadRun(src, opts, writerOutput{w}).read(ctx)
}

// readRun is one Read: the export, the options, and what earlier files
// taught the later ones.
type readRun struct {
	src  *export.Source
	opts options
	out  output
	// roles come from UserRole.csv and serve User.csv.
	roles map[string]role
	// unloadedEvents are the events whose attendees must not be loaded
	// either: deleted, child copies, rejected.
	unloadedEvents map[string]bool
}

func newReadRun(src *export.Source, opts options, out output) *readRun {
	return &readRun{src: src, opts: opts, out: out, roles: map[string]role{}, unloadedEvents: map[string]bool{}}
}

func (run *readRun) read(ctx context.Context) error {
	if !run.hasAnyObject() {
		return fmt.Errorf("%s holds none of the Salesforce files this connector reads (%s)", run.src.Path(), objectFileNames())
	}
	steps := []struct {
		object object
		reader func(t *table) (rowReader, error)
	}{
		{userRoleObject, run.newRoleReader},
		{userObject, run.newUserReader},
		{accountObject, run.newAccountReader},
		{opportunityObject, run.newOpportunityReader},
		{taskObject, run.newTaskReader},
		{eventObject, run.newEventReader},
		{eventRelationObject, run.newEventRelationReader},
	}
	for _, step := range steps {
		if err := run.readFile(ctx, step.object, step.reader); err != nil {
			return err
		}
	}
	return nil
}

func (run *readRun) hasAnyObject() bool {
	for _, o := range objects {
		if _, ok := run.src.Find(o.file); ok {
			return true
		}
	}
	return false
}

func (run *readRun) has(o object) bool {
	_, ok := run.src.Find(o.file)
	return ok
}

func objectFileNames() string { return strings.Join(layout.Patterns(), ", ") }

// table is a file being read: its CSV reader and where its rows go.
type table struct {
	file   string
	kind   plugin.RecordKind
	reader *csvfile.Reader
	out    fileOutput
}

// column looks a column up in the file's header.
func (t *table) column(name string) column {
	return column{name: name, index: t.reader.Column(name)}
}

// rowReader maps one object's rows to records, sending them to its
// table's output: it follows the SDK's row protocol (nil, a
// *plugin.RowError or a plugin.Skip).
type rowReader interface {
	readRow(r *row) error
}

// finisher is a rowReader that sends its records only once it has seen
// every row (users need the whole role hierarchy).
type finisher interface {
	finish() error
}

// unloadedTracker is a rowReader that wants to know the rows that were not
// loaded, whatever the reason.
type unloadedTracker interface {
	notLoaded(r *row)
}

// readFile reads one object's file, if the export has it, and accounts for
// every row: a record, a reject or a skip.
func (run *readRun) readFile(ctx context.Context, o object, newReader func(t *table) (rowReader, error)) error {
	f, ok := run.src.Find(o.file)
	if !ok {
		return nil
	}
	csvReader, err := csvfile.Open(run.src, f, csvfile.Options{Encoding: run.opts.encoding})
	if err != nil {
		return err
	}
	defer csvReader.Close()
	t := &table{file: f.Name, kind: o.kind, reader: csvReader, out: run.out.File(f.Name)}
	rr, err := newReader(t)
	if err != nil {
		return err
	}
	isDeleted := t.column("IsDeleted")
	var r row // reused: one allocation per file, not per row
	rows := plugin.Table[csvfile.Row]{Out: t.out, Kind: o.kind, Map: func(csvRow csvfile.Row) error {
		r = row{Row: csvRow}
		return readOne(&r, isDeleted, rr)
	}}
	if tracker, ok := rr.(unloadedTracker); ok {
		rows.NotLoaded = func(csvfile.Row) { tracker.notLoaded(&r) }
	}
	if fin, ok := rr.(finisher); ok {
		rows.Finish = fin.finish
	}
	return rows.Read(ctx, csvReader)
}

// readOne maps a row unless Salesforce marks it deleted.
func readOne(r *row, isDeleted column, rr rowReader) error {
	deleted := r.boolean(isDeleted)
	if r.err != nil {
		return r.err
	}
	if deleted {
		return plugin.Skip(skipDeleted)
	}
	return rr.readRow(r)
}
