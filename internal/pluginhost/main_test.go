package pluginhost

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
)

// TestMain lets the test binary play a connector: run under the name of a
// connector executable (see fakeDir), it serves the fake of that name,
// recording its events in the file beside its executable.
func TestMain(m *testing.M) {
	if name, ok := strings.CutPrefix(filepath.Base(os.Args[0]), ExecutablePrefix); ok {
		os.Setenv(fake.EventsEnv, filepath.Join(filepath.Dir(os.Args[0]), eventsFile))
		fake.Serve(fake.Misbehaving()[name])
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// eventsFile is the file, beside the fakes of a plugin directory, their
// processes record their events in. Each test's fakes find their own this
// way, where one environment variable for the whole test binary would make
// the tests take turns.
const eventsFile = "events"

// fakeDir is a plugin directory holding the named fakes, as symlinks to
// this test binary, and the file their events go to.
func fakeDir(t *testing.T, names ...string) (dir, events string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for _, name := range names {
		if err := os.Symlink(self, filepath.Join(dir, ExecutablePrefix+name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir, filepath.Join(dir, eventsFile)
}
