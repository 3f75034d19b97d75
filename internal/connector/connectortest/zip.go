package connectortest

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Zip is files (name to content) as a .zip archive that comes out the same
// byte for byte every time: entries in name order, deflated, each modified
// at modified (the zero time leaves them undated). The committed zip
// fixtures are made with it, so regenerating them changes nothing.
func Zip(t testing.TB, files map[string][]byte, modified time.Time) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err == nil {
			_, err = w.Write(files[name])
		}
		if err != nil {
			t.Fatalf("zipping %s: %v", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatalf("closing the zip archive: %v", err)
	}
	return b.Bytes()
}

// ZipDir zips dir's files, each named prefix followed by its own name, as
// a user zipping a folder of saved files would, and is the archive's path:
// export.zip in a temporary directory.
func ZipDir(t testing.TB, dir, prefix string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[prefix+e.Name()] = data
	}
	path := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(path, Zip(t, files, time.Time{}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// ReadZip is the content of every file of the zip archive at path, by
// name; an archive that cannot be opened is to be regenerated.
func ReadZip(t testing.TB, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%v (regenerate with -regen)", err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

// CheckZip fails the test unless the zip archive at path holds exactly the
// files want (name to content), as the generator writes them. It compares
// the files, not the archive's bytes, which a change in compress/flate
// may alter. label names the archive in messages.
func CheckZip(t testing.TB, path, label string, want map[string][]byte) {
	t.Helper()
	got := ReadZip(t, path)
	if gotNames, wantNames := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(gotNames, wantNames) {
		t.Errorf("%s holds %v, the generator writes %v (regenerate with -regen)", label, gotNames, wantNames)
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s/%s differs from the generator's output (regenerate with -regen)", label, name)
		}
	}
}
