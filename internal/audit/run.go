// Package audit classifies every minute of each sales manager's logged
// time and runs the rules of the audit over it. The analyses are SQL files
// in queries/ (audit/ for the shared tables, rules/ one file per rule,
// report/ for the scorecard); this package only binds their parameters,
// runs them in order on one connection and assembles the report.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/orgfile"
	"github.com/salesaudit/salesaudit/queries"
)

// Options say what to audit.
type Options struct {
	Config *Config
	// Sources limits the audit to these sources; empty means all.
	Sources []string
	// From and To bound the period (To exclusive); zero means the span of
	// the data.
	From, To time.Time
	// Manager keeps only the managers whose ID or name is this.
	Manager string
	// Org is the org file from HR (--org): where it names a person's
	// manager, title or dates, it beats the CRM.
	Org []orgfile.Entry
	// Rules are the rules to run; nil means the Rules.
	Rules []Rule
	// Trace, if set, is told how long each SQL file took, to find what
	// makes an audit slow (salesaudit --log-level debug).
	Trace func(file string, took time.Duration)
	// Compare, if set, audits an earlier period too and puts its numbers
	// beside the report's (--compare).
	Compare Comparison
	// Pseudonymize is "reps" or "all" for a report whose people are
	// named by pseudonyms keyed by PseudonymKey (see Pseudonymize); ""
	// names them.
	Pseudonymize string
	PseudonymKey []byte
	// WithActivities fills Report.Activities (for --format parquet).
	WithActivities bool
	// Cache names the attached database in which the audit keeps the
	// tables of its work per activity and finds them again (cache.go);
	// "" audits without one.
	Cache string
}

// Run audits the database and returns the report. Nothing may load into
// the database while it runs: the audit's tables refer to activities by
// row number (activities.rowid), which a load committed in between could
// change. salesaudit never does both at once (and DuckDB lets one process
// write a database file); running the audit in one transaction instead
// would cost a fifth more time at scale.
func Run(ctx context.Context, db *sql.DB, opts Options) (*Report, error) {
	rep, err := runCompared(ctx, db, opts)
	if err != nil || opts.Pseudonymize == "" {
		return rep, err
	}
	if len(opts.PseudonymKey) == 0 {
		return nil, fmt.Errorf("pseudonyms need the database's key")
	}
	Pseudonymize(rep, Privacy{Managers: opts.Pseudonymize == "all", Key: opts.PseudonymKey,
		MinGroupSize: opts.Config.Privacy.MinGroupSize})
	return rep, nil
}

// runCompared audits the period and, with opts.Compare, the earlier one.
func runCompared(ctx context.Context, db *sql.DB, opts Options) (*Report, error) {
	rep, err := runOnce(ctx, db, opts)
	if err != nil || !opts.Compare.set() {
		return rep, err
	}
	earlier := opts
	earlier.Compare = Comparison{}
	earlier.From, earlier.To = opts.Compare.period(rep.Period)
	// Every manager of the earlier period: the one --manager names may
	// have had no team then, and is matched by ID below.
	earlier.Manager, earlier.WithActivities = "", false
	prev, err := runOnce(ctx, db, earlier)
	if err != nil {
		return nil, fmt.Errorf("auditing the period compared with (%s to %s): %w",
			earlier.From.Format(time.DateOnly), earlier.To.AddDate(0, 0, -1).Format(time.DateOnly), err)
	}
	Compare(rep, prev)
	return rep, nil
}

func runOnce(ctx context.Context, db *sql.DB, opts Options) (*Report, error) {
	r, conn, err := start(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rep, err := r.report(ctx)
	if err != nil || !opts.WithActivities {
		return rep, err
	}
	// From the tables the report was made of, not a second preparation.
	rep.Activities, err = r.classified(ctx, "")
	return rep, err
}

// start builds the audit's tables on a connection of their own: they are
// TEMP tables, which live on one connection. The caller closes it.
func start(ctx context.Context, db *sql.DB, opts Options) (*runner, *sql.Conn, error) {
	if opts.Config == nil {
		cfg, err := DefaultConfig()
		if err != nil {
			return nil, nil, err
		}
		opts.Config = cfg
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	r := &runner{conn: conn, cfg: opts.Config, opts: opts, cache: cache{catalog: opts.Cache}}
	if err := dropTempObjects(ctx, conn); err != nil {
		conn.Close()
		return nil, nil, err
	}
	if err := r.prepare(ctx); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return r, conn, nil
}

// dropTempObjects drops the TEMP tables and views an earlier audit left on
// the connection (the pool hands it out again: a comparison's second
// audit, a test's next one), so that each audit starts from nothing and
// a table one audit read from the cache as a view is a table again when
// the next computes it.
func dropTempObjects(ctx context.Context, conn *sql.Conn) error {
	drops, err := queryColumn(ctx, conn, `
		SELECT 'DROP VIEW IF EXISTS temp.main."' || view_name || '"' FROM duckdb_views() WHERE temporary AND NOT internal
		UNION ALL
		SELECT 'DROP TABLE IF EXISTS temp.main."' || table_name || '"' FROM duckdb_tables() WHERE temporary`)
	if err != nil {
		return fmt.Errorf("listing an earlier audit's tables: %w", err)
	}
	for _, drop := range drops {
		if _, err := conn.ExecContext(ctx, drop); err != nil {
			return fmt.Errorf("dropping an earlier audit's tables: %w", err)
		}
	}
	return nil
}

type runner struct {
	conn *sql.Conn
	cfg  *Config
	opts Options
	// values are the parameters every statement may use (see params).
	values map[string]any
	cache  cache
}

// prepare builds the shared audit tables, step by step, then classifies
// the managers' time; the work per activity comes from the cache when it
// holds it, and goes into it when not.
func (r *runner) prepare(ctx context.Context) error {
	params, err := r.params()
	if err != nil {
		return err
	}
	r.values = params
	for _, file := range queries.SetupSteps {
		if err := r.execFile(ctx, file, params); err != nil {
			return err
		}
	}
	if err := r.cache.lookup(ctx, r); err != nil {
		return err
	}
	r.cache.active = true
	for _, file := range queries.ActivitySteps {
		if err := r.execFile(ctx, file, params); err != nil {
			return err
		}
	}
	if err := r.classify(ctx); err != nil {
		return err
	}
	r.cache.active = false
	return r.cache.keep(ctx, r)
}

// classify matches each rule's keywords against the subjects, then puts
// every manager minute in its category.
func (r *runner) classify(ctx context.Context) error {
	for i, rule := range r.cfg.Classification {
		pattern := rule.pattern()
		if pattern == "" {
			continue
		}
		if err := r.execFile(ctx, "classify/keywords.sql", map[string]any{"position": i + 1, "pattern": pattern}); err != nil {
			return fmt.Errorf("classification rule %q: %w", rule.Name, err)
		}
	}
	return r.execFile(ctx, "classify/time.sql", nil)
}

// globalParameters are the parameters every audit statement may use: a
// rule's thresholds, bound beside them, may not take their names.
var globalParameters = []string{"from", "to", "max_minutes", "key_share", "min_group_size",
	"sources", "key_tiers", "estimates", "categories", "class_rules",
	"system_mailboxes", "manager_titles", "rep_titles", "manager", "org",
	"customer_types", "customer_pattern", "mass_types", "mass_pattern"}

// params are the values the audit's SQL is given: the options and the
// configuration, lists as lists and tables as JSON arrays of objects
// (queries/audit/config.sql makes them tables).
func (r *runner) params() (map[string]any, error) {
	sources := r.opts.Sources
	if sources == nil {
		sources = []string{}
	}
	tiers := make([]string, len(r.cfg.KeyAccounts.TierValues))
	for i, tier := range r.cfg.KeyAccounts.TierValues {
		tiers[i] = tierKey(tier)
	}
	estimates, err := jsonArray(sortedKeys(r.cfg.Durations.EstimateMinutes), func(_ int, kind string) any {
		return map[string]any{"kind": kind, "minutes": r.cfg.Durations.EstimateMinutes[kind]}
	})
	if err != nil {
		return nil, err
	}
	categories, err := jsonArray(Categories, func(_ int, category string) any {
		return map[string]any{"category": category, "role": nullString(RoleOf(category))}
	})
	if err != nil {
		return nil, err
	}
	classRules, err := jsonArray(r.cfg.Classification, func(i int, c ClassificationRule) any { return c.row(i + 1) })
	if err != nil {
		return nil, err
	}
	org, err := jsonArray(r.opts.Org, func(_ int, e orgfile.Entry) any {
		return map[string]any{"line": e.Line, "person": e.Person, "email": e.Email, "id": e.ID, "manager": e.Manager,
			"title": e.Title, "hire_date": nullTime(e.HireDate), "leave_date": nullTime(e.LeaveDate)}
	})
	if err != nil {
		return nil, err
	}
	// The keys are globalParameters.
	return map[string]any{
		"from":           nullTime(r.opts.From),
		"to":             nullTime(r.opts.To),
		"max_minutes":    r.cfg.Durations.MaxMinutes,
		"key_share":      r.cfg.KeyAccounts.RevenueShare,
		"min_group_size": r.cfg.Organisation.MinGroupSize,
		"sources":        sources,
		"key_tiers":      tiers,
		"estimates":      estimates,
		"categories":     categories,
		"class_rules":    classRules,
		// Matched lower-cased, as the SQL lowers what it compares.
		"system_mailboxes": lowered(r.cfg.Organisation.SystemMailboxes),
		"manager_titles":   lowered(r.cfg.Organisation.ManagerTitles),
		"rep_titles":       lowered(r.cfg.Organisation.RepTitles),
		// --manager: audited even with no team in the data.
		"manager": r.opts.Manager,
		"org":     org,
		// Folded, as the SQL folds the types and subjects it compares.
		"customer_types":   folded(r.cfg.CustomerFacing.Types),
		"customer_pattern": neverMatchesIfEmpty(keywordPattern(r.cfg.CustomerFacing.Keywords)),
		"mass_types":       folded(r.cfg.MassEmails.Types),
		"mass_pattern":     neverMatchesIfEmpty(prefixPattern(r.cfg.MassEmails.SubjectPrefixes)),
	}, nil
}

// jsonArray writes one JSON object per item.
func jsonArray[T any](items []T, object func(int, T) any) (string, error) {
	out := make([]any, len(items))
	for i, item := range items {
		out[i] = object(i, item)
	}
	data, err := json.Marshal(out)
	return string(data), err
}

// classRuleRow is a classification rule as queries/audit/config.sql reads
// it; a condition the rule does not set is null.
type classRuleRow struct {
	Position       int      `json:"position"`
	Name           string   `json:"name"`
	Category       string   `json:"category"`
	Kinds          []string `json:"kinds"`
	Pattern        any      `json:"pattern"`
	CustomerFacing *bool    `json:"customer_facing"`
	External       *bool    `json:"external"`
	KeyAccount     *bool    `json:"key_account"`
	Account        *bool    `json:"account"`
	MassEmail      *bool    `json:"mass_email"`
	MinReps        *int     `json:"min_reps"`
	MaxReps        *int     `json:"max_reps"`
	MaxOthers      *int     `json:"max_others"`
}

func (c ClassificationRule) row(position int) classRuleRow {
	row := classRuleRow{
		Position: position, Name: c.Name, Category: c.Category, Pattern: nullString(c.pattern()),
		CustomerFacing: c.CustomerFacing, External: c.External, KeyAccount: c.KeyAccount,
		Account: c.Account, MassEmail: c.MassEmail,
		MinReps: c.MinDirectReports, MaxReps: c.MaxDirectReports, MaxOthers: c.MaxOtherInternal,
	}
	if len(c.Kinds) > 0 {
		row.Kinds = c.Kinds
	}
	return row
}

// rules are the rules this audit runs.
func (r *runner) rules() []Rule {
	if r.opts.Rules != nil {
		return r.opts.Rules
	}
	return Rules
}

// lowered is a list in lower case, never nil (a NULL list matches nothing
// in SQL, but says nothing either).
func lowered(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(strings.TrimSpace(w))
	}
	return out
}

// folded is a list folded as fold does, never nil.
func folded(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = fold(strings.TrimSpace(w))
	}
	return out
}

// neverMatchesIfEmpty is a pattern, or one that matches no subject when
// there are no keywords (regexp_matches with an empty pattern matches all).
func neverMatchesIfEmpty(pattern string) string {
	if pattern == "" {
		return `[^\s\S]`
	}
	return pattern
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// execFile runs every statement of a file.
func (r *runner) execFile(ctx context.Context, file string, params map[string]any) error {
	stmts, err := statements(file)
	if err != nil {
		return err
	}
	for _, stmt := range stmts {
		for _, stmt := range r.cache.statement(stmt) {
			args, err := bind(file, stmt, params)
			if err != nil {
				return err
			}
			started := time.Now()
			if _, err := r.conn.ExecContext(ctx, stmt, args...); err != nil {
				return fmt.Errorf("queries/%s: %w", file, err)
			}
			r.trace(file, started)
		}
	}
	return nil
}

func (r *runner) trace(file string, started time.Time) {
	if r.opts.Trace != nil {
		r.opts.Trace(file, time.Since(started))
	}
}

// statements reads a file's statements.
func statements(file string) ([]string, error) {
	body, err := fs.ReadFile(queries.Audit, file)
	if err != nil {
		return nil, err
	}
	return splitStatements(string(body)), nil
}

// splitStatements splits SQL at semicolons that end a line.
func splitStatements(text string) []string {
	var out []string
	for _, part := range strings.SplitAfter(text, ";\n") {
		if stmt := strings.TrimSpace(part); stmt != "" && !onlyComments(stmt) {
			out = append(out, stmt)
		}
	}
	return out
}

func onlyComments(stmt string) bool {
	for line := range strings.SplitSeq(stmt, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
}

var paramPattern = regexp.MustCompile(`\$(` + identifier + `)`)

// bind passes a statement exactly the named parameters it uses, so that a
// misspelt parameter is an error rather than a silently misplaced value.
func bind(file, stmt string, params map[string]any) ([]any, error) {
	var args []any
	seen := map[string]bool{}
	for _, m := range paramPattern.FindAllStringSubmatch(stripComments(stmt), -1) {
		name := m[1]
		if seen[name] {
			continue
		}
		seen[name] = true
		v, ok := params[name]
		if !ok {
			return nil, fmt.Errorf("queries/%s uses $%s, which the audit does not provide", file, name)
		}
		args = append(args, sql.Named(name, v))
	}
	return args, nil
}

func stripComments(stmt string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(stmt, "\n") {
		code, _, _ := strings.Cut(line, "--")
		b.WriteString(code)
		b.WriteByte('\n')
	}
	return b.String()
}
