package ics

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/internal/connector/calendars/calendarstest"
	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

const (
	eva = "eva.lindqvist@acme-industrial.example"
	tom = "tom.berg@acme-industrial.example"
)

// privateTexts are every subject, place, description and person of the
// private and confidential events of testdata/ics/private: none may leave
// the connector.
var privateTexts = []string{
	"Hausarzt", "Befund", "Eppendorfer", "praxis@hausarzt-lind.example", "Dr. Lind",
	"Gehaltsgespräch", "Büro Eva", "jonas.ek@acme-industrial.example", "Ek, Jonas",
	"Physiotherapie", "Physio Nord", "Grindelallee",
	"Kita", "Sonnenblume",
	"Zahnarzt", "Sommer", "Mühlenkamp", "zahnarzt-sommer.example",
}

func TestNothingOfAPrivateEventLeaves(t *testing.T) {
	calendarstest.NothingSent(t, New(), fixture("private"), privateTexts)
}

// A private event is its owner's time and nothing more: its times, marked
// Private, without subject or attendees. CONFIDENTIAL is read as PRIVATE,
// as graph reads Outlook's sensitivity confidential.
func TestPrivateEventsCountAsTimeOnly(t *testing.T) {
	got, _ := read(t, fixture("private"), march2026)
	var private []plugin.Activity
	for _, a := range got.Activities {
		if a.Private {
			private = append(private, a)
		}
	}
	// Eva's doctor (2 h), her salary talk (45 min), four physiotherapy
	// Mondays (the third moved to 17:00), and Tom's Kita talk; Eva's
	// damaged calendar loads nothing.
	want := []struct {
		owner      string
		start, end string
	}{
		{eva, "2026-03-11T07:00Z", "2026-03-11T09:00Z"},
		{eva, "2026-03-12T13:00Z", "2026-03-12T13:45Z"},
		{eva, "2026-03-02T06:30Z", "2026-03-02T07:15Z"},
		{eva, "2026-03-09T06:30Z", "2026-03-09T07:15Z"},
		{eva, "2026-03-16T16:00Z", "2026-03-16T16:45Z"},
		{eva, "2026-03-23T06:30Z", "2026-03-23T07:15Z"},
		{tom, "2026-03-10T14:00Z", "2026-03-10T15:00Z"},
	}
	if len(private) != len(want) {
		t.Fatalf("%d private activities, want %d: %+v", len(private), len(want), private)
	}
	found := map[string]plugin.Activity{}
	for _, a := range private {
		found[a.OwnerID+" "+a.StartAt.Format("2006-01-02T15:04Z")] = a
	}
	for _, w := range want {
		a, ok := found[w.owner+" "+w.start]
		switch {
		case !ok:
			t.Errorf("no private activity of %s at %s", w.owner, w.start)
		case !a.EndAt.Equal(utc(w.end)) || a.DurationSeconds != int64(utc(w.end).Sub(utc(w.start)).Seconds()):
			t.Errorf("%s at %s ends %s after %d s, want %s", w.owner, w.start, a.EndAt, a.DurationSeconds, w.end)
		case a.Subject != "" || len(a.Attendees) != 0 || a.Kind != plugin.ActivityMeeting:
			t.Errorf("%s at %s: kind %s, subject %q, %d attendees; want a meeting with neither", w.owner, w.start, a.Kind, a.Subject, len(a.Attendees))
		}
	}
	// The public meeting beside them keeps all it says.
	visit := one(t, got, eva, "Kundenbesuch Nordwerk")
	if visit.Private || len(visit.Attendees) != 2 {
		t.Errorf("public meeting: private %v, %d attendees, want the organizer and the customer", visit.Private, len(visit.Attendees))
	}
}

// Someone named only in a private event gets no user record: it would
// tell whom the owner meets in private.
func TestPrivateEventsNameNoUser(t *testing.T) {
	got, _ := read(t, fixture("private"), march2026)
	var emails []string
	for _, u := range got.Users {
		emails = append(emails, u.Email)
	}
	// The owners, and the team address that organised Tom's training;
	// not Jonas, named in Eva's confidential event only.
	if strings.Join(emails, " ") != eva+" "+tom+" vertrieb-nord@acme-industrial.example" {
		t.Errorf("users %v, want Eva, Tom and vertrieb-nord", emails)
	}
}

// A private event that cannot be read is rejected all the same, its
// excerpt showing its UID and times only, its reason quoting nothing of
// the line at fault when that line is not one of them.
func TestPrivateEventRejectIsRedacted(t *testing.T) {
	got, _ := read(t, fixture("private"), march2026)
	want := map[int64]struct{ field, reason string }{
		17: {"SUMMARY", calendars.HiddenReason},
		26: {"DTEND", "ends (2026-03-19T07:00:00Z) before it starts (2026-03-19T08:00:00Z)"},
	}
	if len(got.Rejected) != len(want) {
		t.Fatalf("%d rejects, want %d: %+v", len(got.Rejected), len(want), got.Rejected)
	}
	for _, r := range got.Rejected {
		w, ok := want[r.Line]
		if !ok || r.Field != w.field || !strings.Contains(r.Reason, w.reason) {
			t.Errorf("reject at line %d [%s] %q; want [%s] %q", r.Line, r.Field, r.Reason, w.field, w.reason)
		}
		if !strings.Contains(r.Raw, "UID:040000008200E00074C5B7101A82E008") || !strings.Contains(r.Raw, "DTSTART:202603") ||
			!strings.Contains(r.Raw, "private event") {
			t.Errorf("reject at line %d shows %q; want its UID and start, and why the rest is not shown", r.Line, r.Raw)
		}
	}
}

// An event shown as free is not time spent: skipped with the reason gcal
// and graph give, whether Outlook (TRANSP:TRANSPARENT with busy status
// FREE) or Google (TRANSP:TRANSPARENT) wrote it.
func TestEventsShownAsFreeAreSkipped(t *testing.T) {
	got, summary := read(t, fixture("private"), march2026)
	for _, name := range []string{"outlook-eva.ics", "google-tom.ics"} {
		if n := fileSummary(t, summary, name).RowsSkipped[skipFree]; n != 1 {
			t.Errorf("%s: %d rows skipped as free, want 1", name, n)
		}
	}
	for _, a := range got.Activities {
		if strings.Contains(a.Subject, "Webinar") || strings.Contains(a.Subject, "Produktschulung") {
			t.Errorf("event shown as free streamed: %s of %s", a.Subject, a.OwnerID)
		}
	}
	if !strings.HasPrefix(skipFree, "shown as free (TRANSP:TRANSPARENT") {
		t.Errorf("skip reason %q does not name what says the event is free", skipFree)
	}
}

// googleMovedPrivateInstance is a Google Calendar export of Tom's private
// weekly physiotherapy, whose second session was moved (an instance with
// a RECURRENCE-ID and, as Google writes it, no CLASS of its own) and whose
// LOCATION line was then damaged by hand: no colon before its value.
const googleMovedPrivateInstance = "BEGIN:VCALENDAR\r\n" +
	"PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n" +
	"VERSION:2.0\r\n" +
	"CALSCALE:GREGORIAN\r\n" +
	"METHOD:PUBLISH\r\n" +
	"X-WR-CALNAME:" + tom + "\r\n" +
	"X-WR-TIMEZONE:Europe/Berlin\r\n" +
	"BEGIN:VEVENT\r\n" +
	"DTSTART;TZID=Europe/Berlin:20260303T073000\r\n" +
	"DTEND;TZID=Europe/Berlin:20260303T081500\r\n" +
	"RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU\r\n" +
	"DTSTAMP:20260331T170000Z\r\n" +
	"UID:7kq2lq0m3v8c1s9d4n6p0r2t5u@google.com\r\n" +
	"CLASS:PRIVATE\r\n" +
	"SUMMARY:Physiotherapie Knie\r\n" +
	"LOCATION:Praxis Grindelhof 12\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\n" +
	"DTSTART;TZID=Europe/Berlin:20260310T170000\r\n" +
	"DTEND;TZID=Europe/Berlin:20260310T174500\r\n" +
	"DTSTAMP:20260331T170000Z\r\n" +
	"UID:7kq2lq0m3v8c1s9d4n6p0r2t5u@google.com\r\n" +
	"RECURRENCE-ID;TZID=Europe/Berlin:20260310T073000\r\n" +
	"SUMMARY:Physiotherapie Knie (verschoben)\r\n" +
	"LOCATION;Praxis Grindelhof 12\r\n" +
	"END:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

// A moved instance of a private series that cannot be read is private by
// its series, though it has no CLASS of its own: its reject shows nothing
// of it either.
func TestABrokenInstanceOfAPrivateSeriesShowsNothing(t *testing.T) {
	dir := connectortest.TempDir(t, map[string]string{tom + ".ics": googleMovedPrivateInstance})
	calendarstest.NothingSent(t, New(), dir, []string{"Physiotherapie", "Knie", "Grindelhof", "verschoben"})
	got, _ := read(t, dir, march2026)
	if len(got.Rejected) != 1 || !strings.Contains(got.Rejected[0].Raw, "RECURRENCE-ID") {
		t.Errorf("rejects %+v; want the moved instance's, showing its RECURRENCE-ID", got.Rejected)
	}
}
