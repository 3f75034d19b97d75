package ics

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

const (
	marta = "marta.weber@acme-industrial.example"
	ana   = "ana.costa@acme-industrial.example"
	luc   = "luc.martin@acme-industrial.example"
	jan   = "jan.devries@acme-industrial.example"
	sofia = "sofia.ruiz@acme-industrial.example"

	uidTeam   = "040000008200E00074C5B7101A82E0080000000010A7C3E1B66CDC010000000000000000100000003F8E2A1D7C6B5A4938271605F4E3D2C1"
	uidOneAna = "040000008200E00074C5B7101A82E00800000000C4D1E2F3A4B5DC01000000000000000010000000A1B2C3D4E5F60718293A4B5C6D7E8F90"
)

// read reads an input through the protocol, as the host does, and fails
// the test on an error.
func read(t *testing.T, path string, opts map[string]string) (*plugintest.Collector, plugin.Summary) {
	t.Helper()
	got, summary, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path, Options: opts})
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return got, summary
}

func withOptions(base map[string]string, extra ...string) map[string]string {
	opts := map[string]string{}
	for k, v := range base {
		opts[k] = v
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			delete(opts, extra[i])
			continue
		}
		opts[extra[i]] = extra[i+1]
	}
	return opts
}

// activities are the activities of one owner with a subject, by start.
func activities(got *plugintest.Collector, owner, subject string) []plugin.Activity {
	var out []plugin.Activity
	for _, a := range got.Activities {
		if a.OwnerID == owner && a.Subject == subject {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].StartAt.Before(out[j].StartAt) })
	return out
}

func one(t *testing.T, got *plugintest.Collector, owner, subject string) plugin.Activity {
	t.Helper()
	found := activities(got, owner, subject)
	if len(found) != 1 {
		t.Fatalf("%d activities %q of %s, want 1", len(found), subject, owner)
	}
	return found[0]
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04Z", s)
	if err != nil {
		panic(err)
	}
	return t
}

func starts(acts []plugin.Activity) []string {
	var out []string
	for _, a := range acts {
		out = append(out, a.StartAt.Format("2006-01-02T15:04Z"))
	}
	return out
}

func fileSummary(t *testing.T, s plugin.Summary, name string) plugin.FileSummary {
	t.Helper()
	for _, f := range s.Files {
		if f.File == name {
			return f
		}
	}
	t.Fatalf("no file %s in the summary", name)
	return plugin.FileSummary{}
}

func TestReadTeamAccountsForEveryRow(t *testing.T) {
	got, summary := read(t, fixture("team"), march2026)
	if n := len(got.Activities); n != 62 {
		t.Errorf("%d activities, want 62", n)
	}
	if n := len(got.Rejected); n != 0 {
		t.Errorf("%d rejects, want none: %+v", n, got.Rejected)
	}
	want := map[string]struct {
		read, activities int64
		skipped          int64
	}{
		"calendars.csv":         {read: 3, skipped: 1},
		"apple-luc.ics":         {read: 20, activities: 18},
		"google-ana.ics":        {read: 19, activities: 14, skipped: 3},
		"invitations-sofia.ics": {read: 5, activities: 2, skipped: 3},
		"outlook-marta.ics":     {read: 21, activities: 19, skipped: 1},
		"zimbra-jan.ics":        {read: 12, activities: 9, skipped: 3},
	}
	for name, w := range want {
		f := fileSummary(t, summary, name)
		if f.RowsRead != w.read || f.Records[plugin.KindActivity] != w.activities || f.SkippedTotal() != w.skipped {
			t.Errorf("%s: read %d, %d activities, %d skipped; want %d, %d, %d (%+v)",
				name, f.RowsRead, f.Records[plugin.KindActivity], f.SkippedTotal(), w.read, w.activities, w.skipped, f)
		}
	}
}

func TestUsersAreTheInternalPeople(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	var ids []string
	byID := map[string]plugin.User{}
	for _, u := range got.Users {
		ids = append(ids, u.ID)
		byID[u.ID] = u
	}
	sort.Strings(ids)
	want := []string{ana, jan, luc, marta, "oliver.hughes@acme-industrial.example", "pedro.navarro@acme-industrial.example", sofia}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Fatalf("users %v, want %v (no room, no customer)", ids, want)
	}
	for _, u := range got.Users {
		if u.Email != u.ID || u.ManagerID != "" || !u.Active {
			t.Errorf("user %+v: want Email = ID, no manager, active", u)
		}
	}
	// The mapping's name wins; otherwise the first CN.
	if byID[marta].Name != "Marta Weber" || byID[jan].Name != "Jan de Vries" || byID[luc].Name != "Luc Martin" {
		t.Errorf("names: %q, %q, %q", byID[marta].Name, byID[jan].Name, byID[luc].Name)
	}
	if got.Files[marta] != "calendars.csv" || got.Files[jan] != "calendars.csv" {
		t.Errorf("mapped owners are streamed with the mapping, got %s and %s", got.Files[marta], got.Files[jan])
	}
}

func TestWeeklyOneOnOneExpandedInsidePeriod(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	// Tuesdays at 09:00 Madrid: 3, 10, (17 excluded by EXDATE), (24 moved
	// to Thursday 26 at 15:00), 31 (summer time from the 29th).
	want := []string{"2026-03-03T08:00Z", "2026-03-10T08:00Z", "2026-03-26T14:00Z", "2026-03-31T07:00Z"}
	for _, owner := range []string{ana, marta} { // Google's copy (IANA TZID) and Outlook's (Windows TZID)
		acts := activities(got, owner, "1:1 Ana")
		if strings.Join(starts(acts), " ") != strings.Join(want, " ") {
			t.Errorf("%s: 1:1 Ana at %v, want %v", owner, starts(acts), want)
			continue
		}
		moved := acts[2]
		if wantID := uidOneAna + "/20260324T080000Z/" + owner; moved.ID != wantID {
			t.Errorf("moved instance ID %s, want %s (its RECURRENCE-ID)", moved.ID, wantID)
		}
		if !moved.EndAt.Equal(utc("2026-03-26T14:30Z")) || moved.DurationSeconds != 1800 {
			t.Errorf("moved instance ends %s, lasts %d s", moved.EndAt, moved.DurationSeconds)
		}
	}
}

func TestPeriodBoundsTheExpansion(t *testing.T) {
	got, _ := read(t, fixture("team"), withOptions(march2026, optionFrom, "2026-03-10", optionTo, "2026-03-16"))
	acts := activities(got, ana, "1:1 Ana")
	if len(acts) != 1 || !acts[0].StartAt.Equal(utc("2026-03-10T08:00Z")) {
		t.Errorf("1:1 Ana from the 10th to the 16th: %v, want only the 10th", starts(acts))
	}
	if n := len(activities(got, jan, "Reunión de equipo")); n != 1 {
		t.Errorf("%d team meetings of Jan from the 10th to the 16th, want 1 (Monday 16th)", n)
	}
}

func TestDefaultPeriodIsTheSpanOfOneOffEventsAndSeriesThatEnd(t *testing.T) {
	got, _ := read(t, fixture("team"), withOptions(march2026, optionFrom, "", optionTo, ""))
	// One-off events run from the kick-off (20 January) to Jan's follow-up
	// visit (9 April); the team meeting, until 29 June, from 5 January:
	// all 26 of its Mondays, not the 11 of the one-off events' span.
	if n := len(activities(got, jan, "Reunión de equipo")); n != 26 {
		t.Errorf("%d team meetings of Jan by default, want 26", n)
	}
	kickoff := activities(got, ana, "Kick-off 2026")
	if len(kickoff) != 1 {
		t.Errorf("the kick-off is in the default period; got %d", len(kickoff))
	}
}

// A weekly huddle from 6 January to 30 June beside one-off events on 16
// December and 12 March: alone, the calendar is read from 16 December to
// 30 June, every huddle in; the check-in that never ends, since September
// 2024, only on the Thursdays of those days, 18 December to 25 June.
func TestCalendarAloneIsReadOverItsSeriesThatEnd(t *testing.T) {
	got, summary := read(t, fixture("window"), map[string]string{})
	const james = "james.whitaker@acme-industrial.example"
	huddles := activities(got, james, "Team huddle UK&I")
	if len(huddles) != 26 || !huddles[25].StartAt.Equal(utc("2026-06-30T08:00Z")) {
		t.Errorf("%d huddles, the last %v: want 26, the last on 30 June", len(huddles), starts(huddles[len(huddles)-1:]))
	}
	checkIns := activities(got, james, "Check-in Sarah")
	if len(checkIns) != 28 || !checkIns[0].StartAt.Equal(utc("2025-12-18T16:00Z")) || !checkIns[27].StartAt.Equal(utc("2026-06-25T15:00Z")) {
		t.Errorf("%d check-ins, first and last %v %v: want 28, 18 December to 25 June", len(checkIns), starts(checkIns[:1]), starts(checkIns[len(checkIns)-1:]))
	}
	if n := len(got.Activities); n != 26+28+2 {
		t.Errorf("%d activities, want 56", n)
	}
	if skipped := fileSummary(t, summary, "james.whitaker@acme-industrial.example.ics").RowsSkipped; len(skipped) != 0 {
		t.Errorf("rows skipped: %v", skipped)
	}
}

func TestSkipsNameTheDefaultWindow(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "ana.ics", calendar(`X-WR-CALNAME:`+ana,
		event(`UID:weekly`, `DTSTART:20260105T090000Z`, `DURATION:PT1H`, `RRULE:FREQ=WEEKLY;COUNT=4`, `SUMMARY:Weekly`),
		event(`UID:visit`, `DTSTART:20260114T090000Z`, `DURATION:PT1H`, `SUMMARY:Visit`),
		event(`UID:old`, `DTSTART:20150105T090000Z`, `DURATION:PT1H`, `RRULE:FREQ=WEEKLY;UNTIL=20150201T000000Z`, `SUMMARY:Old`),
	))
	// The old series ends too: it widens the window back to 2015. A
	// series that never ends would not.
	_, summary := read(t, filepath.Join(dir, "ana.ics"), map[string]string{})
	if n := len(fileSummary(t, summary, "ana.ics").RowsSkipped); n != 0 {
		t.Errorf("rows skipped: %v", fileSummary(t, summary, "ana.ics").RowsSkipped)
	}
	connectortest.WriteFile(t, dir, "ana.ics", calendar(`X-WR-CALNAME:`+ana,
		event(`UID:weekly`, `DTSTART:20260105T090000Z`, `DURATION:PT1H`, `RRULE:FREQ=WEEKLY;COUNT=4`, `SUMMARY:Weekly`),
		event(`UID:later`, `DTSTART:20260302T090000Z`, `DURATION:PT1H`, `RRULE:FREQ=WEEKLY`, `SUMMARY:Open`),
	))
	_, summary = read(t, filepath.Join(dir, "ana.ics"), map[string]string{})
	reason := "a recurring event with no occurrence in the window read, 2026-01-05 to 2026-01-26 " +
		"(no period given: the days the calendars' one-off events and series that end span)"
	if n := fileSummary(t, summary, "ana.ics").RowsSkipped[reason]; n != 1 {
		t.Errorf("the open series starting after the window: %v, want skipped as %q", fileSummary(t, summary, "ana.ics").RowsSkipped, reason)
	}
}

func TestTimeZones(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	cases := []struct {
		name, owner, subject string
		index                int
		start, end           string
	}{
		{"Windows W. Europe, winter", marta, "Reunión de equipo", 0, "2026-03-02T08:30Z", "2026-03-02T09:30Z"},
		{"Windows W. Europe, summer", marta, "Reunión de equipo", 4, "2026-03-30T07:30Z", "2026-03-30T08:30Z"},
		{"Windows Pacific, after US DST", marta, "Framework agreement call – Pacific Components", 0, "2026-03-10T15:00Z", "2026-03-10T15:45Z"},
		{"Windows Tokyo, quoted TZID", marta, "Nippon Seiko 定例ミーティング", 0, "2026-03-12T08:00Z", "2026-03-12T08:30Z"},
		{"Windows Romance", marta, "Revue de compte Lumière", 0, "2026-03-18T09:00Z", "2026-03-18T10:30Z"},
		{"Windows GMT", marta, "Forecast call UK", 0, "2026-03-25T16:00Z", "2026-03-25T16:30Z"},
		{"IANA Europe/Madrid", ana, "1:1 Ana", 0, "2026-03-03T08:00Z", "2026-03-03T08:30Z"},
		{"IANA Europe/Berlin, summer", ana, "Reunión de equipo", 4, "2026-03-30T07:30Z", "2026-03-30T08:30Z"},
		{"UTC", ana, "Llamada Hoffmann Maschinenbau", 0, "2026-03-12T15:00Z", "2026-03-12T15:30Z"},
		{"custom VTIMEZONE, winter", jan, "Klantbezoek Acme", 0, "2026-03-05T09:00Z", "2026-03-05T11:00Z"},
		{"custom VTIMEZONE, summer", jan, "Reunión de equipo", 4, "2026-03-30T07:30Z", "2026-03-30T08:30Z"},
		{"custom VTIMEZONE RDATE", jan, "Belronde regio Noord", 2, "2026-03-26T07:00Z", "2026-03-26T09:00Z"},
		{"floating in the timezone option", luc, "Préparation salon", 0, "2026-03-06T08:00Z", "2026-03-06T09:30Z"},
		{"floating weekly, summer", luc, "Point hebdo secteur Sud", 3, "2026-03-25T07:30Z", "2026-03-25T08:00Z"},
		{"IANA TZID with VTIMEZONE", sofia, "Revisión de cuentas clave", 0, "2026-03-12T09:00Z", "2026-03-12T10:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			acts := activities(got, c.owner, c.subject)
			if len(acts) <= c.index {
				t.Fatalf("%d activities %q of %s", len(acts), c.subject, c.owner)
			}
			a := acts[c.index]
			if !a.StartAt.Equal(utc(c.start)) || !a.EndAt.Equal(utc(c.end)) {
				t.Errorf("%s – %s, want %s – %s", a.StartAt.Format(time.RFC3339), a.EndAt.Format(time.RFC3339), c.start, c.end)
			}
		})
	}
}

func TestFloatingTimesDefaultToUTC(t *testing.T) {
	got, _ := read(t, fixture("team"), withOptions(march2026, optionTimezone, ""))
	if a := one(t, got, luc, "Préparation salon"); !a.StartAt.Equal(utc("2026-03-06T09:00Z")) {
		t.Errorf("floating 09:00 without the timezone option starts %s, want 09:00 UTC", a.StartAt)
	}
	// Ana's calendar says X-WR-TIMEZONE:Europe/Madrid: her all-day dates
	// are Madrid days.
	if a := one(t, got, ana, "Feria Industrial Bilbao"); !a.StartAt.Equal(utc("2026-03-16T23:00Z")) {
		t.Errorf("all-day 17 March in Madrid starts %s", a.StartAt)
	}
}

func TestCancelledEventsAreNotTimeSpent(t *testing.T) {
	got, summary := read(t, fixture("team"), march2026)
	for _, a := range got.Activities {
		if strings.Contains(a.Subject, "Pipeline-Review Jan") || a.Subject == "Demo producto Hoffmann" {
			t.Errorf("cancelled event streamed: %s of %s", a.Subject, a.OwnerID)
		}
	}
	for _, name := range []string{"outlook-marta.ics", "zimbra-jan.ics", "invitations-sofia.ics"} {
		if n := fileSummary(t, summary, name).RowsSkipped[skipCancelled]; n != 1 {
			t.Errorf("%s: %d rows skipped as cancelled, want 1", name, n)
		}
	}
	if n := fileSummary(t, summary, "google-ana.ics").RowsSkipped[skipDeclined]; n != 1 {
		t.Errorf("google-ana.ics: %d rows skipped as declined, want 1 (the webinar)", n)
	}
}

func TestCancelledInstanceCancelsOneOccurrence(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "ana.ics", calendar(`X-WR-CALNAME:`+ana,
		event(`UID:weekly-1`, `DTSTART;TZID=Europe/Madrid:20260303T090000`, `DTEND;TZID=Europe/Madrid:20260303T093000`,
			`RRULE:FREQ=WEEKLY;COUNT=4`, `SUMMARY:Weekly`, `ORGANIZER:mailto:`+ana),
		event(`UID:weekly-1`, `RECURRENCE-ID;TZID=Europe/Madrid:20260310T090000`, `DTSTART;TZID=Europe/Madrid:20260310T090000`,
			`DTEND;TZID=Europe/Madrid:20260310T093000`, `STATUS:CANCELLED`, `SUMMARY:Weekly`, `ORGANIZER:mailto:`+ana),
	))
	got, summary := read(t, filepath.Join(dir, "ana.ics"), march2026)
	acts := activities(got, ana, "Weekly")
	want := "2026-03-03T08:00Z 2026-03-17T08:00Z 2026-03-24T08:00Z"
	if strings.Join(starts(acts), " ") != want {
		t.Errorf("weekly: %v, want %s", starts(acts), want)
	}
	if n := fileSummary(t, summary, "ana.ics").RowsSkipped[skipCancelled]; n != 1 {
		t.Errorf("%d rows skipped as cancelled, want the cancelled instance", n)
	}
}

func TestAttendeesInternalOrExternalByDomain(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	visit := one(t, got, ana, "Visita Ibérica Suministros – propuesta 2026")
	type want struct {
		internal, organizer bool
		response            string
	}
	wants := map[string]want{
		ana:                                     {internal: true, organizer: true, response: "ACCEPTED"},
		"m.garcia@iberica-suministros.example":  {response: "ACCEPTED"},
		"j.lopez@iberica-suministros.example":   {response: "NEEDS-ACTION"},
		"pedro.navarro@acme-industrial.example": {internal: true, response: "ACCEPTED"},
		marta:                                   {internal: true, response: "TENTATIVE"},
	}
	if len(visit.Attendees) != len(wants) {
		t.Errorf("%d attendees, want %d (the room left out): %+v", len(visit.Attendees), len(wants), visit.Attendees)
	}
	for _, a := range visit.Attendees {
		w, ok := wants[a.Email]
		if !ok {
			t.Errorf("unexpected attendee %+v", a)
			continue
		}
		wantUser := ""
		if w.internal {
			wantUser = a.Email
		}
		if a.Internal != w.internal || a.UserID != wantUser || a.ContactID != "" || a.Organizer != w.organizer || a.Response != w.response {
			t.Errorf("attendee %+v, want %+v", a, w)
		}
	}
	team := activities(got, marta, "Reunión de equipo")[0]
	for _, a := range team.Attendees {
		if strings.HasPrefix(a.Email, "raum.") {
			t.Errorf("a room is an attendee: %+v", a)
		}
	}
	pacific := one(t, got, marta, "Framework agreement call – Pacific Components")
	for _, a := range pacific.Attendees {
		if a.Email == "daniel.kim@pacific-components.example" && (a.Internal || a.Name != "Kim, Daniel") {
			t.Errorf("customer %+v: want external, named by CN", a)
		}
	}
}

func TestDomainsOption(t *testing.T) {
	got, _ := read(t, fixture("team"), withOptions(march2026, optionDomains, "acme-industrial.example, iberica-suministros.example"))
	visit := one(t, got, ana, "Visita Ibérica Suministros – propuesta 2026")
	for _, a := range visit.Attendees {
		if a.Email == "m.garcia@iberica-suministros.example" && (!a.Internal || a.UserID != a.Email) {
			t.Errorf("with the domains option, %+v is internal", a)
		}
	}
}

func TestOwners(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	owners := map[string]map[string]bool{}
	for _, a := range got.Activities {
		file := got.Files[a.ID]
		if owners[file] == nil {
			owners[file] = map[string]bool{}
		}
		owners[file][a.OwnerID] = true
	}
	want := map[string]string{
		"outlook-marta.ics":     marta, // calendars.csv
		"zimbra-jan.ics":        jan,   // calendars.csv, e-mail in capitals
		"google-ana.ics":        ana,   // X-WR-CALNAME is the e-mail
		"apple-luc.ics":         luc,   // X-WR-CALNAME is an attendee's CN
		"invitations-sofia.ics": sofia, // on every event
	}
	for file, owner := range want {
		if len(owners[file]) != 1 || !owners[file][owner] {
			t.Errorf("%s owned by %v, want %s", file, owners[file], owner)
		}
	}
}

func TestOwnerInferredFromEventsOfASingleFile(t *testing.T) {
	got, summary := read(t, fixture("team", "outlook-marta.ics"), march2026)
	for _, a := range got.Activities {
		if a.OwnerID != marta {
			t.Fatalf("activity %s owned by %s, want %s (on every event)", a.Subject, a.OwnerID, marta)
		}
	}
	if f := fileSummary(t, summary, "outlook-marta.ics"); f.Records[plugin.KindActivity] != 19 {
		t.Errorf("%d activities, want 19", f.Records[plugin.KindActivity])
	}
}

func TestOwnersOption(t *testing.T) {
	mapping := filepath.Join(t.TempDir(), "owners.csv")
	if err := os.WriteFile(mapping, []byte("File,Email\nno-owner.ics,luc.martin@acme-industrial.example\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := read(t, fixture("broken", "no-owner.ics"), withOptions(march2026, optionOwners, mapping))
	if len(got.Rejected) != 0 || len(got.Activities) != 1 || got.Activities[0].OwnerID != luc {
		t.Fatalf("with the owners option: %+v, rejects %+v", got.Activities, got.Rejected)
	}
	if got.Files[luc] != "owners.csv" {
		t.Errorf("the mapped owner is streamed with %s, want owners.csv", got.Files[luc])
	}
}

func TestOwnerNotInferredIsRejected(t *testing.T) {
	got, _ := read(t, fixture("broken", "no-owner.ics"), march2026)
	if len(got.Rejected) != 1 || len(got.Activities) != 0 {
		t.Fatalf("rejects %+v, activities %+v", got.Rejected, got.Activities)
	}
	r := got.Rejected[0]
	if r.File != "no-owner.ics" || r.Line != 5 || !strings.Contains(r.Reason, "cannot tell whose calendar no-owner.ics is") ||
		!strings.Contains(r.Reason, "calendars.csv") {
		t.Errorf("reject %+v", r)
	}
}

func TestMalformedFilesRejectedWithFileAndLine(t *testing.T) {
	got, summary := read(t, fixture("broken"), march2026)
	type key struct {
		file  string
		line  int64
		field string
	}
	want := map[key]string{
		{"bad-values.ics", 7, "DTSTART"}:       "is not a date",
		{"bad-values.ics", 13, "DTSTART"}:      "is not a date",
		{"bad-values.ics", 20, "DTEND"}:        "ends",
		{"bad-values.ics", 27, "RRULE"}:        "FORTNIGHTLY",
		{"bad-values.ics", 34, "RRULE"}:        "more frequent than daily",
		{"bad-values.ics", 39, "DTSTART"}:      "unknown time zone \"Mars Standard Time\"",
		{"bad-values.ics", 46, "DURATION"}:     "negative",
		{"bad-values.ics", 53, "ATTENDEE"}:     "line 53 is not a valid iCalendar content line",
		{"binary.ics", 1, ""}:                  "outside any BEGIN:VCALENDAR",
		{"missing-dtstart.ics", 12, "DTSTART"}: "no DTSTART",
		{"nesting.ics", 1, ""}:                 "outside any BEGIN:VCALENDAR",
		{"nesting.ics", 8, ""}:                 "BEGIN:VEVENT at line 8 has no END:VEVENT: line 13 begins a VEVENT",
		{"nesting.ics", 19, ""}:                "END:VTODO at line 24 does not match BEGIN:VEVENT of line 19",
		{"nesting.ics", 26, ""}:                "END:VEVENT at line 34 comes while BEGIN:VALARM of line 31 is still open",
		{"nesting.ics", 38, ""}:                "the file ends inside the VEVENT begun at line 38",
		{"no-owner.ics", 5, ""}:                "cannot tell whose calendar",
	}
	seen := map[key]bool{}
	for _, r := range got.Rejected {
		k := key{r.File, r.Line, r.Field}
		fragment, ok := want[k]
		if !ok || !strings.Contains(r.Reason, fragment) {
			t.Errorf("unexpected reject %s:%d [%s] %s", r.File, r.Line, r.Field, r.Reason)
			continue
		}
		seen[k] = true
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("no reject at %s:%d [%s] (%s)", k.file, k.line, k.field, want[k])
		}
	}
	// What can be read still loads: one event in each of these.
	for _, name := range []string{"bad-values.ics", "missing-dtstart.ics", "nesting.ics"} {
		if n := fileSummary(t, summary, name).Records[plugin.KindActivity]; n != 1 {
			t.Errorf("%s: %d activities, want 1", name, n)
		}
	}
}

func TestAllDayEvents(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	fair := one(t, got, ana, "Feria Industrial Bilbao")
	if fair.Kind != plugin.ActivityEvent || fair.RawType != flagAllDay || fair.DurationSeconds != 0 {
		t.Errorf("all-day event: kind %s, raw type %q, duration %d", fair.Kind, fair.RawType, fair.DurationSeconds)
	}
	// 17 and 18 March, as days in the timezone option's zone.
	if !fair.StartAt.Equal(utc("2026-03-16T23:00Z")) || !fair.EndAt.Equal(utc("2026-03-18T23:00Z")) {
		t.Errorf("fair from %s to %s", fair.StartAt, fair.EndAt)
	}
	// Marta's day off is private: no subject, its flags kept.
	var leave []plugin.Activity
	for _, a := range got.Activities {
		if a.OwnerID == marta && a.Private {
			leave = append(leave, a)
		}
	}
	if len(leave) != 1 || leave[0].RawType != "all-day,out-of-office" || !leave[0].StartAt.Equal(utc("2026-03-19T23:00Z")) {
		t.Errorf("Outlook's private OOF day of 20 March: %+v", leave)
	}
	if call := one(t, got, marta, "Forecast call UK"); call.RawType != flagTentative || call.Kind != plugin.ActivityMeeting {
		t.Errorf("tentative meeting: %q %s", call.RawType, call.Kind)
	}
}

func TestDurationAndPeriods(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	call := one(t, got, luc, "Appel Lumière – suivi commande")
	if call.DurationSeconds != 45*60 || !call.EndAt.Equal(utc("2026-03-20T13:45Z")) {
		t.Errorf("DURATION:PT45M gives %d s, ending %s", call.DurationSeconds, call.EndAt)
	}
	follow := one(t, got, sofia, "Llamada de seguimiento Ibérica")
	if follow.DurationSeconds != 30*60 {
		t.Errorf("DURATION:PT30M gives %d s", follow.DurationSeconds)
	}
	weekly := activities(got, luc, "Point hebdo secteur Sud")
	if len(weekly) != 5 {
		t.Fatalf("%d weekly points, want 4 Wednesdays and the RDATE period: %v", len(weekly), starts(weekly))
	}
	extra := weekly[4]
	if !extra.StartAt.Equal(utc("2026-03-27T15:00Z")) || extra.DurationSeconds != 3600 {
		t.Errorf("RDATE;VALUE=PERIOD 16:00/PT1H gives %s for %d s", extra.StartAt, extra.DurationSeconds)
	}
}

func TestLaterSequenceSupersedes(t *testing.T) {
	got, summary := read(t, fixture("team"), march2026)
	review := one(t, got, sofia, "Revisión de cuentas clave")
	if !review.StartAt.Equal(utc("2026-03-12T09:00Z")) {
		t.Errorf("the SEQUENCE:1 copy moves the review to the 12th; got %s", review.StartAt)
	}
	if n := fileSummary(t, summary, "invitations-sofia.ics").RowsSkipped[skipSuperseded]; n != 2 {
		t.Errorf("%d older copies skipped, want 2", n)
	}
}

func TestOneMeetingInSeveralCalendars(t *testing.T) {
	got, _ := read(t, fixture("team"), march2026)
	// The team meeting of 2 March is in five calendars; Sofia's holds only
	// her invitations. Each copy is its owner's time, under an ID that
	// shares the meeting's UID/START.
	owners := map[string]bool{}
	for _, a := range got.Activities {
		if meeting, owner, ok := strings.Cut(a.ID, uidTeam+"/20260302T083000Z/"); ok && meeting == "" {
			owners[owner] = true
			if a.OwnerID != owner {
				t.Errorf("ID %s ends with %s but the owner is %s", a.ID, owner, a.OwnerID)
			}
		}
	}
	if len(owners) != 4 || !owners[marta] || !owners[ana] || !owners[luc] || !owners[jan] {
		t.Errorf("team meeting of 2 March owned by %v", owners)
	}
}

func TestZipMatchesDirectory(t *testing.T) {
	dir, _ := read(t, fixture("team"), march2026)
	zip, _ := read(t, fixture("team.zip"), march2026)
	if len(dir.Activities) != len(zip.Activities) || len(dir.Users) != len(zip.Users) {
		t.Errorf("directory: %d activities, %d users; zip: %d, %d",
			len(dir.Activities), len(dir.Users), len(zip.Activities), len(zip.Users))
	}
	if zip.Files[marta] != "acme-calendars/calendars.csv" {
		t.Errorf("the zip's mapping is %s", zip.Files[marta])
	}
}

func TestOptionErrors(t *testing.T) {
	cases := map[string]map[string]string{
		"unknown option":   {"encoding": "utf-8"},
		"bad date":         {optionFrom: "01/03/2026"},
		"from after to":    {optionFrom: "2026-04-01", optionTo: "2026-03-01"},
		"unknown timezone": {optionTimezone: "W. Europe Standard Time"},
		"local timezone":   {optionTimezone: "Local"},
		"bad domain":       {optionDomains: "acme"},
		"missing owners":   {optionOwners: "/no/such/owners.csv"},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			if _, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: fixture("team"), Options: opts}); err == nil {
				t.Errorf("Read with %v: no error", opts)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	c := New()
	for _, in := range []string{fixture("team"), fixture("team.zip"), fixture("team", "apple-luc.ics")} {
		res, err := c.Check(t.Context(), in)
		if err != nil || !res.Accepted || res.Confidence != checkConfidence {
			t.Errorf("Check(%s) = %+v, %v", in, res, err)
		}
	}
	res, _ := c.Check(t.Context(), fixture("team"))
	for _, f := range res.Files {
		if f.File == "outlook-marta.ics" && f.EstimatedRows != 11 {
			t.Errorf("outlook-marta.ics: %d events estimated, want 11", f.EstimatedRows)
		}
	}
	for _, in := range []string{fixture("broken", "binary.ics"), filepath.Join(testdata, "salesforce", "acme"), fixture("team", "calendars.csv")} {
		if res, err := c.Check(t.Context(), in); err != nil || res.Accepted || res.Reason == "" {
			t.Errorf("Check(%s) = %+v, %v; want refused with a reason", in, res, err)
		}
	}
}

// calendar and event build small calendars for tests.
func calendar(props string, events ...string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + props + "\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n"
}

func event(lines ...string) string {
	return "BEGIN:VEVENT\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VEVENT\r\n"
}

func TestOneOffEventReplacedByItsRecurrenceID(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "ana.ics", calendar(`X-WR-CALNAME:`+ana,
		event(`UID:once`, `DTSTART:20260303T090000Z`, `DTEND:20260303T100000Z`, `SUMMARY:Once`),
		event(`UID:once`, `RECURRENCE-ID:20260303T090000Z`, `DTSTART:20260304T090000Z`, `DTEND:20260304T100000Z`, `SUMMARY:Once`),
	))
	got, summary := read(t, filepath.Join(dir, "ana.ics"), march2026)
	acts := activities(got, ana, "Once")
	if len(acts) != 1 || !acts[0].StartAt.Equal(utc("2026-03-04T09:00Z")) {
		t.Errorf("activities %v, want only the moved copy", starts(acts))
	}
	if n := fileSummary(t, summary, "ana.ics").RowsSkipped[skipReplaced]; n != 1 {
		t.Errorf("%d rows skipped as replaced", n)
	}
}

// Broken lines of published calendars: each costs its own event, with a
// reason that says what is wrong, and the events around it load. The
// calendars are invented in the shapes of public files: a Lanyrd export
// with a placeholder date, a Mozilla-era event whose ORGANIZER has "="
// for ":", and an Exchange 2010 feed whose TZID quote swallows the value.
func TestBrokenLinesOfRealExportsSayWhatIsWrong(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//lanyrd.com//Lanyrd//EN
BEGIN:VEVENT
SUMMARY;CHARSET=utf-8:Sales summit
UID:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678
DTSTART;VALUE=DATE:20240312
DTEND;VALUE=DATE:20240314
END:VEVENT
BEGIN:VEVENT
SUMMARY;CHARSET=utf-8:Partner day
UID:partner-day-tbc
DTSTART;VALUE=DATE:Next Year
DTEND;VALUE=DATE:20240314
END:VEVENT
BEGIN:VEVENT
UID:0b7e6a52-4c1d-4f0e-9a55-2f1c3d9e8b70
SUMMARY:Pipeline review
ORGANIZER="mailto:lena.berg@nordvale.example"
DTSTART;TZID="Europe/Berlin":20240315T110000
DTEND;TZID="Europe/Berlin":20240315T120000
END:VEVENT
BEGIN:VEVENT
UID:040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5
SUMMARY:Forecast call
DTSTART;TZID="W. Europe Standard Time:20240318T090000"
DTEND;TZID=W. Europe Standard Time:20240318T093000
END:VEVENT
END:VCALENDAR`, "\n", "\r\n")
	got := readOwned(t, "broken-lines.ics", text)
	want := []struct {
		line        int64
		field, says string
	}{
		{13, "DTSTART", `the VEVENT has no start: DTSTART holds "Next Year"`},
		{19, "ORGANIZER", `ORGANIZER is followed by "=" where ':' and its value`},
		{26, "DTSTART", "DTSTART has no value: its only ':' is inside a quoted parameter"},
	}
	if len(got.Rejected) != len(want) {
		t.Fatalf("%d rejects, want %d: %+v", len(got.Rejected), len(want), got.Rejected)
	}
	for i, w := range want {
		r := got.Rejected[i]
		if r.Line != w.line || r.Field != w.field || !strings.Contains(r.Reason, w.says) {
			t.Errorf("reject %d: line %d [%s] %q, want line %d [%s] saying %q", i, r.Line, r.Field, r.Reason, w.line, w.field, w.says)
		}
	}
	if len(activities(got, ana, "Sales summit")) != 1 {
		t.Errorf("the readable event did not load: %+v", got.Activities)
	}
}

// A university timetable saved cut short: its last line is "END:" with
// no name. The event it would close is rejected, saying so; the ones
// before it load.
func TestEndWithoutNameSaysTheLineIsCutShort(t *testing.T) {
	text := strings.ReplaceAll(`BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Nordvale University//Timetable//EN
BEGIN:VEVENT
UID:acc-lec-20261126@nordvale.example
DTSTART;TZID=Europe/London:20261126T160000
DTEND;TZID=Europe/London:20261126T170000
SUMMARY:Accounting (Lecture)
END:VEVENT

BEGIN:VEVENT
UID:mkt-sem-20261127@nordvale.example
DTSTART;TZID=Europe/London:20261127T110000
DTEND;TZID=Europe/London:20261127T120000
SUMMARY:Marketing (Seminar)
END:`, "\n", "\r\n")
	got := readOwned(t, "timetable.ics", text)
	if len(got.Rejected) != 1 {
		t.Fatalf("rejects %+v", got.Rejected)
	}
	if r := got.Rejected[0]; r.Line != 11 || !strings.Contains(r.Reason, `line 16 reads "END:" with no component name where END:VEVENT, closing line 11, should be`) {
		t.Errorf("reject %+v", r)
	}
	if len(activities(got, ana, "Accounting (Lecture)")) != 1 {
		t.Errorf("the complete event did not load: %+v", got.Activities)
	}
}

// A skip for the window names its days and where they come from: "the
// audit period" was untrue when no period was given.
func TestSkipsNameTheWindowRead(t *testing.T) {
	_, summary := read(t, fixture("team"), withOptions(march2026, optionTo, ""))
	reason := "outside the window read, 2026-03-01 to 2027-02-28 (the from option, and a year after it)"
	if n := fileSummary(t, summary, "google-ana.ics").RowsSkipped[reason]; n != 1 {
		t.Errorf("google-ana.ics: %d rows skipped as %q, want 1 (the event before March): %v", n, reason,
			fileSummary(t, summary, "google-ana.ics").RowsSkipped)
	}
}
