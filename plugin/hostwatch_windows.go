//go:build windows

package plugin

import (
	"errors"

	"golang.org/x/sys/windows"
)

// waitForHostExit returns once the host process has ended. Windows has
// no pipe from the host (no inherited descriptors beyond the standard
// ones); the host's process handle says when it ends. The host's job
// object ends the connector too; this is the connector's own guarantee.
func waitForHostExit(hostPID, _ int) {
	host, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(hostPID))
	if errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
		return // no such process: the host is gone already
	}
	if err != nil {
		select {} // the host cannot be watched: its job object still ends us
	}
	defer windows.CloseHandle(host)
	_, _ = windows.WaitForSingleObject(host, windows.INFINITE)
}

// killOwnProcesses has nothing to do on Windows: the host's job object,
// closed with the host, ends what the connector started.
func killOwnProcesses() {}
