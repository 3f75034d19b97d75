// Package report renders an audit report (an audit.Report) as a terminal
// text, Markdown, HTML, CSV or JSON. The words are for a sales manager:
// names rather than IDs, rounded numbers, one sentence per recommendation.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/plugin"
)

// Options tune the rendering.
type Options struct {
	// Color marks severities with ANSI colours (terminal format only).
	Color bool
	// EvidenceRows caps the evidence rows shown per finding in text
	// formats; JSON and CSV always carry all of them. 0 means 8.
	EvidenceRows int
	// Width is the terminal format's width (render.FitWidth); 0 means
	// render.TerminalWidth.
	Width int
}

// Write renders the report in the format.
func Write(w io.Writer, format render.Format, rep *audit.Report, opts Options) error {
	if opts.EvidenceRows == 0 {
		opts.EvidenceRows = 8
	}
	if opts.Width == 0 {
		opts.Width = render.TerminalWidth
	}
	switch format {
	case render.FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case render.FormatCSV:
		return writeCSV(w, rep)
	case render.FormatHTML:
		return writeHTML(w, rep)
	case FormatParquet:
		return errParquetIsFiles
	default:
		d := &document{w: w, format: format, opts: opts}
		d.report(rep)
		return d.err
	}
}

// document writes the text formats, table and Markdown, which share their
// structure and differ in headings and emphasis.
type document struct {
	w      io.Writer
	format render.Format
	opts   Options
	err    error
	// noActivities: the data holds no activity in the period, so there is
	// no time to show, only what the deals and the org chart tell.
	noActivities bool
	// compared: the report carries an earlier period's numbers (--compare).
	compared bool
}

func (d *document) markdown() bool { return d.format == render.FormatMarkdown }

func (d *document) printf(format string, args ...any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.w, format, args...)
	}
}

// paragraph writes text, wrapped to the terminal's width in the table
// format (Markdown leaves wrapping to whatever shows it).
func (d *document) paragraph(text string) {
	if !d.markdown() {
		text = render.Wrap(text, d.opts.Width)
	}
	d.printf("%s\n", text)
}

// lines writes texts each on a line of its own. Markdown joins lines not
// parted by a blank one into one paragraph, so there each is a paragraph.
func (d *document) lines(texts ...string) {
	for i, text := range texts {
		if i > 0 && d.markdown() {
			d.printf("\n")
		}
		d.paragraph(text)
	}
}

func (d *document) heading(level int, text string) {
	if d.markdown() {
		d.printf("%s %s\n\n", strings.Repeat("#", level), text)
		return
	}
	rule := "="
	if level > 1 {
		rule = "-"
	}
	d.printf("%s\n%s\n\n", text, strings.Repeat(rule, len([]rune(text))))
}

func (d *document) table(t *render.Table) {
	if d.err == nil {
		d.err = render.WriteWidth(d.w, d.format, t, d.opts.Width)
	}
	d.printf("\n")
}

func (d *document) report(rep *audit.Report) {
	d.heading(1, "Sales manager time audit")
	head := []string{fmt.Sprintf("Period: %s to %s (%s weeks). %s audited.",
		rep.Period.From.Format("2 Jan 2006"), lastDay(rep).Format("2 Jan 2006"),
		number(rep.Period.Weeks, 1), managersAudited(rep.Managers))}
	if line := comparedLine(rep); line != "" {
		head = append(head, line)
	}
	d.lines(head...)
	d.printf("\n")
	d.compared = showsChanges(rep)
	if d.noActivities = rep.NoActivities; d.noActivities {
		d.paragraph(noActivitiesBanner)
		d.printf("\n")
	}
	if len(rep.Managers) == 0 {
		d.paragraph("No managers found: no user in the data has a direct report in the period. " +
			"The org chart comes from the CRM's manager field (or, in some connectors, a mapping file); " +
			"calendars alone carry none, so audit them together with the CRM export.")
		d.printf("\n")
	}
	for i := range rep.Managers {
		if m := &rep.Managers[i]; m.Level == audit.LevelSecondLine && (i == 0 || rep.Managers[i-1].Level != m.Level) {
			d.heading(2, "Second-line managers")
			d.paragraph(secondLineNote)
			d.printf("\n")
		}
		d.manager(&rep.Managers[i])
	}
	d.organisation(rep)
	d.dataQuality(rep.DataQuality)
}

// noActivitiesBanner heads a report of data without activities in the
// period: said once, instead of time tables of zeros.
const noActivitiesBanner = "No activities in the period: the data holds deals and people but no " +
	"meetings, calls, e-mails or tasks, so no one's time can be measured. Only the rules about deals " +
	"and the team are judged; the others say \"not enough data\". Load the CRM's activities or the " +
	"managers' calendars to audit their time."

// secondLineNote says how second-line managers are judged, before them.
const secondLineNote = "These managers lead managers. They are judged on their own time " +
	"(coaching their managers, their customer time, meetings, business duties); " +
	"the rules about a team of reps judge the first-line managers they lead."

// teamLine names the team and where it comes from, or says there is none
// in the data (a manager named with --manager whose reps are not users).
func teamLine(m audit.Manager) string {
	if m.TeamSize == 0 {
		return "No team in the data: nobody reports to " + m.Name +
			" in the export, so the rules about a team have not enough data."
	}
	return fmt.Sprintf("Team of %d%s%s: %s.", m.TeamSize, teamFrom(m.TeamFrom), ofWhom(m.TeamChanges), strings.Join(m.Team, ", "))
}

// ofWhom is ", of whom Ana joined on 3 Feb 2026 and Bo left on 12 Jun
// 2026": the team counts everyone in it during some of the period, and a
// reader must know who was not there throughout (a rule about the reps
// still in the team may count fewer). "" when everyone was.
func ofWhom(changes []audit.TeamChange) string {
	var said []string
	for _, c := range changes {
		var what []string
		if c.Joined != nil {
			what = append(what, "joined on "+c.Joined.Format("2 Jan 2006"))
		}
		if c.Left != nil {
			what = append(what, "left on "+c.Left.Format("2 Jan 2006"))
		}
		if len(what) > 0 {
			said = append(said, c.Name+" "+strings.Join(what, " and "))
		}
	}
	if len(said) == 0 {
		return ""
	}
	last := len(said) - 1
	if last == 0 {
		return ", of whom " + said[0]
	}
	return ", of whom " + strings.Join(said[:last], ", ") + " and " + said[last]
}

// privateLine says how much private time there was, apart from the rest.
func privateLine(t audit.TimeSplit) string {
	return fmt.Sprintf("Private: %s h more (%s h a week), in events marked private, not classified nor in the shares",
		number(t.PrivateHours, 1), number(t.PrivateHoursPerWeek, 1))
}

// teamFrom says where a team's links to its manager come from, as "
// (from the role hierarchy)", or "" when no connector said.
func teamFrom(from []string) string {
	var said []string
	for _, f := range from {
		switch f {
		case plugin.ManagerFromField:
			said = append(said, "the CRM's manager field")
		case plugin.ManagerFromRoleHierarchy:
			said = append(said, "the CRM's role hierarchy")
		case plugin.ManagerFromTeamSheet:
			said = append(said, "a team sheet")
		case audit.ManagerFromOrgFile:
			said = append(said, "the org file")
		case "":
		default:
			said = append(said, f)
		}
	}
	if len(said) == 0 {
		return ""
	}
	return " (from " + strings.Join(said, " and ") + ")"
}

// managersAudited counts the managers, by level when there are both.
func managersAudited(managers []audit.Manager) string {
	second := 0
	for _, m := range managers {
		if m.Level == audit.LevelSecondLine {
			second++
		}
	}
	if second == 0 {
		return plural(len(managers), "manager", "managers")
	}
	return plural(len(managers)-second, "first-line manager", "first-line managers") + " and " +
		plural(second, "second-line manager", "second-line managers")
}

func (d *document) manager(m *audit.Manager) {
	title := m.Name
	if m.Title != "" {
		title += ", " + m.Title
	}
	d.heading(2, title)
	if d.noActivities {
		d.lines(teamLine(*m))
		d.printf("\n")
		d.findings(m.Findings)
		return
	}
	t := m.Time
	d.lines(managerLines(*m)...)
	d.printf("\n")
	d.table(roleTable(t, d.compared))
	d.table(categoryTable(t, d.compared))
	d.findings(m.Findings)
}

// managerLines are the lines under a manager's name: the team, the hours,
// the private time and the weakest role.
func managerLines(m audit.Manager) []string {
	t := m.Time
	out := []string{teamLine(m), fmt.Sprintf("Logged %s h in the period, %s h a week%s; %s of the minutes are estimated.",
		number(t.Hours, 1), number(t.HoursPerWeek, 1), hoursBefore(t), pct(t.EstimatedShare))}
	if t.PrivateHours > 0 {
		out = append(out, privateLine(t)+".")
	}
	if t.WeakestRole != "" {
		out = append(out, fmt.Sprintf("Weakest role: %s.", audit.RoleLabel(t.WeakestRole)))
	}
	return out
}

func roleTable(t audit.TimeSplit, compared bool) *render.Table {
	tb := &render.Table{Columns: []string{"role", "share", "h/week", "target", ""}}
	if compared {
		tb.Columns = []string{"role", "share", "change", "h/week", "target", ""}
	}
	for _, s := range t.ByRole {
		mark := ""
		if s.OffTarget {
			mark = "off target"
		}
		row := []any{audit.RoleLabel(s.Name), pct(s.Percent), number(s.HoursPerWeek, 1), s.Target, mark}
		if compared {
			row = slices.Insert(row, 2, any(shareChange(t, s)))
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

func categoryTable(t audit.TimeSplit, compared bool) *render.Table {
	tb := &render.Table{Columns: []string{"category", "role", "share", "h/week"}}
	if compared {
		tb.Columns = []string{"category", "role", "share", "change", "h/week"}
	}
	for _, s := range t.ByCategory {
		row := []any{audit.CategoryLabel(s.Name), audit.RoleLabel(s.Role), pct(s.Percent), number(s.HoursPerWeek, 1)}
		if compared {
			row = slices.Insert(row, 3, any(shareChange(t, s)))
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

// showsChanges says whether the time tables have a change column: not
// without a comparison, nor when the period compared with had no time at
// all (the compared line says so once, not in every cell).
func showsChanges(rep *audit.Report) bool {
	return rep.ComparedWith != nil && !rep.ComparedNoActivities
}

// comparedLine says which period the report's changes are from.
func comparedLine(rep *audit.Report) string {
	p := rep.ComparedWith
	if p == nil {
		return ""
	}
	then := fmt.Sprintf("%s to %s", p.From.Format("2 Jan 2006"), p.To.AddDate(0, 0, -1).Format("2 Jan 2006"))
	if rep.ComparedNoActivities {
		return fmt.Sprintf("Compared with %s: no activities in the earlier period, so no time to compare with; "+
			"only the verdicts then are shown.", then)
	}
	return fmt.Sprintf("Compared with %s: each change is from then to now.", then)
}

// shareChange is a share's change since the period compared with, in
// percentage points with an arrow: "▲ 4.2 pts", "▼ 1 pt", "= 0 pts"; "new"
// for a manager not audited then, "no time then" for one who logged none.
func shareChange(t audit.TimeSplit, s audit.Share) string {
	switch {
	case t.PreviousNoTime:
		return noTimeThen
	case s.PreviousPercent == nil:
		return "new"
	}
	return pointsChange(s.Percent - *s.PreviousPercent)
}

func pointsChange(delta float64) string {
	delta = math.Round(delta*10) / 10
	arrow := "="
	switch {
	case delta > 0:
		arrow = "▲"
	case delta < 0:
		arrow = "▼"
	}
	unit := " pts"
	if math.Abs(delta) == 1 {
		unit = " pt"
	}
	return arrow + " " + number(math.Abs(delta), 1) + unit
}

// hoursBefore is ", 18.5 h before" after the hours a week, in a compared
// report.
func hoursBefore(t audit.TimeSplit) string {
	if t.PreviousNoTime {
		return " (" + noTimeThen + ")"
	}
	if t.PreviousHoursPerWeek == nil {
		return ""
	}
	return fmt.Sprintf(" (%s h before)", number(*t.PreviousHoursPerWeek, 1))
}

// noTimeThen stands for the change of a manager who logged no time in
// the period compared with.
const noTimeThen = "no time then"

// previousVerdict is "was 12 %, warning": a finding's verdict in the
// period compared with; "" without one. A verdict without a metric then
// is said in words: "n/a" is the report's word for a rule not judged at
// the manager's level, not for one that had no data.
func previousVerdict(f audit.Finding) string {
	p := f.Previous
	switch {
	case p == nil:
		return ""
	case p.Severity == audit.SeverityNotEnoughData:
		return "then: not enough data"
	case p.Severity == audit.SeverityNotApplicable:
		return "then: not judged at this level"
	}
	was := metric(audit.Finding{Metric: p.ExactMetric(), Unit: f.Unit})
	return fmt.Sprintf("was %s, %s", was, severityWord(&audit.Finding{Severity: p.Severity}))
}

// thresholdThen is a finding's threshold, and its verdict then in a
// compared report: what the text formats put in brackets after the metric.
func thresholdThen(f audit.Finding) string {
	if then := previousVerdict(f); then != "" {
		return f.Threshold + "; " + then
	}
	return f.Threshold
}

// fixedFindings are the rules flagged in the period compared with that
// are no longer: a manager who fixed something sees it.
func fixedFindings(fs []audit.Finding) []string {
	var out []string
	for _, f := range fs {
		if p := f.Previous; p != nil && !flagged(f) && (p.Severity == audit.SeverityHigh || p.Severity == audit.SeverityWarning) {
			out = append(out, fmt.Sprintf("%s %s (was %s, now %s)", f.Rule, ruleLabel(f.Name), p.Severity, severityWord(&f)))
		}
	}
	return out
}

func (d *document) findings(fs []audit.Finding) {
	shown := 0
	for _, f := range fs {
		if flagged(f) {
			if shown == 0 {
				d.heading(3, "Findings")
			}
			shown++
			d.finding(f)
		}
	}
	if shown == 0 && !d.noActivities {
		d.printf("No findings.\n\n")
	}
	if fixed := fixedFindings(fs); len(fixed) > 0 {
		d.paragraph(fmt.Sprintf("Fixed since the period compared with: %s.", strings.Join(fixed, ", ")))
		d.printf("\n")
	}
	for _, line := range quietVerdicts(fs) {
		d.paragraph(line)
		d.printf("\n")
	}
}

// flagged says whether a finding is shown in full: a warning or worse.
func flagged(f audit.Finding) bool {
	return f.Severity == audit.SeverityHigh || f.Severity == audit.SeverityWarning
}

// quietVerdicts are the lines that list, after the findings, the rules
// within their thresholds, those without enough data (grouped by reason)
// and those not judged at the manager's level; every format writes them.
func quietVerdicts(fs []audit.Finding) []string {
	var ok, notJudged []string
	var missing []reasonGroup
	for _, f := range fs {
		name := fmt.Sprintf("%s %s", f.Rule, ruleLabel(f.Name))
		switch f.Severity {
		case audit.SeverityNotEnoughData:
			missing = addToReason(missing, f.Missing, name)
		case audit.SeverityNotApplicable:
			notJudged = append(notJudged, name)
		case audit.SeverityOK:
			ok = append(ok, name)
		}
	}
	var lines []string
	if len(ok) > 0 {
		lines = append(lines, fmt.Sprintf("Within thresholds: %s.", strings.Join(ok, ", ")))
	}
	if len(missing) > 0 {
		var groups []string
		for _, g := range missing {
			groups = append(groups, fmt.Sprintf("%s (%s)", strings.Join(g.rules, ", "), g.reason))
		}
		lines = append(lines, fmt.Sprintf("Not enough data: %s.", strings.Join(groups, "; ")))
	}
	if len(notJudged) > 0 {
		lines = append(lines, fmt.Sprintf("Not judged at this level (they judge a first-line team): %s.", strings.Join(notJudged, ", ")))
	}
	return lines
}

// reasonGroup is the rules that lack data for one reason: said once, not
// once per rule (data without activities would repeat it fourteen times).
type reasonGroup struct {
	reason string
	rules  []string
}

// addToReason adds rule to its reason's group, in the order reasons come.
func addToReason(groups []reasonGroup, reason, rule string) []reasonGroup {
	for i := range groups {
		if groups[i].reason == reason {
			groups[i].rules = append(groups[i].rules, rule)
			return groups
		}
	}
	return append(groups, reasonGroup{reason: reason, rules: []string{rule}})
}

func (d *document) finding(f audit.Finding) {
	label := strings.ToUpper(string(f.Severity))
	if d.markdown() {
		d.printf("**%s · %s %s: %s** (%s)\n\n", label, f.Rule, ruleLabel(f.Name), metric(f), thresholdThen(f))
	} else {
		// The colour codes are added after wrapping, which must not count them.
		head := render.Wrap(fmt.Sprintf("%s  %s %s: %s (%s)", label, f.Rule, ruleLabel(f.Name), metric(f), thresholdThen(f)), d.opts.Width)
		d.printf("%s%s\n", d.severity(f.Severity, label), strings.TrimPrefix(head, label))
	}
	d.lines(f.Measures, "Recommendation: "+f.Recommendation, "Source: "+f.Source)
	d.printf("\n")
	if len(f.Evidence.Rows) > 0 {
		d.evidence(f.Evidence)
	}
}

func (d *document) evidence(ev audit.Evidence) {
	rows := ev.Rows
	more := len(rows) - d.opts.EvidenceRows
	if more > 0 {
		rows = rows[:d.opts.EvidenceRows]
	}
	d.table(&render.Table{Columns: ev.Columns, Rows: evidenceCells(ev.Columns, rows)})
	if more > 0 {
		d.printf("… and %d more (all of them in --format json or csv).\n\n", more)
	}
}

// evidenceCells rounds numbers for reading, writes booleans as words and
// categories and roles as the report names them ("other internal
// meetings", not internal_other).
func evidenceCells(columns []string, rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[i] = make([]any, len(row))
		for j, v := range row {
			out[i][j] = readable(v)
			if name, ok := v.(string); ok && j < len(columns) {
				out[i][j] = labelled(columns[j], name)
			}
		}
	}
	return out
}

// labelled is a value of an evidence column as the report words it: a
// category's or a role's label in a column of those.
func labelled(column, value string) string {
	switch column {
	case "category":
		return audit.CategoryLabel(value)
	case "role":
		return audit.RoleLabel(value)
	}
	return value
}

// readable is an evidence value as a person reads it: numbers to one
// decimal, booleans as yes or no.
func readable(v any) any {
	switch x := v.(type) {
	case float64:
		return math.Round(x*10) / 10
	case bool:
		if x {
			return "yes"
		}
		return "no"
	default:
		return v
	}
}

func (d *document) severity(s audit.Severity, label string) string {
	if !d.opts.Color {
		return label
	}
	colour := map[audit.Severity]string{audit.SeverityHigh: "31", audit.SeverityWarning: "33"}[s]
	return "\x1b[1;" + colour + "m" + label + "\x1b[0m"
}

func (d *document) organisation(rep *audit.Report) {
	if len(rep.Managers) < 2 {
		return
	}
	d.heading(2, "Organisation")
	if ranked(rep) {
		d.printf("Managers ranked by their share of time in each role.\n\n")
	}
	if note := rankingNote(rep); note != "" {
		d.paragraph(note)
		d.printf("\n")
	}
	if ranked(rep) {
		d.table(rankingText(rep))
	}
	d.table(findingMatrix(rep))
}

// rankingText is the role ranking as the text formats show it, a role a
// row (the CSV's rankingTable has a manager a row).
func rankingText(rep *audit.Report) *render.Table {
	tb := &render.Table{Columns: []string{"role", "ranking"}}
	for _, rr := range rep.Organisation {
		var names []string
		for _, m := range rr.Managers {
			names = append(names, fmt.Sprintf("%s %s", m.Name, pct(m.Percent)))
		}
		tb.Rows = append(tb.Rows, []any{audit.RoleLabel(rr.Role), strings.Join(names, ", ")})
	}
	return tb
}

// ranked says whether the role ranking ranks anyone.
func ranked(rep *audit.Report) bool {
	return slices.ContainsFunc(rep.Organisation, func(rr audit.RoleRanking) bool { return len(rr.Managers) > 0 })
}

// rankingNote says whom the role ranking leaves out and why: a manager
// who logged no time has no share to rank, and ranking them at 0 % would
// contradict the report's own "no time measured". "" when it leaves out
// no first-line manager.
func rankingNote(rep *audit.Report) string {
	var unranked []string
	for _, m := range rep.Managers {
		if m.Level == audit.LevelFirstLine && !m.Time.Logged() {
			unranked = append(unranked, m.Name)
		}
	}
	switch {
	case len(unranked) == 0:
		return ""
	case !ranked(rep):
		return "No ranking by role: no manager logged any time in the period, so there is no share of time to rank."
	}
	return fmt.Sprintf("Not ranked, with no time logged in the period: %s.", strings.Join(unranked, ", "))
}

// findingMatrix shows every rule's severity for every manager.
func findingMatrix(rep *audit.Report) *render.Table {
	tb := &render.Table{Columns: []string{"rule"}}
	for _, m := range rep.Managers {
		tb.Columns = append(tb.Columns, m.Name)
	}
	for _, rule := range audit.Rules {
		row := []any{rule.ID + " " + ruleLabel(rule.Name)}
		for _, m := range rep.Managers {
			row = append(row, severityWord(findingFor(m, rule.ID)))
		}
		tb.Rows = append(tb.Rows, row)
	}
	return tb
}

func findingFor(m audit.Manager, rule string) *audit.Finding {
	for i := range m.Findings {
		if m.Findings[i].Rule == rule {
			return &m.Findings[i]
		}
	}
	return nil
}

func severityWord(f *audit.Finding) string {
	if f == nil {
		return ""
	}
	switch f.Severity {
	case audit.SeverityNotEnoughData:
		return "no data"
	case audit.SeverityOK:
		return "ok"
	case audit.SeverityNotApplicable:
		return "n/a"
	}
	return string(f.Severity)
}

func (d *document) dataQuality(q audit.DataQuality) {
	d.heading(2, "Data quality")
	if line := dataQualityScope(q); line != "" {
		d.paragraph(line)
		d.printf("\n")
	}
	tb := &render.Table{Columns: []string{"what", "value"}, Rows: [][]any{
		{"activities in the period", q.Activities},
		{"manager time, hours", number(q.ManagerHours, 1)},
		{"manager minutes estimated (no duration in the export)", pct(q.EstimatedPercent)},
		{"manager minutes unclassified", pct(q.UnclassifiedPercent)},
		{"activities with durations capped", q.CappedActivities},
		{"activities with no owner", q.WithoutOwner},
		{"activities whose owner is not a known user", q.UnknownOwner},
		{"activities with no account", q.WithoutAccount},
		{"attendees who are not known users", q.UnknownAttendees},
		{"rows rejected at ingest", q.Rejects},
	}}
	// Said only when it happened: most exports are in one encoding.
	if q.MixedEncodingLines > 0 {
		tb.Rows = append(tb.Rows, []any{"lines read as UTF-8 in Windows-1252 files (mixed encodings)", q.MixedEncodingLines})
	}
	if q.C1BytesKept > 0 {
		tb.Rows = append(tb.Rows, []any{"undefined Windows-1252 bytes kept as control characters", q.C1BytesKept})
	}
	d.table(tb)
	if len(q.UnclassifiedSubjects) > 0 {
		d.paragraph("Subjects no classification rule matched (add keywords for them in the configuration):")
		d.printf("\n")
		d.table(unclassifiedTable(q, false))
	}
	if len(q.OrgNotes) > 0 {
		d.paragraph("People the audit could not tie to one person or one team:")
		d.printf("\n")
		d.table(orgNotesTable(q.OrgNotes, false))
	}
}

// unclassifiedTable lists the subjects no rule matched; raw keeps numbers
// as numbers, for CSV.
func unclassifiedTable(q audit.DataQuality, raw bool) *render.Table {
	t := &render.Table{Columns: []string{"subject", "kind", "activities", "hours"}}
	for _, u := range q.UnclassifiedSubjects {
		var hours any = number(u.Hours, 1)
		if raw {
			hours = u.Hours
		}
		t.Rows = append(t.Rows, []any{u.Subject, u.Kind, u.Activities, hours})
	}
	return t
}

// dataQualityScope says whose work the data-quality counts are of, when
// the report is about one manager ("" for the whole organisation).
func dataQualityScope(q audit.DataQuality) string {
	if q.Scope == "" {
		return ""
	}
	return fmt.Sprintf("Counted over the team of %s: the activities the manager and their reps own, and "+
		"the organisation notes naming one of them. Rows rejected at ingest and decoding are the whole export's.", q.Scope)
}

// orgNotesTable lists the organisation notes; raw keeps the kinds' keys
// (CSV), else they are said in words.
func orgNotesTable(notes []audit.OrgNote, raw bool) *render.Table {
	tb := &render.Table{Columns: []string{"note", "source", "about", "people", "detail"}}
	for _, n := range notes {
		kind := n.Kind
		if !raw {
			kind = orgNoteLabel(kind)
		}
		tb.Rows = append(tb.Rows, []any{kind, n.Source, n.Subject, strings.Join(n.People, ", "), n.Detail})
	}
	return tb
}

func orgNoteLabel(kind string) string {
	switch kind {
	case "shared_mailbox":
		return "shared mailbox"
	case "system_mailbox":
		return "system mailbox"
	case "titled_manager_without_team":
		return "titled manager, no team"
	case "manager_among_role_holders":
		return "manager among role holders"
	case "org_file_row":
		return "org file row ignored"
	}
	return strings.ReplaceAll(kind, "_", " ")
}

// metric is a finding's metric with its unit, rounded once from the
// exact value: the JSON's two decimals rounded again to one would read
// 72.546 as 72.6 % beside a role share of 72.5 %.
func metric(f audit.Finding) string {
	exact := f.ExactMetric()
	if exact == nil {
		if f.Unit == "ratio" {
			return "no coaching to compare with"
		}
		return "n/a"
	}
	v := *exact
	switch f.Unit {
	case "%":
		return pct(v)
	case "points":
		return number(v, 1) + " points"
	case "ratio":
		return number(v, 2)
	default:
		return plural(int(math.Round(v)), strings.TrimSuffix(f.Unit, "s"), f.Unit)
	}
}

func pct(v float64) string { return number(v, 1) + " %" }

// number rounds half away from zero (as people do, unlike %f's half to
// even) and drops trailing zeros.
func number(v float64, decimals int) string {
	scale := math.Pow(10, float64(decimals))
	v = math.Round(v*scale) / scale
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
