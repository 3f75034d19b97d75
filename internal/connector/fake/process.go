package fake

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// EventsEnv names the file a fake connector process appends the events of
// its life to, one "event pid" line each: "started", "child" (a process
// it started), "hanging", "frozen". Tests read it to know which processes
// to look for, and when to act.
const EventsEnv = "SALESAUDIT_FAKE_EVENTS"

// Misbehaving are fake connectors that break as processes do, by name.
// Test binaries serve them when run under the name of a connector
// executable.
func Misbehaving() map[string]*Connector {
	return map[string]*Connector{
		// fakeaccept reads every input, and well.
		"fakeaccept": {Name: "fakeaccept", Users: 2, Activities: 20, Accept: true, Confidence: 90},
		// fakewarn logs a warning when asked to Check, as a connector
		// tells the user of an export's optional column that is missing.
		"fakewarn": {Name: "fakewarn", WarnOnCheck: "users.csv lacks the optional column Title"},
		// fakefreeze stops itself with SIGSTOP mid-read.
		"fakefreeze": {Name: "fakefreeze", Users: 2, Activities: 100, FreezeAfter: 10},
		// fakefreezecheck stops itself with SIGSTOP when asked to Check.
		"fakefreezecheck": {Name: "fakefreezecheck", FreezeOnCheck: true},
		// fakeexit exits before the handshake, saying nothing.
		"fakeexit": {Name: "fakeexit", ExitAtOnce: true},
		// fakeorphan exits before the handshake, leaving a child that
		// holds its stdout and stderr.
		"fakeorphan": {Name: "fakeorphan", ExitAtOnce: true, StartChild: true},
		// fakenever never makes the handshake, and ignores SIGTERM.
		"fakenever": {Name: "fakenever", NeverStart: true, IgnoreTerm: true},
		// fakeflood writes 500 MB on stderr, on one line, then serves
		// and reads nothing.
		"fakeflood": {Name: "fakeflood", FloodStderr: 500 << 20},
		// fakestubborn hangs mid-read with a child beside it, and
		// ignores SIGTERM.
		"fakestubborn": {Name: "fakestubborn", Users: 2, Activities: 100, HangAfter: 10, StartChild: true, IgnoreTerm: true},
	}
}

// Serve serves c as a plugin process, misbehaving first as c says.
func Serve(c *Connector) {
	Record("started", os.Getpid())
	if c.IgnoreTerm {
		signal.Ignore(syscall.SIGTERM)
	}
	if c.StartChild {
		startChild()
	}
	if c.FloodStderr > 0 {
		flood(c.FloodStderr)
	}
	if c.ExitAtOnce {
		os.Exit(3)
	}
	if c.NeverStart {
		for {
			time.Sleep(time.Hour)
		}
	}
	plugin.Serve(c)
}

// startChild starts a process that holds this one's stdout and stderr
// open for five minutes.
func startChild() {
	child := exec.Command("sleep", "300")
	child.Stdout, child.Stderr = os.Stdout, os.Stderr
	if err := child.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "fake connector: starting a child: %v\n", err)
		os.Exit(4)
	}
	Record("child", child.Process.Pid)
}

// flood writes n bytes of 'x' to stderr, without a newline.
func flood(n int64) {
	chunk := []byte(strings.Repeat("x", 64<<10))
	for n > 0 {
		size := min(n, int64(len(chunk)))
		if _, err := os.Stderr.Write(chunk[:size]); err != nil {
			return
		}
		n -= size
	}
}

// Record appends "event pid" to the file EventsEnv names, if any.
func Record(event string, pid int) {
	path := os.Getenv(EventsEnv)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = fmt.Fprintf(f, "%s %d\n", event, pid)
}

// Event is one line of an events file.
type Event struct {
	Name string
	PID  int
}

// ReadEvents reads an events file; a missing file holds none.
func ReadEvents(path string) ([]Event, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var events []Event
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		name, pid, ok := strings.Cut(lines.Text(), " ")
		n, err := strconv.Atoi(pid)
		if !ok || err != nil {
			return nil, fmt.Errorf("%s: bad event line %q", path, lines.Text())
		}
		events = append(events, Event{Name: name, PID: n})
	}
	return events, lines.Err()
}

// Running says whether the process pid runs. A zombie, dead but not yet
// reaped by its parent (init, for an orphan: where init does not reap, as
// in some containers, zombies stay), does not.
func Running(pid int) bool {
	if stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		_, fields, _ := strings.Cut(string(stat), ") ")
		return fields != "" && fields[0] != 'Z' && fields[0] != 'X'
	}
	if _, err := os.Stat("/proc/self/stat"); err == nil {
		return false // /proc works and the process is not in it
	}
	return signalZero(pid)
}

// StillRunning waits up to grace for the processes of events to end, and
// returns those that have not.
func StillRunning(events []Event, grace time.Duration) []Event {
	deadline := time.Now().Add(grace)
	for {
		var left []Event
		for _, e := range events {
			if Running(e.PID) {
				left = append(left, e)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}
