package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// goldenCases are end-to-end audits: each is a folder of testdata/golden
// with the export it audits (in "input") and the expected report in each
// format.
var goldenCases = []struct {
	name  string
	input string
	args  []string
}{
	{name: "acme", input: "salesforce/acme"},
	{name: "acme-q1-markus", input: "salesforce/acme", args: []string{"--from", "2026-01-01", "--to", "2026-03-31", "--manager", "Markus Weber"}},
}

var goldenFormats = map[string]string{"table": "report.txt", "markdown": "report.md", "csv": "report.csv", "json": "report.json", "html": "report.html"}

// TestGoldenReports audits each case's export once and compares the report
// in every format with the golden files; the audit command, run end to end
// on the export as a user runs it, must print the same report.
func TestGoldenReports(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..", "testdata")
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			input := filepath.Join(root, c.input)
			reports, db := sharedAuditOf(t, input, c.args...) // it filled the cache
			for format, file := range goldenFormats {
				t.Run(format, func(t *testing.T) {
					golden := filepath.Join(root, "golden", c.name, file)
					got := reports[format]
					if *update {
						if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run go test ./internal/cli -run TestGoldenReports -update to create it)", err)
					}
					if got != string(want) {
						t.Errorf("%s differs from the report; if the change is intended, run go test ./internal/cli -run TestGoldenReports -update\n%s", golden, firstDifference(got, string(want)))
					}
				})
			}
			t.Run("same from the cache", func(t *testing.T) {
				warm := reportsOfOneAudit(t, db, c.args)
				if read := cacheEntriesRead(t, db); read != 1 {
					t.Errorf("the second audit read %d entries of the cache, want 1", read)
				}
				for format := range goldenFormats {
					if warm[format] != reports[format] {
						t.Errorf("%s from the cache differs:\n%s", format, firstDifference(warm[format], reports[format]))
					}
				}
			})
			t.Run("fits 100 columns", func(t *testing.T) { checkFitsColumns(t, reports["table"], 100) })
			t.Run("same numbers", func(t *testing.T) { checkSameNumbers(t, reports) })
			args := append([]string{"audit", "--db", ":memory:", "--format", "table"}, c.args...)
			got := run(t, append(args, input)...).mustSucceed(t).stdout
			if got != reports["table"] {
				t.Errorf("the audit command's report of %s differs from the golden one:\n%s", input, firstDifference(got, reports["table"]))
			}
		})
	}
}

// audits are the reports sharedReports made, by export and flags.
var audits sync.Map

type sharedAudit struct {
	sync.Once
	reports map[string]string
	db      string
	// asLeft is a copy of db and its cache as the audit left them, for
	// auditedDB: TestGoldenReports audits db again, which notes in the
	// cache that it was read.
	asLeft string
}

// sharedReports is reportsOfOneAudit of the export's loaded database
// (loadedDB) with the report flags given, audited once per test binary:
// tests that read the same report share it rather than pay for the same
// audit again.
func sharedReports(t *testing.T, export string, flags ...string) map[string]string {
	t.Helper()
	reports, _ := sharedAuditOf(t, export, flags...)
	return reports
}

// sharedAuditOf is sharedReports and the database audited, whose cache
// the audit filled.
func sharedAuditOf(t *testing.T, export string, flags ...string) (map[string]string, string) {
	t.Helper()
	shared := sharedAuditEntry(t, export, flags)
	return shared.reports, shared.db
}

// sharedAuditEntry is the shared audit of the export with the report
// flags given, made on first use.
func sharedAuditEntry(t *testing.T, export string, flags []string) *sharedAudit {
	t.Helper()
	v, _ := audits.LoadOrStore(export+"\x00"+strings.Join(flags, "\x00"), &sharedAudit{})
	shared := v.(*sharedAudit)
	shared.Do(func() {
		// Beside the test binary's other shared files: the test that
		// runs first may end before the others read the database.
		var dirs [2]string
		for i := range dirs {
			dir, err := os.MkdirTemp(sharedDir, "audit-")
			if err != nil {
				t.Fatal(err)
			}
			dirs[i] = dir
		}
		shared.db = copyDBInto(t, ingestedOnce(t, export), dirs[0])
		reports := reportsOfOneAudit(t, shared.db, flags)
		shared.asLeft = copyDBInto(t, shared.db, dirs[1])
		copyDBInto(t, duckdb.CachePath(shared.db), dirs[1]) // the cache is a DuckDB file too
		shared.reports = reports
	})
	if shared.reports == nil {
		t.Fatalf("the audit of %s %v failed in the test that ran it first", export, flags)
	}
	return shared
}

// auditedDB returns a database of the caller's own as a user has it after
// a first report: the export loaded as loadedDB loads it and audited
// once with the default flags (sharedReports' audit), the audit cache
// beside it holding that audit. A report or explain of the same period
// reads the cache (for another manager, format or category too), which
// TestGoldenReports checks gives the report an audit afresh gives; tests
// of the commands that do not need an audit afresh spare one this way.
func auditedDB(t *testing.T, export string) string {
	t.Helper()
	asLeft := sharedAuditEntry(t, export, nil).asLeft
	dir := t.TempDir()
	copyDBInto(t, duckdb.CachePath(asLeft), dir)
	return copyDBInto(t, asLeft, dir)
}

// reportsOfOneAudit audits the database with the report flags given and
// prints the report in each golden format as the audit and report
// commands print it.
func reportsOfOneAudit(t *testing.T, db string, flags []string) map[string]string {
	t.Helper()
	var opts reportOptions
	cmd := &cobra.Command{}
	opts.addFlags(cmd)
	if err := cmd.ParseFlags(flags); err != nil {
		t.Fatal(err)
	}
	auditOpts, _, err := opts.parsed()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	a := &app{stdout: &stdout, stderr: io.Discard, dbPath: db}
	ctx := context.Background()
	if auditOpts.Pseudonymize != "" {
		if auditOpts.PseudonymKey, err = a.pseudonymKey(ctx); err != nil {
			t.Fatal(err)
		}
	}
	d, err := a.openExisting(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := withPseudonymKey(ctx, d, &auditOpts); err != nil {
		t.Fatal(err)
	}
	auditOpts.Cache = a.auditCache(ctx, d, false) // as the report command does
	rep, err := a.runAuditQueries(ctx, d, auditOpts, false)
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]string{}
	for name := range goldenFormats {
		format, err := reportFormat(name)
		if err != nil {
			t.Fatal(err)
		}
		stdout.Reset()
		if err := a.printReport(rep, format, ""); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		reports[name] = stdout.String()
	}
	return reports
}

// cacheEntriesRead counts the entries of the database's audit cache that
// an audit has read back since it made them.
func cacheEntriesRead(t *testing.T, path string) int64 {
	t.Helper()
	ctx := context.Background()
	db, err := duckdb.Open(ctx, path, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	catalog, err := db.AttachCache(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.SQL().QueryRow("SELECT count(*) FROM " + catalog + ".entries WHERE used_at > made_at").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// firstDifference shows the first line where two texts differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  got:  %s\n  want: %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestAuditJSONHasTheDocumentedShape reads the JSON of the golden test's
// audit of acme: the audit command prints the same (TestGoldenReports
// checks its table, TestTheAuditRunsOnEveryConnectorsFixtures its JSON on
// every connector's export).
func TestAuditJSONHasTheDocumentedShape(t *testing.T) {
	t.Parallel()
	out := sharedReports(t, acmeExport)["json"]
	var rep struct {
		Period   struct{ From, To string }
		Managers []struct {
			ID       string
			Name     string
			TeamSize int `json:"team_size"`
			Time     struct {
				ByRole     []struct{ Name string } `json:"by_role"`
				ByCategory []struct{ Name string } `json:"by_category"`
			}
			Findings []struct {
				Rule, Severity, Threshold, Recommendation string
				Metric                                    *float64
				Evidence                                  []map[string]any
			}
		}
		DataQuality map[string]any `json:"data_quality"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Period.From == "" || len(rep.Managers) == 0 || rep.DataQuality["activities"] == nil {
		t.Fatalf("report lacks period, managers or data quality: %.300s", out)
	}
	for _, m := range rep.Managers {
		if m.ID == "" || m.Name == "" || m.TeamSize == 0 || len(m.Time.ByRole) < 4 || len(m.Time.ByCategory) < 11 {
			t.Errorf("manager %+v is incomplete", m)
		}
		if len(m.Findings) != 14 {
			t.Errorf("%s has %d findings, want one per rule (14)", m.Name, len(m.Findings))
		}
		for _, f := range m.Findings {
			if f.Rule == "" || f.Severity == "" || f.Threshold == "" || f.Recommendation == "" {
				t.Errorf("%s: finding %+v is incomplete", m.Name, f)
			}
		}
	}
}

// TestReportReadsALoadedDatabase reports on one manager of a database a
// first report audited, as sales ops go through their managers one by one.
func TestReportReadsALoadedDatabase(t *testing.T) {
	t.Parallel()
	db := auditedDB(t, acmeExport)
	r := run(t, "report", "--db", db, "--manager", "sanne de vries", "--format", "markdown").mustSucceed(t)
	if !strings.Contains(r.stdout, "## Sanne de Vries") || strings.Contains(r.stdout, "## Markus Weber") {
		t.Errorf("report for one manager:\n%.600s", r.stdout)
	}
	bad := run(t, "report", "--db", db, "--manager", "Nobody")
	if bad.code != ExitError || !strings.Contains(bad.stderr, `no manager "Nobody"`) || !strings.Contains(bad.stderr, "Sanne de Vries") {
		t.Errorf("exit %d, stderr %q", bad.code, bad.stderr)
	}
}

func TestAuditWritesCSVFiles(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "csv")
	run(t, "audit", "--db", ":memory:", "--connector", "salesforce", "--format", "csv", "--out", out, acmeExport).mustSucceed(t)
	for _, name := range []string{"time", "findings", "evidence", "data_quality"} {
		data, err := os.ReadFile(filepath.Join(out, name+".csv"))
		if err != nil || strings.Count(string(data), "\n") < 2 {
			t.Errorf("%s.csv: %v, %d bytes", name, err, len(data))
		}
	}
}

func TestAuditFlagsAreChecked(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"audit"},
		{"audit", "--from", "01/02/2026", acmeExport},
		{"audit", "--from", "2026-05-01", "--to", "2026-04-01", acmeExport},
		{"audit", "--out", "x", acmeExport},
		{"report", "--format", "pdf"},
	} {
		if r := run(t, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, stderr %q; want 2", args, r.code, r.stderr)
		}
	}
}

func TestRulesListsEveryRuleWithThresholdsInForce(t *testing.T) {
	t.Parallel()
	cfg := filepath.Join(t.TempDir(), "sa.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  BM1: {warn: 12, high: 22}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "rules", "--config", cfg).mustSucceed(t)
	if len(audit.Rules) < 14 {
		t.Fatalf("only %d rules", len(audit.Rules))
	}
	for _, rule := range audit.Rules {
		if !strings.Contains(r.stdout, rule.ID+" "+rule.Name) {
			t.Errorf("rules output lacks %s %s", rule.ID, rule.Name)
		}
	}
	if !strings.Contains(r.stdout, "warning above 12 %, high above 22 %") {
		t.Errorf("rules output does not show the configured BM1 thresholds:\n%.500s", r.stdout)
	}
}

func TestDocsRulesIsUpToDate(t *testing.T) {
	t.Parallel()
	r := run(t, "rules", "--format", "markdown").mustSucceed(t)
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != r.stdout {
		t.Errorf("docs/rules.md is not what 'salesaudit rules --format markdown' writes (%v); run go test ./internal/cli -run TestDocsRulesIsUpToDate -update", err)
	}
}

func TestConfigInitWritesTheDefaultsOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "salesaudit.yaml")
	run(t, "config", "init", path).mustSucceed(t)
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "classification:") {
		t.Fatalf("config init wrote %q (%v)", data, err)
	}
	if again := run(t, "config", "init", path); again.code != ExitError || !strings.Contains(again.stderr, "--force") {
		t.Errorf("second init: exit %d, %q", again.code, again.stderr)
	}
	run(t, "config", "init", "--force", path).mustSucceed(t)
	// The file written is a valid configuration.
	run(t, "rules", "--config", path).mustSucceed(t)
}

func TestABadConfigNamesFileAndLine(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte("durations:\n  max_minutes: 600\nrules:\n  BM1: {warn: 25, hihg: 35}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "rules", "--config", path)
	if r.code != ExitError || !strings.Contains(r.stderr, path) || !strings.Contains(r.stderr, "line 4") || !strings.Contains(r.stderr, `"hihg"`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestExplainAddsUpToTheReport(t *testing.T) {
	t.Parallel()
	var rep struct {
		Managers []struct {
			Name string
			Time struct {
				ByCategory []struct {
					Name  string
					Hours float64
				} `json:"by_category"`
			}
		}
	}
	if err := json.Unmarshal([]byte(sharedReports(t, acmeExport)["json"]), &rep); err != nil {
		t.Fatal(err)
	}
	m := rep.Managers[0]
	type row struct {
		Minutes  float64
		Category string
		Rule     string
	}
	explain := func(t *testing.T, args ...string) []row {
		t.Helper()
		r := run(t, append([]string{"explain", "--db", auditedDB(t, acmeExport), "--manager", m.Name, "--format", "json"}, args...)...)
		var rows []row
		if err := json.Unmarshal([]byte(r.mustSucceed(t).stdout), &rows); err != nil {
			t.Fatal(err)
		}
		return rows
	}
	// One explain of the manager's every activity, added up per category:
	// an audit is the costly part, the sums are the test.
	minutes := map[string]float64{}
	for _, r := range explain(t) {
		minutes[r.Category] += r.Minutes
		if r.Rule == "" && r.Category != "unclassified" {
			t.Errorf("%s: row %+v has no classification rule", m.Name, r)
		}
	}
	var explained, empty string
	for _, c := range m.Time.ByCategory {
		if diff := minutes[c.Name]/60 - c.Hours; diff > 0.1 || diff < -0.1 {
			t.Errorf("%s/%s: explain adds up to %.2f h, the report says %.1f h", m.Name, c.Name, minutes[c.Name]/60, c.Hours)
		}
		if c.Hours > 0 && explained == "" {
			explained = c.Name
		}
		if c.Hours == 0 && empty == "" {
			empty = c.Name
		}
		delete(minutes, c.Name)
	}
	if len(minutes) > 0 {
		t.Errorf("%s: explain shows categories the report does not: %v", m.Name, minutes)
	}
	// --category keeps that category's activities, and says so when there
	// are none.
	t.Run("one category", func(t *testing.T) {
		t.Parallel()
		rows := explain(t, "--category", explained)
		if len(rows) == 0 {
			t.Fatalf("%s/%s: no activities", m.Name, explained)
		}
		for _, r := range rows {
			if r.Category != explained {
				t.Errorf("%s/%s: row %+v", m.Name, explained, r)
			}
		}
	})
	t.Run("an empty category", func(t *testing.T) {
		t.Parallel()
		if empty == "" {
			t.Skip("every category of this manager has time")
		}
		r := run(t, "explain", "--db", auditedDB(t, acmeExport), "--manager", m.Name, "--category", empty, "--format", "json")
		if r.code != ExitError || !strings.Contains(r.stderr, "no activities match") {
			t.Errorf("%s/%s: exit %d, %q", m.Name, empty, r.code, r.stderr)
		}
	})
}

func TestMappingInitWritesTheTemplateOnce(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "salesaudit-mapping.yaml")
	r := run(t, "connectors", "mapping", "init", path).mustSucceed(t)
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "files:") || !strings.Contains(r.stdout, path) {
		t.Fatalf("mapping init wrote %q (%v), said %q", data, err, r.stdout)
	}
	if again := run(t, "connectors", "mapping", "init", path); again.code != ExitError || !strings.Contains(again.stderr, "--force") {
		t.Errorf("second init: exit %d, %q", again.code, again.stderr)
	}
}

func TestGenerateNeedsOut(t *testing.T) {
	t.Parallel()
	if r := run(t, "generate"); r.code != ExitUsage || !strings.Contains(r.stderr, "--out is required") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
}

func TestThePeriodReachesConnectorsThatTakeOne(t *testing.T) {
	t.Parallel()
	info := plugin.Info{Options: map[string]string{"from": "", "to": "", "timezone": ""}}
	period := audit.Options{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	got := withPeriod(map[string]string{"timezone": "Europe/Paris"}, info, period)
	if got["from"] != "2026-01-01" || got["to"] != "2026-06-30" || got["timezone"] != "Europe/Paris" {
		t.Errorf("options = %v", got)
	}
	if got := withPeriod(map[string]string{"from": "2026-02-01"}, info, period); got["from"] != "2026-02-01" {
		t.Errorf("a user's -o from was overridden: %v", got)
	}
	if got := withPeriod(nil, plugin.Info{}, period); len(got) != 0 {
		t.Errorf("a connector without a period option got %v", got)
	}
}

// checkFitsColumns fails on a line of the terminal report wider than a
// terminal of width columns.
func checkFitsColumns(t *testing.T, report string, width int) {
	t.Helper()
	for i, line := range strings.Split(report, "\n") {
		if n := utf8.RuneCountInString(line); n > width {
			t.Errorf("line %d is %d columns wide, more than %d:\n%s", i+1, n, width, line)
		}
	}
}

// checkSameNumbers checks that every format tells the model's numbers as
// the model rounds them: each manager's estimated share and role shares
// in the table, Markdown and HTML reports (in the manager's own part of
// each), and exactly in CSV's time table.
func checkSameNumbers(t *testing.T, reports map[string]string) {
	t.Helper()
	// The model's numbers this checks (the JSON report is the model).
	var rep struct {
		Managers []struct {
			ID, Name string
			Time     audit.TimeSplit
		}
	}
	if err := json.Unmarshal([]byte(reports["json"]), &rep); err != nil {
		t.Fatal(err)
	}
	csvShares := csvRoleShares(t, reports["csv"])
	for _, m := range rep.Managers {
		logged := "Logged " + strconv.FormatFloat(m.Time.Hours, 'f', -1, 64) + " h"
		for _, format := range []string{"table", "markdown", "html"} {
			part := sectionFrom(reports[format], logged, "Logged ")
			if part == "" {
				t.Errorf("%s: no %q for %s", format, logged, m.Name)
				continue
			}
			want := []string{percentText(m.Time.EstimatedShare) + " of the minutes are estimated"}
			for _, s := range m.Time.ByRole {
				want = append(want, percentText(s.Percent))
			}
			for _, w := range want {
				if !strings.Contains(part, w) {
					t.Errorf("%s: %s's part lacks %q", format, m.Name, w)
				}
			}
		}
		for _, s := range m.Time.ByRole {
			if got, ok := csvShares[m.ID+"/"+s.Name]; !ok || got != s.Percent {
				t.Errorf("csv: %s %s share %v, the model says %v", m.Name, s.Name, got, s.Percent)
			}
		}
	}
}

func percentText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " %" }

// sectionFrom is text from the first start to the next next after it.
func sectionFrom(text, start, next string) string {
	i := strings.Index(text, start)
	if i < 0 {
		return ""
	}
	rest := text[i+len(start):]
	if j := strings.Index(rest, next); j >= 0 {
		rest = rest[:j]
	}
	return start + rest
}

// csvRoleShares reads the role rows of the CSV report's time table:
// percent by manager ID and role.
func csvRoleShares(t *testing.T, report string) map[string]float64 {
	t.Helper()
	section := sectionFrom(report, "# time\n", "\n# ")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(section, "# time\n"))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("csv time table: %v (%d rows)", err, len(rows))
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	out := map[string]float64{}
	for _, r := range rows[1:] {
		if r[col["kind"]] != "role" {
			continue
		}
		v, err := strconv.ParseFloat(r[col["percent"]], 64)
		if err != nil {
			t.Fatalf("csv time table: percent %q: %v", r[col["percent"]], err)
		}
		out[r[col["manager_id"]]+"/"+r[col["name"]]] = v
	}
	return out
}
