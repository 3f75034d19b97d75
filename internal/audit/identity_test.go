package audit

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

func mailbox(address string) userOpt { return func(u *plugin.User) { u.Email = address } }
func titled(title string) userOpt    { return func(u *plugin.User) { u.Title = title } }

// TestASharedMailboxNeverMergesPeople: two managers of one export who
// share a team mailbox stay two managers, a calendar on that address is
// no one's, a system mailbox matches no one across sources either, and
// all of it is said in data quality with the users concerned. A user
// titled manager with no team in the data is listed too; a key account
// manager (a rep's title) is not.
func TestASharedMailboxNeverMergesPeople(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	devOne := b.manager("Dev One", mailbox("developers@acme.example"))
	devTwo := b.manager("Dev Two", mailbox("Developers@ACME.example "))
	cem := b.rep(devOne, "Cem")
	dan := b.rep(devTwo, "Dan")
	b.manager("Integration User", mailbox("noreply@acme.example"))
	b.manager("Olga", titled("Country Manager Colombia"))
	b.manager("Lars", titled("Vertriebsleiter Nord"))
	b.manager("Kai", titled("Key Account Manager"))
	b.meeting(devOne, "1:1 Cem", 30*time.Minute, withReps(cem))
	b.meeting(devTwo, "1:1 Dan", 30*time.Minute, withReps(dan))
	db := b.load()
	calendarUsers := []plugin.User{
		{ID: "developers@acme.example", Email: "developers@acme.example", Name: "Developers", Line: 1},
		{ID: "noreply@acme.example", Email: "noreply@acme.example", Name: "No Reply", Line: 2},
	}
	calendar := []plugin.Activity{{ID: "uid-1", Kind: plugin.ActivityMeeting, Subject: "1:1 Cem",
		OwnerID: "developers@acme.example", StartAt: b.day(3), EndAt: b.day(3).Add(time.Hour), DurationSeconds: 3600, Line: 10}}
	loadSource(t, db, "calendar", calendarUsers, calendar)
	opts := b.options()
	opts.Sources = []string{"crm", "calendar"}
	rep, err := Run(t.Context(), db.SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}

	var names []string
	for _, m := range rep.Managers {
		names = append(names, m.Name)
		if (m.Name == "Dev One" || m.Name == "Dev Two") && (m.TeamSize != 1 || m.Time.Hours != 0.5) {
			t.Errorf("%s: team of %d, %v h; want their own team of 1 and their own half hour (not the shared mailbox's calendar)",
				m.Name, m.TeamSize, m.Time.Hours)
		}
	}
	if !slices.Equal(names, []string{"Dev One", "Dev Two"}) {
		t.Errorf("managers %q, want Dev One and Dev Two apart", names)
	}

	type note struct{ kind, source, subject, people string }
	var notes []note
	for _, n := range rep.DataQuality.OrgNotes {
		notes = append(notes, note{n.Kind, n.Source, n.Subject, strings.Join(n.People, ", ")})
	}
	want := []note{
		{"shared_mailbox", "crm", "developers@acme.example", "Dev One, Dev Two"},
		{"system_mailbox", "calendar", "noreply@acme.example", "No Reply"},
		{"system_mailbox", "crm", "noreply@acme.example", "Integration User"},
		{"titled_manager_without_team", "crm", "Country Manager Colombia", "Olga"},
		{"titled_manager_without_team", "crm", "Vertriebsleiter Nord", "Lars"},
	}
	if !slices.Equal(notes, want) {
		t.Errorf("organisation notes:\n got %v\nwant %v", notes, want)
	}
}

func candidates(ids ...string) userOpt {
	return func(u *plugin.User) {
		u.ManagerCandidates, u.ManagerFrom = ids, plugin.ManagerFromRoleHierarchy
	}
}

// TestARoleWithSeveralHoldersGivesEachRepTheOneTheyMeetMost: two directors
// hold the parent role of Ana's and Ben's. Ana goes to the one she spends
// most meeting time with; Ben, who meets neither, to the one who already
// leads most people by the manager field. Both choices are in data quality.
func TestARoleWithSeveralHoldersGivesEachRepTheOneTheyMeetMost(t *testing.T) {
	t.Parallel()
	aRoleWithSeveralHolders.check(t)
}

// aRoleWithSeveralHolders is TestARoleWithSeveralHoldersGivesEachRepTheOneTheyMeetMost's
// teams in defaultOrg, and its checks. Its reps are the organisation's
// only ones with candidate managers, so the notes of that kind are all
// theirs; and no other manager there is called Doris or Dirk.
var aRoleWithSeveralHolders = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	doris := b.manager("Doris")
	dirk := b.manager("Dirk")
	b.rep(doris, "Carl")
	ana := b.rep(person{}, "Ana", candidates(doris.id, dirk.id))
	b.rep(person{}, "Ben", candidates(dirk.id, doris.id))
	b.meeting(ana, "Weekly 1:1", 2*time.Hour, withReps(dirk))
	b.meeting(doris, "1:1 Ana", 30*time.Minute, withReps(ana))
	b.meeting(ana, "Lunch with the customer", 3*time.Hour, withReps(doris), withContact("Eva"))
	return func(t *testing.T, rep *Report) {
		if got, want := managerOf(t, rep, dirk).Team, []string{"Ana"}; !slices.Equal(got, want) {
			t.Errorf("Dirk's team %q, want %q (two hours of 1:1s beat half an hour; a customer lunch is no 1:1)", got, want)
		}
		if got, want := managerOf(t, rep, doris).Team, []string{"Ben", "Carl"}; !slices.Equal(got, want) {
			t.Errorf("Doris's team %q, want %q (Ben meets neither: Doris already leads Carl)", got, want)
		}
		var notes []string
		for _, n := range rep.DataQuality.OrgNotes {
			if n.Kind == "manager_among_role_holders" {
				notes = append(notes, n.Subject+": "+strings.Join(n.People, ", ")+": "+n.Detail)
			}
		}
		want := []string{
			"Ana: Dirk, Doris: several users hold the role above: chose Dirk, with the most time together in the period (2.0 h)",
			"Ben: Dirk, Doris: several users hold the role above: chose Doris, as no time together in the period tells them apart " +
				"(then: who already leads most users, then the first by ID); set ManagerId in the CRM to decide",
		}
		if !slices.Equal(notes, want) {
			t.Errorf("notes:\n got %q\nwant %q", notes, want)
		}
	}
})
