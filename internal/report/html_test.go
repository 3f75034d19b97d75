package report

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

// evidenceReport is a report of one manager with one finding whose
// evidence has a category, a role, a date and a number.
func evidenceReport() *audit.Report {
	return &audit.Report{Managers: []audit.Manager{{
		Name: "Mia", Level: audit.LevelFirstLine, TeamSize: 1, Team: []string{"Ana"},
		Findings: []audit.Finding{{Rule: "BM1", Name: "low_value_time", Severity: audit.SeverityHigh, Unit: "%",
			Evidence: audit.Evidence{Columns: []string{"category", "role", "day", "hours"},
				Rows: [][]any{{"internal_other", "low_value", "2024-10-07", 12.34}}}}},
	}}}
}

// TestHTMLEvidenceNamesCategoriesAsTheTextFormatsDo: the page's evidence
// went its own way and showed "internal_other" where the terminal and
// Markdown say "other internal meetings".
func TestHTMLEvidenceNamesCategoriesAsTheTextFormatsDo(t *testing.T) {
	for _, format := range []render.Format{render.FormatTable, render.FormatMarkdown, render.FormatHTML} {
		var out strings.Builder
		if err := Write(&out, format, evidenceReport(), Options{}); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"other internal meetings", "low-value work", "2024-10-07", "12.3"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: the evidence does not say %q", format, want)
			}
		}
		for _, key := range []string{"internal_other", ">low_value<", "| low_value "} {
			if strings.Contains(out.String(), key) {
				t.Errorf("%s: the evidence shows the key %q", format, key)
			}
		}
	}
}

// TestHTMLEvidenceKeepsDatesAndNumbersOnOneLine: a browser broke
// "2024-10-07" at its hyphen in a narrow column.
func TestHTMLEvidenceKeepsDatesAndNumbersOnOneLine(t *testing.T) {
	var out strings.Builder
	if err := Write(&out, render.FormatHTML, evidenceReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	for _, want := range []string{`<td class="u">2024-10-07</td>`, `<td class="u">12.3</td>`, `<td>other internal meetings</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the evidence has no %s", want)
		}
	}
	if !strings.Contains(page, "td.n, td.u { white-space: nowrap; }") {
		t.Error("the page's style does not keep td.u on one line")
	}
}
