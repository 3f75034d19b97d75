package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

// TestClassifySuggestLoop runs the loop the docs describe on a small
// Salesforce export: audit, suggest, accept, audit again with the
// written rules; the accepted subjects leave unclassified for the
// categories proposed, and nothing else moves.
func TestClassifySuggestLoop(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, "../../testdata/classify/suggest")
	type suggestion struct {
		Number   int     `json:"#"`
		Subjects string  `json:"subjects"`
		Hours    float64 `json:"hours"`
		Category string  `json:"proposed category"`
		Keyword  string  `json:"keyword"`
	}
	var listed []suggestion
	out := run(t, "classify", "suggest", "--db", db, "--format", "json").mustSucceed(t)
	if err := json.Unmarshal([]byte(out.stdout), &listed); err != nil {
		t.Fatalf("suggest --format json: %v\n%s", err, out.stdout)
	}
	want := []suggestion{
		{1, "forcast abgeben kw #", 1, "planning", "forcast*"},
		{2, "notizen …", 0.5, "", ""},
		{3, "vertriebskickoff # vorbereiten", 0.5, "hq", "*kickoff"},
		{4, "messestand hannover abbauen", 0.3, "", ""},
	}
	if len(listed) != len(want) {
		t.Fatalf("listed %+v, want %+v", listed, want)
	}
	for i := range want {
		if listed[i] != want[i] {
			t.Errorf("suggestion %d: %+v, want %+v", i+1, listed[i], want[i])
		}
	}

	rules := filepath.Join(t.TempDir(), "rules.yaml")
	refused := run(t, "classify", "suggest", "--db", db, "--accept", "2", "--write", rules)
	if refused.code == ExitOK || !strings.Contains(refused.stderr, "no keyword to add") {
		t.Errorf("accepting a group without a keyword: exit %d, %s", refused.code, refused.stderr)
	}
	wrote := run(t, "classify", "suggest", "--db", db, "--accept", "1,3", "--write", rules).mustSucceed(t)
	if !strings.Contains(wrote.stdout, "Wrote 2 keyword(s) to "+rules) {
		t.Errorf("accept said %q", wrote.stdout)
	}
	if again := run(t, "classify", "suggest", "--db", db, "--accept", "all", "--write", rules); again.code == ExitOK || !strings.Contains(again.stderr, rules+" exists: use --force") {
		t.Errorf("suggest overwrote the rules file without --force: exit %d, %s", again.code, again.stderr)
	}

	before := categoriesOf(t, db)
	after := categoriesOf(t, db, "--config", rules)
	moved := map[string]string{"Forcast abgeben KW 14": "planning", "Forcast abgeben KW 15": "planning",
		"Forcast abgeben KW 16": "planning", "Forcast abgeben KW 17": "planning",
		"Vertriebskickoff 2027 vorbereiten": "hq", "AW: Vertriebskickoff 2027 vorbereiten": "hq"}
	if len(before) < 10 {
		t.Fatalf("explain lists %d subjects of the manager's: %v", len(before), before)
	}
	for subject, category := range before {
		want, ok := moved[subject]
		if !ok {
			want = category
		}
		if after[subject] != want {
			t.Errorf("%q: %s before, %s after the rules; want %s", subject, category, after[subject], want)
		}
	}
	if written, err := os.ReadFile(rules); err != nil || !strings.Contains(string(written), "'*kickoff'") {
		t.Errorf("the rules file does not quote the compound keyword (%v):\n%s", err, written)
	}
}

// categoriesOf is each of the manager's activities' category, by subject.
func categoriesOf(t *testing.T, db string, args ...string) map[string]string {
	t.Helper()
	r := run(t, append([]string{"explain", "--db", db, "--manager", "Jana Becker", "--format", "json"}, args...)...).mustSucceed(t)
	var rows []struct {
		Subject  string `json:"subject"`
		Category string `json:"category"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("explain --format json: %v", err)
	}
	out := map[string]string{}
	for _, row := range rows {
		out[row.Subject] = row.Category
	}
	return out
}

func TestExplainAndSuggestWriteOnlyTableFormats(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"explain", "--format", "parquet", "--out", t.TempDir()},
		{"explain", "--format", "html"},
		{"classify", "suggest", "--format", "html"},
		{"classify", "suggest", "--format", "csv", "--out", t.TempDir()},
	} {
		r := run(t, append(args, "--db", ":memory:")...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "standard output") {
			t.Errorf("%v: exit %d, %s", args, r.code, r.stderr)
		}
	}
}

// TestSuggestionsWithoutAProposalSaySo: with no keyword to propose, the
// table printed four empty columns as a second, blank table, and named the
// category "now" by its key.
func TestSuggestionsWithoutAProposalSaySo(t *testing.T) {
	t.Parallel()
	none := []audit.Suggestion{{Pattern: "ops sync", Examples: []string{"Ops sync"}, Activities: 3, Minutes: 90, Category: "internal_other"}}
	var out strings.Builder
	if err := (&app{stdout: &out}).writeSuggestions(render.FormatTable, none); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"other internal meetings", "No keyword to propose"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
	for _, absent := range []string{"internal_other", "proposed category", "why"} {
		if strings.Contains(out.String(), absent) {
			t.Errorf("%q in\n%s", absent, out.String())
		}
	}
	out.Reset()
	if err := (&app{stdout: &out}).writeSuggestions(render.FormatJSON, none); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"now": "internal_other"`) || !strings.Contains(out.String(), `"proposed category": ""`) {
		t.Errorf("JSON changed its keys or columns:\n%s", out.String())
	}
}
