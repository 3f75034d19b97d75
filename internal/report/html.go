package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

//go:embed report.html.tmpl
var htmlTemplates embed.FS

// htmlPage is the report as one self-contained page (no scripts, no
// external styles or fonts), to mail or put on an intranet; its charts are
// inline SVG (charts.go). html/template escapes every name and subject
// from the export.
var htmlPage = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"role":         audit.RoleLabel,
	"roleWord":     roleWord,
	"roleShort":    roleShort,
	"category":     audit.CategoryLabel,
	"rule":         ruleLabel,
	"pct":          pct,
	"num":          func(v float64) string { return number(v, 1) },
	"int":          func(v float64) string { return number(v, 0) },
	"c":            coord,
	"metric":       metric,
	"upper":        func(s audit.Severity) string { return strings.ToUpper(string(s)) },
	"flagged":      flagged,
	"quiet":        quietVerdicts,
	"evidence":     evidenceGrid,
	"lastDay":      lastDay,
	"audited":      managersAudited,
	"noteLabel":    orgNoteLabel,
	"teamFrom":     teamFrom,
	"privateLine":  privateLine,
	"teamLine":     teamLine,
	"noActivities": func() string { return noActivitiesBanner },
	"secondLine":   func() string { return secondLineNote },
	"segments":     stackedSegments,
	"band":         func(s audit.Share) span { return targetSpan(s, 0, 100) },
	"date":         func(v interface{ Format(string) string }) string { return v.Format("2 Jan") },
	"add":          func(a, b float64) float64 { return a + b },
	"compared":     comparedLine,
	"change":       shareChange,
	"hoursBefore":  hoursBefore,
	"was":          previousVerdict,
	"fixed":        fixedFindings,
	"join":         strings.Join,
	"scope":        dataQualityScope,
	"ranked":       ranked,
	"changes":      showsChanges,
	"rankingNote":  rankingNote,
	"deref":        func(v *float64) float64 { return *v },
}).ParseFS(htmlTemplates, "report.html.tmpl"))

func writeHTML(w io.Writer, rep *audit.Report) error {
	return htmlPage.Execute(w, newHTMLReport(rep))
}

// htmlReport is what the HTML page shows beyond the report model: each
// manager's charts and anchors, the rule matrix's links, the headline
// numbers.
type htmlReport struct {
	*audit.Report
	Views    []managerView
	Matrix   []matrixRow
	Headline headline
}

// managerView is one manager's part of the page.
type managerView struct {
	audit.Manager
	// Anchor is the id of the manager's section; a finding's is Anchor-RULE.
	Anchor   string
	Split    splitChart
	Coaching coachingChart
	Trend    trendChart
	Touches  touchChart
	// Totals of the series, said beside the charts.
	TrendNotes                []string
	Touched, TouchedByManager int64
	WeeksUntouched            int
}

func newHTMLReport(rep *audit.Report) htmlReport {
	page := htmlReport{Report: rep, Headline: newHeadline(rep)}
	for i, m := range rep.Managers {
		page.Views = append(page.Views, newManagerView(i, m))
	}
	page.Matrix = newMatrix(page.Views)
	return page
}

func newManagerView(i int, m audit.Manager) managerView {
	v := managerView{
		Manager: m, Anchor: fmt.Sprintf("manager-%d", i+1),
		Split: newSplitChart(m.Time), Coaching: newCoachingChart(m.Series.Coaching),
		Trend: newTrendChart(m.Series.Weeks, trendRoles(m.Time)), Touches: newTouchChart(m.Series.Weeks),
	}
	for _, role := range trendRoles(m.Time) {
		if note := trendSentence(m.Series.Weeks, role); note != "" {
			v.TrendNotes = append(v.TrendNotes, note)
		}
	}
	for _, w := range m.Series.Weeks {
		v.Touched += w.KeyAccountTouches
		v.TouchedByManager += w.KeyAccountTouchesByManager
		if w.KeyAccountTouches == 0 {
			v.WeeksUntouched++
		}
	}
	return v
}

// findingAnchor is where a rule's verdict on the manager is told: the
// finding, when it is shown in full, else the lines of quiet verdicts.
func (v managerView) findingAnchor(f *audit.Finding) string {
	if f != nil && flagged(*f) {
		return v.Anchor + "-" + f.Rule
	}
	return v.Anchor + "-verdicts"
}

// matrixRow is one rule's verdicts on every manager, linked to them.
type matrixRow struct {
	Rule  audit.Rule
	Cells []matrixCell
}

type matrixCell struct {
	Word, Severity, Href, Title string
}

func newMatrix(views []managerView) []matrixRow {
	var rows []matrixRow
	for _, rule := range audit.Rules {
		row := matrixRow{Rule: rule}
		for _, v := range views {
			f := findingFor(v.Manager, rule.ID)
			cell := matrixCell{Word: severityWord(f), Severity: "none", Href: "#" + v.findingAnchor(f),
				Title: fmt.Sprintf("%s, %s %s: %s", v.Name, rule.ID, ruleLabel(rule.Name), severityWord(f))}
			if f != nil {
				cell.Severity = string(f.Severity)
				if f.Metric != nil && (flagged(*f) || f.Severity == audit.SeverityOK) {
					cell.Title += " (" + metric(*f) + ")"
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// headline is the organisation's numbers at the top of the page, beside
// the data quality's hours and shares.
type headline struct {
	Managers, Reps int
	// ManagersAre says what the managers are: "managers (4 first-line)".
	ManagersAre string
}

func newHeadline(rep *audit.Report) headline {
	h := headline{Managers: len(rep.Managers)}
	firstLine := 0
	for _, m := range rep.Managers {
		if m.Level != audit.LevelSecondLine {
			firstLine++
			h.Reps += m.TeamSize
		}
	}
	h.ManagersAre = strings.TrimPrefix(plural(h.Managers, "manager", "managers"), fmt.Sprint(h.Managers, " "))
	if firstLine != h.Managers {
		h.ManagersAre += fmt.Sprintf(" (%d first-line)", firstLine)
	}
	return h
}

// gridCell is one evidence value as the page shows it. Unbroken marks a
// number or a date, which a line break would misread ("2024-10-" / "07").
type gridCell struct {
	Text     string
	Unbroken bool
}

// evidenceGrid is a finding's evidence as the page's table: labelled and
// rounded as the text formats have it (evidenceCells), with their
// thousands separators.
func evidenceGrid(ev audit.Evidence) [][]gridCell {
	rows := evidenceCells(ev.Columns, ev.Rows)
	out := make([][]gridCell, len(rows))
	for i, row := range rows {
		out[i] = make([]gridCell, len(row))
		for j, v := range row {
			text := evidenceCell(v)
			out[i][j] = gridCell{Text: text, Unbroken: isNumberOrDate(v, text)}
		}
	}
	return out
}

// dateOrTime is a date, or a date and a time, as the rules' evidence gives
// them.
var dateOrTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$`)

func isNumberOrDate(v any, text string) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return dateOrTime.MatchString(text)
}

// evidenceCell formats one evidence value, made readable by
// evidenceCells, as the text formats do, with their thousands separators.
func evidenceCell(v any) string {
	switch x := v.(type) {
	case float64:
		return render.Readable(x)
	case nil:
		return ""
	default:
		return strings.TrimSpace(strings.ReplaceAll(fmt.Sprint(x), "\n", " "))
	}
}
