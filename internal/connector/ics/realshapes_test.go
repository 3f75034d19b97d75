package ics

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// The calendars of this file are invented, each in the shape of a real
// public file that TestRealCalendars read without a reject: they keep
// what those files showed from being lost again.

// readShaped reads one calendar, owned by Ana through an owner mapping (as
// real files rarely name their owner), over a period wide enough for it,
// and fails on any reject.
func readShaped(t *testing.T, name, text string) *plugintest.Collector {
	t.Helper()
	got := readOwned(t, name, text)
	for _, r := range got.Rejected {
		t.Errorf("reject at line %d (%s): %s", r.Line, r.Field, r.Reason)
	}
	return got
}

// readOwned reads one calendar as readShaped does, rejects included.
func readOwned(t *testing.T, name, text string) *plugintest.Collector {
	t.Helper()
	return readOwnedWith(t, name, text, nil)
}

// readOwnedWith reads one calendar as readOwned does, with more options.
func readOwnedWith(t *testing.T, name, text string, options map[string]string) *plugintest.Collector {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(t.TempDir(), "owners.csv")
	if err := os.WriteFile(mapping, []byte("file,email\n"+name+","+ana+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	all := map[string]string{optionFrom: "2000-01-01", optionTo: "2035-12-31", optionOwners: mapping}
	for k, v := range options {
		all[k] = v
	}
	got, _ := read(t, dir, all)
	return got
}

// wantDays checks the occurrences of an event: their starts, in order, and
// one length for all.
func wantDays(t *testing.T, got *plugintest.Collector, subject string, length time.Duration, starts ...time.Time) {
	t.Helper()
	found := activities(got, ana, subject)
	if len(found) != len(starts) {
		t.Fatalf("%q: %d occurrences, want %d", subject, len(found), len(starts))
	}
	for i, a := range found {
		if !a.StartAt.Equal(starts[i]) || a.EndAt.Sub(a.StartAt) != length {
			t.Errorf("%q: %s–%s, want %s lasting %s", subject, a.StartAt, a.EndAt, starts[i], length)
		}
	}
}

// Calendar Labs' holiday feeds (PRODID:-//Calendar Labs//Calendar 1.0//EN)
// write all-day days as DTSTART:20190101 without VALUE=DATE, a DTEND equal
// to DTSTART, an empty "RRULE:" line, and a DESCRIPTION whose first line
// ends in a space before the fold. The day lasts a day, as clients show it
// (allenporter/ical reads these feeds the same way in its compat mode); a
// DATE-TIME end equal to its start still lasts no time.
func TestCalendarLabsHolidayShape(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Calendar Labs//Calendar 1.0//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Nordvale Holidays
X-WR-TIMEZONE:Etc/GMT
BEGIN:VEVENT
SUMMARY:Harvest Day
DTSTART:20240902
DTEND:20240902
LOCATION:Nordvale
DESCRIPTION:Visit https://holidays.example/harvest.php to know more. 
 Follow us to get updates
RRULE:
UID:65f1a2b3c4d5e1700000001@holidays.example
DTSTAMP:20240105T094729Z
STATUS:CONFIRMED
TRANSP:TRANSPARENT
SEQUENCE:0
END:VEVENT
BEGIN:VEVENT
SUMMARY:Harvest Day broadcast
DTSTART:20240902T100000Z
DTEND:20240902T100000Z
RRULE:
UID:65f1a2b3c4d5e1700000002@holidays.example
DTSTAMP:20240105T094729Z
END:VEVENT
END:VCALENDAR`, "\n", "\r\n")
	got := readShaped(t, "labs.ics", text)
	// The feed shows its holidays as free: not time spent.
	wantDays(t, got, "Harvest Day", 0)
	wantDays(t, got, "Harvest Day broadcast", 0, utc("2024-09-02T10:00Z"))
	// Shown as busy, as a user may set a holiday they take off, the day
	// lasts a day.
	busy := readShaped(t, "labs.ics", strings.Replace(text, "TRANSP:TRANSPARENT", "TRANSP:OPAQUE", 1))
	wantDays(t, busy, "Harvest Day", 24*time.Hour, utc("2024-09-02T00:00Z"))
}

// Google Calendar's "Contacts' birthdays and events" export gives an
// all-day birthday a one-time RRULE and its earlier years as RDATEs
// written as dates with a stray Z (RDATE:20231210Z).
func TestGoogleBirthdayRDATEsWithZ(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
X-WR-CALNAME:Contacts' birthdays and events
X-WR-TIMEZONE:Europe/Stockholm
BEGIN:VEVENT
DTSTART;VALUE=DATE:20251210
DTEND;VALUE=DATE:20251211
RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1
RDATE:20241210Z
RDATE:20231210Z
DTSTAMP:20231207T183041Z
UID:2025_BIRTHDAY_0a1b2c3d4e5f6071@google.com
CLASS:PUBLIC
SEQUENCE:1
STATUS:CONFIRMED
SUMMARY:Lena's birthday
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR`, "\n", "\r\n")
	got := readShaped(t, "birthdays.ics", text)
	wantDays(t, got, "Lena's birthday", 24*time.Hour,
		at(t, "Europe/Stockholm", "2023-12-10 00:00"), at(t, "Europe/Stockholm", "2024-12-10 00:00"), at(t, "Europe/Stockholm", "2025-12-10 00:00"))
}

// Exchange 2010 feeds name the moved instance of an all-day series by a
// RECURRENCE-ID at midnight in the series' Windows zone
// (RECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000) though the
// series' days are dates.
func TestExchangeMovedAllDayInstance(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
METHOD:PUBLISH
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
X-WR-CALNAME:Kalender
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
RRULE:FREQ=WEEKLY;COUNT=4;INTERVAL=1;BYDAY=TU,TH;WKST=MO
UID:nordvale-depot-days
SUMMARY:Depot day
DTSTART;VALUE=DATE:20260219
DTEND;VALUE=DATE:20260220
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE
X-MICROSOFT-CDO-INSTTYPE:1
END:VEVENT
BEGIN:VEVENT
UID:nordvale-depot-days
RECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000
SUMMARY:Depot day
DTSTART;VALUE=DATE:20260227
DTEND;VALUE=DATE:20260228
X-MICROSOFT-CDO-ALLDAYEVENT:TRUE
X-MICROSOFT-CDO-INSTTYPE:3
END:VEVENT
END:VCALENDAR`, "\n", "\r\n")
	got := readShaped(t, "exchange.ics", text)
	wantDays(t, got, "Depot day", 24*time.Hour,
		utc("2026-02-19T00:00Z"), utc("2026-02-24T00:00Z"), utc("2026-02-27T00:00Z"), utc("2026-03-03T00:00Z"))
}

// An Outlook invitation saved by Thunderbird (X-MOZ-RECEIVED-*) names its
// VTIMEZONE " 1", with a space, and refers to it as TZID= 1.
func TestOutlookInvitationZoneNamedWithSpace(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
BEGIN:VTIMEZONE
TZID: 1
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
DTSTAMP:20260110T141000Z
UID:040000008200E00074C5B7101A82E008000000001122334455667788000000000000000
 010000000AABBCCDDEEFF00112233445566778899
SUMMARY:Supplier workshop
DTSTART;TZID= 1:20260112T110000
DTEND;TZID= 1:20260112T120000
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
X-MOZ-RECEIVED-SEQUENCE:3
X-MOZ-RECEIVED-DTSTAMP:20260110T141000Z
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20260110T141000Z
UID:nordvale-summer-check
SUMMARY:Summer check
DTSTART;TZID= 1:20260707T110000
DTEND;TZID= 1:20260707T113000
END:VEVENT
END:VCALENDAR`, "\n", "\r\n")
	got := readShaped(t, "invitation.ics", text)
	wantDays(t, got, "Supplier workshop", time.Hour, utc("2026-01-12T10:00Z"))
	wantDays(t, got, "Summer check", 30*time.Minute, utc("2026-07-07T09:00Z"))
}

// Microsoft CDO for Exchange (PRODID:Microsoft CDO for Microsoft Exchange)
// breaks a long ATTENDEE line before the colon that ends its parameters,
// with no space: the colon begins the next physical line, and the value
// follows on a fold. The event loads with that attendee.
func TestExchangeCDOAttendeeColonOnItsOwnLine(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft CDO for Microsoft Exchange
VERSION:2.0
BEGIN:VEVENT
DTSTAMP:20260302T151500Z
DTSTART:20260304T140000Z
SUMMARY:Pricing review
UID:040000008200E00074C5B7101A82E00800000000A1B2C3D4E5F6A7B8000000000000000
  0100000001122334455667788
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Bo Lind"
:
  MAILTO:bo@nordvale.example
ORGANIZER;CN="Ana":MAILTO:`+ana+`
DTEND:20260304T143000Z
END:VEVENT
END:VCALENDAR`, "\n", "\r\n")
	got := readShaped(t, "cdo.ics", text)
	wantDays(t, got, "Pricing review", 30*time.Minute, utc("2026-03-04T14:00Z"))
	found := activities(got, ana, "Pricing review")
	var emails []string
	for _, a := range found[0].Attendees {
		emails = append(emails, a.Email)
	}
	if !strings.Contains(strings.Join(emails, " "), "bo@nordvale.example") {
		t.Errorf("attendees %v, want bo@nordvale.example among them", emails)
	}
}

// EssentialPIM (PRODID:-//Astonsoft//EssentialPIM//EN, as in the holiday
// calendars Thunderbird's site offers) writes an all-day day with a DATE
// start and a DATE-TIME end one second past the local midnight that
// begins it; days it knows to last one day get a DATE end equal to the
// start. Both last the day, in any zone: read as an instant, the first
// would last five hours in UTC and end before it starts in Los Angeles.
func TestEssentialPIMAllDayEndingOneSecondPastMidnight(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
PRODID:-//Astonsoft//EssentialPIM//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH

BEGIN:VEVENT
UID:243379537850136101
LAST-MODIFIED:20231108T222755Z
DTSTART;VALUE=DATE:20240101
DTEND:20240101T050001Z
SUMMARY:New Year's Day
CLASS:PUBLIC
DTSTAMP:20231115T134131Z
CATEGORIES:Holidays
RRULE:FREQ=YEARLY;BYMONTH=1;COUNT=2;BYMONTHDAY=1
END:VEVENT

BEGIN:VEVENT
UID:271696855971409102
LAST-MODIFIED:20231108T223946Z
DTSTART;VALUE=DATE:20240115
DTEND;VALUE=DATE:20240115
SUMMARY:Founders' Day
CLASS:PUBLIC
DTSTAMP:20231115T134131Z
CATEGORIES:Holidays
END:VEVENT

END:VCALENDAR`, "\n", "\r\n")
	got := readShaped(t, "essentialpim.ics", text)
	wantDays(t, got, "New Year's Day", 24*time.Hour, utc("2024-01-01T00:00Z"), utc("2025-01-01T00:00Z"))
	wantDays(t, got, "Founders' Day", 24*time.Hour, utc("2024-01-15T00:00Z"))

	losAngeles := readOwnedWith(t, "essentialpim.ics", text, map[string]string{optionTimezone: "America/Los_Angeles"})
	if len(losAngeles.Rejected) != 0 {
		t.Fatalf("rejects in Los Angeles: %+v", losAngeles.Rejected)
	}
	wantDays(t, losAngeles, "New Year's Day", 24*time.Hour, utc("2024-01-01T08:00Z"), utc("2025-01-01T08:00Z"))
}

// Proton Calendar repeats the summary in a VALUE parameter of SUMMARY. The
// subject must still lose its TEXT escapes, as any other summary does.
func TestProtonSummaryWithAValueParameter(t *testing.T) {
	got := readShaped(t, "proton.ics", `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Proton AG//Proton Calendar 1.0//EN
BEGIN:VEVENT
UID:7c1e0a52-3b9d-4a61-9f0e-2d6b8c4e1f35@proton.me
DTSTAMP:20240305T081500Z
DTSTART:20240306T130000Z
DTEND:20240306T140000Z
SUMMARY;VALUE="Pipeline review^n Room 4.12\, Lyon^n":Pipeline review\n Room 4.12\, Lyon\n
END:VEVENT
END:VCALENDAR
`)
	if len(got.Activities) != 1 {
		t.Fatalf("want one activity, got %d", len(got.Activities))
	}
	if want := "Pipeline review\n Room 4.12, Lyon"; got.Activities[0].Subject != want {
		t.Errorf("subject = %q, want %q", got.Activities[0].Subject, want)
	}
}
