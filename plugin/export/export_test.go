package export

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSourceRefusesPlainFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Task.csv")
	writeFile(t, path, "Id\n1\n")
	if _, err := Open(path); !errors.Is(err, ErrNotExport) {
		t.Errorf("got %v, want ErrNotExport", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want not-exist", err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
