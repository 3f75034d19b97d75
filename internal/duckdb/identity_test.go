package duckdb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestOpenRefusesWhatIsNotSalesauditsDatabaseAndLeavesItAlone(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	foreign := filepath.Join(dir, "warehouse.duckdb")
	other, err := sql.Open("duckdb", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec("CREATE TABLE orders (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	other.Close()
	cases := map[string]struct{ path, says string }{
		"a CSV file DuckDB would read as a view": {write("export.csv", "Id,Subject\n1,Call\n"), "not a DuckDB database"},
		"a Parquet-named text file":              {write("export.parquet", "PAR1 and then text"), "not a DuckDB database"},
		"an empty file":                          {write("empty.duckdb", ""), "an empty file"},
		"a short file":                           {write("short.duckdb", "DUCK"), "not a DuckDB database"},
		"a directory":                            {dir, "a directory"},
		"a name holding ?":                       {filepath.Join(dir, "x.duckdb?access_mode=read_write"), `"?"`},
		"another program's DuckDB database":      {foreign, "another program (it holds the table orders"},
	}
	for name, c := range cases {
		before, _ := os.ReadFile(c.path)
		for _, opts := range []Options{{}, {ReadOnly: true}} {
			db, err := Open(context.Background(), c.path, opts)
			if err == nil {
				db.Close()
				t.Errorf("%s (read-only %t): opened", name, opts.ReadOnly)
				continue
			}
			if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "--db") {
				t.Errorf("%s: %v, want the file named, %q and --db", name, err, c.says)
			}
		}
		if after, _ := os.ReadFile(c.path); !bytes.Equal(before, after) {
			t.Errorf("%s: changed by the attempt", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.duckdb")); err == nil {
		t.Errorf("a name holding ? made x.duckdb")
	}
}

func TestAnEmptyDuckDBDatabaseBecomesSalesaudits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.duckdb")
	empty, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if err := empty.Ping(); err != nil {
		t.Fatal(err)
	}
	empty.Close()
	db := openTestDBAt(t, path, Options{ReadOnly: true})
	newest, err := newestVersion()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.SchemaVersion(context.Background()); err != nil || v != newest {
		t.Errorf("schema version %d, %v; want %d", v, err, newest)
	}
}

func TestAReadOnlyOpeningMigratesAnOlderDatabaseFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db := openTestDBAt(t, path, Options{})
	newest, err := newestVersion()
	if err != nil {
		t.Fatal(err)
	}
	// The newest migration undone: what an older salesaudit left.
	for _, stmt := range []string{
		"DELETE FROM schema_version WHERE version = " + strconv.Itoa(newest),
		"ALTER TABLE ingest_files DROP COLUMN utf8_lines",
		"ALTER TABLE ingest_files DROP COLUMN single_byte_lines",
		"ALTER TABLE ingest_files DROP COLUMN single_byte_encoding",
		"ALTER TABLE ingest_files DROP COLUMN c1_bytes_kept",
	} {
		if _, err := db.SQL().Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()
	reader := openTestDBAt(t, path, Options{ReadOnly: true})
	if v, err := reader.SchemaVersion(context.Background()); err != nil || v != newest {
		t.Errorf("schema version %d, %v; want %d", v, err, newest)
	}
	if n := count(t, reader, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'c1_bytes_kept'"); n != 1 {
		t.Errorf("the migration's column is not there")
	}
}

func TestAReadOnlyDatabaseKeepsTheAuditsTempObjectsAndRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.duckdb")
	db := openTestDBAt(t, path, Options{})
	batches, rejects, summary := fixture()
	if _, err := load(t, db, "crm", batches, rejects, summary); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	reader := openTestDBAt(t, path, Options{ReadOnly: true})
	conn, err := reader.SQL().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// What the audit's queries make (queries/audit): TEMP tables, macros,
	// views and session variables, all in memory.
	for _, stmt := range []string{
		"CREATE OR REPLACE TEMP TABLE audit_x AS SELECT id FROM users",
		"CREATE OR REPLACE TEMP MACRO audit_twice(x) AS x * 2",
		"CREATE OR REPLACE TEMP VIEW audit_v AS SELECT audit_twice(count(*)) AS n FROM audit_x",
		"SET VARIABLE audit_n = (SELECT n FROM audit_v)",
	} {
		if _, err := conn.ExecContext(context.Background(), stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	var n int64
	if err := conn.QueryRowContext(context.Background(), "SELECT getvariable('audit_n')").Scan(&n); err != nil || n != 4 {
		t.Errorf("the variable holds %d, %v; want 4", n, err)
	}
	for _, stmt := range []string{"DELETE FROM users", "DROP TABLE activities", "CREATE TABLE notes (t VARCHAR)"} {
		if _, err := reader.QueryStatement(context.Background(), stmt); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", stmt, err)
		}
	}
	conn.Close()
	reader.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("the read-only database changed")
	}
}
