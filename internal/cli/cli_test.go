package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(args, strings.NewReader(""), &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func (r result) mustSucceed(t *testing.T) result {
	t.Helper()
	if r.code != ExitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	return r
}

func dbCount(t *testing.T, path, query string) int64 {
	t.Helper()
	db := openDB(t, path)
	defer db.Close()
	return countIn(t, db, query)
}

// dbFingerprint sums up what a database holds: the rows of each table a
// load writes, counted on one opening of it (opening a database costs
// some 80 ms of CPU, far more than counting a test's tables).
func dbFingerprint(t *testing.T, path string) string {
	t.Helper()
	db := openDB(t, path)
	defer db.Close()
	var parts []string
	for _, table := range []string{"ingest_runs", "ingest_files", "users", "activities", "rejects"} {
		parts = append(parts, fmt.Sprintf("%s=%d", table, countIn(t, db, "SELECT count(*) FROM "+table)))
	}
	return strings.Join(parts, " ")
}

// copiedFingerprints are the dbFingerprint of copies of a database, by the
// database copied.
var copiedFingerprints sync.Map

// copyChanged says how the database at path, a copy of the database
// at original whose bytes then summed to sum (fileSum), differs from what
// it held: "" when it holds the same rows of each table. A copy whose bytes
// are still the same is not opened; the original's fingerprint is counted
// once per test binary, on a copy of its own.
func copyChanged(t *testing.T, path, original, sum string) string {
	t.Helper()
	if fileSum(t, path) == sum {
		return ""
	}
	v, _ := copiedFingerprints.LoadOrStore(original, &sharedFile{})
	// sharedFile's path holds the fingerprint.
	before := v.(*sharedFile).get(t, func() (string, error) { return dbFingerprint(t, copyDB(t, original)), nil })
	if after := dbFingerprint(t, path); after != before {
		return fmt.Sprintf("%s, was %s", after, before)
	}
	return ""
}

func openDB(t *testing.T, path string) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open(context.Background(), path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// countIn runs query, a count, in db.
func countIn(t *testing.T, db *duckdb.DB, query string) int64 {
	t.Helper()
	var n int64
	if err := db.SQL().QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := run(t, "version").mustSucceed(t)
	if !strings.HasPrefix(r.stdout, "salesaudit ") || !strings.Contains(r.stdout, "connector protocol "+strconv.Itoa(plugin.ProtocolVersion)) {
		t.Errorf("version output = %q", r.stdout)
	}
}

func TestTheThreadsFlagReachesDuckDB(t *testing.T) {
	t.Parallel()
	r := run(t, "query", "--db", ":memory:", "--threads", "3", "--format", "csv", "SELECT current_setting('threads') AS threads").mustSucceed(t)
	if !strings.Contains(r.stdout, "\n3") {
		t.Errorf("with --threads 3, DuckDB says %q", r.stdout)
	}
	for _, bad := range []string{"-1", "two"} {
		r := run(t, "version", "--threads", bad)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "--threads") {
			t.Errorf("--threads %s: exit %d, %q", bad, r.code, r.stderr)
		}
	}
}

func TestBadUsageExitsWithTwo(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"ingest"},
		{"ingest", "--no-such-flag", "x"},
		{"query", "--format", "xml", "select 1"},
		{"query"},
		{"ingest", "--option", "novalue", "x"},
	} {
		r := run(t, args...)
		if r.code != ExitUsage || !strings.HasPrefix(r.stderr, "salesaudit: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one clear line", args, r.code, r.stderr)
		}
	}
}

func TestQueryWithoutADatabaseSaysWhatToDo(t *testing.T) {
	t.Parallel()
	r := run(t, "query", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "select 1")
	if r.code != ExitError || !strings.Contains(r.stderr, "salesaudit ingest") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestIngestExternalConnectorThenQuery(t *testing.T) {
	t.Parallel()
	plugins := installFake(t, "fakegood")
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	r := run(t, "ingest", "--plugin-dir", plugins, "--db", db, "--connector", "fakegood", t.TempDir()).mustSucceed(t)
	for _, want := range []string{`Loaded source "fakegood"`, "activities.csv", "294 activities", "6 rows could not be read", "activities.csv:51"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ingest output lacks %q:\n%s", want, r.stdout)
		}
	}
	q := run(t, "query", "--db", db, "--format", "json", "select count(*) as n from activities").mustSucceed(t)
	var rows []map[string]int64
	if err := json.Unmarshal([]byte(q.stdout), &rows); err != nil || len(rows) != 1 || rows[0]["n"] != 294 {
		t.Errorf("query output %q (%v)", q.stdout, err)
	}
}

func TestAPanickingConnectorLeavesTheDatabaseUnchanged(t *testing.T) {
	t.Parallel()
	plugins := installFake(t, "fakegood", "fakepanic")
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	run(t, "ingest", "--plugin-dir", plugins, "--db", db, "-c", "fakegood", "--source", "crm", t.TempDir()).mustSucceed(t)
	before := dbCount(t, db, "SELECT count(*) FROM activities")

	r := run(t, "ingest", "--plugin-dir", plugins, "--db", db, "-c", "fakepanic", "--source", "crm", t.TempDir())
	if r.code != ExitError {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"nothing was loaded", "connector fakepanic exited", "panic: fake connector: planted panic at activity 2000"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if after := dbCount(t, db, "SELECT count(*) FROM activities"); after != before {
		t.Errorf("activities = %d after the crash, want %d as before", after, before)
	}
	if runs := dbCount(t, db, "SELECT count(*) FROM ingest_runs"); runs != 1 {
		t.Errorf("runs = %d, want only the good one", runs)
	}
}

func TestAHangingConnectorTimesOut(t *testing.T) {
	t.Parallel()
	plugins := installFake(t, "fakehang")
	r := run(t, "ingest", "--plugin-dir", plugins, "--db", duckdb.MemoryPath, "-c", "fakehang", "--plugin-timeout", "300ms", t.TempDir())
	if r.code != ExitError || !strings.Contains(r.stderr, "connector fakehang") || !strings.Contains(r.stderr, "stopped sending for 300ms") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestConnectorsListsBuiltinAndExternal(t *testing.T) {
	t.Parallel()
	plugins := installFake(t, "fakegood")
	r := run(t, "connectors", "--plugin-dir", plugins, "--format", "csv").mustSucceed(t)
	v := strconv.Itoa(plugin.ProtocolVersion)
	for _, want := range []string{"salesforce,1.0.0," + v + ",", "built-in", "fakegood,0.0.1," + v + ",\"user, activity\"," + filepath.Join(plugins, "salesaudit-connector-fakegood")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("connectors output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestUnknownConnectorNamesTheAvailableOnes(t *testing.T) {
	t.Parallel()
	r := run(t, "ingest", "--db", duckdb.MemoryPath, "-c", "nope", t.TempDir())
	if r.code != ExitUsage || !strings.Contains(r.stderr, `no connector named "nope"`) || !strings.Contains(r.stderr, "salesforce") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// The first load is loadedDB's, made by the same ingest command without
// --connector; the second, again detected, prints what it detected.
func TestIngestDetectsSalesforceAndReingestIsIdempotent(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	export := acmeExport
	counts := func() string {
		return run(t, "query", "--db", db, "--format", "csv",
			"select (select count(*) from users), (select count(*) from activities), (select count(*) from activity_attendees), (select count(*) from rejects)").mustSucceed(t).stdout
	}
	before := counts()
	again := run(t, "ingest", "--db", db, export).mustSucceed(t)
	if !strings.Contains(again.stdout, "with connector salesforce") {
		t.Errorf("ingest output:\n%s", again.stdout)
	}
	if after := counts(); after != before {
		t.Errorf("counts changed on re-ingest:\n%s\nthen\n%s", before, after)
	}
	if runs := dbCount(t, db, "SELECT count(*) FROM ingest_runs"); runs != 2 {
		t.Errorf("runs = %d, want 2", runs)
	}
	if unbalanced := dbCount(t, db, "SELECT count(*) FROM ingest_files WHERE rows_read <> rows_loaded + rows_rejected + rows_skipped"); unbalanced != 0 {
		t.Errorf("%d files do not add up", unbalanced)
	}
}

func TestAccentedTextSurvivesAWindows1252Export(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	run(t, "ingest", "--db", db, "--connector", "salesforce", filepath.Join("..", "..", "testdata", "salesforce", "acme-win1252")).mustSucceed(t)
	r := run(t, "query", "--db", db, "--format", "csv", "select subject from activities where subject like 'Reuni_n%' order by subject limit 1").mustSucceed(t)
	if !strings.Contains(r.stdout, "Reunión") {
		t.Errorf("query output %q lacks Reunión", r.stdout)
	}
	if bad := dbCount(t, db, "SELECT count(*) FROM activities WHERE subject LIKE '%\uFFFD%'"); bad != 0 {
		t.Errorf("%d subjects hold replacement characters", bad)
	}
}

func TestMissingInputIsNamed(t *testing.T) {
	t.Parallel()
	r := run(t, "ingest", "--db", duckdb.MemoryPath, "no/such/export")
	if r.code != ExitError || r.stderr != "salesaudit: no/such/export does not exist\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// lockedBuffer is a writer the spinner's own goroutine can write to while
// the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestTheAuditNamesItsStepsOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	var out lockedBuffer
	p := newAuditProgress(&out, true)
	p.step("audit/period.sql")
	if !strings.Contains(out.String(), "Auditing (done: audit/period.sql)") {
		t.Errorf("spinner wrote %q", out.String())
	}
	p.done()
	after := out.String()
	time.Sleep(350 * time.Millisecond) // the spinner redraws every 100 ms while it runs
	if later := out.String(); later != after {
		t.Errorf("the spinner kept drawing after done: %q", strings.TrimPrefix(later, after))
	}

	var quiet strings.Builder
	q := newAuditProgress(&quiet, false)
	q.step("audit/period.sql")
	q.done()
	if quiet.Len() != 0 {
		t.Errorf("without a terminal the audit printed %q", quiet.String())
	}
}

func TestProgressLinesWhenNotOnATerminal(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := newProgress(&out, 2000, false)
	p.every = 0
	p.update(plugin.Progress{File: "Task.csv", BytesRead: 500, BytesTotal: 1500, RowsRead: 40})
	p.update(plugin.Progress{File: "Event.csv", BytesRead: 500, BytesTotal: 500, RowsRead: 10})
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "loading: 0.0 MB of 0.0 MB (50 %), 50 rows") {
		t.Errorf("progress lines:\n%s", out.String())
	}
	var quiet strings.Builder
	q := newProgress(&quiet, 2000, true)
	q.update(plugin.Progress{File: "Task.csv", BytesRead: 500, BytesTotal: 1500, RowsRead: 40})
	if quiet.Len() != 0 {
		t.Errorf("--quiet printed %q", quiet.String())
	}
}
