//go:build unix

package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
)

// hostCase is one case of testdata/adversarial/host/cases.yaml, which says
// what each field means.
type hostCase struct {
	Name        string            `yaml:"name"`
	Defect      string            `yaml:"defect"`
	Plugins     []string          `yaml:"plugins"`
	Env         map[string]string `yaml:"env"`
	Args        []string          `yaml:"args"`
	Signal      string            `yaml:"signal"`
	On          string            `yaml:"on"`
	Exit        int               `yaml:"exit"`
	Stdout      []string          `yaml:"stdout"`
	Stderr      []string          `yaml:"stderr"`
	NotStderr   []string          `yaml:"not_stderr"`
	Once        []string          `yaml:"once"`
	Within      time.Duration     `yaml:"within"`
	MaxRSSMB    int64             `yaml:"max_rss_mb"`
	MaxStderrKB int               `yaml:"max_stderr_kb"`
	DBChanges   bool              `yaml:"db_changes"`
}

// hostArgsEnv makes the test binary, run as TestAdversarialHost alone,
// play salesaudit with these arguments (a JSON list) and exit: each case
// needs a process of its own, to be interrupted, killed, measured and
// outlived.
const hostArgsEnv = "SALESAUDIT_TEST_HOST_ARGS"

// leftoverGrace is how long the processes of a case may take to be gone
// once salesaudit has ended (a connector watching for its host's death
// needs a moment to see it).
const leftoverGrace = 3 * time.Second

func TestAdversarialHost(t *testing.T) {
	if args := os.Getenv(hostArgsEnv); args != "" {
		playSalesaudit(args)
	}
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "adversarial", "host", "cases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []hostCase
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			c.run(t)
		})
	}
}

// playSalesaudit runs salesaudit as this process and exits with its code.
func playSalesaudit(argsJSON string) {
	var args []string
	if err := json.Unmarshal([]byte(argsJSON), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(ExitUsage)
	}
	// TestMain made it, and would remove it on a way out that os.Exit skips.
	_ = os.RemoveAll(sharedDir)
	os.Exit(Run(args, os.Stdin, os.Stdout, os.Stderr))
}

// hostRun is what became of salesaudit in a case.
type hostRun struct {
	code           int
	killed         bool
	stdout, stderr string
	elapsed        time.Duration
	maxRSSMB       int64
}

func (c hostCase) run(t *testing.T) {
	dir := t.TempDir()
	export, dbDir := mkdirIn(t, dir, "export"), mkdirIn(t, dir, "db")
	// The plugins' sockets go in TMPDIR: its path must stay short (a Unix
	// socket's path has at most 104 bytes), which t.TempDir's is not.
	tmp, err := os.MkdirTemp("", "sa-host-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	db := filepath.Join(dbDir, "sa.duckdb")
	data, err := os.ReadFile(preloadedDB(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, db)
	plugins := installFake(t, c.Plugins...)
	events := filepath.Join(dir, "events")
	args := make([]string, len(c.Args))
	expand := strings.NewReplacer("{db}", db, "{plugins}", plugins, "{export}", export, "{newdir}", filepath.Join(dir, "new"))
	for i, a := range c.Args {
		args[i] = expand.Replace(a)
	}
	env := []string{"TMPDIR=" + tmp, fake.EventsEnv + "=" + events}
	for k, v := range c.Env {
		env = append(env, k+"="+v)
	}

	r := c.runHost(t, args, env, events)
	t.Logf("%s: ended in %s, peak RSS %d MB", c.Defect, r.elapsed.Round(time.Millisecond), r.maxRSSMB)
	if left := processesLeft(t, events); len(left) > 0 {
		t.Errorf("processes left running after salesaudit ended: %v (killed now)", left)
	}
	c.checkOutput(t, r)
	if !r.killed {
		// A killed salesaudit leaves its load directory beside the
		// database; the next load removes it (internal/duckdb's leftovers).
		// An audit leaves its cache.
		checkEmptyBut(t, dbDir, "sa.duckdb", "sa.duckdb.cache")
	}
	checkEmptyBut(t, tmp)
	if !c.DBChanges {
		if changed := copyChanged(t, db, preloadedDB(t), sum); changed != "" {
			t.Errorf("the database changed: %s", changed)
		}
	}
}

// runHost runs salesaudit with args, sends it the case's signal, and
// waits for it within the case's deadline.
func (c hostCase) runHost(t *testing.T, args, env []string, events string) hostRun {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	argsJSON, _ := json.Marshal(args)
	cmd := exec.Command(self, "-test.run=^TestAdversarialHost$")
	cmd.Env = append(append(os.Environ(), hostArgsEnv+"="+string(argsJSON)), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(ended)
	}()
	started := time.Now()
	if c.Signal != "" {
		c.waitForEvent(t, events, ended, &stderr)
		sig := map[string]syscall.Signal{"INT": syscall.SIGINT, "KILL": syscall.SIGKILL}[c.Signal]
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		started = time.Now()
	}
	select {
	case <-ended:
	case <-time.After(c.Within):
		_ = cmd.Process.Kill()
		<-ended
		t.Errorf("salesaudit did not end within %s; stderr:\n%.2000s", c.Within, stderr.String())
	}
	r := hostRun{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(started)}
	if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		r.killed = true
	}
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSSMB = int64(usage.Maxrss) >> 10 // KiB on Linux
		if runtime.GOOS == "darwin" {
			r.maxRSSMB >>= 10 // bytes on macOS
		}
	}
	return r
}

// waitForEvent waits until a fake records the case's event.
func (c hostCase) waitForEvent(t *testing.T, events string, ended <-chan struct{}, stderr *bytes.Buffer) {
	deadline := time.After(30 * time.Second)
	for {
		recorded, err := fake.ReadEvents(events)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range recorded {
			if e.Name == c.On {
				return
			}
		}
		select {
		case <-ended:
			t.Fatalf("salesaudit ended before the event %q; stderr:\n%s", c.On, stderr.String())
		case <-deadline:
			t.Fatalf("no %q event within 30s", c.On)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (c hostCase) checkOutput(t *testing.T, r hostRun) {
	t.Helper()
	if c.Signal != "KILL" && r.code != c.Exit {
		t.Errorf("exit %d, want %d", r.code, c.Exit)
	}
	for _, want := range c.Stdout {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	for _, want := range c.Stderr {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	for _, unwanted := range c.NotStderr {
		if strings.Contains(r.stderr, unwanted) {
			t.Errorf("stderr has %q", unwanted)
		}
	}
	for _, want := range c.Once {
		if n := strings.Count(r.stderr, want); n != 1 {
			t.Errorf("stderr has %q %d times, want once", want, n)
		}
	}
	if c.MaxRSSMB > 0 && r.maxRSSMB > c.MaxRSSMB {
		t.Errorf("salesaudit's peak resident memory was %d MB, over %d MB", r.maxRSSMB, c.MaxRSSMB)
	}
	if c.MaxStderrKB > 0 && len(r.stderr) > c.MaxStderrKB<<10 {
		t.Errorf("salesaudit wrote %d bytes on stderr, over %d KB", len(r.stderr), c.MaxStderrKB)
	}
	if t.Failed() {
		t.Logf("stdout:\n%.3000s\nstderr:\n%.3000s", r.stdout, r.stderr)
	}
}

// processesLeft waits leftoverGrace for every process the fakes recorded
// to be gone, and kills and returns those that are not.
func processesLeft(t *testing.T, events string) []fake.Event {
	t.Helper()
	recorded, err := fake.ReadEvents(events)
	if err != nil {
		t.Fatal(err)
	}
	var processes []fake.Event
	for _, e := range recorded {
		if e.Name == "started" || e.Name == "child" {
			processes = append(processes, e)
		}
	}
	left := fake.StillRunning(processes, leftoverGrace)
	for _, e := range left {
		_ = syscall.Kill(e.PID, syscall.SIGKILL)
	}
	return left
}

// checkEmptyBut fails the test if dir holds anything but the names given.
func checkEmptyBut(t *testing.T, dir string, keep ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(keep, e.Name()) {
			t.Errorf("left behind in %s: %s", dir, e.Name())
		}
	}
}

var preloaded sharedFile

// preloadedDB is a database holding one load of the fake export, made
// once per test binary.
func preloadedDB(t *testing.T) string {
	t.Helper()
	return preloaded.get(t, func() (string, error) {
		dir, err := os.MkdirTemp(sharedDir, "preloaded-")
		if err != nil {
			return "", err
		}
		db := filepath.Join(dir, "sa.duckdb")
		r := run(t, "ingest", "-q", "--plugin-dir", installFake(t, "fakegood"), "-c", "fakegood", "--db", db, dir)
		if r.code != ExitOK {
			return "", fmt.Errorf("preloading: exit %d: %s", r.code, r.stderr)
		}
		return db, nil
	})
}

func mkdirIn(t *testing.T, parent, name string) string {
	t.Helper()
	dir := filepath.Join(parent, name)
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}
