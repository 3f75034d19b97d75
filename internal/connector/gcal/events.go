package gcal

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// Why events do not count as their owner's time.
const (
	skipCancelled        = "cancelled (status cancelled): not time spent"
	skipDeclined         = "declined by the calendar's owner (responseStatus declined): not time spent"
	skipWorkingLocation  = "a working location (eventType workingLocation): where the owner works, not an event"
	skipBirthday         = "a birthday (eventType birthday): not time spent"
	skipCopy             = "a copy of an event already read (same id in the same calendar)"
	reasonSeriesNotSaved = "a recurring series saved without its occurrences (the event has a recurrence rule): " +
		"save the calendar again with events.list?singleEvents=true&timeMin=…&timeMax=…, which lists each occurrence"
)

// skipFree is the calendars' reason for an event shown as free, said by
// Google's transparency.
var skipFree = calendars.SkipFree("transparency transparent")

// privateMembers are all a reject of a private event may show.
var privateMembers = []string{"id", "status", "start", "end", "visibility", "eventType", "recurringEventId", "originalStartTime"}

// event is what decides whether and how an event counts.
type event struct {
	id, owner, status, eventType string
	transparent, allDay          bool
	start, end                   time.Time
	// ownResponse is the owner's answer (see ownerResponse).
	ownResponse string
}

// readEvent maps one event of a calendar.
func (run *readRun) readEvent(page calendarPage, f *apipages.Fields, out *plugin.FileWriter) error {
	privacy := calendars.ReadPrivacy(f, "visibility")
	e := event{id: f.Required("id", f.ID("id")), status: strings.ToLower(f.Text("status")),
		eventType: strings.ToLower(f.Text("eventType")), transparent: strings.EqualFold(f.Text("transparency"), "transparent")}
	if e.status == "cancelled" {
		// Google lists a deleted occurrence with its id and original
		// start only: nothing more to read.
		return plugin.Skip(skipCancelled)
	}
	e.start, e.allDay = readTime(f, "start", page.zone)
	e.end, _ = readTime(f, "end", page.zone)
	calendars.CheckOrder(f, e.start, e.end)
	if f.Has("recurrence") {
		f.Fail("recurrence", reasonSeriesNotSaved)
	}
	e.owner = page.owner
	if e.owner == "" {
		e.owner = selfAddress(f)
	}
	e.ownResponse = ownerResponse(f, e.owner, page.owner != "")
	if e.owner == "" {
		f.Fail("summary", "whose calendar is this? The page's summary is not an e-mail address, its file is not saved under one "+
			"and no attendee is marked self: save each calendar's pages as ADDRESS_events.json")
	}
	var subject string
	var attendees []plugin.Attendee
	if !privacy.Hidden() {
		subject, attendees = f.Text("summary"), run.attendees(f)
	}
	if failed, outcome := privacy.Failed(out, f, privateMembers...); failed {
		return outcome
	}
	if reason := run.notTimeSpent(e); reason != "" {
		return plugin.Skip(reason)
	}
	a := plugin.Activity{ID: e.id + "/" + e.owner, Kind: plugin.ActivityMeeting, Subject: subject, OwnerID: e.owner,
		StartAt: e.start, EndAt: e.end, DurationSeconds: int64(e.end.Sub(e.start) / time.Second),
		Status: e.status, RawType: e.flags(f), Private: privacy.Private, Attendees: attendees, Line: f.Line}
	run.seen[a.ID] = true
	if e.allDay {
		a.Kind, a.DurationSeconds = plugin.ActivityEvent, 0
	}
	run.people.See(e.owner, "")
	return out.Activity(a)
}

// notTimeSpent says why the event is not its owner's time, if it is not.
func (run *readRun) notTimeSpent(e event) string {
	switch {
	case e.ownResponse == "declined":
		return skipDeclined
	case e.eventType == "workinglocation":
		return skipWorkingLocation
	case e.transparent:
		return skipFree
	case e.eventType == "birthday":
		return skipBirthday
	case run.seen[e.id+"/"+e.owner]:
		return skipCopy
	}
	return ""
}

// flags are what the calendar says of the event beyond its times:
// all-day, tentative (the event's status, or the owner's answer),
// out-of-office, focus-time, online (a Google Meet or other conference).
func (e event) flags(f *apipages.Fields) string {
	return calendars.Flags{}.With(e.allDay, calendars.FlagAllDay).
		With(e.status == "tentative" || e.ownResponse == "tentative", calendars.FlagTentative).
		With(e.eventType == "outofoffice", calendars.FlagOutOfOffice).
		With(e.eventType == "focustime", calendars.FlagFocusTime).
		With(f.Text("hangoutLink") != "" || f.Has("conferenceData"), calendars.FlagOnline).String()
}

// readTime reads an EventDateTime ("start", "end") as UTC: its date for
// an all-day event (midnight UTC: a day, not an instant in a zone), else
// its dateTime, RFC 3339 with an offset as Google writes it, or without
// one in its timeZone, else the calendar's.
func readTime(f *apipages.Fields, name, calendarZone string) (t time.Time, allDay bool) {
	edt := f.Member(name)
	defer func() { f.FailWith(edt.Err) }()
	if date := edt.Text("date"); date != "" {
		return edt.Date("date", date), true
	}
	if edt.Text("dateTime") == "" {
		edt.Fail("dateTime", "the event has no %s date or time", name)
		return time.Time{}, false
	}
	zone := plugin.FirstNonBlank(edt.Text("timeZone"), calendarZone)
	return calendars.ReadDateTime(edt, zone, "RFC 3339, e.g. 2026-03-02T09:00:00-07:00"), false
}
