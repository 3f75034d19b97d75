package duckdb

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// loadActivities loads activities of one file, every one declared, as
// source "crm".
func loadActivities(t *testing.T, db *DB, activities []plugin.Activity) (Result, error) {
	t.Helper()
	return loadActivitiesOf(t, db, "crm", activities)
}

// loadActivitiesOf loads activities of one file as source: cases that
// share a database load under sources of their own, each load with its
// own spool files.
func loadActivitiesOf(t *testing.T, db *DB, source string, activities []plugin.Activity) (Result, error) {
	t.Helper()
	summary := plugin.Summary{Files: []plugin.FileSummary{{
		File: "Task.csv", RowsRead: int64(len(activities)),
		Records: map[plugin.RecordKind]int64{plugin.KindActivity: int64(len(activities))},
	}}}
	return load(t, db, source, []*Batch{{File: "Task.csv", Activities: activities}}, nil, summary)
}

// Every text reaches the table exactly as the record held it: the CSV the
// bulk load goes through must not trim, unescape or turn anything into NULL.
// Texts without line breaks go in a file of their own too, which DuckDB
// reads in parallel (a file holding a line break is read serially).
func TestTextsSurviveTheBulkLoadUnchanged(t *testing.T) {
	texts := []string{
		"plain", `with "quotes"`, `"`, `""`, "comma, inside", "line\nbreak", "crlf\r\nend", "\r", "\n\n",
		" leading", "trailing ", "\t tab", "nul\x00byte", "ünïcødé ✓", "emoji 🙂", "NULL", "null", `\N`,
		"a;b|c", "   ", ",", "trailing comma,", `ends "`, "'single'", "#hash", "\ufeffbom", "a\tb", `back\`,
		"1e5", "007", "true", "2026-03-02", "\u00a0nbsp", "\u2028", "\v\f",
		strings.Repeat("long ", 1_000_000), // 5 MB: past DuckDB's default line limit of 2 MB
	}
	var oneLine []string
	for _, s := range texts {
		if !strings.ContainsAny(s, "\r\n") {
			oneLine = append(oneLine, s)
		}
	}
	db := openTestDB(t)
	for name, texts := range map[string][]string{"one-line texts": oneLine, "all texts": texts} {
		t.Run(name, func(t *testing.T) { checkTextsSurvive(t, db, name, texts) })
	}
}

// checkTextsSurvive loads texts as source and reads them back.
func checkTextsSurvive(t *testing.T, db *DB, source string, texts []string) {
	var activities []plugin.Activity
	for i, s := range texts {
		activities = append(activities, plugin.Activity{
			ID: fmt.Sprintf("T%02d", i), Kind: plugin.ActivityTask, Subject: s, RawType: s, Line: int64(i + 2),
		})
	}
	if _, err := loadActivitiesOf(t, db, source, activities); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query("SELECT id, subject, raw_type FROM activities WHERE source = ? ORDER BY id", source)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var id, subject, rawType string
		if err := rows.Scan(&id, &subject, &rawType); err != nil {
			t.Fatal(err)
		}
		if subject != texts[i] || rawType != texts[i] {
			t.Errorf("%s: subject %.40q, raw_type %.40q; want %.40q", id, subject, rawType, texts[i])
		}
	}
	if i != len(texts) {
		t.Errorf("%d activities loaded, want %d", i, len(texts))
	}
}

// DuckDB is told the spool's dialect and guesses nothing: a text that
// would mislead its sniffer (a bare CR read as the line ending) loads
// unchanged whether it is in a file's first row or a later one.
func TestNastyTextsLoadInTheFirstRowAndLater(t *testing.T) {
	nasty := map[string]string{
		"bare CR": "Call\rback", "CRLF": "Call\r\nback", "LF": "Call\nback", "CR alone": "\r", "NUL": "a\x00b",
		"quotes": `say "hi"`, "lone quote": `"`, "BOM": "\ufeffAgenda", "16 MB": strings.Repeat("x", 16<<20-1024),
	}
	// One database for all: each text is a load of its own, under its
	// name as the source, so it is the first row of that load's file.
	db := openTestDB(t)
	for name, text := range nasty {
		t.Run(name, func(t *testing.T) {
			texts := []string{text, "plain", "Call\rback too", text}
			var activities []plugin.Activity
			for i, s := range texts {
				activities = append(activities, plugin.Activity{ID: fmt.Sprintf("T%d", i), Kind: plugin.ActivityTask, Subject: s, Line: int64(i + 2)})
			}
			if _, err := loadActivitiesOf(t, db, name, activities); err != nil {
				t.Fatalf("the load failed: %v", err)
			}
			for i, want := range texts {
				var got string
				err := db.SQL().QueryRow("SELECT subject FROM activities WHERE source = ? AND id = ?", name, fmt.Sprintf("T%d", i)).Scan(&got)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("row %d's subject came back as %.40q, want %.40q", i+1, got, want)
				}
			}
		})
	}
}

// A file's first bytes are a text of the first row, which DuckDB must not
// take for a byte-order mark, nor a leading space for padding.
func TestTheFirstTextOfAFileSurvivesUnchanged(t *testing.T) {
	// One database: each ID is a load of its own, under a source of its
	// own, so it opens that load's file.
	db := openTestDB(t)
	for i, id := range []string{"\ufeffA", " A", "\"A"} {
		source := fmt.Sprintf("first-%d", i)
		if _, err := loadActivitiesOf(t, db, source, []plugin.Activity{{ID: id, Kind: plugin.ActivityTask, Line: 2}}); err != nil {
			t.Fatal(err)
		}
		var got string
		if err := db.SQL().QueryRow("SELECT id FROM activities WHERE source = ?", source).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != id {
			t.Errorf("the first ID of the file came back as %q, want %q", got, id)
		}
	}
}

// The records say "not given" with zero values; those become NULL, and
// everything else keeps its value: floats to the last bit, times to the
// microsecond in UTC.
func TestValuesAndNullsSurviveTheBulkLoad(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	start := time.Date(2026, 3, 2, 9, 30, 15, 123456789, paris)
	floats := []float64{0.1, 1e308, 5e-324, -0.5, 123456789.125, math.Inf(1), math.Inf(-1)}
	db := openTestDB(t)
	var accounts []plugin.Account
	for i := range floats {
		accounts = append(accounts, plugin.Account{ID: fmt.Sprintf("A%d", i), AnnualRevenue: &floats[i], Line: int64(i + 2)})
	}
	accounts = append(accounts, plugin.Account{ID: "A-none", Line: 20})
	batches := []*Batch{
		{File: "Account.csv", Accounts: accounts},
		{File: "Task.csv", Activities: []plugin.Activity{
			{ID: "T1", Kind: plugin.ActivityMeeting, OwnerID: "U1", StartAt: start, EndAt: start.Add(time.Hour),
				DurationSeconds: 3600, IsClosed: true, DueDate: time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), Line: 2},
			{ID: "T2", Kind: plugin.ActivityTask, DurationSeconds: -5, Line: 3},
		}},
	}
	summary := plugin.Summary{Files: []plugin.FileSummary{
		{File: "Account.csv", RowsRead: int64(len(accounts)), Records: map[plugin.RecordKind]int64{plugin.KindAccount: int64(len(accounts))}},
		{File: "Task.csv", RowsRead: 2, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 2}},
	}}
	if _, err := load(t, db, "crm", batches, nil, summary); err != nil {
		t.Fatal(err)
	}
	for i, want := range floats {
		var got float64
		if err := db.SQL().QueryRow("SELECT annual_revenue FROM accounts WHERE id = ?", fmt.Sprintf("A%d", i)).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("annual_revenue = %v, want %v", got, want)
		}
	}
	if got := count(t, db, "SELECT count(*) FROM accounts WHERE id = 'A-none' AND annual_revenue IS NULL AND name IS NULL AND tier IS NULL"); got != 1 {
		t.Errorf("an account without revenue, name or tier does not hold NULLs")
	}
	var startAt, endAt time.Time
	var due string
	var closed bool
	err := db.SQL().QueryRow("SELECT start_at, end_at, due_date::VARCHAR, is_closed FROM activities WHERE id = 'T1'").Scan(&startAt, &endAt, &due, &closed)
	if err != nil {
		t.Fatal(err)
	}
	wantStart := time.Date(2026, 3, 2, 8, 30, 15, 123456000, time.UTC)
	if !startAt.Equal(wantStart) || !endAt.Equal(wantStart.Add(time.Hour)) || due != "1969-12-31" || !closed {
		t.Errorf("T1: start %v, end %v, due %s, closed %v; want %v, an hour later, 1969-12-31, true", startAt, endAt, due, closed, wantStart)
	}
	if got := count(t, db, `SELECT count(*) FROM activities WHERE id = 'T2' AND duration_seconds = -5 AND NOT is_closed
		AND start_at IS NULL AND end_at IS NULL AND due_date IS NULL AND completed_at IS NULL
		AND subject IS NULL AND owner_id IS NULL AND priority IS NULL`); got != 1 {
		t.Errorf("T2 does not hold its NULLs and values")
	}
}

// A load bigger than one spool file is cut into several, loaded in order,
// and leaves no file behind.
func TestALoadSpanningManyFilesKeepsItsOrderAndCleansUp(t *testing.T) {
	defer func(n int) { spoolFileBytes = n }(spoolFileBytes)
	spoolFileBytes = 16 << 10
	const n = 5000
	activities := make([]plugin.Activity, n)
	for i := range activities {
		activities[i] = plugin.Activity{
			ID: fmt.Sprintf("T%05d", i), Kind: plugin.ActivityTask, Subject: "Call\nback", Line: int64(i + 2),
			Attendees: []plugin.Attendee{{ContactID: fmt.Sprintf("C%05d", i)}},
		}
	}
	db := openTestFile(t)
	if _, err := loadActivities(t, db, activities); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, "SELECT count(*) FROM activities"); got != n {
		t.Errorf("activities = %d, want %d", got, n)
	}
	if got := count(t, db, "SELECT count(*) FROM activity_attendees WHERE src_line = 1 + CAST(substr(contact_id, 2) AS INTEGER) + 1"); got != n {
		t.Errorf("attendees on their activity's line = %d, want %d", got, n)
	}
	misplaced := count(t, db, `SELECT count(*) FROM (SELECT src_line, lag(src_line) OVER (ORDER BY rowid) AS before FROM activities)
		WHERE src_line <= before`)
	if misplaced != 0 {
		t.Errorf("%d activities out of the order they were sent in", misplaced)
	}
	assertNoSpoolLeft(t, db)
}

// A load abandoned half-way, or failing in DuckDB, removes its files and
// loads nothing.
func TestAnAbandonedLoadLeavesNoFileAndNoRow(t *testing.T) {
	defer func(n int) { spoolFileBytes = n }(spoolFileBytes)
	spoolFileBytes = 1 << 10
	db := openTestFile(t)
	l := beginLoad(t, db, "crm")
	for i := range 200 {
		a := plugin.Activity{ID: fmt.Sprint(i), Kind: plugin.ActivityTask, Subject: "x", Line: int64(i + 2)}
		if err := l.Batch(&Batch{File: "Task.csv", Activities: []plugin.Activity{a}}); err != nil {
			t.Fatal(err)
		}
	}
	if spools := spoolsBeside(t, db); len(spools) != 1 {
		t.Errorf("spool directories beside the database during the load: %v, want one", spools)
	}
	l.Rollback()
	if got := count(t, db, "SELECT count(*) FROM activities"); got != 0 {
		t.Errorf("activities = %d after a rollback", got)
	}
	assertNoSpoolLeft(t, db)
}

// A text that is not UTF-8 fails the load, naming the field, and nothing
// is loaded.
func TestTextThatIsNotUTF8FailsTheLoad(t *testing.T) {
	db := openTestDB(t)
	_, err := loadActivities(t, db, []plugin.Activity{{ID: "T1", Kind: plugin.ActivityTask, Subject: "caf\xe9", Line: 2}})
	if err == nil || !strings.Contains(err.Error(), "Task.csv:2: field subject") {
		t.Fatalf("err = %v, want one naming Task.csv:2 and the subject", err)
	}
	if got := count(t, db, "SELECT count(*) FROM activities"); got != 0 {
		t.Errorf("activities = %d after a failed load", got)
	}
}

// Times far from today load as they are, as the Appender loaded them;
// only those DuckDB cannot hold fail the load, naming record and field.
func TestTimesFarFromTodayLoadUnchanged(t *testing.T) {
	times := []time.Time{
		time.Date(0, 1, 1, 10, 0, 0, 0, time.UTC),    // 1 BC
		time.Date(-43, 3, 15, 12, 0, 0, 0, time.UTC), // 44 BC
		time.Date(1, 1, 1, 0, 0, 0, 1000, time.UTC),  // 1 AD
		time.Date(12026, 1, 1, 0, 0, 0, 0, time.UTC), // five digits
		time.Date(1969, 12, 31, 23, 59, 59, 999999000, time.UTC),
	}
	var activities []plugin.Activity
	for i, at := range times {
		activities = append(activities, plugin.Activity{ID: fmt.Sprint(i), Kind: plugin.ActivityTask, CompletedAt: at, DueDate: at, Line: int64(i + 2)})
	}
	db := openTestDB(t)
	if _, err := loadActivities(t, db, activities); err != nil {
		t.Fatal(err)
	}
	for i, want := range times {
		var got time.Time
		var dueDays int64
		err := db.SQL().QueryRow("SELECT completed_at, due_date - DATE '1970-01-01' FROM activities WHERE id = ?", fmt.Sprint(i)).Scan(&got, &dueDays)
		if err != nil {
			t.Fatal(err)
		}
		wantDays := time.Date(want.Year(), want.Month(), want.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400
		if !got.Equal(want) || dueDays != wantDays {
			t.Errorf("%v loaded as %v, due date %d days from 1970 (want %d)", want, got, dueDays, wantDays)
		}
	}

	far := time.Date(300000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := loadActivitiesOf(t, db, "far", []plugin.Activity{{ID: "T1", Kind: plugin.ActivityTask, CompletedAt: far, Line: 7}})
	if err == nil || !strings.Contains(err.Error(), "Task.csv:7") || !strings.Contains(err.Error(), "completed_at") {
		t.Fatalf("err = %v, want one naming Task.csv:7 and completed_at", err)
	}
}

func spoolsBeside(t *testing.T, db *DB) []string {
	t.Helper()
	spools, err := filepath.Glob(filepath.Join(filepath.Dir(db.Path()), ".salesaudit-load-*"))
	if err != nil {
		t.Fatal(err)
	}
	return spools
}

func assertNoSpoolLeft(t *testing.T, db *DB) {
	t.Helper()
	if left := spoolsBeside(t, db); len(left) > 0 {
		entries, _ := os.ReadDir(left[0])
		t.Errorf("left behind: %v (%d files)", left, len(entries))
	}
}

func TestTheSpoolAvoidsDirectoriesDuckDBReadsAsPatterns(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	for _, tc := range []struct{ db, want string }{
		{"/data/crm/audit.duckdb", "/data/crm"},
		{"/data/[q1]/audit.duckdb", os.TempDir()},
		{MemoryPath, os.TempDir()},
	} {
		got, err := spoolParent(tc.db)
		if err != nil || got != tc.want {
			t.Errorf("spoolParent(%q) = %q, %v; want %q", tc.db, got, err, tc.want)
		}
	}
	t.Setenv("TMPDIR", "/tmp/what?")
	if _, err := spoolParent(MemoryPath); err == nil || !strings.Contains(err.Error(), "pattern") {
		t.Errorf("err = %v, want one saying the directory reads as a pattern", err)
	}
}

// A load that fails in DuckDB is reported as itself, not as an error of
// the record being written when the copier gave up.
func TestAFailedCopyIsNotBlamedOnALaterRecord(t *testing.T) {
	defer func(n int) { spoolFileBytes = n }(spoolFileBytes)
	spoolFileBytes = 1
	db := openTestDB(t)
	l := beginLoad(t, db, "crm")
	garbage := filepath.Join(l.SpoolDir(), "activities-1.csv")
	if err := os.WriteFile(garbage, []byte("\"T1\",\"task\",not a row\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := l.Spooled(plugin.SpooledFile{Table: "activities", Path: garbage, Rows: 1,
		Records: map[string]map[plugin.RecordKind]int64{"Task.csv": {plugin.KindActivity: 1}}})
	for i := 0; err == nil && i < 1000; i++ {
		time.Sleep(time.Millisecond)
		good := plugin.Activity{ID: fmt.Sprint(i), Kind: plugin.ActivityTask, Line: int64(i + 3)}
		err = l.Batch(&Batch{File: "Other.csv", Activities: []plugin.Activity{good}})
	}
	if err == nil || !strings.Contains(err.Error(), "bulk-loading activities") || strings.Contains(err.Error(), "Other.csv") {
		t.Fatalf("err = %v, want the load's error without a later record's place", err)
	}
}

// Files with a line break inside a text are read by one thread (readCSV
// says why); the others in parallel.
func TestOnlyFilesWithLineBreaksAreReadSerially(t *testing.T) {
	table := openUnchangedDB(t).spool["users"]
	if stmt := readCSV(table, plugin.SpooledFile{Path: "/x.csv", Multiline: true}); !strings.Contains(stmt, "parallel = false") {
		t.Errorf("multiline file: %s", stmt)
	}
	if stmt := readCSV(table, plugin.SpooledFile{Path: "/x.csv"}); !strings.Contains(stmt, "parallel = true") {
		t.Errorf("one-line file: %s", stmt)
	}
}

// spoolFromConnector writes activities the way a connector does, into the
// load's spool directory, and hands the files to the load.
func spoolFromConnector(t *testing.T, l *Load, activities []plugin.Activity, alter func(*plugin.SpooledFile)) {
	t.Helper()
	w := plugin.NewSpoolWriter(l.SpoolDir(), plugin.SpoolFileBytes, func(f plugin.SpooledFile) error {
		alter(&f)
		return l.Spooled(f)
	})
	for i := range activities {
		if err := w.Activity("Task.csv", &activities[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

// Files a connector spooled load like batches, and a file whose declared
// rows are not what it holds fails the load.
func TestFilesAConnectorSpooledLoadAndAreCounted(t *testing.T) {
	activities := []plugin.Activity{
		{ID: "T1", Kind: plugin.ActivityTask, Subject: "Call", Line: 2, Attendees: []plugin.Attendee{{ContactID: "C1"}}},
		{ID: "T2", Kind: plugin.ActivityTask, Subject: "Mail", Line: 3},
	}
	summary := plugin.Summary{Files: []plugin.FileSummary{{
		File: "Task.csv", RowsRead: 2, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 2},
	}}}
	run := Run{Connector: "test", ProtocolVersion: 1, Input: "in", StartedAt: time.Now(), Summary: summary}
	ctx := context.Background()

	db := openTestFile(t)
	l := beginLoad(t, db, "crm")
	spoolFromConnector(t, l, activities, func(*plugin.SpooledFile) {})
	res, err := l.Commit(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records[plugin.KindActivity] != 2 || count(t, db, "SELECT count(*) FROM activity_attendees WHERE source = 'crm' AND src_line = 2") != 1 {
		t.Errorf("records %v; attendees %d", res.Records, count(t, db, "SELECT count(*) FROM activity_attendees"))
	}
	if got := count(t, db, "SELECT attendees FROM ingest_runs"); got != 1 {
		t.Errorf("run records %d attendees, want 1", got)
	}

	l = beginLoad(t, db, "crm")
	spoolFromConnector(t, l, activities, func(f *plugin.SpooledFile) {
		if f.Table == "activities" {
			f.Rows = 3
		}
	})
	if _, err := l.Commit(ctx, run); err == nil || !strings.Contains(err.Error(), "the file held 2 rows but 3 were declared") {
		t.Fatalf("err = %v, want a count mismatch", err)
	}

	// Rows as declared, but records said to come from another file.
	l = beginLoad(t, db, "crm")
	spoolFromConnector(t, l, activities, func(f *plugin.SpooledFile) {
		if f.Table == "activities" {
			f.Records = map[string]map[plugin.RecordKind]int64{"Task.csv": {plugin.KindActivity: 1}, "Event.csv": {plugin.KindActivity: 1}}
		}
	})
	if _, err := l.Commit(ctx, run); err == nil || !strings.Contains(err.Error(), "activities holds 2 rows from Task.csv but 1 activity records were sent") {
		t.Fatalf("err = %v, want a per-file count mismatch", err)
	}
	if got := count(t, db, "SELECT count(*) FROM activities"); got != 2 {
		t.Errorf("activities = %d after a refused load, want the 2 loaded before", got)
	}
	assertNoSpoolLeft(t, db)
}
