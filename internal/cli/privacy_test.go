package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestAPseudonymizedReportNamesNoRep: with --pseudonymize no rep's name
// (whole, first or last) is in any format of the acme report, the same
// rep has the same pseudonym in two runs, and with =all no manager's
// name either.
func TestAPseudonymizedReportNamesNoRep(t *testing.T) {
	t.Parallel()
	db := auditedDB(t, acmeExport)
	var named struct {
		Managers []struct {
			Name string
			Team []string
		}
	}
	// The report as it names everyone: the golden test's audit.
	if err := json.Unmarshal([]byte(sharedReports(t, acmeExport)["json"]), &named); err != nil {
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
	// And every user with a manager in the data, whether in a team of the
	// period or not: a hire who left before it is in PM6's evidence.
	users := run(t, "query", "--db", db, "--format", "csv",
		"SELECT DISTINCT name FROM users WHERE manager_id IS NOT NULL AND name IS NOT NULL").mustSucceed(t).stdout
	for _, name := range strings.Split(strings.TrimSpace(users), "\n")[1:] {
		if name = strings.Trim(name, `"`); !managers[name] && !slices.Contains(reps, name) {
			reps = append(reps, name)
		}
	}
	if len(reps) < 10 || !slices.Contains(reps, "Declan Walsh") {
		t.Fatalf("the acme reps are %q: want more than ten, the hire who left (Declan Walsh) among them", reps)
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

// TestForgetPersonErasesThemFromEveryTable: after forget --person no text
// column holds the rep's ID, e-mail or name, and the report no longer
// names them.
func TestForgetPersonErasesThemFromEveryTable(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	out := run(t, "forget", "--db", db, "--person", "priya.shah@acme-industrial.example").mustSucceed(t).stdout
	if !strings.Contains(out, "Erased priya.shah@acme-industrial.example") || !strings.Contains(out, "1 user row") {
		t.Errorf("forget said %q", out)
	}
	for _, term := range []string{"0055g000000qZBfAAM", "priya.shah@acme-industrial.example", "Priya Shah"} {
		if where := textColumnsHolding(t, db, term); len(where) > 0 {
			t.Errorf("%q is still in %v", term, where)
		}
	}
	if report := run(t, "report", "--db", db, "--format", "json").mustSucceed(t).stdout; strings.Contains(report, "Priya") {
		t.Error("the report still names Priya")
	}
	if r := run(t, "forget", "--db", db, "--person", "x@y.example", "--source", "salesforce"); r.code != ExitUsage {
		t.Errorf("--person with --source: exit %d", r.code)
	}
}
