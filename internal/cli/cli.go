// Package cli is salesaudit's command line. Run is the whole program as a
// function, so tests drive it exactly as a user does.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/hashicorp/go-hclog"
	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/connector/builtin"
	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/internal/pluginhost"
	"github.com/salesaudit/salesaudit/internal/render"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// usageError marks a mistake in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// app is what every command shares.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	pluginDir      string
	logLevel       string
	// threads caps DuckDB's worker threads; 0 is one per core.
	threads    int
	connectors *pluginhost.Catalog
	// kept are the inputs this run has loaded, each load committed whole:
	// an interruption after them leaves them in the database.
	kept []string
}

// Run runs salesaudit with args (without the program name) and returns the
// exit code: 0 on success, 1 on error, 2 on bad usage.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	// Connector processes end with the host on every exit path.
	defer a.closeConnectors()
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(stderr, "salesaudit: %s\n", a.explain(ctx, err))
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "Run 'salesaudit --help' for usage.\n")
		return ExitUsage
	}
	return ExitError
}

// explain turns a cancellation by Ctrl-C into words a user expects: a
// load done before it stays in the database (each commits whole, and
// audit reports only once all are done), and nothing after it was done.
func (a *app) explain(ctx context.Context, err error) string {
	switch {
	case ctx.Err() == nil:
		return err.Error()
	case len(a.kept) == 0 || a.dbPath == duckdb.MemoryPath:
		return "interrupted: nothing was changed"
	}
	return fmt.Sprintf("interrupted: what was loaded from %s stays in %s; nothing after it was done",
		strings.Join(a.kept, ", "), a.dbPath)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "salesaudit",
		Short: "Audit how sales managers spend their time, from CRM exports",
		Long: `salesaudit loads CRM exports (Salesforce, HubSpot, Pipedrive, Dynamics 365,
Zoho, calendars, any CSV) into an embedded DuckDB database through connector
plugins, and audits how each first-line sales manager spends their time.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", "salesaudit.duckdb", "database file (:memory: for none)")
	root.PersistentFlags().StringVar(&a.pluginDir, "plugin-dir", "", "directory searched first for external connectors")
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", envOr("SALESAUDIT_LOG_LEVEL", "warn"), "log level: trace, debug, info, warn, error")
	threads := root.PersistentFlags().String("threads", envOr("SALESAUDIT_THREADS", "0"),
		"DuckDB's worker threads, to leave cores to other work (default 0: one per core; also SALESAUDIT_THREADS)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		n, err := strconv.Atoi(*threads)
		if err != nil || n < 0 {
			return usagef("--threads (or SALESAUDIT_THREADS) must be a whole number of threads, 0 for one per core: %q", *threads)
		}
		a.threads = n
		return checkPluginTimeout(cmd)
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		a.auditCommand(),
		a.reportCommand(),
		a.explainCommand(),
		a.classifyCommand(),
		a.rulesCommand(),
		a.configCommand(),
		a.orgCommand(),
		a.generateCommand(),
		a.ingestCommand(),
		a.connectorsCommand(),
		a.connectorCommand(),
		a.queryCommand(),
		a.forgetCommand(),
		a.vacuumCommand(),
		a.versionCommand(),
	)
	return root
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func (a *app) logger() hclog.Logger {
	level := hclog.LevelFromString(a.logLevel)
	if level == hclog.NoLevel {
		level = hclog.Warn
	}
	return hclog.New(&hclog.LoggerOptions{Name: "salesaudit", Level: level, Output: a.stderr})
}

// catalog is the run's connector catalog, made once the flags are parsed.
func (a *app) catalog() *pluginhost.Catalog {
	if a.connectors == nil {
		a.connectors = &pluginhost.Catalog{
			Builtins:  builtin.Names(),
			InProcess: builtin.Lookup,
			Dirs:      pluginhost.DefaultDirs(a.pluginDir),
			Logger:    a.logger(),
		}
	}
	return a.connectors
}

func (a *app) closeConnectors() {
	if a.connectors != nil {
		a.connectors.Close()
	}
}

// requireDB refuses to go on without the database file, rather than
// create an empty one by mistake.
func (a *app) requireDB() error {
	if a.dbPath == duckdb.MemoryPath {
		return nil
	}
	if _, err := os.Stat(a.dbPath); err != nil {
		return fmt.Errorf("no database at %s: load an export first with 'salesaudit ingest PATH', or name one with --db", a.dbPath)
	}
	return nil
}

// openExisting opens the database for the commands that only read it,
// read-only: they read a file the user cannot write, and share it with
// other readers. The audit's TEMP tables, macros and variables live in
// memory, which a read-only database allows.
func (a *app) openExisting(ctx context.Context) (*duckdb.DB, error) {
	return a.openExistingWith(ctx, duckdb.Options{ReadOnly: true})
}

// openExistingWith opens the database, which must exist, with opts and the
// --threads flag.
func (a *app) openExistingWith(ctx context.Context, opts duckdb.Options) (*duckdb.DB, error) {
	if err := a.requireDB(); err != nil {
		return nil, err
	}
	opts.Threads = a.threads
	return duckdb.Open(ctx, a.dbPath, opts)
}

// exactArgs is cobra.ExactArgs with a usage error and a clearer message.
// optionalFile is the Args of a command that takes at most one file name
// (the init commands, which default it).
func optionalFile(_ *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usagef("expected at most one file name, got %d", len(args))
	}
	return nil
}

// fileOr is the file named on the command line, or def.
func fileOr(args []string, def string) string {
	if len(args) == 1 {
		return args[0]
	}
	return def
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("expected %s, got %d argument(s)", what, len(args))
		}
		return nil
	}
}

// plural is a count and its noun, the count written as in tables.
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return render.Readable(n) + " " + many
}
