package duckdb

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// sourceTables are every table that holds a source's rows: its records,
// its rejects and the history of its loads.
var sourceTables = slices.Concat(dataTables, []string{"rejects", "ingest_files", "ingest_runs"})

// Sources are the names of the sources the database holds, sorted.
func (db *DB) Sources(ctx context.Context) ([]string, error) {
	t, err := db.Query(ctx, "SELECT DISTINCT source FROM ingest_runs ORDER BY source")
	if err != nil {
		return nil, fmt.Errorf("listing the sources of %s: %w", db.path, err)
	}
	sources := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		sources[i] = row[0].(string)
	}
	return sources, nil
}

// Forget removes a source from the database, in one transaction: its
// records, its rejects and the record of its loads, so that loading it
// again starts afresh (the re-ingest guard compares with nothing). It
// returns the rows removed per table. The file keeps its size until
// Compact.
func (db *DB) Forget(ctx context.Context, source string) (map[string]int64, error) {
	sources, err := db.Sources(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(sources, source) {
		return nil, noSource(db.path, source, sources)
	}
	if err := db.dataChanged(); err != nil {
		return nil, err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	removed := map[string]int64{}
	for _, table := range sourceTables {
		res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE source = ?", source)
		if err != nil {
			return nil, fmt.Errorf("removing source %q from %s: %w", source, table, err)
		}
		if removed[table], err = res.RowsAffected(); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("removing source %q: %w", source, err)
	}
	return removed, nil
}

func noSource(path, source string, sources []string) error {
	if len(sources) == 0 {
		return fmt.Errorf("%s holds no source, so none named %q: there is nothing to forget", path, source)
	}
	return fmt.Errorf("%s holds no source named %q: its sources are %s; name one of them with --source", path, source, strings.Join(sources, ", "))
}
