//go:build !unix

package fake

import "time"

// freeze sleeps for ever where a process cannot stop itself.
func freeze() {
	for {
		time.Sleep(time.Hour)
	}
}

// signalZero cannot tell where there are no signals: a process is taken
// to be gone.
func signalZero(int) bool { return false }
