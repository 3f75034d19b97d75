package audit

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"
)

// The cache never changes a report: an audit whose key is kept reads the
// kept tables and reports exactly what computing them reports; another
// --manager reads the same entry; a change of what the tables are made of
// (configuration, period) is another key. The cache is a database in
// memory here; the CLI's tests use the file beside the database.
func TestTheCacheNeverChangesAReport(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia, tom := b.manager("Mia"), b.manager("Tom")
	ana, ben := b.rep(mia, "Ana"), b.rep(tom, "Ben")
	acme := b.keyAccount("Acme", ana)
	b.meeting(mia, "1:1 Ana", 30*time.Minute, withReps(ana))
	b.meeting(mia, "Quarterly business review", 90*time.Minute, on(acme), withContact("Kim"), at(b.day(12)))
	b.meeting(tom, "Pipeline review", time.Hour, withReps(ben))
	b.task(tom, "Expense report", due(b.day(3)))
	db := b.load().SQL()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "ATTACH ':memory:' AS audit_cache"); err != nil {
		t.Fatal(err)
	}
	audit := func(opts Options) *Report {
		t.Helper()
		opts.Cache = "audit_cache"
		rep, err := Run(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	fresh := func(opts Options) *Report {
		t.Helper()
		rep, err := Run(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	// keyed makes or reads the entry of opts and stops there: the entry is
	// made when the steps are prepared, which is all the audits of other
	// keys below are for (the report would add a third of an audit's time).
	keyed := func(opts Options) {
		t.Helper()
		opts.Cache = "audit_cache"
		_, conn, err := start(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		_ = conn.Close()
	}
	opts := b.options()
	want := fresh(opts)
	if cold := audit(opts); !reflect.DeepEqual(cold, want) {
		t.Errorf("the audit that fills the cache reports %+v, without the cache %+v", cold, want)
	}
	checkEntries(t, db, 1, 0)
	if warm := audit(opts); !reflect.DeepEqual(warm, want) {
		t.Errorf("the audit read from the cache reports %+v, without the cache %+v", warm, want)
	}
	checkEntries(t, db, 1, 1)

	tomOnly := opts
	tomOnly.Manager = "Tom"
	if got, want := audit(tomOnly), fresh(tomOnly); !reflect.DeepEqual(got, want) {
		t.Errorf("--manager Tom from the cache reports %+v, without it %+v", got, want)
	}
	checkEntries(t, db, 1, 1) // the same entry

	// Another period, another configuration: each a new entry, computed
	// as without the cache (the entries made prove it was not read).
	shorter := opts
	shorter.To = b.day(10)
	keyed(shorter)
	checkEntries(t, db, 2, 1)
	capped := opts
	cfg := *opts.Config
	cfg.Durations.MaxMinutes = 60
	capped.Config = &cfg
	keyed(capped)
	checkEntries(t, db, 3, 1)

	// A fourth key: the least recently used entry, the whole period's
	// (with the results its reports kept), makes room for it.
	shorter.To = b.day(11)
	keyed(shorter)
	checkEntries(t, db, cacheEntries, 0)
}

// checkEntries checks how many keys the cache holds, and how many of them
// were read back.
func checkEntries(t *testing.T, db *sql.DB, kept, read int) {
	t.Helper()
	var n, used int
	if err := db.QueryRow("SELECT count(*), count(*) FILTER (WHERE used_at > made_at) FROM audit_cache.entries").Scan(&n, &used); err != nil {
		t.Fatal(err)
	}
	if n != kept || used != read {
		t.Errorf("the cache holds %d entries, %d read back; want %d, %d", n, used, kept, read)
	}
	var tables, listed, strays int
	if err := db.QueryRow(`SELECT
		(SELECT count(*) FROM duckdb_tables() WHERE database_name = 'audit_cache' AND table_name <> 'entries' AND NOT contains(table_name, '_result_')),
		(SELECT coalesce(sum(len(string_split(tables, ','))), 0) FROM audit_cache.entries),
		(SELECT count(*) FROM duckdb_tables() AS t WHERE database_name = 'audit_cache' AND table_name <> 'entries'
			AND NOT EXISTS (SELECT 1 FROM audit_cache.entries AS e WHERE starts_with(t.table_name, e.prefix)))`).Scan(&tables, &listed, &strays); err != nil {
		t.Fatal(err)
	}
	if tables != listed || strays != 0 {
		t.Errorf("the cache holds %d tables of the steps, its entries list %d; %d tables of no entry", tables, listed, strays)
	}
}

func TestTheCacheReplaysTheStepsTables(t *testing.T) {
	t.Parallel()
	make := "-- who took part\nCREATE OR REPLACE TEMP TABLE audit_time AS\nSELECT 1;"
	add := "INSERT INTO audit_subject_rules\nSELECT 'x', 1;"
	other := "SET VARIABLE audit_max_minutes = 480;"
	view := `CREATE OR REPLACE TEMP VIEW audit_time AS FROM c.main."k1_audit_time"`
	for _, c := range []struct {
		name  string
		cache cache
		want  map[string][]string
	}{
		{"filling it", cache{catalog: "c", prefix: "k1_", active: true}, map[string][]string{
			make:  {"-- who took part\nCREATE OR REPLACE TABLE c.main.\"k1_audit_time\" AS\nSELECT 1;", view},
			add:   {"INSERT INTO c.main.\"k1_audit_subject_rules\"\nSELECT 'x', 1;"},
			other: {other},
		}},
		{"replaying it", cache{catalog: "c", prefix: "k1_", active: true, replay: true}, map[string][]string{
			make:  {view},
			add:   nil,
			other: {other},
		}},
		{"outside the per-activity steps", cache{catalog: "c", prefix: "k1_", replay: true}, map[string][]string{
			make: {make}, add: {add}, other: {other},
		}},
		{"without a cache", cache{active: true}, map[string][]string{
			make: {make}, add: {add}, other: {other},
		}},
	} {
		for stmt, want := range c.want {
			if got := c.cache.statement(stmt); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %q runs %q, want %q", c.name, stmt, got, want)
			}
		}
	}
}
