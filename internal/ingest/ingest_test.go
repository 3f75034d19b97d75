package ingest_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/ingest"
	"github.com/salesaudit/salesaudit/internal/remote"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func openDB(t *testing.T) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "db.duckdb"), duckdb.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func count(t *testing.T, db *duckdb.DB, query string) int64 {
	t.Helper()
	var n int64
	if err := db.SQL().QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestRunLoadsEveryRecordAndReject(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	c := &fake.Connector{Name: "fake", Users: 5, Activities: 10000, RejectEvery: 100}
	report, err := ingest.Run(context.Background(), db, plugintest.Connect(t, c), ingest.Options{Input: "in"})
	if err != nil {
		t.Fatal(err)
	}
	wantRejects := int64(c.Activities / c.RejectEvery)
	wantActivities := int64(c.Activities) - wantRejects
	if report.Records[plugin.KindActivity] != wantActivities || report.Records[plugin.KindUser] != int64(c.Users) {
		t.Errorf("records = %v", report.Records)
	}
	if report.Source != "fake" {
		t.Errorf("source = %q, want the connector's name", report.Source)
	}
	if got := count(t, db, "SELECT count(*) FROM activities WHERE source = 'fake'"); got != wantActivities {
		t.Errorf("activities = %d, want %d", got, wantActivities)
	}
	if got := count(t, db, "SELECT count(*) FROM rejects WHERE file = 'activities.csv' AND field = 'Subject'"); got != wantRejects {
		t.Errorf("rejects = %d, want %d", got, wantRejects)
	}
	if got := count(t, db, "SELECT count(*) FROM ingest_runs WHERE status = 'ok'"); got != 1 {
		t.Errorf("runs = %d", got)
	}
}

func TestRunIsIdempotent(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	c := &fake.Connector{Name: "fake", Users: 3, Activities: 50}
	for range 2 {
		if _, err := ingest.Run(context.Background(), db, plugintest.Connect(t, c), ingest.Options{Input: "in", Source: "crm"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := count(t, db, "SELECT count(*) FROM activities"); got != 50 {
		t.Errorf("activities after two ingests = %d, want 50", got)
	}
}

func TestABadSummaryLoadsNothing(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	good := &fake.Connector{Name: "fake", Users: 3, Activities: 20}
	if _, err := ingest.Run(context.Background(), db, plugintest.Connect(t, good), ingest.Options{Input: "in"}); err != nil {
		t.Fatal(err)
	}
	bad := &fake.Connector{Name: "fake", Users: 3, Activities: 40, MiscountRows: true}
	_, err := ingest.Run(context.Background(), db, plugintest.Connect(t, bad), ingest.Options{Input: "in"})
	if !errors.Is(err, remote.ErrSummaryMismatch) || !strings.Contains(err.Error(), "activities.csv: 41 rows read") {
		t.Fatalf("err = %v, want a summary mismatch naming the file", err)
	}
	if got := count(t, db, "SELECT count(*) FROM activities"); got != 20 {
		t.Errorf("activities = %d, want the 20 of the earlier good run", got)
	}
}

func TestAHungConnectorIsStopped(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	c := &fake.Connector{Name: "fake", Users: 3, Activities: 100, HangAfter: 10}
	_, err := ingest.Run(context.Background(), db, plugintest.Connect(t, c), ingest.Options{Input: "in", IdleTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ingest.ErrConnectorHung) {
		t.Fatalf("err = %v, want ErrConnectorHung", err)
	}
	if got := count(t, db, "SELECT count(*) FROM users"); got != 0 {
		t.Errorf("users = %d after a failed ingest", got)
	}
}

func TestCancellationLoadsNothing(t *testing.T) {
	t.Parallel()
	db := openDB(t)
	c := &fake.Connector{Name: "fake", Users: 3, Activities: 100, HangAfter: 10}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := ingest.Run(ctx, db, plugintest.Connect(t, c), ingest.Options{Input: "in"})
	if err == nil {
		t.Fatal("a cancelled ingest succeeded")
	}
	if got := count(t, db, "SELECT count(*) FROM ingest_runs"); got != 0 {
		t.Errorf("runs = %d after a cancelled ingest", got)
	}
}
