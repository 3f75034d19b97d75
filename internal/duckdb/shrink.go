package duckdb

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/internal/render"
)

// The re-ingest guard. Loading a source replaces all it held, so an export
// cut short (a header-only User.csv, an empty Task.csv, a download that
// stopped) would silently wipe what the last load brought. A file that
// held rows last time and holds none now is a warning with its count
// (Result.Emptied); a load that leaves any table of the source with less
// than half the rows it held is refused unless Options.AllowShrink
// (ShrinkError). The rule is per table rather than per source: the users
// are a few dozen rows among thousands of activities, and losing them all
// empties the audit.

// EmptiedFile is a file of the source's last load that held rows and
// holds none in this one.
type EmptiedFile struct {
	File string
	// Before is how many rows the last load took from the file.
	Before int64
	// Missing is set when the file is not in this export at all.
	Missing bool
}

func (f EmptiedFile) String() string {
	now := "none now"
	if f.Missing {
		now = "is not in this export"
	}
	return fmt.Sprintf("%s held %s last time and %s", f.File, rowCount(f.Before), now)
}

// TableShrink is a table of the source left with less than half its rows.
type TableShrink struct {
	Table         string
	Before, After int64
}

func (s TableShrink) String() string {
	return fmt.Sprintf("%s from %s to %s", s.Table, render.Readable(s.Before), render.Readable(s.After))
}

// ShrinkError refuses a load that would leave a table of the source with
// less than half its rows.
type ShrinkError struct {
	Source  string
	Shrunk  []TableShrink
	Emptied []EmptiedFile
}

func (e *ShrinkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "this export would replace more than half of source %q's rows with nothing: %s", e.Source, joinStrings(e.Shrunk))
	if len(e.Emptied) > 0 {
		fmt.Fprintf(&b, " (%s)", joinStrings(e.Emptied))
	}
	fmt.Fprintf(&b, "; nothing was changed. Check the export; if it is meant to hold this little, "+
		"load it again with --allow-shrink (ingest or audit), or remove the source first with 'salesaudit forget --source %s'", e.Source)
	return b.String()
}

// guardShrinkage fills in res's Emptied and Shrunk from the rows the
// source held before, and refuses the load when a table shrank by more
// than half, unless allowed.
func (l *Load) guardShrinkage(ctx context.Context, kept map[string]int64, res *Result) error {
	emptied, err := l.emptiedFiles(ctx, res.Files)
	if err != nil {
		return err
	}
	res.Emptied = emptied
	for _, table := range dataTables {
		before, after := l.replaced[table], kept[table]
		if after*2 < before {
			res.Shrunk = append(res.Shrunk, TableShrink{Table: table, Before: before, After: after})
		}
	}
	if len(res.Shrunk) > 0 && !l.db.opts.AllowShrink {
		return &ShrinkError{Source: l.source, Shrunk: res.Shrunk, Emptied: res.Emptied}
	}
	return nil
}

// emptiedFiles compares the files of the source's last load with this
// one's.
func (l *Load) emptiedFiles(ctx context.Context, files []FileResult) ([]EmptiedFile, error) {
	loaded := map[string]int64{}
	listed := map[string]bool{}
	for _, f := range files {
		loaded[f.File] = f.RowsLoaded
		listed[f.File] = true
	}
	var out []EmptiedFile
	err := l.query(ctx, `SELECT file, rows_loaded FROM ingest_files
		WHERE source = ? AND rows_loaded > 0
			AND run_id = (SELECT max(id) FROM ingest_runs WHERE source = ? AND status = 'ok')`,
		[]any{l.source, l.source}, func(v []driver.Value) error {
			file := v[0].(string)
			if loaded[file] == 0 {
				out = append(out, EmptiedFile{File: file, Before: v[1].(int64), Missing: !listed[file]})
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("comparing the files with source %q's last load: %w", l.source, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

func rowCount(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return render.Readable(n) + " rows"
}

func joinStrings[T fmt.Stringer](items []T) string {
	parts := make([]string, len(items))
	for i, item := range items {
		parts[i] = item.String()
	}
	return strings.Join(parts, "; ")
}
