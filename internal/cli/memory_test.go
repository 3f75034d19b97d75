package cli

import (
	"strings"
	"testing"
)

// report caps DuckDB's memory as ingest and audit do, for a database
// larger than the machine's memory.
func TestReportTakesAMemoryLimit(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	capped := run(t, "report", "--db", db, "--no-cache", "--memory-limit", "300MB", "--format", "json").mustSucceed(t).stdout
	if !strings.Contains(capped, `"managers"`) {
		t.Errorf("no report under the cap:\n%s", capped)
	}
	if r := run(t, "report", "--db", db, "--memory-limit", "lots"); r.code == ExitOK || !strings.Contains(r.stderr, `--memory-limit "lots"`) {
		t.Errorf("--memory-limit lots: exit %d, stderr %q", r.code, r.stderr)
	}
}

// An audit DuckDB cannot fit in --memory-limit says what to do: fewer
// threads first (one step keeps per-thread state it does not spill).
func TestAnAuditOutOfMemorySaysWhatToDo(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	for threads, advice := range map[string]string{"2": "run it again with --threads 1", "1": "raise --memory-limit"} {
		r := run(t, "--threads", threads, "report", "--db", db, "--no-cache", "--memory-limit", "20MB")
		if r.code != ExitError || !strings.Contains(r.stderr, "Out of Memory") || !strings.Contains(r.stderr, advice) {
			t.Errorf("--threads %s under 20MB: exit %d, want %d with %q\n%s", threads, r.code, ExitError, advice, r.stderr)
		}
	}
}
