package audit

import (
	"fmt"
	"testing"
	"time"
)

func managerOf(t *testing.T, rep *Report, m person) Manager {
	t.Helper()
	for _, mgr := range rep.Managers {
		if mgr.ID == m.id {
			return mgr
		}
	}
	t.Fatalf("%s is not among the managers audited", m.name)
	return Manager{}
}

// TestWeeksAreCalendarWeeksWithTheirPartialEnds: a period from a Wednesday
// to a Tuesday two weeks later has three weeks, Monday to Sunday: five
// days, seven, two. A Sunday's hours are in the week before it, each role
// in its own column, and the touches of a key account count for the week
// whoever in the team made them.
func TestWeeksAreCalendarWeeksWithTheirPartialEnds(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	b.from = periodStart.AddDate(0, 0, 2) // Wednesday 4 March 2026
	b.to = b.from.AddDate(0, 0, 14)       // to Tuesday 17 March, inclusive
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.keyAccount("Acme", ana)
	b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana), at(b.day(0)))
	b.meeting(mia, "Expense report", 45*time.Minute, at(b.day(4))) // Sunday 8 March
	b.meeting(mia, "Visit Acme", 2*time.Hour, on(acme), withContact("Alice Acme"), at(b.day(5)))
	b.meeting(ana, "Visit Acme", time.Hour, on(acme), withContact("Alice Acme"), at(b.day(6)))
	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(ana), at(b.day(12))) // Monday 16 March
	rep := b.run()

	weeks := managerOf(t, rep, mia).Series.Weeks
	type week struct {
		start                      string
		days                       int
		people, customer, lowValue float64
		touches, touchesByManager  int64
	}
	want := []week{
		{"2026-03-02", 5, 1, 0, 0.8, 0, 0},
		{"2026-03-09", 7, 0, 2, 0, 2, 1},
		{"2026-03-16", 2, 0.5, 0, 0, 0, 0},
	}
	var got []week
	for _, w := range weeks {
		if w.Start.Weekday() != time.Monday {
			t.Errorf("week starting %s: not a Monday", w.Start.Format(time.DateOnly))
		}
		if w.HoursByRole[RoleBusiness] != 0 || w.HoursByRole[Unclassified] != 0 {
			t.Errorf("week %s: hours %v in roles nothing was logged in", w.Start.Format(time.DateOnly), w.HoursByRole)
		}
		got = append(got, week{w.Start.Format(time.DateOnly), w.Days, w.HoursByRole[RolePeople],
			w.HoursByRole[RoleCustomer], w.HoursByRole[RoleLowValue], w.KeyAccountTouches, w.KeyAccountTouchesByManager})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("weeks\n got %v\nwant %v", got, want)
	}
}

// TestCoachingPerRepIsWhatPM2Measures: each rep's coaching minutes per week
// are PM2's, with the threshold as configured, so that the chart's line
// and the finding agree.
func TestCoachingPerRepIsWhatPM2Measures(t *testing.T) {
	t.Parallel()
	coachingPerRep.check(t)
}

// coachingPerRep is TestCoachingPerRepIsWhatPM2Measures's team in
// pm2At20MinutesOrg (four weeks, PM2 at 20 minutes a week), and its checks.
var coachingPerRep = pm2At20MinutesOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	ben := b.rep(mia, "Ben")
	cy := b.rep(mia, "Cy", joined(b.day(14))) // in the team for two weeks
	b.meeting(mia, "1:1 Ana", 100*time.Minute, withReps(ana))
	b.meeting(mia, "1:1 Ben", 50*time.Minute, withReps(ben))
	b.meeting(mia, "1:1 Cy", 30*time.Minute, withReps(cy), at(b.day(15)))
	return func(t *testing.T, rep *Report) {
		coaching := managerOf(t, rep, mia).Series.Coaching
		if coaching.ThresholdMinutesPerWeek != 20 {
			t.Errorf("threshold %v minutes a week, want the configured 20", coaching.ThresholdMinutesPerWeek)
		}
		want := []RepCoaching{{"Ben", 12.5}, {"Cy", 15}, {"Ana", 25}}
		if fmt.Sprint(coaching.Reps) != fmt.Sprint(want) {
			t.Errorf("coaching per rep %v, want %v (least coached first)", coaching.Reps, want)
		}
		f := findingOf(t, rep, mia, "PM2")
		expectColumn(t, f, "rep", "Ben", "Cy", "Ana")
		expectColumn(t, f, "minutes per week", 12.5, 15, 25)
	}
})

// TestTargetBoundsAreTheConfiguredOnes: each role's share carries its
// target's numbers as well as its text.
func TestTargetBoundsAreTheConfiguredOnes(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	floor, ceiling := 40.0, 60.0
	b.cfg.Targets[RolePeople] = Target{Min: &floor, Max: &ceiling}
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana))
	rep := b.run()
	for _, s := range managerOf(t, rep, mia).Time.ByRole {
		if s.Name != RolePeople {
			continue
		}
		if s.TargetMin == nil || *s.TargetMin != floor || s.TargetMax == nil || *s.TargetMax != ceiling {
			t.Errorf("people target bounds %s to %s, want 40 to 60", show(s.TargetMin), show(s.TargetMax))
		}
		if s.Target != "40–60 %" {
			t.Errorf("people target %q, want 40–60 %%", s.Target)
		}
		return
	}
	t.Error("no people share")
}
