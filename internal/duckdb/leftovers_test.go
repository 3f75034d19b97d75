package duckdb

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

func TestOnlyLeftoverSpoolDirectoriesAreRemoved(t *testing.T) {
	parent := t.TempDir()
	now := time.Now()
	mkdir := func(name string, lock bool, age time.Duration) string {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(dir, "connector"), 0o700); err != nil {
			t.Fatal(err)
		}
		if lock {
			if err := os.WriteFile(filepath.Join(dir, lockName), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(dir, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	dead := mkdir(spoolPrefix+"dead", true, 2*lockedAge)
	running := mkdir(spoolPrefix+"running", true, 2*lockedAge)
	// A load creates its lock file an instant before it locks it.
	locking := mkdir(spoolPrefix+"locking", true, 0)
	starting := mkdir(spoolPrefix+"starting", false, time.Minute)
	ancient := mkdir(spoolPrefix+"ancient", false, 2*leftoverAge)
	other := mkdir("keep-me", false, 2*leftoverAge)
	notADir := filepath.Join(parent, spoolPrefix+"file")
	if err := os.WriteFile(notADir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	held := flock.New(filepath.Join(running, lockName))
	if ok, err := held.TryLock(); err != nil || !ok {
		t.Fatalf("locking: %v %v", ok, err)
	}
	defer held.Close()

	if problems := removeLeftovers(parent, now); len(problems) > 0 {
		t.Fatal(problems)
	}
	for path, want := range map[string]bool{dead: false, ancient: false, running: true, locking: true, starting: true, other: true, notADir: true} {
		_, err := os.Stat(path)
		if exists := err == nil; exists != want {
			t.Errorf("%s exists: %t, want %t", filepath.Base(path), exists, want)
		}
	}
}

// A load whose process is killed outright leaves its directory; the next
// load beside the same database removes it.
func TestTheNextLoadRemovesTheDirectoryOfAKilledOne(t *testing.T) {
	if path := os.Getenv("SALESAUDIT_TEST_KILLED_LOAD"); path != "" {
		loadUntilKilled(path)
		return
	}
	path := filepath.Join(t.TempDir(), "t.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestTheNextLoadRemovesTheDirectoryOfAKilledOne$")
	cmd.Env = append(os.Environ(), "SALESAUDIT_TEST_KILLED_LOAD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "loading" {
		_ = cmd.Process.Kill()
		t.Fatalf("the child said %q, %v", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	leftovers := spoolDirs(t, filepath.Dir(path))
	if len(leftovers) != 1 {
		t.Fatalf("the killed load left %v, want its one directory", leftovers)
	}
	// The next load comes later than a load's first minute.
	past := time.Now().Add(-2 * lockedAge)
	if err := os.Chtimes(leftovers[0], past, past); err != nil {
		t.Fatal(err)
	}

	db := openTestDBAt(t, path, Options{})
	l := beginLoad(t, db, "crm")
	if _, err := os.Stat(leftovers[0]); err == nil {
		t.Errorf("the next load kept the killed load's %s", leftovers[0])
	}
	if got := spoolDirs(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("spool directories while the next load runs: %v, want its own", got)
	}
	l.Rollback()
}

// loadUntilKilled begins a load and waits to be killed.
func loadUntilKilled(path string) {
	db, err := Open(context.Background(), path, Options{})
	if err != nil {
		panic(err)
	}
	if _, err := db.BeginLoad(context.Background(), "crm"); err != nil {
		panic(err)
	}
	os.Stdout.WriteString("loading\n")
	time.Sleep(time.Hour)
}

func spoolDirs(t *testing.T, parent string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(parent, spoolPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}
