package plugin_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// spoolSink names the spool directory and keeps the files' text.
type spoolSink struct {
	plugintest.Collector
	dir   string
	files []plugin.SpooledFile
	data  map[string]string
}

func (s *spoolSink) SpoolDir() string { return s.dir }

func (s *spoolSink) Spooled(f plugin.SpooledFile) error {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return err
	}
	s.files = append(s.files, f)
	s.data[f.Table] += string(data)
	return os.Remove(f.Path)
}

func newSpoolSink(t *testing.T) *spoolSink {
	return &spoolSink{dir: t.TempDir(), data: map[string]string{}}
}

// A host that names a spool directory gets the records as files there,
// counted per input file and kind, and rejects as messages; the summary
// checks out against the files' counts.
func TestAConnectorSpoolsInTheHostsDirectory(t *testing.T) {
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		users := w.File("User.csv")
		if err := users.User(plugin.User{ID: "u1", Name: "Ana", Active: true, Line: 2}); err != nil {
			return err
		}
		if err := users.Done(1); err != nil {
			return err
		}
		tasks := w.File("Task.csv")
		for i := range 3 {
			a := plugin.Activity{ID: "t" + string(rune('1'+i)), Kind: plugin.ActivityCall, Subject: `Call "Bo"`, Line: int64(i + 2),
				Attendees: []plugin.Attendee{{ContactID: "c1"}}}
			if err := tasks.Activity(a); err != nil {
				return err
			}
		}
		if err := tasks.Reject(plugin.Reject{Line: 5, Field: "ActivityDate", Reason: "not a date"}); err != nil {
			return err
		}
		return tasks.Done(4)
	}}
	sink := newSpoolSink(t)
	summary, err := plugintest.Connect(t, c).Read(context.Background(), plugin.ReadRequest{Path: "x"}, sink)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sink.files {
		if filepath.Dir(f.Path) != sink.dir {
			t.Errorf("%s is not in the host's directory %s", f.Path, sink.dir)
		}
	}
	if len(sink.Rejected) != 1 || summary.Totals()[plugin.KindActivity] != 3 {
		t.Errorf("rejects %v, totals %v", sink.Rejected, summary.Totals())
	}
	rows := map[string]int64{}
	for _, f := range sink.files {
		rows[f.Table] += f.Rows
	}
	if rows["users"] != 1 || rows["activities"] != 3 || rows["activity_attendees"] != 3 {
		t.Errorf("rows per table = %v", rows)
	}
	if !strings.Contains(sink.data["activities"], `t3,call,"Call ""Bo"""`) || !strings.HasPrefix(sink.data["users"], "u1,Ana,") {
		t.Errorf("files hold:\n%s\n%s", sink.data["users"], sink.data["activities"])
	}
}

// A sink that names no directory (the kit's Collector) gets the files in
// a temporary one, removed when the read ends.
func TestASinkWithoutADirectoryGetsATemporaryOne(t *testing.T) {
	var dirs []string
	c := scripted{read: func(_ context.Context, w *plugin.Writer) error {
		f := w.File("Task.csv")
		if err := f.Activity(plugin.Activity{ID: "t1", Kind: plugin.ActivityCall, Line: 2}); err != nil {
			return err
		}
		return f.Done(1)
	}}
	sink := &pathSink{dirs: &dirs}
	if _, err := plugintest.Connect(t, c).Read(context.Background(), plugin.ReadRequest{}, sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.Activities) != 1 || len(dirs) != 1 {
		t.Fatalf("activities %d from files in %v", len(sink.Activities), dirs)
	}
	if _, err := os.Stat(dirs[0]); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary directory %s is still there: %v", dirs[0], err)
	}
}

// pathSink notes where the files were.
type pathSink struct {
	plugintest.Collector
	dirs *[]string
}

func (s *pathSink) Spooled(f plugin.SpooledFile) error {
	*s.dirs = append(*s.dirs, filepath.Dir(f.Path))
	return s.Collector.Spooled(f)
}
