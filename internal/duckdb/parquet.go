package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	duckdbgo "github.com/duckdb/duckdb-go/v2"

	"github.com/salesaudit/salesaudit/internal/render"
)

// Parquet files are written by DuckDB's own writer (COPY ... TO ...
// (FORMAT parquet)): it is linked in already, and it types, compresses
// and lays out the columns as every reader of DuckDB's files expects.

// parquetTable is the TEMP table a Table is put in to be copied out. It
// lives on a connection of its own for the length of one WriteParquet.
//
// Paths are made absolute before DuckDB sees them: the file Go would
// create there, which DuckDB would otherwise read as a URL (s3://...) or
// in the home directory (~/...).
const parquetTable = "parquet_out"

// WriteParquet writes the table to a Parquet file at path, replacing any,
// each column typed from the Go values it holds (see columnType).
func (db *DB) WriteParquet(ctx context.Context, path string, t *Table) error {
	if err := db.writeParquet(ctx, path, t); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func (db *DB) writeParquet(ctx context.Context, path string, t *Table) error {
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("row %d has %d values for %d columns", i+1, len(row), len(t.Columns))
		}
	}
	target, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	types := columnTypes(t)
	// A TEMP table lives on one connection: create, fill and copy it on
	// the same one, and drop it before the connection goes back to the
	// pool.
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, createTable(parquetTable, t.Columns, types)); err != nil {
		return err
	}
	defer func() {
		// Dropped even when ctx is done; should it fail, CREATE OR
		// REPLACE reuses the table's name next time.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp."+parquetTable)
	}()
	if err := appendRows(conn, parquetTable, t.Rows, types); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "COPY temp."+parquetTable+" TO "+quote(target)+" (FORMAT parquet)")
	return err
}

// QueryToParquet writes the result of query, one SELECT, to a Parquet file
// at path with the types DuckDB gives its columns.
func (db *DB) QueryToParquet(ctx context.Context, query, path string) error {
	if err := db.queryToParquet(ctx, query, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func (db *DB) queryToParquet(ctx context.Context, query, path string) error {
	target, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// A statement's closing semicolon would end COPY's query too early.
	query = strings.TrimRight(query, "; \t\r\n")
	if err := checkOneSelect(conn, query); err != nil {
		return err
	}
	// The query goes inside COPY (...) on lines of its own, so that a
	// comment at its end cannot swallow the closing parenthesis.
	_, err = conn.ExecContext(ctx, "COPY (\n"+query+"\n) TO "+quote(target)+" (FORMAT parquet)")
	return classifyRefusal(err)
}

// checkOneSelect refuses anything but a single SELECT (WITH, FROM and
// VALUES queries are SELECTs too): a query that is not one statement
// could close COPY's parenthesis and run more after it.
func checkOneSelect(conn *sql.Conn, query string) error {
	kind, err := statementType(conn, query)
	if err != nil {
		return fmt.Errorf("a Parquet file holds one SELECT's result: %w", err)
	}
	if kind != duckdbgo.STATEMENT_TYPE_SELECT {
		return errors.New("a Parquet file holds one SELECT's result, and this is no SELECT")
	}
	return nil
}

// createTable makes (or remakes, should a failed write have left it) the
// TEMP table, its column names quoted so that no name can be SQL.
func createTable(name string, columns, types []string) string {
	defs := make([]string, len(columns))
	for i, c := range columns {
		defs[i] = quoteIdentifier(c) + " " + types[i]
	}
	return "CREATE OR REPLACE TEMP TABLE " + quoteIdentifier(name) + " (" + strings.Join(defs, ", ") + ")"
}

// quoteIdentifier makes s a SQL identifier, whatever characters it holds.
func quoteIdentifier(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// appendRows fills the TEMP table with DuckDB's Appender, each value
// converted to its column's type.
func appendRows(conn *sql.Conn, table string, rows [][]any, types []string) error {
	return conn.Raw(func(driverConn any) error {
		appender, err := duckdbgo.NewAppender(driverConn.(driver.Conn), "temp", "main", table)
		if err != nil {
			return err
		}
		values := make([]driver.Value, len(types))
		for i, row := range rows {
			for j, v := range row {
				values[j] = columnValue(v, types[j])
			}
			if err := appender.AppendRow(values...); err != nil {
				appender.Close()
				return fmt.Errorf("row %d: %w", i+1, err)
			}
		}
		return appender.Close()
	})
}

// DuckDB's types for the Go values a Table holds.
const (
	typeBigint    = "BIGINT"
	typeDouble    = "DOUBLE"
	typeBoolean   = "BOOLEAN"
	typeTimestamp = "TIMESTAMP"
	typeVarchar   = "VARCHAR"
)

func columnTypes(t *Table) []string {
	types := make([]string, len(t.Columns))
	for col := range t.Columns {
		types[col] = columnType(t.Rows, col)
	}
	return types
}

// columnType is the DuckDB type of a column from the Go values in it,
// NULLs aside: BIGINT for integers, DOUBLE for floats or integers and
// floats, BOOLEAN for booleans, TIMESTAMP for times, and VARCHAR for text,
// for other values, for a mix (written as CSV writes them, render.Cell)
// and for a column of NULLs only.
func columnType(rows [][]any, col int) string {
	typ := ""
	for _, row := range rows {
		v := valueType(row[col])
		switch {
		case v == "" || v == typ:
		case typ == "":
			typ = v
		case isNumeric(typ) && isNumeric(v):
			typ = typeDouble
		default:
			return typeVarchar
		}
	}
	if typ == "" {
		return typeVarchar
	}
	return typ
}

func isNumeric(typ string) bool { return typ == typeBigint || typ == typeDouble }

// valueType is the DuckDB type of one Go value; "" for nil.
func valueType(v any) string {
	switch v.(type) {
	case nil:
		return ""
	case int, int8, int16, int32, int64, uint8, uint16, uint32:
		return typeBigint
	case float32, float64:
		return typeDouble
	case bool:
		return typeBoolean
	case time.Time:
		return typeTimestamp
	default:
		return typeVarchar
	}
}

// columnValue converts v for a column of type typ, which columnType chose
// so that every value converts.
func columnValue(v any, typ string) driver.Value {
	if v == nil {
		return nil
	}
	switch typ {
	case typeBigint:
		return toInt64(v)
	case typeDouble:
		if r := reflect.ValueOf(v); r.CanFloat() {
			return r.Float()
		}
		return float64(toInt64(v))
	case typeVarchar:
		return render.Cell(v)
	default: // BOOLEAN and TIMESTAMP hold one Go type each
		return v
	}
}

// toInt64 is an integer that valueType types BIGINT, as an int64.
func toInt64(v any) int64 {
	r := reflect.ValueOf(v)
	if r.CanInt() {
		return r.Int()
	}
	return int64(r.Uint()) // uint8 to uint32: they fit
}
