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
	person string
}

func (a *app) forgetCommand() *cobra.Command {
	var opts forgetOptions
	cmd := &cobra.Command{
		Use:   "forget --source NAME | --person ID|EMAIL",
		Short: "Remove a source, or erase a person, from the database",
		Long: `--source removes one source from the database, in one transaction: its
users, accounts, opportunities, activities and attendees, its rejects, and
the record of its loads. Loading it again then starts afresh, with nothing
to compare it with. The other sources are left as they are.

--person erases one person (the right to erasure, docs/privacy.md): the
users with that ID or e-mail in every source (and, by their own address,
their users in the other sources), the activities they own and their
attendance of others', their ID as a manager or owner elsewhere, their
ID, e-mail and full name in every text of every table, and each word of
their name standing alone in subjects, deal names and rejected lines
(as written or in capitals; not particles, nor a word another person's
name shares), replaced by [erased]. Re-loading an export that still holds them brings
them back.

The file keeps its size until 'salesaudit vacuum', which also drops the
erased rows from the file's free space.`,
		Example: `  salesaudit forget --source emea
  salesaudit forget --person ana.lima@acme.example && salesaudit vacuum
  salesaudit forget --db crm.duckdb --source salesforce && salesaudit vacuum --db crm.duckdb`,
		Args: exactArgs(0, "no arguments (name the source with --source or the person with --person)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case opts.source == "" && opts.person == "":
				return usagef("name the source to remove with --source NAME ('salesaudit query \"select distinct source from ingest_runs\"' lists them), or the person to erase with --person ID|EMAIL")
			case opts.source != "" && opts.person != "":
				return usagef("forget removes a source or erases a person: give --source or --person, not both")
			case opts.person != "":
				return a.runErase(cmd.Context(), opts.person)
			}
			return a.runForget(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.source, "source", "s", "", "the source to remove")
	cmd.Flags().StringVar(&opts.person, "person", "", "the person to erase, by CRM user ID or e-mail")
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

func (a *app) runErase(ctx context.Context, person string) error {
	db, err := a.openExistingWith(ctx, duckdb.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	erased, err := db.ErasePerson(ctx, person)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Erased %s from %s: %s, %s, %s, and %s elsewhere. "+
		"'salesaudit vacuum' drops them from the file's free space too.\n", person, a.dbPath,
		plural(erased.People, "user row", "user rows"), plural(erased.Activities, "activity", "activities"),
		plural(erased.Attendances, "attendance", "attendances"), plural(erased.Redacted, "quote", "quotes"))
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
