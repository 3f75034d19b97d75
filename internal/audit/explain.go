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
	Manager    string
	At         time.Time
	Kind       string
	Subject    string
	Account    string
	Minutes    float64
	Estimated  bool
	Category   string
	Rule       string
	DirectReps int64
	Origin     string
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
	params := maps.Clone(r.values)
	params["manager"], params["category"] = opts.Manager, category
	rows, err := r.queryFile(ctx, "report/activities.sql", params)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClassifiedActivity
	for rows.Next() {
		var a ClassifiedActivity
		if err := rows.Scan(&a.Manager, &a.At, &a.Kind, &a.Subject, &a.Account, &a.Minutes, &a.Estimated,
			&a.Category, &a.Rule, &a.DirectReps, &a.Origin); err != nil {
			return nil, fmt.Errorf("reading classified activities: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
