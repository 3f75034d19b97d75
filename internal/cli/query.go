package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/internal/report"
)

type queryOptions struct {
	format string
	out    string
}

func (a *app) queryCommand() *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query SQL",
		Short: "Run SQL on the database and print the result",
		Long: `Run a SQL query on the database. Tables: users, accounts, opportunities,
activities, activity_attendees, rejects, ingest_runs, ingest_files.`,
		Example: `  salesaudit query "select kind, count(*) from activities group by kind"
  salesaudit query --format csv "select * from rejects"
  salesaudit query --format parquet --out activities.parquet "select * from activities"`,
		Args: exactArgs(1, "one SQL statement"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.EqualFold(opts.format, string(report.FormatParquet)) {
				if opts.out == "" {
					return usagef("--format parquet writes a file: name it with --out FILE")
				}
				return a.runQueryToParquet(cmd.Context(), args[0], opts.out)
			}
			if opts.out != "" {
				return usagef("--out goes with --format parquet")
			}
			format, err := render.ParseFormat(opts.format)
			if err != nil {
				return usageError{fmt.Errorf("%w; queries also take parquet", err)}
			}
			return a.runQuery(cmd.Context(), args[0], format)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "table", "output format: table, csv, json, markdown, parquet")
	cmd.Flags().StringVar(&opts.out, "out", "", "with --format parquet: write the result to this file")
	return cmd
}

func (a *app) runQuery(ctx context.Context, query string, format render.Format) error {
	db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := db.Query(ctx, query)
	if err != nil {
		return fmt.Errorf("query failed: %w", err)
	}
	return render.Write(a.stdout, format, &render.Table{Columns: t.Columns, Rows: t.Rows})
}

// runQueryToParquet writes the query's result to a Parquet file with
// DuckDB's own writer and column types, and names the file.
func (a *app) runQueryToParquet(ctx context.Context, query, path string) error {
	db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.QueryToParquet(ctx, query, path); err != nil {
		return fmt.Errorf("query failed: %w", err)
	}
	a.printPaths([]string{path})
	return nil
}

// openExisting opens the database for reading commands, refusing to create
// an empty one by mistake.
func (a *app) openExisting(ctx context.Context) (*duckdb.DB, error) {
	if a.dbPath != duckdb.MemoryPath {
		if _, err := os.Stat(a.dbPath); err != nil {
			return nil, fmt.Errorf("no database at %s: load an export first with 'salesaudit ingest PATH', or name one with --db", a.dbPath)
		}
	}
	return duckdb.Open(ctx, a.dbPath, duckdb.Options{Threads: a.threads})
}
