package cli

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

type classifySuggestOptions struct {
	reportOptions
	top    int
	accept string
	write  string
	force  bool
}

func (a *app) classifyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "classify",
		Short: "Improve how activities are classified, from your own data",
	}
	var opts classifySuggestOptions
	suggest := &cobra.Command{
		Use:   "suggest [flags]",
		Short: "List the subjects no rule placed, grouped, each with a keyword to add; write the accepted ones",
		Long: `List the subjects the classification left unclassified, or put in
internal_other only by its catch-all rule, most manager minutes first.
Subjects that differ only by numbers, dates or the names of people and
accounts are one group ("uren schrijven wk #"). For each group, a keyword
the existing rules' words suggest: a compound holding a keyword
("vertriebskickoff" holds "kickoff"), a word starting with one, or one
mistyped by a letter ("forcast"). Accept some with --accept (the numbers of
the list, or all) to write them as classification rules to --write; review
that file and audit again with it:

  salesaudit audit ...                                  # 1. audit
  salesaudit classify suggest                           # 2. see what is not placed
  salesaudit classify suggest --accept 1,3 --write rules.yaml
  salesaudit report --config rules.yaml                 # 3. re-audit with them`,
		Example: `  salesaudit classify suggest --manager "Jana Becker" --top 30
  salesaudit classify suggest --accept all --write classification.yaml`,
		Args: exactArgs(0, "no arguments (the database is --db)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runClassifySuggest(cmd.Context(), opts)
		},
	}
	opts.addFlags(suggest)
	_ = suggest.Flags().MarkHidden("compare")      // suggestions are of one period
	_ = suggest.Flags().MarkHidden("pseudonymize") // and of subjects, for sales ops
	f := suggest.Flags()
	f.IntVar(&opts.top, "top", 20, "list at most this many groups of subjects")
	f.StringVar(&opts.accept, "accept", "", "the groups whose keywords to write: their numbers (1,3,4) or all")
	f.StringVar(&opts.write, "write", "classification.yaml", "with --accept: the file to write the classification rules to")
	f.BoolVar(&opts.force, "force", false, "with --accept: overwrite --write's file if it exists")
	f.StringArrayVarP(&opts.sources, "source", "s", nil, "only this source; repeatable (default: all)")
	cmd.AddCommand(suggest)
	return cmd
}

func (a *app) runClassifySuggest(ctx context.Context, opts classifySuggestOptions) error {
	auditOpts, format, err := opts.parsed()
	if err != nil {
		return err
	}
	if !slices.Contains(render.Formats, format) || opts.outDir != "" {
		return usagef("classify suggest writes --format table, markdown, csv or json to standard output")
	}
	if opts.top < 1 {
		return usagef("--top must be at least 1")
	}
	// The suggestions take an audit: the whole database's, seconds on a
	// large one.
	if opts.accept != "" {
		if err := checkNewFile(opts.write, opts.force); err != nil {
			return err
		}
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	suggestions, err := audit.Suggest(ctx, db.SQL(), auditOpts, opts.top)
	if err != nil {
		return err
	}
	if len(suggestions) == 0 {
		fmt.Fprintln(a.stdout, "Every subject is placed by a rule that reads it: nothing to suggest.")
		return nil
	}
	if opts.accept == "" {
		return a.writeTable(format, suggestionTable(suggestions))
	}
	accepted, err := acceptedSuggestions(opts.accept, suggestions)
	if err != nil {
		return err
	}
	data, err := audit.Overlay(auditOpts.Config, accepted)
	if err != nil {
		return err
	}
	if err := writeNewFile(opts.write, data, opts.force); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Wrote %d keyword(s) to %s. Review it, then audit again with --config %s.\n",
		len(accepted), opts.write, opts.write)
	return nil
}

// acceptedSuggestions are the suggestions --accept names (1-based, as
// listed), or all that propose a keyword.
func acceptedSuggestions(accept string, suggestions []audit.Suggestion) ([]audit.Suggestion, error) {
	var out []audit.Suggestion
	if strings.EqualFold(strings.TrimSpace(accept), "all") {
		for _, s := range suggestions {
			if s.Proposal != nil {
				out = append(out, s)
			}
		}
		return out, nil
	}
	for _, field := range strings.Split(accept, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 || n > len(suggestions) {
			return nil, usagef("--accept %q: want numbers of the list (1 to %d), or all", field, len(suggestions))
		}
		if suggestions[n-1].Proposal == nil {
			return nil, usagef("--accept %d: %q has no keyword to add; write a rule for it by hand", n, suggestions[n-1].Pattern)
		}
		out = append(out, suggestions[n-1])
	}
	return out, nil
}

func suggestionTable(suggestions []audit.Suggestion) *render.Table {
	t := &render.Table{Columns: []string{"#", "subjects", "examples", "activities", "hours", "now",
		"proposed category", "rule", "keyword", "why"}}
	for i, s := range suggestions {
		var category, rule, keyword, why string
		if p := s.Proposal; p != nil {
			category, rule, keyword, why = p.Category, p.Rule, p.Keyword, p.Why
		}
		t.Rows = append(t.Rows, []any{i + 1, s.Pattern, strings.Join(s.Examples, " | "), s.Activities,
			math.Round(s.Minutes/6) / 10, s.Category, category, rule, keyword, why})
	}
	return t
}
