package audit

import (
	"context"
	"github.com/salesaudit/salesaudit/queries"
	"testing"
	"time"
)

func TestTraceTimesEverySQLFile(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(ana))
	opts := b.options()
	seen := map[string]bool{}
	opts.Trace = func(file string, took time.Duration) {
		if took < 0 {
			t.Errorf("%s took %s", file, took)
		}
		seen[file] = true
	}
	if _, err := Run(context.Background(), b.load().SQL(), opts); err != nil {
		t.Fatal(err)
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
