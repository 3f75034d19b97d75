package duckdb

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"strconv"
	"strings"
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
// from spooled CSV files as they arrive (see spool), and nothing is visible
// to others until Commit. Any failure before Commit leaves the database as
// it was. A Load is not safe for concurrent use: its methods are called one
// after another, as a connector's stream arrives.
type Load struct {
	source string
	conn   driver.Conn
	spool  *spool
	// writer spools the rejects (they arrive as messages) and records
	// held in memory (Load.Batch).
	writer *plugin.SpoolWriter
	runID  int64
	done   bool
	db     *DB
	// streaming is set from narrowThreads until restoreThreads.
	streaming bool
	// appended counts the records loaded per input file and kind, rows the
	// rows per table (attendees nested in activities are rows but not
	// records).
	appended plugin.RecordCounts
	rows     map[string]int64
	// replaced are the rows per table the source held before this load
	// deleted them, for the re-ingest guard (shrink.go).
	replaced map[string]int64
}

// BeginLoad starts loading source, replacing what the database holds of it.
func (db *DB) BeginLoad(ctx context.Context, source string) (*Load, error) {
	if err := db.dataChanged(); err != nil {
		return nil, err
	}
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("connecting to database: %w", err)
	}
	l := &Load{source: source, conn: conn, db: db, appended: plugin.RecordCounts{}, rows: map[string]int64{}, replaced: map[string]int64{}}
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
		n, err := l.deleteSource(ctx, table)
		if err != nil {
			return fmt.Errorf("clearing %s of source %q: %w", table, l.source, err)
		}
		l.replaced[table] = n
	}
	if err := l.exec(ctx, "DELETE FROM rejects WHERE source = ?", l.source); err != nil {
		return fmt.Errorf("clearing rejects of source %q: %w", l.source, err)
	}
	if err := l.queryRow(ctx, "SELECT nextval('ingest_run_ids')", nil, &l.runID); err != nil {
		return fmt.Errorf("numbering the run: %w", err)
	}
	if err := l.narrowThreads(ctx); err != nil {
		return err
	}
	spool, err := newSpool(ctx, dbPath, l.insertStatement, l.execCount, l.restoreThreads)
	if err != nil {
		return err
	}
	l.spool = spool
	l.writer = plugin.NewSpoolWriter(spool.hostDir, spoolFileBytes, func(f plugin.SpooledFile) error {
		l.queue(f)
		return nil
	})
	return nil
}

// insertStatement loads a spooled file, adding the columns the spool format
// leaves to the host: the source, and the run for rejects.
func (l *Load) insertStatement(f plugin.SpooledFile) string {
	table := l.db.spool[f.Table]
	names := []string{"source"}
	values := []string{quote(l.source)}
	if table.Name == "rejects" {
		names = append(names, "run_id")
		values = append(values, strconv.FormatInt(l.runID, 10))
	}
	names = append(names, table.Columns...)
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s, * FROM %s",
		table.Name, strings.Join(names, ", "), strings.Join(values, ", "), readCSV(table, f))
}

// RunID is the number of this ingest run.
func (l *Load) RunID() int64 { return l.runID }

// SpoolDir is where a connector may write spooled files for this load
// (remote.SpoolDirSink).
func (l *Load) SpoolDir() string { return l.spool.connectorDir }

// Spooled loads a file a connector wrote in SpoolDir; the load owns it
// from then on.
func (l *Load) Spooled(f plugin.SpooledFile) error {
	if err := l.spool.failed(); err != nil {
		_ = os.Remove(f.Path)
		return err
	}
	f, err := l.spool.take(f)
	if err != nil {
		_ = os.Remove(f.Path)
		return err
	}
	l.queue(f)
	return nil
}

// queue counts a finished file's rows and records and hands it to the
// copier.
func (l *Load) queue(f plugin.SpooledFile) {
	l.rows[f.Table] += f.Rows
	l.appended.Add(f.Records)
	l.spool.load(f)
}

// Batch is records of one input file held in memory, which a load takes
// as a connector's spooled files (Load.Batch): the host's packages' tests
// load the organisations they build with it.
type Batch struct {
	File          string
	Users         []plugin.User
	Accounts      []plugin.Account
	Opportunities []plugin.Opportunity
	Activities    []plugin.Activity
	Attendees     []plugin.Attendee
}

// Len is the number of records in the batch.
func (b *Batch) Len() int {
	return len(b.Users) + len(b.Accounts) + len(b.Opportunities) + len(b.Activities) + len(b.Attendees)
}

// Batch loads records held in memory, spooling them as a connector would.
func (l *Load) Batch(b *Batch) error {
	if err := l.spool.failed(); err != nil {
		return err
	}
	w := l.writer
	for i := range b.Users {
		if err := w.User(b.File, &b.Users[i]); err != nil {
			return fmt.Errorf("loading user at %s:%d: %w", b.File, b.Users[i].Line, err)
		}
	}
	for i := range b.Accounts {
		if err := w.Account(b.File, &b.Accounts[i]); err != nil {
			return fmt.Errorf("loading account at %s:%d: %w", b.File, b.Accounts[i].Line, err)
		}
	}
	for i := range b.Opportunities {
		if err := w.Opportunity(b.File, &b.Opportunities[i]); err != nil {
			return fmt.Errorf("loading opportunity at %s:%d: %w", b.File, b.Opportunities[i].Line, err)
		}
	}
	for i := range b.Activities {
		if err := w.Activity(b.File, &b.Activities[i]); err != nil {
			return fmt.Errorf("loading activity at %s:%d: %w", b.File, b.Activities[i].Line, err)
		}
	}
	for i := range b.Attendees {
		if err := w.Attendee(b.File, &b.Attendees[i]); err != nil {
			return fmt.Errorf("loading attendee at %s:%d: %w", b.File, b.Attendees[i].Line, err)
		}
	}
	return nil
}

// Rejects loads rows the connector could not read.
func (l *Load) Rejects(rs []plugin.Reject) error {
	if err := l.spool.failed(); err != nil {
		return err
	}
	for i := range rs {
		if err := l.writer.Reject(&rs[i]); err != nil {
			return fmt.Errorf("loading reject at %s:%d: %w", rs[i].File, rs[i].Line, err)
		}
	}
	return nil
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
	// Decoding is how the connector decoded the file's text.
	Decoding plugin.Decoding
}

// Result is what a committed load holds.
type Result struct {
	RunID   int64
	Records map[plugin.RecordKind]int64
	Files   []FileResult
	// Emptied are the files that held rows at the source's last load and
	// hold none now; Shrunk the tables of the source left with less than
	// half their rows (loaded only with Options.AllowShrink). Both are
	// for warnings: they are what a truncated export looks like.
	Emptied []EmptiedFile
	Shrunk  []TableShrink
}

// Commit loads the rows still spooled, rejects duplicate IDs, checks that every
// file's rows add up and that the database holds exactly what the connector
// said it sent, records the run and commits.
func (l *Load) Commit(ctx context.Context, run Run) (Result, error) {
	l.spool.endStream()
	if err := l.writer.Flush(); err != nil {
		l.Rollback()
		return Result{}, err
	}
	if err := l.spool.finish(); err != nil {
		l.Rollback()
		return Result{}, err
	}
	if err := l.restoreThreads(ctx); err != nil {
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
	if err := l.checkFileCounts(ctx); err != nil {
		return Result{}, err
	}
	dups, err := l.rejectDuplicates(ctx)
	if err != nil {
		return Result{}, err
	}
	kept, err := l.checkTableCounts(ctx, dups)
	if err != nil {
		return Result{}, err
	}
	res := Result{RunID: l.runID, Records: map[plugin.RecordKind]int64{}}
	for _, f := range run.Summary.Files {
		res.Files = append(res.Files, l.fileResult(f, dups.perFile[f.File]))
	}
	if err := l.guardShrinkage(ctx, kept, &res); err != nil {
		return Result{}, err
	}
	for kind, n := range run.Summary.Totals() {
		res.Records[kind] = n - dups.perKind[kind]
	}
	if err := l.recordRun(ctx, run, res); err != nil {
		return Result{}, err
	}
	return res, nil
}

// fileResult is what became of one input file's rows, from the summary
// (whose rows the protocol checked add up: plugin.Summary) and the
// duplicates the load rejected.
func (l *Load) fileResult(f plugin.FileSummary, duplicates int64) FileResult {
	return FileResult{
		File: f.File, RowsRead: f.RowsRead, RowsLoaded: f.RecordsTotal() - duplicates,
		RowsRejected: f.RowsRejected + duplicates, RowsSkipped: f.RowsSkipped, Duplicates: duplicates,
		Decoding: f.Decoding,
	}
}

// Rollback abandons the load; the database is as it was before BeginLoad.
// It is safe to call more than once and after Commit.
func (l *Load) Rollback() {
	if l.done {
		return
	}
	l.done = true
	if l.writer != nil {
		l.writer.Discard()
	}
	if l.spool != nil {
		l.spool.abandon()
	}
	_ = l.exec(context.Background(), "ROLLBACK")
	_ = l.restoreThreads(context.Background())
	_ = l.conn.Close()
}

// deleteSource deletes the source's rows from table and counts them.
func (l *Load) deleteSource(ctx context.Context, table string) (int64, error) {
	res, err := l.conn.(driver.ExecerContext).ExecContext(ctx, "DELETE FROM "+table+" WHERE source = ?", namedValues([]any{l.source}))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// execCount runs a statement and returns the rows it changed.
func (l *Load) execCount(ctx context.Context, query string) (int64, error) {
	res, err := l.conn.(driver.ExecerContext).ExecContext(ctx, query, nil)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
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
