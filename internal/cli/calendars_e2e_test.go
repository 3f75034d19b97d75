package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/duckdb"
)

// TestGraphCalendarsCombineWithTheCRM audits a sales team's list (the csv
// connector) with its managers' Microsoft Graph calendars: the calendars'
// people are the team's, the managers' time comes from the calendars,
// private events are private hours, and no text of a private event is in
// any text column of the database.
func TestGraphCalendarsCombineWithTheCRM(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	calendars := filepath.Join("..", "..", "testdata", "graph", "nordlicht")
	out := run(t, "audit", "--db", db, "--format", "json", "--quiet",
		filepath.Join("..", "..", "testdata", "csv", "nordlicht-crm"), calendars).mustSucceed(t).stdout
	var rep struct {
		Managers []struct {
			Name, Level string
			TeamSize    int `json:"team_size"`
			Time        struct {
				Hours        float64
				PrivateHours float64 `json:"private_hours"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	levels := map[string]string{}
	for _, m := range rep.Managers {
		levels[m.Name] = m.Level
		if m.TeamSize != 2 || m.Time.Hours <= 0 || m.Time.PrivateHours <= 0 {
			t.Errorf("%s: team of %d, %.1f h, %.1f h private; want the team of 2 and both kinds of time from the calendars",
				m.Name, m.TeamSize, m.Time.Hours, m.Time.PrivateHours)
		}
	}
	if levels["Greta Hansen"] != "second_line" || levels["Mira König"] != "first_line" || len(levels) != 2 {
		t.Errorf("managers %v: want Greta second-line over Mira, first-line", levels)
	}
	for _, secret := range privateTexts(t, calendars) {
		if where := textColumnsHolding(t, db, secret); len(where) > 0 {
			t.Errorf("%q, of a private event, is in %s", secret, strings.Join(where, ", "))
		}
	}
}

// privateTexts are the subjects and places of the fixture's private and
// confidential events, read from the pages as Graph wrote them.
func privateTexts(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Value []struct {
				Subject, Sensitivity string
				Location             struct{ DisplayName string }
			}
		}
		if err := json.Unmarshal(data, &page); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range page.Value {
			if e.Sensitivity == "private" || e.Sensitivity == "confidential" {
				texts = append(texts, e.Subject, e.Location.DisplayName)
			}
		}
	}
	if len(texts) == 0 {
		t.Fatalf("%s has no private event to look for", dir)
	}
	return texts
}

// textColumnsHolding lists the table.column of every text column of the
// database at path with a value containing s.
func textColumnsHolding(t *testing.T, path, s string) []string {
	t.Helper()
	db, err := duckdb.Open(context.Background(), path, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	found, err := db.TextColumnsHolding(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return found
}
