package cli

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/connector/builtin"
	"github.com/salesaudit/salesaudit/internal/connector/csv"
	"github.com/salesaudit/salesaudit/internal/pluginhost"
	"github.com/salesaudit/salesaudit/internal/render"
	"github.com/salesaudit/salesaudit/plugin"
)

type connectorsOptions struct {
	format string
}

func (a *app) connectorsCommand() *cobra.Command {
	var opts connectorsOptions
	cmd := &cobra.Command{
		Use:   "connectors",
		Short: "List the built-in and external connectors",
		Long: `List every connector salesaudit can use: the built-in ones, then external
plugins (executables named salesaudit-connector-NAME) found in --plugin-dir,
$SALESAUDIT_PLUGIN_PATH and ~/.config/salesaudit/plugins. Each is started and
asked for its version, protocol and the records it produces.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := render.ParseFormat(opts.format)
			if err != nil {
				return usageError{err}
			}
			return a.listConnectors(cmd.Context(), format)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "table", "output format: table, csv, json, markdown")
	cmd.AddCommand(a.connectorsInstallCommand(), a.connectorsMappingCommand())
	return cmd
}

func (a *app) listConnectors(ctx context.Context, format render.Format) error {
	catalog := a.catalog()
	entries, err := catalog.List()
	if err != nil {
		return err
	}
	// Connectors are started all at once, each within its start timeout:
	// one that never starts delays the list by that much, not more.
	t := &render.Table{Columns: []string{"name", "version", "protocol", "records", "kind", "description"}}
	t.Rows = make([][]any, len(entries))
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Go(func() { t.Rows[i] = describeConnector(ctx, catalog, e) })
	}
	wg.Wait()
	return a.writeTable(format, t)
}

// describeConnector starts a connector and asks for its Info; a connector
// that fails to start is listed with its error (its first line: what
// happened and what to do) rather than hidden.
func describeConnector(ctx context.Context, catalog *pluginhost.Catalog, e pluginhost.Entry) []any {
	where := "built-in"
	if !e.Builtin {
		where = e.Path
		if e.Lock == nil {
			where += " (not installed with 'connectors install': unverified)"
		}
	}
	if len(e.Shadowed) > 0 {
		where += " (hides " + strings.Join(e.Shadowed, ", ") + ")"
	}
	failed := func(err error) []any {
		first, _, _ := strings.Cut(err.Error(), "\n")
		return []any{e.Name, "", nil, "", where, "error: " + first}
	}
	p, err := catalog.Start(ctx, e)
	if err != nil {
		return failed(err)
	}
	defer p.Close()
	info, err := p.Info(ctx)
	if err != nil {
		return failed(err)
	}
	kinds := make([]string, len(info.Kinds))
	for i, k := range info.Kinds {
		kinds[i] = string(k)
	}
	return []any{info.Name, info.Version, int64(p.Protocol), strings.Join(kinds, ", "), where, info.Description}
}

// connectorCommand groups commands about one connector; `serve` is how the
// host runs its built-in connectors as plugin processes.
func (a *app) connectorCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:    "connector",
		Short:  "Commands for a single connector",
		Hidden: true,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "serve NAME",
		Short: "Serve a built-in connector over the plugin protocol (used by salesaudit itself)",
		Args:  exactArgs(1, "a connector name"),
		RunE: func(_ *cobra.Command, args []string) error {
			return serveBuiltin(args[0])
		},
	})
	return cmd
}

func serveBuiltin(name string) error {
	c, ok := builtin.Lookup(name)
	if !ok {
		return fmt.Errorf("no built-in connector named %q", name)
	}
	plugin.Serve(c)
	return nil
}

func (a *app) connectorsInstallCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "install PATH",
		Short: "Install a connector executable and record its checksum",
		Long: `Copy a connector executable into the plugin directory (--plugin-dir, else
~/.config/salesaudit/plugins) as salesaudit-connector-NAME, NAME being the
name the connector gives itself, and record its SHA-256 in the directory's
salesaudit-plugins.lock. salesaudit then refuses to start it if the file
changes, and refuses plugin directories other users can write to.`,
		Example: `  go build -o salesaudit-connector-jsonl ./plugin/examples/jsonl
  salesaudit connectors install ./salesaudit-connector-jsonl`,
		Args: exactArgs(1, "the path of a connector executable"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := a.pluginDir
			if dir == "" {
				dirs := pluginhost.DefaultDirs("")
				dir = dirs[len(dirs)-1]
			}
			installed, err := a.catalog().Install(cmd.Context(), args[0], dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Installed connector %s %s as %s (SHA-256 %s).\n", installed.Name, installed.Version, installed.Path, installed.SHA256)
			return nil
		},
	}
}

type mappingInitOptions struct {
	force bool
}

// connectorsMappingCommand writes the csv connector's mapping template.
func (a *app) connectorsMappingCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mapping",
		Short: "Work with the csv connector's column mapping",
	}
	var opts mappingInitOptions
	initCmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented mapping template for the csv connector (default " + csv.MappingFileName + ")",
		Long: `Write a commented template of the YAML mapping the csv connector reads:
which CSV file holds which records, which column holds which field, value
maps ("Done" means completed), date formats and time zones. Fill in your
column names, put it next to your CSV files as ` + csv.MappingFileName + `, and
run 'salesaudit audit DIR'.`,
		Args: optionalFile,
		RunE: func(_ *cobra.Command, args []string) error {
			path := fileOr(args, csv.MappingFileName)
			if err := writeNewFile(path, csv.MappingTemplate, opts.force); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Wrote a mapping template to %s: fill in your column names and put it next to your CSV files.\n", path)
			return nil
		},
	}
	initCmd.Flags().BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	cmd.AddCommand(initCmd)
	return cmd
}
