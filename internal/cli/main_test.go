package cli

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
	"github.com/salesaudit/salesaudit/internal/pluginhost"
)

// fakeConnectors are served by this test binary when it runs under the name
// of an external connector (see installFake), so that tests exercise real
// plugin processes, including ones that crash.
var fakeConnectors = map[string]*fake.Connector{
	"fakegood":  {Name: "fakegood", Users: 4, Activities: 300, RejectEvery: 50},
	"fakepanic": {Name: "fakepanic", Users: 4, Activities: 5000, PanicAfter: 2000},
	"fakehang":  {Name: "fakehang", Users: 4, Activities: 100, HangAfter: 10},
}

// The fakes that break as processes do (freeze, exit at once, never start,
// flood stderr, leave a child behind): the adversarial suite's.
func init() { maps.Copy(fakeConnectors, fake.Misbehaving()) }

// TestMain lets the test binary play two more parts: salesaudit serving a
// built-in connector (the host re-executes itself as
// "connector serve NAME"), and an external fake connector.
func TestMain(m *testing.M) {
	if name, ok := strings.CutPrefix(filepath.Base(os.Args[0]), pluginhost.ExecutablePrefix); ok {
		fake.Serve(fakeConnectors[name])
		os.Exit(0)
	}
	if len(os.Args) > 2 && os.Args[1] == "connector" && os.Args[2] == "serve" {
		os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "salesaudit-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedDir = dir
	// The tests' databases are tiny and many run at once: one DuckDB
	// thread each spares them fighting over the two cores (a third less
	// CPU). TestTheThreadsFlagReachesDuckDB checks the flag itself.
	os.Setenv("SALESAUDIT_THREADS", "1")
	code := m.Run()
	if parquetReader.db != nil {
		_ = parquetReader.db.Close()
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// sharedDir holds what the tests build once per test binary and share:
// loaded databases and the example connector.
var sharedDir string

// sharedFile is a file made once per test binary, on first use.
type sharedFile struct {
	sync.Once
	path string
	err  error
}

func (f *sharedFile) get(t *testing.T, build func() (string, error)) string {
	t.Helper()
	f.Do(func() { f.path, f.err = build() })
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f.path
}

// loads are the databases loadedDB made, by export.
var loads sync.Map

// loadedDB returns a database of the caller's own with the export loaded
// as 'salesaudit ingest' loads it, connector detected. Each export is
// ingested once per test binary; each caller gets a copy of its database.
func loadedDB(t *testing.T, export string) string {
	t.Helper()
	return copyDB(t, ingestedOnce(t, export))
}

// ingestedOnce is the database the export is ingested into once per test
// binary, for loadedDB to copy; nothing may change it.
func ingestedOnce(t *testing.T, export string) string {
	t.Helper()
	v, _ := loads.LoadOrStore(export, &sharedFile{})
	return v.(*sharedFile).get(t, func() (string, error) {
		dir, err := os.MkdirTemp(sharedDir, "db-")
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, "sa.duckdb")
		var out bytes.Buffer
		if code := Run([]string{"ingest", "--quiet", "--db", path, export}, strings.NewReader(""), &out, &out); code != ExitOK {
			return "", fmt.Errorf("ingesting %s: exit %d\n%s", export, code, out.String())
		}
		return path, nil
	})
}

// copyDB copies a database that salesaudit has closed to a file of the
// caller's own.
func copyDB(t *testing.T, path string) string {
	t.Helper()
	return copyDBInto(t, path, t.TempDir())
}

// copyDBInto copies a database that salesaudit has closed into dir.
func copyDBInto(t *testing.T, path, dir string) string {
	t.Helper()
	// Closing the database checkpoints its write-ahead log, so that the
	// file alone is the database and a copy of it holds it all.
	if _, err := os.Stat(path + ".wal"); err == nil {
		t.Fatalf("%s.wal is left after salesaudit closed %s: a copy of the file would lack it", path, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, filepath.Base(path))
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return db
}

var exampleBuild sharedFile

// exampleConnector builds the example third-party connector as its author
// would, with go build, once per test binary.
func exampleConnector(t *testing.T) string {
	t.Helper()
	return exampleBuild.get(t, func() (string, error) {
		out := filepath.Join(sharedDir, "salesaudit-connector-jsonl")
		cmd := exec.Command("go", "build", "-o", out, "./plugin/examples/jsonl")
		cmd.Dir = filepath.Join("..", "..")
		if msg, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go build: %v\n%s", err, msg)
		}
		return out, nil
	})
}

// installFake makes the fake connectors available as external plugins in
// a fresh directory, as symlinks to this test binary.
func installFake(t *testing.T, names ...string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range names {
		if err := os.Symlink(self, filepath.Join(dir, pluginhost.ExecutablePrefix+name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
