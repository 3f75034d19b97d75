package pluginhost

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// LockFileName is the file, in a plugin directory, that records the
// SHA-256 of every connector installed there with `connectors install`.
const LockFileName = "salesaudit-plugins.lock"

// Lock is a plugin directory's record of installed connectors.
type Lock struct {
	Plugins map[string]LockEntry `json:"plugins"`
}

// LockEntry is one installed connector.
type LockEntry struct {
	File      string    `json:"file"`
	SHA256    string    `json:"sha256"`
	Version   string    `json:"version"`
	Protocol  int       `json:"protocol"`
	Source    string    `json:"installed_from"`
	Installed time.Time `json:"installed_at"`
}

// ReadLock reads dir's lock file; a directory without one has an empty
// lock.
func ReadLock(dir string) (Lock, error) {
	lock := Lock{Plugins: map[string]LockEntry{}}
	data, err := os.ReadFile(filepath.Join(dir, LockFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return lock, nil
	}
	if err != nil {
		return lock, err
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		return lock, fmt.Errorf("%s: %w", filepath.Join(dir, LockFileName), err)
	}
	if lock.Plugins == nil {
		lock.Plugins = map[string]LockEntry{}
	}
	return lock, nil
}

// write replaces dir's lock file atomically.
func (l Lock) write(dir string) error {
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, LockFileName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, LockFileName))
}

// entryFor finds the lock entry of the executable at path.
func (l Lock) entryFor(path string) (LockEntry, bool) {
	for _, e := range l.Plugins {
		if e.File == filepath.Base(path) {
			return e, true
		}
	}
	return LockEntry{}, false
}

// fileSHA256 is the hex SHA-256 of a file.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// checkNotWritableByOthers refuses a directory or file that users other
// than its owner may change: anyone who can write there can replace a
// connector, which runs with the user's rights.
func checkNotWritableByOthers(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o022 != 0 {
		what := "file"
		if info.IsDir() {
			what = "directory"
		}
		return fmt.Errorf("refusing to run connectors from %s: the %s is writable by other users (mode %s); run chmod go-w %s",
			path, what, info.Mode().Perm(), path)
	}
	return nil
}
