package graph

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// Why events do not count as their owner's time.
const (
	skipCancelled = "cancelled (isCancelled): not time spent"
	skipDeclined  = "declined by the mailbox's owner (responseStatus declined): not time spent"
	skipCopy      = "a copy of an event already read (same id in the same mailbox)"
	skipMaster    = "a recurring series' master (type seriesMaster): its occurrences are read from the mailbox's calendarView"
)

// skipFree is the calendars' reason for an event shown as free, said by
// Graph's showAs.
var skipFree = calendars.SkipFree("showAs free")

// privateMembers are all a reject of a private event may show.
var privateMembers = []string{"id", "type", "start", "end", "isAllDay", "sensitivity"}

// readEvent maps one event of a mailbox.
func (run *readRun) readEvent(page calendarPage, f *apipages.Fields, out *plugin.FileWriter) error {
	privacy := calendars.ReadPrivacy(f, "sensitivity")
	e := event{
		id: f.Required("id", f.ID("id")), kind: strings.ToLower(f.Text("type")),
		allDay: f.Bool("isAllDay"), cancelled: f.Bool("isCancelled"),
		showAs:   strings.ToLower(f.Text("showAs")),
		response: strings.ToLower(f.Member("responseStatus").Text("response")),
	}
	e.start, e.end = readTime(f, "start", e.allDay), readTime(f, "end", e.allDay)
	if page.mailbox == "" {
		f.Fail("@odata.context", "whose calendar is this? The page's @odata.context names no mailbox by address and its file "+
			"is not saved under one: save each mailbox's pages as ADDRESS_calendarView.json")
	}
	calendars.CheckOrder(f, e.start, e.end)
	if e.kind == "seriesmaster" && !run.viewed[page.mailbox] {
		f.Fail("type", "a recurring series' master: an events page lists a series once, with its pattern, not its occurrences; "+
			"save the mailbox's calendarView (GET /users/{id}/calendarView?startDateTime=…&endDateTime=…), which lists each occurrence")
	}
	var subject string
	var attendees []plugin.Attendee
	if !privacy.Hidden() {
		subject, attendees = f.Text("subject"), run.attendees(f)
	}
	if failed, outcome := privacy.Failed(out, f, privateMembers...); failed {
		return outcome
	}
	if reason := run.notTimeSpent(page, e); reason != "" {
		return plugin.Skip(reason)
	}
	run.seen[[2]string{page.mailbox, e.id}] = true
	a := plugin.Activity{ID: e.id, Kind: plugin.ActivityMeeting, Subject: subject, OwnerID: page.mailbox,
		StartAt: e.start, EndAt: e.end, DurationSeconds: int64(e.end.Sub(e.start) / time.Second),
		Status: e.showAs, RawType: e.flags(f), Private: privacy.Private, Attendees: attendees, Line: f.Line}
	if e.allDay {
		a.Kind, a.DurationSeconds = plugin.ActivityEvent, 0
	}
	return out.Activity(a)
}

// event is what decides whether and how an event counts.
type event struct {
	id, kind, showAs, response string
	allDay, cancelled          bool
	start, end                 time.Time
}

// notTimeSpent says why the event is not its owner's time, if it is not.
func (run *readRun) notTimeSpent(page calendarPage, e event) string {
	switch {
	case e.kind == "seriesmaster" && run.viewed[page.mailbox]:
		return skipMaster
	case e.cancelled:
		return skipCancelled
	case e.response == "declined":
		return skipDeclined
	case e.showAs == "free":
		return skipFree
	case run.seen[[2]string{page.mailbox, e.id}]:
		return skipCopy
	}
	return ""
}

// flags are what the calendar says of the event beyond its times:
// all-day, tentative (shown so, or tentatively accepted), out-of-office,
// working-elsewhere, online (a Teams or other online meeting).
func (e event) flags(f *apipages.Fields) string {
	online := f.Bool("isOnlineMeeting") || f.Has("onlineMeeting") && f.Member("onlineMeeting").Text("joinUrl") != ""
	return calendars.Flags{}.With(e.allDay, calendars.FlagAllDay).
		With(e.showAs == "tentative" || e.response == "tentativelyaccepted", calendars.FlagTentative).
		With(e.showAs == "oof", calendars.FlagOutOfOffice).
		With(e.showAs == "workingelsewhere", calendars.FlagWorkingElsewhere).
		With(online, calendars.FlagOnline).String()
}

// readTime reads a dateTimeTimeZone ("start", "end") as UTC (a missing
// timeZone is Graph's default, UTC). An all-day event's is its date at
// midnight UTC: a day, not an instant in a zone.
func readTime(f *apipages.Fields, name string, allDay bool) time.Time {
	dtz := f.Member(name)
	defer func() { f.FailWith(dtz.Err) }()
	text := dtz.Text("dateTime")
	switch {
	case text == "":
		dtz.Fail("dateTime", "the event has no %s time", name)
		return time.Time{}
	case allDay && len(text) >= len(time.DateOnly):
		return dtz.Date("dateTime", text[:len(time.DateOnly)])
	}
	return calendars.ReadDateTime(dtz, dtz.Text("timeZone"), "2026-03-02T09:00:00.0000000")
}
