package duckdb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// A load removes its spool directory when it ends, but a process killed
// outright (kill -9, a power cut) cannot. So each directory holds a lock
// file, locked for as long as its load runs: the operating system drops
// the lock with the process, and the next load beside the same database
// removes every directory whose lock it can take, once the directory is a
// minute old (a load creates its lock file an instant before it locks
// it). gofrs/flock gives the same advisory lock on Unix (flock) and
// Windows (LockFileEx). Where the file system cannot lock (some network
// mounts), a load goes on without a lock file, and its directory counts
// as a leftover only after an hour.

const (
	spoolPrefix = ".salesaudit-load-"
	lockName    = "lock"
	// lockedAge is how old a directory whose lock can be taken must be
	// before it is taken for a leftover.
	lockedAge = time.Minute
	// leftoverAge is how old a directory without a lock file must be
	// before it is taken for a leftover: a load creates its lock file
	// right after its directory, and salesaudit versions before the lock
	// wrote none.
	leftoverAge = time.Hour
)

// lockSpool creates and locks the lock file of a load's directory, or
// returns nil where that cannot be done.
func lockSpool(dir string) *flock.Flock {
	path := filepath.Join(dir, lockName)
	lock := flock.New(path)
	if locked, err := lock.TryLock(); err != nil || !locked {
		_ = lock.Close()
		_ = os.Remove(path)
		return nil
	}
	return lock
}

// removeLeftovers removes the spool directories in parent that no running
// load holds, and returns what it could not remove; a leftover must not
// stop a new load.
func removeLeftovers(parent string, now time.Time) []error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return []error{fmt.Errorf("looking for leftover bulk-load directories in %s: %w", parent, err)}
	}
	var problems []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), spoolPrefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		leftover, err := isLeftover(dir, now)
		if err == nil && leftover {
			err = os.RemoveAll(dir)
		}
		if err != nil {
			problems = append(problems, fmt.Errorf("removing the leftover bulk-load directory %s: %w", dir, err))
		}
	}
	return problems
}

// isLeftover reports whether no load holds dir: its lock file can be
// locked and it is older than lockedAge, or it has none and is older than
// leftoverAge. The lock file is opened read-only so that looking never
// creates one.
func isLeftover(dir string, now time.Time) (bool, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return false, err
	}
	age := now.Sub(info.ModTime())
	path := filepath.Join(dir, lockName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return age > leftoverAge, nil
	}
	if age <= lockedAge {
		return false, nil
	}
	lock := flock.New(path, flock.SetFlag(os.O_RDONLY))
	locked, err := lock.TryLock()
	if err != nil || !locked {
		return false, err
	}
	// Unlocked before the directory goes: Windows removes no open file.
	return true, lock.Close()
}
