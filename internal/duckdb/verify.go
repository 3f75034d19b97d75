package duckdb

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// duplicates counts the rows the load rejected for a repeated ID.
type duplicates struct {
	perFile map[string]int64
	perKind map[plugin.RecordKind]int64
}

// checkFileCounts compares, for each table of records with an ID, the rows
// each input file put in the database with the records declared for it.
// It runs before duplicates are moved. The declarations come from the
// connector (with spooled files, the files' own counts), the rows from
// the database, so a file that holds other rows than it says cannot pass.
func (l *Load) checkFileCounts(ctx context.Context) error {
	var problems []string
	for kind, table := range idTables {
		got := map[string]int64{}
		err := l.query(ctx, "SELECT src_file, count(*) FROM "+table+" WHERE source = ? GROUP BY src_file", []any{l.source},
			func(v []driver.Value) error {
				got[v[0].(string)] = v[1].(int64)
				return nil
			})
		if err != nil {
			return fmt.Errorf("counting %s per file: %w", table, err)
		}
		files := map[string]bool{}
		for file := range got {
			files[file] = true
		}
		for file := range l.appended {
			files[file] = true
		}
		for file := range files {
			if want := l.appended[file][kind]; got[file] != want {
				problems = append(problems, fmt.Sprintf("%s holds %d rows from %s but %d %s records were sent", table, got[file], file, want, kind))
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// rejectDuplicates keeps, for each ID repeated within the source, the row
// that comes first (by file and line) and moves the others to rejects,
// naming where the kept row is. Counting a record twice would skew every
// share in the audit, and dropping it silently would lose data.
func (l *Load) rejectDuplicates(ctx context.Context) (duplicates, error) {
	d := duplicates{perFile: map[string]int64{}, perKind: map[plugin.RecordKind]int64{}}
	for kind, table := range idTables {
		var repeated int64
		q := "SELECT count(*) - count(DISTINCT id) FROM " + table + " WHERE source = ?"
		if err := l.queryRow(ctx, q, []any{l.source}, &repeated); err != nil {
			return d, fmt.Errorf("checking %s for duplicate IDs: %w", table, err)
		}
		if repeated == 0 {
			continue
		}
		if err := l.moveDuplicates(ctx, kind, table, d); err != nil {
			return d, fmt.Errorf("rejecting duplicate IDs in %s: %w", table, err)
		}
	}
	return d, nil
}

func (l *Load) moveDuplicates(ctx context.Context, kind plugin.RecordKind, table string, d duplicates) error {
	ranked := `(SELECT rowid AS row_id, id, src_file, src_line,
			row_number() OVER w AS n,
			first_value(src_file) OVER w AS first_file,
			first_value(src_line) OVER w AS first_line
		FROM ` + table + ` WHERE source = ?
		WINDOW w AS (PARTITION BY id ORDER BY src_file, src_line))`
	err := l.query(ctx, "SELECT src_file, count(*) FROM "+ranked+" WHERE n > 1 GROUP BY src_file", []any{l.source},
		func(v []driver.Value) error {
			n := v[1].(int64)
			d.perFile[v[0].(string)] += n
			d.perKind[kind] += n
			return nil
		})
	if err != nil {
		return err
	}
	insert := `INSERT INTO rejects
		SELECT ?, ?, ?, src_file, src_line, 'id',
			'duplicate ID ' || id || ': the row at line ' || first_line || ' of ' || first_file || ' was loaded', NULL
		FROM ` + ranked + ` WHERE n > 1`
	if err := l.exec(ctx, insert, l.source, l.runID, string(kind), l.source); err != nil {
		return err
	}
	return l.exec(ctx, "DELETE FROM "+table+" WHERE rowid IN (SELECT row_id FROM "+ranked+" WHERE n > 1)", l.source)
}

// checkTableCounts compares what each table holds of the source with what
// was appended, so a lost append cannot commit, and returns the counts.
func (l *Load) checkTableCounts(ctx context.Context, dups duplicates) (map[string]int64, error) {
	want := maps.Clone(l.rows)
	for kind, n := range dups.perKind {
		want[idTables[kind]] -= n
	}
	for _, table := range dataTables {
		var got int64
		if err := l.queryRow(ctx, "SELECT count(*) FROM "+table+" WHERE source = ?", []any{l.source}, &got); err != nil {
			return nil, fmt.Errorf("counting %s: %w", table, err)
		}
		if got != want[table] {
			return nil, fmt.Errorf("%s holds %d rows of source %q but %d were streamed", table, got, l.source, want[table])
		}
	}
	return want, nil
}

func (l *Load) recordRun(ctx context.Context, run Run, res Result) error {
	var rejects, skipped int64
	for _, f := range res.Files {
		rejects += f.RowsRejected
		for _, n := range f.RowsSkipped {
			skipped += n
		}
		reasons, err := json.Marshal(f.RowsSkipped)
		if err != nil {
			return err
		}
		d := f.Decoding
		var singleByte any // NULL when no line needed it
		if d.SingleByte != "" {
			singleByte = d.SingleByte
		}
		err = l.exec(ctx, `INSERT INTO ingest_files (run_id, source, file, rows_read, rows_loaded, rows_rejected,
				rows_skipped, skip_reasons, utf8_lines, single_byte_lines, single_byte_encoding, c1_bytes_kept)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			l.runID, l.source, f.File, f.RowsRead, f.RowsLoaded, f.RowsRejected, sumValues(f.RowsSkipped), string(reasons),
			d.UTF8Lines, d.SingleByteLines, singleByte, d.C1Kept)
		if err != nil {
			return fmt.Errorf("recording file %s: %w", f.File, err)
		}
	}
	r := res.Records
	err := l.exec(ctx, "INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok')",
		l.runID, l.source, run.Connector, run.ConnectorVersion, run.ProtocolVersion, run.Input,
		run.StartedAt.UTC(), time.Now().UTC(),
		r[plugin.KindUser], r[plugin.KindAccount], r[plugin.KindOpportunity], r[plugin.KindActivity],
		l.rows["activity_attendees"], rejects, skipped)
	if err != nil {
		return fmt.Errorf("recording the run: %w", err)
	}
	return nil
}

func sumValues(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// query runs a query on the load's connection and calls row for each row.
func (l *Load) query(ctx context.Context, query string, args []any, row func([]driver.Value) error) error {
	rows, err := l.conn.(driver.QueryerContext).QueryContext(ctx, query, namedValues(args))
	if err != nil {
		return err
	}
	defer rows.Close()
	values := make([]driver.Value, len(rows.Columns()))
	for {
		err := rows.Next(values)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := row(values); err != nil {
			return err
		}
	}
}
