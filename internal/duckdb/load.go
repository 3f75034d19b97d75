package duckdb

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// dataTables are the tables a source's records live in, in load order.
var dataTables = []string{"users", "accounts", "opportunities", "activities", "activity_attendees"}

// idTables are the data tables whose rows have an ID that must be unique
// within a source.
var idTables = map[plugin.RecordKind]string{
	plugin.KindUser:        "users",
	plugin.KindAccount:     "accounts",
	plugin.KindOpportunity: "opportunities",
	plugin.KindActivity:    "activities",
}

// Load is one ingest of one source, in one transaction on a connection of
// its own: the source's earlier rows are deleted, the new ones bulk-loaded
// from CSV files as they arrive (see spool), and nothing is visible to
// others until Commit. Any failure before Commit leaves the database as it
// was. A Load is not safe for concurrent use: its methods are called one
// after another, as a connector's stream arrives.
type Load struct {
	source string
	conn   driver.Conn
	spool  *spool
	row    csvRow
	runID  int64
	done   bool
	// appended counts the records appended per file and kind; attendees
	// nested in activities are counted apart, as they are not rows of
	// their own in the input.
	appended          map[string]map[plugin.RecordKind]int64
	attendeesAppended int64
}

// BeginLoad starts loading source, replacing what the database holds of it.
func (db *DB) BeginLoad(ctx context.Context, source string) (*Load, error) {
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("connecting to database: %w", err)
	}
	l := &Load{source: source, conn: conn, appended: map[string]map[plugin.RecordKind]int64{}}
	if err := l.begin(ctx, db.path); err != nil {
		l.Rollback()
		return nil, err
	}
	return l, nil
}

func (l *Load) begin(ctx context.Context, dbPath string) error {
	if err := l.exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("starting transaction: %w", err)
	}
	for _, table := range dataTables {
		if err := l.exec(ctx, "DELETE FROM "+table+" WHERE source = ?", l.source); err != nil {
			return fmt.Errorf("clearing %s of source %q: %w", table, l.source, err)
		}
	}
	if err := l.exec(ctx, "DELETE FROM rejects WHERE source = ?", l.source); err != nil {
		return fmt.Errorf("clearing rejects of source %q: %w", l.source, err)
	}
	if err := l.queryRow(ctx, "SELECT nextval('ingest_run_ids')", nil, &l.runID); err != nil {
		return fmt.Errorf("numbering the run: %w", err)
	}
	spool, err := newSpool(ctx, dbPath, func(ctx context.Context, stmt string) error { return l.exec(ctx, stmt) })
	if err != nil {
		return err
	}
	l.spool = spool
	return nil
}

// RunID is the number of this ingest run.
func (l *Load) RunID() int64 { return l.runID }

// Batch appends a batch of records.
func (l *Load) Batch(b *plugin.Batch) error {
	if err := l.spool.failed(); err != nil {
		return err
	}
	counts := l.appended[b.File]
	if counts == nil {
		counts = map[plugin.RecordKind]int64{}
		l.appended[b.File] = counts
	}
	counts[plugin.KindUser] += int64(len(b.Users))
	counts[plugin.KindAccount] += int64(len(b.Accounts))
	counts[plugin.KindOpportunity] += int64(len(b.Opportunities))
	counts[plugin.KindActivity] += int64(len(b.Activities))
	counts[plugin.KindAttendee] += int64(len(b.Attendees))
	for i := range b.Users {
		if err := l.appendUser(b.File, &b.Users[i]); err != nil {
			return fmt.Errorf("loading user at %s:%d: %w", b.File, b.Users[i].Line, err)
		}
	}
	for i := range b.Accounts {
		if err := l.appendAccount(b.File, &b.Accounts[i]); err != nil {
			return fmt.Errorf("loading account at %s:%d: %w", b.File, b.Accounts[i].Line, err)
		}
	}
	for i := range b.Opportunities {
		if err := l.appendOpportunity(b.File, &b.Opportunities[i]); err != nil {
			return fmt.Errorf("loading opportunity at %s:%d: %w", b.File, b.Opportunities[i].Line, err)
		}
	}
	for i := range b.Activities {
		if err := l.appendActivity(b.File, &b.Activities[i]); err != nil {
			return fmt.Errorf("loading activity at %s:%d: %w", b.File, b.Activities[i].Line, err)
		}
	}
	for i := range b.Attendees {
		a := &b.Attendees[i]
		if err := l.appendAttendee(b.File, a.ActivityID, a); err != nil {
			return fmt.Errorf("loading attendee at %s:%d: %w", b.File, a.Line, err)
		}
	}
	return nil
}

// Rejects appends rows the connector could not read.
func (l *Load) Rejects(rs []plugin.Reject) error {
	if err := l.spool.failed(); err != nil {
		return err
	}
	for _, rej := range rs {
		r := l.startRow()
		r.integer("run_id", l.runID)
		r.text("kind", string(rej.Kind))
		r.text("file", rej.File)
		r.integer("line", rej.Line)
		r.optionalText("field", rej.Field)
		r.text("reason", rej.Reason)
		r.optionalText("raw", rej.Raw)
		if err := l.endRow("rejects"); err != nil {
			return fmt.Errorf("loading reject at %s:%d: %w", rej.File, rej.Line, err)
		}
	}
	return nil
}

// startRow begins a row of any table: each starts with its source.
func (l *Load) startRow() *csvRow {
	l.row.reset()
	l.row.text("source", l.source)
	return &l.row
}

// endRow ends a row begun with startRow, passing it to the bulk load.
func (l *Load) endRow(table string) error {
	line, err := l.row.end()
	if err != nil {
		return err
	}
	return l.spool.write(table, line, l.row.multiline)
}

func (l *Load) appendUser(file string, u *plugin.User) error {
	r := l.startRow()
	r.text("id", u.ID)
	r.optionalText("name", u.Name)
	r.optionalText("email", u.Email)
	r.optionalText("title", u.Title)
	r.optionalText("role", u.Role)
	r.optionalText("manager_id", u.ManagerID)
	r.boolean("active", u.Active)
	r.timestamp("joined_at", u.JoinedAt)
	r.timestamp("left_at", u.LeftAt)
	r.text("src_file", file)
	r.integer("src_line", u.Line)
	return l.endRow("users")
}

func (l *Load) appendAccount(file string, a *plugin.Account) error {
	r := l.startRow()
	r.text("id", a.ID)
	r.optionalText("name", a.Name)
	r.optionalText("owner_id", a.OwnerID)
	r.float("annual_revenue", a.AnnualRevenue)
	r.optionalText("type", a.Type)
	r.optionalText("tier", a.Tier)
	r.optionalText("industry", a.Industry)
	r.text("src_file", file)
	r.integer("src_line", a.Line)
	return l.endRow("accounts")
}

func (l *Load) appendOpportunity(file string, o *plugin.Opportunity) error {
	r := l.startRow()
	r.text("id", o.ID)
	r.optionalText("account_id", o.AccountID)
	r.optionalText("owner_id", o.OwnerID)
	r.optionalText("name", o.Name)
	r.optionalText("stage", o.Stage)
	r.float("amount", o.Amount)
	r.boolean("is_closed", o.IsClosed)
	r.boolean("is_won", o.IsWon)
	r.date("close_date", o.CloseDate)
	r.timestamp("created_at", o.CreatedAt)
	r.text("src_file", file)
	r.integer("src_line", o.Line)
	return l.endRow("opportunities")
}

func (l *Load) appendActivity(file string, a *plugin.Activity) error {
	r := l.startRow()
	r.text("id", a.ID)
	r.text("kind", string(a.Kind))
	r.optionalText("subject", a.Subject)
	r.optionalText("owner_id", a.OwnerID)
	r.optionalText("account_id", a.AccountID)
	r.optionalText("opportunity_id", a.OpportunityID)
	r.timestamp("start_at", a.StartAt)
	r.timestamp("end_at", a.EndAt)
	r.integer("duration_seconds", a.DurationSeconds)
	r.optionalText("status", a.Status)
	r.boolean("is_closed", a.IsClosed)
	r.optionalText("priority", string(a.Priority))
	r.date("due_date", a.DueDate)
	r.timestamp("completed_at", a.CompletedAt)
	r.optionalText("raw_type", a.RawType)
	r.text("src_file", file)
	r.integer("src_line", a.Line)
	if err := l.endRow("activities"); err != nil {
		return err
	}
	for i := range a.Attendees {
		at := &a.Attendees[i]
		if at.Line == 0 {
			at.Line = a.Line
		}
		if err := l.appendAttendee(file, a.ID, at); err != nil {
			return err
		}
	}
	return nil
}

func (l *Load) appendAttendee(file, activityID string, a *plugin.Attendee) error {
	l.attendeesAppended++
	r := l.startRow()
	r.text("activity_id", activityID)
	r.optionalText("user_id", a.UserID)
	r.optionalText("contact_id", a.ContactID)
	r.optionalText("email", a.Email)
	r.optionalText("name", a.Name)
	r.boolean("internal", a.Internal)
	r.boolean("organizer", a.Organizer)
	r.optionalText("response", a.Response)
	r.text("src_file", file)
	r.integer("src_line", a.Line)
	return l.endRow("activity_attendees")
}

// Run describes a finished read, recorded with the load.
type Run struct {
	Connector        string
	ConnectorVersion string
	ProtocolVersion  int
	Input            string
	StartedAt        time.Time
	Summary          plugin.Summary
}

// FileResult is what became of one input file's rows once loaded.
type FileResult struct {
	File         string
	RowsRead     int64
	RowsLoaded   int64
	RowsRejected int64
	RowsSkipped  map[string]int64
	// Duplicates are the rows rejected by the load itself because their ID
	// was already loaded from an earlier row (included in RowsRejected).
	Duplicates int64
}

// Result is what a committed load holds.
type Result struct {
	RunID   int64
	Records map[plugin.RecordKind]int64
	Files   []FileResult
}

// Commit loads the rows still spooled, rejects duplicate IDs, checks that every
// file's rows add up and that the database holds exactly what the connector
// said it sent, records the run and commits.
func (l *Load) Commit(ctx context.Context, run Run) (Result, error) {
	if err := l.spool.finish(append(dataTables, "rejects")); err != nil {
		l.Rollback()
		return Result{}, err
	}
	res, err := l.finish(ctx, run)
	if err != nil {
		l.Rollback()
		return Result{}, err
	}
	if err := l.exec(ctx, "COMMIT"); err != nil {
		l.Rollback()
		return Result{}, fmt.Errorf("committing: %w", err)
	}
	l.done = true
	_ = l.conn.Close()
	return res, nil
}

func (l *Load) finish(ctx context.Context, run Run) (Result, error) {
	dups, err := l.rejectDuplicates(ctx)
	if err != nil {
		return Result{}, err
	}
	if err := l.checkTableCounts(ctx, dups); err != nil {
		return Result{}, err
	}
	res := Result{RunID: l.runID, Records: map[plugin.RecordKind]int64{}}
	for _, f := range run.Summary.Files {
		fr, err := l.fileResult(f, dups.perFile[f.File])
		if err != nil {
			return Result{}, err
		}
		res.Files = append(res.Files, fr)
	}
	for kind, n := range run.Summary.Totals() {
		res.Records[kind] = n - dups.perKind[kind]
	}
	if err := l.recordRun(ctx, run, res); err != nil {
		return Result{}, err
	}
	return res, nil
}

// fileResult checks one file's rows against the connector's summary:
// the records appended from it are the records it declared, and its rows
// read are loaded, rejected or skipped.
func (l *Load) fileResult(f plugin.FileSummary, duplicates int64) (FileResult, error) {
	var appended int64
	for _, n := range l.appended[f.File] {
		appended += n
	}
	if appended != f.RecordsTotal() {
		return FileResult{}, fmt.Errorf("%s: %d records appended but the connector declared %d", f.File, appended, f.RecordsTotal())
	}
	fr := FileResult{
		File: f.File, RowsRead: f.RowsRead, RowsLoaded: appended - duplicates,
		RowsRejected: f.RowsRejected + duplicates, RowsSkipped: f.RowsSkipped, Duplicates: duplicates,
	}
	if fr.RowsRead != fr.RowsLoaded+fr.RowsRejected+f.SkippedTotal() {
		return FileResult{}, fmt.Errorf("%s: %d rows read but %d loaded + %d rejected + %d skipped",
			f.File, fr.RowsRead, fr.RowsLoaded, fr.RowsRejected, f.SkippedTotal())
	}
	return fr, nil
}

// Rollback abandons the load; the database is as it was before BeginLoad.
// It is safe to call more than once and after Commit.
func (l *Load) Rollback() {
	if l.done {
		return
	}
	l.done = true
	if l.spool != nil {
		l.spool.abandon()
	}
	_ = l.exec(context.Background(), "ROLLBACK")
	_ = l.conn.Close()
}

func (l *Load) exec(ctx context.Context, query string, args ...any) error {
	_, err := l.conn.(driver.ExecerContext).ExecContext(ctx, query, namedValues(args))
	return err
}

// queryRow runs a query that returns one row of integers into dest.
func (l *Load) queryRow(ctx context.Context, query string, args []any, dest ...*int64) error {
	found := false
	err := l.query(ctx, query, args, func(values []driver.Value) error {
		found = true
		for i, d := range dest {
			n, ok := values[i].(int64)
			if !ok {
				return fmt.Errorf("%s: column %d is %T, not an integer", query, i+1, values[i])
			}
			*d = n
		}
		return nil
	})
	if err == nil && !found {
		err = fmt.Errorf("%s: no row", query)
	}
	return err
}

func namedValues(args []any) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}
