//go:build unix

package plugin

import (
	"os"
	"syscall"
	"testing"
	"time"
)

func TestTheHostPipeSaysWhenTheHostIsGone(t *testing.T) {
	read, write, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// waitForHostExit owns the descriptor it is given, as a connector
	// owns the one its host passes: give it a copy of its own.
	fd, err := syscall.Dup(int(read.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	read.Close()
	gone := make(chan struct{})
	go func() {
		waitForHostExit(os.Getppid(), fd)
		close(gone)
	}()
	select {
	case <-gone:
		t.Fatal("the host was taken for gone while its end of the pipe was open")
	case <-time.After(200 * time.Millisecond):
	}
	write.Close() // what the host's death does
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the host's end of the pipe closed, and the connector did not notice within 5s")
	}
}

func TestWithoutAPipeTheConnectorWatchesItsParent(t *testing.T) {
	gone := make(chan struct{})
	go func() {
		// The parent is not this pid: the host is taken for gone.
		waitForHostExit(os.Getppid()+1, -1)
		close(gone)
	}()
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("a connector whose parent is not its host did not notice within 5s")
	}
}
