package duckdb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// The audit's cache lives in a DuckDB file of its own beside the database
// (CachePath), not in it: the commands that only read open the database
// read-only (several at once, or a file the user cannot write), and the
// first of them to audit must still be able to keep what it computed. The
// file holds nothing the database does not (the audit's tables, derived
// from it), is made with the database's permissions, may be deleted at any
// time, and is deleted by every command that changes the data (a load,
// forget, erase, vacuum), so that no audit reads tables of data that are
// gone and no erased person survives in it.

// CacheCatalog is the name the cache file is attached under.
const CacheCatalog = "audit_cache"

// CachePath is the audit cache's file for the database at path.
func CachePath(path string) string { return path + ".cache" }

// AttachCache attaches the audit's cache file, writable, and returns its
// catalog name; "" with the reason when there is none to be had: the
// database lives in memory, or another salesaudit holds the file (two
// reports at once), and the audit then runs without it.
func (db *DB) AttachCache(ctx context.Context) (string, error) {
	if db.path == MemoryPath {
		return "", errors.New("the database lives in memory")
	}
	path := CachePath(db.path)
	attach := "ATTACH IF NOT EXISTS " + quote(path) + " AS " + CacheCatalog + " (READ_WRITE)"
	_, err := db.sql.ExecContext(ctx, attach)
	if err != nil && !strings.Contains(err.Error(), "lock") {
		// Not another salesaudit holding it: a file cut short or not a
		// database at all, which a new cache replaces.
		if dropErr := DropCache(db.path); dropErr != nil {
			return "", dropErr
		}
		_, err = db.sql.ExecContext(ctx, attach)
	}
	if err != nil {
		return "", fmt.Errorf("attaching the audit cache %s: %w", path, err)
	}
	if err := sameMode(path, db.path); err != nil {
		_, _ = db.sql.ExecContext(ctx, "DETACH "+CacheCatalog)
		return "", err
	}
	return CacheCatalog, nil
}

// sameMode gives the cache file the database's permissions: it holds the
// same people's activities.
func sameMode(cache, database string) error {
	info, err := os.Stat(database)
	if err != nil {
		return err
	}
	if err := os.Chmod(cache, info.Mode().Perm()); err != nil {
		return fmt.Errorf("giving the audit cache %s the database's permissions: %w", cache, err)
	}
	return nil
}

// DropCache deletes the audit's cache file of the database at path: the
// data changed, and what the cache holds was derived from the old data.
func DropCache(path string) error {
	if path == MemoryPath {
		return nil
	}
	for _, p := range []string{CachePath(path), CachePath(path) + ".wal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("deleting the audit cache %s after the data changed: %w", p, err)
		}
	}
	return nil
}

// dataChanged is what every change of the data does first: no reader can
// fill the cache again until it ends, as the change holds the database.
func (db *DB) dataChanged() error { return DropCache(db.path) }
