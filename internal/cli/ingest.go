package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/ingest"
	"github.com/salesaudit/salesaudit/internal/pluginhost"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/plugin"
)

// defaultIngestMemory caps DuckDB while loading: appends need little
// memory, and without a cap DuckDB keeps up to 80 % of the machine's RAM
// in its buffers (2.7 GiB of resident memory for 20 million activities).
// DuckDB's resident memory runs some 200 MiB past its cap, so 384 MB
// keeps a 20-million-activity load well under 1 GiB with the connector;
// 512 MB left 60 MiB to spare and loaded only a few per cent faster.
const defaultIngestMemory = "384MB"

type ingestOptions struct {
	connector   string
	source      string
	encoding    string
	options     []string
	memoryLimit string
	idleTimeout time.Duration
	quiet       bool
	// allowShrink lets a load leave a table of its source with less than
	// half its rows (duckdb.Options.AllowShrink).
	allowShrink bool
}

func (a *app) ingestCommand() *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH",
		Short: "Load a CRM export into the database",
		Long: `Load a CRM export into the database, all or nothing. The connector is picked
by asking each one whether it reads PATH, unless --connector names one.
Loading the same source again replaces what it loaded before. A file that
held rows last time and holds none now is a warning; a load that would
leave any table of the source with less than half its rows (an export cut
short) is refused unless --allow-shrink.`,
		Example: `  salesaudit ingest testdata/salesforce/acme
  salesaudit ingest --connector salesforce --source emea export.zip
  salesaudit ingest --encoding windows-1252 old-export/`,
		Args: exactArgs(1, "the path of one export"),
		RunE: func(cmd *cobra.Command, args []string) error {
			readOptions, err := parseOptions(opts.options)
			if err != nil {
				return err
			}
			if opts.encoding != "" {
				readOptions["encoding"] = opts.encoding
			}
			if err := duckdb.CheckMemoryLimit(opts.memoryLimit); err != nil {
				return usageError{err}
			}
			return a.runIngest(cmd.Context(), args[0], opts, readOptions)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.connector, "connector", "c", "", "connector to read the export with (default: detected)")
	f.StringVarP(&opts.source, "source", "s", "", "name of this export in the database (default: the connector's name)")
	f.StringVar(&opts.encoding, "encoding", "", "force the export's text encoding: utf-8, windows-1252, iso-8859-1 (default: detected)")
	f.StringArrayVarP(&opts.options, "option", "o", nil, "connector option KEY=VALUE (see 'salesaudit connectors'); repeatable")
	f.StringVar(&opts.memoryLimit, "memory-limit", defaultIngestMemory, "cap DuckDB's memory while loading, e.g. 2GB; it spills to its file beyond")
	f.DurationVar(&opts.idleTimeout, "plugin-timeout", ingest.DefaultIdleTimeout, "give up on a connector that sends nothing for this long")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but errors and warnings")
	f.BoolVar(&opts.allowShrink, "allow-shrink", false, "load an export that leaves a table of the source with less than half its rows")
	return cmd
}

func parseOptions(kvs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--option %q: expected KEY=VALUE", kv)
		}
		out[k] = v
	}
	return out, nil
}

func (a *app) runIngest(ctx context.Context, path string, opts ingestOptions, readOptions map[string]string) error {
	// The database is opened only once a connector has taken the input,
	// so that a mistyped path does not leave an empty database behind; a
	// file that is no DuckDB database is refused before the connector
	// starts.
	if err := duckdb.CheckFile(a.dbPath); err != nil {
		return err
	}
	var db *duckdb.DB
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	open := func() (*duckdb.DB, error) {
		var err error
		db, err = duckdb.Open(ctx, a.dbPath, duckdb.Options{MemoryLimit: opts.memoryLimit, Threads: a.threads, AllowShrink: opts.allowShrink})
		return db, err
	}
	report, err := a.load(ctx, path, opts, open, func(info plugin.Info) (string, map[string]string, error) {
		if !needsWindow(info, readOptions) {
			return opts.source, readOptions, nil
		}
		// Calendars loaded beside a CRM export already in the database
		// are read over the days its activities span, as audit does.
		source := plugin.FirstNonBlank(opts.source, info.Name)
		others, err := otherSources(ctx, db, source)
		if err != nil {
			return "", nil, err
		}
		window, err := a.calendarWindow(ctx, db, others, opts.quiet)
		if err != nil {
			return "", nil, err
		}
		return opts.source, withPeriod(readOptions, info, window), nil
	})
	if err != nil || opts.quiet {
		return err
	}
	return a.printIngestReport(ctx, db, report)
}

// loadPlan says, once the connector reading an export is known, under
// which source name and with which options to read it; an error stops the
// load before anything is read (errLoadLater: read it after the others).
type loadPlan func(info plugin.Info) (source string, readOptions map[string]string, err error)

// load reads one export into the database that open returns, through the
// named connector or the one that recognises it, showing progress.
func (a *app) load(ctx context.Context, path string, opts ingestOptions, open func() (*duckdb.DB, error), plan loadPlan) (ingest.Outcome, error) {
	input, err := checkInput(path)
	if err != nil {
		return ingest.Outcome{}, err
	}
	proc, check, err := a.startConnector(ctx, opts.connector, input)
	if err != nil {
		return ingest.Outcome{}, err
	}
	defer proc.Close()
	info, err := proc.Info(ctx)
	if err != nil {
		return ingest.Outcome{}, err
	}
	db, err := open()
	if err != nil {
		return ingest.Outcome{}, err
	}
	source, readOptions, err := plan(info)
	if err != nil {
		return ingest.Outcome{}, err
	}
	shown := newProgress(a.stderr, inputSize(check), opts.quiet)
	report, err := ingest.Run(ctx, db, proc.Connector, ingest.Options{
		Source: source, Input: input, ReadOptions: readOptions, IdleTimeout: opts.idleTimeout,
		Progress: shown.update,
	})
	shown.done()
	if err != nil {
		return ingest.Outcome{}, fmt.Errorf("nothing was loaded from %s: %w", path, proc.Explain(err))
	}
	a.kept = append(a.kept, path)
	a.warnShrinkage(report)
	return report, nil
}

// warnShrinkage names, even with --quiet, the files that held rows at the
// source's last load and hold none now, and the tables left with less
// than half their rows: what an export cut short looks like.
func (a *app) warnShrinkage(r ingest.Outcome) {
	for _, f := range r.Emptied {
		fmt.Fprintf(a.stderr, "warning: source %q: %s; check the export if that is not meant.\n", r.Source, f)
	}
	for _, s := range r.Shrunk {
		fmt.Fprintf(a.stderr, "warning: source %q: %s rows, as --allow-shrink allowed.\n", r.Source, s)
	}
}

// checkInput returns the input's absolute path, or why it cannot be read.
func checkInput(path string) (string, error) {
	input, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(input); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s does not exist", path)
	} else if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", path, err)
	}
	return input, nil
}

// startConnector starts the named connector, or the one that recognises
// the input, and returns its answer to Check (for the input's size).
func (a *app) startConnector(ctx context.Context, name, input string) (*pluginhost.Process, plugin.CheckResult, error) {
	catalog := a.catalog()
	if name == "" {
		found, err := catalog.Detect(ctx, input)
		if err != nil {
			return nil, plugin.CheckResult{}, err
		}
		// A connector that broke is said once: Detect does not ask it again.
		for _, broken := range found.Skipped {
			fmt.Fprintf(a.stderr, "salesaudit: warning: detection went on without it: %v\n", broken)
		}
		return found.Process, found.Check, nil
	}
	entry, err := catalog.Find(name)
	if err != nil {
		return nil, plugin.CheckResult{}, usageError{err}
	}
	proc, err := catalog.Start(ctx, entry)
	if err != nil {
		return nil, plugin.CheckResult{}, err
	}
	check, err := proc.Check(ctx, input)
	if err != nil {
		proc.Close()
		return nil, plugin.CheckResult{}, err
	}
	return proc, check, nil
}

// checkPluginTimeout refuses a --plugin-timeout of zero or less: it would
// give up on every connector at once, and is a typo rather than a wish.
func checkPluginTimeout(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("plugin-timeout") {
		return nil
	}
	timeout, err := cmd.Flags().GetDuration("plugin-timeout")
	if err != nil {
		return usageError{err}
	}
	if timeout <= 0 {
		return usagef("--plugin-timeout must be a positive duration such as 30s or 5m, not %s", timeout)
	}
	return nil
}

// inputSize is the size of the files a connector said it would read.
func inputSize(check plugin.CheckResult) int64 {
	var n int64
	for _, f := range check.Files {
		n += f.SizeBytes
	}
	return n
}

func (a *app) printIngestReport(ctx context.Context, db *duckdb.DB, r ingest.Outcome) error {
	w := a.stdout
	fmt.Fprintf(w, "Loaded source %q with connector %s %s in %s.\n\n", r.Source, r.Connector.Name, r.Connector.Version, r.Elapsed.Round(time.Millisecond))
	if err := writeFileTable(w, r.Files); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nRecords: %s.\n", recordCounts(r.Records))
	return a.printRejects(ctx, db, r)
}

// writeFileTable shows what became of each file's rows, then why rows
// were skipped, so that every row read is accounted for on screen.
func writeFileTable(w io.Writer, files []duckdb.FileResult) error {
	t := &render.Table{Columns: []string{"file", "rows read", "loaded", "rejected", "skipped"}}
	var reasons, decodings []string
	for _, f := range files {
		var skipped int64
		for reason, n := range f.RowsSkipped {
			skipped += n
			reasons = append(reasons, fmt.Sprintf("  %s: %s %s", f.File, render.Readable(n), reason))
		}
		t.Rows = append(t.Rows, []any{f.File, f.RowsRead, f.RowsLoaded, f.RowsRejected, skipped})
		if f.Decoding.WorthSaying() {
			decodings = append(decodings, fmt.Sprintf("  %s: %s", f.File, describeDecoding(f.Decoding)))
		}
	}
	if err := render.Write(w, render.FormatTable, t); err != nil {
		return err
	}
	if len(reasons) > 0 {
		sort.Strings(reasons)
		fmt.Fprintf(w, "\nSkipped on purpose:\n%s\n", strings.Join(reasons, "\n"))
	}
	if len(decodings) > 0 {
		fmt.Fprintf(w, "\nDecoded line by line:\n%s\n", strings.Join(decodings, "\n"))
	}
	return nil
}

// describeDecoding says how a file that mixed encodings or kept C1 bytes
// was decoded: "mixed encodings: 1203 lines windows-1252, 37 lines UTF-8,
// 2 C1 bytes kept". Files read in one encoding are not mentioned: there
// is nothing to check in them.
func describeDecoding(d plugin.Decoding) string {
	var parts []string
	if d.SingleByteLines > 0 {
		parts = append(parts, plural(d.SingleByteLines, "line", "lines")+" "+d.SingleByte)
	}
	if d.UTF8Lines > 0 {
		parts = append(parts, plural(d.UTF8Lines, "line", "lines")+" UTF-8")
	}
	if d.C1Kept > 0 {
		parts = append(parts, plural(d.C1Kept, "C1 byte", "C1 bytes")+" kept as control characters U+0080–U+009F")
	}
	text := strings.Join(parts, ", ")
	if d.Mixed() {
		text = "mixed encodings: " + text
	}
	return text
}

func recordCounts(records map[plugin.RecordKind]int64) string {
	names := map[plugin.RecordKind][2]string{
		plugin.KindUser:        {"user", "users"},
		plugin.KindAccount:     {"account", "accounts"},
		plugin.KindOpportunity: {"opportunity", "opportunities"},
		plugin.KindActivity:    {"activity", "activities"},
		plugin.KindAttendee:    {"attendee", "attendees"},
	}
	var parts []string
	for _, k := range plugin.RecordKinds {
		if n := records[k]; n > 0 {
			parts = append(parts, plural(n, names[k][0], names[k][1]))
		}
	}
	if len(parts) == 0 {
		return "no records"
	}
	return strings.Join(parts, ", ")
}

// printRejects shows the first rejects with file, line and field, and how
// to see them all.
func (a *app) printRejects(ctx context.Context, db *duckdb.DB, r ingest.Outcome) error {
	const shown = 10
	var total int64
	for _, f := range r.Files {
		total += f.RowsRejected
	}
	if total == 0 {
		return nil
	}
	t, err := db.Query(ctx, `SELECT file || ':' || line AS "where", coalesce(field, '') AS field, reason
		FROM rejects WHERE run_id = ? ORDER BY file, line LIMIT ?`, r.RunID, shown)
	if err != nil {
		return fmt.Errorf("listing rejects: %w", err)
	}
	fmt.Fprintf(a.stdout, "\n%s could not be read:\n", plural(total, "row", "rows"))
	if err := render.Write(a.stdout, render.FormatTable, &render.Table{Columns: t.Columns, Rows: t.Rows}); err != nil {
		return err
	}
	if total > shown {
		fmt.Fprintf(a.stdout, "… and %d more: salesaudit query --db %s \"select * from rejects where run_id = %d\"\n", total-shown, a.dbPath, r.RunID)
	}
	return nil
}
