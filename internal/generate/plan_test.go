package generate

import (
	"slices"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
)

func testGenerator(months int) *generator { return testGeneratorFor(FormatSalesforce, months) }

func testGeneratorFor(format string, months int) *generator {
	opts := Options{Managers: 1, RepsPerManager: 6, Months: months, Seed: 1, Out: "unused", Format: format}
	if err := opts.validate(); err != nil {
		panic(err)
	}
	return newGenerator(opts, nil, hooks{})
}

// TestEveryRuleCanBePlanted: each mistake alone can be planted in a team
// of six over half a year, with every other rule clearly clean (or, where
// the format makes one mistake bring another, planted too), in every
// format.
func TestEveryRuleCanBePlanted(t *testing.T) {
	for _, format := range []string{FormatSalesforce, FormatHubSpot} {
		g := testGeneratorFor(format, 6)
		for rule := range numRules {
			planted := ruleSet(0).with(rule)
			if !g.plantable(rule, 6) {
				t.Errorf("%s: %s cannot be planted in a team of 6 over 6 months", format, rule)
				continue
			}
			if !g.planWorks(planted, 6, weeklyMinutes) {
				t.Errorf("%s: a plan with only %s planted puts another rule near its threshold: %v", format,
					rule, planTime(planted, 6, weeklyMinutes, g.traits).metrics(0).check(planted|g.implied(planted)))
			}
		}
		if !g.planWorks(0, 6, weeklyMinutes) {
			t.Errorf("%s: a healthy manager's plan is not clean: %v", format, planTime(0, 6, weeklyMinutes, g.traits).metrics(0).check(0))
		}
	}
}

// TestRulesNeedingDataAreNotPlantedWithout: PM3 needs five reps to rank,
// BM4 a period long enough for a gap of nine weeks and more.
func TestRulesNeedingDataAreNotPlantedWithout(t *testing.T) {
	if testGenerator(6).plantable(PM3, 4) {
		t.Error("PM3 planted in a team of 4")
	}
	if testGenerator(2).plantable(BM4, 6) {
		t.Error("BM4 planted in a two-month period")
	}
}

// TestMistakesPerManager: about a third of the managers are clean, the
// others have one to three mistakes, and every rule gets planted.
func TestMistakesPerManager(t *testing.T) {
	for _, format := range []string{FormatSalesforce, FormatHubSpot} {
		t.Run(format, func(t *testing.T) { testMistakesPerManager(t, testGeneratorFor(format, 6)) })
	}
}

func testMistakesPerManager(t *testing.T, g *generator) {
	r := newRNG(9, 9)
	const managers = 3000
	clean := 0
	seen := map[Rule]int{}
	for range managers {
		set := g.choosePlanted(r, 7, 6, r.jitter(weeklyMinutes, 0.1))
		switch n := set.count(); {
		case n == 0:
			clean++
		case n > 3:
			t.Fatalf("%d mistakes planted: %v", n, set.ids())
		}
		for rule := range numRules {
			if set.has(rule) {
				seen[rule]++
			}
		}
	}
	if share := float64(clean) / managers; share < 0.28 || share > 0.40 {
		t.Errorf("%.0f %% of managers clean, want about a third", 100*share)
	}
	for rule := range numRules {
		if seen[rule] < managers/40 {
			t.Errorf("%s planted in %d of %d managers", rule, seen[rule], managers)
		}
	}
}

// TestPeriod: the weeks BM4 counts, partial ones included, and the
// period's edges.
func TestPeriod(t *testing.T) {
	p := newPeriod(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), 6)
	if got := p.start.Format(time.DateOnly); got != "2026-01-01" {
		t.Errorf("start %s", got)
	}
	// 1 January 2026 is a Thursday: its week has two workdays in the
	// period; 30 June is a Tuesday: the last week has two.
	first, last := p.weeks[0], p.weeks[len(p.weeks)-1]
	if len(p.weeks) != 27 || len(first.workdays) != 2 || len(first.days) != 4 || len(last.workdays) != 2 {
		t.Errorf("%d weeks; first %d workdays of %d days, last %d workdays", len(p.weeks), len(first.workdays), len(first.days), len(last.workdays))
	}
}

func TestSalesforceIDs(t *testing.T) {
	// The suffix itself is salesforcecsv's (TestCaseSuffix).
	m := newIDMaker(newRNG(1, 1), idBases(newRNG(1, 0)), blockTeam+999)
	a, b := m.id(kindTask), m.id(kindTask)
	if a.String()[:3] != "00T" || len(a.String()) != 18 || a == b {
		t.Errorf("task IDs %s, %s", a, b)
	}
}

// The generator's rules are the audit's, in the audit's order, so that
// truth.json names what the audit reports.
func TestTheGeneratorsRulesAreTheAudits(t *testing.T) {
	var ids []string
	for _, r := range audit.Rules {
		ids = append(ids, r.ID)
	}
	last := -1
	for r := range numRules {
		i := slices.Index(ids, r.String())
		if i < 0 {
			t.Errorf("the generator plants %s, which the audit does not have", r)
			continue
		}
		if i < last {
			t.Errorf("%s comes earlier in the audit than in the generator", r)
		}
		last = i
		if r.unit() == "" {
			t.Errorf("%s has no unit", r)
		}
	}
}
