package dynamics

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read streams the records of the export at req.Path.
func (c *Connector) Read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	opts, err := parseOptions(req.Options)
	if err != nil {
		return err
	}
	src, err := export.Open(req.Path)
	if err != nil {
		return fmt.Errorf("opening the Dynamics export: %w", err)
	}
	defer src.Close()
	files, err := identifyFiles(ctx, src)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s holds no Dataverse Web API pages this connector reads (%s)", req.Path, strings.Join(filePatterns(), ", "))
	}
	run := newReadRun(opts, w)
	for _, f := range files {
		if err := run.readFile(ctx, src, f); err != nil {
			return err
		}
	}
	return nil
}

// activityState is what became of an activity the export holds, for the
// parties that refer to it.
type activityState int

const (
	activityAbsent activityState = iota
	activityNotLoaded
	activityLoaded
	// activityWithParties was loaded with its parties expanded inline.
	activityWithParties
)

// readRun is one Read: the options, and what earlier files taught the
// later ones.
type readRun struct {
	opts options
	w    *plugin.Writer
	// users and their e-mail addresses resolve activity parties.
	users       map[string]bool
	userByEmail map[string]string
	accounts    map[string]bool
	// opportunityAccount ties an activity regarding an opportunity to
	// the opportunity's account.
	opportunityAccount map[string]string
	activities         map[string]activityState
	// partiesSeen holds activity/party pairs of the parties file, each
	// loaded once whatever its roles.
	partiesSeen map[string]bool
}

func newReadRun(opts options, w *plugin.Writer) *readRun {
	return &readRun{
		opts: opts, w: w,
		users: map[string]bool{}, userByEmail: map[string]string{}, accounts: map[string]bool{},
		opportunityAccount: map[string]string{}, activities: map[string]activityState{},
		partiesSeen: map[string]bool{},
	}
}

// recordReader maps one entity's records. read returns nil when it sent a
// record, a skipRow or a *fieldError for a record not loaded, and any
// other error to stop the Read.
type recordReader interface {
	read(r *record) error
}

func (run *readRun) readerFor(in inputFile, out *plugin.FileWriter) recordReader {
	switch in.entity.kind {
	case plugin.KindUser:
		return &userReader{run: run, out: out}
	case plugin.KindAccount:
		return &accountReader{run: run, out: out, file: in.Name}
	case plugin.KindOpportunity:
		return &opportunityReader{run: run, out: out}
	case plugin.KindAttendee:
		return &partyReader{run: run, out: out}
	}
	return &activityReader{run: run, out: out, entity: in.entity}
}

// readFile reads one page and accounts for every record in it: a record,
// a reject or a skip.
func (run *readRun) readFile(ctx context.Context, src *export.Source, in inputFile) error {
	rc, err := src.Open(in.File)
	if err != nil {
		return fmt.Errorf("opening %s: %w", in.Name, err)
	}
	defer rc.Close()
	out := run.w.File(in.Name)
	reader := run.readerFor(in, out)
	progress := func(bytesRead, records int64) error { return out.Progress(bytesRead, in.Size, records) }
	n, err := apipages.EachInPage(ctx, rc, []string{recordsKey}, progress, func(raw apipages.Record) error {
		return settle(out, in.entity.kind, raw, readOne(raw, reader))
	})
	if err != nil {
		return apipages.PageError(in.Name, "Dataverse Web API list response", err)
	}
	return out.Done(n)
}

func readOne(raw apipages.Record, reader recordReader) error {
	r, err := newRecord(raw.Line, raw.Raw, "")
	if err != nil {
		return err
	}
	return reader.read(r)
}

// settle turns the outcome of a record not loaded into a reject or a
// skip; other errors stop the Read.
func settle(out *plugin.FileWriter, kind plugin.RecordKind, raw apipages.Record, outcome error) error {
	var skip skipRow
	var bad *fieldError
	switch {
	case outcome == nil:
		return nil
	case errors.As(outcome, &skip):
		out.Skip(skip.reason)
		return nil
	case errors.As(outcome, &bad):
		return out.Reject(plugin.Reject{Line: raw.Line, Field: bad.field, Reason: bad.reason, Raw: apipages.Excerpt(raw.Raw), Kind: kind})
	}
	return outcome
}
