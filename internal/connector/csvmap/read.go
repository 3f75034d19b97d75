package csvmap

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// checkEvery is how many rows are read between checks for cancellation and
// progress reports.
const checkEvery = 256

const skipActivityNotLoaded = "its activity was not loaded (rejected or skipped)"

// Read streams the records of the CSV files at req.Path as their mapping
// describes them.
func (c *Connector) Read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	opts, err := parseOptions(req.Options)
	if err != nil {
		return err
	}
	in, err := openInput(req.Path, opts.mapping)
	if errors.Is(err, errNoMapping) {
		return fmt.Errorf("%s has no %s: %s", req.Path, MappingFileName, mappingHelp)
	}
	if err != nil {
		return err
	}
	defer in.Close()
	in.encoding = opts.encoding
	files, err := in.plan()
	if err != nil {
		return err
	}
	return newReadRun(in, files, w).read(ctx)
}

// readRun is one Read: the files, and what the earlier files taught the
// later ones.
type readRun struct {
	in    *input
	files []*boundFile
	w     *plugin.Writer
	refs  *references
	// users are held until every user file has been read: a manager named
	// by name can be on any row of any of them. Users are few.
	users     []pendingUser
	userFiles []finishedFile
	// unloadedActivities are the activities whose attendees must not be
	// loaded either, lest they refer to nothing.
	unloadedActivities map[string]bool
}

type pendingUser struct {
	user    plugin.User
	manager string
	file    *boundFile
	out     *plugin.FileWriter
	raw     string
}

type finishedFile struct {
	out  *plugin.FileWriter
	rows int64
}

func newReadRun(in *input, files []*boundFile, w *plugin.Writer) *readRun {
	return &readRun{in: in, files: files, w: w, refs: newReferences(in.mapping), unloadedActivities: map[string]bool{}}
}

func (run *readRun) read(ctx context.Context) error {
	for _, bf := range run.files {
		if bf.mapping.kind == plugin.KindUser {
			if err := run.readFile(ctx, bf); err != nil {
				return err
			}
		}
	}
	if err := run.finishUsers(); err != nil {
		return err
	}
	for _, bf := range run.files {
		if bf.mapping.kind != plugin.KindUser {
			if err := run.readFile(ctx, bf); err != nil {
				return err
			}
		}
	}
	return nil
}

// readFile reads one file and accounts for every row: a record, a reject
// or a skip.
func (run *readRun) readFile(ctx context.Context, bf *boundFile) error {
	out := run.w.File(bf.file.Name)
	r, err := openCSV(run.in.src, bf.file, run.in.settingsFor(bf.mapping))
	if err != nil {
		return fmt.Errorf("opening %s: %w", bf.file.Name, err)
	}
	defer r.Close()
	for {
		if r.RowsRead()%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := out.Progress(r.BytesRead(), r.Size(), r.RowsRead()); err != nil {
				return err
			}
		}
		csvRow, err := r.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if err := rejectMalformed(out, bf, err); err != nil {
				return err
			}
			continue
		}
		rw := &row{Row: csvRow, file: bf, swap: r.swap, refs: run.refs}
		if err := run.settle(out, rw, run.readRow(rw, out)); err != nil {
			return err
		}
	}
	if bf.mapping.kind == plugin.KindUser {
		run.userFiles = append(run.userFiles, finishedFile{out: out, rows: r.RowsRead()})
		return nil
	}
	return out.Done(r.RowsRead())
}

// rejectMalformed rejects a row that is not well-formed CSV; any other
// error stops the Read.
func rejectMalformed(out *plugin.FileWriter, bf *boundFile, err error) error {
	var malformed *csvfile.RowError
	if !errors.As(err, &malformed) {
		return err
	}
	return out.Reject(plugin.Reject{Line: malformed.Line, Reason: malformed.Reason, Raw: malformed.Raw, Kind: bf.mapping.kind})
}

// readRow turns a row into a record. It returns nil when the record was
// sent (or, for a user, kept for later), a skipRow or a *fieldError for a
// row not loaded, and any other error to stop the Read.
func (run *readRun) readRow(r *row, out *plugin.FileWriter) error {
	if r.isEmpty() {
		return skipRow{skipEmptyRow}
	}
	if reason := r.skipReason(); reason != "" {
		return skipRow{reason}
	}
	switch r.file.mapping.kind {
	case plugin.KindUser:
		u, manager := readUser(r)
		if r.err != nil {
			return r.err
		}
		run.users = append(run.users, pendingUser{user: u, manager: manager, file: r.file, out: out, raw: r.raw()})
		return nil
	case plugin.KindAccount:
		a := readAccount(r)
		if r.err != nil {
			return r.err
		}
		run.refs.add(plugin.KindAccount, a.ID, a.Name, "")
		return out.Account(a)
	case plugin.KindOpportunity:
		o := readOpportunity(r)
		if r.err != nil {
			return r.err
		}
		run.refs.add(plugin.KindOpportunity, o.ID, o.Name, "")
		return out.Opportunity(o)
	case plugin.KindActivity:
		a := readActivity(r)
		if r.err != nil {
			return r.err
		}
		return out.Activity(a)
	case plugin.KindAttendee:
		return run.readAttendee(r, out)
	}
	return fmt.Errorf("connector bug: no reader for %s records", r.file.mapping.kind)
}

func (run *readRun) readAttendee(r *row, out *plugin.FileWriter) error {
	at := readAttendee(r)
	if r.err != nil {
		return r.err
	}
	if run.unloadedActivities[at.ActivityID] {
		return skipRow{skipActivityNotLoaded}
	}
	return out.Attendee(at)
}

// settle turns the outcome of a row not loaded into a reject or a skip;
// other errors stop the Read.
func (run *readRun) settle(out *plugin.FileWriter, r *row, outcome error) error {
	if outcome == nil {
		return nil
	}
	if r.file.mapping.kind == plugin.KindActivity {
		run.notLoaded(r)
	}
	var skip skipRow
	var bad *fieldError
	switch {
	case errors.As(outcome, &skip):
		out.Skip(skip.reason)
		return nil
	case errors.As(outcome, &bad):
		return out.Reject(plugin.Reject{Line: r.Line, Field: bad.field, Reason: bad.reason, Raw: r.raw(), Kind: r.file.mapping.kind})
	}
	return outcome
}

// notLoaded remembers an activity that was not loaded, so that its
// attendees are not loaded either.
func (run *readRun) notLoaded(r *row) {
	f := r.file.mapping.fields["id"]
	if id, err := f.resolveText(r.cell(f)); err == nil && id != "" {
		run.unloadedActivities[id] = true
	}
}

// raw is an excerpt of the row as written, for the person fixing the file.
func (r *row) raw() string { return r.swap.restore(r.Raw()) }

// finishUsers resolves the managers named by name or e-mail, now that
// every user is known, and sends the users.
func (run *readRun) finishUsers() error {
	for _, p := range run.users {
		run.refs.add(plugin.KindUser, p.user.ID, p.user.Name, p.user.Email)
	}
	for _, p := range run.users {
		if err := run.sendUser(p); err != nil {
			return err
		}
	}
	for _, f := range run.userFiles {
		if err := f.out.Done(f.rows); err != nil {
			return err
		}
	}
	return nil
}

func (run *readRun) sendUser(p pendingUser) error {
	p.user.ManagerID = p.manager
	f := p.file.mapping.fields["manager_id"]
	if p.manager != "" && f.match != matchID {
		id, err := run.refs.find(plugin.KindUser, f.match, p.manager)
		if err != nil {
			return p.out.Reject(plugin.Reject{
				Line: p.user.Line, Field: "manager_id", Reason: fmt.Sprintf("column %s: %v", f.column, err),
				Raw: p.raw, Kind: plugin.KindUser,
			})
		}
		p.user.ManagerID = id
	}
	return p.out.User(p.user)
}
