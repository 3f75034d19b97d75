package duckdb

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A cache file that is no database (cut short, overwritten) is replaced,
// with the database's permissions; every change of the data deletes it.
func TestTheAuditCacheIsReplacedWhenBrokenAndDroppedWhenTheDataChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sa.duckdb")
	db, err := Open(ctx, path, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(CachePath(path), []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	reader, err := Open(ctx, path, Options{ReadOnly: true, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	catalog, err := reader.AttachCache(ctx)
	if err != nil {
		t.Fatalf("a broken cache file was not replaced: %v", err)
	}
	if _, err := reader.SQL().ExecContext(ctx, "CREATE TABLE "+catalog+".kept AS SELECT 1 AS x"); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	cacheInfo, err := os.Stat(CachePath(path))
	if err != nil {
		t.Fatal(err)
	}
	if cacheInfo.Mode().Perm() != info.Mode().Perm() {
		t.Errorf("the cache file's permissions are %v, the database's %v", cacheInfo.Mode().Perm(), info.Mode().Perm())
	}
	if err := reader.Close(); err != nil {
		t.Fatal(err)
	}

	writer, err := Open(ctx, path, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if err := writer.LoadMemory(ctx, "crm", Run{Connector: "test", ConnectorVersion: "1", Input: "memory"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(CachePath(path)); err == nil {
		t.Error("a load left the audit cache of the data before it")
	}
}
