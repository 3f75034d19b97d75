package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/salesaudit/salesaudit/internal/audit"
)

//go:embed report.html.tmpl
var htmlTemplates embed.FS

// htmlPage is the report as one self-contained page (no scripts, no
// external styles), to mail or put on an intranet. html/template escapes
// every name and subject from the export.
var htmlPage = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"role":         audit.RoleLabel,
	"category":     audit.CategoryLabel,
	"rule":         ruleLabel,
	"pct":          pct,
	"num":          func(v float64) string { return number(v, 1) },
	"metric":       metric,
	"upper":        func(s audit.Severity) string { return strings.ToUpper(string(s)) },
	"flagged":      flagged,
	"quiet":        quietVerdicts,
	"cell":         func(v any) string { return evidenceCell(v) },
	"lastDay":      lastDay,
	"matrixCell":   func(m audit.Manager, id string) string { return severityWord(findingFor(m, id)) },
	"rules":        func() []audit.Rule { return audit.Rules },
	"audited":      managersAudited,
	"noteLabel":    orgNoteLabel,
	"teamFrom":     teamFrom,
	"privateLine":  privateLine,
	"teamLine":     teamLine,
	"noActivities": func() string { return noActivitiesBanner },
	"secondLine":   func() string { return secondLineNote },
}).ParseFS(htmlTemplates, "report.html.tmpl"))

func writeHTML(w io.Writer, rep *audit.Report) error {
	return htmlPage.Execute(w, rep)
}

// evidenceCell formats one evidence value as the text formats do.
func evidenceCell(v any) string {
	switch x := readable(v).(type) {
	case float64:
		return number(x, 1)
	case nil:
		return ""
	default:
		return strings.TrimSpace(strings.ReplaceAll(fmt.Sprint(x), "\n", " "))
	}
}
