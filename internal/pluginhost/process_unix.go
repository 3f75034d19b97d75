//go:build unix

package pluginhost

import (
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/salesaudit/salesaudit/plugin"
)

// processTree is a connector's process group: the connector leads it, and
// what it starts joins it unless it leaves on purpose (setsid).
type processTree struct {
	mu   sync.Mutex
	pgid int
}

// prepare makes the connector the leader of a new process group. It also
// keeps the terminal's Ctrl-C from reaching the connector: the host
// decides when its connectors end.
func (t *processTree) prepare(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pgid = 0
}

func (t *processTree) adopt(p *os.Process) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pgid = p.Pid
	return nil
}

// kill kills every process in the group.
func (t *processTree) kill() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pgid > 0 { // never -0: that is the host's own group
		_ = unix.Kill(-t.pgid, unix.SIGKILL)
	}
}

// release forgets the group once it is dead, so that a late kill cannot
// reach a group that took its number since.
func (t *processTree) release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pgid = 0
}

// passHostPipe gives the connector the read end of a pipe whose write end
// only the host holds (close-on-exec, so no other child inherits it): the
// connector reads end-of-file when the host is gone, however it died.
func (r *processRunner) passHostPipe() error {
	read, write, err := os.Pipe()
	if err != nil {
		return err
	}
	fd := 3 + len(r.cmd.ExtraFiles)
	r.cmd.ExtraFiles = append(r.cmd.ExtraFiles, read)
	r.childEnds = append(r.childEnds, read)
	r.hostEnd = write
	r.cmd.Env = append(r.cmd.Env, plugin.HostPipeEnv+"="+strconv.Itoa(fd))
	return nil
}
