package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/salesaudit/salesaudit/internal/audit"
)

type configInitOptions struct {
	force bool
}

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Work with the audit's configuration file",
	}
	var opts configInitOptions
	initCmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write the default configuration to FILE (default salesaudit.yaml) to edit",
		Long: `Write the default configuration, with comments, to FILE (default
salesaudit.yaml): classification rules and keywords, duration estimates,
key-account settings, the target profile and every rule's thresholds. Edit
it and pass it to 'salesaudit audit --config FILE'.`,
		Args: optionalFile,
		RunE: func(_ *cobra.Command, args []string) error {
			path := fileOr(args, "salesaudit.yaml")
			return a.writeDefaultConfig(path, opts.force)
		},
	}
	initCmd.Flags().BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	cmd.AddCommand(initCmd)
	return cmd
}

func (a *app) writeDefaultConfig(path string, force bool) error {
	if err := writeNewFile(path, audit.DefaultConfigYAML, force); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Wrote the default configuration to %s; edit it and pass it with --config %s.\n", path, path)
	return nil
}

// writeNewFile writes data to path, refusing to replace an existing file
// unless force is set: a template must not overwrite the user's edits.
func writeNewFile(path string, data []byte, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return errFileExists(path)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// checkNewFile refuses at once a file that writeNewFile would refuse,
// for a command that has work to do before it writes: the user hears it
// before that work rather than after. (writeNewFile still refuses a file
// made in between.)
func checkNewFile(path string, force bool) error {
	if _, err := os.Lstat(path); err == nil && !force {
		return errFileExists(path)
	}
	return nil
}

func errFileExists(path string) error {
	return fmt.Errorf("%s exists: use --force to overwrite it", path)
}
