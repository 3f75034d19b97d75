package duckdb

import (
	"context"
	"fmt"
)

// Table is the result of a query, ready to print.
type Table struct {
	Columns []string
	Rows    [][]any
}

// Query runs a read query and returns its rows. It is for a person asking
// questions of the data (`salesaudit query`), not for bulk reads.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*Table, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	t := &Table{Columns: cols}
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("reading row %d: %w", len(t.Rows)+1, err)
		}
		t.Rows = append(t.Rows, values)
	}
	return t, rows.Err()
}
