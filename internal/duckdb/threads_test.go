package duckdb

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

func threads(t *testing.T, db *DB) int64 {
	t.Helper()
	return count(t, db, "SELECT current_setting('threads')::BIGINT")
}

func TestALoadLeavesTheConnectorACoreWhileItStreams(t *testing.T) {
	for _, commit := range []bool{true, false} {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), Options{Threads: 3})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ctx := context.Background()
		l, err := db.BeginLoad(ctx, "crm")
		if err != nil {
			t.Fatal(err)
		}
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
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"), Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	batches, rejects, summary := fixture()
	l, err := db.BeginLoad(context.Background(), "crm")
	if err != nil {
		t.Fatal(err)
	}
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
