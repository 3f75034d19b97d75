// Package duckdb is salesaudit's store: one embedded DuckDB database holding
// every loaded export, with its schema migrated from queries/schema.
package duckdb

import (
	"context"
	"database/sql"
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
}

// DB is an open store.
type DB struct {
	path      string
	connector *duckdbgo.Connector
	sql       *sql.DB
	threads   streamThreads
	// spool are the spooled tables with their columns' types.
	spool map[string]spoolTable
}

// Open opens (creating if needed) the database at path and migrates its
// schema to the newest version.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	connector, err := duckdbgo.NewConnector(dsn(path, opts), nil)
	if err != nil {
		return nil, fmt.Errorf("opening database %s: %w", path, err)
	}
	db := &DB{path: path, connector: connector, sql: sql.OpenDB(connector)}
	if err := db.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("migrating database %s: %w", path, err)
	}
	if db.spool, err = db.spoolTables(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return db, nil
}

func dsn(path string, opts Options) string {
	params := url.Values{}
	if opts.MemoryLimit != "" {
		params.Set("memory_limit", opts.MemoryLimit)
	}
	if opts.Threads > 0 {
		params.Set("threads", strconv.Itoa(opts.Threads))
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
	if newest := all[len(all)-1].version; current > newest {
		return fmt.Errorf("the database is at schema version %d, newer than this salesaudit knows (%d): upgrade salesaudit", current, newest)
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
