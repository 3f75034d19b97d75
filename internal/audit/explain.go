package audit

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"strings"
	"time"
)

// ClassifiedActivity is one of a manager's activities as the audit counted
// it.
type ClassifiedActivity struct {
	Manager   string
	At        time.Time
	Kind      string
	Subject   string
	Account   string
	Minutes   float64
	Estimated bool
	Category  string
	Rule      string
	// Matched says which keyword (or whole subject) of the rule matched,
	// with a compound's split: keyword "*planning" in
	// "territoriumplanning" (territorium + planning). Empty for a rule
	// that does not look at words.
	Matched    string
	DirectReps int64
	// CustomerFacing says how the activity is known to have faced a
	// customer: a customer took part or was addressed ("customer"), its
	// CRM type ("type"), its subject on an account ("subject"), or it is a
	// mass e-mail send; empty for work without a customer.
	CustomerFacing string
	Origin         string
}

// Explain returns the activities behind the report's numbers, for the
// manager (ID or name) and category given in opts.Manager and category
// (empty: all), so that any share in a report can be traced to the
// activities and the classification rules that make it.
func Explain(ctx context.Context, db *sql.DB, opts Options, category string) ([]ClassifiedActivity, error) {
	if category != "" && !contains(Categories, category) {
		return nil, fmt.Errorf("unknown category %q (use %s)", category, strings.Join(Categories, ", "))
	}
	r, conn, err := start(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return r.classified(ctx, category)
}

// classified lists the prepared audit's classified activities, of the
// manager opts.Manager names (all without one) and category ("" for all).
func (r *runner) classified(ctx context.Context, category string) ([]ClassifiedActivity, error) {
	params := maps.Clone(r.values)
	params["manager"], params["category"] = r.opts.Manager, category
	rows, err := r.queryFile(ctx, "report/activities.sql", params)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClassifiedActivity
	for rows.Next() {
		var a ClassifiedActivity
		if err := rows.Scan(&a.Manager, &a.At, &a.Kind, &a.Subject, &a.Account, &a.Minutes, &a.Estimated,
			&a.Category, &a.Rule, &a.DirectReps, &a.CustomerFacing, &a.Origin); err != nil {
			return nil, fmt.Errorf("reading classified activities: %w", err)
		}
		a.Matched = r.cfg.matched(a.Rule, a.Subject)
		out = append(out, a)
	}
	return out, rows.Err()
}

// matched says what of the named classification rule's words matched
// subject ("" when the rule has none, or is not found).
func (c *Config) matched(rule, subject string) string {
	for _, r := range c.Classification {
		if r.Name != rule {
			continue
		}
		if m, ok := r.matchKeywords(subject); ok {
			return m.String()
		}
		return ""
	}
	return ""
}
