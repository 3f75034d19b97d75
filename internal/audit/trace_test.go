package audit

import (
	"context"
	"testing"
	"time"
)

func TestTraceTimesEverySQLFile(t *testing.T) {
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
	for _, want := range []string{"audit/07_activities.sql", "classify/time.sql", "rules/BM1.sql", "rules/CM3.sql", "report/scorecard.sql"} {
		if !seen[want] {
			t.Errorf("no timing for %s (got %v)", want, seen)
		}
	}
}
