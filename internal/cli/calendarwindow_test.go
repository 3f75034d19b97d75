package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/duckdb"
)

// jamesCalendar is James Whitaker's Google calendar: a weekly huddle from
// 6 January to 30 June 2026, a weekly check-in since September 2024 that
// never ends, a one-off on 12 March and a lunch in December 2025.
var jamesCalendar = filepath.Join("..", "..", "testdata", "ics", "window")

// Without --from and --to, a calendar loaded with a CRM export is read over
// the days the export's activities span (2 January to 30 June 2026), not
// over the span of its own one-off events (16 December to 12 March, which
// cut the huddle short), and the never-ending series stays inside it.
func TestCalendarsWithoutAPeriodAreReadOverTheCRMsSpan(t *testing.T) {
	t.Parallel()
	want := map[string]int64{"Team huddle UK&I": 26, "Check-in Sarah": 25, "Forecast prep Q2": 1}
	wantSkip := "outside the window read, 2026-01-02 to 2026-06-30"

	// The calendar first on the command line: it still waits for the export.
	audited := filepath.Join(t.TempDir(), "audit.duckdb")
	r := run(t, "audit", "--db", audited, "--format", "json", jamesCalendar, acmeExport).mustSucceed(t)
	if !strings.Contains(r.stderr, "Calendars are read from 2026-01-02 to 2026-06-30, the days the activities of \"salesforce\" span") {
		t.Errorf("audit does not say which days the calendars are read over:\n%s", r.stderr)
	}
	checkCalendarLoad(t, audited, want, wantSkip)

	// ingest does the same with the export already in the database.
	ingested := filepath.Join(t.TempDir(), "ingest.duckdb")
	run(t, "ingest", "--db", ingested, "--quiet", acmeExport).mustSucceed(t)
	run(t, "ingest", "--db", ingested, "--quiet", jamesCalendar).mustSucceed(t)
	checkCalendarLoad(t, ingested, want, wantSkip)
}

// checkCalendarLoad checks the ics source's activities per subject, and
// that its one skip names the window.
func checkCalendarLoad(t *testing.T, path string, want map[string]int64, wantSkip string) {
	t.Helper()
	db, err := duckdb.Open(context.Background(), path, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.SQL().Query(`SELECT subject, count(*) FROM activities WHERE source = 'ics' GROUP BY subject`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int64{}
	for rows.Next() {
		var subject string
		var n int64
		if err := rows.Scan(&subject, &n); err != nil {
			t.Fatal(err)
		}
		got[subject] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for subject, n := range want {
		if got[subject] != n {
			t.Errorf("%s: %d occurrences of %q, want %d (all: %v)", path, got[subject], subject, n, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: subjects %v, want %v", path, got, want)
	}
	var skips string
	if err := db.SQL().QueryRow(`SELECT string_agg(skip_reasons, ' | ') FROM ingest_files WHERE file LIKE '%.ics'`).Scan(&skips); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(skips, wantSkip) {
		t.Errorf("%s: skipped %q, want %q…", path, skips, wantSkip)
	}
}
