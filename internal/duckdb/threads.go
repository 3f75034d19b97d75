package duckdb

import (
	"context"
	"fmt"
	"strconv"
	"sync"
)

// While a connector streams, the load leaves it a core: DuckDB runs on one
// thread fewer than the database's count (at least one). The connector
// parses its export on one core while DuckDB loads the files it has
// written; with a thread for every core, DuckDB's threads and the
// connector contended for the cores and DuckDB's threads spent the
// difference waiting on each other: on this 2-core machine, 5 M tasks
// took 10-15 CPU-seconds more and were loaded no sooner (BENCHMARKS.md,
// "Ingest"). The count comes back when the stream ends, for the last files
// and the checks, or when the load is rolled back. DuckDB's thread count
// belongs to the database, not the connection, so loads that overlap
// share one lowering: the first lowers it, the last to finish streaming
// restores it.
type streamThreads struct {
	mu        sync.Mutex
	streaming int
	// saved is the count before the first stream lowered it; 0 when it
	// was left alone (one thread already).
	saved int64
}

// narrow counts one more stream, lowering DuckDB's thread count (on the
// load's connection) for the first.
func (t *streamThreads) narrow(ctx context.Context, l *Load) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.streaming == 0 {
		var threads int64
		if err := l.queryRow(ctx, "SELECT current_setting('threads')::BIGINT", nil, &threads); err != nil {
			return fmt.Errorf("reading DuckDB's thread count: %w", err)
		}
		if threads > 1 {
			if err := l.exec(ctx, "SET threads = "+strconv.FormatInt(threads-1, 10)); err != nil {
				return fmt.Errorf("leaving the connector a core: %w", err)
			}
			t.saved = threads
		}
	}
	t.streaming++
	return nil
}

// widen ends one stream; the last gives DuckDB back its count.
func (t *streamThreads) widen(ctx context.Context, l *Load) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.streaming == 1 && t.saved > 0 {
		if err := l.exec(ctx, "SET threads = "+strconv.FormatInt(t.saved, 10)); err != nil {
			return fmt.Errorf("restoring DuckDB's %d threads: %w", t.saved, err)
		}
		t.saved = 0
	}
	t.streaming--
	return nil
}

// narrowThreads counts the load as streaming (see streamThreads).
func (l *Load) narrowThreads(ctx context.Context) error {
	if err := l.db.threads.narrow(ctx, l); err != nil {
		return err
	}
	l.streaming = true
	return nil
}

// restoreThreads ends the load's stream, once. It runs on the copier
// while it holds the connection, or once the copier is done, and never in
// a failed transaction, which DuckDB refuses every statement but ROLLBACK.
func (l *Load) restoreThreads(ctx context.Context) error {
	if !l.streaming {
		return nil
	}
	if err := l.db.threads.widen(ctx, l); err != nil {
		return err
	}
	l.streaming = false
	return nil
}
