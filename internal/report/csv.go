package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

// Tables are the report's tables for CSV: long format, one row per fact,
// each row naming its manager so the tables can be filtered and joined.
func Tables(rep *audit.Report) map[string]*render.Table {
	return map[string]*render.Table{
		"time":                  timeTable(rep),
		"findings":              findingsTable(rep),
		"evidence":              evidenceTable(rep),
		"ranking":               rankingTable(rep),
		"data_quality":          dataQualityTable(rep.DataQuality),
		"unclassified_subjects": unclassifiedTable(rep.DataQuality, true),
		"organisation_notes":    orgNotesTable(rep.DataQuality.OrgNotes, true),
	}
}

// TableNames orders the CSV tables: the sections the text formats have,
// in their order.
var TableNames = []string{"time", "findings", "evidence", "ranking", "data_quality", "unclassified_subjects", "organisation_notes"}

// value is a number that may be missing, as a cell: empty when nil.
func value(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// rankingTable is the organisation's ranking: the first-line managers by
// their share of time in each role.
func rankingTable(rep *audit.Report) *render.Table {
	t := &render.Table{Columns: []string{"role", "rank", "manager", "percent"}}
	for _, rr := range rep.Organisation {
		for i, m := range rr.Managers {
			t.Rows = append(t.Rows, []any{rr.Role, i + 1, m.Name, m.Percent})
		}
	}
	return t
}

// writeCSV streams every table to w, each after a "# name" line and
// separated by a blank line. WriteCSVFiles writes one file per table.
func writeCSV(w io.Writer, rep *audit.Report) error {
	tables := Tables(rep)
	for i, name := range TableNames {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintf(w, "# %s\n", name); err != nil {
			return err
		}
		if err := render.Write(w, render.FormatCSV, tables[name]); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSVFiles writes one CSV file per table into dir and returns their
// paths.
func WriteCSVFiles(dir string, rep *audit.Report) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tables := Tables(rep)
	var paths []string
	for _, name := range TableNames {
		path := filepath.Join(dir, name+".csv")
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		err = render.Write(f, render.FormatCSV, tables[name])
		if closeErr := f.Close(); err == nil {
			err = closeErr
		}
		if err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func timeTable(rep *audit.Report) *render.Table {
	// previous_percent is the share in the period compared with
	// (--compare), empty without one: the columns stay the same either way.
	t := &render.Table{Columns: []string{"manager_id", "manager", "kind", "name", "role", "hours", "hours_per_week", "percent",
		"previous_percent", "target", "off_target"}}
	for _, m := range rep.Managers {
		for _, s := range m.Time.ByRole {
			t.Rows = append(t.Rows, []any{m.ID, m.Name, "role", s.Name, "", s.Hours, s.HoursPerWeek, s.Percent, value(s.PreviousPercent), s.Target, s.OffTarget})
		}
		for _, s := range m.Time.ByCategory {
			t.Rows = append(t.Rows, []any{m.ID, m.Name, "category", s.Name, s.Role, s.Hours, s.HoursPerWeek, s.Percent, value(s.PreviousPercent), "", false})
		}
		if m.Time.PrivateHours > 0 {
			// Private time has hours but no share: it is in none.
			t.Rows = append(t.Rows, []any{m.ID, m.Name, "private", "private", "", m.Time.PrivateHours, m.Time.PrivateHoursPerWeek, nil, nil, "", false})
		}
	}
	return t
}

func findingsTable(rep *audit.Report) *render.Table {
	t := &render.Table{Columns: []string{"manager_id", "manager", "rule", "name", "role", "severity", "metric",
		"previous_severity", "previous_metric", "unit", "threshold", "missing", "recommendation", "source"}}
	for _, m := range rep.Managers {
		for _, f := range m.Findings {
			var previousSeverity, previousMetric any
			if p := f.Previous; p != nil {
				previousSeverity, previousMetric = string(p.Severity), value(p.Metric)
			}
			t.Rows = append(t.Rows, []any{m.ID, m.Name, f.Rule, f.Name, f.Role, string(f.Severity), value(f.Metric),
				previousSeverity, previousMetric, f.Unit, f.Threshold, f.Missing, f.Recommendation, f.Source})
		}
	}
	return t
}

// evidenceTable flattens every finding's evidence into field/value pairs,
// since each rule's evidence has columns of its own.
func evidenceTable(rep *audit.Report) *render.Table {
	t := &render.Table{Columns: []string{"manager_id", "manager", "rule", "row", "field", "value"}}
	for _, m := range rep.Managers {
		for _, f := range m.Findings {
			for i, row := range f.Evidence.Rows {
				for j, col := range f.Evidence.Columns {
					t.Rows = append(t.Rows, []any{m.ID, m.Name, f.Rule, int64(i + 1), col, row[j]})
				}
			}
		}
	}
	return t
}

func dataQualityTable(q audit.DataQuality) *render.Table {
	// scope is the manager whose team's work is counted (--manager), or
	// "organisation": a column, so that value stays a number.
	scope := q.Scope
	if scope == "" {
		scope = "organisation"
	}
	t := &render.Table{Columns: []string{"scope", "measure", "value"}}
	for _, row := range [][]any{
		{"activities", q.Activities},
		{"manager_hours", q.ManagerHours},
		{"estimated_percent", q.EstimatedPercent},
		{"unclassified_percent", q.UnclassifiedPercent},
		{"capped_activities", q.CappedActivities},
		{"activities_without_owner", q.WithoutOwner},
		{"activities_with_unknown_owner", q.UnknownOwner},
		{"activities_without_account", q.WithoutAccount},
		{"attendees_unknown_users", q.UnknownAttendees},
		{"rejects", q.Rejects},
		{"lines_utf8_in_single_byte_files", q.MixedEncodingLines},
		{"c1_bytes_kept", q.C1BytesKept},
	} {
		t.Rows = append(t.Rows, append([]any{scope}, row...))
	}
	return t
}
