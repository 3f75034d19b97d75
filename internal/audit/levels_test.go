package audit

import (
	"testing"
	"time"
)

// TestADirectorOfManagersIsJudgedAsASecondLineManager audits a director
// whose direct reports are two first-line managers: the director is
// second-line, judged on its own time (PM1 counts the 1:1s with its
// managers) but never on "reps without coaching" of the managers it
// leads, and it is left out of the first-line managers' rankings.
func TestADirectorOfManagersIsJudgedAsASecondLineManager(t *testing.T) {
	t.Parallel()
	aDirectorOfManagers.check(t)
}

// aDirectorOfManagers is TestADirectorOfManagersIsJudgedAsASecondLineManager's
// teams in defaultOrg, and its checks. Dora is its only second-line
// manager, and the only Dora: the rankings know managers by name.
var aDirectorOfManagers = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	dora := b.manager("Dora")
	mia := b.rep(dora, "Mia")
	max := b.rep(dora, "Max")
	miaTeam := b.reps(mia, "Ana", "Ben")
	b.reps(max, "Cem")
	b.meeting(dora, "1:1 Mia", time.Hour, withReps(mia))
	b.meeting(dora, "Strategy update from HQ", 3*time.Hour)
	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(miaTeam[0]))
	b.meeting(max, "Forecast call", time.Hour)
	return func(t *testing.T, rep *Report) {
		levels := map[string]string{}
		for _, m := range rep.Managers {
			levels[m.ID] = m.Level
		}
		want := map[person]string{dora: LevelSecondLine, mia: LevelFirstLine, max: LevelFirstLine}
		for p, level := range want {
			if levels[p.id] != level {
				t.Errorf("%s: level %q, want %q", p.name, levels[p.id], level)
			}
		}
		if last := rep.Managers[len(rep.Managers)-1]; last.ID != dora.id {
			t.Errorf("the second-line manager should come after the first-line ones, last is %s", last.Name)
		}

		for _, rule := range Rules {
			f := findingOf(t, rep, dora, rule.ID)
			if got := f.Severity == SeverityNotApplicable; got == rule.Judges(LevelSecondLine) {
				t.Errorf("Dora, %s: severity %s, but the rule's levels are %v", rule.ID, f.Severity, rule.Levels)
			}
			if g := findingOf(t, rep, mia, rule.ID); g.Severity == SeverityNotApplicable {
				t.Errorf("Mia, %s: a first-line manager is judged by every rule, got %s", rule.ID, g.Severity)
			}
		}
		if f := findingOf(t, rep, dora, "PM2"); f.Missing == "" {
			t.Error("PM2 for Dora should say why it does not judge her")
		}
		// One hour of 1:1 with a manager out of four hours logged.
		expect(t, findingOf(t, rep, dora, "PM1"), SeverityOK, 25)

		for _, rr := range rep.Organisation {
			for _, m := range rr.Managers {
				if m.Name == "Dora" {
					t.Errorf("the %s ranking holds the second-line manager", rr.Role)
				}
			}
		}
	}
})

// TestAManagerNamedWithoutATeamIsAuditedOnTheirOwnTime: --manager names a
// country manager whose reps are not users of the CRM. She is audited:
// the rules about her own time judge her, the rules about a team say the
// team is missing from the data.
func TestAManagerNamedWithoutATeamIsAuditedOnTheirOwnTime(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	lucia := b.manager("Lucía Gómez", titled("Country Manager Perú"))
	mia := b.manager("Mia")
	b.rep(mia, "Ana")
	b.meeting(lucia, "Forecast call", time.Hour)
	b.meeting(lucia, "Expense reports", 3*time.Hour)
	opts := b.options()
	opts.Manager = "lucia gomez"
	rep, err := Run(t.Context(), b.load().SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Managers) != 1 || rep.Managers[0].Name != "Lucía Gómez" || rep.Managers[0].TeamSize != 0 {
		t.Fatalf("managers %+v, want Lucía alone, with no team", rep.Managers)
	}
	for _, rule := range Rules {
		f := findingOf(t, rep, lucia, rule.ID)
		noTeam := f.Missing == "no team in the data: nobody reports to this manager in the export"
		if noTeam != rule.NeedsTeam {
			t.Errorf("%s: %s (%q); the rule needs a team: %v", rule.ID, f.Severity, f.Missing, rule.NeedsTeam)
		}
	}
	// Three of her four hours are admin: BM1 judges her own time.
	expect(t, findingOf(t, rep, lucia, "BM1"), SeverityHigh, 75)
}
