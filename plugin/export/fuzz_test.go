package export

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzArchive opens arbitrary bytes as a .zip export and reads every file
// it lists: it must never panic nor hang, a file is either read or
// refused, and a refused one never opens. Crashers found are kept in
// testdata/fuzz/FuzzArchive. Run longer by hand with:
//
//	go test ./plugin/export -run '^$' -fuzz '^FuzzArchive$' -fuzztime 5m
func FuzzArchive(f *testing.F) {
	for _, entries := range [][][2]string{
		{{"Task.csv", "Id,Subject\n1,Call\n"}, {"sub/User.csv", "Id\n1\n"}},
		{{"./Task.csv", "a"}, {"Task.csv", "b"}, {"../x.csv", "c"}, {"a\\b.csv", "d"}},
		{{"__MACOSX/._Task.csv", "x"}, {"dir/", ""}},
	} {
		f.Add(zipOf(f, entries))
	}
	f.Add([]byte("PK\x03\x04 not really"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.zip")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		src, err := Open(p)
		if err != nil {
			return
		}
		defer src.Close()
		for _, file := range src.Files() {
			rc, err := src.Open(file)
			if file.Refused() != "" && err == nil {
				t.Fatalf("%s is refused (%s) but opened", file.Name, file.Refused())
			}
			if err != nil {
				continue
			}
			_, _ = io.Copy(io.Discard, io.LimitReader(rc, 1<<20))
			rc.Close()
		}
	})
}

func zipOf(t testing.TB, entries [][2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(w, e[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
