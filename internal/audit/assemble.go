package audit

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/queries"
)

// report runs the report queries and the rules and puts the report
// together.
func (r *runner) report(ctx context.Context) (*Report, error) {
	rep := &Report{}
	if err := r.queryPeriod(ctx, rep); err != nil {
		return nil, err
	}
	managers, err := r.queryManagers(ctx)
	if err != nil {
		return nil, err
	}
	if err := r.queryScorecards(ctx, managers, rep.Period.Weeks); err != nil {
		return nil, err
	}
	if err := r.querySeries(ctx, managers); err != nil {
		return nil, err
	}
	if err := r.queryDataQuality(ctx, &rep.DataQuality); err != nil {
		return nil, err
	}
	rep.NoActivities = rep.DataQuality.allActivities == 0
	rules := r.rules()
	for _, rule := range rules {
		if err := r.runRule(ctx, rule, managers, rep.NoActivities); err != nil {
			return nil, err
		}
	}
	for _, m := range managers {
		m.Findings = append(m.Findings, r.notApplicable(rules, m.Level)...)
		sortFindings(m.Findings, rules)
		rep.Managers = append(rep.Managers, *m)
	}
	if rep.Managers, err = selectManagers(rep.Managers, r.opts.Manager); err != nil {
		return nil, err
	}
	if r.opts.Manager != "" {
		rep.DataQuality.OrgNotes = notesAbout(rep.DataQuality.OrgNotes, rep.Managers)
		rep.DataQuality.Scope = rep.Managers[0].Name
	}
	rep.Organisation = rankRoles(rep.Managers)
	return rep, nil
}

// query runs the single statement of a report file with the audit's
// parameters.
func (r *runner) query(ctx context.Context, file string) (*sql.Rows, error) {
	return r.queryFile(ctx, file, r.values)
}

// queryFile runs the single statement of a file with parameters.
func (r *runner) queryFile(ctx context.Context, file string, params map[string]any) (*sql.Rows, error) {
	body, err := fs.ReadFile(queries.Audit, file)
	if err != nil {
		return nil, err
	}
	return r.queryText(ctx, file, string(body), params)
}

// queryText runs the single statement of a file's text with parameters.
func (r *runner) queryText(ctx context.Context, file, text string, params map[string]any) (*sql.Rows, error) {
	stmts := splitStatements(text)
	if len(stmts) != 1 {
		return nil, fmt.Errorf("queries/%s: want one statement, found %d", file, len(stmts))
	}
	stmt := stmts[0]
	args, err := bind(file, stmt, params)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	if stmt, args, err = r.cache.result(ctx, r, file, stmt, args); err != nil {
		return nil, fmt.Errorf("queries/%s: %w", file, err)
	}
	rows, err := r.conn.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("queries/%s: %w", file, err)
	}
	r.trace(file, started)
	return rows, nil
}

func (r *runner) queryPeriod(ctx context.Context, rep *Report) error {
	rows, err := r.query(ctx, "report/period.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return fmt.Errorf("no audit period")
	}
	var from, to sql.NullTime
	if err := rows.Scan(&from, &to, &rep.Period.Weeks); err != nil {
		return fmt.Errorf("reading the period: %w", err)
	}
	if !from.Valid || !to.Valid {
		rows.Close()
		return r.nothingToAudit(ctx)
	}
	rep.Period.From, rep.Period.To = from.Time.UTC(), to.Time.UTC()
	return rows.Err()
}

// nothingToAudit is the error of sources without activities or deals:
// it says what they hold, since "load an export first" misleads someone
// who just loaded an export of users.
func (r *runner) nothingToAudit(ctx context.Context) error {
	rows, err := r.query(ctx, "report/loaded.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	var users, accounts int64
	if rows.Next() {
		if err := rows.Scan(&users, &accounts); err != nil {
			return fmt.Errorf("reading what was loaded: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return errors.New(nothingToAuditMessage(users, accounts))
}

// nothingToAuditMessage says what the audited sources hold and what an
// audit needs that they lack.
func nothingToAuditMessage(users, accounts int64) string {
	if users == 0 && accounts == 0 {
		return "there are no activities or deals to audit: load an export first"
	}
	return fmt.Sprintf("nothing to audit: the audited sources hold %s and %s but no activities and no deals; "+
		"load the CRM's activities or deals, or the managers' calendars, with them "+
		"(salesaudit audit crm-export/ calendars/)", things(users, "user"), things(accounts, "account"))
}

// things is "1 user", "5 users".
func things(n int64, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

func (r *runner) queryManagers(ctx context.Context) (map[string]*Manager, error) {
	rows, err := r.query(ctx, "report/managers.sql")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	managers := map[string]*Manager{}
	for rows.Next() {
		var m Manager
		var team, from, changes, reportsEver []any
		if err := rows.Scan(&m.key, &m.Name, &m.Title, &m.TeamSize, &team, &m.Level, &from, &changes, &reportsEver); err != nil {
			return nil, fmt.Errorf("reading managers: %w", err)
		}
		m.Source, m.ID, _ = strings.Cut(m.key, "/")
		m.Team, m.TeamFrom, m.TeamChanges = texts(team), texts(from), teamChanges(changes)
		m.reportsEver = texts(reportsEver)
		managers[m.key] = &m
	}
	return managers, rows.Err()
}

// queryScorecards fills each manager's time split.
// teamChanges reads managers.sql's team_changes, a list of structs
// {name, joined, left}.
func teamChanges(list []any) []TeamChange {
	var out []TeamChange
	for _, v := range list {
		row, _ := v.(map[string]any)
		c := TeamChange{Name: fmt.Sprint(row["name"])}
		if t, ok := row["joined"].(time.Time); ok {
			t = t.UTC()
			c.Joined = &t
		}
		if t, ok := row["left"].(time.Time); ok {
			t = t.UTC()
			c.Left = &t
		}
		out = append(out, c)
	}
	return out
}

func (r *runner) queryScorecards(ctx context.Context, managers map[string]*Manager, weeks float64) error {
	rows, err := r.query(ctx, "report/scorecard.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	minutes := map[string]map[string]float64{}
	estimated := map[string]float64{}
	for rows.Next() {
		var key, category, role string
		var mins, est float64
		var n int64
		if err := rows.Scan(&key, &category, &role, &mins, &est, &n); err != nil {
			return fmt.Errorf("reading the scorecard: %w", err)
		}
		if minutes[key] == nil {
			minutes[key] = map[string]float64{}
		}
		minutes[key][category] += mins
		estimated[key] += est
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for key, m := range managers {
		m.Time = r.timeSplit(minutes[key], estimated[key], weeks)
	}
	return r.queryPrivateTime(ctx, managers, weeks)
}

// queryPrivateTime fills in each manager's private hours.
func (r *runner) queryPrivateTime(ctx context.Context, managers map[string]*Manager, weeks float64) error {
	rows, err := r.query(ctx, "report/private_time.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var minutes float64
		if err := rows.Scan(&key, &minutes); err != nil {
			return fmt.Errorf("reading private time: %w", err)
		}
		if m, ok := managers[key]; ok {
			m.Time.PrivateHours, m.Time.PrivateHoursPerWeek = round1(minutes/60), round1(minutes/60/weeks)
		}
	}
	return rows.Err()
}

func (r *runner) timeSplit(byCategory map[string]float64, estimated, weeks float64) TimeSplit {
	var total float64
	byRole := map[string]float64{}
	for category, mins := range byCategory {
		total += mins
		byRole[roleOrUnclassified(category)] += mins
	}
	ts := TimeSplit{Hours: round1(total / 60), HoursPerWeek: round1(total / 60 / weeks), EstimatedShare: percent(estimated, total)}
	for _, category := range Categories {
		mins := byCategory[category]
		if mins == 0 && category == Unclassified {
			continue
		}
		ts.ByCategory = append(ts.ByCategory, share(category, RoleOf(category), mins, total, weeks))
	}
	for _, role := range append(Roles, Unclassified) {
		mins := byRole[role]
		if mins == 0 && role == Unclassified {
			continue
		}
		s := share(role, "", mins, total, weeks)
		if t, ok := r.cfg.Targets[role]; ok && total > 0 {
			s.Target, s.OffTarget = t.describe(), !t.holds(s.Percent)
			s.TargetMin, s.TargetMax = t.Min, t.Max
		}
		ts.ByRole = append(ts.ByRole, s)
	}
	ts.WeakestRole = r.weakestRole(ts.ByRole, total)
	return ts
}

func roleOrUnclassified(category string) string {
	if role := RoleOf(category); role != "" {
		return role
	}
	return Unclassified
}

func share(name, role string, minutes, total, weeks float64) Share {
	return Share{Name: name, Role: role, Hours: round1(minutes / 60), HoursPerWeek: round1(minutes / 60 / weeks), Percent: percent(minutes, total)}
}

// weakestRole is the manager role (people, customer, business) furthest
// below the minimum of its target.
func (r *runner) weakestRole(byRole []Share, total float64) string {
	if total == 0 {
		return ""
	}
	weakest, worst := "", math.Inf(1)
	for _, s := range byRole {
		t, ok := r.cfg.Targets[s.Name]
		if !ok || t.Min == nil || s.Name == RoleLowValue {
			continue
		}
		if gap := s.Percent - *t.Min; gap < worst {
			weakest, worst = s.Name, gap
		}
	}
	return weakest
}

func (t Target) holds(percent float64) bool {
	return (t.Min == nil || percent >= *t.Min) && (t.Max == nil || percent <= *t.Max)
}

func (t Target) describe() string {
	switch {
	case t.Min != nil && t.Max != nil:
		return fmt.Sprintf("%s–%s %%", formatNumber(*t.Min), formatNumber(*t.Max))
	case t.Min != nil:
		return fmt.Sprintf("≥ %s %%", formatNumber(*t.Min))
	case t.Max != nil:
		return fmt.Sprintf("≤ %s %%", formatNumber(*t.Max))
	}
	return ""
}

// runRule runs one rule's SQL and files its verdict on each manager. In a
// period without activities, a rule that reads them has not enough data,
// whatever its SQL makes of the empty tables (0 % of nothing is not "ok").
func (r *runner) runRule(ctx context.Context, rule Rule, managers map[string]*Manager, noActivities bool) error {
	params := maps.Clone(r.values)
	for name := range rule.Thresholds {
		params[name] = r.cfg.Threshold(rule, name)
	}
	file := "rules/" + rule.ID + ".sql"
	rows, err := r.queryText(ctx, file, rule.SQL, params)
	if err != nil {
		return err
	}
	defer rows.Close()
	result, err := newRuleResult(rows, rule)
	if err != nil {
		return fmt.Errorf("queries/%s: %w", file, err)
	}
	answered := map[string]bool{}
	for rows.Next() {
		if err := rows.Scan(result.dest...); err != nil {
			return fmt.Errorf("queries/%s: reading its result: %w", file, err)
		}
		m, ok := managers[result.key]
		if !ok || !rule.Judges(m.Level) {
			continue
		}
		answered[result.key] = true
		switch {
		case noActivities && rule.NeedsActivities:
			result.notEnoughData(reasonNoActivities)
		case m.TeamSize == 0 && rule.NeedsTeam:
			result.notEnoughData(reasonNoTeam)
		}
		if err := r.file(rule, result, m); err != nil {
			return fmt.Errorf("queries/%s, manager %s: %w", file, m.Name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// A rule's SQL answers for every manager it can; a manager with no team
	// may be absent from a query that starts from the teams.
	for key, m := range managers {
		switch {
		case answered[key] || !rule.Judges(m.Level):
		case m.TeamSize == 0 && rule.NeedsTeam:
			missing := &ruleResult{measures: map[string]*sql.NullFloat64{"metric": {}}}
			missing.notEnoughData(reasonNoTeam)
			if err := r.file(rule, missing, m); err != nil {
				return err
			}
		default:
			return fmt.Errorf("queries/%s returned no row for manager %s: a rule answers for every manager of audit_managers", file, m.Name)
		}
	}
	return nil
}

// Why a rule has not enough data, whatever its SQL made of what is missing.
const (
	reasonNoActivities = "no activities in the period: no one's time is in the data"
	reasonNoTeam       = "no team in the data: nobody reports to this manager in the export"
)

// file adds the rule's verdict on m from its result.
func (r *runner) file(rule Rule, res *ruleResult, m *Manager) error {
	f, err := r.finding(rule, res)
	if err != nil {
		return err
	}
	m.Findings = append(m.Findings, f)
	return nil
}

// ruleResult is one row of a rule's result: manager_key, metric, missing
// and evidence, and the other measures its bands compare, by column name.
type ruleResult struct {
	key               string
	missing, evidence sql.NullString
	measures          map[string]*sql.NullFloat64
	dest              []any
}

func newRuleResult(rows *sql.Rows, rule Rule) (*ruleResult, error) {
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	res := &ruleResult{measures: map[string]*sql.NullFloat64{}}
	for _, c := range columns {
		switch c {
		case "manager_key":
			res.dest = append(res.dest, &res.key)
		case "missing":
			res.dest = append(res.dest, &res.missing)
		case "evidence":
			res.dest = append(res.dest, &res.evidence)
		default:
			v := &sql.NullFloat64{}
			res.measures[c] = v
			res.dest = append(res.dest, v)
		}
	}
	for _, want := range append([]string{"manager_key", "metric", "missing", "evidence"}, rule.bandMeasures()...) {
		if !slices.Contains(columns, want) {
			return nil, fmt.Errorf("the result has no column %q (it has %s)", want, strings.Join(columns, ", "))
		}
	}
	return res, nil
}

// notEnoughData makes the result "not enough data" for the reason, what
// the rule's SQL made of the missing data notwithstanding.
func (res *ruleResult) notEnoughData(reason string) {
	res.missing = sql.NullString{String: reason, Valid: true}
	res.evidence = sql.NullString{}
	for _, v := range res.measures {
		*v = sql.NullFloat64{}
	}
}

// values are the measures that are not NULL.
func (res *ruleResult) values() map[string]float64 {
	out := map[string]float64{}
	for name, v := range res.measures {
		if v.Valid {
			out[name] = v.Float64
		}
	}
	return out
}

func (r *runner) finding(rule Rule, res *ruleResult) (Finding, error) {
	ev, err := parseEvidence(res.evidence.String)
	if err != nil {
		return Finding{}, err
	}
	if len(ev.Columns) > 0 && !slices.Equal(ev.Columns, rule.EvidenceColumns) {
		return Finding{}, fmt.Errorf("the evidence has the columns %q, the rule's file says %q", ev.Columns, rule.EvidenceColumns)
	}
	threshold := func(name string) float64 { return r.cfg.Threshold(rule, name) }
	f := Finding{
		Rule: rule.ID, Name: rule.Name, Role: rule.Role,
		Severity: rule.Severity(res.missing.String, res.values(), threshold),
		Unit:     rule.Unit, Threshold: r.cfg.Describe(rule, rule.ThresholdText),
		Measures: r.cfg.Describe(rule, rule.Measures), Missing: res.missing.String, Evidence: ev,
		Recommendation: rule.Recommendation, Source: rule.Source,
	}
	f.Metric, f.exact = metricOf(res.measures["metric"], f.Severity)
	if f.Severity == SeverityNotEnoughData || f.Severity == SeverityOK {
		f.Evidence = Evidence{}
	}
	return f, nil
}

// metricOf is a rule's metric rounded to two decimals, and unrounded: none
// when it is not a finite number or the rule has not enough data to judge
// (a PM3 ratio of a team too small to rank is no measure of it).
func metricOf(metric *sql.NullFloat64, severity Severity) (rounded, exact *float64) {
	if !metric.Valid || math.IsInf(metric.Float64, 0) || math.IsNaN(metric.Float64) || severity == SeverityNotEnoughData {
		return nil, nil
	}
	v, r := metric.Float64, math.Round(metric.Float64*100)/100
	return &r, &v
}

// notApplicable are the verdicts of the rules that do not judge managers
// of the level: said, not left out, so that every format shows why a rule
// has no verdict.
func (r *runner) notApplicable(rules []Rule, level string) []Finding {
	var out []Finding
	for _, rule := range rules {
		if !rule.Judges(level) {
			out = append(out, Finding{
				Rule: rule.ID, Name: rule.Name, Role: rule.Role, Severity: SeverityNotApplicable,
				Unit: rule.Unit, Threshold: r.cfg.Describe(rule, rule.ThresholdText),
				Measures: r.cfg.Describe(rule, rule.Measures), Missing: "judges first-line managers only: this manager leads managers",
				Recommendation: rule.Recommendation, Source: rule.Source,
			})
		}
	}
	return out
}

// sortFindings puts the worst first, then the rules in report order.
func sortFindings(fs []Finding, rules []Rule) {
	sort.SliceStable(fs, func(i, j int) bool {
		if a, b := fs[i].Severity.rank(), fs[j].Severity.rank(); a != b {
			return a < b
		}
		return ruleIndex(rules, fs[i].Rule) < ruleIndex(rules, fs[j].Rule)
	})
}

func ruleIndex(rules []Rule, id string) int {
	return slices.IndexFunc(rules, func(r Rule) bool { return r.ID == id })
}

// selectManagers keeps the managers named by --manager (ID or name), or
// all: the first-line managers, then the second-line ones, each sorted by
// name (then source and ID: large companies have managers of the same
// name, and the report must not change from run to run).
func selectManagers(all []Manager, want string) ([]Manager, error) {
	slices.SortFunc(all, func(a, b Manager) int {
		return cmp.Or(cmp.Compare(a.Level, b.Level), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Source, b.Source), cmp.Compare(a.ID, b.ID))
	})
	if want == "" {
		return all, nil
	}
	var out []Manager
	for _, m := range all {
		if m.ID == want || strings.EqualFold(m.Name, want) || fold(m.Name) == fold(want) {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		names := make([]string, len(all))
		for i, m := range all {
			names[i] = m.Name
		}
		return nil, fmt.Errorf("no manager %q (managers: %s)", want, strings.Join(names, ", "))
	}
	return out, nil
}

// notesAbout are the organisation notes that name one of the managers or
// someone of their teams.
func notesAbout(notes []OrgNote, managers []Manager) []OrgNote {
	people := map[string]bool{}
	for _, m := range managers {
		people[m.Name] = true
		for _, name := range m.Team {
			people[name] = true
		}
	}
	var out []OrgNote
	for _, n := range notes {
		if slices.ContainsFunc(n.People, func(p string) bool { return people[p] }) {
			out = append(out, n)
		}
	}
	return out
}

// rankRoles ranks the first-line managers by their share of time in each
// role: a second-line manager's time is judged against other work, and a
// manager who logged no time has no share to rank (0 % of nothing).
func rankRoles(managers []Manager) []RoleRanking {
	var out []RoleRanking
	for _, role := range Roles {
		rr := RoleRanking{Role: role}
		for _, m := range managers {
			if m.Level != LevelFirstLine || !m.Time.Logged() {
				continue
			}
			for _, s := range m.Time.ByRole {
				if s.Name == role {
					rr.Managers = append(rr.Managers, RankedShare{Name: m.Name, Percent: s.Percent})
				}
			}
		}
		sort.SliceStable(rr.Managers, func(i, j int) bool { return rr.Managers[i].Percent > rr.Managers[j].Percent })
		out = append(out, rr)
	}
	return out
}

func (r *runner) queryDataQuality(ctx context.Context, dq *DataQuality) error {
	rows, err := r.query(ctx, "report/data_quality.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return fmt.Errorf("no data-quality figures")
	}
	var minutes, unclassified, estimated float64
	if err := rows.Scan(&dq.allActivities, &dq.Activities, &dq.WithoutOwner, &dq.UnknownOwner, &dq.WithoutAccount, &dq.CappedActivities,
		&minutes, &unclassified, &estimated, &dq.Rejects, &dq.UnknownAttendees, &dq.MixedEncodingLines, &dq.C1BytesKept); err != nil {
		return fmt.Errorf("reading data quality: %w", err)
	}
	dq.ManagerHours = round1(minutes / 60)
	dq.UnclassifiedPercent = percent(unclassified, minutes)
	dq.EstimatedPercent = percent(estimated, minutes)
	rows.Close()
	if err := r.queryUnclassified(ctx, dq); err != nil {
		return err
	}
	return r.queryOrgNotes(ctx, dq)
}

// texts are the values of a list column as texts.
func texts(list []any) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = fmt.Sprint(v)
	}
	return out
}

func (r *runner) queryOrgNotes(ctx context.Context, dq *DataQuality) error {
	rows, err := r.query(ctx, "report/org_notes.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	dq.OrgNotes = []OrgNote{}
	for rows.Next() {
		var n OrgNote
		var people []any
		if err := rows.Scan(&n.Kind, &n.Source, &n.Subject, &people, &n.Detail); err != nil {
			return fmt.Errorf("reading the organisation notes: %w", err)
		}
		n.People = texts(people)
		dq.OrgNotes = append(dq.OrgNotes, n)
	}
	return rows.Err()
}

func (r *runner) queryUnclassified(ctx context.Context, dq *DataQuality) error {
	rows, err := r.query(ctx, "report/unclassified.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u UnclassifiedSubject
		if err := rows.Scan(&u.Subject, &u.Kind, &u.Activities, &u.Hours); err != nil {
			return fmt.Errorf("reading unclassified subjects: %w", err)
		}
		dq.UnclassifiedSubjects = append(dq.UnclassifiedSubjects, u)
	}
	return rows.Err()
}

func percent(part, total float64) float64 {
	if total == 0 {
		return 0
	}
	return round1(100 * part / total)
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
