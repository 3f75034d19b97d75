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
	// One audit each, printed in every format as the commands print it.
	repsHidden := reportsOfOneAudit(t, db, []string{"--pseudonymize"})
	allHidden := reportsOfOneAudit(t, db, []string{"--pseudonymize=all"})
	for format, text := range repsHidden {
		for _, name := range reps {
			if strings.Contains(text, name) {
				t.Errorf("%s: %q is in the pseudonymized report", format, name)
			}
		}
		if !strings.Contains(text, bosses[0]) {
			t.Errorf("%s: --pseudonymize hid the manager %q too", format, bosses[0])
		}
		for _, name := range append(bosses, reps...) {
			if strings.Contains(allHidden[format], name) {
				t.Errorf("%s: %q is in the report pseudonymized with =all", format, name)
			}
		}
	}
	again := run(t, "report", "--db", db, "--pseudonymize", "--format", "json").mustSucceed(t).stdout
	if again != repsHidden["json"] {
		t.Error("two pseudonymized reports of one database differ")
	}
	if r := run(t, "report", "--db", db, "--pseudonymize=some"); r.code != ExitUsage {
		t.Errorf("--pseudonymize=some: exit %d, %s", r.code, r.stderr)
	}
}
