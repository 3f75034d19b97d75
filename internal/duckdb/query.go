package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	duckdbgo "github.com/duckdb/duckdb-go/v2"
)

// Table is the result of a query, ready to print.
type Table struct {
	Columns []string
	Rows    [][]any
}

// Query runs a read query of salesaudit's own and returns its rows. It is
// for a person asking questions of the data, not for bulk reads; SQL a
// person typed goes through QueryStatement.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*Table, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return readTable(rows)
}

// Why QueryStatement refused a statement; its error wraps one of these
// with DuckDB's own words.
var (
	// ErrSeveralStatements: the SQL holds more than one statement. The
	// driver would run them all and show the last one's result, so that
	// "select 1; drop table users" would look like a query.
	ErrSeveralStatements = errors.New("several SQL statements, where one was expected")
	// ErrReadOnly: the statement would change a database opened
	// read-only.
	ErrReadOnly = errors.New("refused by the read-only database")
	// ErrSandboxed: the statement reaches outside a sandboxed database (a
	// file, a directory, the network) or changes its locked settings.
	ErrSandboxed = errors.New("refused by the sandbox")
)

// QueryStatement runs one SQL statement a person typed and returns its
// rows. Several statements are refused before any runs; what the database
// refuses (a read-only or sandboxed one) wraps ErrReadOnly or ErrSandboxed.
func (db *DB) QueryStatement(ctx context.Context, query string) (*Table, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := statementType(conn, query); err != nil {
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return nil, classifyRefusal(err)
	}
	t, err := readTable(rows)
	return t, classifyRefusal(err)
}

// readTable reads and closes the rows.
func readTable(rows *sql.Rows) (*Table, error) {
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

// statementType prepares query, refusing more than one statement without
// running any (the driver's Prepare, unlike PrepareContext, runs none of
// them), and returns what kind of statement it is.
func statementType(conn *sql.Conn, query string) (duckdbgo.StmtType, error) {
	kind := duckdbgo.STATEMENT_TYPE_INVALID
	err := conn.Raw(func(driverConn any) error {
		stmt, err := driverConn.(driver.Conn).Prepare(query)
		if err != nil {
			return err
		}
		defer stmt.Close()
		kind, err = stmt.(*duckdbgo.Stmt).StatementType()
		return err
	})
	if err != nil && strings.Contains(err.Error(), "multi-statement") {
		return kind, ErrSeveralStatements
	}
	return kind, classifyRefusal(err)
}

// classifyRefusal marks DuckDB's refusals of a read-only or sandboxed
// database, which it reports as a permission error (files and the
// network) or in words (writes, locked settings).
func classifyRefusal(err error) error {
	if err == nil {
		return nil
	}
	var duckErr *duckdbgo.Error
	msg := err.Error()
	switch {
	case errors.As(err, &duckErr) && duckErr.Type == duckdbgo.ErrorTypePermission,
		strings.Contains(msg, "the configuration has been locked"):
		return fmt.Errorf("%w: %w", ErrSandboxed, err)
	case strings.Contains(msg, "read-only mode"):
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	}
	return err
}
