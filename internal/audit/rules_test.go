package audit

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/salesaudit/salesaudit/queries"
)

func TestRulesAreTheRulesFolder(t *testing.T) {
	files, err := fs.Glob(queries.Audit, "rules/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(Rules) != len(files) || len(files) == 0 {
		t.Fatalf("%d rules in Rules, %d rule files", len(Rules), len(files))
	}
	var ids []string
	for _, r := range Rules {
		ids = append(ids, r.ID)
	}
	// Report order: business, people, customer, then by ID.
	want := "BM1 BM2 BM3 BM4 BM5 PM1 PM2 PM3 PM4 PM5 PM6 CM1 CM2 CM3"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("rule order %s, want %s", got, want)
	}
	pm2, _ := RuleByID("pm2")
	if pm2.Name != "reps_without_coaching" || pm2.Unit != "reps" || pm2.Thresholds["minutes_per_week"] != 15 ||
		!slices.Equal(pm2.ThresholdNames, []string{"minutes_per_week", "high_share"}) || !strings.Contains(pm2.SQL, "audit_team") {
		t.Errorf("PM2 as loaded: %+v", pm2)
	}
}

func TestEveryAuditStepRuns(t *testing.T) {
	files, err := fs.Glob(queries.Audit, "audit/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	steps := slices.Sorted(slices.Values(queries.AuditSteps))
	if !slices.Equal(files, steps) {
		t.Errorf("audit/ holds %v, the steps are %v", files, steps)
	}
}

// The default configuration lists every rule's default thresholds, which
// come from the rules' files and nowhere else.
func TestTheDefaultConfigurationListsEveryRule(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		if len(cfg.Rules[r.ID].Values) != len(r.Thresholds) {
			t.Errorf("%s: the default configuration has %v, the rule %v", r.ID, cfg.Rules[r.ID].Values, r.Thresholds)
		}
		for name, v := range r.Thresholds {
			if got := cfg.Rules[r.ID].Values[name]; got != v {
				t.Errorf("%s.%s: the default configuration says %v, the rule %v", r.ID, name, got, v)
			}
		}
	}
	if strings.Count(string(defaultsYAML), "\nrules:") != 0 {
		t.Error("defaults.yaml repeats the rules' thresholds")
	}
}

// A rule as a third party would add it: two files in a folder.
const callCountYAML = `name: call_count
role: customer
unit: calls
measures: Calls the manager logged.
thresholds:
  many: 2
threshold_text: warning for any call, high at {many} or more
severity:
  high: metric >= many
  warning: metric > 0
evidence: each call
evidence_columns: [call]
recommendation: Call less.
source: A test.
`

const callCountSQL = `-- XX1: how many calls each manager logged in the period.
SELECT m.manager_key, count(t.subject) AS metric,
       CASE WHEN m.manager_key NOT IN (SELECT manager_key FROM audit_time)
            THEN 'no activities of this manager in the period' END AS missing,
       CAST(to_json(list({'call': t.subject} ORDER BY t.subject) FILTER (WHERE t.subject IS NOT NULL)) AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN audit_time AS t ON t.manager_key = m.manager_key AND t.kind = 'call'
GROUP BY m.manager_key;
`

func TestARuleIsAddedByDroppingTwoFilesInAFolder(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"XX1.yaml": callCountYAML, "XX1.sql": callCountSQL} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	added, err := LoadRules(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	b := newOrg(t)
	mia, leo, noa := b.manager("Mia"), b.manager("Leo"), b.manager("Noa")
	b.rep(mia, "Ana")
	b.rep(leo, "Ben")
	b.rep(noa, "Cy")
	b.call(mia, "Call Acme", 10*time.Minute)
	b.call(mia, "Call Bolt", 10*time.Minute)
	b.call(leo, "Call Acme", 10*time.Minute)
	b.meeting(noa, "Team meeting", time.Hour)
	opts := b.options()
	opts.Rules = append(slices.Clone(Rules), added...)
	rep, err := Run(context.Background(), b.load().SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	f := findingOf(t, rep, mia, "XX1")
	expect(t, f, SeverityHigh, 2)
	expectColumn(t, f, "call", "Call Acme", "Call Bolt")
	if f.Threshold != "warning for any call, high at 2 or more" || f.Unit != "calls" || f.Role != "customer" {
		t.Errorf("XX1 finding %+v", f)
	}
	expect(t, findingOf(t, rep, leo, "XX1"), SeverityWarning, 1)
	expect(t, findingOf(t, rep, noa, "XX1"), SeverityOK, 0)
	findingOf(t, rep, noa, "PM1") // the built-in rules still run
}

func TestRuleFilesSayWhatIsWrong(t *testing.T) {
	good := fstest.MapFS{"XX1.yaml": {Data: []byte(callCountYAML)}, "XX1.sql": {Data: []byte(callCountSQL)}}
	if _, err := LoadRules(good); err != nil {
		t.Fatalf("a good rule: %v", err)
	}
	for _, c := range []struct {
		name    string
		files   map[string]string
		problem string
	}{
		{"no SQL", map[string]string{"XX1.yaml": callCountYAML}, "XX1.yaml: the rule's query"},
		{"no YAML", map[string]string{"XX1.yaml": callCountYAML, "XX1.sql": callCountSQL, "XX2.sql": callCountSQL}, "XX2.sql: no XX2.yaml"},
		{"unknown field", map[string]string{"XX1.yaml": callCountYAML + "colour: red\n", "XX1.sql": callCountSQL}, "field colour not found"},
		{"unknown role", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "role: customer", "role: finance", 1), "XX1.sql": callCountSQL}, `role "finance" is not one of`},
		{"a placeholder that is no threshold", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "{many}", "{lots}", 1), "XX1.sql": callCountSQL}, "{lots} is not one of the thresholds"},
		{"a band with an unknown threshold", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "metric >= many", "metric >= lots", 1), "XX1.sql": callCountSQL}, "XX1.yaml: severity.high"},
		{"a threshold that is no number", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "many: 2", "many: two", 1), "XX1.sql": callCountSQL}, "many is not a number"},
		{"a name that is no ID", map[string]string{"calls.yaml": callCountYAML, "calls.sql": callCountSQL}, "is not a rule ID"},
		{"an empty field", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "source: A test.", "source: ''", 1), "XX1.sql": callCountSQL}, "source is empty"},
		{"a threshold named as a parameter", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "  many: 2", "  many: 2\n  from: 3", 1), "XX1.sql": callCountSQL}, "from is a parameter of every audit query"},
		{"a threshold given twice", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "  many: 2", "  many: 2\n  many: 3", 1), "XX1.sql": callCountSQL}, "many is given twice"},
		{"a threshold that is no name", map[string]string{"XX1.yaml": strings.Replace(callCountYAML, "  many: 2", "  many: 2\n  Many-More: 3", 1), "XX1.sql": callCountSQL}, `"Many-More" is not a name`},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range c.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			_, err := LoadRules(fsys)
			if err == nil || !strings.Contains(err.Error(), c.problem) {
				t.Errorf("LoadRules = %v, want an error saying %q", err, c.problem)
			}
		})
	}
}

// A rule whose SQL does not return what its file promises is an error
// naming the file, not a finding with a wrong severity.
func TestARuleWhoseResultLacksAMeasureFails(t *testing.T) {
	yaml := strings.Replace(callCountYAML, "warning: metric > 0", "warning: calls_share > 0", 1)
	rules, err := LoadRules(fstest.MapFS{"XX1.yaml": {Data: []byte(yaml)}, "XX1.sql": {Data: []byte(callCountSQL)}})
	if err != nil {
		t.Fatal(err)
	}
	b := newOrg(t)
	mia := b.manager("Mia")
	b.rep(mia, "Ana")
	b.call(mia, "Call Acme", 10*time.Minute)
	opts := b.options()
	opts.Rules = rules
	_, err = Run(context.Background(), b.load().SQL(), opts)
	if err == nil || !strings.Contains(err.Error(), `queries/rules/XX1.sql: the result has no column "calls_share"`) {
		t.Errorf("Run = %v, want an error naming the missing column", err)
	}
}
