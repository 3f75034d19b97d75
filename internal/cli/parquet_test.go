package cli

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/internal/report"
)

// parquetFile is a Parquet file as DuckDB reads it back.
type parquetFile struct {
	types map[string]string
	rows  []map[string]any
}

// parquetReader is the in-memory database readParquet reads with, one
// per test binary: opening a DuckDB costs more than reading a report's
// Parquet file.
var parquetReader struct {
	sync.Once
	db  *duckdb.DB
	err error
}

// readParquet reads a Parquet file with DuckDB's read_parquet, in a
// database that holds nothing else.
func readParquet(t *testing.T, path string) parquetFile {
	t.Helper()
	parquetReader.Do(func() {
		parquetReader.db, parquetReader.err = duckdb.Open(context.Background(), duckdb.MemoryPath, duckdb.Options{Threads: 1})
	})
	if parquetReader.err != nil {
		t.Fatal(parquetReader.err)
	}
	db := parquetReader.db
	described, err := db.Query(context.Background(), "DESCRIBE SELECT * FROM read_parquet(?)", path)
	if err != nil {
		t.Fatalf("describing %s: %v", path, err)
	}
	f := parquetFile{types: map[string]string{}}
	for _, row := range described.Rows {
		f.types[row[0].(string)] = row[1].(string)
	}
	read, err := db.Query(context.Background(), "SELECT * FROM read_parquet(?)", path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	for _, values := range read.Rows {
		row := map[string]any{}
		for i, col := range read.Columns {
			row[col] = values[i]
		}
		f.rows = append(f.rows, row)
	}
	return f
}

// sameRowsAsCSV checks that a Parquet file holds the CSV file's rows, each
// value written as the CSV writes it.
func sameRowsAsCSV(t *testing.T, parquet parquetFile, csvRows []map[string]string, name string) {
	t.Helper()
	if len(parquet.rows) != len(csvRows) {
		t.Fatalf("%s: %d rows in Parquet, %d in CSV", name, len(parquet.rows), len(csvRows))
	}
	for i, want := range csvRows {
		if len(parquet.rows[i]) != len(want) {
			t.Fatalf("%s row %d: columns %v in Parquet, %v in CSV", name, i+1, parquet.rows[i], want)
		}
		for col, text := range want {
			if got := render.Cell(parquet.rows[i][col]); got != text {
				t.Errorf("%s row %d %s: %q in Parquet, %q in CSV", name, i+1, col, got, text)
			}
		}
	}
}

func TestReportWritesParquetWithTheCSVsRows(t *testing.T) {
	t.Parallel()
	db := auditedDB(t, acmeExport)
	dir := t.TempDir()
	csvDir, parquetDir := filepath.Join(dir, "csv"), filepath.Join(dir, "it's parquet")
	run(t, "report", "--db", db, "--format", "csv", "--out", csvDir).mustSucceed(t)
	written := run(t, "report", "--db", db, "--format", "parquet", "--out", parquetDir).mustSucceed(t).stdout

	names := append(slices.Clone(report.TableNames), "activities")
	var want []string
	for _, name := range names {
		want = append(want, filepath.Join(parquetDir, name+".parquet"))
	}
	if got := strings.Split(strings.TrimSuffix(written, "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("printed %q, want the files %q", got, want)
	}

	tables := map[string]parquetFile{}
	for _, name := range report.TableNames {
		tables[name] = readParquet(t, filepath.Join(parquetDir, name+".parquet"))
		sameRowsAsCSV(t, tables[name], readCSVFile(t, filepath.Join(csvDir, name+".csv")), name)
	}
	for _, c := range []struct{ table, column, typ string }{
		{"time", "hours", "DOUBLE"},
		{"time", "off_target", "BOOLEAN"},
		{"findings", "metric", "DOUBLE"},
		{"evidence", "row", "BIGINT"},
		{"evidence", "value", "VARCHAR"}, // numbers, text and times in one column
		{"data_quality", "value", "DOUBLE"},
	} {
		if got := tables[c.table].types[c.column]; got != c.typ {
			t.Errorf("%s.%s is %q, want %s", c.table, c.column, got, c.typ)
		}
	}
	if len(tables["findings"].rows) == 0 || len(tables["evidence"].rows) == 0 {
		t.Errorf("no findings (%d) or no evidence (%d): the comparison proves little", len(tables["findings"].rows), len(tables["evidence"].rows))
	}

	t.Run("activities are explain's", func(t *testing.T) {
		activities := readParquet(t, filepath.Join(parquetDir, "activities.parquet"))
		for column, typ := range map[string]string{"manager": "VARCHAR", "happened_at": "TIMESTAMP", "minutes": "DOUBLE",
			"estimated": "BOOLEAN", "reps_present": "BIGINT", "category": "VARCHAR"} {
			if got := activities.types[column]; got != typ {
				t.Errorf("activities.%s is %q, want %s", column, got, typ)
			}
		}
		explained := filepath.Join(dir, "explain.csv")
		if err := os.WriteFile(explained, []byte(run(t, "explain", "--db", db, "--format", "csv").mustSucceed(t).stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		explain := readCSVFile(t, explained)
		if len(activities.rows) != len(explain) || len(explain) == 0 {
			t.Fatalf("%d activities in Parquet, %d explained", len(activities.rows), len(explain))
		}
		// Unrounded, the minutes add up to the hours in time.parquet,
		// which are rounded to a tenth (half up).
		minutes := map[[2]string]float64{}
		for _, a := range activities.rows {
			minutes[[2]string{a["manager"].(string), a["category"].(string)}] += a["minutes"].(float64)
		}
		for _, row := range tables["time"].rows {
			if row["kind"] != "category" {
				continue
			}
			key := [2]string{row["manager"].(string), row["name"].(string)}
			if diff := minutes[key]/60 - row["hours"].(float64); math.Abs(diff) > 0.05+1e-9 {
				t.Errorf("%v: the activities add up to %.3f h, time.parquet says %v h", key, minutes[key]/60, row["hours"])
			}
		}
		for i, want := range explain {
			got := activities.rows[i]
			// explain rounds minutes to one decimal; the file keeps them whole.
			minutes := render.Cell(math.Round(got["minutes"].(float64)*10) / 10)
			pairs := [][2]string{
				{render.Cell(got["manager"]), want["manager"]},
				{render.Cell(got["happened_at"]), want["when"]},
				{render.Cell(got["subject"]), want["subject"]},
				{minutes, want["minutes"]},
				{render.Cell(got["estimated"]), want["estimated"]},
				{render.Cell(got["category"]), want["category"]},
				{render.Cell(got["rule"]), want["rule"]},
				{render.Cell(got["reps_present"]), want["reps"]},
				{render.Cell(got["origin"]), want["origin"]},
			}
			for _, p := range pairs {
				if p[0] != p[1] {
					t.Errorf("activity %d: %q in Parquet, %q in explain (%v)", i+1, p[0], p[1], want)
					break
				}
			}
		}
	})
}

func TestParquetNeedsOut(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"audit", "--format", "parquet", acmeExport}, "--out DIR"},
		{[]string{"report", "--format", "parquet"}, "--out DIR"},
		{[]string{"report", "--format", "json", "--out", "x"}, "--format csv or parquet"},
		{[]string{"query", "--format", "parquet", "select 1"}, "--out FILE"},
		{[]string{"query", "--out", "x.parquet", "select 1"}, "--format parquet"},
	} {
		if r := run(t, c.args...); r.code != ExitUsage || !strings.Contains(r.stderr, c.says) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.says)
		}
	}
}

func TestQueryWritesParquetWithTheCSVsRows(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, acmeExport)
	query := "select kind, count(*) as activities, avg(duration_seconds) / 60 as average_minutes, min(start_at) as first_at from activities group by kind order by kind"
	dir := t.TempDir()
	csvPath, parquetPath := filepath.Join(dir, "query.csv"), filepath.Join(dir, "query.parquet")
	text := run(t, "query", "--db", db, "--format", "csv", query).mustSucceed(t).stdout
	if err := os.WriteFile(csvPath, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	written := run(t, "query", "--db", db, "--format", "parquet", "--out", parquetPath, query+";").mustSucceed(t).stdout
	if written != parquetPath+"\n" {
		t.Errorf("printed %q, want %s", written, parquetPath)
	}
	parquet := readParquet(t, parquetPath)
	sameRowsAsCSV(t, parquet, readCSVFile(t, csvPath), "query")
	if parquet.types["activities"] != "BIGINT" || parquet.types["first_at"] != "TIMESTAMP" {
		t.Errorf("types %v: DuckDB's own types are lost", parquet.types)
	}
}
