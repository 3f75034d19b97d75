package plugintest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

func TestInfoProblems(t *testing.T) {
	if p := infoProblems(plugin.Info{Name: "x", Version: "1", Description: "d", ProtocolVersion: plugin.ProtocolVersion,
		Kinds: []plugin.RecordKind{plugin.KindActivity}, FilePatterns: []string{"*.ics"}}); len(p) != 0 {
		t.Errorf("a complete Info has problems: %v", p)
	}
	p := infoProblems(plugin.Info{Name: "x", ProtocolVersion: 9, Kinds: []plugin.RecordKind{"meetings"}})
	want := []string{"Info lacks Version, Description, FilePatterns", "protocol 9", `unknown record kind "meetings"`}
	if len(p) != len(want) {
		t.Fatalf("problems = %v", p)
	}
	for i, w := range want {
		if !strings.Contains(p[i], w) {
			t.Errorf("problem %d = %q, want it to mention %q", i, p[i], w)
		}
	}
}

func TestValidateFindsBadRecords(t *testing.T) {
	start := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	got := &Collector{
		Users: []plugin.User{{ID: "u1", Name: "Ann"}, {ID: "", Line: 7, Name: "No ID"}},
		Activities: []plugin.Activity{
			{ID: "a1", Kind: plugin.ActivityMeeting, OwnerID: "u1", StartAt: start, EndAt: start.Add(-time.Hour)},
			{ID: "a2", Kind: "lunch", OwnerID: "u1", StartAt: start},
			{ID: "a3", Kind: plugin.ActivityTask, OwnerID: "u1"},
		},
	}
	info := plugin.Info{Kinds: []plugin.RecordKind{plugin.KindUser, plugin.KindActivity}}
	problems := strings.Join(validate(got, info), "\n")
	for _, want := range []string{"user at line 7 has no ID", "a1 ends", `a2 has unknown kind "lunch"`, "a3 has no time"} {
		if !strings.Contains(problems, want) {
			t.Errorf("validate missed %q:\n%s", want, problems)
		}
	}
	if p := validate(&Collector{Accounts: []plugin.Account{{ID: "x"}}}, info); len(p) != 1 || !strings.Contains(p[0], "account records, a kind Info does not declare") {
		t.Errorf("undeclared kind: %v", p)
	}
}

func TestDanglingReferences(t *testing.T) {
	got := &Collector{
		Users:      []plugin.User{{ID: "u1"}, {ID: "u2", ManagerID: "u9"}},
		Activities: []plugin.Activity{{ID: "a1", OwnerID: "u1", Attendees: []plugin.Attendee{{UserID: "u3"}}}},
		Attendees:  []plugin.Attendee{{ActivityID: "a7", Line: 4}},
	}
	d := strings.Join(danglingReferences(got), "\n")
	for _, want := range []string{"manager of user u2: u9", "attendee of activity a1: u3", "activity of attendee at line 4: a7"} {
		if !strings.Contains(d, want) {
			t.Errorf("missed %q in:\n%s", want, d)
		}
	}
	// Without users streamed, owners cannot be checked: a calendar has none.
	if d := danglingReferences(&Collector{Activities: []plugin.Activity{{ID: "a", OwnerID: "x"}}}); len(d) != 0 {
		t.Errorf("dangling without users: %v", d)
	}
}

// panicky reads one record, then panics on any input whose name says so.
type panicky struct{}

func (panicky) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{Name: "panicky", Version: "1", Description: "panics", ProtocolVersion: plugin.ProtocolVersion,
		Kinds: []plugin.RecordKind{plugin.KindActivity}, FilePatterns: []string{"*.txt"}}, nil
}

func (panicky) Check(_ context.Context, path string) (plugin.CheckResult, error) {
	if strings.HasSuffix(path, ".txt") {
		return plugin.CheckResult{Accepted: true, Files: []plugin.FileMatch{{File: path, Kind: plugin.KindActivity}}}, nil
	}
	return plugin.CheckResult{Reason: "not a .txt file"}, nil
}

func (panicky) Read(_ context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	data, err := os.ReadFile(req.Path)
	if err != nil {
		return err
	}
	if strings.Contains(string(data), "panic") {
		panic("panicky connector: planted panic")
	}
	f := w.File(filepath.Base(req.Path))
	if err := f.Activity(plugin.Activity{ID: "1", Kind: plugin.ActivityTask, DueDate: time.Now().UTC().Truncate(24 * time.Hour)}); err != nil {
		return err
	}
	return f.Done(1)
}

// TestKitHelperPanicky is run by TestKitFailsAPanickingConnector in a child
// process; on its own it does nothing.
func TestKitHelperPanicky(t *testing.T) {
	dir := os.Getenv("KIT_HELPER_DIR")
	if dir == "" {
		t.Skip("run by TestKitFailsAPanickingConnector")
	}
	Run(t, panicky{}, Fixtures{
		Valid:  []string{filepath.Join(dir, "good.txt")},
		Broken: []string{filepath.Join(dir, "bad.txt")},
	})
}

func TestKitFailsAPanickingConnector(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte("fine, long enough to truncate"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("this will panic"), 0o644); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^TestKitHelperPanicky$", "-test.v")
	cmd.Env = append(os.Environ(), "KIT_HELPER_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the kit passed a connector that panics on broken input:\n%s", out)
	}
	for _, want := range []string{"--- PASS: TestKitHelperPanicky/subprocess/Read", "--- FAIL: TestKitHelperPanicky/subprocess/Broken", "killed the connector", "panic: panicky connector: planted panic"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("kit output lacks %q:\n%s", want, out)
		}
	}
}
