package audit

import (
	"context"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

// loadSource loads one more source into db: users and activities of a
// calendar, say, whose people are known by e-mail.
func loadSource(t *testing.T, db *duckdb.DB, source string, users []plugin.User, acts []plugin.Activity) {
	t.Helper()
	ctx := context.Background()
	l, err := db.BeginLoad(ctx, source)
	if err != nil {
		t.Fatal(err)
	}
	var summary plugin.Summary
	for _, b := range []*duckdb.Batch{{File: "people", Users: users}, {File: "calendar.ics", Activities: acts}} {
		if err := l.Batch(b); err != nil {
			l.Rollback()
			t.Fatal(err)
		}
		kind := plugin.KindUser
		if len(b.Activities) > 0 {
			kind = plugin.KindActivity
		}
		summary.Files = append(summary.Files, plugin.FileSummary{File: b.File, RowsRead: int64(b.Len()), Records: map[plugin.RecordKind]int64{kind: int64(b.Len())}})
	}
	if _, err := l.Commit(ctx, duckdb.Run{Connector: "calendar", ConnectorVersion: "1", ProtocolVersion: 1, Input: source, StartedAt: time.Now(), Summary: summary}); err != nil {
		t.Fatal(err)
	}
}

// TestACalendarAndTheCRMCountAMeetingOnce combines a CRM with the
// manager's calendar: people are matched by e-mail, a meeting in both counts
// once (with the CRM's account and the calendar's attendees), and a meeting
// only in the calendar counts too.
func TestACalendarAndTheCRMCountAMeetingOnce(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	team := b.reps(mia, "Ana", "Ben")
	acme := b.account("Acme", team[0])
	visit := b.meeting(mia, "Klantbezoek Acme", time.Hour, on(acme))
	b.meeting(mia, "Pipeline review Ana", 30*time.Minute, withReps(team[0]))
	db := b.load()

	email := func(p person) string { return emailOf(t, b, p) }
	calendarUsers := []plugin.User{
		{ID: email(mia), Email: email(mia), Name: "Mia", Line: 1},
		{ID: email(team[0]), Email: email(team[0]), Name: "Ana", Line: 2},
	}
	calendar := []plugin.Activity{
		{ // the CRM's customer visit, with the rep and the customer the CRM did not log
			ID: "uid-visit", Kind: plugin.ActivityMeeting, Subject: "KLANTBEZOEK ACME", OwnerID: email(mia),
			StartAt: visit.StartAt, EndAt: visit.EndAt, DurationSeconds: 3600, Line: 10,
			Attendees: []plugin.Attendee{{UserID: email(team[0]), Internal: true}, {Email: "buyer@acme.example"}},
		},
		{ // only in the calendar: a 1:1 known to the CRM by the rep's e-mail alone
			ID: "uid-1on1", Kind: plugin.ActivityMeeting, Subject: "1:1 Ana", OwnerID: email(mia),
			StartAt: b.day(2), EndAt: b.day(2).Add(45 * time.Minute), DurationSeconds: 2700, Line: 20,
			Attendees: []plugin.Attendee{{Email: email(team[0])}, {UserID: "someone-who-left", Internal: true}},
		},
	}
	loadSource(t, db, "calendar", calendarUsers, calendar)

	opts := b.options()
	opts.Sources = []string{"crm", "calendar"}
	rep, err := Run(context.Background(), db.SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Managers) != 1 || rep.Managers[0].Name != "Mia" || rep.Managers[0].TeamSize != 2 {
		t.Fatalf("managers = %+v: the calendar's users must merge into the CRM's people", rep.Managers)
	}
	hours := map[string]float64{}
	for _, s := range rep.Managers[0].Time.ByCategory {
		hours[s.Name] = s.Hours
	}
	// The visit once, as joint customer work (the rep came, per the calendar).
	if hours["field_coaching"] != 1 || hours["key_account"]+hours["customer_other"] != 0 {
		t.Errorf("hours = %v: the visit must count once, as field coaching", hours)
	}
	if hours["coaching"] != 0.8 || hours["pipeline_review"] != 0.5 {
		t.Errorf("hours = %v: want the calendar's 1:1 (45 min) and the CRM's review (30 min)", hours)
	}
	// Ana is known to the calendar by her e-mail as user ID: a user of the
	// calendar source, the same person as the CRM's Ana, not unknown. Only
	// the calendar's user ID that no source knows is.
	if got := rep.DataQuality.UnknownAttendees; got != 1 {
		t.Errorf("%d attendees with an unknown user ID, want 1", got)
	}
}

func emailOf(t *testing.T, b *org, p person) string {
	t.Helper()
	for _, u := range b.users {
		if u.ID == p.id {
			if u.Email == "" {
				t.Fatalf("user %s has no e-mail", p.id)
			}
			return u.Email
		}
	}
	t.Fatalf("no user %s", p.id)
	return ""
}

// TestAnAuditSeesOnlyItsSources loads a CRM and a calendar and audits the
// CRM alone: the calendar's activities must not count, however the
// analyses filter the activities by source.
func TestAnAuditSeesOnlyItsSources(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	team := b.reps(mia, "Ana", "Ben")
	b.meeting(mia, "Pipeline review Ana", 30*time.Minute, withReps(team[0]))
	db := b.load()

	miaMail := emailOf(t, b, mia)
	loadSource(t, db, "calendar", []plugin.User{{ID: miaMail, Email: miaMail, Name: "Mia", Line: 1}},
		[]plugin.Activity{{
			ID: "uid-1on1", Kind: plugin.ActivityMeeting, Subject: "1:1 Ana", OwnerID: miaMail,
			StartAt: b.day(2), EndAt: b.day(2).Add(time.Hour), DurationSeconds: 3600, Line: 10,
		}})

	for _, tc := range []struct {
		sources    []string
		activities int64
		hours      float64
	}{
		{[]string{"crm"}, 1, 0.5},
		{[]string{"crm", "calendar"}, 2, 1.5},
	} {
		opts := b.options()
		opts.Sources = tc.sources
		rep, err := Run(context.Background(), db.SQL(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if rep.DataQuality.Activities != tc.activities {
			t.Errorf("sources %v: %d activities in the data quality, want %d", tc.sources, rep.DataQuality.Activities, tc.activities)
		}
		if len(rep.Managers) != 1 || rep.Managers[0].Time.Hours != tc.hours {
			t.Errorf("sources %v: managers %+v, want Mia with %.1f hours", tc.sources, rep.Managers, tc.hours)
		}
	}
}

// TestDataQualityIsScopedToTheManagersTeam: with --manager, data quality
// counts the activities the manager and their reps own, not the whole
// organisation's, and says so.
func TestDataQualityIsScopedToTheManagersTeam(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	max2 := b.manager("Max")
	otto := b.rep(max2, "Otto")
	b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana))
	b.task(ana, "Unplaceable thing")
	for range 3 {
		b.task(otto, "Otto's task without an account")
	}
	b.meeting(max2, "Meeting", time.Hour)
	whole := b.run().DataQuality
	opts := b.options()
	opts.Manager = "Mia"
	rep, err := Run(context.Background(), b.load().SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	scoped := rep.DataQuality
	if whole.Scope != "" || whole.Activities != 6 || whole.WithoutAccount != 6 {
		t.Errorf("whole organisation: scope %q, %d activities, %d without account; want \"\", 6, 6", whole.Scope, whole.Activities, whole.WithoutAccount)
	}
	if scoped.Scope != "Mia" || scoped.Activities != 2 || scoped.WithoutAccount != 2 || scoped.ManagerHours != 1 {
		t.Errorf("Mia's team: scope %q, %d activities, %d without account, %v manager hours; want Mia, 2, 2, 1",
			scoped.Scope, scoped.Activities, scoped.WithoutAccount, scoped.ManagerHours)
	}
	for _, u := range scoped.UnclassifiedSubjects {
		if u.Subject == "Meeting" {
			t.Errorf("Max's unclassified %q is in Mia's data quality", u.Subject)
		}
	}
}
