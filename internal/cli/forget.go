package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/duckdb"
)

type forgetOptions struct {
	source string
}

func (a *app) forgetCommand() *cobra.Command {
	var opts forgetOptions
	cmd := &cobra.Command{
		Use:   "forget --source NAME",
		Short: "Remove a source from the database: its records, rejects and loads",
		Long: `Remove one source from the database, in one transaction: its users,
accounts, opportunities, activities and attendees, its rejects, and the
record of its loads. Loading it again then starts afresh, with nothing to
compare it with. The other sources are left as they are. The file keeps its
size until 'salesaudit vacuum'.`,
		Example: `  salesaudit forget --source emea
  salesaudit forget --db crm.duckdb --source salesforce && salesaudit vacuum --db crm.duckdb`,
		Args: exactArgs(0, "no arguments (name the source with --source)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.source == "" {
				return usagef("name the source to remove with --source NAME ('salesaudit query \"select distinct source from ingest_runs\"' lists them)")
			}
			return a.runForget(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.source, "source", "s", "", "the source to remove")
	return cmd
}

func (a *app) runForget(ctx context.Context, opts forgetOptions) error {
	db, err := a.openExistingWith(ctx, duckdb.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	removed, err := db.Forget(ctx, opts.source)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Removed source %q from %s: %s. 'salesaudit vacuum' gives the file the space back.\n",
		opts.source, a.dbPath, removedCounts(removed))
	return nil
}

// removedCounts lists the records removed, then the rejects and loads.
func removedCounts(removed map[string]int64) string {
	names := []struct{ table, one, many string }{
		{"users", "user", "users"},
		{"accounts", "account", "accounts"},
		{"opportunities", "opportunity", "opportunities"},
		{"activities", "activity", "activities"},
		{"activity_attendees", "attendee", "attendees"},
		{"rejects", "reject", "rejects"},
		{"ingest_runs", "load", "loads"},
	}
	var parts []string
	for _, n := range names {
		if count := removed[n.table]; count > 0 {
			parts = append(parts, plural(count, n.one, n.many))
		}
	}
	if len(parts) == 0 {
		return "no rows"
	}
	return strings.Join(parts, ", ")
}
