package cli

import (
	"os"
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

func TestCtrlCStopsTheIngestAndItsConnector(t *testing.T) {
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("no /proc to inspect processes")
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
