package remote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	pb "github.com/salesaudit/salesaudit/plugin/proto"
)

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
	files []plugin.SpooledFile
}

func (s *fileSink) Rejects([]plugin.Reject) error      { return nil }
func (s *fileSink) Progress(plugin.Progress)           {}
func (s *fileSink) Spooled(f plugin.SpooledFile) error { s.files = append(s.files, f); return nil }

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
	if len(sink.files) != 1 || sink.files[0].Path != filepath.Join(dir, "activities-1.csv") || got.Records["Task.csv"][plugin.KindActivity] != 2 {
		t.Errorf("files %v, received %v", sink.files, got.Records)
	}
}

// Record batches, the transport before spooled files, are refused as an
// unknown message rather than misread.
func TestARetiredBatchIsRefused(t *testing.T) {
	m := message{msg: &pb.ReadResponse{}}
	if _, err := dispatch(m, &fileSink{}, t.TempDir(), newReceived()); err == nil || !strings.Contains(err.Error(), "record batches are retired") {
		t.Errorf("err = %v, want an unknown message", err)
	}
}

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

// A kind this host does not know is no kind, not a made-up name.
func TestAnUnknownRecordKindIsNone(t *testing.T) {
	if got := kindFromProto(pb.RecordKind(99)); got != "" {
		t.Errorf("kind 99 = %q, want none", got)
	}
	if got := kindFromProto(pb.RecordKind_RECORD_KIND_ATTENDEE); got != plugin.KindAttendee {
		t.Errorf("RECORD_KIND_ATTENDEE = %q", got)
	}
}
