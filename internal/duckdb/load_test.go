package duckdb

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// openTestDB opens a database in memory, closed when the test ends: most
// tests are about what a load or a query does, not about the file, and a
// file costs a checkpoint of every table written when it closes. A load
// into it spools in the system's temporary directory.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	// One thread: the tests' data is tiny (threads_test.go tests more).
	return openTestDBAt(t, MemoryPath, Options{Threads: 1})
}

// unchanged is one database in memory for the tests that leave the store
// as it was: they read its schema, run statements it refuses, or write
// Parquet files outside it. Sharing it spares each an open of its own
// (~40 ms of CPU). TestMain closes it.
var unchanged struct {
	once sync.Once
	db   *DB
	err  error
}

// TestMain runs the tests, then closes the database they shared.
func TestMain(m *testing.M) {
	code := m.Run()
	if unchanged.db != nil {
		_ = unchanged.db.Close()
	}
	os.Exit(code)
}

// openUnchangedDB returns the shared database of the tests that leave the
// store as it was; a test that changes it belongs on openTestDB.
func openUnchangedDB(t *testing.T) *DB {
	t.Helper()
	unchanged.once.Do(func() {
		unchanged.db, unchanged.err = Open(context.Background(), MemoryPath, Options{Threads: 1})
	})
	if unchanged.err != nil {
		t.Fatal(unchanged.err)
	}
	return unchanged.db
}

// openTestFile opens a new database file in the test's own directory, for
// the tests where the file matters: the spool directory a load makes
// beside it, which spoolsBeside finds there.
func openTestFile(t *testing.T) *DB {
	t.Helper()
	return openTestDBAt(t, filepath.Join(t.TempDir(), "test.duckdb"), Options{Threads: 1})
}

// openTestDBAt opens the database at path, closed when the test ends.
func openTestDBAt(t *testing.T, path string, opts Options) *DB {
	t.Helper()
	db, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// beginLoad begins a load of source, rolled back when the test ends if it
// is still open.
func beginLoad(t *testing.T, db *DB, source string) *Load {
	t.Helper()
	l, err := db.BeginLoad(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Rollback)
	return l
}

func count(t *testing.T, db *DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func load(t *testing.T, db *DB, source string, batches []*Batch, rejects []plugin.Reject, summary plugin.Summary) (Result, error) {
	t.Helper()
	ctx := context.Background()
	l, err := db.BeginLoad(ctx, source)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := l.Batch(b); err != nil {
			l.Rollback()
			return Result{}, err
		}
	}
	if err := l.Rejects(rejects); err != nil {
		l.Rollback()
		return Result{}, err
	}
	return l.Commit(ctx, Run{Connector: "test", ConnectorVersion: "1", ProtocolVersion: 1, Input: "in", StartedAt: time.Now(), Summary: summary})
}

func fixture() ([]*Batch, []plugin.Reject, plugin.Summary) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	users := &Batch{File: "User.csv", Users: []plugin.User{
		{ID: "0051", Name: "Ana", Active: true, Line: 2},
		{ID: "0052", Name: "Bo", ManagerID: "0051", Active: true, Line: 3},
	}}
	events := &Batch{File: "Event.csv", Activities: []plugin.Activity{{
		ID: "00U1", Kind: plugin.ActivityMeeting, Subject: "Reunión de equipo", OwnerID: "0051",
		StartAt: start, EndAt: start.Add(time.Hour), DurationSeconds: 3600, Line: 2,
		Attendees: []plugin.Attendee{{UserID: "0052", Internal: true}},
	}}}
	rejects := []plugin.Reject{{File: "Event.csv", Line: 3, Field: "StartDateTime", Reason: "not a date", Kind: plugin.KindActivity}}
	summary := plugin.Summary{Files: []plugin.FileSummary{
		{File: "User.csv", RowsRead: 3, Records: map[plugin.RecordKind]int64{plugin.KindUser: 2}, RowsSkipped: map[string]int64{"deleted": 1}},
		{File: "Event.csv", RowsRead: 2, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 1}, RowsRejected: 1,
			Decoding: plugin.Decoding{UTF8Lines: 1, SingleByteLines: 1, SingleByte: "windows-1252", C1Kept: 1}},
	}}
	return []*Batch{users, events}, rejects, summary
}

func TestLoadCommitsRecordsRejectsAndRun(t *testing.T) {
	db := openTestDB(t)
	batches, rejects, summary := fixture()
	res, err := load(t, db, "crm", batches, rejects, summary)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records[plugin.KindUser] != 2 || res.Records[plugin.KindActivity] != 1 {
		t.Errorf("records = %v", res.Records)
	}
	if got := count(t, db, "SELECT count(*) FROM users WHERE source = 'crm'"); got != 2 {
		t.Errorf("users = %d, want 2", got)
	}
	if got := count(t, db, "SELECT count(*) FROM activity_attendees WHERE activity_id = '00U1' AND internal"); got != 1 {
		t.Errorf("attendees = %d, want 1", got)
	}
	if got := count(t, db, "SELECT count(*) FROM rejects WHERE file = 'Event.csv' AND line = 3 AND field = 'StartDateTime'"); got != 1 {
		t.Errorf("rejects = %d, want 1", got)
	}
	if got := count(t, db, "SELECT count(*) FROM ingest_files WHERE rows_read = rows_loaded + rows_rejected + rows_skipped"); got != 2 {
		t.Errorf("balanced files = %d, want 2", got)
	}
	// How each file was decoded is kept for the audit's data quality:
	// NULL encoding where no line needed one.
	if got := count(t, db, `SELECT count(*) FROM ingest_files WHERE file = 'Event.csv' AND utf8_lines = 1
		AND single_byte_lines = 1 AND single_byte_encoding = 'windows-1252' AND c1_bytes_kept = 1`); got != 1 {
		t.Errorf("Event.csv's decoding was not recorded")
	}
	if got := count(t, db, `SELECT count(*) FROM ingest_files WHERE file = 'User.csv' AND utf8_lines = 0
		AND single_byte_lines = 0 AND single_byte_encoding IS NULL AND c1_bytes_kept = 0`); got != 1 {
		t.Errorf("User.csv's empty decoding was not recorded as zero")
	}
	var subject string
	if err := db.SQL().QueryRow("SELECT subject FROM activities").Scan(&subject); err != nil || subject != "Reunión de equipo" {
		t.Errorf("subject = %q, %v", subject, err)
	}
}

func TestReloadReplacesTheSourceOnly(t *testing.T) {
	db := openTestDB(t)
	batches, rejects, summary := fixture()
	for _, source := range []string{"a", "b", "a"} {
		if _, err := load(t, db, source, batches, rejects, summary); err != nil {
			t.Fatal(err)
		}
	}
	if got := count(t, db, "SELECT count(*) FROM users"); got != 4 {
		t.Errorf("users = %d, want 2 per source", got)
	}
	if got := count(t, db, "SELECT count(*) FROM rejects WHERE source = 'a'"); got != 1 {
		t.Errorf("rejects of a = %d, want 1 (the latest run's)", got)
	}
}

func TestRollbackLeavesTheDatabaseAsItWas(t *testing.T) {
	db := openTestDB(t)
	batches, rejects, summary := fixture()
	if _, err := load(t, db, "crm", batches, rejects, summary); err != nil {
		t.Fatal(err)
	}
	l := beginLoad(t, db, "crm")
	if err := l.Batch(&Batch{File: "User.csv", Users: []plugin.User{{ID: "0059", Line: 2}}}); err != nil {
		t.Fatal(err)
	}
	l.Rollback()
	if got := count(t, db, "SELECT count(*) FROM users WHERE source = 'crm'"); got != 2 {
		t.Errorf("users after rollback = %d, want the 2 committed before", got)
	}
	if got := count(t, db, "SELECT count(*) FROM users WHERE id = '0059'"); got != 0 {
		t.Errorf("rolled-back user is visible")
	}
}

func TestDuplicateIDsBecomeRejects(t *testing.T) {
	db := openTestDB(t)
	batches, rejects, summary := fixture()
	batches[0].Users = append(batches[0].Users, plugin.User{ID: "0051", Name: "Ana again", Line: 4})
	summary.Files[0].RowsRead = 4
	summary.Files[0].Records[plugin.KindUser] = 3
	res, err := load(t, db, "crm", batches, rejects, summary)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].Duplicates != 1 || res.Files[0].RowsLoaded != 2 || res.Records[plugin.KindUser] != 2 {
		t.Errorf("file result = %+v, records = %v", res.Files[0], res.Records)
	}
	var name string
	if err := db.SQL().QueryRow("SELECT name FROM users WHERE id = '0051'").Scan(&name); err != nil || name != "Ana" {
		t.Errorf("kept %q (%v), want the first row", name, err)
	}
	if got := count(t, db, "SELECT count(*) FROM rejects WHERE line = 4 AND reason LIKE 'duplicate ID 0051: the row at line 2 of User.csv%'"); got != 1 {
		t.Errorf("duplicate reject missing")
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db.duckdb")
	db, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec("INSERT INTO schema_version VALUES (999)"); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	_, err = Open(context.Background(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("err = %v, want a newer-schema error", err)
	}
}
