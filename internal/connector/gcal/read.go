package gcal

import (
	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// readRun is one Read: the people named so far and the events read.
type readRun struct {
	people *calendars.People
	// seen are the activities read, by ID, to skip copies (a page saved
	// twice, overlapping time ranges).
	seen map[string]bool
}

// startRun begins a Read once the pages are found: a calendars.Mapper.
func startRun(people *calendars.People, _ []apipages.PageFile[calendarPage]) func(apipages.PageFile[calendarPage], *plugin.FileWriter) func(*apipages.Fields) error {
	run := &readRun{people: people, seen: map[string]bool{}}
	return func(in apipages.PageFile[calendarPage], out *plugin.FileWriter) func(*apipages.Fields) error {
		return func(f *apipages.Fields) error { return run.readEvent(in.Of, f, out) }
	}
}
