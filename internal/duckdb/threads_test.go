package duckdb

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

func threads(t *testing.T, db *DB) int64 {
	t.Helper()
	return count(t, db, "SELECT current_setting('threads')::BIGINT")
}

func TestALoadLeavesTheConnectorACoreWhileItStreams(t *testing.T) {
	// One database for both: the rolled-back load starts from the threads
	// the committed one gave back, which the first pass checked.
	db := openTestDBAt(t, MemoryPath, Options{Threads: 3})
	ctx := context.Background()
	for _, commit := range []bool{true, false} {
		l := beginLoad(t, db, "crm")
		if got := threads(t, db); got != 2 {
			t.Errorf("DuckDB has %d threads while the connector streams, want 2", got)
		}
		batches, rejects, summary := fixture()
		for _, b := range batches {
			if err := l.Batch(b); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Rejects(rejects); err != nil {
			t.Fatal(err)
		}
		if commit {
			if _, err := l.Commit(ctx, Run{Connector: "test", Summary: summary}); err != nil {
				t.Fatal(err)
			}
		} else {
			l.Rollback()
		}
		if got := threads(t, db); got != 3 {
			t.Errorf("commit %t: DuckDB has %d threads after the load, want its 3 back", commit, got)
		}
	}
}

func TestALoadOnOneThreadKeepsIt(t *testing.T) {
	db := openTestDB(t)
	batches, rejects, summary := fixture()
	l := beginLoad(t, db, "crm")
	if got := threads(t, db); got != 1 {
		t.Errorf("DuckDB has %d threads while the connector streams, want 1", got)
	}
	l.Rollback()
	if _, err := load(t, db, "crm", batches, rejects, summary); err != nil {
		t.Fatal(err)
	}
	if got := threads(t, db); got != 1 {
		t.Errorf("DuckDB has %d threads after the load, want 1", got)
	}
}

func TestFilesLeftWhenTheStreamEndsLoadAfterTheThreadsReturn(t *testing.T) {
	var (
		log      []string
		firstRun = make(chan struct{})
		release  = make(chan struct{})
	)
	exec := func(_ context.Context, stmt string) (int64, error) {
		log = append(log, stmt)
		if stmt == "load first.csv" {
			close(firstRun)
			<-release
		}
		return 1, nil
	}
	atStreamEnd := func(context.Context) error {
		log = append(log, "restore threads")
		return nil
	}
	insert := func(f plugin.SpooledFile) string { return "load " + filepath.Base(f.Path) }
	s, err := newSpool(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), insert, exec, atStreamEnd)
	if err != nil {
		t.Fatal(err)
	}
	s.load(plugin.SpooledFile{Path: filepath.Join(s.hostDir, "first.csv"), Rows: 1})
	<-firstRun
	s.load(plugin.SpooledFile{Path: filepath.Join(s.hostDir, "last.csv"), Rows: 1})
	finished := make(chan error)
	go func() { finished <- s.finish() }()
	for !s.streamEnded.Load() {
		runtime.Gosched()
	}
	close(release)
	if err := <-finished; err != nil {
		t.Fatal(err)
	}
	want := []string{"load first.csv", "restore threads", "load last.csv"}
	if !slices.Equal(log, want) {
		t.Errorf("the copier ran %q, want %q", log, want)
	}
}

// A statement that fails aborts the transaction, after which DuckDB
// refuses everything but ROLLBACK: the count must still come back.
func TestAFailedLoadGivesTheThreadsBack(t *testing.T) {
	db := openTestDBAt(t, MemoryPath, Options{Threads: 3})
	l := beginLoad(t, db, "crm")
	garbage := filepath.Join(l.SpoolDir(), "activities-1.csv")
	if err := os.WriteFile(garbage, []byte(",task,,,,,,,0,,false,,,,,Task.csv,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := l.Spooled(plugin.SpooledFile{Table: "activities", Path: garbage, Rows: 1,
		Records: map[string]map[plugin.RecordKind]int64{"Task.csv": {plugin.KindActivity: 1}}}); err != nil {
		t.Fatal(err)
	}
	for l.spool.failed() == nil { // the INSERT fails while the stream goes on
		time.Sleep(time.Millisecond)
	}
	if _, err := l.Commit(context.Background(), Run{Connector: "test"}); err == nil {
		t.Fatal("a file that is not a row committed")
	}
	if got := threads(t, db); got != 3 {
		t.Errorf("DuckDB has %d threads after a failed load, want its 3 back", got)
	}
}

// DuckDB's thread count is the database's: loads that overlap lower it
// once, and the last to end its stream restores it.
func TestOverlappingLoadsShareOneLowering(t *testing.T) {
	db := openTestDBAt(t, MemoryPath, Options{Threads: 4})
	first := beginLoad(t, db, "a")
	second := beginLoad(t, db, "b")
	if got := threads(t, db); got != 3 {
		t.Errorf("%d threads while two loads stream, want 3", got)
	}
	first.Rollback()
	if got := threads(t, db); got != 3 {
		t.Errorf("%d threads while one load still streams, want 3", got)
	}
	second.Rollback()
	if got := threads(t, db); got != 4 {
		t.Errorf("%d threads after both loads, want 4", got)
	}
}
