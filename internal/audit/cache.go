package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"strings"

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
// Nothing after the steps is cached: the rules, the scorecards and the
// data quality run every time, on the same tables, so a report is the
// same byte for byte from a cold cache and a warm one.

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
}

// createTempTable finds the table a statement makes.
var createTempTable = regexp.MustCompile(`^CREATE OR REPLACE TEMP TABLE (` + identifier + `)\b`)

// statement is what the per-activity steps run of stmt: on a replay, a
// view over the table kept instead of making it, and nothing that adds to
// it; otherwise stmt, the table it makes noted.
func (c *cache) statement(stmt string) (string, bool) {
	if !c.active || c.catalog == "" {
		return stmt, true
	}
	code := strings.TrimSpace(stripComments(stmt))
	m := createTempTable.FindStringSubmatch(code)
	switch {
	case m != nil && c.replay:
		return fmt.Sprintf("CREATE OR REPLACE TEMP VIEW %s AS FROM %s", m[1], c.table(m[1])), true
	case m != nil:
		c.made = append(c.made, m[1])
	case c.replay && strings.HasPrefix(code, "INSERT INTO "):
		return "", false
	}
	return stmt, true
}

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
	if err != nil {
		return nil // not kept yet
	}
	var present int
	if err := r.conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
		WHERE database_name = ? AND schema_name = 'main' AND starts_with(table_name, ?)`,
		c.catalog, c.prefix).Scan(&present); err != nil {
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
	h := sha256.New()
	h.Write([]byte(cacheFormat))
	for _, dir := range []string{"audit", "classify"} {
		files, err := fs.Glob(queries.Audit, dir+"/*.sql")
		if err != nil {
			return "", err
		}
		for _, file := range files {
			body, err := fs.ReadFile(queries.Audit, file)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(h, "\x00%s\x00%s", file, body)
		}
	}
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

// keep copies the tables the steps made into the cache under the key,
// making room for it first; one transaction, so that an entry is whole
// or absent.
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
	if err := c.evict(ctx, tx); err != nil {
		return err
	}
	tables := uniqueInOrder(c.made)
	for _, name := range tables {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE TABLE %s AS FROM temp.main.%s", c.table(name), name)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO `+c.catalog+`.entries VALUES (?, ?, ?, now(), now())`,
		c.key, c.prefix, strings.Join(tables, ",")); err != nil {
		return err
	}
	return tx.Commit()
}

// evict drops the least recently used entries beyond cacheEntries - 1.
func (c *cache) evict(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT key, prefix, tables FROM `+c.catalog+`.entries
		ORDER BY used_at DESC OFFSET ?`, cacheEntries-1)
	if err != nil {
		return err
	}
	var old [][3]string
	for rows.Next() {
		var e [3]string
		if err := rows.Scan(&e[0], &e[1], &e[2]); err != nil {
			rows.Close()
			return err
		}
		old = append(old, e)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, e := range old {
		key, prefix, tables := e[0], e[1], e[2]
		for t := range strings.SplitSeq(tables, ",") {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DROP TABLE IF EXISTS %s.main."%s%s"`, c.catalog, prefix, t)); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+c.catalog+`.entries WHERE key = ?`, key); err != nil {
			return err
		}
	}
	return nil
}

// uniqueInOrder is names without repeats, in the order first seen.
func uniqueInOrder(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
