package gcal

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars/calendarstest"
	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

const (
	ana  = "ana.ferreira@kestrel-outdoor.example"
	ben  = "ben.okafor@kestrel-outdoor.example"
	cole = "cole.rivera@kestrel-outdoor.example"
)

func skippedAs(summary plugin.Summary, reason string) (n int64) {
	for _, f := range summary.Files {
		n += f.RowsSkipped[reason]
	}
	return n
}

func TestKestrelCountsEveryEvent(t *testing.T) {
	got, summary := connectortest.Read(t, New(), kestrel, nil)
	var rows int64
	for _, f := range summary.Files {
		rows += f.RowsRead
	}
	// The pages hold 224 events: Ana 50+29, Ben 50+22, Cole 50+23; and
	// one row per user.
	if events := rows - int64(len(got.Users)); events != 224 {
		t.Errorf("read %d event rows, want 224", events)
	}
	// The deleted stand-up is listed cancelled in all three calendars.
	for reason, want := range map[string]int64{skipCancelled: 3, skipDeclined: 1, skipFree: 1, skipWorkingLocation: 1} {
		if n := skippedAs(summary, reason); n != want {
			t.Errorf("skipped %d as %q, want %d", n, reason, want)
		}
	}
	if len(got.Rejected) != 0 {
		t.Errorf("rejects in a clean export: %+v", got.Rejected)
	}
	if len(got.Activities) != 224-6 {
		t.Errorf("%d activities, want %d", len(got.Activities), 224-6)
	}
	owners := map[string]int{}
	for _, a := range got.Activities {
		owners[a.OwnerID]++
	}
	// Ben's pages had their keys sorted: the file name says whose they are.
	if owners[ana] == 0 || owners[ben] == 0 || owners[cole] == 0 || len(owners) != 3 {
		t.Errorf("activities by owner %v, want Ana's, Ben's and Cole's", owners)
	}
	for _, u := range got.Users {
		if !strings.HasSuffix(u.Email, "@kestrel-outdoor.example") {
			t.Errorf("user %s is not of the company's domain (buyers, the room and the dentist are not users)", u.Email)
		}
	}
	if len(got.Users) != 4 {
		t.Errorf("%d users, want the three owners and Dana", len(got.Users))
	}
}

// The stand-up is at 09:00 in Denver: 16:00 UTC before the US changes to
// summer time on 8 March, 15:00 UTC after, whichever calendar (Cole's is
// in Lisbon) holds it. The copies share Google's id, so IDs carry the owner.
func TestOccurrencesReadAsUTC(t *testing.T) {
	got, _ := connectortest.Read(t, New(), kestrel, nil)
	starts := map[string]time.Time{}
	for _, a := range got.Activities {
		if a.OwnerID == cole && a.Subject == "Sales stand-up" {
			starts[a.StartAt.Format(time.DateOnly)] = a.StartAt
			if !strings.HasSuffix(a.ID, "/"+cole) {
				t.Errorf("stand-up ID %s does not name its calendar", a.ID)
			}
		}
	}
	if len(starts) != 39 {
		t.Errorf("%d stand-ups in Cole's calendar, want 39 (40 work days, one deleted)", len(starts))
	}
	for day, want := range map[string]string{"2026-03-02": "16:00", "2026-03-09": "15:00"} {
		if got := starts[day]; got.Format("15:04") != want || got.Location() != time.UTC {
			t.Errorf("stand-up on %s starts %s, want %s UTC", day, got, want)
		}
	}
}

func TestPrivateEventsCountWithoutSubjectOrAttendees(t *testing.T) {
	got, _ := connectortest.Read(t, New(), kestrel, nil)
	n := 0
	for _, a := range got.Activities {
		if !a.Private {
			continue
		}
		n++
		if a.Subject != "" || len(a.Attendees) != 0 || a.DurationSeconds <= 0 {
			t.Errorf("private %s: subject %q, %d attendees, %ds; want none, none, its time", a.ID, a.Subject, len(a.Attendees), a.DurationSeconds)
		}
	}
	if n != 2 {
		t.Errorf("%d private activities, want Ana's private and Cole's confidential", n)
	}
}

func TestAttendeesKeepTheirResponses(t *testing.T) {
	got, _ := connectortest.Read(t, New(), kestrel, nil)
	coaching := 0
	for _, a := range got.Activities {
		if a.OwnerID != ana || a.Subject != "Deal coaching" {
			continue
		}
		coaching++
		declined := false
		for _, at := range a.Attendees {
			declined = declined || at.Email == cole && at.Response == "declined" && at.Internal
		}
		if !declined {
			t.Errorf("coaching %s lost Cole's declined answer: %+v", a.ID, a.Attendees)
		}
	}
	if coaching != 8 {
		t.Errorf("%d coaching sessions in Ana's calendar, want 8", coaching)
	}
	for _, a := range got.Activities {
		for _, at := range a.Attendees {
			if strings.HasSuffix(at.Email, "resource.calendar.google.com") {
				t.Fatalf("%s lists the room %s as an attendee", a.ID, at.Email)
			}
		}
	}
}

func TestEventTypesAndAllDay(t *testing.T) {
	got, _ := connectortest.Read(t, New(), kestrel, nil)
	byTitle := map[string]plugin.Activity{}
	for _, a := range got.Activities {
		if a.OwnerID == ana {
			byTitle[a.Subject] = a
		}
	}
	show := byTitle["Outdoor Retailer Snow Show"]
	if show.Kind != plugin.ActivityEvent || show.DurationSeconds != 0 || show.StartAt != time.Date(2026, 3, 24, 0, 0, 0, 0, time.UTC) ||
		show.EndAt != time.Date(2026, 3, 27, 0, 0, 0, 0, time.UTC) {
		t.Errorf("trade show = %+v; want an all-day event 24 to 27 March with no duration", show)
	}
	if !strings.Contains(byTitle["Out of office"].RawType, "out-of-office") || !strings.Contains(byTitle["Focus time"].RawType, "focus-time") {
		t.Errorf("out of office %q and focus time %q not flagged", byTitle["Out of office"].RawType, byTitle["Focus time"].RawType)
	}
}

func TestBrokenPagesRejectEachBadEventWithItsReason(t *testing.T) {
	got, _ := connectortest.Read(t, New(), filepath.Join(fixturesRoot, "broken"), nil)
	want := map[string]string{
		"recurrence":     "singleEvents=true",
		"start.dateTime": "March 4, 2026",
		"id":             "the record has no id",
		"start.timeZone": "Mountain Time",
		"end":            "ends",
		"attendees":      "the event is private",
		"summary":        "whose calendar is this?",
	}
	calendarstest.RejectsAre(t, got.Rejected, want)
	if len(got.Activities) != 1 || got.Activities[0].Subject != "Quote for Trailhead Supply" {
		t.Errorf("activities %+v, want the one good event", got.Activities)
	}
}

func TestNothingOfAPrivateEventLeaves(t *testing.T) {
	texts := []string{"Dentist", "Alvarez", "Pearl St", "frontdesk@alvarez-dental.example",
		"Compensation talk", "room Tejo",
		"Therapy", "Okonkwo", "Counseling", "Arapahoe", "appointments@boulder-counseling.example",
		"Support group", "Peer Circle", "host@peer-circle.example"}
	for _, path := range []string{kestrel, filepath.Join(fixturesRoot, "broken")} {
		calendarstest.NothingSent(t, New(), path, texts)
	}
}
