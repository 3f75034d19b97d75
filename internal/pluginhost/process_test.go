//go:build unix

package pluginhost

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
)

// catalogOf is a catalog of the named fakes as external connectors, and
// the file their processes record their events in.
func catalogOf(t *testing.T, names ...string) (*Catalog, string) {
	t.Helper()
	dir, events := fakeDir(t, names...)
	c := &Catalog{Dirs: []string{dir}, Timeouts: Timeouts{Start: time.Second, Shutdown: 500 * time.Millisecond}}
	t.Cleanup(c.Close)
	return c, events
}

func start(t *testing.T, c *Catalog, ctx context.Context, name string) (*Process, error) {
	t.Helper()
	e, err := c.Find(name)
	if err != nil {
		t.Fatal(err)
	}
	return c.Start(ctx, e)
}

// within fails the test if f does not return within d: a hang test needs
// a deadline.
// detectWithin is c's Detection of input, which must come within five
// seconds and without an error; what names the Detect in a failure.
func detectWithin(t *testing.T, c *Catalog, input, what string) Detection {
	t.Helper()
	var found Detection
	var err error
	within(t, 5*time.Second, what, func() { found, err = c.Detect(context.Background(), input) })
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %s", what, d)
	}
}

// checkAllGone fails the test if a process the fakes recorded still runs.
func checkAllGone(t *testing.T, events string) {
	t.Helper()
	recorded, err := fake.ReadEvents(events)
	if err != nil {
		t.Fatal(err)
	}
	if len(recorded) == 0 {
		t.Fatal("the fakes recorded no process")
	}
	if left := fake.StillRunning(recorded, 3*time.Second); len(left) > 0 {
		t.Errorf("still running: %v", left)
	}
}

func TestAFrozenConnectorIsGivenUpOnAndKilled(t *testing.T) {
	t.Parallel()
	c, events := catalogOf(t, "fakefreezecheck")
	p, err := start(t, c, context.Background(), "fakefreezecheck")
	if err != nil {
		t.Fatal(err)
	}
	within(t, 5*time.Second, "Check of a frozen connector", func() {
		_, err = p.Check(context.Background(), "/some/export")
	})
	if !Broken(err) || !strings.Contains(err.Error(), "connector fakefreezecheck: no answer: it did not say whether it reads /some/export within 1s") {
		t.Errorf("error %v (broken: %v)", err, Broken(err))
	}
	within(t, 3*time.Second, "Close of a frozen connector", p.Close)
	checkAllGone(t, events)
}

func TestAConnectorThatExitsLeavingAChildIsSeenToExit(t *testing.T) {
	t.Parallel()
	c, events := catalogOf(t, "fakeorphan")
	var err error
	within(t, 5*time.Second, "Start of a connector that exits", func() {
		_, err = start(t, c, context.Background(), "fakeorphan")
	})
	if !Broken(err) || !strings.Contains(err.Error(), "exited before it started (exit status 3) without a word on stderr; run ") {
		t.Errorf("error %v", err)
	}
	c.Close()
	checkAllGone(t, events) // its child too: it was in the connector's process group
}

func TestAConnectorThatNeverStartsIsGivenUpOn(t *testing.T) {
	t.Parallel()
	c, events := catalogOf(t, "fakenever")
	var err error
	within(t, 5*time.Second, "Start of a connector that never starts", func() {
		_, err = start(t, c, context.Background(), "fakenever")
	})
	if !Broken(err) || !strings.Contains(err.Error(), "did not start within 1s: it never answered the plugin handshake") ||
		!strings.Contains(err.Error(), StartTimeoutEnv) {
		t.Errorf("error %v", err)
	}
	c.Close()
	checkAllGone(t, events)
}

func TestAStderrFloodIsKeptInBoundedMemory(t *testing.T) {
	t.Parallel()
	c, events := catalogOf(t, "fakeflood")
	c.Timeouts.Start = 20 * time.Second // time to drain 500 MB on a busy machine
	p, err := start(t, c, context.Background(), "fakeflood")
	if err != nil {
		t.Fatal(err)
	}
	p.runner.stderr.mu.Lock()
	total := p.runner.stderr.total
	p.runner.stderr.mu.Unlock()
	// The connector wrote it all before its handshake: it was all read.
	if total != 500<<20 {
		t.Errorf("read %d bytes of stderr, the connector wrote %d", total, 500<<20)
	}
	if kept := p.runner.stderr.kept(); kept > tailBytesLimit {
		t.Errorf("the tail keeps %d bytes, over its limit of %d", kept, tailBytesLimit)
	}
	if excerpt := p.runner.stderr.excerpt(); len(excerpt) > shownLineBytes+100 || !strings.Contains(excerpt, "more bytes on this line") {
		t.Errorf("excerpt of %d bytes: %.200q", len(excerpt), excerpt)
	}
	p.Close()
	checkAllGone(t, events)
}

func TestTheEndOfTheContextKillsTheConnectorAtOnce(t *testing.T) {
	t.Parallel()
	c, events := catalogOf(t, "fakeaccept")
	ctx, cancel := context.WithCancel(context.Background())
	p, err := start(t, c, ctx, "fakeaccept")
	if err != nil {
		t.Fatal(err)
	}
	cancel() // Ctrl-C
	if exited, _ := p.runner.waitExit(2 * time.Second); !exited {
		t.Error("the connector still runs 2s after its context ended")
	}
	checkAllGone(t, events)
}

func TestDetectReportsABrokenConnectorOnceAndDoesNotWaitForIt(t *testing.T) {
	t.Parallel()
	c, events := catalogOf(t, "fakeaccept", "fakenever", "fakeorphan")
	found := detectWithin(t, c, t.TempDir(), "the first Detect")
	if found.Process.Entry.Name != "fakeaccept" {
		t.Errorf("detected %s", found.Process.Entry.Name)
	}
	var skipped []string
	for _, e := range found.Skipped {
		var ce *Error
		if errors.As(e, &ce) {
			skipped = append(skipped, ce.Connector)
		}
	}
	if strings.Join(skipped, ",") != "fakenever,fakeorphan" {
		t.Errorf("skipped %v: %v", skipped, found.Skipped)
	}
	started := time.Now()
	again, err := c.Detect(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Skipped) > 0 {
		t.Errorf("the second Detect reported again: %v", again.Skipped)
	}
	if waited := time.Since(started); waited >= c.Timeouts.Start {
		t.Errorf("the second Detect took %s: it waited for the broken connectors again", waited)
	}
	recorded, _ := fake.ReadEvents(events)
	starts := map[int]bool{}
	for _, e := range recorded {
		if e.Name == "started" {
			starts[e.PID] = true
		}
	}
	if len(starts) != 4 { // fakeaccept twice, the broken ones once
		t.Errorf("%d connector processes started, want 4: %v", len(starts), recorded)
	}
	c.Close()
	checkAllGone(t, events)
}

func TestAStartTimeoutFromTheEnvironmentIsChecked(t *testing.T) {
	t.Setenv(StartTimeoutEnv, "-5s")
	_, err := (&Catalog{}).timeouts()
	if err == nil || !strings.Contains(err.Error(), StartTimeoutEnv+`="-5s": expected a positive duration`) {
		t.Errorf("error %v", err)
	}
	t.Setenv(StartTimeoutEnv, "12s")
	if got, err := (&Catalog{}).timeouts(); err != nil || got.Start != 12*time.Second {
		t.Errorf("timeouts %+v, %v", got, err)
	}
}

func TestInstallTriesTheExecutableNamedEvenByABareName(t *testing.T) {
	c, events := catalogOf(t, "fakeexit")
	dir := c.Dirs[0]
	t.Chdir(dir) // a bare name is a file here, not a command in $PATH
	_, err := c.Install(context.Background(), ExecutablePrefix+"fakeexit", t.TempDir())
	if err == nil {
		t.Fatal("a connector that exits at once was installed")
	}
	for _, want := range []string{"is not a working salesaudit connector", "exited before it started (exit status 3)", "by hand to see what it does"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), "remove it from") {
		t.Errorf("the error tells to remove what is not installed: %v", err)
	}
	c.Close()
	checkAllGone(t, events)
}

// TestAConnectorsWarningsReachTheHostsLog: a connector logs through
// plugin.Logger once served, as it warns of an export's missing optional
// column in Read. go-plugin points the served process's os.Stderr at a
// stream the host does not show; the warning must still reach the host's
// log, at its level.
func TestAConnectorsWarningsReachTheHostsLog(t *testing.T) {
	t.Parallel()
	c, _ := catalogOf(t, "fakewarn")
	logFile := filepath.Join(t.TempDir(), "host.log")
	log, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	c.Logger = hclog.New(&hclog.LoggerOptions{Level: hclog.Warn, Output: log})
	p, err := start(t, c, t.Context(), "fakewarn")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Connector.Check(t.Context(), "export"); err != nil {
		t.Fatal(err)
	}
	p.Close() // the host has read all the connector wrote once it is gone
	written, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	got := string(written)
	if !strings.Contains(got, "[WARN]") || !strings.Contains(got, "users.csv lacks the optional column Title") {
		t.Errorf("the host's log at warn level:\n%s\nwant the connector's warning", got)
	}
}
