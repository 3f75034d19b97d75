package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/duckdb"
)

// processesNamed lists the PIDs whose command line mentions name.
func processesNamed(name string) []string {
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var pids []string
	for _, path := range dirs {
		cmdline, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(cmdline), name) {
			pids = append(pids, filepath.Base(filepath.Dir(path)))
		}
	}
	return pids
}

// ranAlone runs the test t in a test process of its own, with env set in
// its environment, and reports whether it did: the caller returns then.
// In that process (env set) it does nothing, and the test runs.
func ranAlone(t *testing.T, env string) bool {
	t.Helper()
	if os.Getenv(env) != "" {
		return false
	}
	t.Parallel()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Errorf("%v\n%s", err, out)
	}
	return true
}

// ctrlCAlone is set in the environment of the process that runs
// TestCtrlCStopsTheIngestAndItsConnector by itself.
const ctrlCAlone = "SALESAUDIT_TEST_CTRL_C_ALONE"

func TestCtrlCStopsTheIngestAndItsConnector(t *testing.T) {
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("no /proc to inspect processes")
	}
	// Ctrl-C interrupts every command running in the process: the test
	// runs alone in a test process of its own, while the others run here.
	if ranAlone(t, ctrlCAlone) {
		return
	}
	plugins := installFake(t, "fakehang")
	connector := filepath.Join(plugins, "salesaudit-connector-fakehang")
	go func() {
		// Interrupt once the connector is running and has gone quiet.
		for len(processesNamed(connector)) == 0 {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond)
		_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
	}()
	r := run(t, "ingest", "--plugin-dir", plugins, "--db", duckdb.MemoryPath, "-c", "fakehang", "--plugin-timeout", "1h", t.TempDir())
	if r.code != ExitError || !strings.Contains(r.stderr, "interrupted: nothing was changed") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if left := processesNamed(connector); len(left) > 0 {
		t.Errorf("connector processes outlived the host: %v", left)
	}
}

// TestAnInterruptAfterALoadSaysTheLoadStays: an audit interrupted after
// its load committed must not say nothing was changed; a run that loaded
// nothing, or into memory, may.
func TestAnInterruptAfterALoadSaysTheLoadStays(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	err := context.Canceled
	for _, c := range []struct {
		app  app
		want string
	}{
		{app{dbPath: "crm.duckdb"}, "interrupted: nothing was changed"},
		{app{dbPath: duckdb.MemoryPath, kept: []string{"export/"}}, "interrupted: nothing was changed"},
		{app{dbPath: "crm.duckdb", kept: []string{"export/", "calendars/"}},
			"interrupted: what was loaded from export/, calendars/ stays in crm.duckdb; nothing after it was done"},
	} {
		if got := c.app.explain(cancelled, err); got != c.want {
			t.Errorf("kept %q in %s: %q, want %q", c.app.kept, c.app.dbPath, got, c.want)
		}
	}
	if got := (&app{}).explain(context.Background(), errors.New("bad input")); got != "bad input" {
		t.Errorf("an error without an interrupt reads %q", got)
	}
}
