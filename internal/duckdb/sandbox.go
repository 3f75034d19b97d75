package duckdb

import (
	"context"
	"fmt"
	"strings"
)

// sandbox keeps the SQL run on the database inside it, for SQL a person
// typed (salesaudit query): DuckDB refuses it every file, directory and
// network address (enable_external_access=false, which refuses read_csv,
// COPY ... TO, ATTACH, INSTALL and LOAD too) but the paths in
// allowed_paths, then locks its configuration (lock_configuration) so that
// SQL cannot lift either. These settings are the instance's, so they hold
// on every connection of the pool, and they come after salesaudit's own
// statements, which need none of what they forbid.
func (db *DB) sandbox(ctx context.Context) error {
	var statements []string
	if len(db.opts.WritablePaths) > 0 {
		paths := make([]string, len(db.opts.WritablePaths))
		for i, p := range db.opts.WritablePaths {
			paths[i] = quote(p)
		}
		statements = append(statements, "SET allowed_paths = ["+strings.Join(paths, ", ")+"]")
	}
	statements = append(statements, "SET enable_external_access = false", "SET lock_configuration = true")
	for _, stmt := range statements {
		if _, err := db.sql.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("closing the database %s to files and the network (%s): %w", db.path, stmt, err)
		}
	}
	return nil
}
