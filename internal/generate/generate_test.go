package generate

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/connector/hubspot"
	"github.com/salesaudit/salesaudit/internal/connector/salesforce"
	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/ingest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// generated is a company written, loaded through the connector of its
// format and audited with the default configuration.
type generated struct {
	dir    string
	truth  *Truth
	report *audit.Report
	db     *duckdb.DB
	// intended is the category the generator meant for each activity a
	// first-line manager takes part in, by activity and manager ID.
	intended map[[2]string]string
}

func generateAndAudit(t *testing.T, opts Options) *generated {
	t.Helper()
	ctx := context.Background()
	g := &generated{dir: t.TempDir(), intended: map[[2]string]string{}}
	opts.Out = g.dir
	trace := func(activity, manager sfID, category string) {
		g.intended[[2]string{activity.String(), manager.String()}] = category
	}
	truth, err := generate(ctx, opts, hooks{trace: trace})
	if err != nil {
		t.Fatal(err)
	}
	g.truth = truth
	// One DuckDB thread: the companies are small and the test packages
	// run side by side; the ingest and audit run the same on any count.
	g.db, err = duckdb.Open(ctx, duckdb.MemoryPath, duckdb.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.db.Close() })
	res, err := ingest.Run(ctx, g.db, plugintest.Connect(t, connectorFor(opts.Format)), ingest.Options{Input: g.dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.RowsRejected > 0 {
			t.Errorf("%s: %d rows rejected", f.File, f.RowsRejected)
		}
		// The manager mapping's rows are applied, not loaded: skipped.
		if len(f.RowsSkipped) > 0 && opts.Format == FormatHubSpot && f.File != hubspotHierarchyFile {
			t.Errorf("%s: rows skipped: %v", f.File, f.RowsSkipped)
		}
	}
	g.report, err = audit.Run(ctx, g.db.SQL(), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func connectorFor(format string) plugin.Connector {
	if format == FormatHubSpot {
		return hubspot.New()
	}
	return salesforce.New()
}

// The companies the audit is tested on: small, so that the tests stay
// quick, and varied (small teams, a short period).
var testCompanies = []Options{
	{Managers: 12, RepsPerManager: 6, Months: 6, Seed: 1},
	{Managers: 12, RepsPerManager: 6, Months: 6, Seed: 2},
	{Managers: 10, RepsPerManager: 4, Months: 4, Seed: 3},
}

// TestAuditFindsWhatWasPlanted audits generated companies and requires
// every planted mistake found (warning or high), no finding where the
// manager is clean, and "not enough data" where the truth says so.
func TestAuditFindsWhatWasPlanted(t *testing.T) {
	if testing.Short() {
		t.Skip("generates, loads and audits three companies")
	}
	total := map[string]*tally{}
	for _, id := range Rules() {
		total[id] = &tally{}
	}
	for _, opts := range testCompanies {
		t.Run(fmt.Sprintf("seed %d", opts.Seed), func(t *testing.T) {
			g := generateAndAudit(t, opts)
			checkPeriod(t, g)
			for _, problem := range compare(g.truth, g.report, total) {
				t.Error(problem)
			}
		})
	}
	logTallies(t, total)
}

// hubspotTestCompanies are small HubSpot companies that, together, have
// every mistake planted in someone.
var hubspotTestCompanies = []Options{
	{Managers: 8, RepsPerManager: 5, Months: 4, Seed: 4, Format: FormatHubSpot},
	{Managers: 10, RepsPerManager: 6, Months: 4, Seed: 12, Format: FormatHubSpot},
}

// TestHubSpotAuditFindsWhatWasPlanted is TestAuditFindsWhatWasPlanted
// for HubSpot exports, loaded through the HubSpot connector: every rule
// planted somewhere, every planted mistake found, no finding where the
// manager is clean.
func TestHubSpotAuditFindsWhatWasPlanted(t *testing.T) {
	if testing.Short() {
		t.Skip("generates, loads and audits two companies")
	}
	total := map[string]*tally{}
	for _, id := range Rules() {
		total[id] = &tally{}
	}
	for _, opts := range hubspotTestCompanies {
		t.Run(fmt.Sprintf("seed %d", opts.Seed), func(t *testing.T) {
			g := generateAndAudit(t, opts)
			if g.truth.Format != FormatHubSpot {
				t.Errorf("truth.json says format %q", g.truth.Format)
			}
			checkPeriod(t, g)
			for _, problem := range compare(g.truth, g.report, total) {
				t.Error(problem)
			}
		})
	}
	for _, id := range Rules() {
		if total[id].planted == 0 {
			t.Errorf("%s planted in none of the HubSpot test companies", id)
		}
	}
	logTallies(t, total)
}

func logTallies(t *testing.T, total map[string]*tally) {
	t.Helper()
	for _, id := range Rules() {
		s := total[id]
		t.Logf("%s: planted %2d found %2d (recall %.2f); clean %2d flagged %d (precision %.2f); not enough data %d/%d",
			id, s.planted, s.found, s.recall(), s.clean, s.falseAlarms, s.precision(), s.naAgreed, s.na)
	}
}

type tally struct {
	planted, found, clean, falseAlarms, na, naAgreed int
}

func (s *tally) recall() float64 {
	if s.planted == 0 {
		return 1
	}
	return float64(s.found) / float64(s.planted)
}

func (s *tally) precision() float64 {
	if s.found+s.falseAlarms == 0 {
		return 1
	}
	return float64(s.found) / float64(s.found+s.falseAlarms)
}

// compare checks the audit's verdicts against the truth, counting them
// per rule, and returns every disagreement.
func compare(truth *Truth, report *audit.Report, tallies map[string]*tally) []string {
	findings := map[[2]string]audit.Finding{}
	for _, m := range report.Managers {
		for _, f := range m.Findings {
			findings[[2]string{m.ID, f.Rule}] = f
		}
	}
	var problems []string
	for _, m := range truth.FirstLineManagers {
		for _, id := range Rules() {
			want := m.Rules[id]
			f, ok := findings[[2]string{m.ID, id}]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s (%s): no %s finding", m.Name, m.ID, id))
				continue
			}
			s := tallies[id]
			flagged := f.Severity == audit.SeverityWarning || f.Severity == audit.SeverityHigh
			var agrees bool
			switch want.Status {
			case StatusPlanted:
				s.planted++
				if flagged {
					s.found++
				}
				agrees = flagged
			case StatusClean:
				s.clean++
				if flagged {
					s.falseAlarms++
				}
				agrees = f.Severity == audit.SeverityOK
			case StatusNotEnoughData:
				s.na++
				agrees = f.Severity == audit.SeverityNotEnoughData
				if agrees {
					s.naAgreed++
				}
			}
			if !agrees {
				problems = append(problems, fmt.Sprintf("%s (%s, team of %d, planted %v): %s is %s, metric %s (planned %s); the truth says %s %s",
					m.Name, m.ID, m.TeamSize, m.Planted, id, f.Severity, show(f.Metric), show(want.Metric), want.Status, f.Missing))
			}
		}
	}
	return problems
}

func show(v *float64) string {
	if v == nil {
		return "none"
	}
	return fmt.Sprintf("%.2f", *v)
}

func checkPeriod(t *testing.T, g *generated) {
	t.Helper()
	from, to := g.report.Period.From.Format(time.DateOnly), g.report.Period.To.Format(time.DateOnly)
	if from != g.truth.Period.From || to != g.truth.Period.To {
		t.Errorf("the audit's period is %s to %s, the truth's %s to %s", from, to, g.truth.Period.From, g.truth.Period.To)
	}
}

// TestSubjectsAreClassifiedAsIntended checks every activity of every
// first-line manager: the category the audit gave it must be the one the
// generator meant (the subjects in six languages, the attendees, the
// accounts all play their part).
func TestSubjectsAreClassifiedAsIntended(t *testing.T) {
	if testing.Short() {
		t.Skip("generates, loads and audits a company")
	}
	g := generateAndAudit(t, Options{Managers: 8, RepsPerManager: 5, Months: 3, Seed: 7})
	ids := lineIDs(t, g.dir, fileTask, fileEvent)
	seen := map[[2]string]bool{}
	wrong := map[string]int{}
	// One audit for every manager: Explain names each activity's manager.
	managers := map[string]string{} // name -> ID
	for _, m := range g.truth.FirstLineManagers {
		if _, twice := managers[m.Name]; twice {
			t.Fatalf("two first-line managers are called %s: this test tells managers apart by name", m.Name)
		}
		managers[m.Name] = m.ID
	}
	activities, err := audit.Explain(context.Background(), g.db.SQL(), audit.Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range activities {
		managerID, firstLine := managers[a.Manager]
		if !firstLine {
			continue // a director, in whom nothing is planted
		}
		_, origin, _ := strings.Cut(a.Origin, ":")
		id, ok := ids[origin]
		if !ok {
			t.Fatalf("no activity at %s", a.Origin)
		}
		key := [2]string{id, managerID}
		seen[key] = true
		want, ok := g.intended[key]
		if !ok {
			wrong[fmt.Sprintf("%q (%s): not meant for the manager, audited as %s", a.Subject, a.Kind, a.Category)]++
			continue
		}
		if a.Category != want {
			wrong[fmt.Sprintf("%q (%s, %d reps): meant as %s, audited as %s by %q", a.Subject, a.Kind, a.DirectReps, want, a.Category, a.Rule)]++
		}
	}
	for key, category := range g.intended {
		if !seen[key] {
			wrong[fmt.Sprintf("activity %s of manager %s (%s) not audited", key[0], key[1], category)]++
		}
	}
	var problems []string
	for p, n := range wrong {
		problems = append(problems, fmt.Sprintf("%dx %s", n, p))
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d manager activities checked", len(seen))
}

// lineIDs maps "file:line" to the ID of the record starting there.
func lineIDs(t *testing.T, dir string, files ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range files {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		r.ReuseRecord = true
		if _, err := r.Read(); err != nil { // the header
			t.Fatal(err)
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			line, _ := r.FieldPos(0)
			out[fmt.Sprintf("%s:%d", name, line)] = rec[0]
		}
		f.Close()
	}
	return out
}
