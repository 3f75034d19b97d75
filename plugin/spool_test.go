package plugin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

func TestTextsWithLineBreaksMarkTheirFile(t *testing.T) {
	var r csvRow
	for text, want := range map[string]bool{"one line": false, "two\nlines": true, "carriage\rreturn": true} {
		r.reset()
		r.text("subject", text)
		if r.multiline != want {
			t.Errorf("%q: multiline = %v, want %v", text, r.multiline, want)
		}
	}
}

// Texts are quoted only when DuckDB would otherwise read them differently:
// empty (NULL unquoted), with a quote, comma, line break or NUL, or
// starting with a byte-order mark.
func TestTextsAreQuotedOnlyWhenTheyMustBe(t *testing.T) {
	var r csvRow
	for text, want := range map[string]string{
		"00T4x0000BPhfv2EQB": "00T4x0000BPhfv2EQB", "Réunion équipe": "Réunion équipe", " spaced ": " spaced ",
		"NULL": "NULL", "": `""`, "a,b": `"a,b"`, `say "hi"`: `"say ""hi"""`, `"`: `""""`,
		"two\nlines": "\"two\nlines\"", "cr\r": "\"cr\r\"", "nul\x00": "\"nul\x00\"", "\ufeffbom": "\"\ufeffbom\"",
	} {
		r.reset()
		r.text("subject", text)
		line, err := r.end()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSuffix(string(line), "\n"); got != want {
			t.Errorf("%q is written %s, want %s", text, got, want)
		}
	}
}

// The spool writer cuts files at its size, counts records per input file
// and kind (nested attendees are rows, not records), and writes the rows
// in the order given.
func TestSpoolWriterCutsAndCounts(t *testing.T) {
	dir := t.TempDir()
	var files []SpooledFile
	w := NewSpoolWriter(dir, 200, func(f SpooledFile) error { files = append(files, f); return nil })
	for i := range 10 {
		a := Activity{ID: string(rune('a' + i)), Kind: ActivityMeeting, Subject: "Visit\nplant", Line: int64(i + 2),
			Attendees: []Attendee{{ContactID: "C1"}, {UserID: "U1", Line: 99}}}
		if err := w.Activity("Event.csv", &a); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Attendee("EventRelation.csv", &Attendee{ActivityID: "a", UserID: "U2", Line: 2}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rows := map[string]int64{}
	records := map[string]map[RecordKind]int64{}
	var activityLines []string
	for _, f := range files {
		rows[f.Table] += f.Rows
		if !f.Multiline && f.Table == "activities" {
			t.Errorf("%s: a file of subjects with line breaks is not marked multiline", f.Path)
		}
		for file, counts := range f.Records {
			if records[file] == nil {
				records[file] = map[RecordKind]int64{}
			}
			for k, n := range counts {
				records[file][k] += n
			}
		}
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if f.Table == "activities" {
			activityLines = append(activityLines, string(data))
		}
		if filepath.Dir(f.Path) != dir || !strings.HasPrefix(filepath.Base(f.Path), f.Table+"-") {
			t.Errorf("file %s is not a %s file of %s", f.Path, f.Table, dir)
		}
	}
	if len(files) < 4 {
		t.Errorf("%d files for 200-byte cuts, want several", len(files))
	}
	if rows["activities"] != 10 || rows["activity_attendees"] != 21 {
		t.Errorf("rows = %v, want 10 activities and 21 attendees", rows)
	}
	if records["Event.csv"][KindActivity] != 10 || records["Event.csv"][KindAttendee] != 0 || records["EventRelation.csv"][KindAttendee] != 1 {
		t.Errorf("records = %v, want 10 activities from Event.csv and 1 attendee from EventRelation.csv", records)
	}
	all := strings.Join(activityLines, "")
	if first, last := strings.Index(all, "a,meeting,"), strings.Index(all, "j,meeting,"); first < 0 || last < first {
		t.Errorf("activities out of order:\n%s", all)
	}
}

// The host loads only files a spool writer could have written for a table
// a connector may fill, directly in the spool directory.
func TestSpooledNameRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "activities-1.csv"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "users-1.csv")); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := spooledName(dir, "activities", "activities-1.csv"); err != nil {
		t.Errorf("a good file refused: %v", err)
	}
	for _, c := range []struct{ table, name string }{
		{"activities", "../activities-1.csv"}, {"activities", "/etc/activities-1.csv"}, {"users", "activities-1.csv"},
		{"rejects", "rejects-1.csv"}, {"secrets", "secrets-1.csv"}, {"users", "users-1.csv"}, {"activities", "activities-2.csv"},
		{"activities", "activities-*.csv"}, {"activities", "activities-[1].csv"}, {"activities", "activities-.csv"},
	} {
		if _, _, _, err := spooledName(dir, c.table, c.name); err == nil {
			t.Errorf("spooledName(%q, %q) accepted", c.table, c.name)
		}
	}
}

type fileSink struct {
	files []SpooledFile
}

func (s *fileSink) Rejects([]Reject) error      { return nil }
func (s *fileSink) Progress(Progress)           {}
func (s *fileSink) Spooled(f SpooledFile) error { s.files = append(s.files, f); return nil }

func spooledMessage(table, name string) message {
	return message{msg: &pb.ReadResponse{Message: &pb.ReadResponse_Spooled{Spooled: &pb.SpooledFile{
		Table: table, Name: name, Rows: 2,
		Records: []*pb.FileKindCount{{File: "Task.csv", Kind: pb.RecordKind_RECORD_KIND_ACTIVITY, Count: 2}},
	}}}}
}

// The host takes a spooled file only for a table a connector may fill and
// only from the spool directory it named, and counts its records toward
// the summary.
func TestTheHostTakesOnlyTheSpooledFilesItAskedFor(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "activities-1.csv"), []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sink := &fileSink{}
	got := newReceived()
	if _, err := dispatch(spooledMessage("activities", "activities-1.csv"), sink, t.TempDir(), got); err == nil {
		t.Error("a spooled file was taken from another directory than the one named")
	}
	for _, bad := range []message{
		spooledMessage("activities", "../activities-1.csv"),
		spooledMessage("rejects", "rejects-1.csv"),
		spooledMessage("activities", "activities-2.csv"),
	} {
		if _, err := dispatch(bad, sink, dir, got); err == nil || !strings.Contains(err.Error(), "bad spooled file") {
			t.Errorf("%v: err = %v", bad.msg, err)
		}
	}
	if _, err := dispatch(spooledMessage("activities", "activities-1.csv"), sink, dir, got); err != nil {
		t.Fatal(err)
	}
	if len(sink.files) != 1 || sink.files[0].Path != filepath.Join(dir, "activities-1.csv") || got.Records["Task.csv"][KindActivity] != 2 {
		t.Errorf("files %v, received %v", sink.files, got.Records)
	}
}

// Record batches, the transport before spooled files, are refused as an
// unknown message rather than misread.
func TestARetiredBatchIsRefused(t *testing.T) {
	m := message{msg: &pb.ReadResponse{}}
	if _, err := dispatch(m, &fileSink{}, t.TempDir(), newReceived()); err == nil || !strings.Contains(err.Error(), "unknown message") {
		t.Errorf("err = %v, want an unknown message", err)
	}
}

// A connector asked to read with nowhere to put its records refuses,
// saying why, rather than losing them.
func TestAReadWithoutASpoolDirectoryIsRefused(t *testing.T) {
	called := false
	c := &grpcServer{impl: readFunc(func() { called = true })}
	err := c.Read(&pb.ReadRequest{Path: "x"}, nil)
	if err == nil || !strings.Contains(err.Error(), "no spool directory") || called {
		t.Errorf("err = %v (read called: %v), want a refusal naming the spool directory", err, called)
	}
}

// readFunc is a connector whose Read calls a function.
type readFunc func()

func (f readFunc) Info(context.Context) (Info, error) { return Info{Name: "f"}, nil }

func (f readFunc) Check(context.Context, string) (CheckResult, error) { return CheckResult{}, nil }

func (f readFunc) Read(context.Context, ReadRequest, *Writer) error { f(); return nil }

// Counts a file declares must be possible: records of its table's kind
// only, as many as its rows (attendee rows may outnumber attendee records).
func TestSpooledCountsMustBePossible(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"activities-1.csv", "activity_attendees-1.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	count := func(kind pb.RecordKind, n int64) []*pb.FileKindCount {
		return []*pb.FileKindCount{{File: "a.csv", Kind: kind, Count: n}}
	}
	good := []*pb.SpooledFile{
		{Table: "activities", Name: "activities-1.csv", Rows: 2, Records: count(pb.RecordKind_RECORD_KIND_ACTIVITY, 2)},
		{Table: "activity_attendees", Name: "activity_attendees-1.csv", Rows: 5, Records: count(pb.RecordKind_RECORD_KIND_ATTENDEE, 1)},
	}
	bad := []*pb.SpooledFile{
		{Table: "activities", Name: "activities-1.csv", Rows: 3, Records: count(pb.RecordKind_RECORD_KIND_ACTIVITY, 2)},
		{Table: "activities", Name: "activities-1.csv", Rows: 2, Records: count(pb.RecordKind_RECORD_KIND_USER, 2)},
		{Table: "activities", Name: "activities-1.csv", Rows: -1, Records: count(pb.RecordKind_RECORD_KIND_ACTIVITY, -1)},
		{Table: "activity_attendees", Name: "activity_attendees-1.csv", Rows: 1, Records: count(pb.RecordKind_RECORD_KIND_ATTENDEE, 2)},
	}
	for _, f := range good {
		if _, err := spooledFromProto(f, dir); err != nil {
			t.Errorf("%v refused: %v", f, err)
		}
	}
	for _, f := range bad {
		if _, err := spooledFromProto(f, dir); err == nil {
			t.Errorf("%v accepted", f)
		}
	}
}

// A reject's raw excerpt is cut without splitting a character: half a
// character is not UTF-8, and the read would fail on it.
func TestRawExcerptsAreCutAtACharacter(t *testing.T) {
	raw := strings.Repeat("é", 400) // 800 bytes
	got := Clip(raw, 512)
	if !utf8.ValidString(got) || len(got) > 512+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("cut to %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

func TestTextThatIsNotUTF8IsRefusedNamingTheField(t *testing.T) {
	w := NewSpoolWriter(t.TempDir(), SpoolFileBytes, func(SpooledFile) error { return nil })
	err := w.Activity("Task.csv", &Activity{ID: "t1", Kind: ActivityTask, Subject: "caf\xe9", Line: 7})
	if err == nil || !strings.Contains(err.Error(), "field subject") {
		t.Fatalf("err = %v, want one naming the subject", err)
	}
	w.Discard()
}

// Records from files that take turns are each counted to their own file.
func TestSpoolCountsFilesThatTakeTurns(t *testing.T) {
	var files []SpooledFile
	w := NewSpoolWriter(t.TempDir(), SpoolFileBytes, func(f SpooledFile) error { files = append(files, f); return nil })
	for i, file := range []string{"a.csv", "b.csv", "a.csv", "a.csv", "c.csv", "b.csv"} {
		if err := w.User(file, &User{ID: fmt.Sprint(i), Line: int64(i + 2)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[RecordKind]int64{"a.csv": {KindUser: 3}, "b.csv": {KindUser: 2}, "c.csv": {KindUser: 1}}
	if len(files) != 1 || !reflect.DeepEqual(files[0].Records, want) || files[0].Rows != 6 {
		t.Errorf("files %+v, want one of 6 rows counted %v", files, want)
	}
}
