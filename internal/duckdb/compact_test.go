package duckdb

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// replaceActivities does what a load of rows activities does to the file:
// in one transaction, it deletes the source's rows and adds the new ones.
func replaceActivities(t *testing.T, db *DB, rows int) {
	t.Helper()
	_, err := db.SQL().Exec(`BEGIN TRANSACTION;
		DELETE FROM activities WHERE source = 'crm';
		INSERT INTO activities (source, id, kind, subject, duration_seconds, is_closed, src_file, src_line)
			SELECT 'crm', 'T' || i, 'task', 'Call ' || i, 0, true, 'Task.csv', i + 2 FROM range(` + strconv.Itoa(rows) + `) t(i);
		COMMIT`)
	if err != nil {
		t.Fatal(err)
	}
}

func TestCompactGivesBackTheSpaceOfReplacedRowsAndKeepsTheData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sa.duckdb")
	db := openTestDBAt(t, path, Options{Threads: 1})
	// DuckDB writes a row group (122,880 rows) to the file as soon as it
	// is full, so the second load leaves the first one's space free.
	replaceActivities(t, db, 130000)
	replaceActivities(t, db, 130000)
	if run := count(t, db, "SELECT nextval('ingest_run_ids')"); run != 1 {
		t.Fatalf("first run number %d", run)
	}
	db.Close()
	c, err := Compact(context.Background(), path, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c.After >= c.Before || c.After != fileSize(path) {
		t.Errorf("compacted from %d to %d bytes; the file is %d", c.Before, c.After, fileSize(path))
	}
	db = openTestDBAt(t, path, Options{Threads: 1})
	if n := count(t, db, "SELECT count(DISTINCT id) FROM activities"); n != 130000 {
		t.Errorf("activities after compacting: %d, want 130000", n)
	}
	if run := count(t, db, "SELECT nextval('ingest_run_ids')"); run != 2 {
		t.Errorf("the run numbers start again at %d after compacting, want 2", run)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), compactPrefix+"*")); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

func TestCompactRefusesWhatIsNotSalesauditsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Compact(context.Background(), path, Options{}); err == nil {
		t.Fatal("compacted a CSV file")
	}
	if data, _ := os.ReadFile(path); string(data) != "a,b\n1,2\n" {
		t.Errorf("the CSV file changed: %q", data)
	}
}
