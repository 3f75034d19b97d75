//go:build windows

package pluginhost

import (
	"fmt"
	"os"
	"os/exec"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// processTree is a connector's job object: the connector and what it
// starts belong to it, and all of them are killed when the job is
// terminated or when its last handle closes, which the host's death does.
type processTree struct {
	mu  sync.Mutex
	job windows.Handle
}

func (t *processTree) prepare(*exec.Cmd) {}

// adopt puts the started connector in a new job that kills its processes
// when the host's handle to it closes. (A child the connector starts in
// its first instants, before adopt, escapes the job.)
func (t *processTree) adopt(p *os.Process) error {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return fmt.Errorf("creating a job object: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{
		BasicLimitInformation: windows.JOBOBJECT_BASIC_LIMIT_INFORMATION{LimitFlags: windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE},
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("setting up the job object: %w", err)
	}
	process, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(p.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("opening the connector's process: %w", err)
	}
	defer windows.CloseHandle(process)
	if err := windows.AssignProcessToJobObject(job, process); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("putting the connector in its job object: %w", err)
	}
	t.mu.Lock()
	t.job = job
	t.mu.Unlock()
	return nil
}

// kill ends every process in the job.
func (t *processTree) kill() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.job != 0 {
		_ = windows.TerminateJobObject(t.job, 1)
	}
}

// release closes the job, killing whatever is still in it.
func (t *processTree) release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.job != 0 {
		windows.CloseHandle(t.job)
		t.job = 0
	}
}

// passHostPipe has nothing to pass on Windows, where a child inherits no
// descriptors beyond the standard ones: the connector watches the host's
// process handle instead (plugin.HostPIDEnv), and the job object ends it
// with the host anyway.
func (r *processRunner) passHostPipe() error { return nil }
