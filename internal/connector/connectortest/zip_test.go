package connectortest

import (
	"bytes"
	"maps"
	"path/filepath"
	"testing"
	"time"
)

// TestZipIsTheSameEveryTime: the committed zip fixtures are regenerated
// with Zip, and must not change when nothing else has.
func TestZipIsTheSameEveryTime(t *testing.T) {
	files := map[string][]byte{"b.json": []byte("[2]"), "a.json": []byte("[1]"), "c/d.json": nil}
	modified := time.Date(2026, 7, 1, 2, 0, 0, 0, time.UTC)
	first := Zip(t, files, modified)
	for range 5 {
		if again := Zip(t, files, modified); !bytes.Equal(again, first) {
			t.Fatal("Zip wrote different bytes for the same files")
		}
	}
}

// TestZipDirKeepsTheFilesUnderThePrefix reads back what ZipDir wrote.
func TestZipDirKeepsTheFilesUnderThePrefix(t *testing.T) {
	dir := t.TempDir()
	WriteFiles(t, dir, map[string][]byte{"users.json": []byte(`{"value":[]}`), "tasks.json": []byte("{}")})
	archive := ZipDir(t, dir, "export/")
	if filepath.Base(archive) != "export.zip" {
		t.Errorf("ZipDir wrote %s, want export.zip", archive)
	}
	want := map[string][]byte{"export/users.json": []byte(`{"value":[]}`), "export/tasks.json": []byte("{}")}
	if got := ReadZip(t, archive); !maps.EqualFunc(got, want, bytes.Equal) {
		t.Errorf("ZipDir's archive holds %q, want %q", got, want)
	}
}
