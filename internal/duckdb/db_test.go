package duckdb

import (
	"context"
	"path/filepath"
	"testing"
)

func memoryLimit(t *testing.T, db *DB) string {
	t.Helper()
	var v string
	if err := db.SQL().QueryRow("SELECT current_setting('memory_limit')").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestTheMemoryLimitCanBeChangedAndReset(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := func(name, limit string) *DB {
		db, err := Open(ctx, filepath.Join(dir, name), Options{MemoryLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	uncapped := memoryLimit(t, open("default.duckdb", ""))
	oneGB := memoryLimit(t, open("one-gb.duckdb", "1GB"))

	db := open("test.duckdb", "256MB")
	capped := memoryLimit(t, db)
	if capped == uncapped || capped == oneGB {
		t.Fatalf("opened with 256MB, DuckDB says %s (default %s, 1GB %s)", capped, uncapped, oneGB)
	}
	if err := db.SetMemoryLimit(ctx, "1GB"); err != nil {
		t.Fatal(err)
	}
	if got := memoryLimit(t, db); got != oneGB {
		t.Errorf("after SetMemoryLimit(1GB): %s, want %s", got, oneGB)
	}
	if err := db.SetMemoryLimit(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if got := memoryLimit(t, db); got != uncapped {
		t.Errorf("after SetMemoryLimit(\"\"): %s, want DuckDB's default %s", got, uncapped)
	}
	if err := db.SetMemoryLimit(ctx, "lots"); err == nil {
		t.Error("SetMemoryLimit(lots) succeeded")
	}
}
