package plugin

import (
	"os"
	"strconv"

	goplugin "github.com/hashicorp/go-plugin"
)

// The host tells a connector who it is through these environment
// variables, so that the connector can end itself when the host dies,
// however it dies: a host killed with kill -9 cannot end its connectors,
// and a connector stuck in a read, or one that ignores SIGTERM, would
// otherwise live on, orphaned.
const (
	// HostPIDEnv holds the host's process id. A connector watches for
	// the host only while it is the host's child: a variable inherited
	// by a grandchild, or set by hand, is ignored.
	HostPIDEnv = "SALESAUDIT_HOST_PID"
	// HostPipeEnv holds the number of a file descriptor (Unix only)
	// that reads from a pipe whose write end only the host holds: it
	// reads end-of-file the moment the host is gone, killed or not.
	HostPipeEnv = "SALESAUDIT_HOST_PIPE_FD"
)

// watchHost ends the connector, and what it started, once the host that
// started it is gone. It does nothing for a connector that was not started
// by a salesaudit host (a test, a connector run by hand).
func watchHost() {
	hostPID, err := strconv.Atoi(os.Getenv(HostPIDEnv))
	if err != nil || hostPID != os.Getppid() {
		return
	}
	pipeFD := -1
	if fd, err := strconv.Atoi(os.Getenv(HostPipeEnv)); err == nil && fd > 2 {
		pipeFD = fd
	}
	go func() {
		waitForHostExit(hostPID, pipeFD)
		endWithHost()
	}()
}

// endWithHost removes the socket directory go-plugin made for this
// connector (the host would have, had it lived), then ends the
// connector's processes.
func endWithHost() {
	if dir := os.Getenv(goplugin.EnvUnixSocketDir); dir != "" {
		_ = os.RemoveAll(dir)
	}
	killOwnProcesses()
	os.Exit(1)
}
