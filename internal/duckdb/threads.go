package duckdb

import (
	"context"
	"fmt"
	"strconv"
)

// While a connector streams, the load leaves it a core: DuckDB runs on one
// thread fewer than the database's count (at least one). The connector
// parses its export on one core while DuckDB loads the files it has
// written; with a thread for every core, DuckDB's threads and the
// connector contended for the cores and DuckDB's threads spent the
// difference waiting on each other: on this 2-core machine, 5 M tasks
// took 10-15 CPU-seconds more and were loaded no sooner (BENCHMARKS.md,
// "Ingest"). The count comes back when the stream ends, for the last files
// and the checks. DuckDB's thread count is the database's, not the
// connection's, which is fine while a load runs: nothing else queries.

// narrowThreads lowers DuckDB's thread count for the stream.
func (l *Load) narrowThreads(ctx context.Context) error {
	var threads int64
	if err := l.queryRow(ctx, "SELECT current_setting('threads')::BIGINT", nil, &threads); err != nil {
		return fmt.Errorf("reading DuckDB's thread count: %w", err)
	}
	if threads <= 1 {
		return nil
	}
	if err := l.exec(ctx, "SET threads = "+strconv.FormatInt(threads-1, 10)); err != nil {
		return fmt.Errorf("leaving the connector a core: %w", err)
	}
	l.threads = threads
	return nil
}

// restoreThreads gives DuckDB back the thread count it had before the
// load. It runs on the copier while it holds the connection, or once the
// copier is done.
func (l *Load) restoreThreads(ctx context.Context) error {
	if l.threads == 0 {
		return nil
	}
	if err := l.exec(ctx, "SET threads = "+strconv.FormatInt(l.threads, 10)); err != nil {
		return fmt.Errorf("restoring DuckDB's %d threads: %w", l.threads, err)
	}
	l.threads = 0
	return nil
}
