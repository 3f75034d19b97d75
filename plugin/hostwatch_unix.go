//go:build unix

package plugin

import (
	"io"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// parentPollInterval is how often a connector started without the host's
// pipe checks that its parent is still the host.
const parentPollInterval = 500 * time.Millisecond

// waitForHostExit returns once the host is gone. The pipe from the host
// says so at once; without one, the connector notices that it has been
// handed to another parent (init or a subreaper).
func waitForHostExit(hostPID, pipeFD int) {
	if pipeFD >= 0 {
		// The pipe must not reach what the connector starts itself.
		syscall.CloseOnExec(pipeFD)
		host := os.NewFile(uintptr(pipeFD), "salesaudit-host")
		_, _ = io.Copy(io.Discard, host)
		return
	}
	for os.Getppid() == hostPID {
		time.Sleep(parentPollInterval)
	}
}

// killOwnProcesses kills the connector's process group, itself and its
// descendants, when the host made the connector a group leader, as it
// does: a child the connector left running would otherwise outlive both.
func killOwnProcesses() {
	if unix.Getpgrp() == os.Getpid() {
		_ = unix.Kill(0, unix.SIGKILL)
	}
}
