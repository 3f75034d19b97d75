package ics

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

func TestFrameCalendarsAndComponents(t *testing.T) {
	text := "\r\nbegin:vcalendar\r\nX-WR-CALNAME:One\r\nBEGIN:VEVENT\r\nSUMMARY:Folded\r\n  line\r\n" +
		"BEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nend:vevent\r\nBEGIN:X-UNKNOWN\r\nX-A:b\r\nEND:X-UNKNOWN\r\n" +
		"END:VCALENDAR\r\n\r\n\r\nBEGIN:VCALENDAR\nBEGIN:VTODO\nEND:VTODO\nEND:VCALENDAR\n"
	framed := frame(text)
	if len(framed.calendars) != 2 || len(framed.stray) != 0 {
		t.Fatalf("%d calendars, %d stray runs", len(framed.calendars), len(framed.stray))
	}
	first := framed.calendars[0]
	if first.line != 2 || len(first.props) != 1 || len(first.components) != 2 {
		t.Fatalf("first calendar: line %d, %d props, %d components", first.line, len(first.props), len(first.components))
	}
	ev := first.components[0]
	if ev.name != "VEVENT" || ev.line != 4 || ev.broken != nil || ev.lines[len(ev.lines)-1].text != "END:VEVENT" {
		t.Errorf("event %+v", ev)
	}
	// TRIGGER is the VALARM's, not the event's.
	if lines := ev.propertyLines("TRIGGER"); len(lines) != 0 {
		t.Errorf("nested property found: %+v", lines)
	}
	if l := ev.propertyLine("SUMMARY"); l.number != 5 {
		t.Errorf("SUMMARY at line %d, want 5", l.number)
	}
	if c := framed.calendars[1].components[0]; c.name != "VTODO" || c.line != 18 {
		t.Errorf("second calendar's component %s at line %d", c.name, c.line)
	}
}

func TestParseFileCalendarProperties(t *testing.T) {
	text := calendar("X-WR-CALNAME:Work\r\nX-OWNER;CN=Ana Costa:MAILTO:Ana.Costa@acme-industrial.example\r\nX-WR-TIMEZONE:Europe/Madrid",
		event("UID:floating", "DTSTART:20260302T090000", "DTEND:20260302T100000", "SUMMARY:Floating"))
	cf := parseFile(text, nil)
	if cf.name != "Work" || cf.owner != ana || cf.ownerLine != 4 {
		t.Errorf("name %q, owner %q at line %d", cf.name, cf.owner, cf.ownerLine)
	}
	e := cf.units[0].event
	if e == nil || !e.start.utc().Equal(utc("2026-03-02T08:00Z")) {
		t.Fatalf("floating 09:00 in the calendar's X-WR-TIMEZONE (Madrid): %+v", cf.units[0])
	}
	ev := ownerEvidence{file: "work.ics", xOwner: cf.owner, calName: cf.name}
	if o := ev.infer(); o.email != ana || o.how != "X-OWNER" {
		t.Errorf("owner %+v, want X-OWNER's", o)
	}
}

func TestOwnerFromFileName(t *testing.T) {
	ev := ownerEvidence{file: "Takeout/Calendar/Luc.Martin@acme-industrial.example.ics", calName: "Work"}
	if o := ev.infer(); o.email != luc {
		t.Errorf("owner %+v, want the e-mail in the file's name", o)
	}
}

func TestITIPRepliesAreNotEvents(t *testing.T) {
	text := "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n" + event("UID:x", "DTSTART:20260302T090000Z",
		"ATTENDEE;PARTSTAT=ACCEPTED:mailto:"+luc) + "END:VCALENDAR\r\n"
	cf := parseFile(text, nil)
	if len(cf.units) != 1 || cf.units[0].skip != skipITIP {
		t.Errorf("units %+v", cf.units)
	}
}

func TestMissingUIDIsSharedAcrossCopies(t *testing.T) {
	copyOf := func(attendee string) *vevent {
		cf := parseFile(calendar("", event("DTSTART:20260302T090000Z", "SUMMARY:No UID",
			"ORGANIZER:mailto:"+marta, "ATTENDEE:mailto:"+attendee)), nil)
		return cf.units[0].event
	}
	a, b := copyOf(ana), copyOf(luc)
	if a.uid == "" || a.uid != b.uid || !strings.HasPrefix(a.uid, "no-uid-") {
		t.Errorf("synthetic UIDs %q and %q", a.uid, b.uid)
	}
}

func TestWindows1252File(t *testing.T) {
	text := calendar("X-WR-CALNAME:"+ana, event("UID:cp1252", "DTSTART:20260302T090000Z", "SUMMARY:Reunión de equipo"))
	encoded, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "old-outlook.ics", encoded)
	got, _ := read(t, filepath.Join(dir, "old-outlook.ics"), march2026)
	if len(got.Activities) != 1 || got.Activities[0].Subject != "Reunión de equipo" {
		t.Errorf("Windows-1252 subject: %+v", got.Activities)
	}
}

func TestParticipantsMergedByEmail(t *testing.T) {
	cf := parseFile(calendar("", event("UID:m", "DTSTART:20260302T090000Z",
		"ORGANIZER;CN=Marta Weber:mailto:"+marta,
		"ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:MAILTO:Marta.Weber@acme-industrial.example",
		"ATTENDEE;CN=Copy;ROLE=NON-PARTICIPANT:mailto:assistant@acme-industrial.example",
		"ATTENDEE;CUTYPE=GROUP:mailto:sales@acme-industrial.example",
		"ATTENDEE;CN=Apple;EMAIL=luc.martin@acme-industrial.example:urn:uuid:1234",
		"ATTENDEE;CN=Phone only:tel:+34600000000")), nil)
	people := cf.units[0].event.participants()
	var persons []participant
	for _, p := range people {
		if p.isPerson() {
			persons = append(persons, p)
		}
	}
	if len(persons) != 3 {
		t.Fatalf("persons %+v", persons)
	}
	if m := persons[0]; m.email != marta || !m.organizer || m.partstat != "ACCEPTED" || m.name != "Marta Weber" {
		t.Errorf("organizer merged with her attendee line: %+v", m)
	}
	if persons[1].email != luc || persons[2].email != "" || persons[2].name != "Phone only" {
		t.Errorf("EMAIL parameter and name-only attendees: %+v", persons[1:])
	}
}

func TestDeepNestingIsRejected(t *testing.T) {
	text := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260302T090000Z\n" + strings.Repeat("BEGIN:X-DEEP\n", 100000) + "END:VEVENT\nEND:VCALENDAR\n"
	cf := parseFile(text, nil)
	if len(cf.units) != 1 || cf.units[0].problem == nil || !strings.Contains(cf.units[0].problem.reason, "nests components more than 16 deep") {
		t.Fatalf("units %+v", cf.units)
	}
}

// Podio's calendar feeds end with an X- property after END:VCALENDAR (a
// note on when the feed was cached): no reject. Text that is not a
// property, there, still is one.
func TestTrailingExtensionAfterCalendarIsIgnored(t *testing.T) {
	calendar := "BEGIN:VCALENDAR\r\nPRODID:-//Podio API//EN//view-exporter//1\r\n" +
		event("UID:podio-1", "DTSTART:20260302T090000Z") + "END:VCALENDAR\r\n"
	framed := frame(calendar + "X-COMMENT:Cached from 2026-03-01 08:00:00 - new at\r\n most every 1800sec.\r\n")
	if len(framed.calendars) != 1 || len(framed.stray) != 0 {
		t.Errorf("trailing X-COMMENT: %d calendars, stray %+v", len(framed.calendars), framed.stray)
	}
	framed = frame(calendar + "<html>Service unavailable</html>\r\n")
	if len(framed.stray) != 1 {
		t.Errorf("trailing HTML: stray %+v, want one run", framed.stray)
	}
	framed = frame("X-COMMENT:before any calendar\r\n" + calendar)
	if len(framed.stray) != 1 {
		t.Errorf("X- property before the calendar: stray %+v, want one run", framed.stray)
	}
}
