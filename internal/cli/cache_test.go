package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/duckdb"
)

// The audit cache beside the database (DB.cache) follows the data: every
// command that changes the data deletes it, and a report after an ingest
// that changed one activity is the report of the new data, as a database
// that never had a cache reports it. (TestGoldenReports checks that a
// report from a warm cache is the golden one, in every format.)
func TestTheCacheFollowsTheData(t *testing.T) {
	t.Parallel()
	export := t.TempDir()
	files, err := filepath.Glob(filepath.Join(acmeExport, "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		copyFile(t, f, export)
	}
	// The export loaded and reported on, the report's cache beside it:
	// the shared audit's database, whose source the ingests below replace.
	db := auditedDB(t, acmeExport)
	cached := duckdb.CachePath(db)
	before := sharedReports(t, acmeExport)["json"]
	if _, err := os.Stat(cached); err != nil {
		t.Fatalf("the report left no cache: %v", err)
	}

	// Sanne de Vries's first forecast was in fact a coaching session.
	tasks := filepath.Join(export, "Task.csv")
	data, err := os.ReadFile(tasks)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), `"Forecast indienen"`, `"Coaching gesprek"`, 1)
	if changed == string(data) {
		t.Fatal("Task.csv has no forecast to change")
	}
	writeCorpusFile(t, tasks, changed)
	run(t, "ingest", "--quiet", "--db", db, "-c", "salesforce", export).mustSucceed(t)
	if _, err := os.Stat(cached); err == nil {
		t.Error("the ingest left the cache of the data it replaced")
	}
	after := run(t, "report", "--db", db, "--format", "json").mustSucceed(t).stdout
	fresh := run(t, "audit", "--db", ":memory:", "--quiet", "-c", "salesforce", "--format", "json", export).mustSucceed(t).stdout
	switch {
	case after == before:
		t.Error("the report after the ingest is the report before it")
	case after != fresh:
		t.Errorf("the report after the ingest differs from one without a cache:\n%s", firstDifference(after, fresh))
	}

	// The cache the report after the ingest made, for each change to find
	// beside the database: every change deletes whatever cache is there,
	// and another report only to make one again would cost an audit.
	kept := copyDBInto(t, cached, t.TempDir())
	for _, change := range [][]string{
		{"forget", "--db", db, "--person", "0055g000000qZ5hAAE"},
		{"vacuum", "--db", db},
	} {
		if _, err := os.Stat(cached); err != nil {
			copyFile(t, kept, filepath.Dir(cached))
		}
		run(t, change...).mustSucceed(t)
		if _, err := os.Stat(cached); err == nil {
			t.Errorf("%s left the cache of the data it changed", change[0])
		}
	}
}

// --no-cache neither reads nor makes the cache.
func TestNoCacheLeavesNoCache(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	run(t, "report", "--db", db, "--no-cache", "--format", "json").mustSucceed(t)
	if _, err := os.Stat(duckdb.CachePath(db)); err == nil {
		t.Error("report --no-cache made a cache")
	}
}
