package pluginhost

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
)

// TestMain lets the test binary play a connector: run under the name of a
// connector executable (see fakeDir), it serves the fake of that name.
func TestMain(m *testing.M) {
	if name, ok := strings.CutPrefix(filepath.Base(os.Args[0]), ExecutablePrefix); ok {
		fake.Serve(fake.Misbehaving()[name])
		os.Exit(0)
	}
	os.Exit(m.Run())
}

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
	return dir, filepath.Join(t.TempDir(), "events")
}
