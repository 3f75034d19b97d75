package graph

import (
	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// readRun is one Read: the people named so far, and what earlier pages
// taught later ones.
type readRun struct {
	people *calendars.People
	// viewed are the mailboxes with a calendarView page, whose series
	// masters are read as occurrences there.
	viewed map[string]bool
	// seen are the events read, by mailbox and id, to skip copies (an
	// event on a calendarView page and an events page both).
	seen map[[2]string]bool
}

// startRun begins a Read once the pages are found: a calendars.Mapper.
func startRun(people *calendars.People, found []apipages.PageFile[calendarPage]) func(apipages.PageFile[calendarPage], *plugin.FileWriter) func(*apipages.Fields) error {
	run := &readRun{people: people, viewed: map[string]bool{}, seen: map[[2]string]bool{}}
	for _, p := range found {
		run.viewed[p.Of.mailbox] = run.viewed[p.Of.mailbox] || p.Of.view
	}
	return run.Mapper
}

// Mapper gives the function that maps the events of one page, following
// the SDK's row protocol.
func (run *readRun) Mapper(in apipages.PageFile[calendarPage], out *plugin.FileWriter) func(*apipages.Fields) error {
	return func(f *apipages.Fields) error { return run.readEvent(in.Of, f, out) }
}
