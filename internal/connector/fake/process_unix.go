//go:build unix

package fake

import (
	"os"
	"syscall"
	"time"
)

// freeze stops the process. The stop lands on the process's other
// threads a moment after the signal is sent, so the caller sleeps rather
// than return: the connector sends nothing more, stopped or continued.
func freeze() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGSTOP)
	for {
		time.Sleep(time.Hour)
	}
}

// signalZero says whether a signal could be sent to pid: it exists.
func signalZero(pid int) bool { return syscall.Kill(pid, 0) == nil }
