//go:build unix

package cli

import (
	"bytes"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// TestAnInterruptEndsTheProcessAfterItsGrace: a command that does not
// return after Ctrl-C is ended after the grace, and at once on a second
// Ctrl-C.
func TestAnInterruptEndsTheProcessAfterItsGrace(t *testing.T) {
	// Not parallel: it sends the test process signals. Run cancels on them
	// too; nothing else here listens.
	keep := make(chan os.Signal, 4)
	signal.Notify(keep, os.Interrupt) // the default action would end the test binary
	defer signal.Stop(keep)
	for _, second := range []bool{false, true} {
		exited := make(chan int, 1)
		var stderr bytes.Buffer
		go StopAfterInterrupt(300*time.Millisecond, &stderr, func(code int) { exited <- code })
		time.Sleep(50 * time.Millisecond) // let it listen
		start := time.Now()
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		if second {
			time.Sleep(20 * time.Millisecond)
			if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case code := <-exited:
			took := time.Since(start)
			if code != 130 || (!second && took < 250*time.Millisecond) || (second && took > 250*time.Millisecond) {
				t.Errorf("second interrupt %v: exit %d after %s; want 130 after the grace (300 ms), or at once on a second", second, code, took)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("second interrupt %v: not ended 5 s after Ctrl-C", second)
		}
		if !bytes.Contains(stderr.Bytes(), []byte("interrupted")) {
			t.Errorf("said %q", stderr.String())
		}
	}
}
