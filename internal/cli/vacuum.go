package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/duckdb"
)

func (a *app) vacuumCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "vacuum",
		Short: "Give back the space that earlier loads left in the database file",
		Long: `Rewrite the database into a new file beside it and put that in its place,
giving back the space that re-ingests, rolled-back loads and 'salesaudit
forget' left free in it: a load holds a source's old and new rows until it
commits, and DuckDB reuses that space but never returns it. Every table's
rows are counted in both files before the new one replaces the old. Nothing
else may use the database meanwhile.`,
		Example: `  salesaudit vacuum --db crm.duckdb`,
		Args:    exactArgs(0, "no arguments (the database is --db)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runVacuum(cmd.Context())
		},
	}
}

func (a *app) runVacuum(ctx context.Context) error {
	if err := a.requireDB(); err != nil {
		return err
	}
	c, err := duckdb.Compact(ctx, a.dbPath, duckdb.Options{Threads: a.threads})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Compacted %s from %s to %s.\n", a.dbPath, megabytes(c.Before), megabytes(c.After))
	return nil
}
