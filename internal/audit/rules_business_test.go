package audit

import (
	"testing"
	"time"
)

// Each rule test builds a small case per threshold level: just below, at
// and just above it, as the specification words it ("above" is >, "at ...
// or more" is ≥). Expected metrics come from the minutes, amounts and
// counts the case plants.

const (
	ok   = SeverityOK
	warn = SeverityWarning
	high = SeverityHigh
)

func TestBM1LowValueTime(t *testing.T) {
	t.Parallel()
	bm1LowValueTime.check(t)
}

// bm1LowValueTime is TestBM1LowValueTime's teams in defaultOrg, and its checks.
var bm1LowValueTime = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// 200 minutes: a 20-minute admin block, `low - 20` minutes of an
	// internal meeting of no role, the rest coaching. Warning above 25 %,
	// high above 35 %.
	const total = 200.0
	build := func(low float64) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		ops := b.colleague("Olaf from sales ops")
		b.meeting(mia, "Expense report", minutes(20))
		b.meeting(mia, "Coffee with sales ops", minutes(low-20), withColleagues(ops))
		b.meeting(mia, "1:1 Ana", minutes(total-low), withReps(ana))
		return mia
	}
	type bm1 struct {
		name string
		low  float64
		want Severity
	}
	cases := []bm1{
		{"just below warning", 49, ok},
		{"at warning", 50, ok},
		{"just above warning", 51, warn},
		{"at high", 70, warn},
		{"just above high", 71, high},
	}
	managers := teams(cases, func(c bm1) person { return build(c.low) })
	withEvidence := build(90)
	// A manager whose rep did the admin.
	idle := b.manager("Mia")
	ana := b.rep(idle, "Ana")
	b.meeting(ana, "Expense report", time.Hour)
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "BM1", "warning above 25 %, high above 35 %", cases, managers, func(c bm1) (string, Severity, float64) {
			return c.name, c.want, 100 * c.low / total
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "BM1")
			expectColumn(t, f, "activity", "Coffee with sales ops", "Expense report")
			expectColumn(t, f, "category", "internal_other", "admin")
			expectColumn(t, f, "hours", hours(70), hours(20))
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "BM1"), "no activities of this manager in the period")
		})
	}
})

func TestBM2EffortValueMismatch(t *testing.T) {
	t.Parallel()
	bm2EffortValueMismatch.check(t)
}

// bm2EffortValueMismatch is TestBM2EffortValueMismatch's teams in defaultOrg, and its checks.
var bm2EffortValueMismatch = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// Acme (Tier 1) won 900, Smallco (no tier) won 100: the non-key
	// account makes 10 % of revenue. The manager spends `small` of 100
	// customer minutes on Smallco, so the metric is small - 10 points.
	// Warning above 20 points, high above 40.
	const keyWon, smallWon = 900.0, 100.0
	build := func(small float64) person {
		mia := b.manager("Mia")
		b.rep(mia, "Ana")
		acme := b.keyAccount("Acme", mia)
		smallco := b.account("Smallco", mia)
		b.won("Acme renewal", mia, acme, keyWon, b.day(3))
		b.won("Smallco pilot", mia, smallco, smallWon, b.day(4))
		b.meeting(mia, "Visit Smallco", minutes(small), on(smallco), withContact("Sam Small"))
		b.meeting(mia, "Visit Acme", minutes(100-small), on(acme), withContact("Alice Acme"))
		return mia
	}
	revenueShare := 100 * smallWon / (keyWon + smallWon)
	type bm2 struct {
		name  string
		small float64
		want  Severity
	}
	cases := []bm2{
		{"just below warning", 29, ok},
		{"at warning", 30, ok},
		{"just above warning", 31, warn},
		{"at high", 50, warn},
		{"just above high", 51, high},
	}
	managers := teams(cases, func(c bm2) person { return build(c.small) })
	withEvidence := build(60)
	// Not enough data: no customer time.
	indoors := b.manager("Mia")
	ana := b.rep(indoors, "Ana")
	acme := b.keyAccount("Acme", indoors)
	b.won("Acme renewal", indoors, acme, keyWon, b.day(3))
	b.meeting(indoors, "1:1 Ana", time.Hour, withReps(ana))
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "BM2", "warning above 20 points, high above 40 points", cases, managers, func(c bm2) (string, Severity, float64) {
			return c.name, c.want, c.small - revenueShare
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "BM2")
			expectColumn(t, f, "account", "Smallco")
			expectColumn(t, f, "manager hours", hours(60))
			expectColumn(t, f, "revenue", smallWon)
		})
		t.Run("not enough data: no customer time", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, indoors, "BM2"), "no time logged on accounts")
		})
		// An organisation with nothing won in it, and no tiers, so revenue
		// is the annual revenue (none) and decides key accounts.
		t.Run("not enough data: no revenue", bm2NoRevenue.check)
	}
})

// bm2NoRevenue is the team of TestBM2EffortValueMismatch's "not enough
// data: no revenue" in noRevenueOrg, and its check.
var bm2NoRevenue = noRevenueOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	b.rep(mia, "Ana")
	acme := b.account("Acme", mia)
	b.meeting(mia, "Visit Acme", time.Hour, on(acme), withContact("Alice Acme"))
	return func(t *testing.T, rep *Report) {
		expectNotEnoughData(t, findingOf(t, rep, mia, "BM2"), "the team's accounts have no revenue (no won deals and no annual revenue)")
	}
})

func TestBM3Procrastination(t *testing.T) {
	t.Parallel()
	bm3Procrastination.check(t)
}

// bm3Procrastination is TestBM3Procrastination's teams in defaultOrg, and its checks.
var bm3Procrastination = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// `late` of `tasks` high-priority tasks are completed two days after
	// their due date, the others a day early. Warning at 30 % or more,
	// high at 50 % or more.
	build := func(late, tasks int) person {
		mia := b.manager("Mia")
		b.rep(mia, "Ana")
		for i := range tasks {
			finished := b.day(4)
			if i < late {
				finished = b.day(7)
			}
			b.task(mia, "Send proposal "+string(rune('A'+i)), highPriority(), due(b.day(5)), done(finished))
		}
		return mia
	}
	type bm3 struct {
		name        string
		late, tasks int
		want        Severity
	}
	cases := []bm3{
		{"just below warning", 2, 7, ok},
		{"at warning", 3, 10, warn},
		{"just above warning", 1, 3, warn},
		{"just below high", 4, 9, warn},
		{"at high", 1, 2, high},
		{"just above high", 4, 7, high},
	}
	managers := teams(cases, func(c bm3) person { return build(c.late, c.tasks) })

	// Which tasks count, overdue after 7 days.
	planner := b.manager("Mia")
	b.rep(planner, "Ana")
	// Days late count to the period's last day (b.to is the day after):
	// due Feb 25 and open on Mar 31 is 34 days late.
	lastDay := b.to.AddDate(0, 0, -1)
	// Important because planning work; open 8 days past due: overdue.
	b.task(planner, "Territory plan Q2", due(lastDay.AddDate(0, 0, -8)))
	// High priority, open exactly 7 days past due: not yet overdue.
	b.task(planner, "Call back legal", highPriority(), due(lastDay.AddDate(0, 0, -7)))
	// High priority, done 3 days late.
	b.task(planner, "Board deck", highPriority(), due(b.day(8)), done(b.day(11)))
	// Late but neither high priority nor planning/hq: not important.
	b.task(planner, "Expense report", due(b.day(8)), done(b.day(20)))

	// Not enough data.
	unhurried := b.manager("Mia")
	ana := b.rep(unhurried, "Ana")
	b.meeting(unhurried, "1:1 Ana", time.Hour, withReps(ana))
	b.task(unhurried, "Expense report", due(b.day(3)), done(b.day(9))) // late, but not important
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "BM3", "warning at 30 % or more, high at 50 % or more; overdue after 7 days", cases, managers, func(c bm3) (string, Severity, float64) {
			return c.name, c.want, 100 * float64(c.late) / float64(c.tasks)
		})
		t.Run("which tasks count, overdue after 7 days, evidence", func(t *testing.T) {
			f := findingOf(t, rep, planner, "BM3")
			expect(t, f, high, 100*2.0/3)
			expectColumn(t, f, "task", "Territory plan Q2", "Board deck")
			expectColumn(t, f, "days late", 8, 3)
			expectColumn(t, f, "state", "still open", "done late")
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, unhurried, "BM3"), "no important tasks with a due date in the period")
		})
	}
})

func TestBM4NeglectedBusinessDuties(t *testing.T) {
	t.Parallel()
	// Ten weeks; an hour of forecasting in the weeks listed (0 is the
	// first) and an hour of coaching every week, so the business share
	// stays well above 5 %. Warning at 4 weeks or more without planning or
	// HQ work, high at 8 or more.
	b := newOrg(t).weeks(10)
	build := func(planningWeeks ...int) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		for w := range 10 {
			b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana), at(b.day(7*w+1)))
		}
		for _, w := range planningWeeks {
			b.meeting(mia, "Forecast", time.Hour, at(b.day(7*w+2)))
		}
		return mia
	}
	type gap struct {
		name  string
		weeks []int
		gap   float64
		want  Severity
	}
	cases := []gap{
		{"just below warning", []int{0, 4, 8, 9}, 3, ok},
		{"at warning", []int{0, 5, 9}, 4, warn},
		{"just above warning", []int{0, 6, 9}, 5, warn},
		{"just below high", []int{0, 8, 9}, 7, warn},
		{"at high", []int{0, 9}, 8, high},
		{"just above high", []int{9}, 9, high},
	}
	managers := teams(cases, func(c gap) person { return build(c.weeks...) })

	// Business share: 6 minutes of forecasting every week (60 in all) and
	// `other` minutes of coaching; warning under 5 %.
	type share struct {
		name  string
		other float64
		want  Severity
	}
	shareCases := []share{
		{"share just below 5 %", 1200, warn},
		{"share at 5 %", 1140, ok},
		{"share just above 5 %", 1080, ok},
	}
	shareManagers := teams(shareCases, func(c share) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		for w := range 10 {
			b.meeting(mia, "Forecast", minutes(6), at(b.day(7*w+2)))
			b.meeting(mia, "1:1 Ana", minutes(c.other/10), withReps(ana), at(b.day(7*w+1)))
		}
		return mia
	})
	withEvidence := build(0, 5, 9)
	rep := b.run()

	checkCases(t, rep, "BM4", "warning at 4 weeks or more, or under 5 % of time; high at 8 weeks or more", cases, managers, func(c gap) (string, Severity, float64) {
		return c.name, c.want, c.gap
	})
	for i, c := range shareCases {
		t.Run(c.name, func(t *testing.T) {
			f := findingOf(t, rep, shareManagers[i], "BM4")
			expect(t, f, c.want, 0)
			if c.want != ok { // the report keeps evidence of problems only
				expectColumn(t, f, "business share %", round1(100*60/(60+c.other)))
			}
		})
	}
	t.Run("evidence", func(t *testing.T) {
		f := findingOf(t, rep, withEvidence, "BM4")
		// The gap is weeks 1 to 4: Monday 9 March to Sunday 5 April.
		expectColumn(t, f, "longest gap from", "2026-03-09")
		expectColumn(t, f, "to", "2026-04-05")
		expectColumn(t, f, "weeks", 4)
	})
	// The period is the whole organisation's: these two are not in this
	// ten-week one. The short period has an organisation of its own; the
	// manager without activities is a team of defaultOrg.
	t.Run("not enough data: short period", func(t *testing.T) {
		t.Parallel()
		b := newOrg(t).weeks(3)
		mia := b.manager("Mia")
		b.rep(mia, "Ana")
		b.meeting(mia, "Expense report", time.Hour)
		expectNotEnoughData(t, b.finding(mia, "BM4"), "the period is shorter than 4 weeks")
	})
	t.Run("not enough data: no activities", bm4NoActivities.check)
	t.Run("the gap's dates stay in the period", func(t *testing.T) {
		t.Parallel()
		// Wednesday 4 March to Friday 10 April: six calendar weeks, the
		// partial ones at both ends included, none with planning.
		b := newOrg(t)
		b.from = periodStart.AddDate(0, 0, 2)
		b.to = time.Date(2026, 4, 11, 0, 0, 0, 0, time.UTC)
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana), at(b.day(1)))
		f := b.finding(mia, "BM4")
		expectColumn(t, f, "longest gap from", "2026-03-04")
		expectColumn(t, f, "to", "2026-04-10")
		expectColumn(t, f, "weeks", 6)
	})
}

// bm4NoActivities is the team of TestBM4NeglectedBusinessDuties's "not
// enough data: no activities" in defaultOrg, and its check.
var bm4NoActivities = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	b.rep(mia, "Ana")
	// Someone else's: with no activity at all, every rule says so.
	b.meeting(b.colleague("Otto"), "Weekly sync", time.Hour)
	return func(t *testing.T, rep *Report) {
		expectNotEnoughData(t, findingOf(t, rep, mia, "BM4"), "no activities of this manager in the period")
	}
})

func TestBM5MeetingOverload(t *testing.T) {
	t.Parallel()
	bm5MeetingOverload.check(t)
}

// bm5MeetingOverload is TestBM5MeetingOverload's teams in defaultOrg, and its checks.
var bm5MeetingOverload = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// 200 minutes: a weekly 10-minute team meeting (40 minutes), `meetings
	// - 40` minutes of an ops sync, the rest with customers. Warning at
	// 35 % or more, high at 50 % or more.
	const total = 200.0
	build := func(meetings float64) person {
		mia := b.manager("Mia")
		team := b.reps(mia, "Ana", "Ben")
		ops := b.colleague("Olaf from sales ops")
		acme := b.account("Acme", mia)
		for w := range 4 {
			b.meeting(mia, "Weekly team meeting", minutes(10), withReps(team...), at(b.day(7*w)))
		}
		b.meeting(mia, "Sales ops sync", minutes(meetings-40), withColleagues(ops))
		b.meeting(mia, "Visit Acme", minutes(total-meetings), on(acme), withContact("Alice Acme"))
		// A call is not a meeting, whoever takes part.
		b.call(mia, "Call with Olaf", 0, withColleagues(ops))
		return mia
	}
	callMinutes := 10.0 // the default estimate for a call
	type bm5 struct {
		name     string
		meetings float64
		want     Severity
	}
	cases := []bm5{
		{"just below warning", 73, ok},
		{"at warning", 73.5, warn},
		{"just above warning", 74, warn},
		{"just below high", 104, warn},
		{"at high", 105, high},
		{"just above high", 106, high},
	}
	managers := teams(cases, func(c bm5) person { return build(c.meetings) })
	withEvidence := build(110)
	idle := b.manager("Mia")
	b.rep(idle, "Ana")
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "BM5", "warning at 35 % or more, high at 50 % or more", cases, managers, func(c bm5) (string, Severity, float64) {
			return c.name, c.want, 100 * c.meetings / (total + callMinutes)
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "BM5")
			expectColumn(t, f, "meeting", "Sales ops sync", "Weekly team meeting")
			expectColumn(t, f, "times", 1, 4)
			expectColumn(t, f, "hours", hours(70), hours(40))
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "BM5"), "no activities of this manager in the period")
		})
	}
})

// TestBM3CountsDaysLateToThePeriodsLastDay is the spec's example: in a
// period ending on Mar 31, a task due on Feb 25 and still open is 34
// calendar days late.
func TestBM3CountsDaysLateToThePeriodsLastDay(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	b.from, b.to = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	mia := b.manager("Mia")
	b.rep(mia, "Ana")
	b.task(mia, "Quarterly forecast", highPriority(), due(time.Date(2026, 2, 25, 0, 0, 0, 0, time.UTC)))
	f := b.finding(mia, "BM3")
	expectColumn(t, f, "days late", 34)
}
