package duckdb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQueryStatementRunsOneStatementOrNone(t *testing.T) {
	db := openUnchangedDB(t)
	ctx := context.Background()
	for _, query := range []string{
		"SELECT 1; CREATE TABLE made (x INTEGER)",
		"CREATE TABLE made (x INTEGER); SELECT 1",
	} {
		if _, err := db.QueryStatement(ctx, query); !errors.Is(err, ErrSeveralStatements) {
			t.Errorf("%q: %v, want ErrSeveralStatements", query, err)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'made'"); n != 0 {
		t.Errorf("a refused statement ran")
	}
	got, err := db.QueryStatement(ctx, "SELECT 41 + 1 AS answer;")
	if err != nil || len(got.Rows) != 1 || got.Rows[0][0] != int32(42) || got.Columns[0] != "answer" {
		t.Errorf("one statement with its semicolon: %+v, %v", got, err)
	}
}

// sandboxed opens a database sandboxed but for writable, with a file
// beside it for the SQL to try to read.
func sandboxed(t *testing.T, writable ...string) (db *DB, secret string) {
	t.Helper()
	dir := t.TempDir()
	secret = filepath.Join(dir, "secret.csv")
	if err := os.WriteFile(secret, []byte("password\nhunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return openTestDBAt(t, filepath.Join(dir, "sa.duckdb"), Options{Threads: 1, Sandbox: true, WritablePaths: writable}), secret
}

func TestTheSandboxKeepsSQLInsideTheDatabase(t *testing.T) {
	db, secret := sandboxed(t)
	dir := filepath.Dir(secret)
	ctx := context.Background()
	for _, stmt := range []string{
		"SELECT * FROM read_csv(" + quote(secret) + ")",
		"SELECT * FROM glob(" + quote(dir+"/*") + ")",
		"COPY (SELECT 1) TO " + quote(filepath.Join(dir, "out.csv")),
		"ATTACH " + quote(filepath.Join(dir, "other.duckdb")) + " AS other",
		"INSTALL httpfs",
		"SET enable_external_access = true",
		"SET lock_configuration = false",
		"SET allowed_paths = ['/']",
	} {
		if _, err := db.QueryStatement(ctx, stmt); !errors.Is(err, ErrSandboxed) {
			t.Errorf("%s: %v, want ErrSandboxed", stmt, err)
		}
	}
	for _, name := range []string{"out.csv", "other.duckdb"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("the sandbox let SQL write %s", name)
		}
	}
	// The settings are the instance's: every connection of the pool has
	// them, not only the one that set them.
	conns := make([]interface{ Close() error }, 0, 3)
	for range 3 {
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		if _, err := conn.ExecContext(ctx, "SELECT * FROM read_csv("+quote(secret)+")"); err == nil {
			t.Errorf("a pooled connection read %s", secret)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestASandboxedQueryWritesItsParquetFileAndNoOther(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.parquet")
	db, secret := sandboxed(t, out)
	ctx := context.Background()
	if err := db.QueryToParquet(ctx, "SELECT 12.50::DECIMAL(9,2) AS amount", out); err != nil {
		t.Fatalf("the allowed file: %v", err)
	}
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Errorf("%s not written: %v", out, err)
	}
	other := filepath.Join(filepath.Dir(secret), "other.parquet")
	if err := db.QueryToParquet(ctx, "SELECT 1 AS x", other); !errors.Is(err, ErrSandboxed) {
		t.Errorf("another file: %v, want ErrSandboxed", err)
	}
	if err := db.QueryToParquet(ctx, "SELECT * FROM read_csv("+quote(secret)+")", out); !errors.Is(err, ErrSandboxed) {
		t.Errorf("reading a file into the allowed one: %v, want ErrSandboxed", err)
	}
}

func TestAMemoryLimitThatIsNotASizeIsSaidInWords(t *testing.T) {
	for _, good := range []string{"512MB", "2GB", "1.5GiB"} {
		if err := CheckMemoryLimit(good); err != nil {
			t.Errorf("%s: %v", good, err)
		}
	}
	path := filepath.Join(t.TempDir(), "sa.duckdb")
	_, openErr := Open(context.Background(), path, Options{MemoryLimit: "lots"})
	db := openTestDB(t)
	setErr := db.SetMemoryLimit(context.Background(), "lots")
	for _, err := range []error{CheckMemoryLimit("lots"), openErr, setErr} {
		if err == nil || !strings.Contains(err.Error(), `--memory-limit "lots" is not a size`) || strings.Contains(err.Error(), "invalid or local option") {
			t.Errorf("err %v, want the limit named in words", err)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("a refused memory limit left %s", path)
	}
}
