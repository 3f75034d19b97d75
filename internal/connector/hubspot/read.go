package hubspot

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// checkEvery is how many records are read between checks for cancellation
// and progress reports.
const checkEvery = 256

// Skip reasons shared by every object.
const (
	skipArchived  = "archived (deleted) in HubSpot"
	skipDuplicate = "duplicate: the same record ID was read from an earlier file " +
		"(saved API pages overlap, or the API and UI exports both hold it)"
)

// Read streams the records of the export at req.Path.
func (c *Connector) Read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	opts, err := parseOptions(req.Options)
	if err != nil {
		return err
	}
	src, err := export.Open(req.Path)
	if err != nil {
		return fmt.Errorf("opening the HubSpot export: %w", err)
	}
	defer src.Close()
	inv, err := takeInventory(ctx, src)
	if err != nil {
		return err
	}
	if inv.empty() {
		return fmt.Errorf("%s holds no HubSpot files: no saved API pages ({\"results\": [...]}) of owners, companies, "+
			"deals, meetings, calls, tasks or e-mails, and no CSV exports from the HubSpot UI (\"Record ID\" first)", req.Path)
	}
	run := &readRun{
		src: src, inv: inv, opts: opts, w: w,
		owners: newOwnerIndex(), managers: map[string]string{},
		seen: map[plugin.RecordKind]map[string]bool{},
	}
	return run.read(ctx)
}

// readRun is one Read: the export, the options, and what earlier files
// taught the later ones (owners for names in UI exports, the IDs already
// loaded).
type readRun struct {
	src  *export.Source
	inv  *inventory
	opts options
	w    *plugin.Writer

	owners        *ownerIndex
	pendingOwners []pendingOwner
	ownerRows     []fileRows
	// managers maps an owner ID to its manager's, from the mapping file.
	managers map[string]string
	seen     map[plugin.RecordKind]map[string]bool
}

func (run *readRun) read(ctx context.Context) error {
	if err := run.readOwnerPages(ctx); err != nil {
		return err
	}
	if err := run.readHierarchy(ctx); err != nil {
		return err
	}
	if err := run.sendOwners(); err != nil {
		return err
	}
	for _, f := range run.inv.objects {
		if err := run.readObjectFile(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// readObjectFile reads one file of companies, deals or activities and
// accounts for every record: a record, a reject or a skip.
func (run *readRun) readObjectFile(ctx context.Context, f exportFile) error {
	out := run.w.File(f.file.Name)
	var rows int64
	var err error
	if f.form == formAPI {
		rows, err = run.eachRecord(ctx, f, out, func(rec apipages.Record) error {
			return run.readAPIRecord(rec, f.object, out)
		})
	} else {
		rows, err = run.readExport(ctx, f, out)
	}
	if err != nil {
		return err
	}
	return out.Done(rows)
}

func (run *readRun) readAPIRecord(rec apipages.Record, object *objectType, out *plugin.FileWriter) error {
	o, err := decodeAPIObject(rec.Raw)
	if err != nil {
		return settle(out, object.kind, rec.Line, rawOf(rec), err)
	}
	e := &entry{line: rec.Line, object: o, owners: run.owners, zone: run.opts.zone}
	return settle(out, object.kind, rec.Line, rawOf(rec), run.readEntry(e, object, out))
}

// eachRecord calls fn for every record of an API page, checking for
// cancellation and reporting progress, and returns the number of records.
// A page that is not valid JSON cannot be read past the fault: that is an
// error naming the file and the line.
func (run *readRun) eachRecord(ctx context.Context, f exportFile, out *plugin.FileWriter, fn func(apipages.Record) error) (int64, error) {
	rc, err := run.src.Open(f.file)
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", f.file.Name, err)
	}
	defer rc.Close()
	counter := &countingReader{r: rc}
	var rows int64
	n, err := apipages.Each(counter, resultsKeys, func(rec apipages.Record) error {
		if rows%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := out.Progress(counter.n, f.file.Size, rows); err != nil {
				return err
			}
		}
		rows++
		return fn(rec)
	})
	var syntax *apipages.SyntaxError
	switch {
	case errors.As(err, &syntax):
		return n, fmt.Errorf("%s line %d: the page is not valid JSON (%v); it may have been cut short, save it again",
			f.file.Name, syntax.Line, syntax.Err)
	case errors.Is(err, apipages.ErrNoRecords):
		return n, fmt.Errorf("%s: not a saved HubSpot API page: %w", f.file.Name, err)
	case err != nil:
		return n, err
	}
	return n, nil
}

// readExport reads the rows of a UI export.
func (run *readRun) readExport(ctx context.Context, f exportFile, out *plugin.FileWriter) (int64, error) {
	r, err := csvfile.Open(run.src, f.file, csvfile.Options{Encoding: run.opts.encoding})
	if err != nil {
		return 0, err
	}
	defer r.Close()
	cols := newColumns(r)
	for {
		if r.RowsRead()%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			if err := out.Progress(r.BytesRead(), r.Size(), r.RowsRead()); err != nil {
				return 0, err
			}
		}
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return r.RowsRead(), nil
		}
		if err != nil {
			if err := rejectMalformed(out, f.object.kind, err); err != nil {
				return 0, err
			}
			continue
		}
		e := &entry{line: row.Line, row: &row, columns: cols, owners: run.owners, zone: run.opts.zone}
		if err := settle(out, f.object.kind, row.Line, row.Raw, run.readEntry(e, f.object, out)); err != nil {
			return 0, err
		}
	}
}

// rejectMalformed rejects a row that is not well-formed CSV; any other
// error stops the Read.
func rejectMalformed(out *plugin.FileWriter, kind plugin.RecordKind, err error) error {
	var malformed *csvfile.RowError
	if !errors.As(err, &malformed) {
		return err
	}
	return out.Reject(plugin.Reject{Line: malformed.Line, Reason: malformed.Reason, Raw: malformed.Raw, Kind: kind})
}

// readEntry maps and sends one record unless it is archived or already
// loaded. It returns nil when it sent a record, a skipRecord or a
// *fieldError for a record not loaded, and any other error to stop.
func (run *readRun) readEntry(e *entry, object *objectType, out *plugin.FileWriter) error {
	id := e.id()
	archived := e.archived()
	if e.err != nil {
		return e.err
	}
	if archived {
		return skipRecord{skipArchived}
	}
	seen := run.seen[object.kind]
	if seen == nil {
		seen = map[string]bool{}
		run.seen[object.kind] = seen
	}
	if seen[id] {
		return skipRecord{skipDuplicate}
	}
	var err error
	switch object {
	case companies:
		err = run.sendCompany(e, id, out)
	case deals:
		err = run.sendDeal(e, id, out)
	case meetings:
		err = run.sendMeeting(e, id, out)
	case calls:
		err = run.sendCall(e, id, out)
	case tasks:
		err = run.sendTask(e, id, out)
	case emails:
		err = run.sendEmail(e, id, out)
	default:
		return fmt.Errorf("connector bug: no mapping for %s", object.name)
	}
	if err == nil {
		seen[id] = true
	}
	return err
}

// settle turns the outcome of a record not loaded into a reject or a
// skip; other errors stop the Read. raw is called only for a reject.
func settle(out *plugin.FileWriter, kind plugin.RecordKind, line int64, raw func() string, outcome error) error {
	var skip skipRecord
	var bad *fieldError
	switch {
	case outcome == nil:
		return nil
	case errors.As(outcome, &skip):
		out.Skip(skip.reason)
		return nil
	case errors.As(outcome, &bad):
		return out.Reject(plugin.Reject{Line: line, Field: bad.field, Reason: bad.reason, Raw: raw(), Kind: kind})
	}
	return outcome
}

func rawOf(rec apipages.Record) func() string {
	return func() string { return apipages.Excerpt(rec.Raw) }
}
