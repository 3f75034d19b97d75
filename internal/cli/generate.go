package cli

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/generate"
)

func (a *app) generateCommand() *cobra.Command {
	opts := generate.Options{Managers: 12, RepsPerManager: 6, Months: 6, Seed: 1}
	cmd := &cobra.Command{
		Use:   "generate --out DIR [flags]",
		Short: "Write a realistic fictional company's CRM export, with known mistakes planted",
		Long: `Write a fictional sales organisation as a real CRM export: Salesforce's
Data Export (--format salesforce, the default: one CSV per object) or
HubSpot's saved CRM v3 API pages (--format hubspot: owners, companies,
deals, meetings, calls, tasks and e-mails, 100 records a page, and
owner-managers.csv for the hierarchy). The export holds an org chart,
accounts with long-tailed revenue, opportunities, and activities with
realistic multilingual subjects, durations, attendees, due dates and
completion. The audit's mistakes are planted in some managers at known
strengths and others are left clean; truth.json beside the export says
which, naming managers by the IDs the format's connector loads. The same
seed and format write the same files, and the export is streamed, so large
companies fit in little memory.`,
		Example: `  salesaudit generate --out /tmp/company
  salesaudit generate --managers 1000 --reps-per-manager 8 --months 12 --seed 7 --out /tmp/large
  salesaudit generate --format hubspot --out /tmp/hubspot-company
  salesaudit audit /tmp/company`,
		Args: exactArgs(0, "no arguments (the output is --out)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Out == "" {
				return usagef("--out is required: the directory to write the export to")
			}
			truth, err := generate.Generate(cmd.Context(), opts)
			if err != nil {
				return err
			}
			a.printGenerated(opts, truth)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Managers, "managers", opts.Managers, "number of first-line managers")
	f.IntVar(&opts.RepsPerManager, "reps-per-manager", opts.RepsPerManager, "usual team size (teams vary around it)")
	f.IntVar(&opts.Months, "months", opts.Months, fmt.Sprintf("months of activity (1 to %d)", generate.MaxMonths))
	f.Uint64Var(&opts.Seed, "seed", opts.Seed, "the same seed writes the same company")
	f.StringVar(&opts.Format, "format", generate.FormatSalesforce, "export format: salesforce or hubspot")
	f.StringVar(&opts.Out, "out", "", "directory to write the export and truth.json to")
	return cmd
}

func (a *app) printGenerated(opts generate.Options, truth *generate.Truth) {
	var rows int64
	var files []string
	for file, n := range truth.Rows {
		rows += n
		files = append(files, fmt.Sprintf("%s %d", file, n))
	}
	sort.Strings(files)
	fmt.Fprintf(a.stdout, "Wrote %d rows to %s (%s) and the planted mistakes to %s.\n",
		rows, opts.Out, strings.Join(files, ", "), filepath.Join(opts.Out, generate.TruthFile))
}
