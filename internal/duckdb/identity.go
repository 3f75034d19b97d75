package duckdb

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
)

// The database is what the user thinks it is. DuckDB opens more than its
// own files: an existing .csv or .parquet file becomes an in-memory
// database holding a view of it (so a load "succeeds" and saves nothing),
// and a DuckDB file of another program would get salesaudit's tables
// added to it. So a --db is checked twice: its first bytes before DuckDB
// sees it, and its tables before salesaudit migrates or reads them.

// duckdbMagic is what a DuckDB database file holds at duckdbMagicOffset,
// after the header block's checksum.
var duckdbMagic = []byte("DUCK")

const duckdbMagicOffset = 8

// CheckFile refuses a path that names no file DuckDB should open as
// salesaudit's database, from its name and first bytes, before DuckDB
// sees it; Open checks it again. A path that does not exist is fine: it
// will be created.
func CheckFile(path string) error {
	if path == MemoryPath {
		return nil
	}
	if strings.Contains(path, "?") {
		return fmt.Errorf("--db %s holds a \"?\", after which DuckDB reads options, not the file's name: name a file without one", path)
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read the database %s: %w; check --db", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("--db %s is a directory: name the database file in it, e.g. --db %s", path, strings.TrimRight(path, "/\\")+string(os.PathSeparator)+"salesaudit.duckdb")
	}
	if info.Size() == 0 {
		return fmt.Errorf("--db %s is an empty file, not a DuckDB database: remove it, or name another file with --db", path)
	}
	return checkMagic(path)
}

// checkMagic refuses a file that does not begin as a DuckDB database.
func checkMagic(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read the database %s: %w; check --db", path, err)
	}
	defer f.Close()
	head := make([]byte, duckdbMagicOffset+len(duckdbMagic))
	if _, err := io.ReadFull(f, head); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("cannot read the database %s: %w; check --db", path, err)
	}
	if !bytes.Equal(head[duckdbMagicOffset:], duckdbMagic) {
		return fmt.Errorf("--db %s is not a DuckDB database, so it cannot be salesaudit's: "+
			"salesaudit keeps its data in a DuckDB file of its own; name one with --db (a new name creates it)", path)
	}
	return nil
}

// checkIdentity refuses a database DuckDB did not open from the file
// named, and a DuckDB database that holds tables but not salesaudit's
// schema_version: another program's, to leave alone.
func (db *DB) checkIdentity(ctx context.Context) error {
	if db.path == MemoryPath {
		return nil
	}
	var file sql.NullString
	err := db.sql.QueryRowContext(ctx, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").Scan(&file)
	if err != nil {
		return fmt.Errorf("database %s: asking DuckDB which file it opened: %w", db.path, err)
	}
	if !file.Valid || file.String == "" {
		return fmt.Errorf("--db %s is not a DuckDB database (DuckDB read it as data, not as a database file): name salesaudit's database with --db", db.path)
	}
	tables, err := db.mainTables(ctx)
	if err != nil {
		return fmt.Errorf("database %s: listing its tables: %w", db.path, err)
	}
	if len(tables) > 0 && !tables["schema_version"] {
		return fmt.Errorf("--db %s is a DuckDB database of another program (it holds %s and no salesaudit schema): "+
			"salesaudit leaves it alone; name a file of its own with --db", db.path, listTables(tables))
	}
	db.unversioned = !tables["schema_version"]
	return nil
}

// mainTables are the tables and views of the database's main schema.
func (db *DB) mainTables(ctx context.Context) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_catalog = current_database() AND table_schema = 'main'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tables := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		tables[name] = true
	}
	return tables, rows.Err()
}

// listTables names a few of the tables, for a message.
func listTables(tables map[string]bool) string {
	const shown = 3
	names := slices.Sorted(maps.Keys(tables))
	if len(names) > shown {
		return strings.Join(names[:shown], ", ") + fmt.Sprintf(" and %d more tables", len(names)-shown)
	}
	if len(names) == 1 {
		return "the table " + names[0]
	}
	return "the tables " + strings.Join(names, ", ")
}

// explainOpenError says what to do when DuckDB cannot open the file: it
// is in use by another program, cannot be written, or the memory limit
// is not a size.
func explainOpenError(path string, opts Options, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Could not set lock on file"):
		return fmt.Errorf("the database %s is in use by another program (DuckDB lets one program write a file, or several read it): "+
			"wait for it to finish and try again, or name another file with --db: %w", path, err)
	case opts.ReadOnly && strings.Contains(msg, "Permission denied"):
		return fmt.Errorf("cannot read the database %s: give yourself read access to it, or name another file with --db: %w", path, err)
	case strings.Contains(msg, "Permission denied") || strings.Contains(msg, "Read-only file system"):
		return fmt.Errorf("cannot write the database %s: loading needs write access to it and its directory "+
			"(report, explain and query only read it); name a file you can write with --db: %w", path, err)
	case opts.MemoryLimit != "":
		if limitErr := CheckMemoryLimit(opts.MemoryLimit); limitErr != nil {
			return limitErr
		}
	}
	return fmt.Errorf("opening the database %s: %w; check --db", path, err)
}
