//go:build bench

package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/internal/generate"
)

// scale sizes the benchmarks. full is what BENCHMARKS.md reports; small
// checks the same ratios in under a minute.
type scale struct {
	name string
	// taskRows is the size of the Task.csv the ingest is measured on.
	taskRows int
	// memoryActivities is the company ingested while memory is watched.
	memoryActivities int
	// auditActivities is the company the audit is timed on.
	auditActivities int
	// growth are the sizes (activities) ingest and audit are timed at.
	growth []int
	// largestActivities is the company loaded and audited under
	// largestMemoryLimit.
	largestActivities int
}

var scales = map[string]scale{
	"full":  {name: "full", taskRows: 5_000_000, memoryActivities: 20_000_000, auditActivities: 10_000_000, growth: []int{1_000_000, 5_000_000, 20_000_000}, largestActivities: 40_000_000},
	"small": {name: "small", taskRows: 200_000, memoryActivities: 400_000, auditActivities: 200_000, growth: []int{50_000, 100_000, 200_000}, largestActivities: 400_000},
}

func currentScale(b *testing.B) scale {
	name := os.Getenv("SALESAUDIT_BENCH_SCALE")
	if name == "" {
		name = "full"
	}
	s, ok := scales[name]
	if !ok {
		b.Fatalf("SALESAUDIT_BENCH_SCALE=%q: use full or small", name)
	}
	return s
}

// Per rep and month the generator writes about 119 tasks and 36 events
// (measured: 1.14 M tasks and 344 k events for 100 managers of 8 reps
// over 12 months).
const (
	tasksPerRepMonth      = 119
	activitiesPerRepMonth = 155
	repsPerManager        = 8
	months                = 12
)

// company generates (once, then reuses from the cache directory) a
// company with about the given number of rows of the given per-rep-month
// rate.
func company(b *testing.B, rows, perRepMonth int) string {
	b.Helper()
	managers := max(1, rows/(perRepMonth*repsPerManager*months))
	dir := filepath.Join(cacheDir(b), fmt.Sprintf("company-%d-%d-%d", managers, repsPerManager, months))
	if _, err := os.Stat(filepath.Join(dir, generate.TruthFile)); err == nil {
		return dir
	}
	_ = os.RemoveAll(dir)
	_, err := generate.Generate(context.Background(), generate.Options{
		Managers: managers, RepsPerManager: repsPerManager, Months: months, Seed: 1, Out: dir,
	})
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// cacheDir keeps generated companies between runs: generating 20 million
// rows takes longer than some of the measurements.
func cacheDir(b *testing.B) string {
	b.Helper()
	dir := os.Getenv("SALESAUDIT_BENCH_CACHE")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "salesaudit-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	return dir
}
