package audit

import (
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
