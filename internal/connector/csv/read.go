package csv

import (
	"context"
	"errors"
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

const skipActivityNotLoaded = "its activity was not loaded (rejected or skipped)"

// read streams the records of the CSV files at req.Path as their mapping
// describes them.
func read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
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
	parts *fileParts
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
	// unresolved is the manager reference the user goes without.
	unresolved []unresolvedRef
}

type finishedFile struct {
	out  *plugin.FileWriter
	rows int64
}

func newReadRun(in *input, files []*boundFile, w *plugin.Writer) *readRun {
	return &readRun{in: in, files: files, w: w, refs: newReferences(in.mapping), parts: newFileParts(w),
		unloadedActivities: map[string]bool{}}
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
	out := run.w.File(bf.name)
	r, err := openCSV(run.in.src, bf.file, run.in.settingsFor(bf.mapping))
	if err != nil {
		return fmt.Errorf("opening %s: %w", bf.file.Name, err)
	}
	defer r.Close()
	t := plugin.Table[csvfile.Row]{Out: out, Kind: bf.mapping.kind, Map: func(csvRow csvfile.Row) error {
		return run.readRow(&row{Row: csvRow, file: bf, refs: run.refs}, out)
	}, Finish: run.parts.done}
	switch bf.mapping.kind {
	case plugin.KindActivity:
		t.NotLoaded = func(csvRow csvfile.Row) { run.notLoaded(&row{Row: csvRow, file: bf}) }
	case plugin.KindUser:
		// Users are sent, and their files marked done, once every user
		// file is read.
		rows, err := t.Scan(ctx, r)
		if err != nil {
			return err
		}
		run.userFiles = append(run.userFiles, finishedFile{out: out, rows: rows})
		return nil
	}
	return t.Read(ctx, r)
}

// readRow turns a row into a record. It returns nil when the record was
// sent (or, for a user, kept for later), as the SDK's row protocol says.
func (run *readRun) readRow(r *row, out *plugin.FileWriter) error {
	if r.isEmpty() {
		return plugin.Skip(skipEmptyRow)
	}
	if reason := r.skipReason(); reason != "" {
		return plugin.Skip(reason)
	}
	switch r.file.mapping.kind {
	case plugin.KindUser:
		u, manager := readUser(r)
		if r.err != nil {
			return run.rejected(r, out, u.ID, u.Name, u.Email)
		}
		run.users = append(run.users, pendingUser{user: u, manager: manager, file: r.file, out: out, raw: r.Raw()})
		return nil
	case plugin.KindAccount:
		a := readAccount(r)
		if r.err != nil {
			return run.rejected(r, out, a.ID, a.Name, "")
		}
		run.refs.add(plugin.KindAccount, a.ID, a.Name, "", place{out.Name(), r.Line})
		return run.loaded(r, out, out.Account(a))
	case plugin.KindOpportunity:
		o := readOpportunity(r)
		if r.err != nil {
			return run.rejected(r, out, o.ID, o.Name, "")
		}
		run.refs.add(plugin.KindOpportunity, o.ID, o.Name, "", place{out.Name(), r.Line})
		return run.loaded(r, out, out.Opportunity(o))
	case plugin.KindActivity:
		a := readActivity(r)
		if r.err != nil {
			return r.err
		}
		return run.loaded(r, out, out.Activity(a))
	case plugin.KindAttendee:
		return run.readAttendee(r, out)
	}
	return fmt.Errorf("connector bug: no reader for %s records", r.file.mapping.kind)
}

// rejected remembers a row rejected by what it would have been known by,
// for the records that refer to it, and returns its reject.
func (run *readRun) rejected(r *row, out *plugin.FileWriter, id, name, email string) error {
	run.refs.reject(r.file.mapping.kind, id, name, email, rejection{file: out.Name(), line: r.Line, reason: r.err.Error()})
	return r.err
}

// loaded rejects, in the file's unresolved part, the optional references
// a row's record was sent without; sent is the outcome of sending it.
func (run *readRun) loaded(r *row, out *plugin.FileWriter, sent error) error {
	if sent != nil {
		return sent
	}
	return run.parts.unresolved(out.Name(), r.file.mapping.kind, r.Line, r.Raw(), r.unresolved)
}

func (run *readRun) readAttendee(r *row, out *plugin.FileWriter) error {
	at := readAttendee(r)
	if r.err != nil {
		return r.err
	}
	if run.unloadedActivities[at.ActivityID] {
		return plugin.Skip(skipActivityNotLoaded)
	}
	return out.Attendee(at)
}

// notLoaded remembers an activity that was not loaded, so that its
// attendees are not loaded either.
func (run *readRun) notLoaded(r *row) {
	f := r.file.mapping.fields["id"]
	if id, err := f.resolveText(r.cell(f)); err == nil && id != "" {
		run.unloadedActivities[id] = true
	}
}
