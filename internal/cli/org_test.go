package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTheOrgFileHRCorrectsBeatsTheCRM: org init writes the people loaded
// with their CRM managers; HR moves one rep to another manager; the report
// with --org shows the move and says where the link came from.
func TestTheOrgFileHRCorrectsBeatsTheCRM(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	path := filepath.Join(t.TempDir(), "org.csv")
	run(t, "org", "init", "--db", db, path).mustSucceed(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if lines[0] != "person,email,id,manager,title,hire_date,leave_date" || len(lines) < 10 {
		t.Fatalf("org init wrote %d lines, header %q", len(lines), lines[0])
	}
	if again := run(t, "org", "init", "--db", db, path); again.code == ExitOK || !strings.Contains(again.stderr, "--force") {
		t.Errorf("a second org init overwrote the file: %q", again.stderr)
	}
	// HR: Priya Shah reports to Markus Weber, not to James Whitaker.
	var moved []string
	for _, line := range lines {
		if strings.HasPrefix(line, "Priya Shah,") {
			fields := strings.Split(line, ",")
			fields[3] = "Markus Weber"
			line = strings.Join(fields, ",")
		}
		moved = append(moved, line)
	}
	if err := os.WriteFile(path, []byte(strings.Join(moved, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Managers []struct {
			Name     string
			Team     []string
			TeamFrom []string `json:"team_from"`
		}
	}
	out := run(t, "report", "--db", db, "--format", "json", "--org", path).mustSucceed(t).stdout
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Managers {
		has := strings.Contains(strings.Join(m.Team, ","), "Priya Shah")
		switch m.Name {
		case "Markus Weber":
			if !has || !strings.Contains(strings.Join(m.TeamFrom, ","), "org_file") {
				t.Errorf("Markus Weber's team %q from %q: want Priya Shah, from the org file", m.Team, m.TeamFrom)
			}
		case "James Whitaker":
			if has {
				t.Errorf("James Whitaker still leads Priya Shah: %q", m.Team)
			}
		}
	}
}
