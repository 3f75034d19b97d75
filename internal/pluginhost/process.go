package pluginhost

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"

	"github.com/salesaudit/salesaudit/internal/remote"
)

// Process is a running connector.
type Process struct {
	Entry     Entry
	Connector *remote.Connector
	// Protocol is the protocol version the connector and host agreed on.
	Protocol int
	client   *goplugin.Client
	stderr   *tail
}

// Start launches the connector and connects to it. Process.Close, or the
// catalog's Close on any exit path, ends it.
func (c *Catalog) Start(e Entry) (*Process, error) {
	cmd, err := c.command(e)
	if err != nil {
		return nil, err
	}
	logger := c.Logger
	if logger == nil {
		logger = hclog.NewNullLogger()
	}
	stderr := newTail(200)
	config := remote.ClientConfig(cmd)
	if e.Lock != nil {
		sum, err := hex.DecodeString(e.Lock.SHA256)
		if err != nil {
			return nil, fmt.Errorf("connector %s: bad checksum in %s: %w", e.Name, LockFileName, err)
		}
		config.SecureConfig = &goplugin.SecureConfig{Checksum: sum, Hash: sha256.New()}
	}
	config.Logger = logger.Named(e.Name)
	config.Stderr = stderr
	client := goplugin.NewClient(config)
	p := &Process{Entry: e, client: client, stderr: stderr}
	c.track(p)
	remote, err := remote.Dispense(client)
	if errors.Is(err, goplugin.ErrChecksumsDoNotMatch) {
		p.Close()
		return nil, fmt.Errorf("refusing to start connector %s: %s has changed since it was installed (its SHA-256 no longer matches %s); reinstall it with 'salesaudit connectors install'",
			e.Name, e.Path, filepath.Join(filepath.Dir(e.Path), LockFileName))
	}
	if err != nil {
		p.Close()
		return nil, p.Explain(fmt.Errorf("starting: %w", err))
	}
	p.Connector = remote
	p.Protocol = client.NegotiatedVersion()
	return p, nil
}

// Close ends the connector process.
func (p *Process) Close() {
	p.client.Kill()
}

// Explain wraps an error from the connector with its name and, when the
// process has died, the tail of what it wrote to stderr (a panic's text).
func (p *Process) Explain(err error) error {
	if err == nil {
		return nil
	}
	if p.waitForExit(2 * time.Second) {
		if out := p.stderr.excerpt(); out != "" {
			return &Error{Connector: p.Entry.Name, Err: err, Stderr: out, Exited: true}
		}
		return &Error{Connector: p.Entry.Name, Err: err, Exited: true}
	}
	return &Error{Connector: p.Entry.Name, Err: err}
}

// waitForExit gives a dying process a moment to finish writing to stderr.
func (p *Process) waitForExit(wait time.Duration) bool {
	deadline := time.Now().Add(wait)
	for !p.client.Exited() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	p.stderr.waitQuiet(200 * time.Millisecond)
	return true
}

// Error is a connector's failure, with what it said before it died.
type Error struct {
	Connector string
	Err       error
	Stderr    string
	Exited    bool
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "connector %s", e.Connector)
	if e.Exited {
		b.WriteString(" exited")
	}
	fmt.Fprintf(&b, ": %v", conciseRPCError(e.Err))
	if e.Stderr != "" {
		fmt.Fprintf(&b, "\n--- last output of connector %s ---\n%s", e.Connector, e.Stderr)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// conciseRPCError drops gRPC's transport detail, which means nothing to a
// user, when the real cause is that the process went away.
func conciseRPCError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	msg := err.Error()
	if strings.Contains(msg, "code = Unavailable") || strings.Contains(msg, "error reading from server: EOF") {
		return errors.New("the connection to the connector was lost mid-stream")
	}
	return err
}
