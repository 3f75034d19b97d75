package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// InterruptGrace is how long salesaudit lets a command wind down after
// Ctrl-C (or SIGTERM) before it ends the process anyway.
const InterruptGrace = 3 * time.Second

// StopAfterInterrupt ends the process with exit code 130 when a command
// has not returned grace after an interrupt: Run cancels the command at
// once, and waits on connectors are bounded, but a DuckDB statement
// finishes what it started. Ending then is safe: the database is
// transactional, so an unfinished load is undone when the file is next
// opened, and the connectors end themselves when their host is gone. A
// second interrupt ends it at once. main runs it beside Run; tests run
// Run alone.
func StopAfterInterrupt(grace time.Duration, stderr io.Writer, exit func(int)) {
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	<-signals
	select {
	case <-signals:
	case <-time.After(grace):
	}
	fmt.Fprintln(stderr, "salesaudit: interrupted: stopped; an unfinished load is undone when the database is next opened")
	exit(130)
}
