package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	duckdbgo "github.com/duckdb/duckdb-go/v2"
)

// A load deletes the source's rows and adds the new ones in one
// transaction, so the file holds both until it commits; DuckDB then
// reuses the freed blocks but never gives them back, and a rolled-back
// load leaves the blocks it wrote free in the same way. On Acme's export
// the file is twice its data after the second load. DuckDB's CHECKPOINT
// and VACUUM leave the file's size as it is (DuckDB 1.5); only copying
// the database into a new file compacts it, which is what Compact does.

// compactPrefix names the new file while it is written, beside the
// database, so that renaming it over the database is atomic.
const compactPrefix = ".salesaudit-vacuum-"

// Compaction is what Compact did: the file's size before (with its
// write-ahead log) and after.
type Compaction struct {
	Before, After int64
}

// Compact rewrites the database at path into a new file beside it, checks
// that every table holds as many rows, and puts the new file in its place.
// The database must be salesaudit's (it is opened, and migrated, first);
// while it is copied, it is attached for writing, so that no other program
// changes it meanwhile.
func Compact(ctx context.Context, path string, opts Options) (Compaction, error) {
	if path == MemoryPath {
		return Compaction{}, errors.New("a database in memory has no file to compact: name one with --db")
	}
	db, err := Open(ctx, path, Options{Threads: opts.Threads, MemoryLimit: opts.MemoryLimit})
	if err != nil {
		return Compaction{}, err
	}
	if err := db.Close(); err != nil {
		return Compaction{}, fmt.Errorf("closing %s: %w", path, err)
	}
	before := fileSize(path) + fileSize(path+".wal")
	// The copy renumbers the rows the audit's cache refers to.
	if err := DropCache(path); err != nil {
		return Compaction{}, err
	}
	tmp := filepath.Join(filepath.Dir(path), compactPrefix+filepath.Base(path))
	removeDatabaseFile(tmp) // a vacuum killed before it renamed
	if err := copyDatabase(ctx, path, tmp, opts); err != nil {
		removeDatabaseFile(tmp)
		return Compaction{}, fmt.Errorf("compacting %s: %w; the database is as it was", path, err)
	}
	return Compaction{Before: before, After: fileSize(path)}, nil
}

// copyDatabase copies the database at path into tmp, on an instance in
// memory that attaches both, then renames tmp over path.
func copyDatabase(ctx context.Context, path, tmp string, opts Options) error {
	connector, err := duckdbgo.NewConnector(dsn(MemoryPath, Options{Threads: opts.Threads, MemoryLimit: opts.MemoryLimit}), nil)
	if err != nil {
		return err
	}
	mem := sql.OpenDB(connector)
	defer mem.Close()
	conn, err := mem.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The old database is checkpointed first, so that it has no
	// write-ahead log to leave behind the renamed file.
	for _, stmt := range []string{
		"ATTACH " + quote(path) + " AS sa_old",
		"CHECKPOINT sa_old",
		"ATTACH " + quote(tmp) + " AS sa_new",
		"COPY FROM DATABASE sa_old TO sa_new",
	} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	if err := sameCounts(ctx, conn); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "DETACH sa_new"); err != nil {
		return err
	}
	// Renamed while the old database is still attached, so that no other
	// program writes it in between; where an open file cannot be
	// replaced (Windows), once it is detached.
	if err := os.Rename(tmp, path); err != nil {
		if _, detachErr := conn.ExecContext(ctx, "DETACH sa_old"); detachErr != nil {
			return errors.Join(err, detachErr)
		}
		return os.Rename(tmp, path)
	}
	_, err = conn.ExecContext(ctx, "DETACH sa_old")
	return err
}

// sameCounts checks that every table of the copy holds as many rows as
// the original's.
func sameCounts(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables()
		WHERE database_name = 'sa_old' AND schema_name = 'main' ORDER BY table_name`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, table := range tables {
		var old, copied int64
		q := "SELECT (SELECT count(*) FROM sa_old.main." + quoteIdentifier(table) + "), (SELECT count(*) FROM sa_new.main." + quoteIdentifier(table) + ")"
		if err := conn.QueryRowContext(ctx, q).Scan(&old, &copied); err != nil {
			return fmt.Errorf("counting %s: %w", table, err)
		}
		if old != copied {
			return fmt.Errorf("the copy of %s holds %d rows, the database %d", table, copied, old)
		}
	}
	return nil
}

// fileSize is the size of the file at path, 0 if there is none.
func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

// removeDatabaseFile removes a database file and its write-ahead log.
func removeDatabaseFile(path string) {
	_ = os.Remove(path)
	_ = os.Remove(path + ".wal")
}
