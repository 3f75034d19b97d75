package pluginhost

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-plugin/runner"

	"github.com/salesaudit/salesaudit/internal/remote"
	"github.com/salesaudit/salesaudit/plugin"
)

// Timeouts bound the waits on a connector that are not a read's (a read
// has its own idle timeout, --plugin-timeout).
type Timeouts struct {
	// Start is how long a connector may take to start (go-plugin's
	// handshake), and then to answer each question: Info, Check.
	Start time.Duration
	// Shutdown is how long a connector may take to stop when asked,
	// before it is killed.
	Shutdown time.Duration
}

// StartTimeoutEnv sets Timeouts.Start, for a connector that is slow to
// start (an interpreter, a network drive).
const StartTimeoutEnv = "SALESAUDIT_PLUGIN_START_TIMEOUT"

const (
	DefaultStartTimeout    = 5 * time.Second
	DefaultShutdownTimeout = time.Second
	// exitWait is how long an error waits to see whether the connector
	// died: when a connection breaks, the process is usually gone already.
	exitWait = 500 * time.Millisecond
	// killWait is how long Close waits for go-plugin to let go of a
	// connector it killed; after that the host goes on without it.
	killWait = time.Second
)

// timeouts are the catalog's Timeouts, with defaults and StartTimeoutEnv
// filled in.
func (c *Catalog) timeouts() (Timeouts, error) {
	t := c.Timeouts
	if t.Start <= 0 {
		t.Start = DefaultStartTimeout
		if v := os.Getenv(StartTimeoutEnv); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return t, fmt.Errorf("%s=%q: expected a positive duration such as 10s", StartTimeoutEnv, v)
			}
			t.Start = d
		}
	}
	if t.Shutdown <= 0 {
		t.Shutdown = DefaultShutdownTimeout
	}
	return t, nil
}

// Process is a running connector.
type Process struct {
	Entry     Entry
	Connector *remote.Connector
	// Protocol is the protocol version the connector and host agreed on.
	Protocol int
	client   *goplugin.Client
	runner   *processRunner
	timeouts Timeouts
	logger   hclog.Logger
	// stopWatch ends the watch on the context the process was started
	// in (see launch).
	stopWatch func() bool
	closeOnce sync.Once
	closed    chan struct{}
}

// Start launches the connector and connects to it, within the start
// timeout. Process.Close, or the catalog's Close on any exit path, ends
// it; so does the end of ctx (Ctrl-C), at once.
func (c *Catalog) Start(ctx context.Context, e Entry) (*Process, error) {
	cmd, err := c.command(e)
	if err != nil {
		return nil, err
	}
	if err := verifyChecksum(e); err != nil {
		return nil, err
	}
	return c.launch(ctx, e, cmd)
}

// verifyChecksum refuses a connector installed with `connectors install`
// whose executable has changed since.
func verifyChecksum(e Entry) error {
	if e.Lock == nil {
		return nil
	}
	want, err := hex.DecodeString(e.Lock.SHA256)
	if err != nil {
		return fmt.Errorf("connector %s: bad checksum in %s: %w", e.Name, LockFileName, err)
	}
	got, err := fileSHA256(e.Path)
	if err != nil {
		return fmt.Errorf("connector %s: %w", e.Name, err)
	}
	if got != hex.EncodeToString(want) {
		return fmt.Errorf("refusing to start connector %s: %s has changed since it was installed (its SHA-256 no longer matches %s); reinstall it with 'salesaudit connectors install'",
			e.Name, e.Path, filepath.Join(filepath.Dir(e.Path), LockFileName))
	}
	return nil
}

// launch runs cmd as the connector e and connects to it.
func (c *Catalog) launch(ctx context.Context, e Entry, cmd *exec.Cmd) (*Process, error) {
	timeouts, err := c.timeouts()
	if err != nil {
		return nil, err
	}
	logger := lifecycleQuiet{c.logger()}.Named(e.Name)
	p := &Process{Entry: e, runner: newProcessRunner(cmd, logger), timeouts: timeouts, logger: logger, closed: make(chan struct{})}
	config := remote.ClientConfig(nil)
	config.RunnerFunc = p.runnerFor
	config.SkipHostEnv = true
	config.StartTimeout = timeouts.Start
	config.Logger = logger
	config.Stderr = io.Discard // the runner keeps stderr's tail itself
	p.client = goplugin.NewClient(config)
	c.track(p)
	// The end of ctx (Ctrl-C) kills the connector at once, or keeps it
	// from starting: whatever waits on it then returns.
	p.stopWatch = context.AfterFunc(ctx, p.kill)
	conn, err := remote.Dispense(p.client)
	if err != nil {
		err = p.startError(ctx, err)
		go p.Close() // not waited for: the catalog's Close joins it
		return nil, err
	}
	p.Connector = conn
	p.Protocol = p.client.NegotiatedVersion()
	return p, nil
}

// runnerFor is go-plugin's RunnerFunc: the connector's command takes the
// environment go-plugin prepared in spec (handshake cookie, protocol
// versions, socket directory).
func (p *Process) runnerFor(_ hclog.Logger, spec *exec.Cmd, _ string) (runner.Runner, error) {
	base := p.runner.cmd.Env
	if base == nil {
		base = os.Environ()
	}
	p.runner.cmd.Env = slices.Concat(base, spec.Env)
	return p.runner, nil
}

// startError says why the connector did not start, in the user's terms.
func (p *Process) startError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("starting connector %s: %w", p.Entry.Name, context.Cause(ctx))
	}
	// go-plugin kills a connector that misses its start timeout: the
	// timeout is checked before the exit it caused.
	if strings.Contains(err.Error(), "timeout while waiting for plugin to start") {
		why := fmt.Errorf("did not start within %s: it never answered the plugin handshake", p.timeouts.Start)
		return &Error{Connector: p.Entry.Name, Err: why, Stderr: p.runner.stderr.excerpt(), Broken: true,
			Hint: p.removeHint() + ", or set " + StartTimeoutEnv + " higher if it is only slow"}
	}
	exited, status := p.runner.waitExit(exitWait)
	switch {
	case exited && p.runner.startErr != nil:
		return &Error{Connector: p.Entry.Name, Err: fmt.Errorf("could not be run: %w", status), Hint: p.removeHint(), Broken: true}
	case exited:
		p.runner.waitDrained(pipeGrace)
		said := p.runner.stderr.excerpt()
		why := fmt.Errorf("exited before it started (%s)%s", describeExit(status), whatItSaid(said))
		return &Error{Connector: p.Entry.Name, Err: why, Stderr: said, Hint: p.removeHint(), Broken: true}
	}
	return &Error{Connector: p.Entry.Name, Err: fmt.Errorf("could not be started: %w", err), Stderr: p.runner.stderr.excerpt(),
		Hint: p.removeHint(), Broken: true}
}

// builtinBugHint is what a user can do about a built-in connector that
// does not work.
const builtinBugHint = "this is a bug in salesaudit: please report it"

// removeHint tells the user what to do about a connector that does not
// work.
func (p *Process) removeHint() string {
	switch {
	case p.Entry.Builtin:
		return builtinBugHint
	case p.Entry.installing:
		return fmt.Sprintf("run %s by hand to see what it does", p.Entry.Path)
	}
	return fmt.Sprintf("run %s by hand to see what it does, or remove it from %s", p.Entry.Path, filepath.Dir(p.Entry.Path))
}

func whatItSaid(stderr string) string {
	if stderr == "" {
		return " without a word on stderr"
	}
	return ""
}

// describeExit is how a process ended: "exit status 3", "signal: killed".
func describeExit(status error) string {
	if status == nil {
		return "exit status 0"
	}
	return status.Error()
}

// Info asks the connector to describe itself, within the start timeout.
func (p *Process) Info(ctx context.Context) (plugin.Info, error) {
	ctx, cancel := p.answerDeadline(ctx, "describe itself")
	defer cancel()
	info, err := p.Connector.Info(ctx)
	return info, p.explainAnswer(ctx, err)
}

// Check asks the connector whether it reads path, within the start
// timeout.
func (p *Process) Check(ctx context.Context, path string) (plugin.CheckResult, error) {
	ctx, cancel := p.answerDeadline(ctx, "say whether it reads "+path)
	defer cancel()
	res, err := p.Connector.Check(ctx, path)
	return res, p.explainAnswer(ctx, err)
}

// errNoAnswer is the cause of a question's deadline.
var errNoAnswer = errors.New("no answer")

func (p *Process) answerDeadline(ctx context.Context, question string) (context.Context, context.CancelFunc) {
	return answerDeadline(ctx, p.timeouts.Start, question)
}

// answerDeadline bounds a connector's answer to question, in its process
// or in the host (checkInHost), by the start timeout.
func answerDeadline(ctx context.Context, timeout time.Duration, question string) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(ctx, timeout,
		fmt.Errorf("%w: it did not %s within %s", errNoAnswer, question, timeout))
}

// explainAnswer turns a question's failure into the connector's Error,
// naming the deadline when that is what ended it.
func (p *Process) explainAnswer(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cause := context.Cause(ctx); errors.Is(cause, errNoAnswer) {
		return &Error{Connector: p.Entry.Name, Err: cause, Broken: true}
	}
	return p.Explain(err)
}

// Broken says whether err means that the connector process is dead or
// does not answer, rather than that it refused a question: asking it
// again is pointless.
func Broken(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Exited || e.Broken)
}

// kill kills the connector and its process group at once.
func (p *Process) kill() { _ = p.runner.Kill(context.Background()) }

// Close ends the connector: asked to stop, it has Timeouts.Shutdown to do
// so before it is killed. Close returns within Shutdown and a second,
// whatever the connector does (frozen, ignoring signals, leaving
// children behind).
func (p *Process) Close() {
	p.closeOnce.Do(func() { go p.shutdown() })
	<-p.closed
}

func (p *Process) shutdown() {
	defer close(p.closed)
	if p.stopWatch != nil {
		p.stopWatch()
	}
	done := make(chan struct{})
	go func() {
		p.client.Kill()
		close(done)
	}()
	select {
	case <-done:
		return
	case <-time.After(p.timeouts.Shutdown):
	}
	p.kill()
	select {
	case <-done:
	case <-time.After(killWait):
		p.logger.Warn("went on without waiting any longer for a killed connector", "pid", p.runner.ID())
	}
}

// Explain wraps an error from the connector with its name and, when the
// process has died, the tail of what it wrote to stderr (a panic's text).
func (p *Process) Explain(err error) error {
	if err == nil {
		return nil
	}
	var known *Error
	if errors.As(err, &known) {
		return err
	}
	exited, _ := p.runner.waitExit(exitWait)
	if !exited {
		return &Error{Connector: p.Entry.Name, Err: err}
	}
	p.runner.waitDrained(pipeGrace)
	return &Error{Connector: p.Entry.Name, Err: err, Stderr: p.runner.stderr.excerpt(), Exited: true}
}

// Error is a connector's failure, with what it said before it died.
type Error struct {
	Connector string
	Err       error
	Stderr    string
	Exited    bool
	// Broken: the connector did not start or does not answer.
	Broken bool
	// Hint says what the user can do about it.
	Hint string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "connector %s", e.Connector)
	if e.Exited {
		b.WriteString(" exited")
	}
	fmt.Fprintf(&b, ": %v", conciseRPCError(e.Err))
	if e.Hint != "" {
		fmt.Fprintf(&b, "; %s", e.Hint)
	}
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

// lifecycleQuiet is the logger go-plugin gets. go-plugin logs its own view
// of a connector's end ("plugin failed to exit gracefully", "plugin
// process exited" with its status) as warnings and errors; the host says
// what happened in its own words, so those lines are demoted to debug.
// A connector's own log lines keep their level.
type lifecycleQuiet struct{ hclog.Logger }

var goPluginLifecycle = map[string]bool{
	"plugin failed to exit gracefully":        true,
	"plugin process exited":                   true,
	"error closing client during Kill":        true,
	"client":                                  true,
	"error encountered while scanning stdout": true,
	"reading plugin stderr":                   true,
}

func (l lifecycleQuiet) Warn(msg string, args ...any) {
	if goPluginLifecycle[msg] {
		l.Logger.Debug(msg, args...)
		return
	}
	l.Logger.Warn(msg, args...)
}

func (l lifecycleQuiet) Error(msg string, args ...any) {
	if goPluginLifecycle[msg] {
		l.Logger.Debug(msg, args...)
		return
	}
	l.Logger.Error(msg, args...)
}

func (l lifecycleQuiet) Named(name string) hclog.Logger { return lifecycleQuiet{l.Logger.Named(name)} }
func (l lifecycleQuiet) With(args ...any) hclog.Logger  { return lifecycleQuiet{l.Logger.With(args...)} }
func (l lifecycleQuiet) ResetNamed(name string) hclog.Logger {
	return lifecycleQuiet{l.Logger.ResetNamed(name)}
}
