package cli

import (
	"context"
	"github.com/salesaudit/salesaudit/internal/duckdb"

	"github.com/spf13/cobra"
)

// reportCommandOptions are report's flags: the report flags audit has
// too, and the memory cap, which audit takes with its loading flags.
type reportCommandOptions struct {
	reportOptions
	memoryLimit string
}

func (a *app) reportCommand() *cobra.Command {
	var opts reportCommandOptions
	cmd := &cobra.Command{
		Use:   "report [flags]",
		Short: "Report on the database already loaded, without loading anything",
		Long: `Audit the sales managers in the database (all its sources, or those named
with --source) and print the report, as 'salesaudit audit' does after loading.`,
		Example: `  salesaudit report --db crm.duckdb --format markdown
  salesaudit report --source emea --manager 0055g000000qZ6LAAU`,
		Args: exactArgs(0, "no arguments (the database is --db)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runReport(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().StringArrayVarP(&opts.sources, "source", "s", nil, "audit only this source; repeatable (default: all)")
	cmd.Flags().StringVar(&opts.memoryLimit, "memory-limit", "", "cap DuckDB's memory, e.g. 2GB; it spills to disk beyond (default: DuckDB's own, 80% of RAM)")
	return cmd
}

func (a *app) runReport(ctx context.Context, opts reportCommandOptions) error {
	auditOpts, format, err := opts.parsed()
	if err != nil {
		return err
	}
	if auditOpts.Pseudonymize != "" {
		// Made on first use, before the read-only open below.
		if auditOpts.PseudonymKey, err = a.pseudonymKey(ctx); err != nil {
			return err
		}
	}
	db, err := a.openExistingWith(ctx, duckdb.Options{ReadOnly: true, MemoryLimit: opts.memoryLimit})
	if err != nil {
		return err
	}
	defer db.Close()
	auditOpts.Cache = a.auditCache(ctx, db, opts.noCache)
	return a.writeReport(ctx, db, auditOpts, format, opts.outDir, true)
}

// pseudonymKey reads the database's pseudonym key, making it on its first
// use on a short writable open: reports open the database read-only.
func (a *app) pseudonymKey(ctx context.Context) ([]byte, error) {
	db, err := a.openExistingWith(ctx, duckdb.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.PseudonymKey(ctx)
}
