package duckdb

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestColumnTypeFollowsTheGoValues(t *testing.T) {
	when := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		values []any
		want   string
	}{
		{"integers", []any{int64(1), 2, int32(3)}, "BIGINT"},
		{"floats", []any{1.5, float32(2)}, "DOUBLE"},
		{"integers and floats", []any{int64(1), 2.5}, "DOUBLE"},
		{"floats and NULLs", []any{nil, 2.5, nil}, "DOUBLE"},
		{"booleans", []any{true, nil, false}, "BOOLEAN"},
		{"times", []any{when, nil}, "TIMESTAMP"},
		{"text", []any{"a", []byte("b")}, "VARCHAR"},
		{"text and numbers", []any{"a", 1.5, int64(2)}, "VARCHAR"},
		{"numbers and booleans", []any{1.5, true}, "VARCHAR"},
		{"other values", []any{[]any{"x"}}, "VARCHAR"},
		{"NULLs only", []any{nil, nil}, "VARCHAR"},
		{"no rows", nil, "VARCHAR"},
	} {
		rows := make([][]any, len(c.values))
		for i, v := range c.values {
			rows[i] = []any{"first column", v}
		}
		if got := columnType(rows, 1); got != c.want {
			t.Errorf("%s %v: %s, want %s", c.name, c.values, got, c.want)
		}
	}
}

// readBack reads a Parquet file with DuckDB: its columns' names and types,
// and its rows.
func readBack(t *testing.T, db *DB, path string) (columns, types []string, rows [][]any) {
	t.Helper()
	described, err := db.Query(context.Background(), "DESCRIBE SELECT * FROM read_parquet(?)", path)
	if err != nil {
		t.Fatalf("describing %s: %v", path, err)
	}
	for _, row := range described.Rows {
		columns = append(columns, row[0].(string))
		types = append(types, row[1].(string))
	}
	read, err := db.Query(context.Background(), "SELECT * FROM read_parquet(?)", path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return columns, types, read.Rows
}

func TestWriteParquetKeepsTypesAndValues(t *testing.T) {
	db := openUnchangedDB(t)
	when := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	// A time in another zone is the same instant, written in UTC as the
	// CSV writes it.
	amsterdam := time.FixedZone("CET", 3600)
	table := &Table{
		Columns: []string{"manager", "at", "minutes", "reps", "estimated", "value"},
		Rows: [][]any{
			{"Sanne de Vries", when, 45.5, int64(3), true, "text"},
			{"Markus Weber", when.Add(time.Hour).In(amsterdam), int64(30), 0, false, 12.25},
			{nil, nil, nil, nil, nil, when},
		},
	}
	path := filepath.Join(t.TempDir(), "table.parquet")
	if err := db.WriteParquet(context.Background(), path, table); err != nil {
		t.Fatal(err)
	}
	columns, types, rows := readBack(t, db, path)
	if !slices.Equal(columns, table.Columns) {
		t.Errorf("columns %v, want %v", columns, table.Columns)
	}
	if want := []string{"VARCHAR", "TIMESTAMP", "DOUBLE", "BIGINT", "BOOLEAN", "VARCHAR"}; !slices.Equal(types, want) {
		t.Errorf("types %v, want %v", types, want)
	}
	want := [][]any{
		{"Sanne de Vries", when, 45.5, int64(3), true, "text"},
		{"Markus Weber", when.Add(time.Hour), 30.0, int64(0), false, "12.25"},
		{nil, nil, nil, nil, nil, "2026-03-02 09:30:00"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows read back, want %d: %v", len(rows), len(want), rows)
	}
	for i := range want {
		for j := range want[i] {
			if got := rows[i][j]; !sameValue(got, want[i][j]) {
				t.Errorf("row %d %s = %v (%T), want %v (%T)", i+1, columns[j], got, got, want[i][j], want[i][j])
			}
		}
	}
}

// sameValue compares values read back, times as instants.
func sameValue(got, want any) bool {
	if w, ok := want.(time.Time); ok {
		g, ok := got.(time.Time)
		return ok && g.Equal(w)
	}
	return got == want
}

func TestWriteParquetWritesAnEmptyTable(t *testing.T) {
	db := openUnchangedDB(t)
	path := filepath.Join(t.TempDir(), "empty.parquet")
	if err := db.WriteParquet(context.Background(), path, &Table{Columns: []string{"rule", "metric"}}); err != nil {
		t.Fatal(err)
	}
	columns, types, rows := readBack(t, db, path)
	if !slices.Equal(columns, []string{"rule", "metric"}) || !slices.Equal(types, []string{"VARCHAR", "VARCHAR"}) || len(rows) != 0 {
		t.Errorf("columns %v, types %v, rows %v", columns, types, rows)
	}
}

// Names are data, never SQL: a path or a column name with quotes, spaces
// or a statement in it is written as it is.
func TestParquetPathsAndNamesAreQuoted(t *testing.T) {
	db := openUnchangedDB(t)
	dir := filepath.Join(t.TempDir(), `it's a "dir"`)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, `o'neil; drop table users.parquet`)
	columns := []string{`a "quoted" name`, `x"); DROP TABLE users; --`, "select", "ü"}
	table := &Table{Columns: columns, Rows: [][]any{{"one", "two", "three", "four"}}}
	if err := db.WriteParquet(context.Background(), path, table); err != nil {
		t.Fatal(err)
	}
	got, _, rows := readBack(t, db, path)
	if !slices.Equal(got, columns) || len(rows) != 1 || rows[0][1] != "two" {
		t.Errorf("columns %q, rows %v", got, rows)
	}
	users, err := db.Query(context.Background(), "SELECT count(*) FROM users")
	if err != nil || len(users.Rows) != 1 {
		t.Errorf("the users table is gone: %v", err)
	}
}

func TestWriteParquetReplacesTheFileAndLeavesNoTable(t *testing.T) {
	db := openUnchangedDB(t)
	path := filepath.Join(t.TempDir(), "twice.parquet")
	for _, n := range []int{3, 1} {
		table := &Table{Columns: []string{"n"}}
		for i := range n {
			table.Rows = append(table.Rows, []any{int64(i)})
		}
		if err := db.WriteParquet(context.Background(), path, table); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, rows := readBack(t, db, path); len(rows) != 1 {
		t.Errorf("%d rows after writing 3 then 1: the file was not replaced", len(rows))
	}
	left, err := db.Query(context.Background(), "SELECT table_name FROM duckdb_tables() WHERE temporary")
	if err != nil || len(left.Rows) != 0 {
		t.Errorf("TEMP tables left: %v, %v", left, err)
	}
}

func TestQueryToParquetKeepsDuckDBsTypes(t *testing.T) {
	db := openUnchangedDB(t)
	path := filepath.Join(t.TempDir(), "query.parquet")
	query := `SELECT 'a''b' AS name, DATE '2026-03-02' AS day, 12.50::DECIMAL(9,2) AS amount, [1, 2] AS list -- a comment
;
`
	if err := db.QueryToParquet(context.Background(), query, path); err != nil {
		t.Fatal(err)
	}
	columns, types, rows := readBack(t, db, path)
	if !slices.Equal(columns, []string{"name", "day", "amount", "list"}) ||
		!slices.Equal(types, []string{"VARCHAR", "DATE", "DECIMAL(9,2)", "INTEGER[]"}) {
		t.Errorf("columns %v, types %v", columns, types)
	}
	if len(rows) != 1 || rows[0][0] != "a'b" {
		t.Errorf("rows %v", rows)
	}
}

func TestQueryToParquetTakesOneSelectOnly(t *testing.T) {
	db := openUnchangedDB(t)
	path := filepath.Join(t.TempDir(), "refused.parquet")
	for _, query := range []string{
		"CREATE TABLE made (x INTEGER)",
		"CREATE TABLE made (x INTEGER); SELECT 1",
		"SELECT 1) TO 'elsewhere.csv' (FORMAT csv); CREATE TABLE made (x INTEGER); SELECT (1",
	} {
		err := db.QueryToParquet(context.Background(), query, path)
		if err == nil || !strings.Contains(err.Error(), "one SELECT") {
			t.Errorf("%q: err %v, want a refusal naming one SELECT", query, err)
		}
	}
	made, err := db.Query(context.Background(), "SELECT table_name FROM duckdb_tables() WHERE table_name = 'made'")
	if err != nil || len(made.Rows) != 0 {
		t.Errorf("a refused query ran: %v, %v", made, err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s written by a refused query", path)
	}
}

func TestWriteParquetRefusesARowOfTheWrongWidth(t *testing.T) {
	db := openUnchangedDB(t)
	path := filepath.Join(t.TempDir(), "ragged.parquet")
	table := &Table{Columns: []string{"a", "b"}, Rows: [][]any{{"x", "y"}, {"z"}}}
	err := db.WriteParquet(context.Background(), path, table)
	if err == nil || !strings.Contains(err.Error(), "row 2 has 1 values for 2 columns") || !strings.Contains(err.Error(), path) {
		t.Errorf("err %v, want the row and the file named", err)
	}
}
