package graph

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars/calendarstest"
	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

const (
	gretaMailbox = "greta.hansen@nordlicht-mb.example"
	miraMailbox  = "mira.koenig@nordlicht-mb.example"
)

func readFixture(t *testing.T, path string, options map[string]string) (*plugintest.Collector, plugin.Summary) {
	t.Helper()
	return connectortest.Read(t, New(), path, options)
}

func activitiesBySubject(got *plugintest.Collector, owner, subject string) []plugin.Activity {
	var out []plugin.Activity
	for _, a := range got.Activities {
		if a.OwnerID == owner && a.Subject == subject {
			out = append(out, a)
		}
	}
	return out
}

func skipped(summary plugin.Summary, reason string) int64 {
	var n int64
	for _, f := range summary.Files {
		n += f.RowsSkipped[reason]
	}
	return n
}

func TestNordlichtCountsEveryEvent(t *testing.T) {
	got, summary := readFixture(t, nordlicht, nil)
	var rows int64
	for _, f := range summary.Files {
		rows += f.RowsRead
	}
	users := int64(len(got.Users))
	// The pages hold 251 events: Greta 50+35, Mira 50+31 and 5 on her
	// events page, Ole 50+30; and one row per user.
	if rows-users != 251 {
		t.Errorf("read %d event rows, want 251", rows-users)
	}
	for reason, want := range map[string]int64{skipCancelled: 1, skipDeclined: 1, skipFree: 1, skipMaster: 1, skipCopy: 4} {
		if n := skipped(summary, reason); n != want {
			t.Errorf("skipped %d as %q, want %d", n, reason, want)
		}
	}
	if len(got.Rejected) != 0 {
		t.Errorf("rejects in a clean export: %+v", got.Rejected)
	}
	if want := 251 - 8; len(got.Activities) != want {
		t.Errorf("%d activities, want %d", len(got.Activities), want)
	}
	// Users: the three mailboxes and the two colleagues who have none;
	// customers, the room and the doctor's practice are not users.
	var emails []string
	for _, u := range got.Users {
		emails = append(emails, u.Email)
	}
	if len(got.Users) != 5 || strings.Contains(strings.Join(emails, " "), "example ") && !strings.HasSuffix(emails[0], "@nordlicht-mb.example") {
		t.Errorf("users %v, want the five of nordlicht-mb.example", emails)
	}
	for _, e := range emails {
		if !strings.HasSuffix(e, "@nordlicht-mb.example") {
			t.Errorf("user %s is not of the company's domain", e)
		}
	}
}

// Greta's pages were saved in W. Europe Standard Time: her stand-up at
// 09:00 is 08:00 UTC in winter time and 07:00 UTC after 29 March.
func TestOccurrenceInWindowsZoneReadsAsUTC(t *testing.T) {
	got, _ := readFixture(t, nordlicht, nil)
	standups := activitiesBySubject(got, gretaMailbox, "Daily Stand-up Vertrieb Nord")
	if len(standups) != 40 {
		t.Fatalf("%d stand-up occurrences for Greta, want 40 (eight weeks of work days)", len(standups))
	}
	at := map[string]plugin.Activity{}
	for _, a := range standups {
		at[a.StartAt.Format(time.DateOnly)] = a
	}
	for day, wantUTC := range map[string]string{"2026-03-02": "08:00", "2026-03-30": "07:00"} {
		a, ok := at[day]
		if !ok {
			t.Fatalf("no stand-up on %s", day)
		}
		if a.StartAt.Format("15:04") != wantUTC || a.DurationSeconds != 15*60 || a.StartAt.Location() != time.UTC {
			t.Errorf("stand-up on %s starts %s for %ds, want %s UTC for 900s", day, a.StartAt, a.DurationSeconds, wantUTC)
		}
	}
}

func TestPrivateEventCountsWithoutSubjectOrAttendees(t *testing.T) {
	got, _ := readFixture(t, nordlicht, nil)
	var private []plugin.Activity
	for _, a := range got.Activities {
		if a.Private {
			private = append(private, a)
		}
	}
	if len(private) != 2 {
		t.Fatalf("%d private activities, want 2 (Greta's private, Mira's confidential)", len(private))
	}
	for _, a := range private {
		if a.Subject != "" || len(a.Attendees) != 0 {
			t.Errorf("private activity %s carries subject %q and %d attendees", a.ID, a.Subject, len(a.Attendees))
		}
		if a.DurationSeconds <= 0 {
			t.Errorf("private activity %s has no duration: it must count as time", a.ID)
		}
	}
}

func TestDeclinedAttendeesKeptWithTheirResponse(t *testing.T) {
	got, _ := readFixture(t, nordlicht, nil)
	reviews := 0
	for _, a := range got.Activities {
		if a.OwnerID != gretaMailbox || !strings.HasPrefix(a.Subject, "Pipeline-Review") {
			continue
		}
		reviews++
		declined := false
		for _, at := range a.Attendees {
			if at.Email == "lea.schulte@nordlicht-mb.example" && at.Response == "declined" && at.Internal {
				declined = true
			}
		}
		if !declined {
			t.Errorf("review %s lost Lea's declined response: %+v", a.ID, a.Attendees)
		}
	}
	if reviews != 8 {
		t.Errorf("%d pipeline reviews for Greta, want 8", reviews)
	}
}

func TestCustomerMeetingAttendees(t *testing.T) {
	got, _ := readFixture(t, nordlicht, nil)
	for _, a := range got.Activities {
		if !strings.HasPrefix(a.Subject, "Angebotsbesprechung") {
			continue
		}
		var external, rooms, organizers int
		for _, at := range a.Attendees {
			switch {
			case strings.HasPrefix(at.Email, "raum."):
				rooms++
			case !at.Internal:
				external++
			}
			if at.Organizer {
				organizers++
			}
		}
		if external != 1 || rooms != 0 || organizers != 1 {
			t.Fatalf("%s: %d external, %d rooms, %d organizers; want 1, 0, 1: %+v", a.ID, external, rooms, organizers, a.Attendees)
		}
	}
}

func TestAllDayEventIsADayWithoutDuration(t *testing.T) {
	got, _ := readFixture(t, nordlicht, nil)
	fair := activitiesBySubject(got, gretaMailbox, "Hannover Messe")
	if len(fair) != 1 {
		t.Fatalf("%d fair events, want 1", len(fair))
	}
	a := fair[0]
	if a.Kind != plugin.ActivityEvent || a.DurationSeconds != 0 || a.StartAt != time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC) ||
		!strings.Contains(a.RawType, "all-day") || !strings.Contains(a.RawType, "out-of-office") {
		t.Errorf("fair = %+v; want an all-day, out-of-office event on 2026-04-20 with no duration", a)
	}
}

func TestDomainsOptionDecidesWhoIsInternal(t *testing.T) {
	got, _ := readFixture(t, nordlicht, map[string]string{"domains": "nordlicht-mb.example,weiss-hydraulik.example"})
	for _, u := range got.Users {
		if u.Email == "k.weiss@weiss-hydraulik.example" {
			return
		}
	}
	t.Errorf("with weiss-hydraulik.example among the domains, Karl Weiß should be a user")
}

func TestBrokenPagesRejectEachBadEventWithItsReason(t *testing.T) {
	got, _ := readFixture(t, filepath.Join(fixturesRoot, "broken"), nil)
	want := map[string]string{
		"type":           "save the mailbox's calendarView",
		"start.timeZone": "Mars Standard Time",
		"id":             "the record has no id",
		"start.dateTime": "06.03.2026 07:30",
		"end":            "ends",
		"attendees":      "is not an array",
		"@odata.context": "whose calendar is this?",
	}
	calendarstest.RejectsAre(t, got.Rejected, want)
	if len(got.Activities) != 1 || got.Activities[0].Subject != "Angebot Stralsund" {
		t.Errorf("activities %+v, want the one good event", got.Activities)
	}
}
