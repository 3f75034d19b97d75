package cli

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

type explainOptions struct {
	reportOptions
	category string
}

func (a *app) explainCommand() *cobra.Command {
	var opts explainOptions
	cmd := &cobra.Command{
		Use:   "explain [flags]",
		Short: "List the activities behind a report's numbers, with the rule that classified each",
		Long: `List each manager activity the audit counted: when, what, how many minutes
(and whether estimated), the category it was put in, the classification
rule that put it there and the keyword that matched (with a compound's
split: territorium + planning), how it is known to have faced a customer
(a customer took part or was addressed, its CRM type, its subject on an
account, a mass e-mail send), and where it is in the export. Narrow it
with --manager and --category to see what makes one share of a report.`,
		Example: `  salesaudit explain --manager "Lucía Fernández" --category admin
  salesaudit explain --category unclassified --format csv > unclassified.csv`,
		Args: exactArgs(0, "no arguments (the database is --db)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runExplain(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	_ = cmd.Flags().MarkHidden("compare")      // explain lists one period's activities
	_ = cmd.Flags().MarkHidden("pseudonymize") // and names them: it is for sales ops
	cmd.Flags().StringVar(&opts.category, "category", "", "only this category (key_account, coaching, admin, unclassified, ...)")
	cmd.Flags().StringArrayVarP(&opts.sources, "source", "s", nil, "only this source; repeatable (default: all)")
	return cmd
}

func (a *app) runExplain(ctx context.Context, opts explainOptions) error {
	auditOpts, format, err := opts.parsed()
	if err != nil {
		return err
	}
	if !slices.Contains(render.Formats, format) || opts.outDir != "" {
		return usagef("explain writes --format table, markdown, csv or json to standard output " +
			"(the classified activities as Parquet come with a report's: --format parquet --out DIR)")
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	auditOpts.Cache = a.auditCache(ctx, db, opts.noCache)
	activities, err := audit.Explain(ctx, db.SQL(), auditOpts, opts.category)
	if err != nil {
		return err
	}
	if len(activities) == 0 {
		return fmt.Errorf("no activities match")
	}
	return a.writeTable(format, explainTable(activities, opts.manager == ""))
}

// explainTable lists the activities; the manager column only when there
// are several managers to tell apart.
func explainTable(activities []audit.ClassifiedActivity, withManager bool) *render.Table {
	t := &render.Table{Columns: []string{"when", "kind", "subject", "account", "minutes", "estimated", "category", "rule",
		"matched", "customer", "reps", "origin"}}
	if withManager {
		t.Columns = append([]string{"manager"}, t.Columns...)
	}
	for _, x := range activities {
		row := []any{x.At, x.Kind, x.Subject, x.Account, math.Round(x.Minutes*10) / 10,
			x.Estimated, x.Category, x.Rule, x.Matched, x.CustomerFacing, x.DirectReps, x.Origin}
		if withManager {
			row = append([]any{x.Manager}, row...)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
