package zoho

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
		return fmt.Errorf("opening the Zoho CRM export: %w", err)
	}
	defer src.Close()
	files, err := identifyFiles(ctx, src)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s holds no Zoho CRM API pages this connector reads (%s)", req.Path, strings.Join(filePatterns(), ", "))
	}
	run := newReadRun(opts, w)
	for _, f := range files {
		if err := run.readFile(ctx, src, f); err != nil {
			return err
		}
	}
	return nil
}

// readRun is one Read: the options, and what earlier pages taught the
// later ones.
type readRun struct {
	opts  options
	w     *plugin.Writer
	users map[string]bool
	// dealAccount ties an activity about a deal to the deal's account.
	dealAccount map[string]string
}

func newReadRun(opts options, w *plugin.Writer) *readRun {
	return &readRun{opts: opts, w: w, users: map[string]bool{}, dealAccount: map[string]string{}}
}

// recordReader maps one module's records. read returns nil when it sent a
// record, a skipRow or a *fieldError for a record not loaded, and any
// other error to stop the Read.
type recordReader interface {
	read(r *record) error
}

func (run *readRun) readerFor(in inputFile, out *plugin.FileWriter) recordReader {
	switch in.module.name {
	case usersModule.name:
		return &userReader{run: run, out: out}
	case accountsModule.name:
		return &accountReader{run: run, out: out, file: in.Name}
	case dealsModule.name:
		return &dealReader{run: run, out: out}
	case callsModule.name:
		return &callReader{run: run, out: out}
	case eventsModule.name:
		return &eventReader{run: run, out: out}
	}
	return &taskReader{run: run, out: out}
}

// readFile reads one page and accounts for every record in it: a record,
// a reject or a skip.
func (run *readRun) readFile(ctx context.Context, src *export.Source, in inputFile) error {
	out := run.w.File(in.Name)
	if in.how == emptyPage {
		return out.Done(0)
	}
	rc, err := src.Open(in.File)
	if err != nil {
		return fmt.Errorf("opening %s: %w", in.Name, err)
	}
	defer rc.Close()
	reader := run.readerFor(in, out)
	progress := func(bytesRead, records int64) error { return out.Progress(bytesRead, in.Size, records) }
	n, err := apipages.EachInPage(ctx, rc, recordKeys, progress, func(raw apipages.Record) error {
		return settle(out, in.module.kind, raw, readOne(raw, reader))
	})
	if err != nil {
		return apipages.PageError(in.Name, "Zoho CRM API response", err)
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
