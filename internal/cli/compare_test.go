package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestCompareWorksInEveryFormat: --compare previous puts the change of
// each share beside it in the table and Markdown (arrows), a column in
// CSV, the previous values in JSON, and the same numbers in each.
func TestCompareWorksInEveryFormat(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	// One audit (of both periods), printed in every format.
	text := reportsOfOneAudit(t, db, []string{"--from", "2026-04-01", "--to", "2026-06-30", "--compare", "previous",
		"--manager", "Markus Weber"})
	var model struct {
		ComparedWith struct{ From, To string } `json:"compared_with"`
		Managers     []struct {
			Time struct {
				ByRole []struct {
					Name            string
					Percent         float64
					PreviousPercent *float64 `json:"previous_percent"`
				} `json:"by_role"`
			}
			Findings []struct {
				Rule     string
				Previous *struct{ Severity string }
			}
		}
	}
	if err := json.Unmarshal([]byte(text["json"]), &model); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(model.ComparedWith.From, "2025-12-31") || !strings.HasPrefix(model.ComparedWith.To, "2026-04-01") {
		t.Errorf("json compared_with %+v, want 2025-12-31 to 2026-04-01 (exclusive)", model.ComparedWith)
	}
	if len(model.Managers) != 1 {
		t.Fatalf("%d managers, want Markus Weber", len(model.Managers))
	}
	m := model.Managers[0]
	for _, f := range m.Findings {
		if f.Previous == nil || f.Previous.Severity == "" {
			t.Errorf("json: %s has no previous verdict", f.Rule)
		}
	}
	if !strings.Contains(text["html"], `class="was"`) {
		t.Error("html: the role chart does not mark the previous shares")
	}
	for _, format := range []string{"table", "markdown", "html"} {
		if !strings.Contains(text[format], "Compared with 31 Dec 2025 to 31 Mar 2026") {
			t.Errorf("%s: no line naming the period compared with", format)
		}
	}
	for _, s := range m.Time.ByRole {
		if s.PreviousPercent == nil {
			t.Fatalf("json: %s has no previous share", s.Name)
		}
		delta := math.Round((s.Percent-*s.PreviousPercent)*10) / 10
		arrow := map[bool]string{true: "▲", false: "▼"}[delta > 0]
		if delta == 0 {
			arrow = "="
		}
		change := fmt.Sprintf("%s %s pt", arrow, strings.TrimSuffix(fmt.Sprintf("%.1f", math.Abs(delta)), ".0"))
		for _, format := range []string{"table", "markdown", "html"} {
			if !strings.Contains(text[format], change) {
				t.Errorf("%s: %s's change %q is not shown", format, s.Name, change)
			}
		}
		row := fmt.Sprintf(",role,%s,,", s.Name)
		line := sectionFrom(text["csv"], row, "\n")
		if !strings.Contains(line, fmt.Sprintf(",%v,%v,", s.Percent, *s.PreviousPercent)) {
			t.Errorf("csv: %s row %q lacks percent %v and previous_percent %v", s.Name, line, s.Percent, *s.PreviousPercent)
		}
	}
}

func TestABadComparisonIsAUsageError(t *testing.T) {
	t.Parallel()
	for _, value := range []string{"2026-01-01", "yesterday", "2026-03-31:2026-01-01", "2026-01-01:"} {
		r := run(t, "report", "--db", ":memory:", "--compare", value)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "--compare") {
			t.Errorf("--compare %q: exit %d, %s", value, r.code, r.stderr)
		}
	}
}
