package pluginhost

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin/runner"

	"github.com/salesaudit/salesaudit/plugin"
)

const (
	// pipeGrace is how long the host goes on reading a connector's
	// stdout and stderr once the connector has exited, for the last
	// words of a crash; a descendant that still holds the pipes after
	// that is not waited for.
	pipeGrace = 500 * time.Millisecond
	// forwardedStderrBytes is how much of a connector's stderr is passed
	// on to go-plugin, which logs it at the levels the lines give (see
	// --log-level); the rest goes only to the bounded tail, so that a
	// connector flooding stderr cannot flood the user's terminal.
	forwardedStderrBytes = 1 << 20
)

// processRunner runs a connector executable for go-plugin (it is the
// client's RunnerFunc) and gives the guarantees go-plugin's own runner
// lacks, on which every wait on a connector relies:
//
//   - the connector runs in a process group of its own (a job object on
//     Windows), killed whole when the connector exits or is killed, so
//     that nothing it started outlives it;
//   - the connector has exited when its process has, not when the last
//     holder of its stdout and stderr lets go: go-plugin waits for those
//     pipes, so a connector that exits leaving a child holding them
//     would otherwise hang the host;
//   - stderr is drained into a bounded tail, however much is written;
//   - the connector holds the read end of a pipe whose write end only
//     the host holds, so that it sees the host die (plugin.HostPipeEnv).
type processRunner struct {
	cmd    *exec.Cmd
	logger hclog.Logger
	stderr *tail
	tree   processTree

	stdout    *pipeReader
	errPipe   *pipeReader
	forwarded *io.PipeReader
	// childEnds are the pipe ends the connector inherits, closed in the
	// host once it has started; hostEnd is the host's end of the pipe the
	// connector watches.
	childEnds []*os.File
	hostEnd   *os.File
	pid       int

	// mu guards process and killed: Kill may come at any time, from the
	// end of the context the connector was started in.
	mu      sync.Mutex
	process *os.Process
	killed  bool

	// exited is closed once the process has exited and been reaped,
	// waitErr being how it ended; drained once stderr has been read to
	// its end or abandoned.
	exited  chan struct{}
	waitErr error
	drained chan struct{}
	// startErr is why the process could not be started at all.
	startErr error
}

var _ runner.Runner = (*processRunner)(nil)

func newProcessRunner(cmd *exec.Cmd, logger hclog.Logger) *processRunner {
	return &processRunner{
		cmd: cmd, logger: logger, stderr: newTail(),
		exited: make(chan struct{}), drained: make(chan struct{}),
	}
}

// Start starts the connector with its stdout and stderr on pipes of the
// host's own.
func (r *processRunner) Start(context.Context) error {
	stdout, err := r.pipeToHost()
	if err != nil {
		return r.failed(err)
	}
	stderr, err := r.pipeToHost()
	if err != nil {
		return r.failed(err)
	}
	r.cmd.Stdin = nil // a connector has no business with the user's terminal
	r.cmd.Stdout, r.cmd.Stderr = r.childEnds[0], r.childEnds[1]
	r.cmd.Env = append(r.cmd.Env, plugin.HostPIDEnv+"="+strconv.Itoa(os.Getpid()))
	if err := r.passHostPipe(); err != nil {
		return r.failed(err)
	}
	r.tree.prepare(r.cmd)
	if err := r.startProcess(); err != nil {
		return r.failed(err)
	}
	r.closeChildEnds()
	r.stdout = &pipeReader{file: stdout}
	r.errPipe = &pipeReader{file: stderr}
	forwarded, forward := io.Pipe()
	r.forwarded = forwarded
	go r.drainStderr(forward)
	go r.wait()
	return nil
}

// errKilledBeforeStart is a start that came after Kill.
var errKilledBeforeStart = errors.New("stopped before it started")

// startProcess starts the command and takes hold of its processes, unless
// Kill came first; a Kill that comes while it starts kills it once held.
func (r *processRunner) startProcess() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.killed {
		return errKilledBeforeStart
	}
	if err := r.cmd.Start(); err != nil {
		return err
	}
	r.process, r.pid = r.cmd.Process, r.cmd.Process.Pid
	if err := r.tree.adopt(r.process); err != nil {
		r.logger.Warn("the connector runs without the host's hold on its processes", "error", err)
	}
	return nil
}

// pipeToHost makes a pipe from the connector to the host and returns the
// host's end.
func (r *processRunner) pipeToHost() (*os.File, error) {
	read, write, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	r.childEnds = append(r.childEnds, write)
	return read, nil
}

// failed releases what Start made when the connector could not start.
func (r *processRunner) failed(err error) error {
	r.closeChildEnds()
	if r.hostEnd != nil {
		r.hostEnd.Close()
	}
	r.waitErr, r.startErr = err, err
	close(r.exited)
	close(r.drained)
	return err
}

func (r *processRunner) closeChildEnds() {
	for _, f := range r.childEnds {
		f.Close()
	}
	r.childEnds = nil
}

// drainStderr reads the connector's stderr to its end into the tail, and
// passes its first megabyte on to go-plugin.
func (r *processRunner) drainStderr(forward *io.PipeWriter) {
	defer close(r.drained)
	defer forward.Close()
	room := forwardedStderrBytes
	buf := make([]byte, 32<<10)
	for {
		n, err := r.errPipe.Read(buf)
		_, _ = r.stderr.Write(buf[:n])
		if room > 0 && n > 0 {
			sent := min(n, room)
			room -= sent
			_, _ = forward.Write(buf[:sent])
			if room == 0 {
				forward.Close()
			}
		}
		if err != nil {
			return
		}
	}
}

// wait reaps the connector, kills what it left running in its group, and
// stops reading its pipes shortly after.
func (r *processRunner) wait() {
	r.waitErr = r.cmd.Wait()
	r.tree.kill()
	close(r.exited)
	select {
	case <-r.drained:
	case <-time.After(pipeGrace):
	}
	r.stdout.Close()
	r.errPipe.Close()
	r.hostEnd.Close()
	r.tree.release()
}

// Kill kills the connector and every process in its group, or keeps it
// from starting.
func (r *processRunner) Kill(context.Context) error {
	r.mu.Lock()
	r.killed = true
	process := r.process
	r.mu.Unlock()
	r.tree.kill()
	if process != nil {
		if err := process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return err
		}
	}
	return nil
}

// Wait returns once the process has exited, however long a descendant
// keeps its pipes open.
func (r *processRunner) Wait(context.Context) error {
	<-r.exited
	return r.waitErr
}

// waitExit says whether the connector has exited within d, and how.
func (r *processRunner) waitExit(d time.Duration) (bool, error) {
	select {
	case <-r.exited:
		return true, r.waitErr
	case <-time.After(d):
		return false, nil
	}
}

// waitDrained waits, for at most d, until stderr has been read to its
// end: an error then shows all the connector said.
func (r *processRunner) waitDrained(d time.Duration) {
	select {
	case <-r.drained:
	case <-time.After(d):
	}
}

func (r *processRunner) Stdout() io.ReadCloser { return r.stdout }
func (r *processRunner) Stderr() io.ReadCloser { return r.forwarded }
func (r *processRunner) Name() string          { return r.cmd.Path }

// ID is the process id ("0" if it never started: go-plugin kills nothing,
// and removes no socket directory, for an empty ID).
func (r *processRunner) ID() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strconv.Itoa(r.pid)
}

// Diagnose adds nothing to go-plugin's message: the host says itself what
// went wrong (startError).
func (r *processRunner) Diagnose(context.Context) string { return "" }

func (r *processRunner) PluginToHost(network, addr string) (string, string, error) {
	return network, addr, nil
}

func (r *processRunner) HostToPlugin(network, addr string) (string, string, error) {
	return network, addr, nil
}

// pipeReader is the host's end of a pipe that the host may close while
// go-plugin reads it: the read then ends as at the end of the pipe,
// without an error for go-plugin to log.
type pipeReader struct {
	file *os.File
	once sync.Once
}

func (p *pipeReader) Read(b []byte) (int, error) {
	n, err := p.file.Read(b)
	if errors.Is(err, os.ErrClosed) {
		err = io.EOF
	}
	return n, err
}

func (p *pipeReader) Close() error {
	p.once.Do(func() { p.file.Close() })
	return nil
}
