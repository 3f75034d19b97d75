package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/salesaudit/salesaudit/queries"
)

// The cache: sales ops look at one database many times (another manager,
// another format, explain), and most of an audit's time goes into the
// work per activity (queries.ActivitySteps and classify/: attendees
// resolved, the managers' activities, who took part, customer-facing,
// classification), which depends on none of that. The first audit keeps
// the tables those steps make in the database Options.Cache names (an
// attached file, see duckdb.CachePath), under a key; an audit with the
// same key makes views over them instead of computing them again. The key
// hashes everything the tables are made of: the SQL of the steps, every
// value bound to them but --manager, the managers audited, the period,
// and the data's fingerprint (its loads and each table's rows). The
// commands that change the data delete the file besides (duckdb.DropCache).
// The report's queries (the rules, the scorecards, the data quality) keep
// their results in the entry too, each named by its statement and the
// values bound to it, so that another format or another manager of the
// same audit runs little more than the setup steps. The Go code that
// assembles the report runs every time on the rows it reads either way,
// so a report is the same byte for byte from a cold cache and a warm one.

// cacheFormat changes whenever what an entry holds changes shape.
const cacheFormat = "salesaudit audit cache 1"

// cacheEntries is how many keys the cache keeps (a report and the period
// it is compared with, and one more); the least recently used goes first.
const cacheEntries = 3

// cache is one audit's use of the cache.
type cache struct {
	// catalog is the attached database holding the cache; "" for none.
	catalog string
	// prefix names this key's tables in it: <prefix><temp table>.
	prefix string
	key    string
	// replay: the key was found, and the steps' tables are read from it.
	replay bool
	// active: the per-activity steps are running.
	active bool
	// made are the TEMP tables the steps made, to keep (on a miss).
	made []string
	// results are the tables of the entry that hold a query's result.
	results map[string]bool
}

// createTempTable finds the table a statement makes.
var createTempTable = regexp.MustCompile(`^CREATE OR REPLACE TEMP TABLE (` + identifier + `)\b`)

// statement is what the per-activity steps run of stmt: each table they
// make is made in the cache (on a miss) or found there (on a replay), and
// the TEMP view of its name reads it, so that every later statement reads
// the same names either way; on a replay nothing adds to a table kept.
func (c *cache) statement(stmt string) []string {
	if !c.active || c.catalog == "" {
		return []string{stmt}
	}
	code := strings.TrimSpace(stripComments(stmt))
	if m := createTempTable.FindStringSubmatch(code); m != nil {
		view := fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %s AS FROM %s", m[1], c.table(m[1]))
		if c.replay {
			return []string{view}
		}
		if !slices.Contains(c.made, m[1]) {
			c.made = append(c.made, m[1])
		}
		return []string{strings.Replace(stmt, m[0], "CREATE OR REPLACE TABLE "+c.table(m[1]), 1), view}
	}
	if m := insertInto.FindStringSubmatch(code); m != nil {
		if c.replay {
			return nil
		}
		return []string{strings.Replace(stmt, m[0], "INSERT INTO "+c.table(m[1]), 1)}
	}
	return []string{stmt}
}

// insertInto finds the table a statement adds to.
var insertInto = regexp.MustCompile(`^INSERT INTO (` + identifier + `)\b`)

// table is the kept copy of a TEMP table.
func (c *cache) table(name string) string {
	return c.catalog + `.main."` + c.prefix + name + `"`
}

// lookup computes the audit's key, once the setup steps have chosen its
// managers and period, and says whether the cache holds it.
func (c *cache) lookup(ctx context.Context, r *runner) error {
	if c.catalog == "" {
		return nil
	}
	if _, err := r.conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+c.catalog+`.entries (
		key VARCHAR PRIMARY KEY, prefix VARCHAR NOT NULL, tables VARCHAR NOT NULL,
		made_at TIMESTAMP NOT NULL, used_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("the audit cache: %w", err)
	}
	key, err := c.keyOf(ctx, r)
	if err != nil {
		return fmt.Errorf("the audit cache's key: %w", err)
	}
	c.key, c.prefix = key, "k"+key[:16]+"_"
	var tables string
	err = r.conn.QueryRowContext(ctx, `SELECT tables FROM `+c.catalog+`.entries WHERE key = ?`, key).Scan(&tables)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // not kept yet
	}
	if err != nil {
		return fmt.Errorf("the audit cache: %w", err)
	}
	var present int
	if err := r.conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
		WHERE database_name = ? AND schema_name = 'main'
		  AND list_contains(list_transform(string_split(?, ','), t -> ? || t), table_name)`,
		c.catalog, tables, c.prefix).Scan(&present); err != nil {
		return fmt.Errorf("the audit cache: %w", err)
	}
	if present != len(strings.Split(tables, ",")) {
		return nil // an entry whose tables are gone is made again
	}
	c.replay = true
	_, err = r.conn.ExecContext(ctx, `UPDATE `+c.catalog+`.entries SET used_at = now() WHERE key = ?`, key)
	return err
}

// keyOf hashes what the per-activity steps' tables are made of.
func (c *cache) keyOf(ctx context.Context, r *runner) (string, error) {
	steps, err := stepsDigest()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(steps)
	// --manager only adds a manager without a team, which the managers
	// below show.
	values := maps.Clone(r.values)
	delete(values, "manager")
	bound, err := json.Marshal(values) // sorted by name
	if err != nil {
		return "", err
	}
	h.Write(bound)
	var fingerprint string
	if err := r.conn.QueryRowContext(ctx, dataFingerprint).Scan(&fingerprint); err != nil {
		return "", err
	}
	h.Write([]byte(fingerprint))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// stepsDigest hashes the cache's format and the SQL of the audit's steps,
// which are compiled in: once per process.
var stepsDigest = sync.OnceValues(func() ([]byte, error) {
	h := sha256.New()
	h.Write([]byte(cacheFormat))
	for _, dir := range []string{"audit", "classify"} {
		files, err := fs.Glob(queries.Audit, dir+"/*.sql")
		if err != nil {
			return nil, err
		}
		for _, file := range files {
			body, err := fs.ReadFile(queries.Audit, file)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(h, "\x00%s\x00%s", file, body)
		}
	}
	return h.Sum(nil), nil
})

// dataFingerprint sums up the data, the managers and the period the
// setup steps chose: any load changes the loads' line, and the rows'
// count and last row number change with what the tables hold.
const dataFingerprint = `SELECT concat_ws(' | ',
	(SELECT max(version) FROM schema_version),
	(SELECT count(*) || ' ' || coalesce(max(id), 0) || ' ' || coalesce(CAST(max(finished_at) AS VARCHAR), '') FROM ingest_runs),
	(SELECT count(*) || ' ' || coalesce(max(rowid), -1) FROM users),
	(SELECT count(*) || ' ' || coalesce(max(rowid), -1) FROM accounts),
	(SELECT count(*) || ' ' || coalesce(max(rowid), -1) FROM opportunities),
	(SELECT count(*) || ' ' || coalesce(max(rowid), -1) FROM activities),
	(SELECT count(*) || ' ' || coalesce(max(rowid), -1) FROM activity_attendees),
	(SELECT coalesce(string_agg(manager_key || ' ' || level, ',' ORDER BY manager_key), '') FROM audit_managers),
	(SELECT CAST(from_ts AS VARCHAR) || ' ' || CAST(to_ts AS VARCHAR) FROM audit_period))`

// keep records the entry of the tables the steps made in the cache, once
// they are all made, and makes room for it.
func (c *cache) keep(ctx context.Context, r *runner) (err error) {
	if c.catalog == "" || c.replay {
		return nil
	}
	tx, err := r.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			err = fmt.Errorf("keeping the audit's tables in its cache (--no-cache does without): %w", err)
		}
	}()
	if err := c.prune(ctx, tx); err != nil {
		return err
	}
	tables := c.made
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO `+c.catalog+`.entries VALUES (?, ?, ?, now(), now())`,
		c.key, c.prefix, strings.Join(tables, ",")); err != nil {
		return err
	}
	return tx.Commit()
}

// uncachedResults are the queries whose results are not kept: they list
// activities, as many rows as the tables they read.
var uncachedResults = map[string]bool{"report/activities.sql": true, "report/suggest.sql": true, "report/org_template.sql": true}

// result is what to run for a report query once the steps' tables are
// kept: its result, kept beside them the first time (the rules, the
// scorecards and the data quality, a few rows a manager, are most of what
// is left of a repeated audit). The query's statement and the values bound
// to it name its result; --manager too where the query reads the managers
// reported on, which it names only through that table.
func (c *cache) result(ctx context.Context, r *runner, file, stmt string, args []any) (string, []any, error) {
	if c.catalog == "" || c.prefix == "" || uncachedResults[file] {
		return stmt, args, nil
	}
	h := sha256.New()
	bound, err := json.Marshal(args)
	if err != nil {
		return "", nil, err
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s", file, stmt, bound)
	if strings.Contains(stmt, "audit_reported_managers") {
		fmt.Fprintf(h, "\x00%s", r.opts.Manager)
	}
	name := "result_" + hex.EncodeToString(h.Sum(nil))[:24]
	if err := c.listResults(ctx, r); err != nil {
		return "", nil, err
	}
	if !c.results[name] {
		if _, err := r.conn.ExecContext(ctx, "CREATE OR REPLACE TABLE "+c.table(name)+" AS "+stmt, args...); err != nil {
			return "", nil, err
		}
		c.results[name] = true
	}
	return "FROM " + c.table(name), nil, nil
}

// listResults finds, once, the results the entry holds.
func (c *cache) listResults(ctx context.Context, r *runner) error {
	if c.results != nil {
		return nil
	}
	names, err := queryColumn(ctx, r.conn, `SELECT table_name FROM duckdb_tables()
		WHERE database_name = ? AND schema_name = 'main' AND starts_with(table_name, ?)`, c.catalog, c.prefix+"result_")
	if err != nil {
		return err
	}
	c.results = map[string]bool{}
	for _, name := range names {
		c.results[strings.TrimPrefix(name, c.prefix)] = true
	}
	return nil
}

// queryColumn is the first column of a query's rows, as text.
func queryColumn(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// prune makes room for this key's entry: it keeps the cacheEntries - 1
// entries used most recently besides it, and drops every other table of
// the cache (older entries', and those of an audit that failed before it
// kept its entry).
func (c *cache) prune(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+c.catalog+`.entries WHERE key <> $key AND key NOT IN (
		SELECT key FROM `+c.catalog+`.entries WHERE key <> $key ORDER BY used_at DESC LIMIT $others)`,
		sql.Named("key", c.key), sql.Named("others", cacheEntries-1)); err != nil {
		return err
	}
	stale, err := queryColumn(ctx, tx, `SELECT table_name FROM duckdb_tables()
		WHERE database_name = $catalog AND schema_name = 'main' AND table_name <> 'entries'
		  AND NOT starts_with(table_name, $prefix)
		  AND NOT EXISTS (SELECT 1 FROM `+c.catalog+`.entries AS e WHERE starts_with(table_name, e.prefix))`,
		sql.Named("catalog", c.catalog), sql.Named("prefix", c.prefix))
	if err != nil {
		return err
	}
	for _, name := range stale {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DROP TABLE %s.main."%s"`, c.catalog, name)); err != nil {
			return err
		}
	}
	return nil
}
