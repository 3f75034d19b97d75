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

// read streams the records of the export.
func read(ctx context.Context, src *export.Source, opts options, w *plugin.Writer) error {
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
	// warn says what the user should know of the export as a whole: the
	// optional columns a file lacks. plugin.Logger's in the connector.
	warn func(msg string, args ...any)
}

func newReadRun(src *export.Source, opts options, out output) *readRun {
	return &readRun{src: src, opts: opts, out: out, roles: map[string]role{}, unloadedEvents: map[string]bool{},
		warn: plugin.Logger().Warn}
}

// read reads the files of the export in the layout's order.
func (run *readRun) read(ctx context.Context) error {
	files, err := layout.Find(ctx, run.src)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s holds none of the Salesforce files this connector reads (%s)", run.src.Path(), strings.Join(layout.Patterns(), ", "))
	}
	readers := map[string]func(t *table) (rowReader, error){
		userRoleObject.file: run.newRoleReader, userObject.file: run.newUserReader, accountObject.file: run.newAccountReader,
		opportunityObject.file: run.newOpportunityReader, taskObject.file: run.newTaskReader, eventObject.file: run.newEventReader,
		eventRelationObject.file: run.newEventRelationReader,
	}
	for _, f := range files {
		if note := optionalNote(f); note != "" {
			run.warn(note)
		}
		if err := run.readFile(ctx, f, readers[f.Pattern.Name]); err != nil {
			return err
		}
	}
	return nil
}

func (run *readRun) has(o object) bool {
	_, ok := run.src.Find(o.file)
	return ok
}

// table is a file being read: its CSV reader and where its rows go.
type table struct {
	file   string
	reader *csvfile.Reader
	out    fileOutput
}

// column looks a column up in the file's header.
func (t *table) column(name string) column {
	return column{name: name, index: t.reader.Column(name)}
}

// rowReader maps one object's rows to records, sending them to its
// table's output: it follows the SDK's row protocol (nil, a
// *plugin.RowError or a plugin.Skip). One may also want to hear of the
// rows not loaded (notLoaded), or send its records only once it has seen
// every row (finish: users need the whole role hierarchy).
type rowReader interface {
	readRow(r *row) error
}

// readFile reads one object's file and accounts for every row: a record,
// a reject or a skip.
func (run *readRun) readFile(ctx context.Context, f export.Found, newReader func(t *table) (rowReader, error)) error {
	csvReader, err := csvfile.Open(run.src, f.File, csvfile.Options{Encoding: run.opts.encoding})
	if err != nil {
		return err
	}
	defer csvReader.Close()
	t := &table{file: f.Name, reader: csvReader, out: run.out.File(f.Name)}
	rr, err := newReader(t)
	if err != nil {
		return err
	}
	isDeleted := t.column("IsDeleted")
	var r row // reused: one allocation per file, not per row
	rows := plugin.Table[csvfile.Row]{Out: t.out, Kind: f.Kind, Map: func(csvRow csvfile.Row) error {
		r = row{Row: csvRow}
		switch deleted := r.boolean(isDeleted); {
		case r.err != nil:
			return r.err
		case deleted:
			return plugin.Skip(skipDeleted)
		}
		return rr.readRow(&r)
	}}
	if tracker, ok := rr.(interface{ notLoaded(r *row) }); ok {
		rows.NotLoaded = func(csvfile.Row) { tracker.notLoaded(&r) }
	}
	if fin, ok := rr.(interface{ finish() error }); ok {
		rows.Finish = fin.finish
	}
	return rows.Read(ctx, csvReader)
}
