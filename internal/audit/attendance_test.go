package audit

import (
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// declinedBy adds an attendee who declined the invitation.
func declinedBy(p person) activityOpt {
	return func(_ *org, a *plugin.Activity) {
		a.Attendees = append(a.Attendees, plugin.Attendee{UserID: p.id, Internal: true, Response: "Declined"})
	}
}

func categoryHours(t *testing.T, rep *Report, m person) map[string]float64 {
	t.Helper()
	for _, mg := range rep.Managers {
		if mg.ID == m.id {
			out := map[string]float64{}
			for _, s := range mg.Time.ByCategory {
				out[s.Name] = s.Hours
			}
			return out
		}
	}
	t.Fatalf("no manager %s in the report", m.name)
	return nil
}

func TestADeclinedInvitationIsNotAttendance(t *testing.T) {
	t.Parallel()
	aDeclinedInvitation.check(t)
}

// aDeclinedInvitation is TestADeclinedInvitationIsNotAttendance's team in
// defaultOrg, and its check.
var aDeclinedInvitation = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	team := b.reps(mia, "Ana", "Ben")
	// Ben declined: this is a 1:1 with Ana, not a team meeting.
	b.meeting(mia, "Catch-up", time.Hour, withReps(team[0]), declinedBy(team[1]))
	return func(t *testing.T, rep *Report) {
		hours := categoryHours(t, rep, mia)
		if hours["coaching"] != 1 || hours["team"] != 0 {
			t.Errorf("hours = %v, want the hour as coaching (a 1:1)", hours)
		}
	}
})

func TestAJointVisitTheRepLedIsNotHoarding(t *testing.T) {
	t.Parallel()
	aJointVisitTheRepLed.check(t)
}

// aJointVisitTheRepLed is TestAJointVisitTheRepLedIsNotHoarding's team in
// defaultOrg, and its check.
var aJointVisitTheRepLed = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.keyAccount("Acme", ana)
	// Mia joins Ana's visits: ride-alongs, owned by Ana.
	for i := range 3 {
		b.meeting(ana, "Klantbezoek Acme", 2*time.Hour, on(acme), withReps(mia), withContact("Buyer"), at(b.day(i+1)))
	}
	return func(t *testing.T, rep *Report) {
		if f := findingOf(t, rep, mia, "CM2"); f.Severity != SeverityOK {
			t.Errorf("CM2 = %s (%v), want ok: the rep logged every visit", f.Severity, f.Metric)
		}
	}
})

func TestASalesKickoffIsHeadquartersTime(t *testing.T) {
	t.Parallel()
	aSalesKickoff.check(t)
}

// aSalesKickoff is TestASalesKickoffIsHeadquartersTime's team in
// defaultOrg, and its check.
var aSalesKickoff = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	team := b.reps(mia, "Ana", "Ben")
	b.meeting(mia, "Sales kickoff 2026", 4*time.Hour, withReps(team...))
	return func(t *testing.T, rep *Report) {
		hours := categoryHours(t, rep, mia)
		if hours["hq"] != 4 || hours["team"] != 0 {
			t.Errorf("hours = %v, want the kickoff as hq", hours)
		}
	}
})

func TestPM3RanksOnlyTheRepsStillInTheTeam(t *testing.T) {
	t.Parallel()
	pm3RanksOnlyTheRepsStillInTheTeam.check(t)
}

// pm3RanksOnlyTheRepsStillInTheTeam is TestPM3RanksOnlyTheRepsStillInTheTeam's
// team in defaultOrg, and its checks.
var pm3RanksOnlyTheRepsStillInTheTeam = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	reps := b.reps(mia, "Bea", "Cal", "Dan", "Eli", "Fay")
	gone := b.rep(mia, "Gus", left(b.day(10)))
	acc := b.account("Shop", reps[0])
	for i, r := range reps {
		b.won("Deal "+r.name, r, acc, float64(1000*(i+1)), b.day(5))
		b.meeting(mia, "1:1 "+r.name, time.Hour, withReps(r))
	}
	b.meeting(mia, "1:1 "+gone.name, 5*time.Hour, withReps(gone))
	return func(t *testing.T, rep *Report) {
		f := findingOf(t, rep, mia, "PM3")
		for _, row := range f.Evidence.Rows {
			if row[0] == "Gus" {
				t.Errorf("PM3 ranks Gus, who left during the period: %v", f.Evidence.Rows)
			}
		}
		// Equal coaching for every rep still there: the ratio is 1.
		expect(t, f, SeverityOK, 1)
	}
})
