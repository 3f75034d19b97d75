package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/ingest"
	"github.com/salesaudit/salesaudit/internal/orgfile"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/internal/report"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/queries"
)

// reportOptions are the flags `audit` and `report` share.
type reportOptions struct {
	configPaths []string
	orgPath     string
	from, to    string
	manager     string
	compare     string
	pseudonyms  string
	format      string
	outDir      string
	sources     []string
	noCache     bool
}

func (o *reportOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVar(&o.configPaths, "config", nil, "configuration file (see 'salesaudit config init'; default: the built-in defaults); repeatable, each over the ones before")
	f.StringVar(&o.orgPath, "org", "", "org file from HR: who manages whom, titles, hire and leave dates; beats the CRM (see 'salesaudit org init')")
	f.StringVar(&o.from, "from", "", "first day of the period, YYYY-MM-DD (default: the first day with activities)")
	f.StringVar(&o.to, "to", "", "last day of the period, YYYY-MM-DD, included (default: the last day with activities)")
	f.StringVarP(&o.manager, "manager", "m", "", "report only this manager (CRM user ID or name)")
	f.StringVar(&o.compare, "compare", "", "compare with an earlier period: PREVIOUS (as long, just before) or FROM:TO (YYYY-MM-DD:YYYY-MM-DD)")
	f.StringVar(&o.pseudonyms, "pseudonymize", "", "replace the reps' names by pseudonyms (--pseudonymize), or everyone's (--pseudonymize=all), for a report that leaves the team")
	f.Lookup("pseudonymize").NoOptDefVal = "reps"
	f.StringVarP(&o.format, "format", "f", "table", "output format: table, markdown, csv, json, html, parquet")
	f.StringVar(&o.outDir, "out", "", "with --format csv or parquet: write one file per table into this directory")
	f.BoolVar(&o.noCache, "no-cache", false, "compute the audit afresh, neither reading nor filling the cache beside the database (DB.cache)")
}

// auditCache is the cache the audit of db uses: none with --no-cache, or
// when it cannot be had (the reason is logged: the audit is only slower).
func (a *app) auditCache(ctx context.Context, db *duckdb.DB, noCache bool) string {
	if noCache {
		return ""
	}
	catalog, err := db.AttachCache(ctx)
	if err != nil {
		a.logger().Debug("auditing without the cache", "reason", err)
	}
	return catalog
}

// parsed checks the flags and builds the audit's options.
func (o *reportOptions) parsed() (audit.Options, render.Format, error) {
	format, err := reportFormat(o.format)
	if err != nil {
		return audit.Options{}, "", usageError{err}
	}
	switch {
	case format == report.FormatParquet && o.outDir == "":
		return audit.Options{}, "", usagef("--format parquet writes files, one a table: name their directory with --out DIR")
	case o.outDir != "" && format != render.FormatCSV && format != report.FormatParquet:
		return audit.Options{}, "", usagef("--out goes with --format csv or parquet")
	}
	opts := audit.Options{Manager: o.manager, Sources: o.sources}
	if opts.From, err = parseDay("--from", o.from); err != nil {
		return audit.Options{}, "", err
	}
	if opts.To, err = parseDay("--to", o.to); err != nil {
		return audit.Options{}, "", err
	}
	if !opts.To.IsZero() {
		opts.To = opts.To.AddDate(0, 0, 1) // the last day is included
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.From.Before(opts.To) {
		return audit.Options{}, "", usagef("--from %s is after --to %s", o.from, o.to)
	}
	if o.pseudonyms != "" && o.pseudonyms != "reps" && o.pseudonyms != "all" {
		return audit.Options{}, "", usagef("--pseudonymize=%s: use --pseudonymize (the reps) or --pseudonymize=all (managers too)", o.pseudonyms)
	}
	if o.pseudonyms != "" && format == report.FormatParquet {
		return audit.Options{}, "", usagef("--pseudonymize goes with table, markdown, html, csv and json: Parquet's activities file names people")
	}
	opts.Pseudonymize = o.pseudonyms
	if opts.Compare, err = parseComparison(o.compare); err != nil {
		return audit.Options{}, "", err
	}
	if opts.Config, err = audit.LoadConfig(o.configPaths...); err != nil {
		return audit.Options{}, "", err
	}
	if o.orgPath != "" {
		if opts.Org, err = orgfile.Read(o.orgPath); err != nil {
			return audit.Options{}, "", err
		}
	}
	return opts, format, nil
}

// reportFormat is render.ParseFormat plus html and parquet, which only
// reports have.
func reportFormat(s string) (render.Format, error) {
	for _, f := range []render.Format{render.FormatHTML, report.FormatParquet} {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	f, err := render.ParseFormat(s)
	if err != nil {
		return "", fmt.Errorf("%w; reports also take html and parquet", err)
	}
	return f, nil
}

// parseComparison reads --compare: PREVIOUS, or FROM:TO with both days
// included.
func parseComparison(value string) (audit.Comparison, error) {
	if value == "" {
		return audit.Comparison{}, nil
	}
	if strings.EqualFold(value, "previous") {
		return audit.Comparison{Previous: true}, nil
	}
	fromText, toText, ok := strings.Cut(value, ":")
	if !ok {
		return audit.Comparison{}, usagef("--compare %q: want PREVIOUS or FROM:TO, as 2026-01-01:2026-03-31", value)
	}
	from, err := parseDay("--compare", fromText)
	if err != nil {
		return audit.Comparison{}, err
	}
	to, err := parseDay("--compare", toText)
	if err != nil {
		return audit.Comparison{}, err
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return audit.Comparison{}, usagef("--compare %q: want FROM:TO with FROM on or before TO", value)
	}
	return audit.Comparison{From: from, To: to.AddDate(0, 0, 1)}, nil
}

func parseDay(flag, value string) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, usagef("%s %q: want a date as YYYY-MM-DD", flag, value)
	}
	return t, nil
}

type auditOptions struct {
	reportOptions
	ingest ingestOptions
}

func (a *app) auditCommand() *cobra.Command {
	var opts auditOptions
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...",
		Short: "Load CRM exports and report how each sales manager spends their time",
		Long: `Load one or more CRM exports (as 'salesaudit ingest' does) and audit the
sales managers in them: how their time splits across the three roles of a
sales manager and across categories, and the mistakes the data shows, each
with its evidence, a recommendation and its source. The report covers the
exports given; 'salesaudit report' reports on a database already loaded.`,
		Example: `  salesaudit audit testdata/salesforce/acme
  salesaudit audit --from 2026-01-01 --to 2026-03-31 --manager "Sanne de Vries" export.zip
  salesaudit audit --format markdown export/ > audit.md
  salesaudit audit --format csv --out audit-csv export/
  salesaudit audit --format parquet --out audit-parquet export/`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("name at least one export to audit (or use 'salesaudit report' on a loaded database)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runAudit(cmd.Context(), args, opts)
		},
	}
	opts.addFlags(cmd)
	f := cmd.Flags()
	f.StringVarP(&opts.ingest.connector, "connector", "c", "", "connector to read the exports with (default: detected for each)")
	f.StringVar(&opts.ingest.encoding, "encoding", "", "force the exports' text encoding: utf-8, windows-1252, iso-8859-1")
	f.StringArrayVarP(&opts.ingest.options, "option", "o", nil, "connector option KEY=VALUE; repeatable")
	f.DurationVar(&opts.ingest.idleTimeout, "plugin-timeout", ingest.DefaultIdleTimeout, "give up on a connector that sends nothing for this long")
	f.BoolVarP(&opts.ingest.quiet, "quiet", "q", false, "no progress or load summary on stderr, only the report")
	f.StringVar(&opts.ingest.memoryLimit, "memory-limit", "", "cap DuckDB's memory, e.g. 2GB (default: "+defaultIngestMemory+" while loading into a file, then DuckDB's own, 80% of RAM)")
	f.BoolVar(&opts.ingest.allowShrink, "allow-shrink", false, "load an export that leaves a table of the source with less than half its rows")
	return cmd
}

func (a *app) runAudit(ctx context.Context, paths []string, opts auditOptions) error {
	auditOpts, format, err := opts.parsed()
	if err != nil {
		return err
	}
	readOptions, err := parseOptions(opts.ingest.options)
	if err != nil {
		return err
	}
	if opts.ingest.encoding != "" {
		readOptions["encoding"] = opts.ingest.encoding
	}
	loadLimit := opts.ingest.memoryLimit
	if loadLimit == "" && a.dbPath != duckdb.MemoryPath {
		// An in-memory database holds everything it loads: capping it
		// would only make DuckDB spill to a .tmp directory here.
		loadLimit = defaultIngestMemory
	}
	db, err := duckdb.Open(ctx, a.dbPath, duckdb.Options{MemoryLimit: loadLimit, Threads: a.threads, AllowShrink: opts.ingest.allowShrink})
	if err != nil {
		return err
	}
	defer db.Close()
	used := map[string]bool{}
	loaded := func(path string, rep ingest.Outcome) {
		auditOpts.Sources = append(auditOpts.Sources, rep.Source)
		if !opts.ingest.quiet {
			fmt.Fprintf(a.stderr, "Loaded %s as source %q: %s; %s rejected.\n", path, rep.Source,
				recordCounts(rep.Records), plural(rejected(rep), "row", "rows"))
		}
	}
	// Without a period, calendars wait for the other exports: their
	// recurring meetings are expanded over the days those exports'
	// activities span (calendarWindow).
	var later []string
	for _, path := range paths {
		rep, err := a.ingestOne(ctx, db, path, opts.ingest, readOptions, auditOpts, used, true)
		if errors.Is(err, errLoadLater) {
			later = append(later, path)
			continue
		}
		if err != nil {
			return err
		}
		loaded(path, rep)
	}
	if len(later) > 0 {
		window, err := a.calendarWindow(ctx, db, auditOpts.Sources, opts.ingest.quiet)
		if err != nil {
			return err
		}
		for _, path := range later {
			rep, err := a.ingestOne(ctx, db, path, opts.ingest, readOptions, window, used, false)
			if err != nil {
				return err
			}
			loaded(path, rep)
		}
	}
	if opts.ingest.memoryLimit == "" {
		// Loading in bounded memory is the cap's point; the analysis runs
		// faster with DuckDB's own limit, as salesaudit report does.
		if err := db.SetMemoryLimit(ctx, ""); err != nil {
			return err
		}
	}
	auditOpts.Cache = a.auditCache(ctx, db, opts.noCache)
	return a.writeReport(ctx, db, auditOpts, format, opts.outDir, !opts.ingest.quiet)
}

// ingestOne loads one export under a source name not yet used by this
// audit: the connector's name, then name-2, name-3... With mayWait, a
// calendar export that needs a window (needsWindow) while period has none
// is not loaded: errLoadLater says to load it once the others are, with
// their span.
func (a *app) ingestOne(ctx context.Context, db *duckdb.DB, path string, opts ingestOptions, readOptions map[string]string, period audit.Options, used map[string]bool, mayWait bool) (ingest.Outcome, error) {
	open := func() (*duckdb.DB, error) { return db, nil }
	return a.load(ctx, path, opts, open, func(info plugin.Info) (string, map[string]string, error) {
		if mayWait && period.From.IsZero() && period.To.IsZero() && needsWindow(info, readOptions) {
			return "", nil, errLoadLater
		}
		source := info.Name
		for n := 2; used[source]; n++ {
			source = fmt.Sprintf("%s-%d", info.Name, n)
		}
		used[source] = true
		return source, withPeriod(readOptions, info, period), nil
	})
}

// errLoadLater stops the load of a calendar export that waits for the
// other exports (ingestOne).
var errLoadLater = errors.New("a calendar export loads after the other exports")

// needsWindow says whether a connector expands recurring events inside a
// period it takes as the options from and to (the ics connector), and the
// user set neither with -o.
func needsWindow(info plugin.Info, readOptions map[string]string) bool {
	_, takesFrom := info.Options["from"]
	_, takesTo := info.Options["to"]
	_, givenFrom := readOptions["from"]
	_, givenTo := readOptions["to"]
	return takesFrom && takesTo && !givenFrom && !givenTo
}

// calendarWindow is the period calendars are read over when the user gave
// none: the whole days the activities of sources span, as the audit's
// default period counts them (queries/audit/period.sql), so that a weekly
// meeting counts in every week the CRM's activities do, and not in the
// years before or after them. With no such activity it is no period: the
// connector then bounds its series itself. The window is said on stderr,
// as it decides what is loaded.
func (a *app) calendarWindow(ctx context.Context, db *duckdb.DB, sources []string, quiet bool) (audit.Options, error) {
	if len(sources) == 0 {
		return audit.Options{}, nil
	}
	query, err := fs.ReadFile(queries.Ingest, "ingest/activity_days.sql")
	if err != nil {
		return audit.Options{}, err
	}
	var first, dayAfter sql.NullTime
	if err := db.SQL().QueryRowContext(ctx, string(query), sql.Named("sources", sources)).Scan(&first, &dayAfter); err != nil {
		return audit.Options{}, fmt.Errorf("queries/ingest/activity_days.sql: %w", err)
	}
	if !first.Valid {
		return audit.Options{}, nil
	}
	window := audit.Options{From: first.Time.UTC(), To: dayAfter.Time.UTC()}
	if !quiet {
		fmt.Fprintf(a.stderr, "Calendars are read from %s to %s, the days the activities of %s span (no --from or --to given).\n",
			window.From.Format(time.DateOnly), window.To.AddDate(0, 0, -1).Format(time.DateOnly), quotedList(sources))
	}
	return window, nil
}

// otherSources are the sources in the database but source.
func otherSources(ctx context.Context, db *duckdb.DB, source string) ([]string, error) {
	all, err := db.Sources(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the loaded sources: %w", err)
	}
	var others []string
	for _, s := range all {
		if s != source {
			others = append(others, s)
		}
	}
	return others, nil
}

// quotedList is sources quoted, comma-separated.
func quotedList(sources []string) string {
	quoted := make([]string, len(sources))
	for i, s := range sources {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(quoted, ", ")
}

// withPeriod passes the audit's period to a connector that takes one (the
// ics connector expands recurring meetings inside it), unless the user set
// it with -o already.
func withPeriod(readOptions map[string]string, info plugin.Info, period audit.Options) map[string]string {
	out := maps.Clone(readOptions)
	set := func(name string, day time.Time) {
		if _, takes := info.Options[name]; takes && !day.IsZero() {
			if _, given := out[name]; !given {
				out[name] = day.Format(time.DateOnly)
			}
		}
	}
	set("from", period.From)
	if !period.To.IsZero() {
		set("to", period.To.AddDate(0, 0, -1)) // the connectors' to is the last day, included
	}
	return out
}

func rejected(r ingest.Outcome) int64 {
	var n int64
	for _, f := range r.Files {
		n += f.RowsRejected
	}
	return n
}

func (a *app) writeReport(ctx context.Context, db *duckdb.DB, opts audit.Options, format render.Format, outDir string, showProgress bool) error {
	if err := withPseudonymKey(ctx, db, &opts); err != nil {
		return err
	}
	opts.WithActivities = format == report.FormatParquet
	rep, err := a.runAuditQueries(ctx, db, opts, showProgress)
	if err != nil {
		return err
	}
	if format == report.FormatParquet {
		return a.writeParquetReport(ctx, db, rep, outDir)
	}
	return a.printReport(rep, format, outDir)
}

// writeParquetReport writes the report's tables and the activities it
// counted as Parquet files into outDir, with DuckDB's writer.
func (a *app) writeParquetReport(ctx context.Context, db *duckdb.DB, rep *audit.Report, outDir string) error {
	paths, err := report.WriteParquetFiles(outDir, rep, rep.Activities, func(path string, t *render.Table) error {
		return db.WriteParquet(ctx, path, &duckdb.Table{Columns: t.Columns, Rows: t.Rows})
	})
	if err != nil {
		return err
	}
	a.printPaths(paths)
	return nil
}

// withPseudonymKey gives a pseudonymized audit the database's key, unless
// it has it already.
func withPseudonymKey(ctx context.Context, db *duckdb.DB, opts *audit.Options) error {
	if opts.Pseudonymize == "" || len(opts.PseudonymKey) > 0 {
		return nil
	}
	key, err := db.PseudonymKey(ctx)
	opts.PseudonymKey = key
	return err
}

// runAuditQueries audits the database, showing which query runs on a
// terminal.
func (a *app) runAuditQueries(ctx context.Context, db *duckdb.DB, opts audit.Options, showProgress bool) (*audit.Report, error) {
	logger := a.logger()
	progress := newAuditProgress(a.stderr, showProgress && isTerminal(a.stderr) && !logger.IsDebug())
	opts.Trace = func(file string, took time.Duration) {
		progress.step(file)
		if logger.IsDebug() {
			logger.Debug("audit query", "file", "queries/"+file, "took", took)
		}
	}
	rep, err := audit.Run(ctx, db.SQL(), opts)
	progress.done()
	if err != nil {
		return nil, fmt.Errorf("auditing: %w%s", err, a.outOfMemoryAdvice(err))
	}
	return rep, nil
}

// outOfMemoryAdvice says what to do when DuckDB ran out of memory during
// the audit: what it does not spill it keeps per thread (docs/audit.md,
// "Memory"), so one thread needs less.
func (a *app) outOfMemoryAdvice(err error) string {
	if !strings.Contains(err.Error(), "Out of Memory Error") {
		return ""
	}
	if a.threads == 1 {
		return "\nsalesaudit: the audit needs more memory than DuckDB was given: raise --memory-limit (docs/audit.md, Memory)"
	}
	return "\nsalesaudit: the audit needs more memory than DuckDB was given on this many threads: run it again with --threads 1, " +
		"which needs less, or raise --memory-limit (docs/audit.md, Memory)"
}

// printReport writes the report in the format, or with outDir, one CSV
// file a table.
func (a *app) printReport(rep *audit.Report, format render.Format, outDir string) error {
	if outDir != "" {
		paths, err := report.WriteCSVFiles(outDir, rep)
		if err != nil {
			return err
		}
		a.printPaths(paths)
		return nil
	}
	return report.Write(a.stdout, format, rep, report.Options{Color: a.colorful(format), Width: a.tableWidth()})
}

// printPaths names the files written, one a line, for a script to read.
func (a *app) printPaths(paths []string) {
	for _, p := range paths {
		fmt.Fprintln(a.stdout, p)
	}
}

// colorful says whether to colour the output: a terminal table on a
// terminal, unless NO_COLOR is set.
func (a *app) colorful(format render.Format) bool {
	f, ok := a.stdout.(*os.File)
	return ok && format == render.FormatTable && os.Getenv("NO_COLOR") == "" && isatty.IsTerminal(f.Fd())
}
