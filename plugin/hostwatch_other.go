//go:build !unix && !windows

package plugin

// waitForHostExit never returns where there is no way to watch the host.
func waitForHostExit(int, int) { select {} }

func killOwnProcesses() {}
