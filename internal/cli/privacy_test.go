package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAPseudonymizedReportNamesNoRep: with --pseudonymize no rep's name
// (whole, first or last) is in any format of the acme report, the same
// rep has the same pseudonym in two runs, and with =all no manager's
// name either.
func TestAPseudonymizedReportNamesNoRep(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	var named struct {
		Managers []struct {
			Name string
			Team []string
		}
	}
	out := run(t, "report", "--db", db, "--format", "json").mustSucceed(t).stdout
	if err := json.Unmarshal([]byte(out), &named); err != nil {
		t.Fatal(err)
	}
	managers := map[string]bool{}
	for _, m := range named.Managers {
		managers[m.Name] = true
	}
	var reps, bosses []string
	for _, m := range named.Managers {
		bosses = append(bosses, m.Name)
		for _, name := range m.Team {
			if !managers[name] {
				reps = append(reps, name)
			}
		}
	}
	if len(reps) < 10 {
		t.Fatalf("only %d reps in the acme report", len(reps))
	}
	for _, format := range []string{"table", "markdown", "csv", "json", "html"} {
		text := run(t, "report", "--db", db, "--pseudonymize", "--format", format).mustSucceed(t).stdout
		for _, name := range reps {
			if strings.Contains(text, name) {
				t.Errorf("%s: %q is in the pseudonymized report", format, name)
			}
		}
		if !strings.Contains(text, bosses[0]) {
			t.Errorf("%s: --pseudonymize hid the manager %q too", format, bosses[0])
		}
		all := run(t, "report", "--db", db, "--pseudonymize=all", "--format", format).mustSucceed(t).stdout
		for _, name := range append(bosses, reps...) {
			if strings.Contains(all, name) {
				t.Errorf("%s: %q is in the report pseudonymized with =all", format, name)
			}
		}
	}
	first := run(t, "report", "--db", db, "--pseudonymize", "--format", "json").mustSucceed(t).stdout
	second := run(t, "report", "--db", db, "--pseudonymize", "--format", "json").mustSucceed(t).stdout
	if first != second {
		t.Error("two pseudonymized reports of one database differ")
	}
	if r := run(t, "report", "--db", db, "--pseudonymize=some"); r.code != ExitUsage {
		t.Errorf("--pseudonymize=some: exit %d, %s", r.code, r.stderr)
	}
}
