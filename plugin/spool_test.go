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
	want := RecordCounts{"a.csv": {KindUser: 3}, "b.csv": {KindUser: 2}, "c.csv": {KindUser: 1}}
	if len(files) != 1 || !reflect.DeepEqual(files[0].Records, want) || files[0].Rows != 6 {
		t.Errorf("files %+v, want one of 6 rows counted %v", files, want)
	}
}
