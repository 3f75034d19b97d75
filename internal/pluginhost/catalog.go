// Package pluginhost finds connectors and runs them as go-plugin processes.
//
// Built-in connectors are compiled into the salesaudit binary but still read
// in a process of their own: the host re-executes itself as
// `salesaudit connector serve NAME`. A built-in and an external connector
// therefore cross the same process boundary and speak the same protocol, and
// a crash in either while reading never takes the host down. Only asking a
// built-in whether it reads an input, which reads a bounded head of it,
// happens in the host (see inhost.go).
package pluginhost

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/go-hclog"

	"github.com/salesaudit/salesaudit/plugin"
)

// ExecutablePrefix starts the file name of every external connector.
const ExecutablePrefix = "salesaudit-connector-"

// Entry is a connector the host can start.
type Entry struct {
	Name    string
	Builtin bool
	// Path is the executable of an external connector.
	Path string
	// Shadowed names the external executables with the same name that this
	// entry hides.
	Shadowed []string
	// Lock is the checksum recorded when the connector was installed with
	// `connectors install`; nil for a connector copied in by hand.
	Lock *LockEntry
	// installing marks an executable that Install tries out, not yet in
	// a plugin directory.
	installing bool
}

// Catalog knows where connectors are and how to start them.
type Catalog struct {
	// Builtins are the names of the connectors compiled into the binary.
	Builtins []string
	// SelfCommand returns the command that serves a built-in connector;
	// nil means re-executing the running binary.
	SelfCommand func(name string) (*exec.Cmd, error)
	// InProcess returns the code of a built-in connector, linked into the
	// host, for Detect to ask it there whether it reads an input (see
	// inhost.go); nil asks every connector in its process.
	InProcess func(name string) (plugin.Connector, bool)
	// Dirs are searched in order for external connectors.
	Dirs   []string
	Logger hclog.Logger
	// Timeouts bound the waits on connectors; zero values are the
	// defaults (see StartTimeoutEnv).
	Timeouts Timeouts

	mu      sync.Mutex
	running []*Process
	// broken holds, by connector name, why a connector failed detection:
	// it is not started again in this run (see Detect).
	broken map[string]error
}

// Close ends every connector process this catalog started and has not
// closed yet, all at once, and returns within a connector's Close time
// (see Process.Close). The host calls it on every way out, Ctrl-C
// included, so no connector outlives it. (go-plugin's CleanupClients would
// do it too, but for every client in the process: it would also kill the
// connectors of another Run going on at the same time, as in tests.)
func (c *Catalog) Close() {
	c.mu.Lock()
	running := c.running
	c.running = nil
	c.mu.Unlock()
	var wg sync.WaitGroup
	for _, p := range running {
		wg.Go(p.Close)
	}
	wg.Wait()
}

func (c *Catalog) logger() hclog.Logger {
	if c.Logger == nil {
		return hclog.NewNullLogger()
	}
	return c.Logger
}

func (c *Catalog) track(p *Process) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.running = append(c.running, p)
}

// DefaultDirs are the places external connectors are looked for: the
// directory given on the command line, then $SALESAUDIT_PLUGIN_PATH
// (colon-separated), then ~/.config/salesaudit/plugins.
func DefaultDirs(flagDir string) []string {
	var dirs []string
	if flagDir != "" {
		dirs = append(dirs, flagDir)
	}
	for _, d := range filepath.SplitList(os.Getenv("SALESAUDIT_PLUGIN_PATH")) {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".config", "salesaudit", "plugins"))
	}
	return dirs
}

// List returns every connector: built-ins first, then external ones in
// search order. A name seen twice keeps its first entry; the others are
// listed as shadowed on it.
func (c *Catalog) List() ([]Entry, error) {
	var entries []Entry
	index := map[string]int{}
	for _, name := range c.Builtins {
		index[name] = len(entries)
		entries = append(entries, Entry{Name: name, Builtin: true})
	}
	for _, dir := range c.Dirs {
		found, err := executablesIn(dir)
		if err != nil {
			return nil, err
		}
		lock, err := ReadLock(dir)
		if err != nil {
			return nil, err
		}
		for _, path := range found {
			name := strings.TrimPrefix(filepath.Base(path), ExecutablePrefix)
			if i, ok := index[name]; ok {
				entries[i].Shadowed = append(entries[i].Shadowed, path)
				continue
			}
			index[name] = len(entries)
			e := Entry{Name: name, Path: path}
			if le, ok := lock.entryFor(path); ok {
				e.Lock = &le
			}
			entries = append(entries, e)
		}
	}
	return entries, nil
}

// Find returns the connector called name.
func (c *Catalog) Find(name string) (Entry, error) {
	entries, err := c.List()
	if err != nil {
		return Entry{}, err
	}
	var names []string
	for _, e := range entries {
		if e.Name == name {
			return e, nil
		}
		names = append(names, e.Name)
	}
	return Entry{}, fmt.Errorf("no connector named %q (available: %s)", name, strings.Join(names, ", "))
}

// executablesIn lists the connector executables in dir, sorted; a missing
// directory holds none.
func executablesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("reading plugin directory %s: %w", dir, err)
	}
	var out []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ExecutablePrefix) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		// Stat follows a symlink to the executable it names.
		info, err := os.Stat(path)
		if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o111 == 0 {
			continue
		}
		out = append(out, path)
	}
	sort.Strings(out)
	return out, nil
}

func (c *Catalog) command(e Entry) (*exec.Cmd, error) {
	if !e.Builtin {
		if err := checkNotWritableByOthers(filepath.Dir(e.Path)); err != nil {
			return nil, err
		}
		if err := checkNotWritableByOthers(e.Path); err != nil {
			return nil, err
		}
		return exec.Command(e.Path), nil
	}
	if c.SelfCommand != nil {
		return c.SelfCommand(e.Name)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the salesaudit binary to serve connector %s: %w", e.Name, err)
	}
	return exec.Command(self, "connector", "serve", e.Name), nil
}
