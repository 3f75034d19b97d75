package csvfile

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/export"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeZip(t *testing.T, path string, files map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, text := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, text); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func firstSubject(t *testing.T, src *export.Source, name string) string {
	t.Helper()
	f, ok := src.Find(name)
	if !ok {
		t.Fatalf("%s not found in %s", name, src.Path())
	}
	rd, err := Open(src, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	row, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	if rd.Size() != f.Size || rd.BytesRead() != f.Size {
		t.Errorf("size %d, read %d bytes, want %d", rd.Size(), rd.BytesRead(), f.Size)
	}
	return row.Field(rd.Column("Subject"))
}

func TestSourceDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "TASK.CSV"), "Id,Subject\n1,Reuni\xF3n\n")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := export.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.IsArchive() || len(src.Files()) != 1 {
		t.Fatalf("files %v, want only TASK.CSV", src.Files())
	}
	if got := firstSubject(t, src, "Task.csv"); got != "Reunión" {
		t.Errorf("subject %q", got)
	}
}

func TestSourceArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "WE_00D5g0000012345_1.ZIP")
	writeZip(t, path, map[string]string{
		"export/Task.csv":     "Id,Subject\n2,nested copy\n",
		"Task.csv":            "Id,Subject\n1,Réunion\n",
		"__MACOSX/._Task.csv": "junk",
	})
	src, err := export.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if !src.IsArchive() || len(src.Files()) != 2 {
		t.Fatalf("files %v, want Task.csv and export/Task.csv", src.Files())
	}
	if got := firstSubject(t, src, "task.csv"); got != "Réunion" {
		t.Errorf("subject %q: the top-level file should win", got)
	}
}

func TestEstimateRows(t *testing.T) {
	var small strings.Builder
	small.WriteString("Id,Text\n")
	for i := range 10 {
		fmt.Fprintf(&small, "%d,\"two\nlines\"\n", i)
	}
	if got := estimateRows([]byte(small.String()), int64(small.Len())); got != 10 {
		t.Errorf("small file: %d rows, want exactly 10", got)
	}
	var big strings.Builder
	big.WriteString("Id,Text\n")
	for i := 0; big.Len() < 1<<20; i++ {
		fmt.Fprintf(&big, "%06d,\"some text\"\n", i)
	}
	rows := int64(strings.Count(big.String(), "\n") - 1)
	sample := big.String()[:estimateSample]
	got := estimateRows([]byte(sample), int64(big.Len()))
	if got < rows*95/100 || got > rows*105/100 {
		t.Errorf("big file: estimated %d rows, have %d", got, rows)
	}
}
