package graph

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// Why events do not count as their owner's time.
const (
	skipCancelled = "cancelled (isCancelled): not time spent"
	skipDeclined  = "declined by the mailbox's owner (responseStatus declined): not time spent"
	skipFree      = "shown as free (showAs free): the owner kept the time available"
	skipCopy      = "a copy of an event already read (same id in the same mailbox)"
	skipMaster    = "a recurring series' master (type seriesMaster): its occurrences are read from the mailbox's calendarView"
)

// privateMembers are all a reject of a private event may show.
var privateMembers = []string{"id", "type", "start", "end", "isAllDay", "sensitivity"}

// graphDateTime is how Graph writes dateTimeTimeZone.dateTime: a wall
// time with up to seven decimals and no offset (2026-03-02T09:00:00.0000000),
// in the zone its timeZone names.
const graphDateTime = "2006-01-02T15:04:05"

// readEvent maps one event of a mailbox.
func (run *readRun) readEvent(page calendarPage, f *apipages.Fields, out *plugin.FileWriter) error {
	sensitivity, present := f.Value("sensitivity")
	level := strings.ToLower(apipages.Text(sensitivity))
	private := level == "private" || level == "confidential"
	// A sensitivity that is not text may hide a private event: shown as one.
	privacyUnknown := present && level == ""
	e := event{
		id: f.Required("id", f.ID("id")), kind: strings.ToLower(f.Text("type")),
		allDay: f.Bool("isAllDay"), cancelled: f.Bool("isCancelled"),
		showAs:   strings.ToLower(f.Text("showAs")),
		response: strings.ToLower(f.Member("responseStatus").Text("response")),
	}
	e.start, e.end = readTime(f, "start", e.allDay), readTime(f, "end", e.allDay)
	if page.mailbox == "" {
		f.Fail("@odata.context", "whose calendar is this? The page's @odata.context names no mailbox by address and its folder "+
			"is not named after one: save each mailbox's pages in a folder named after its address")
	}
	if !e.end.IsZero() && e.end.Before(e.start) {
		f.Fail("end", "the event ends (%s) before it starts (%s)", e.end.Format(time.RFC3339), e.start.Format(time.RFC3339))
	}
	if e.kind == "seriesmaster" && !run.viewed[page.mailbox] {
		f.Fail("type", "a recurring series' master: an events page lists a series once, with its pattern, not its occurrences; "+
			"save the mailbox's calendarView (GET /users/{id}/calendarView?startDateTime=…&endDateTime=…), which lists each occurrence")
	}
	var subject string
	var attendees []plugin.Attendee
	if !private && !privacyUnknown {
		subject = f.Text("subject")
		attendees = run.attendees(f)
	}
	switch {
	case f.Err != nil && (private || privacyUnknown):
		return calendars.RejectPrivate(out, f, privateMembers...)
	case f.Err != nil:
		return f.Err
	}
	if reason := run.notTimeSpent(page, e); reason != "" {
		return plugin.Skip(reason)
	}
	run.seen[[2]string{page.mailbox, e.id}] = true
	a := plugin.Activity{ID: e.id, Kind: plugin.ActivityMeeting, Subject: subject, OwnerID: page.mailbox,
		StartAt: e.start, EndAt: e.end, DurationSeconds: int64(e.end.Sub(e.start) / time.Second),
		Status: e.showAs, RawType: e.flags(f), Private: private, Attendees: attendees, Line: f.Line}
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

// flags are what the calendar says of the event beyond its times, in the
// words the ics connector uses: all-day, tentative (shown so, or
// tentatively accepted), out-of-office, working-elsewhere, online.
func (e event) flags(f *apipages.Fields) string {
	var flags []string
	add := func(on bool, flag string) {
		if on {
			flags = append(flags, flag)
		}
	}
	add(e.allDay, "all-day")
	add(e.showAs == "tentative" || e.response == "tentativelyaccepted", "tentative")
	add(e.showAs == "oof", "out-of-office")
	add(e.showAs == "workingelsewhere", "working-elsewhere")
	add(f.Bool("isOnlineMeeting") || f.Has("onlineMeeting") && f.Member("onlineMeeting").Text("joinUrl") != "", "online")
	return strings.Join(flags, ",")
}

// readTime reads a dateTimeTimeZone ("start", "end") as UTC. An all-day
// event's is its date at midnight UTC: a day, not an instant in a zone.
func readTime(f *apipages.Fields, name string, allDay bool) time.Time {
	dtz := f.Member(name)
	defer func() { f.FailWith(dtz.Err) }()
	text, zoneName := dtz.Text("dateTime"), dtz.Text("timeZone")
	if text == "" {
		dtz.Fail("dateTime", "the event has no %s time", name)
		return time.Time{}
	}
	if allDay && len(text) >= len(time.DateOnly) {
		return dtz.Date("dateTime", text[:len(time.DateOnly)])
	}
	zone, err := value.Zone(plugin.FirstNonBlank(zoneName, "UTC"))
	if err != nil {
		dtz.Fail("timeZone", "%v", err)
		return time.Time{}
	}
	wall, err := time.ParseInLocation(graphDateTime, text, zone)
	if err != nil {
		// Some tools save the time with its offset: value.Timestamp reads it.
		if t, ok := value.Timestamp(text); ok {
			return t
		}
		dtz.Fail("dateTime", "%q is not a date and time (want 2026-03-02T09:00:00.0000000)", text)
		return time.Time{}
	}
	return wall.UTC()
}
