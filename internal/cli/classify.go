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
		return a.writeSuggestions(format, suggestions)
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

// writeSuggestions lists the suggestions. Where a person reads (table,
// Markdown) the categories have their names, and when no group has a
// keyword to propose, a sentence says so instead of four empty columns;
// CSV and JSON keep every column and the keys, for machines.
func (a *app) writeSuggestions(format render.Format, suggestions []audit.Suggestion) error {
	forPeople := format == render.FormatTable || format == render.FormatMarkdown
	proposed := slices.ContainsFunc(suggestions, func(s audit.Suggestion) bool { return s.Proposal != nil })
	t := suggestionTable(suggestions, forPeople)
	if forPeople && !proposed {
		t = withoutProposals(t)
	}
	if err := a.writeTable(format, t); err != nil {
		return err
	}
	if forPeople && !proposed {
		_, err := fmt.Fprintln(a.stdout, "\n"+render.Wrap(noProposal, a.tableWidth()))
		return err
	}
	return nil
}

// noProposal says why a list of suggestions proposes no keyword.
const noProposal = "No keyword to propose: no word of these subjects comes near a keyword of a rule " +
	"that would take their activities. Write rules for them by hand (docs/audit.md, Learning from your data)."

// suggestionColumns are the suggestion table's columns; the last four
// are the proposal's.
var suggestionColumns = []string{"#", "subjects", "examples", "activities", "hours", "now",
	"proposed category", "rule", "keyword", "why"}

// suggestionTable lists the suggestions; labelled names the categories
// as the report does ("other internal meetings", not internal_other).
func suggestionTable(suggestions []audit.Suggestion, labelled bool) *render.Table {
	name := func(category string) string { return category }
	if labelled {
		name = audit.CategoryLabel
	}
	t := &render.Table{Columns: suggestionColumns}
	for i, s := range suggestions {
		var category, rule, keyword, why string
		if p := s.Proposal; p != nil {
			category, rule, keyword, why = name(p.Category), p.Rule, p.Keyword, p.Why
		}
		t.Rows = append(t.Rows, []any{i + 1, s.Pattern, strings.Join(s.Examples, " | "), s.Activities,
			math.Round(s.Minutes/6) / 10, name(s.Category), category, rule, keyword, why})
	}
	return t
}

// withoutProposals is the suggestion table without the proposal's
// columns, all empty.
func withoutProposals(t *render.Table) *render.Table {
	keep := len(suggestionColumns) - 4
	out := &render.Table{Columns: t.Columns[:keep]}
	for _, row := range t.Rows {
		out.Rows = append(out.Rows, row[:keep])
	}
	return out
}
