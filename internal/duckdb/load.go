package duckdb

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

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
// its own: the source's earlier rows are deleted, the new ones appended with
// DuckDB's Appender, and nothing is visible to others until Commit. Any
// failure before Commit leaves the database as it was.
type Load struct {
	source    string
	conn      driver.Conn
	appenders map[string]*duckdb.Appender
	runID     int64
	done      bool
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
	l := &Load{
		source: source, conn: conn,
		appenders: map[string]*duckdb.Appender{},
		appended:  map[string]map[plugin.RecordKind]int64{},
	}
	if err := l.begin(ctx); err != nil {
		l.Rollback()
		return nil, err
	}
	return l, nil
}

func (l *Load) begin(ctx context.Context) error {
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
	for _, table := range append(dataTables, "rejects") {
		app, err := duckdb.NewAppenderFromConn(l.conn, "", table)
		if err != nil {
			return fmt.Errorf("appending to %s: %w", table, err)
		}
		l.appenders[table] = app
	}
	return nil
}

// RunID is the number of this ingest run.
func (l *Load) RunID() int64 { return l.runID }

// Batch appends a batch of records.
func (l *Load) Batch(b *plugin.Batch) error {
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
	app := l.appenders["rejects"]
	for _, r := range rs {
		if err := app.AppendRow(l.source, l.runID, string(r.Kind), r.File, r.Line, nullString(r.Field), r.Reason, nullString(r.Raw)); err != nil {
			return fmt.Errorf("loading reject at %s:%d: %w", r.File, r.Line, err)
		}
	}
	return nil
}

func (l *Load) appendUser(file string, u *plugin.User) error {
	return l.appenders["users"].AppendRow(l.source, u.ID, nullString(u.Name), nullString(u.Email),
		nullString(u.Title), nullString(u.Role), nullString(u.ManagerID), u.Active,
		nullTime(u.JoinedAt), nullTime(u.LeftAt), file, u.Line)
}

func (l *Load) appendAccount(file string, a *plugin.Account) error {
	return l.appenders["accounts"].AppendRow(l.source, a.ID, nullString(a.Name), nullString(a.OwnerID),
		nullFloat(a.AnnualRevenue), nullString(a.Type), nullString(a.Tier), nullString(a.Industry), file, a.Line)
}

func (l *Load) appendOpportunity(file string, o *plugin.Opportunity) error {
	return l.appenders["opportunities"].AppendRow(l.source, o.ID, nullString(o.AccountID), nullString(o.OwnerID),
		nullString(o.Name), nullString(o.Stage), nullFloat(o.Amount), o.IsClosed, o.IsWon,
		nullTime(o.CloseDate), nullTime(o.CreatedAt), file, o.Line)
}

func (l *Load) appendActivity(file string, a *plugin.Activity) error {
	err := l.appenders["activities"].AppendRow(l.source, a.ID, string(a.Kind), nullString(a.Subject),
		nullString(a.OwnerID), nullString(a.AccountID), nullString(a.OpportunityID),
		nullTime(a.StartAt), nullTime(a.EndAt), a.DurationSeconds, nullString(a.Status), a.IsClosed,
		nullString(string(a.Priority)), nullTime(a.DueDate), nullTime(a.CompletedAt), nullString(a.RawType),
		file, a.Line)
	if err != nil {
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
	return l.appenders["activity_attendees"].AppendRow(l.source, activityID, nullString(a.UserID),
		nullString(a.ContactID), nullString(a.Email), nullString(a.Name), a.Internal, a.Organizer,
		nullString(a.Response), file, a.Line)
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

// Commit flushes the appends, rejects duplicate IDs, checks that every
// file's rows add up and that the database holds exactly what the connector
// said it sent, records the run and commits.
func (l *Load) Commit(ctx context.Context, run Run) (Result, error) {
	if err := l.closeAppenders(); err != nil {
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
	for _, app := range l.appenders {
		_ = app.Close()
	}
	_ = l.exec(context.Background(), "ROLLBACK")
	_ = l.conn.Close()
}

func (l *Load) closeAppenders() error {
	var errs []error
	for table, app := range l.appenders {
		if err := app.Close(); err != nil {
			errs = append(errs, fmt.Errorf("flushing %s: %w", table, err))
		}
	}
	l.appenders = map[string]*duckdb.Appender{}
	return errors.Join(errs...)
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

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
