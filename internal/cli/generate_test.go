package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGenerateThenAuditFindsThePlantedMistakes generates a small company
// in each format, audits it through the detected connector and checks the
// report against truth.json, which names the managers by the IDs the
// connector loads. The export must load without a reject, which the
// report's data quality counts.
func TestGenerateThenAuditFindsThePlantedMistakes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format   string
		managers int
		files    []string // some of the files generate must say it wrote
	}{
		// Two managers each: the command's wiring is what is tested here;
		// internal/generate audits larger companies for every rule.
		{"salesforce", 2, []string{"Task.csv", "truth.json"}},
		{"hubspot", 2, []string{"meetings", "owner-managers.csv", "truth.json"}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "company")
			g := run(t, "generate", "--format", tc.format, "--managers", strconv.Itoa(tc.managers), "--reps-per-manager", "5",
				"--months", "2", "--seed", "3", "--out", out).mustSucceed(t)
			for _, f := range tc.files {
				if !strings.Contains(g.stdout, f) {
					t.Errorf("generate did not mention %s: %q", f, g.stdout)
				}
			}
			truth := readTruth(t, out)
			if truth.Format != tc.format || len(truth.FirstLineManagers) != tc.managers {
				t.Fatalf("truth.json: format %q, %d managers", truth.Format, len(truth.FirstLineManagers))
			}
			// In memory: a database file would only add the audit's cache.
			r := run(t, "audit", "-q", "--db", ":memory:", "--format", "json", out).mustSucceed(t)
			severity := findingsByManagerID(t, r.stdout)
			for _, m := range truth.FirstLineManagers {
				for rule, want := range m.Rules {
					got := severity[m.ID+"/"+rule]
					flagged := got == "warning" || got == "high"
					if (want.Status == "planted") != flagged {
						t.Errorf("manager %s (%s) %s: truth %s, audit %s", m.ID, m.Name, rule, want.Status, got)
					}
				}
			}
			// The report counts the rejects of the sources it audits: here,
			// the export's one.
			var rep struct {
				DataQuality struct{ Rejects *int64 } `json:"data_quality"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.DataQuality.Rejects == nil || *rep.DataQuality.Rejects != 0 {
				t.Errorf("rejects: %v (%v)", rep.DataQuality.Rejects, err)
			}
		})
	}
}

type generatedTruth struct {
	Format            string
	FirstLineManagers []struct {
		ID, Name string
		Rules    map[string]struct{ Status string }
	} `json:"first_line_managers"`
}

func readTruth(t *testing.T, dir string) generatedTruth {
	t.Helper()
	var truth generatedTruth
	data, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err == nil {
		err = json.Unmarshal(data, &truth)
	}
	if err != nil {
		t.Fatalf("truth.json: %v", err)
	}
	return truth
}

// findingsByManagerID reads a JSON report into "managerID/rule" → severity.
func findingsByManagerID(t *testing.T, report string) map[string]string {
	t.Helper()
	var rep struct {
		Managers []struct {
			ID       string
			Findings []struct{ Rule, Severity string }
		}
	}
	if err := json.Unmarshal([]byte(report), &rep); err != nil {
		t.Fatal(err)
	}
	severity := map[string]string{}
	for _, m := range rep.Managers {
		for _, f := range m.Findings {
			severity[m.ID+"/"+f.Rule] = f.Severity
		}
	}
	return severity
}
