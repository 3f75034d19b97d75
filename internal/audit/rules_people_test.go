package audit

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func TestPM1UnderCoaching(t *testing.T) {
	t.Parallel()
	pm1UnderCoaching.check(t)
}

// pm1UnderCoaching is TestPM1UnderCoaching's teams in defaultOrg, and its checks.
var pm1UnderCoaching = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// 200 minutes: `coaching` minutes with reps (a 1:1 in the first week
	// and a 5-minute joint customer visit in the third), the rest with
	// customers alone. Warning below 10 %, high below 5 %.
	const total = 200.0
	build := func(coaching float64) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		acme := b.account("Acme", ana)
		b.meeting(mia, "1:1 Ana", minutes(coaching-5), withReps(ana), at(b.day(1)))
		b.meeting(mia, "Joint visit Acme", minutes(5), on(acme), withReps(ana), withContact("Alice Acme"), at(b.day(15)))
		b.meeting(mia, "Visit Acme", minutes(total-coaching), on(acme), withContact("Alice Acme"))
		return mia
	}
	type pm1 struct {
		name     string
		coaching float64
		want     Severity
	}
	cases := []pm1{
		{"just below high", 9, high},
		{"at high", 10, warn},
		{"just above high", 11, warn},
		{"just below warning", 19, warn},
		{"at warning", 20, ok},
		{"just above warning", 21, ok},
	}
	managers := teams(cases, func(c pm1) person { return build(c.coaching) })
	withEvidence := build(15)
	// A manager whose rep logged a visit the manager was not at.
	idle := b.manager("Mia")
	ana := b.rep(idle, "Ana")
	b.meeting(ana, "Visit Acme", time.Hour, withContact("Alice Acme"))
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "PM1", "warning below 10 %, high below 5 %", cases, managers, func(c pm1) (string, Severity, float64) {
			return c.name, c.want, 100 * c.coaching / total
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "PM1")
			expectColumn(t, f, "week of", "2026-03-02", "2026-03-16")
			expectColumn(t, f, "coaching minutes", 10, 5)
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "PM1"), "no activities of this manager in the period")
		})
	}
})

func TestPM2RepsWithoutCoaching(t *testing.T) {
	t.Parallel()
	pm2RepsWithoutCoaching.check(t)
}

// pm2RepsWithoutCoaching is TestPM2RepsWithoutCoaching's teams in defaultOrg, and its checks.
var pm2RepsWithoutCoaching = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// The period is four weeks, so 15 minutes a week is 60 minutes.
	const weeks = 4.0

	// Minutes per week: Ben, Cy and Dee get exactly 15 min/week (not
	// "less than"); Ana gets `ana` minutes. One rep of four is under
	// 30 %: warning.
	type perWeek struct {
		name string
		ana  float64
		want Severity
	}
	perWeekCases := []perWeek{
		{"just below", 59, warn},
		{"at", 60, ok},
		{"just above", 61, ok},
	}
	perWeekManagers := teams(perWeekCases, func(c perWeek) person {
		mia := b.manager("Mia")
		team := b.reps(mia, "Ana", "Ben", "Cy", "Dee")
		b.meeting(mia, "1:1 Ana", minutes(c.ana), withReps(team[0]))
		for _, r := range team[1:] {
			b.meeting(mia, "1:1 "+r.name, minutes(15*weeks), withReps(r))
		}
		return mia
	})

	// Share of the team: ten reps; `under` of them get 30 minutes in the
	// period, the others 60. High at 30 % of the team or more.
	type share struct {
		name  string
		under int
		want  Severity
	}
	shareCases := []share{
		{"nobody", 0, ok},
		{"just below high", 2, warn},
		{"at high", 3, high},
		{"just above high", 4, high},
	}
	shareManagers := teams(shareCases, func(c share) person {
		mia := b.manager("Mia")
		for i := range 10 {
			r := b.rep(mia, fmt.Sprintf("Rep %02d", i))
			mins := 60.0
			if i < c.under {
				mins = 30
			}
			b.meeting(mia, "1:1 "+r.name, minutes(mins), withReps(r))
		}
		return mia
	})

	// Evidence, and a rep who joined mid-period.
	withEvidence := b.manager("Mia")
	{
		mia := withEvidence
		ana := b.rep(mia, "Ana")
		ben := b.rep(mia, "Ben")
		// Eva is in the team for the last two weeks: 30 minutes is 15 a week.
		eva := b.rep(mia, "Eva", joined(b.from.AddDate(0, 0, 14)))
		b.meeting(mia, "1:1 Ana", minutes(59), withReps(ana))
		b.meeting(mia, "1:1 Ben", minutes(90), withReps(ben))
		b.meeting(mia, "1:1 Eva", minutes(30), withReps(eva), at(b.day(15)))
		dee := b.rep(mia, "Dee")
		b.meeting(mia, "1:1 Dee", minutes(120), withReps(dee))
	}

	// Not enough data: a manager who logged nothing, so no way to tell
	// whether the reps were coached.
	idle := b.manager("Mia")
	ana := b.rep(idle, "Ana")
	b.meeting(ana, "Visit Acme", time.Hour, withContact("Alice Acme"))

	return func(t *testing.T, rep *Report) {
		t.Run("minutes per week", func(t *testing.T) {
			for i, c := range perWeekCases {
				t.Run(c.name, func(t *testing.T) {
					under := 0.0
					if c.ana/weeks < 15 {
						under = 1
					}
					f := findingOf(t, rep, perWeekManagers[i], "PM2")
					expect(t, f, c.want, under)
					if f.Threshold != "warning for any rep under 15 min/week, high when 30 % of the team or more" {
						t.Errorf("threshold text %q", f.Threshold)
					}
				})
			}
		})
		t.Run("share of the team", func(t *testing.T) {
			for i, c := range shareCases {
				t.Run(c.name, func(t *testing.T) {
					expect(t, findingOf(t, rep, shareManagers[i], "PM2"), c.want, float64(c.under))
				})
			}
		})
		t.Run("evidence, and a rep who joined mid-period", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "PM2")
			expect(t, f, warn, 1) // one of four: under 30 %
			expectColumn(t, f, "rep", "Ana", "Eva", "Ben", "Dee")
			expectColumn(t, f, "minutes per week", round1(59/weeks), 15, round1(90/weeks), round1(120/weeks))
			expectColumn(t, f, "under threshold", true, false, false, false)
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "PM2"), "no activities of this manager in the period")
		})
	}
})

func TestPM3WeakestLinkFocus(t *testing.T) {
	t.Parallel()
	pm3WeakestLinkFocus.check(t)
}

// pm3WeakestLinkFocus is TestPM3WeakestLinkFocus's teams in defaultOrg, and its checks.
var pm3WeakestLinkFocus = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// Five reps ranked by won amount: Bea is the bottom 20 %, Cal, Dan and
	// Eli the middle 60 % (an hour of coaching each), Fay the top.
	// Metric: Bea's coaching minutes / 60. Warning above 1.5, high above 3.
	const middle = 60.0
	build := func(bottom float64) person {
		mia := b.manager("Mia")
		names := []string{"Bea", "Cal", "Dan", "Eli", "Fay"}
		coaching := []float64{bottom, middle, middle, middle, 30}
		for i, name := range names {
			r := b.rep(mia, name)
			acc := b.account(name+"'s account", r)
			b.won(name+"'s deal", r, acc, float64(100*(i+1)), b.day(2))
			b.meeting(mia, "1:1 "+name, minutes(coaching[i]), withReps(r))
			if name == "Bea" {
				// Lost deals do not count towards the ranking.
				b.lost("Bea's big lost deal", r, acc, 10000, b.day(3))
			}
		}
		return mia
	}
	type pm3 struct {
		name   string
		bottom float64
		want   Severity
	}
	cases := []pm3{
		{"just below warning", 89, ok},
		{"at warning", 90, ok},
		{"just above warning", 91, warn},
		{"at high", 180, warn},
		{"just above high", 181, high},
	}
	managers := teams(cases, func(c pm3) person { return build(c.bottom) })
	withEvidence := build(240)

	// Not enough data: a small team.
	small := b.manager("Mia")
	for _, r := range b.reps(small, "Bea", "Cal", "Dan", "Eli") {
		b.meeting(small, "1:1 "+r.name, time.Hour, withReps(r))
	}
	// Not enough data: no coaching.
	uncoached := b.manager("Mia")
	for i, r := range b.reps(uncoached, "Bea", "Cal", "Dan", "Eli", "Fay") {
		b.won(r.name+"'s deal", r, b.account(r.name+"'s account", r), float64(100*(i+1)), b.day(2))
	}
	b.meeting(uncoached, "Expense report", time.Hour)
	// Not enough data: nothing won to rank by. Without won deals the
	// "bottom 20 %" would be whoever sorts first by name.
	unranked := b.manager("Mia")
	for i, r := range b.reps(unranked, "Bea", "Cal", "Dan", "Eli", "Fay") {
		b.meeting(unranked, "1:1 "+r.name, minutes(float64(30+120*(4-i))), withReps(r))
	}
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "PM3", "warning above 1.5, high above 3 (teams of at least the minimum group size)", cases, managers, func(c pm3) (string, Severity, float64) {
			return c.name, c.want, c.bottom / middle
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "PM3")
			expectColumn(t, f, "rep", "Bea", "Cal", "Dan", "Eli", "Fay")
			expectColumn(t, f, "group", "bottom 20 %", "middle 60 %", "middle 60 %", "middle 60 %", "top 20 %")
			weeks := b.to.Sub(b.from).Hours() / 24 / 7
			perWeek := func(minutes float64) float64 { return math.Round(minutes/weeks*10) / 10 }
			expectColumn(t, f, "coaching min/week", perWeek(240), perWeek(middle), perWeek(middle), perWeek(middle), perWeek(30))
		})
		t.Run("not enough data: small team", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, small, "PM3"), "4 reps still in the team at the end of the period; ranking needs at least 5")
		})
		t.Run("a configured minimum group size", func(t *testing.T) {
			t.Parallel()
			// The configuration is the whole organisation's: an organisation
			// of its own. Four reps: Bea the bottom, Cal and Dan the middle,
			// Eli the top.
			b := newOrg(t)
			b.cfg.Organisation.MinGroupSize = 4
			mia := b.manager("Mia")
			for i, r := range b.reps(mia, "Bea", "Cal", "Dan", "Eli") {
				b.won(r.name+"'s deal", r, b.account(r.name+"'s account", r), float64(100*(i+1)), b.day(2))
				b.meeting(mia, "1:1 "+r.name, minutes([]float64{200, middle, middle, 10}[i]), withReps(r))
			}
			expect(t, b.finding(mia, "PM3"), high, 200/middle)
		})
		t.Run("not enough data: no coaching", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, uncoached, "PM3"), "no coaching of these reps logged")
		})
		t.Run("not enough data: nothing won to rank by", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, unranked, "PM3"), "no won deals in the period to rank the reps by")
		})
	}
})

func TestPM4ResultsOnly(t *testing.T) {
	t.Parallel()
	pm4ResultsOnly.check(t)
}

// pm4ResultsOnly is TestPM4ResultsOnly's teams in defaultOrg, and its checks.
var pm4ResultsOnly = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// An hour of coaching with Ben and `review` minutes of pipeline review
	// with Ana. Warning above 1, high above 2.
	const coaching = 60.0
	build := func(review, coaching float64) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		ben := b.rep(mia, "Ben")
		b.meeting(mia, "Pipeline review Ana", minutes(review), withReps(ana))
		if coaching > 0 {
			b.meeting(mia, "1:1 Ben", minutes(coaching), withReps(ben))
		}
		return mia
	}
	type pm4 struct {
		name   string
		review float64
		want   Severity
	}
	cases := []pm4{
		{"just below warning", 59, ok},
		{"at warning", 60, ok},
		{"just above warning", 61, warn},
		{"at high", 120, warn},
		{"just above high", 121, high},
	}
	managers := teams(cases, func(c pm4) person { return build(c.review, coaching) })
	uncoached := build(30, 0)
	withEvidence := build(150, coaching)
	idle := b.manager("Mia")
	b.rep(idle, "Ana")
	b.meeting(idle, "Expense report", time.Hour)
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "PM4", "warning above 1, high above 2", cases, managers, func(c pm4) (string, Severity, float64) {
			return c.name, c.want, c.review / coaching
		})
		t.Run("reviews and no coaching at all", func(t *testing.T) {
			f := findingOf(t, rep, uncoached, "PM4")
			if f.Severity != high || f.Metric != nil {
				t.Errorf("severity %s, metric %s; want high with no finite metric", f.Severity, show(f.Metric))
			}
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "PM4")
			expectColumn(t, f, "rep", "Ana", "Ben")
			expectColumn(t, f, "pipeline review hours", hours(150), 0)
			expectColumn(t, f, "coaching hours", 0, hours(coaching))
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "PM4"), "no pipeline reviews and no coaching logged")
		})
	}
})

func TestPM5CreditClaiming(t *testing.T) {
	t.Parallel()
	pm5CreditClaiming.check(t)
}

// pm5CreditClaiming is TestPM5CreditClaiming's teams in defaultOrg, and its checks.
var pm5CreditClaiming = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// The team wins 1000: Mia's "Acme expansion" (`claimed`) on Ana's
	// account, and Ana's own deal for the rest. Ana logged `repCalls`
	// calls on Acme in the 90 days before Mia's deal closed, Mia
	// `managerCalls`. Warning at 10 % or more, high at 25 % or more.
	const teamWon = 1000.0
	type pm5 struct {
		mia, ana person
		acme     account
		closed   time.Time
	}
	build := func(claimed float64, repCalls, managerCalls int) pm5 {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		b.rep(mia, "Ben")
		acme := b.account("Acme", ana)
		beta := b.account("Beta", ana)
		closed := b.day(20)
		b.won("Acme expansion", mia, acme, claimed, closed)
		b.won("Beta first order", ana, beta, teamWon-claimed, b.day(10))
		for i := range repCalls {
			b.call(ana, "Call Acme", 20*time.Minute, on(acme), at(closed.AddDate(0, 0, -10*i)))
		}
		for i := range managerCalls {
			b.call(mia, "Call Acme", 20*time.Minute, on(acme), at(closed.AddDate(0, 0, -10*i-5)))
		}
		return pm5{mia, ana, acme, closed}
	}
	type claim struct {
		name    string
		claimed float64
		want    Severity
	}
	cases := []claim{
		{"just below warning", 99, ok},
		{"at warning", 100, warn},
		{"just above warning", 101, warn},
		{"just below high", 249, warn},
		{"at high", 250, high},
		{"just above high", 251, high},
	}
	managers := teams(cases, func(c claim) person { return build(c.claimed, 2, 1).mia })

	// The deal counts when the reps logged 50 % of the activity or more.
	type repShare struct {
		name              string
		rep, manager      int
		counted           bool
		wantSeverityIfYes Severity
	}
	shareCases := []repShare{
		{"just below 50 %", 1, 2, false, high},
		{"at 50 %", 1, 1, true, high},
		{"just above 50 %", 2, 1, true, high},
	}
	shareManagers := teams(shareCases, func(c repShare) person { return build(300, c.rep, c.manager).mia })

	// Only the 90 days before the close count. In the window: Ana 1 call,
	// Mia 2 (33 %: not claimed). Ana's two calls 95 and 120 days before
	// the close would make it 60 %.
	window := build(300, 1, 2)
	for _, d := range []int{95, 120} {
		b.call(window.ana, "Old call Acme", 20*time.Minute, on(window.acme), at(window.closed.AddDate(0, 0, -d)))
	}
	withEvidence := build(400, 2, 1).mia

	// Not enough data: the team lost in the period, and won only a year
	// before it.
	idle := b.manager("Mia")
	ana := b.rep(idle, "Ana")
	acme := b.account("Acme", ana)
	b.lost("Acme expansion", idle, acme, 500, b.day(5))
	b.won("Acme last year", ana, acme, 500, b.from.AddDate(-1, 0, 0))
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "PM5", "warning at 10 % or more, high at 25 % or more", cases, managers, func(c claim) (string, Severity, float64) {
			return c.name, c.want, 100 * c.claimed / teamWon
		})
		t.Run("reps' share of the activity", func(t *testing.T) {
			for i, c := range shareCases {
				t.Run(c.name, func(t *testing.T) {
					f := findingOf(t, rep, shareManagers[i], "PM5")
					if c.counted {
						expect(t, f, c.wantSeverityIfYes, 100*300/teamWon)
					} else {
						expect(t, f, ok, 0)
					}
				})
			}
		})
		t.Run("only the 90 days before the close count", func(t *testing.T) {
			expect(t, findingOf(t, rep, window.mia, "PM5"), ok, 0)
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "PM5")
			expect(t, f, high, 100*400/teamWon)
			expectColumn(t, f, "deal", "Acme expansion")
			expectColumn(t, f, "account", "Acme")
			expectColumn(t, f, "amount", 400)
			expectColumn(t, f, "reps' share of activity %", 67) // 2 of 3, rounded
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "PM5"), "the team won no revenue in the period")
		})
	}
})

func TestPM6HiringMisses(t *testing.T) {
	t.Parallel()
	pm6HiringMisses.check(t)
}

// pm6HiringMisses is TestPM6HiringMisses's teams in defaultOrg, and its checks.
var pm6HiringMisses = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// The period ends on 30 March 2026. `misses` hires joined in January
	// 2025 and left five months later; the other hires joined in December
	// 2025 and are too new to rank. Warning at 30 % or more (with at
	// least 2 hires), high at 50 % or more.
	build := func(misses, hires int) person {
		mia := b.manager("Mia")
		b.rep(mia, "Vera") // no join date: not a hire
		b.rep(mia, "Old hire", joined(time.Date(2023, 1, 9, 0, 0, 0, 0, time.UTC)))
		for i := range hires {
			if i < misses {
				b.rep(mia, fmt.Sprintf("Leaver %d", i), joined(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)),
					left(time.Date(2025, 6, 6, 0, 0, 0, 0, time.UTC)))
			} else {
				b.rep(mia, fmt.Sprintf("New hire %d", i), joined(time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC)))
			}
		}
		return mia
	}
	type pm6 struct {
		name          string
		misses, hires int
		want          Severity
	}
	cases := []pm6{
		{"just below warning", 2, 7, ok},
		{"at warning", 3, 10, warn},
		{"just above warning", 1, 3, warn},
		{"just below high", 4, 9, warn},
		{"at high", 1, 2, high},
		{"just above high", 4, 7, high},
	}
	managers := teams(cases, func(c pm6) person { return build(c.misses, c.hires) })

	// A team of five staying reps ranked by won amount; Hana and Hugo
	// joined nine months before the end, Lea joined and left in 2025.
	ranked := func(withDeals bool) person {
		mia := b.manager("Mia")
		july := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
		won := map[string]float64{"Vera": 300, "Walt": 400, "Xavi": 500, "Hana": 100, "Hugo": 600}
		for _, name := range []string{"Vera", "Walt", "Xavi", "Hana", "Hugo"} {
			var opts []userOpt
			if name == "Hana" || name == "Hugo" {
				opts = append(opts, joined(july))
			}
			r := b.rep(mia, name, opts...)
			if withDeals {
				b.won(name+"'s deal", r, b.account(name+"'s account", r), won[name], b.day(3))
			}
		}
		b.rep(mia, "Lea", joined(time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC)), left(time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC)))
		return mia
	}
	withEvidence := ranked(true)
	// Everyone ties at zero: nobody is in the bottom 20 % for that.
	unranked := ranked(false)

	// Of two reps one is always the lower: that is no "bottom 20 %".
	pair := b.manager("Mia")
	july := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i, name := range []string{"Hana", "Hugo"} {
		r := b.rep(pair, name, joined(july))
		b.won(name+"'s deal", r, b.account(name+"'s account", r), float64(100*(i+1)), b.day(3))
	}
	oneHire := build(1, 1)
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "PM6", "warning at 30 % or more (at least 2 hires), high at 50 % or more", cases, managers, func(c pm6) (string, Severity, float64) {
			return c.name, c.want, 100 * float64(c.misses) / float64(c.hires)
		})
		t.Run("evidence: a leaver and a hire in the bottom 20 %", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "PM6")
			expect(t, f, high, 100*2.0/3)
			expectColumn(t, f, "hire", "Lea", "Hana", "Hugo")
			expectColumn(t, f, "joined", "2025-01-10", "2025-07-01", "2025-07-01")
			expectColumn(t, f, "left", "2025-04-10", nil, nil)
			expectColumn(t, f, "rank from bottom", nil, 1, 5)
			expectColumn(t, f, "miss", "left within 12 months", "bottom 20 %", "")
		})
		t.Run("no ranking without won deals", func(t *testing.T) {
			expect(t, findingOf(t, rep, unranked, "PM6"), warn, 100*1.0/3) // Lea only
		})
		t.Run("no ranking in a team under the minimum group size", func(t *testing.T) {
			expect(t, findingOf(t, rep, pair, "PM6"), ok, 0)
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, oneHire, "PM6"), "1 hire(s) with a known join date in the last 24 months; needs 2")
		})
	}
})
