package report

import (
	"errors"
	"os"
	"path/filepath"
	"slices"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

// FormatParquet writes the report as Parquet files for BI tools: the CSV
// tables, typed, and every classified activity. Parquet is files, one a
// table, so it has no place in Write's stream: see WriteParquetFiles.
const FormatParquet render.Format = "parquet"

// ActivitiesTableName names the Parquet file of the classified activities.
const ActivitiesTableName = "activities"

var errParquetIsFiles = errors.New("the parquet format writes files, one a table, into a directory (--out DIR), not a stream")

// TableWriter writes a table to a file at path, saying which in its
// errors; internal/duckdb writes it as Parquet.
type TableWriter func(path string, t *render.Table) error

// WriteParquetFiles writes, with write, one Parquet file per CSV table
// (Tables) and one of the activities into dir, and returns their paths.
// The activities are those the report counted (audit.Explain lists them),
// so that a BI tool can go from a share down to the meetings in it.
func WriteParquetFiles(dir string, rep *audit.Report, activities []audit.ClassifiedActivity, write TableWriter) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tables := Tables(rep)
	tables[ActivitiesTableName] = activitiesTable(activities)
	var paths []string
	for _, name := range slices.Concat(TableNames, []string{ActivitiesTableName}) {
		path := filepath.Join(dir, name+".parquet")
		if err := write(path, tables[name]); err != nil {
			return nil, err // write names the file
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// activitiesTable lists the classified activities with their own types
// (a time, minutes, a boolean, a count), for the Parquet writer to keep.
// Unlike explain's table, minutes are not rounded: summed, they are the
// report's hours.
func activitiesTable(activities []audit.ClassifiedActivity) *render.Table {
	t := &render.Table{Columns: []string{"manager", "happened_at", "kind", "subject", "account", "minutes", "estimated",
		"category", "rule", "matched", "customer_facing", "reps_present", "origin"}}
	for _, x := range activities {
		t.Rows = append(t.Rows, []any{x.Manager, x.At, x.Kind, x.Subject, x.Account, x.Minutes, x.Estimated,
			x.Category, x.Rule, x.Matched, x.CustomerFacing, x.DirectReps, x.Origin})
	}
	return t
}
