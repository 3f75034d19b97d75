package duckdb

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// loadCounts loads source "crm" with users users from User.csv and tasks
// tasks from Task.csv, each file listed in the summary even when empty,
// but for the one named by leaveOut.
func loadCounts(t *testing.T, db *DB, users, tasks int, leaveOut string) (Result, error) {
	t.Helper()
	userBatch := &Batch{File: "User.csv"}
	for i := range users {
		userBatch.Users = append(userBatch.Users, plugin.User{ID: fmt.Sprintf("U%d", i), Active: true, Line: int64(i + 2)})
	}
	taskBatch := &Batch{File: "Task.csv"}
	for i := range tasks {
		taskBatch.Activities = append(taskBatch.Activities, plugin.Activity{ID: fmt.Sprintf("T%d", i), Kind: plugin.ActivityTask,
			OwnerID: "U0", DueDate: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Line: int64(i + 2)})
	}
	var summary plugin.Summary
	for _, b := range []*Batch{userBatch, taskBatch} {
		if b.File != leaveOut {
			summary.Files = append(summary.Files, plugin.FileSummary{File: b.File, RowsRead: int64(b.Len()), Records: b.records()})
		}
	}
	return load(t, db, "crm", []*Batch{userBatch, taskBatch}, nil, summary)
}

func TestAFileEmptiedSinceTheLastLoadIsAWarningWithItsCount(t *testing.T) {
	db := openTestDB(t)
	if _, err := loadCounts(t, db, 4, 3, ""); err != nil {
		t.Fatal(err)
	}
	// 4 users and 3 tasks become 4 users and 2: a smaller file, no warning.
	res, err := loadCounts(t, db, 4, 2, "")
	if err != nil || len(res.Emptied) != 0 || len(res.Shrunk) != 0 {
		t.Fatalf("a smaller Task.csv: %v, emptied %v, shrunk %v", err, res.Emptied, res.Shrunk)
	}
	// Emptying Task.csv takes all the activities, which needs AllowShrink
	// (the next test); the warning names the file and its rows.
	db.opts.AllowShrink = true
	res, err = loadCounts(t, db, 4, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []EmptiedFile{{File: "Task.csv", Before: 2}}
	if !slices.Equal(res.Emptied, want) {
		t.Errorf("emptied %v, want %v", res.Emptied, want)
	}
	if got := res.Emptied[0].String(); got != "Task.csv held 2 rows last time and none now" {
		t.Errorf("warning %q", got)
	}
	if _, err := loadCounts(t, db, 4, 3, ""); err != nil {
		t.Fatal(err)
	}
	res, err = loadCounts(t, db, 4, 0, "Task.csv")
	if err != nil {
		t.Fatal(err)
	}
	if want := []EmptiedFile{{File: "Task.csv", Before: 3, Missing: true}}; !slices.Equal(res.Emptied, want) {
		t.Errorf("a file left out of the export: emptied %v, want %v", res.Emptied, want)
	}
}

func TestALoadThatLeavesATableUnderHalfIsRefusedUnlessAllowed(t *testing.T) {
	db := openTestDB(t)
	if _, err := loadCounts(t, db, 4, 3, ""); err != nil {
		t.Fatal(err)
	}
	// Half is allowed; less is not.
	if _, err := loadCounts(t, db, 2, 3, ""); err != nil {
		t.Fatalf("4 users to 2: %v", err)
	}
	if _, err := loadCounts(t, db, 4, 3, ""); err != nil {
		t.Fatal(err)
	}
	_, err := loadCounts(t, db, 0, 3, "")
	var shrink *ShrinkError
	if !errors.As(err, &shrink) {
		t.Fatalf("a header-only User.csv: err %v, want a ShrinkError", err)
	}
	want := []TableShrink{{Table: "users", Before: 4, After: 0}}
	if !slices.Equal(shrink.Shrunk, want) || len(shrink.Emptied) != 1 || shrink.Emptied[0].File != "User.csv" {
		t.Errorf("shrunk %v, emptied %v", shrink.Shrunk, shrink.Emptied)
	}
	for _, part := range []string{`source "crm"`, "users from 4 to 0", "User.csv held 4 rows last time and none now", "--allow-shrink", "nothing was changed"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("the refusal lacks %q: %v", part, err)
		}
	}
	if got := count(t, db, "SELECT count(*) FROM users WHERE source = 'crm'"); got != 4 {
		t.Errorf("users after the refusal: %d, want the 4 loaded before", got)
	}
	if got := count(t, db, "SELECT count(*) FROM ingest_runs"); got != 3 {
		t.Errorf("runs after the refusal: %d, want 3", got)
	}

	db.opts.AllowShrink = true
	res, err := loadCounts(t, db, 0, 3, "")
	if err != nil {
		t.Fatalf("with AllowShrink: %v", err)
	}
	if !slices.Equal(res.Shrunk, want) {
		t.Errorf("with AllowShrink: shrunk %v, want %v for the warning", res.Shrunk, want)
	}
}
