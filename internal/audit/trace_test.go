package audit

import (
	"testing"

	"github.com/salesaudit/salesaudit/queries"
)

// TestTraceTimesEverySQLFile reads what defaultOrg's audit told
// Options.Trace: tracing only observes an audit, so any audit will do, and
// that one is run anyway.
func TestTraceTimesEverySQLFile(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, f := range defaultOrg.trace(t) {
		if f.took < 0 {
			t.Errorf("%s took %s", f.file, f.took)
		}
		seen[f.file] = true
	}
	want := append([]string{"classify/time.sql", "report/scorecard.sql"}, queries.AuditSteps...)
	for _, r := range Rules {
		want = append(want, "rules/"+r.ID+".sql")
	}
	for _, want := range want {
		if !seen[want] {
			t.Errorf("no timing for %s (got %v)", want, seen)
		}
	}
}
