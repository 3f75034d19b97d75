package pluginhost

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// Installed is a connector that Install put in place.
type Installed struct {
	Name, Version, Path, SHA256 string
}

// Install copies the connector executable at src into dir as
// salesaudit-connector-NAME, NAME being what the connector calls itself,
// and records its SHA-256 in dir's lock file. The executable is started
// once first, as any connector is (timeouts, logger), and asked for its
// Info, so that only a working connector of a supported protocol is
// installed.
func (c *Catalog) Install(ctx context.Context, src, dir string) (Installed, error) {
	info, err := c.probe(ctx, src)
	if err != nil {
		return Installed{}, fmt.Errorf("%s is not a working salesaudit connector: %w", src, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Installed{}, err
	}
	if err := checkNotWritableByOthers(dir); err != nil {
		return Installed{}, err
	}
	dst := filepath.Join(dir, ExecutablePrefix+info.Name)
	if err := copyExecutable(src, dst); err != nil {
		return Installed{}, fmt.Errorf("installing %s: %w", dst, err)
	}
	sum, err := fileSHA256(dst)
	if err != nil {
		return Installed{}, err
	}
	lock, err := ReadLock(dir)
	if err != nil {
		return Installed{}, err
	}
	absSrc, _ := filepath.Abs(src)
	lock.Plugins[info.Name] = LockEntry{
		File: filepath.Base(dst), SHA256: sum, Version: info.Version, Protocol: info.ProtocolVersion,
		Source: absSrc, Installed: time.Now().UTC().Truncate(time.Second),
	}
	if err := lock.write(dir); err != nil {
		return Installed{}, fmt.Errorf("recording the checksum: %w", err)
	}
	return Installed{Name: info.Name, Version: info.Version, Path: dst, SHA256: sum}, nil
}

// probe starts an executable as a connector and returns its Info. It is
// not yet in a plugin directory, so the directory's checks do not apply.
func (c *Catalog) probe(ctx context.Context, path string) (plugin.Info, error) {
	st, err := os.Stat(path)
	if err != nil {
		return plugin.Info{}, err
	}
	if !st.Mode().IsRegular() || st.Mode().Perm()&0o111 == 0 {
		return plugin.Info{}, fmt.Errorf("not an executable file")
	}
	// An absolute path: exec.Command would look a bare name up in $PATH.
	abs, err := filepath.Abs(path)
	if err != nil {
		return plugin.Info{}, err
	}
	p, err := c.launch(ctx, Entry{Name: filepath.Base(path), Path: abs, installing: true}, exec.Command(abs))
	if err != nil {
		return plugin.Info{}, err
	}
	defer p.Close()
	info, err := p.Info(ctx)
	if err != nil {
		return plugin.Info{}, err
	}
	if info.Name == "" {
		return plugin.Info{}, fmt.Errorf("it gives no name")
	}
	return info, nil
}

// copyExecutable copies src to dst through a temporary file, so that a
// running copy of dst is never half-written.
func copyExecutable(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
