package export

import (
	"archive/zip"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest/hostile"
)

// readFile reads a file of an export whole, as a reader would.
func readWhole(src *Source, name string) (string, error) {
	f, ok := src.Find(name)
	if !ok {
		return "", os.ErrNotExist
	}
	rc, err := src.Open(f)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	return string(data), err
}

// A symbolic link out of the export is refused, naming it, by Check and
// Read alike; one to a file inside the export is read like that file.
func TestSymlinksOutOfTheExportAreRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "passwd")
	writeFile(t, outside, "root:x:0:0:root:/root:/bin/bash\n")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "users.jsonl"), "{\"id\": 1}\n")
	writeFile(t, filepath.Join(dir, "real.jsonl"), "{}\n")
	symlink(t, outside, filepath.Join(dir, "activities-1.jsonl"))
	symlink(t, "real.jsonl", filepath.Join(dir, "activities-2.jsonl"))

	src, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if text, err := readWhole(src, "activities-1.jsonl"); err == nil || !strings.Contains(err.Error(), "activities-1.jsonl is a symbolic link to "+outside+", outside the export: refused") || text != "" {
		t.Errorf("reading the link out: %q, %v; want a refusal naming it", text, err)
	}
	if text, err := readWhole(src, "activities-2.jsonl"); err != nil || text != "{}\n" {
		t.Errorf("reading the link inside: %q, %v", text, err)
	}
	res, err := testLayout.Check(context.Background(), dir)
	if err != nil || res.Accepted || !strings.Contains(res.Reason, "outside the export") {
		t.Errorf("check = %+v, %v; want a refusal saying why", res, err)
	}
	err = testLayout.Read(context.Background(), dir, func(f Found, r io.Reader) error {
		data, _ := io.ReadAll(r)
		if strings.Contains(string(data), "root:") {
			t.Errorf("%s read the file outside the export", f.Name)
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "outside the export") {
		t.Errorf("read: %v, want a refusal", err)
	}
}

// A named pipe is never opened (it would block): it is refused.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "users.jsonl"), 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	src, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	f, ok := src.Find("users.jsonl")
	if !ok || !strings.Contains(f.Refused(), "users.jsonl is not a regular file (a named pipe)") {
		t.Fatalf("the pipe is listed as %+v, %v; want it refused", f, ok)
	}
	if _, err := src.Open(f); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("opening the pipe: %v", err)
	}
}

// An archive's entries are known by their cleaned names only: "./x" is
// x, a backslash a slash; a name climbing out of the archive, or two
// entries of one name, are refused.
func TestArchiveEntriesGoByTheirCleanedNames(t *testing.T) {
	p := filepath.Join(t.TempDir(), "export.zip")
	hostile.WriteZip(t, p,
		hostile.ZipEntry{Name: "./users.jsonl", Content: "{}\n"},
		hostile.ZipEntry{Name: "sub\\activities.jsonl", Content: "{}\n"},
		hostile.ZipEntry{Name: "../../etc/notes.jsonl", Content: "{}\n"},
		hostile.ZipEntry{Name: "Task.csv", Content: "a\n"},
		hostile.ZipEntry{Name: "x/../Task.csv", Content: "b\n"},
	)
	src, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	got := map[string]string{}
	for _, f := range src.Files() {
		got[f.Name] = f.Refused()
	}
	for name, refusal := range map[string]string{
		"users.jsonl": "", "sub/activities.jsonl": "",
		"etc/notes.jsonl": `the archive's entry "../../etc/notes.jsonl" climbs out of the archive`,
		"Task.csv":        "the archive holds 2 entries named Task.csv",
	} {
		if r, ok := got[name]; !ok || !strings.Contains(r, refusal) || (refusal == "") != (r == "") {
			t.Errorf("%s: listed %v, refused %q; want refused %q (files %v)", name, ok, r, refusal, got)
		}
	}
	if text, err := readWhole(src, "users.jsonl"); err != nil || text != "{}\n" {
		t.Errorf("users.jsonl reads %q, %v", text, err)
	}
}

// A zip bomb (2 GB of NUL in a few MB) is refused at once, naming the
// entry and the setting that lets a genuine export through; reading it
// costs no memory.
func TestAZipBombIsRefusedAtOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "export.zip")
	hostile.WriteZip(t, p, hostile.ZipEntry{Name: "users.jsonl", Content: "{}\n"},
		hostile.ZipEntry{Name: "activities.jsonl", Fill: 0, Size: 2 << 30})
	var err error
	began := time.Now()
	peak := hostile.PeakHeap(func() {
		err = testLayout.Read(context.Background(), p, func(f Found, r io.Reader) error {
			_, err := io.Copy(io.Discard, r)
			return err
		})
	})
	if err == nil || !strings.Contains(err.Error(), "activities.jsonl in "+p+" inflates to more than 100 times its compressed size") ||
		!strings.Contains(err.Error(), MaxRatioVariable) {
		t.Fatalf("err = %v, want a refusal naming the entry and %s", err, MaxRatioVariable)
	}
	if res, err := testLayout.Check(context.Background(), p); err != nil || res.Accepted || !strings.Contains(res.Reason, "refused as a possible zip bomb") {
		t.Errorf("check = %+v, %v; want a refusal saying why", res, err)
	}
	src, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var limitErr *LimitError
	if _, err := readWhole(src, "activities.jsonl"); !errors.As(err, &limitErr) || limitErr.Entry != "activities.jsonl" {
		t.Errorf("opening the entry: %v, want a *LimitError naming it", err)
	}
	if took := time.Since(began); took > 5*time.Second || peak > 32<<20 {
		t.Errorf("refusing the bomb took %v and %d MB of heap", took, peak>>20)
	}

	// Allowed a higher ratio, it is stopped at the size limit.
	t.Setenv(MaxRatioVariable, "100000")
	t.Setenv(MaxEntryBytesVariable, "1000000000")
	err = testLayout.Read(context.Background(), p, func(Found, io.Reader) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "more than 953.7 MB") || !strings.Contains(err.Error(), MaxEntryBytesVariable) {
		t.Errorf("err = %v, want the size limit", err)
	}
	t.Setenv(MaxRatioVariable, "many")
	if _, err := Open(p); err == nil || !strings.Contains(err.Error(), MaxRatioVariable+`="many": want a whole number`) {
		t.Errorf("a bad setting: %v", err)
	}
}

// An entry whose bytes do not match its checksum, or that inflates past
// the size its header declares, is damaged: that is what the error says.
func TestADamagedEntryIsToldAsDamaged(t *testing.T) {
	for name, damage := range map[string]func(h *zip.FileHeader){
		"bad CRC":    func(h *zip.FileHeader) { h.CRC32++ },
		"lying size": func(h *zip.FileHeader) { h.UncompressedSize64 = 5 },
	} {
		p := filepath.Join(t.TempDir(), "export.zip")
		writeDamagedZip(t, p, "users.jsonl", strings.Repeat("{\"id\": 1}\n", 100), damage)
		src, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		_, err = readWhole(src, "users.jsonl")
		src.Close()
		var damaged *DamagedError
		if !errors.As(err, &damaged) || !strings.Contains(err.Error(), "users.jsonl in "+p+" is damaged") {
			t.Errorf("%s: err = %v, want the entry named as damaged", name, err)
		}
	}
}

func writeDamagedZip(t *testing.T, p, name, content string, damage func(*zip.FileHeader)) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	h := &zip.FileHeader{Name: name, Method: zip.Store, CRC32: crc(content), CompressedSize64: uint64(len(content)), UncompressedSize64: uint64(len(content))}
	damage(h)
	w, err := zw.CreateRaw(h)
	if err == nil {
		_, err = io.WriteString(w, content)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

func crc(s string) uint32 { return crc32.ChecksumIEEE([]byte(s)) }
