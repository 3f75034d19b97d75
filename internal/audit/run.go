// Package audit classifies every minute of each sales manager's logged
// time and runs the rules of the audit over it. The analyses are SQL files
// in queries/ (audit/ for the shared tables, rules/ one file per rule,
// report/ for the scorecard); this package only binds their parameters,
// runs them in order on one connection and assembles the report.
package audit

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"time"

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
	// Trace, if set, is told how long each SQL file took, to find what
	// makes an audit slow (salesaudit --log-level debug).
	Trace func(file string, took time.Duration)
}

// Run audits the database and returns the report. Nothing may load into
// the database while it runs: the audit's tables refer to activities by
// row number (activities.rowid), which a load committed in between could
// change. salesaudit never does both at once (and DuckDB lets one process
// write a database file); running the audit in one transaction instead
// would cost a fifth more time at scale.
func Run(ctx context.Context, db *sql.DB, opts Options) (*Report, error) {
	r, conn, err := start(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return r.report(ctx)
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
	r := &runner{conn: conn, cfg: opts.Config, opts: opts}
	if err := r.prepare(ctx); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return r, conn, nil
}

type runner struct {
	conn *sql.Conn
	cfg  *Config
	opts Options
}

// prepare fills the configuration tables and builds the shared audit
// tables, in file order.
func (r *runner) prepare(ctx context.Context) error {
	files, err := fs.Glob(queries.Audit, "audit/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	for i, file := range files {
		if err := r.execFile(ctx, file, r.globalParams()); err != nil {
			return err
		}
		if i == 0 { // 00_config.sql made the tables the configuration goes in
			if err := r.fillConfig(ctx); err != nil {
				return fmt.Errorf("loading the configuration into the audit: %w", err)
			}
		}
	}
	return r.classify(ctx)
}

// classify matches each rule's keywords against the subjects, then puts
// every manager minute in its category.
func (r *runner) classify(ctx context.Context) error {
	for i, rule := range r.cfg.Classification {
		pattern := keywordPattern(rule.Keywords)
		if pattern == "" {
			continue
		}
		if err := r.execFile(ctx, "classify/keywords.sql", map[string]any{"position": i + 1, "pattern": pattern}); err != nil {
			return fmt.Errorf("classification rule %q: %w", rule.Name, err)
		}
	}
	return r.execFile(ctx, "classify/time.sql", nil)
}

func (r *runner) globalParams() map[string]any {
	return map[string]any{
		"from":           nullTime(r.opts.From),
		"to":             nullTime(r.opts.To),
		"max_minutes":    r.cfg.Durations.MaxMinutes,
		"key_share":      r.cfg.KeyAccounts.RevenueShare,
		"min_group_size": r.cfg.Organisation.MinGroupSize,
	}
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func (r *runner) fillConfig(ctx context.Context) error {
	if err := r.fillSources(ctx); err != nil {
		return err
	}
	for kind, minutes := range r.cfg.Durations.EstimateMinutes {
		if _, err := r.conn.ExecContext(ctx, "INSERT INTO audit_estimates VALUES (?, ?)", kind, minutes); err != nil {
			return err
		}
	}
	for _, tier := range r.cfg.KeyAccounts.TierValues {
		if _, err := r.conn.ExecContext(ctx, "INSERT INTO audit_key_tiers VALUES (?)", tierKey(tier)); err != nil {
			return err
		}
	}
	for _, category := range Categories {
		if _, err := r.conn.ExecContext(ctx, "INSERT INTO audit_categories VALUES (?, ?)", category, nullString(RoleOf(category))); err != nil {
			return err
		}
	}
	for i, rule := range r.cfg.Classification {
		if err := r.insertClassRule(ctx, i+1, rule); err != nil {
			return fmt.Errorf("classification rule %q: %w", rule.Name, err)
		}
	}
	return nil
}

func (r *runner) fillSources(ctx context.Context) error {
	if len(r.opts.Sources) == 0 {
		_, err := r.conn.ExecContext(ctx, "INSERT INTO audit_sources SELECT DISTINCT source FROM ingest_runs")
		return err
	}
	for _, s := range r.opts.Sources {
		if _, err := r.conn.ExecContext(ctx, "INSERT INTO audit_sources VALUES (?)", s); err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) insertClassRule(ctx context.Context, position int, c ClassificationRule) error {
	var kinds any
	if len(c.Kinds) > 0 {
		kinds = "['" + strings.Join(c.Kinds, "','") + "']" // validated against activityKinds
	}
	_, err := r.conn.ExecContext(ctx, `INSERT INTO audit_class_rules VALUES
		(?, ?, ?, CAST(? AS VARCHAR[]), ?, ?, ?, ?, ?, ?, ?)`,
		position, c.Name, c.Category, kinds, nullString(keywordPattern(c.Keywords)),
		boolPtr(c.CustomerFacing), boolPtr(c.External), boolPtr(c.KeyAccount),
		intPtr(c.MinDirectReports), intPtr(c.MaxDirectReports), intPtr(c.MaxOtherInternal))
	return err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func boolPtr(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func intPtr(i *int) any {
	if i == nil {
		return nil
	}
	return *i
}

// execFile runs every statement of a file.
func (r *runner) execFile(ctx context.Context, file string, params map[string]any) error {
	stmts, err := statements(file)
	if err != nil {
		return err
	}
	for _, stmt := range stmts {
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
	return nil
}

func (r *runner) trace(file string, started time.Time) {
	if r.opts.Trace != nil {
		r.opts.Trace(file, time.Since(started))
	}
}

// statements splits a file at semicolons that end a line.
func statements(file string) ([]string, error) {
	body, err := fs.ReadFile(queries.Audit, file)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, part := range strings.SplitAfter(string(body), ";\n") {
		if stmt := strings.TrimSpace(part); stmt != "" && !onlyComments(stmt) {
			out = append(out, stmt)
		}
	}
	return out, nil
}

func onlyComments(stmt string) bool {
	for line := range strings.SplitSeq(stmt, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
}

var paramPattern = regexp.MustCompile(`\$([a-z_]+)`)

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
