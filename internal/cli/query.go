package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/internal/report"
)

type queryOptions struct {
	format string
	out    string
	// allowFiles lets the SQL reach files and the network, which it
	// cannot by default (duckdb.Options.Sandbox).
	allowFiles bool
}

func (a *app) queryCommand() *cobra.Command {
	var opts queryOptions
	cmd := &cobra.Command{
		Use:   "query SQL",
		Short: "Run one SQL statement on the database, read-only, and print the result",
		Long: `Run one SQL statement on the database and print its result. Tables: users,
accounts, opportunities, activities, activity_attendees, rejects,
ingest_runs, ingest_files.

The database is opened read-only, and the statement reaches no file, no
directory and no network (no read_csv, COPY ... TO, ATTACH or INSTALL) and
cannot change DuckDB's settings, unless --allow-files: a query is for
asking questions of the data, so that SQL pasted from elsewhere can do no
harm. --format parquet writes its one file all the same.`,
		Example: `  salesaudit query "select kind, count(*) from activities group by kind"
  salesaudit query --format csv "select * from rejects"
  salesaudit query --format parquet --out activities.parquet "select * from activities"
  salesaudit query --allow-files "select * from read_csv('targets.csv')"`,
		Args: exactArgs(1, "one SQL statement"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.EqualFold(opts.format, string(report.FormatParquet)) {
				if opts.out == "" {
					return usagef("--format parquet writes a file: name it with --out FILE")
				}
				return a.runQueryToParquet(cmd.Context(), args[0], opts)
			}
			if opts.out != "" {
				return usagef("--out goes with --format parquet")
			}
			format, err := render.ParseFormat(opts.format)
			if err != nil {
				return usageError{fmt.Errorf("%w; queries also take parquet", err)}
			}
			return a.runQuery(cmd.Context(), args[0], format, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "table", "output format: table, csv, json, markdown, parquet")
	cmd.Flags().StringVar(&opts.out, "out", "", "with --format parquet: write the result to this file")
	cmd.Flags().BoolVar(&opts.allowFiles, "allow-files", false, "let the SQL read and write files and reach the network (read_csv, COPY ... TO, ATTACH, INSTALL)")
	return cmd
}

func (a *app) runQuery(ctx context.Context, query string, format render.Format, opts queryOptions) error {
	db, err := a.openForQuery(ctx, opts, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := db.QueryStatement(ctx, query)
	if err != nil {
		return explainQueryError(err)
	}
	return a.writeTable(format, &render.Table{Columns: t.Columns, Rows: t.Rows})
}

// runQueryToParquet writes the query's result to a Parquet file with
// DuckDB's own writer and column types, and names the file. The sandbox
// lets DuckDB write that one file and no other (allowed_paths), so the
// query keeps DuckDB's types and streams to the file as it would unsandboxed.
func (a *app) runQueryToParquet(ctx context.Context, query string, opts queryOptions) error {
	target, err := filepath.Abs(opts.out)
	if err != nil {
		return err
	}
	db, err := a.openForQuery(ctx, opts, []string{target})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.QueryToParquet(ctx, query, target); err != nil {
		return explainQueryError(err)
	}
	a.printPaths([]string{opts.out})
	return nil
}

// openForQuery opens the database read-only and, unless --allow-files,
// sandboxed, able to write the files named only.
func (a *app) openForQuery(ctx context.Context, opts queryOptions, writable []string) (*duckdb.DB, error) {
	return a.openExistingWith(ctx, duckdb.Options{ReadOnly: true, Sandbox: !opts.allowFiles, WritablePaths: writable})
}

// explainQueryError says why a statement was refused and what to do.
func explainQueryError(err error) error {
	switch {
	case errors.Is(err, duckdb.ErrSeveralStatements):
		return errors.New("query runs one statement at a time, and this holds several: nothing was run; run them one by one")
	case errors.Is(err, duckdb.ErrReadOnly):
		return fmt.Errorf("query only reads the database, and this statement would change it: nothing was changed; "+
			"exports are loaded with 'salesaudit ingest' and removed with 'salesaudit forget' (%w)", err)
	case errors.Is(err, duckdb.ErrSandboxed):
		return fmt.Errorf("query reads the database only, not files, the network or DuckDB's settings: "+
			"to let this statement reach them, run it again with --allow-files (%w)", err)
	}
	return fmt.Errorf("query failed: %w", err)
}
