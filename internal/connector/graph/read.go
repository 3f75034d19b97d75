package graph

import (
	"context"
	"fmt"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// readRun is one Read: the options, the people named so far, and what
// earlier pages taught later ones.
type readRun struct {
	opts   options
	people *calendars.People
	// viewed are the mailboxes with a calendarView page, whose series
	// masters are read as occurrences there.
	viewed map[string]bool
	// seen are the events read, by mailbox and id, to skip copies (an
	// event on a calendarView page and an events page both).
	seen map[[2]string]bool
}

func newReadRun(opts options) *readRun {
	return &readRun{opts: opts, viewed: map[string]bool{}, seen: map[[2]string]bool{}}
}

// read reads every page of the export, then the users they named.
func (run *readRun) read(ctx context.Context, path string, w *plugin.Writer) error {
	src, err := export.Open(path)
	if err != nil {
		return fmt.Errorf("opening the Microsoft Graph calendar pages: %w", err)
	}
	found, err := findPages(ctx, src)
	src.Close()
	if err != nil {
		return err
	}
	var owners []string
	for _, p := range found {
		if p.Of.mailbox != "" {
			owners = append(owners, p.Of.mailbox)
			run.viewed[p.Of.mailbox] = run.viewed[p.Of.mailbox] || p.Of.view
		}
	}
	run.people = calendars.NewPeople(run.opts.domains, owners)
	if err := pages.Read(ctx, path, w, run.Mapper); err != nil {
		return err
	}
	return run.people.WriteUsers(w)
}

// Mapper gives the function that maps the events of one page, following
// the SDK's row protocol.
func (run *readRun) Mapper(in apipages.PageFile[calendarPage], out *plugin.FileWriter) func(*apipages.Fields) error {
	return func(f *apipages.Fields) error { return run.readEvent(in.Of, f, out) }
}
