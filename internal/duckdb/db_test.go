package duckdb

import (
	"context"
	"slices"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
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
	// The limit is the instance's, whether it holds a file or not.
	open := func(limit string) *DB { return openTestDBAt(t, MemoryPath, Options{MemoryLimit: limit}) }
	uncapped := memoryLimit(t, open(""))
	oneGB := memoryLimit(t, open("1GB"))

	db := open("256MB")
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

// The spool format's columns are the store's: every column a spooled file
// holds is a column of its table, typed by the store, and the store's
// tables hold nothing else but the source (and a reject's run).
func TestTheSpoolFormatIsTheStoresSchema(t *testing.T) {
	db := openUnchangedDB(t)
	for _, table := range plugin.SpoolTables {
		rows, err := db.SQL().Query(`SELECT column_name FROM information_schema.columns
			WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position`, table.Name)
		if err != nil {
			t.Fatal(err)
		}
		var stored []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			if c != "source" && c != "run_id" {
				stored = append(stored, c)
			}
		}
		rows.Close()
		if !slices.Equal(stored, table.Columns) {
			t.Errorf("%s: the store has %v, the spool format writes %v", table.Name, stored, table.Columns)
		}
		st := db.spool[table.Name]
		if len(st.Types) != len(table.Columns) || slices.Contains(st.Types, "") {
			t.Errorf("%s: types %v", table.Name, st.Types)
		}
	}
}
