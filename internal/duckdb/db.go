// Package duckdb is salesaudit's store: one embedded DuckDB database holding
// every loaded export, with its schema migrated from queries/schema.
package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	duckdbgo "github.com/duckdb/duckdb-go/v2"

	"github.com/salesaudit/salesaudit/queries"
)

// MemoryPath opens a database that lives only as long as the process.
const MemoryPath = ":memory:"

// Options tune the DuckDB instance.
type Options struct {
	// MemoryLimit caps DuckDB's memory, e.g. "1GB"; empty keeps DuckDB's
	// default (80 % of RAM).
	MemoryLimit string
	// Threads caps DuckDB's worker threads; 0 keeps DuckDB's default.
	Threads int
	// ReadOnly opens the file in DuckDB's read-only access mode, for the
	// commands that only read: they can read a file the user cannot write,
	// and share it with other readers (DuckDB lets one process write a
	// file, or any number read it). A database in memory ignores it.
	ReadOnly bool
	// Sandbox keeps the SQL run on the database inside it (see sandbox):
	// no file, directory or network but WritablePaths, and settings that
	// SQL cannot change.
	Sandbox bool
	// WritablePaths are the files a sandboxed database may still write,
	// as absolute paths: a query's Parquet output.
	WritablePaths []string
	// AllowShrink lets a load leave a table of its source with less than
	// half the rows it held (the re-ingest guard, shrink.go).
	AllowShrink bool
}

// DB is an open store.
type DB struct {
	path string
	opts Options
	// unversioned is set for a database without salesaudit's schema yet
	// (new, or a DuckDB database with no tables).
	unversioned bool
	connector   *duckdbgo.Connector
	sql         *sql.DB
	threads     streamThreads
	// spool are the spooled tables with their columns' types.
	spool map[string]spoolTable
}

// Open opens (creating if needed) the database at path and migrates its
// schema to the newest version. It refuses, before DuckDB touches it, a
// file that is not a DuckDB database, and, before migrating, a DuckDB
// database that is not salesaudit's (identity.go).
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == MemoryPath {
		opts.ReadOnly = false // DuckDB keeps no read-only database in memory
	}
	if err := CheckFile(path); err != nil {
		return nil, err
	}
	db, err := open(ctx, path, opts)
	if errors.Is(err, errSchemaBehind) {
		// A read-only opening cannot migrate: migrate on a writable one,
		// closed before the read-only one opens again (DuckDB shares one
		// instance per file in a process, in one configuration).
		if err := migrateFile(ctx, path, opts); err != nil {
			return nil, err
		}
		db, err = open(ctx, path, opts)
	}
	return db, err
}

// open starts DuckDB on the file, checks that it is salesaudit's, brings
// its schema up to date (or, read-only, returns errSchemaBehind) and
// sandboxes it when asked: last, once salesaudit's own statements are run.
func open(ctx context.Context, path string, opts Options) (*DB, error) {
	connector, err := duckdbgo.NewConnector(dsn(path, opts), nil)
	if err != nil {
		return nil, explainOpenError(path, opts, err)
	}
	db := &DB{path: path, opts: opts, connector: connector, sql: sql.OpenDB(connector)}
	if err := db.prepare(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) prepare(ctx context.Context) error {
	if err := db.checkIdentity(ctx); err != nil {
		return err
	}
	if err := db.migrateOrCheck(ctx); err != nil {
		if errors.Is(err, errSchemaBehind) {
			return err
		}
		return fmt.Errorf("migrating database %s: %w", db.path, err)
	}
	var err error
	if db.spool, err = db.spoolTables(ctx); err != nil {
		return fmt.Errorf("database %s: %w", db.path, err)
	}
	if db.opts.Sandbox {
		return db.sandbox(ctx)
	}
	return nil
}

// errSchemaBehind says that a database opened read-only needs migrating.
var errSchemaBehind = errors.New("the database's schema is older than this salesaudit's")

// migrateOrCheck migrates a writable database, and checks that a
// read-only one needs no migrating.
func (db *DB) migrateOrCheck(ctx context.Context) error {
	if !db.opts.ReadOnly {
		return db.migrate(ctx)
	}
	if db.unversioned {
		return errSchemaBehind
	}
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	newest, err := newestVersion()
	if err != nil {
		return err
	}
	if current < newest {
		return errSchemaBehind
	}
	return checkNotNewer(current, newest)
}

// migrateFile migrates the database at path on a writable opening of its
// own, for a reader that found it older than this salesaudit.
func migrateFile(ctx context.Context, path string, opts Options) error {
	writable := Options{MemoryLimit: opts.MemoryLimit, Threads: opts.Threads}
	db, err := Open(ctx, path, writable)
	if err != nil {
		return fmt.Errorf("%s was made by an older salesaudit and must be migrated once, which needs write access to it "+
			"(any loading command migrates it, e.g. salesaudit vacuum --db %s): %w", path, path, err)
	}
	return db.Close()
}

func dsn(path string, opts Options) string {
	params := url.Values{}
	if opts.MemoryLimit != "" {
		params.Set("memory_limit", opts.MemoryLimit)
	}
	if opts.Threads > 0 {
		params.Set("threads", strconv.Itoa(opts.Threads))
	}
	if opts.ReadOnly {
		params.Set("access_mode", "read_only")
	}
	if len(params) == 0 {
		return path
	}
	return path + "?" + params.Encode()
}

// SetMemoryLimit changes DuckDB's memory cap for the rest of the
// database's life, e.g. "1GB"; empty returns to DuckDB's default.
func (db *DB) SetMemoryLimit(ctx context.Context, limit string) error {
	stmt := "RESET memory_limit"
	if limit != "" {
		stmt = "SET memory_limit = " + quote(limit)
	}
	if _, err := db.sql.ExecContext(ctx, stmt); err != nil {
		if limitErr := CheckMemoryLimit(limit); limitErr != nil {
			return limitErr
		}
		return fmt.Errorf("setting DuckDB's memory limit to %q: %w", limit, err)
	}
	return nil
}

// quote makes s a SQL string literal.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Path is where the database lives.
func (db *DB) Path() string { return db.path }

// SQL is the database/sql handle, for queries.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the database; DuckDB checkpoints its write-ahead log.
func (db *DB) Close() error {
	return db.sql.Close()
}

// SchemaVersion is the version the database's schema is at.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.sql.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&v)
	return int(v.Int64), err
}

type migration struct {
	version int
	name    string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(queries.Schema, "schema")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		prefix, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version number", e.Name())
		}
		out = append(out, migration{version: v, name: path.Join("schema", e.Name())})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies, each in its own transaction, the migrations newer than
// the database's version.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); err != nil {
		return err
	}
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	all, err := migrations()
	if err != nil {
		return err
	}
	if err := checkNotNewer(current, all[len(all)-1].version); err != nil {
		return err
	}
	for _, m := range all {
		if m.version <= current {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	return nil
}

// newestVersion is the schema version this salesaudit migrates to.
func newestVersion() (int, error) {
	all, err := migrations()
	if err != nil {
		return 0, err
	}
	return all[len(all)-1].version, nil
}

// checkNotNewer refuses a database a newer salesaudit has migrated.
func checkNotNewer(current, newest int) error {
	if current > newest {
		return fmt.Errorf("the database is at schema version %d, newer than this salesaudit knows (%d): upgrade salesaudit", current, newest)
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m migration) error {
	body, err := fs.ReadFile(queries.Schema, m.name)
	if err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version VALUES (?)", m.version); err != nil {
		return err
	}
	return tx.Commit()
}
