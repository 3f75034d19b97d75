package audit

import (
	"fmt"
	"testing"
	"time"
)

func TestCM1KeyAccountsNeglected(t *testing.T) {
	t.Parallel()
	cm1KeyAccountsNeglected.check(t)
	t.Run("not enough data", cm1NotEnoughData.check)
	// Four weeks, not six: a team of defaultOrg.
	t.Run("not enough data: a period shorter than the window", cm1ShortPeriod.check)
}

// cm1KeyAccountsNeglected is TestCM1KeyAccountsNeglected's teams in
// sixWeeksNothingWonOrg, and their checks.
var cm1KeyAccountsNeglected = sixWeeksNothingWonOrg.plant(func(b *org) func(*testing.T, *Report) {
	// Six weeks, ending Monday 13 April. `neglected` of `accounts` key
	// accounts were last visited 32 days before the end, the others a week
	// before it. Warning above 20 %, high above 40 %.
	build := func(neglected, accounts int) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		for i := range accounts {
			owner := []person{mia, ana}[i%2]
			acc := b.keyAccount(fmt.Sprintf("Key %d", i), owner)
			when := b.to.AddDate(0, 0, -7)
			if i < neglected {
				when = b.to.AddDate(0, 0, -32)
			}
			b.meeting(ana, fmt.Sprintf("Visit key %d", i), time.Hour, on(acc), withContact("Buyer"), at(when))
		}
		return mia
	}
	type cm1 struct {
		name                string
		neglected, accounts int
		want                Severity
	}
	cases := []cm1{
		{"below warning", 1, 6, ok},
		{"at warning", 1, 5, ok},
		{"above warning", 2, 9, warn},
		{"at high", 2, 5, warn},
		{"above high", 3, 7, high},
	}
	managers := teams(cases, func(c cm1) person { return build(c.neglected, c.accounts) })

	// What counts as a touch in the last 30 days. Nothing is won in this
	// organisation, so revenue is the annual revenue.
	touched := b.manager("Mia")
	{
		mia := touched
		ana := b.rep(mia, "Ana")
		other := b.manager("Max")
		otto := b.rep(other, "Otto")
		last30 := b.to.AddDate(0, 0, -30)
		a := b.account("Alpha", ana, tier("Tier 1"), annualRevenue(400))
		bravo := b.account("Bravo", mia, tier("Tier 1"), annualRevenue(300))
		charlie := b.account("Charlie", ana, tier("Tier 1"), annualRevenue(200))
		delta := b.account("Delta", ana, tier("Tier 1"), annualRevenue(100))
		b.account("Echo", ana, annualRevenue(50)) // not key: never counted
		// Alpha: visited at the very start of the last 30 days.
		b.meeting(ana, "Visit Alpha", time.Hour, on(a), withContact("Buyer"), at(last30))
		// Bravo: a minute before them.
		b.meeting(mia, "Visit Bravo", time.Hour, on(bravo), withContact("Buyer"), at(last30.Add(-time.Minute)))
		// Charlie: only an internal task, which faces no customer.
		b.task(ana, "Update Charlie contacts", on(charlie), due(b.to.AddDate(0, 0, -3)))
		// Delta: visited only by someone outside the team.
		b.meeting(otto, "Visit Delta", time.Hour, on(delta), withContact("Buyer"), at(b.to.AddDate(0, 0, -3)))
	}
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "CM1", "warning above 20 %, high above 40 %", cases, managers, func(c cm1) (string, Severity, float64) {
			return c.name, c.want, 100 * float64(c.neglected) / float64(c.accounts)
		})
		t.Run("what counts as a touch in the last 30 days, evidence", func(t *testing.T) {
			f := findingOf(t, rep, touched, "CM1")
			expect(t, f, high, 100*3.0/4)
			expectColumn(t, f, "account", "Bravo", "Charlie", "Delta")
			expectColumn(t, f, "owner", "Mia", "Ana", "Ana")
			expectColumn(t, f, "days since last touch", 31, "none in the period", "none in the period")
			expectColumn(t, f, "revenue", 300, 200, 100)
		})
	}
})

// cm1ShortPeriod is the team of TestCM1KeyAccountsNeglected's short
// period in defaultOrg, and its check. Four weeks hold no "last 30 days":
// the key account touched on the period's first day may have been
// touched the day before it too, which the audit does not see.
var cm1ShortPeriod = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acc := b.keyAccount("Ana's key account", ana)
	b.meeting(ana, "Visit", time.Hour, on(acc), withContact("Alice"), at(b.day(0)))
	return func(t *testing.T, rep *Report) {
		expectNotEnoughData(t, findingOf(t, rep, mia, "CM1"), "the period is shorter than 30 days")
	}
})

// cm1NotEnoughData is the team of TestCM1KeyAccountsNeglected's "not
// enough data" in sixWeeksNothingWonOrg, and its check.
var cm1NotEnoughData = sixWeeksNothingWonOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	other := b.manager("Max")
	otto := b.rep(other, "Otto")
	b.keyAccount("Otto's key account", otto)
	b.account("Ana's small account", ana)
	b.meeting(mia, "Expense report", time.Hour)
	return func(t *testing.T, rep *Report) {
		expectNotEnoughData(t, findingOf(t, rep, mia, "CM1"), "the team owns no key accounts")
	}
})

func TestCM2RelationshipHoarding(t *testing.T) {
	t.Parallel()
	cm2RelationshipHoarding.check(t)
}

// cm2RelationshipHoarding is TestCM2RelationshipHoarding's teams in defaultOrg, and its checks.
var cm2RelationshipHoarding = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// `accounts` key accounts owned by Ana; on the first `hoarded` of them
	// Mia logs `manager` minutes and Ana `rep`, on the others Ana alone an
	// hour. An account is hoarded when Mia has 50 % of the team's customer
	// minutes or more. Warning for any (owned by a rep), high when they
	// are 25 % of the key accounts or more.
	build := func(manager, rep float64, hoarded, accounts int) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		for i := range accounts {
			acc := b.keyAccount(fmt.Sprintf("Key %d", i), ana)
			if i >= hoarded {
				b.meeting(ana, fmt.Sprintf("Ana visits key %d", i), time.Hour, on(acc), withContact("Buyer"))
				continue
			}
			if manager > 0 {
				b.meeting(mia, fmt.Sprintf("Mia visits key %d", i), minutes(manager), on(acc), withContact("Buyer"))
			}
			if rep > 0 {
				b.meeting(ana, fmt.Sprintf("Ana visits key %d", i), minutes(rep), on(acc), withContact("Buyer"))
			}
		}
		return mia
	}
	type cm2 struct {
		name              string
		manager, rep      float64
		hoarded, accounts int
		wantHoarded       float64
		want              Severity
	}
	cases := []cm2{
		{"manager just under half", 29, 31, 1, 5, 0, ok},
		{"manager at half", 30, 30, 1, 5, 1, warn},
		{"manager just over half", 31, 29, 1, 5, 1, warn},
		{"just below high: 1 of 5", 60, 0, 1, 5, 1, warn},
		{"at high: 1 of 4", 60, 0, 1, 4, 1, high},
		{"above high: 2 of 7", 60, 0, 2, 7, 2, high},
	}
	managers := teams(cases, func(c cm2) person { return build(c.manager, c.rep, c.hoarded, c.accounts) })

	// The manager's own key account is no warning.
	owner := b.manager("Mia")
	{
		ana := b.rep(owner, "Ana")
		own := b.keyAccount("Mia's account", owner)
		b.meeting(owner, "Mia visits her account", time.Hour, on(own), withContact("Buyer"))
		for i := range 4 {
			acc := b.keyAccount(fmt.Sprintf("Key %d", i), ana)
			b.meeting(ana, fmt.Sprintf("Ana visits key %d", i), time.Hour, on(acc), withContact("Buyer"))
		}
	}
	withEvidence := build(90, 30, 2, 4)
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "CM2", "warning for any such account owned by a rep, high when 25 % of the key accounts or more", cases, managers, func(c cm2) (string, Severity, float64) {
			return c.name, c.want, c.wantHoarded
		})
		t.Run("the manager's own key account is no warning", func(t *testing.T) {
			expect(t, findingOf(t, rep, owner, "CM2"), ok, 1) // 1 of 5: under 25 %
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "CM2")
			expect(t, f, high, 2)
			expectColumn(t, f, "account", "Key 0", "Key 1")
			expectColumn(t, f, "owner", "Ana", "Ana")
			expectColumn(t, f, "manager share %", 75, 75)
			expectColumn(t, f, "team hours", hours(120), hours(120))
		})
		// An organisation without tiers: no account is key by tier, nor by
		// revenue (there is none).
		t.Run("not enough data", cm2NotEnoughData.check)
	}
})

// cm2NotEnoughData is the team of TestCM2RelationshipHoarding's "not
// enough data" in noRevenueOrg, and its check.
var cm2NotEnoughData = noRevenueOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acc := b.account("Small account", ana)
	b.meeting(mia, "Visit small account", time.Hour, on(acc), withContact("Buyer"))
	return func(t *testing.T, rep *Report) {
		f := findingOf(t, rep, mia, "CM2")
		expectNotEnoughData(t, f, "the team owns no key accounts")
		if f.Metric != nil {
			t.Errorf("metric %s without key accounts", show(f.Metric))
		}
	}
})

func TestCM3PlayerCoach(t *testing.T) {
	t.Parallel()
	cm3PlayerCoach.check(t)
}

// cm3PlayerCoach is TestCM3PlayerCoach's teams in defaultOrg, and its checks.
var cm3PlayerCoach = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// 200 minutes: `alone` minutes with customers without a rep (20 on the
	// Acme renewal, the rest at Smallco), a 30-minute joint visit with
	// Ana (field coaching, not counted), the rest 1:1s. Warning above
	// 25 %, high above 40 %.
	const total = 200.0
	build := func(alone float64) person {
		mia := b.manager("Mia")
		ana := b.rep(mia, "Ana")
		acme := b.keyAccount("Acme", ana)
		smallco := b.account("Smallco", ana)
		renewal := b.won("Acme renewal", ana, acme, 1000, b.day(20))
		b.meeting(mia, "Acme renewal negotiation", minutes(20), about(renewal, acme), withContact("Buyer"))
		b.call(mia, "Smallco call", minutes(alone-20), on(smallco), withContact("Owner"))
		b.meeting(mia, "Joint visit Acme", minutes(30), on(acme), withReps(ana), withContact("Buyer"))
		b.meeting(mia, "1:1 Ana", minutes(total-alone-30), withReps(ana))
		return mia
	}
	type cm3 struct {
		name  string
		alone float64
		want  Severity
	}
	cases := []cm3{
		{"just below warning", 49, ok},
		{"at warning", 50, ok},
		{"just above warning", 51, warn},
		{"at high", 80, warn},
		{"just above high", 81, high},
	}
	managers := teams(cases, func(c cm3) person { return build(c.alone) })
	withEvidence := build(100)
	idle := b.manager("Mia")
	b.rep(idle, "Ana")
	return func(t *testing.T, rep *Report) {
		checkCases(t, rep, "CM3", "warning above 25 %, high above 40 %", cases, managers, func(c cm3) (string, Severity, float64) {
			return c.name, c.want, 100 * c.alone / total
		})
		t.Run("evidence", func(t *testing.T) {
			f := findingOf(t, rep, withEvidence, "CM3")
			expectColumn(t, f, "account", "Smallco", "Acme")
			expectColumn(t, f, "deal", "", "Acme renewal")
			expectColumn(t, f, "activities", 1, 1)
			expectColumn(t, f, "hours", hours(80), hours(20))
		})
		t.Run("not enough data", func(t *testing.T) {
			expectNotEnoughData(t, findingOf(t, rep, idle, "CM3"), "no activities of this manager in the period")
		})
	}
})
