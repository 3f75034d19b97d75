package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestTheExampleConnectorInstallsAndPassesTheKit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example connector")
	}
	t.Parallel()
	built := exampleConnector(t)
	plugins := filepath.Join(t.TempDir(), "plugins")
	r := run(t, "connectors", "install", "--plugin-dir", plugins, built).mustSucceed(t)
	installed := filepath.Join(plugins, "salesaudit-connector-jsonl")
	if !strings.Contains(r.stdout, "Installed connector jsonl 0.1.0 as "+installed) {
		t.Errorf("install output: %q", r.stdout)
	}
	lock, err := os.ReadFile(filepath.Join(plugins, "salesaudit-plugins.lock"))
	if err != nil || !strings.Contains(string(lock), `"sha256"`) {
		t.Fatalf("lock file: %s (%v)", lock, err)
	}

	example := filepath.Join("..", "..", "plugin", "examples", "jsonl", "testdata")
	plugintest.RunExecutable(t, installed, plugintest.Fixtures{
		Valid:  []string{filepath.Join(example, "closely")},
		Broken: []string{filepath.Join(example, "broken")},
	})

	list := run(t, "connectors", "--plugin-dir", plugins, "--format", "csv").mustSucceed(t)
	if !strings.Contains(list.stdout, fmt.Sprintf("jsonl,0.1.0,%d,", plugin.ProtocolVersion)) || strings.Contains(list.stdout, "unverified") {
		t.Errorf("connectors list:\n%s", list.stdout)
	}
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	ing := run(t, "ingest", "--plugin-dir", plugins, "--db", db, filepath.Join(example, "closely")).mustSucceed(t)
	if !strings.Contains(ing.stdout, "with connector jsonl 0.1.0") {
		t.Errorf("ingest did not pick the installed connector:\n%s", ing.stdout)
	}
}

func TestAChangedConnectorIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example connector")
	}
	t.Parallel()
	plugins := filepath.Join(t.TempDir(), "plugins")
	run(t, "connectors", "install", "--plugin-dir", plugins, exampleConnector(t)).mustSucceed(t)
	installed := filepath.Join(plugins, "salesaudit-connector-jsonl")
	f, err := os.OpenFile(installed, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte("tampered"))
	_ = f.Close()
	example := filepath.Join("..", "..", "plugin", "examples", "jsonl", "testdata", "closely")
	r := run(t, "ingest", "--plugin-dir", plugins, "--db", ":memory:", "-c", "jsonl", example)
	if r.code != ExitError || !strings.Contains(r.stderr, "refusing to start connector jsonl") || !strings.Contains(r.stderr, "SHA-256 no longer matches") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestAPluginDirectoryOthersCanWriteIsRefused(t *testing.T) {
	t.Parallel()
	plugins := installFake(t, "fakegood")
	if err := os.Chmod(plugins, 0o777); err != nil {
		t.Fatal(err)
	}
	r := run(t, "ingest", "--plugin-dir", plugins, "--db", ":memory:", "-c", "fakegood", t.TempDir())
	if r.code != ExitError || !strings.Contains(r.stderr, "writable by other users") || !strings.Contains(r.stderr, "chmod go-w") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestInstallRefusesWhatIsNotAConnector(t *testing.T) {
	t.Parallel()
	script := filepath.Join(t.TempDir(), "not-a-connector")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho hello\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := run(t, "connectors", "install", "--plugin-dir", filepath.Join(t.TempDir(), "p"), script)
	if r.code != ExitError || !strings.Contains(r.stderr, "is not a working salesaudit connector") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
