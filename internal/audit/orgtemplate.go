package audit

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/salesaudit/salesaudit/internal/orgfile"
)

// OrgTemplate lists every person of the audited sources as an org file
// would (their manager, title and dates as the audit sees them), for
// `salesaudit org init` to write and HR to correct.
func OrgTemplate(ctx context.Context, db *sql.DB, opts Options) ([]orgfile.Entry, error) {
	r, conn, err := start(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := r.query(ctx, "report/org_template.sql")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []orgfile.Entry
	for rows.Next() {
		var e orgfile.Entry
		var joined, left sql.NullTime
		if err := rows.Scan(&e.Person, &e.Email, &e.ID, &e.Manager, &e.Title, &joined, &left); err != nil {
			return nil, fmt.Errorf("reading the people: %w", err)
		}
		e.HireDate, e.LeaveDate = joined.Time.UTC(), left.Time.UTC()
		if !joined.Valid {
			e.HireDate = joined.Time
		}
		if !left.Valid {
			e.LeaveDate = left.Time
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
