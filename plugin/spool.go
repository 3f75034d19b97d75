package plugin

import (
	"bufio"
	"fmt"
	"os"
)

// The spool format is how records travel from a connector to the host:
// CSV files the host's DuckDB loads itself. (Record batches the host
// decoded and appended came before it: at millions of activities, decoding
// them cost the host as much CPU as DuckDB takes to load the rows;
// BENCHMARKS.md, "Ingest".) A connector writes the files in the directory
// the host names (ReadRequest.spool_dir); the SDK's Writer does it without
// the connector knowing.
//
// A file holds the rows of one table, one CSV line each, in the column
// order of SpoolTables (the host adds the source and, for rejects, the run,
// and takes each column's type from its own store, which a test holds to
// these names).

// SpoolTable is a table of the host's store and the columns its spooled
// files hold, in order.
type SpoolTable struct {
	Name string
	// Kind is the records its rows are: one a row, but for attendees
	// nested in activities, which are rows and no records. Empty for
	// rejects.
	Kind    RecordKind
	Columns []string
}

// SpoolTables are the tables of the spool format, in the order the host
// loads them. Connectors spool all but rejects, which travel as messages so
// that the host counts them.
var SpoolTables = []SpoolTable{
	{"users", KindUser, []string{"id", "name", "email", "title", "role", "manager_id", "active", "joined_at", "left_at",
		"src_file", "src_line", "manager_from", "manager_candidates"}},
	{"accounts", KindAccount, []string{"id", "name", "owner_id", "annual_revenue", "type", "tier", "industry",
		"src_file", "src_line"}},
	{"opportunities", KindOpportunity, []string{"id", "account_id", "owner_id", "name", "stage", "amount", "is_closed",
		"is_won", "close_date", "created_at", "src_file", "src_line"}},
	{"activities", KindActivity, []string{"id", "kind", "subject", "owner_id", "account_id", "opportunity_id",
		"start_at", "end_at", "duration_seconds", "status", "is_closed", "priority", "due_date", "completed_at", "raw_type",
		"src_file", "src_line", "private"}},
	{"activity_attendees", KindAttendee, []string{"activity_id", "user_id", "contact_id", "email", "name", "internal",
		"organizer", "response", "src_file", "src_line"}},
	{"rejects", "", []string{"kind", "file", "line", "field", "reason", "raw"}},
}

// SpoolTableNamed is the table of SpoolTables with that name.
func SpoolTableNamed(name string) (SpoolTable, bool) {
	for _, t := range SpoolTables {
		if t.Name == name {
			return t, true
		}
	}
	return SpoolTable{}, false
}

// SpooledFile is a finished file of one table.
type SpooledFile struct {
	Table string
	Path  string
	Rows  int64
	// Records counts the records in the file per input file and kind, as
	// a Summary counts them.
	Records RecordCounts
	// LongestLine is the longest line in bytes; Multiline says whether a
	// text holds a line break. DuckDB's CSV reader needs both.
	LongestLine int
	Multiline   bool
}

// RecordCounts counts records per input file and kind.
type RecordCounts map[string]map[RecordKind]int64

// Add adds other's counts to c.
func (c RecordCounts) Add(other RecordCounts) {
	for file, counts := range other {
		m := c[file]
		if m == nil {
			m = map[RecordKind]int64{}
			c[file] = m
		}
		for kind, n := range counts {
			m[kind] += n
		}
	}
}

// SpoolFileBytes is the size at which a SpoolWriter cuts its files.
const SpoolFileBytes = 64 << 20

// SpoolWriter writes records as spooled files in a directory, one open
// file per table, each cut at a size and handed to done. It is not safe
// for concurrent use.
type SpoolWriter struct {
	dir       string
	fileBytes int
	done      func(SpooledFile) error
	files     map[string]*spoolFile
	row       csvRow
}

type spoolFile struct {
	SpooledFile
	file *os.File
	w    *bufio.Writer
	size int
	// last is the count the previous record went to: records come file
	// by file, and two map lookups a row were a tenth of the encoding.
	lastFile string
	lastKind RecordKind
	last     *int64
	counts   map[string]map[RecordKind]*int64
}

// count counts a record of kind from file.
func (f *spoolFile) count(file string, kind RecordKind) {
	if f.last == nil || file != f.lastFile || kind != f.lastKind {
		byKind := f.counts[file]
		if byKind == nil {
			byKind = map[RecordKind]*int64{}
			f.counts[file] = byKind
		}
		if byKind[kind] == nil {
			byKind[kind] = new(int64)
		}
		f.lastFile, f.lastKind, f.last = file, kind, byKind[kind]
	}
	*f.last++
}

// records is what count counted, as SpooledFile.Records.
func (f *spoolFile) records() RecordCounts {
	out := make(RecordCounts, len(f.counts))
	for file, byKind := range f.counts {
		out[file] = make(map[RecordKind]int64, len(byKind))
		for kind, n := range byKind {
			out[file][kind] = *n
		}
	}
	return out
}

// NewSpoolWriter writes into dir, cutting files at fileBytes and passing
// each finished one to done, which owns it from then on.
func NewSpoolWriter(dir string, fileBytes int, done func(SpooledFile) error) *SpoolWriter {
	return &SpoolWriter{dir: dir, fileBytes: fileBytes, done: done, files: map[string]*spoolFile{}}
}

// User writes a user read from file.
func (w *SpoolWriter) User(file string, u *User) error {
	r := w.start()
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
	r.optionalText("manager_from", u.ManagerFrom)
	r.list("manager_candidates", u.ManagerCandidates)
	return w.end("users", file, KindUser)
}

// Account writes an account read from file.
func (w *SpoolWriter) Account(file string, a *Account) error {
	r := w.start()
	r.text("id", a.ID)
	r.optionalText("name", a.Name)
	r.optionalText("owner_id", a.OwnerID)
	r.float("annual_revenue", a.AnnualRevenue)
	r.optionalText("type", a.Type)
	r.optionalText("tier", a.Tier)
	r.optionalText("industry", a.Industry)
	r.text("src_file", file)
	r.integer("src_line", a.Line)
	return w.end("accounts", file, KindAccount)
}

// Opportunity writes an opportunity read from file.
func (w *SpoolWriter) Opportunity(file string, o *Opportunity) error {
	r := w.start()
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
	return w.end("opportunities", file, KindOpportunity)
}

// Activity writes an activity read from file, and its attendees; an
// attendee without a line of its own takes the activity's.
func (w *SpoolWriter) Activity(file string, a *Activity) error {
	r := w.start()
	r.text("id", a.ID)
	r.text("kind", string(a.Kind))
	if a.Private {
		r.null("subject")
	} else {
		r.optionalText("subject", a.Subject)
	}
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
	r.boolean("private", a.Private)
	if err := w.end("activities", file, KindActivity); err != nil {
		return err
	}
	if a.Private {
		return nil
	}
	for i := range a.Attendees {
		at := a.Attendees[i]
		if at.Line == 0 {
			at.Line = a.Line
		}
		if err := w.attendee(file, a.ID, &at, ""); err != nil {
			return err
		}
	}
	return nil
}

// Attendee writes an attendee streamed on its own (ActivityID set).
func (w *SpoolWriter) Attendee(file string, a *Attendee) error {
	return w.attendee(file, a.ActivityID, a, KindAttendee)
}

// attendee writes a row of activity_attendees; kind is empty for an
// attendee nested in its activity, which is no record of its own.
func (w *SpoolWriter) attendee(file, activityID string, a *Attendee, kind RecordKind) error {
	r := w.start()
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
	return w.end("activity_attendees", file, kind)
}

// Reject writes a reject (the host's own rejects table; connectors send
// rejects as messages).
func (w *SpoolWriter) Reject(rej *Reject) error {
	r := w.start()
	r.text("kind", string(rej.Kind))
	r.text("file", rej.File)
	r.integer("line", rej.Line)
	r.optionalText("field", rej.Field)
	r.text("reason", rej.Reason)
	r.optionalText("raw", rej.Raw)
	return w.end("rejects", rej.File, "")
}

func (w *SpoolWriter) start() *csvRow {
	w.row.reset()
	return &w.row
}

// end writes the row begun with start to table's file, counting a record
// of kind from file, and cuts the file once it is big enough.
func (w *SpoolWriter) end(table, file string, kind RecordKind) error {
	line, err := w.row.end()
	if err != nil {
		return err
	}
	f, err := w.file(table)
	if err != nil {
		return err
	}
	if _, err := f.w.Write(line); err != nil {
		return fmt.Errorf("writing %s: %w", f.Path, err)
	}
	f.size += len(line)
	f.Rows++
	f.LongestLine = max(f.LongestLine, len(line))
	f.Multiline = f.Multiline || w.row.multiline
	if kind != "" {
		f.count(file, kind)
	}
	if f.size >= w.fileBytes {
		return w.cut(table)
	}
	return nil
}

func (w *SpoolWriter) file(table string) (*spoolFile, error) {
	if f := w.files[table]; f != nil {
		return f, nil
	}
	file, err := os.CreateTemp(w.dir, table+"-*.csv")
	if err != nil {
		return nil, fmt.Errorf("creating a spool file for %s: %w", table, err)
	}
	f := &spoolFile{
		SpooledFile: SpooledFile{Table: table, Path: file.Name()},
		counts:      map[string]map[RecordKind]*int64{},
		file:        file, w: bufio.NewWriterSize(file, 1<<20),
	}
	w.files[table] = f
	return f, nil
}

// cut finishes table's file and hands it to done.
func (w *SpoolWriter) cut(table string) error {
	f := w.files[table]
	if f == nil {
		return nil
	}
	delete(w.files, table)
	err := f.w.Flush()
	if cerr := f.file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Path)
		return fmt.Errorf("writing %s: %w", f.Path, err)
	}
	f.Records = f.records()
	if err := w.done(f.SpooledFile); err != nil {
		_ = os.Remove(f.Path)
		return err
	}
	return nil
}

// Flush finishes every open file, in the order of SpoolTables.
func (w *SpoolWriter) Flush() error {
	for _, t := range SpoolTables {
		if err := w.cut(t.Name); err != nil {
			return err
		}
	}
	return nil
}

// Discard closes and removes the open files.
func (w *SpoolWriter) Discard() {
	for table, f := range w.files {
		_ = f.file.Close()
		_ = os.Remove(f.Path)
		delete(w.files, table)
	}
}
