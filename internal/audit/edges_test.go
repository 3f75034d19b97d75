package audit

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestEveryRuleAnswersForTeamsAtTheEdges: a manager whose only rep left
// during the period, and one whose team logged nothing, each get an
// answer from every rule. A rule that drops a manager fails the whole
// audit ("returned no row for manager …"), so that no report at all comes
// out of an export with one such team.
func TestEveryRuleAnswersForTeamsAtTheEdges(t *testing.T) {
	t.Parallel()
	teamsAtTheEdges.check(t)
}

// teamsAtTheEdges is TestEveryRuleAnswersForTeamsAtTheEdges's teams in
// defaultOrg, and its checks.
var teamsAtTheEdges = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	// PM3 ranks the reps still in the team at the period's end: Olga's
	// only rep left on day 10, so PM3 has nobody to rank.
	olga := b.manager("Olga")
	liam := b.rep(olga, "Liam", left(b.day(10)))
	b.meeting(olga, "1:1 Liam", time.Hour, withReps(liam), at(b.day(2)))
	quinn := b.manager("Quinn")
	b.rep(quinn, "Ray")
	return func(t *testing.T, rep *Report) {
		for _, m := range []person{olga, quinn} {
			for _, rule := range Rules {
				findingOf(t, rep, m, rule.ID)
			}
		}
		expectNotEnoughData(t, findingOf(t, rep, olga, "PM3"), "no rep still in the team at the end of the period to rank")
	}
})

// TestManagerLoopsAreBrokenAndListed: a user named as their own manager
// and two users named as each other's manager. Taken as they are, each
// would lead their own manager: all second-line, the loop's people each in
// the other's team. The audit leaves everyone on a loop without a manager,
// keeps the links below it, and lists each loop once in data quality.
func TestManagerLoopsAreBrokenAndListed(t *testing.T) {
	t.Parallel()
	managerLoops.check(t)
}

// managerLoops is TestManagerLoopsAreBrokenAndListed's teams in
// defaultOrg, and its checks. No one else there is called Selma, Nils or
// Zora, and no other user is on a loop.
var managerLoops = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	selma := b.colleague("Selma")
	b.setManager(selma, selma)
	tia := b.rep(selma, "Tia")
	b.meeting(selma, "1:1 Tia", time.Hour, withReps(tia))

	nils := b.colleague("Nils")
	zora := b.rep(nils, "Zora")
	b.setManager(nils, zora)
	uma := b.rep(zora, "Uma")
	b.meeting(zora, "1:1 Uma", time.Hour, withReps(uma))

	return func(t *testing.T, rep *Report) {
		for _, want := range []struct {
			manager person
			team    int
		}{{selma, 1}, {zora, 1}} {
			m := managerOf(t, rep, want.manager)
			if m.TeamSize != want.team || m.Level != LevelFirstLine {
				t.Errorf("%s: a %s team of %d, want a first-line team of %d (their own report below the loop)",
					want.manager.name, m.Level, m.TeamSize, want.team)
			}
		}
		for _, m := range rep.Managers {
			if m.ID == nils.id {
				t.Errorf("Nils is audited as a manager (team of %d): his only report, Zora, is his manager", m.TeamSize)
			}
		}
		var loops []string
		for _, n := range rep.DataQuality.OrgNotes {
			if n.Kind == "manager_loop" {
				loops = append(loops, n.Subject+": "+strings.Join(n.People, ", ")+": "+n.Detail)
			}
		}
		const fix = ": counted as nobody's report; set the manager in the CRM, or give an org file (--org)"
		want := []string{
			"Nils → Zora → Nils: Nils, Zora: each one's manager is the next, round to the first" + fix,
			"Selma: Selma: named as their own manager" + fix,
		}
		if !slices.Equal(loops, want) {
			t.Errorf("manager loops in data quality:\n got %q\nwant %q", loops, want)
		}
	}
})

// TestTheTeamSaysWhoJoinedOrLeftInThePeriod: the team counts everyone in
// it during some of the period, so the report names who was not there
// throughout, with the day; a rep there all along is no change.
func TestTheTeamSaysWhoJoinedOrLeftInThePeriod(t *testing.T) {
	t.Parallel()
	theTeamsComings.check(t)
}

// theTeamsComings is TestTheTeamSaysWhoJoinedOrLeftInThePeriod's team in
// defaultOrg, and its checks.
var theTeamsComings = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	wanda := b.manager("Wanda")
	b.rep(wanda, "Abe", joined(b.from.AddDate(-1, 0, 0)))
	leftAt, joinedAt := b.day(10), b.day(5)
	b.rep(wanda, "Bo", left(leftAt))
	b.rep(wanda, "Cy", joined(joinedAt))
	return func(t *testing.T, rep *Report) {
		m := managerOf(t, rep, wanda)
		var got []string
		for _, c := range m.TeamChanges {
			got = append(got, fmt.Sprintf("%s joined %s left %s", c.Name, dayOrDash(c.Joined), dayOrDash(c.Left)))
		}
		want := []string{
			"Bo joined - left " + leftAt.Format(time.DateOnly),
			"Cy joined " + joinedAt.Format(time.DateOnly) + " left -",
		}
		if m.TeamSize != 3 || !slices.Equal(got, want) {
			t.Errorf("a team of %d with changes %q; want 3 with %q", m.TeamSize, got, want)
		}
	}
})

// dayOrDash is t's date, or "-" for none.
func dayOrDash(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateOnly)
}
