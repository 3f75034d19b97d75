package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/orgfile"
)

type orgInitOptions struct {
	force   bool
	sources []string
}

func (a *app) orgCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "org",
		Short: "Work with the org file, the organisation as HR knows it",
	}
	var opts orgInitOptions
	initCmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write an org file (default org.csv) of the people loaded, to correct and pass with --org",
		Long: `Write an org file to FILE (default org.csv): one row per person of the loaded
sources, with their manager, title, hire and leave dates as the audit sees
them. Have HR correct it (who reports to whom, real titles and dates) and
pass it to 'salesaudit audit --org FILE' or 'report --org FILE': where it
says something, it beats the CRM. People and managers are matched by CRM
ID, e-mail or name; columns: person, email, id, manager, title, hire_date,
leave_date (YYYY-MM-DD); other columns are ignored.`,
		Args: optionalFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			path := fileOr(args, "org.csv")
			return a.writeOrgTemplate(cmd.Context(), path, opts)
		},
	}
	initCmd.Flags().BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	initCmd.Flags().StringArrayVarP(&opts.sources, "source", "s", nil, "only this source; repeatable (default: all)")
	cmd.AddCommand(initCmd)
	return cmd
}

func (a *app) writeOrgTemplate(ctx context.Context, path string, opts orgInitOptions) error {
	db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	cfg, err := audit.LoadConfig("")
	if err != nil {
		return err
	}
	entries, err := audit.OrgTemplate(ctx, db.SQL(), audit.Options{Config: cfg, Sources: opts.sources})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := orgfile.Write(&b, entries); err != nil {
		return err
	}
	if err := writeNewFile(path, b.Bytes(), opts.force); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Wrote %d people to %s; have HR correct it and pass it with --org %s.\n", len(entries), path, path)
	return nil
}
