//go:build unix

package pluginhost

import (
	"context"
	"errors"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/fake"
	"github.com/salesaudit/salesaudit/plugin"
)

// builtinCatalog is a catalog whose built-in connectors are the fakes
// named in code: Detect asks each in the host with its code there, and a
// connector started is served by this test binary as the fake of its name
// (fake.Misbehaving), recording its process in the events file returned.
func builtinCatalog(t *testing.T, code map[string]plugin.Connector) (*Catalog, string) {
	t.Helper()
	names := slices.Sorted(maps.Keys(code))
	dir, events := fakeDir(t, names...)
	c := &Catalog{
		Builtins: names,
		SelfCommand: func(name string) (*exec.Cmd, error) {
			return exec.Command(filepath.Join(dir, ExecutablePrefix+name)), nil
		},
		InProcess: func(name string) (plugin.Connector, bool) {
			conn, ok := code[name]
			return conn, ok
		},
		Timeouts: Timeouts{Start: time.Second, Shutdown: 500 * time.Millisecond},
	}
	t.Cleanup(c.Close)
	return c, events
}

// checkFunc is a connector that only answers Check, with itself.
type checkFunc func(ctx context.Context, path string) (plugin.CheckResult, error)

func (f checkFunc) Info(context.Context) (plugin.Info, error) { return plugin.Info{}, nil }
func (f checkFunc) Check(ctx context.Context, path string) (plugin.CheckResult, error) {
	return f(ctx, path)
}
func (f checkFunc) Read(context.Context, plugin.ReadRequest, *plugin.Writer) error {
	return errors.New("reads nothing")
}

// startedPIDs are the processes the fakes recorded starting.
func startedPIDs(t *testing.T, events string) []string {
	t.Helper()
	recorded, err := fake.ReadEvents(events)
	if err != nil {
		t.Fatal(err)
	}
	var pids []string
	for _, e := range recorded {
		if e.Name == "started" {
			pids = append(pids, strconv.Itoa(e.PID))
		}
	}
	return pids
}

func TestDetectAsksTheBuiltinsInTheHostAndStartsOnlyTheOneChosen(t *testing.T) {
	t.Parallel()
	// Started, fakeexit would exit at once and fakenever would never
	// answer: Detect would report them. Asked in the host, they decline.
	c, events := builtinCatalog(t, map[string]plugin.Connector{
		"fakeaccept": fake.Misbehaving()["fakeaccept"],
		"fakeexit":   &fake.Connector{Name: "fakeexit"},
		"fakenever":  &fake.Connector{Name: "fakenever"},
	})
	input := t.TempDir()
	found := detectWithin(t, c, input, "Detect")
	if found.Process.Entry.Name != "fakeaccept" || len(found.Skipped) > 0 {
		t.Fatalf("detected %s, skipped %v", found.Process.Entry.Name, found.Skipped)
	}
	// The answer is the process's, which reads the input.
	if !found.Check.Accepted || found.Check.Reason != "fake accepts "+input {
		t.Errorf("check %+v", found.Check)
	}
	if pids := startedPIDs(t, events); len(pids) != 1 || pids[0] != found.Process.runner.ID() {
		t.Errorf("processes started %v, want only the chosen connector's, %s", pids, found.Process.runner.ID())
	}
	c.Close()
	checkAllGone(t, events)
}

func TestAPanicInABuiltinsCheckIsItsBrokenAnswer(t *testing.T) {
	t.Parallel()
	var asked atomic.Int32
	c, events := builtinCatalog(t, map[string]plugin.Connector{
		"fakeaccept": fake.Misbehaving()["fakeaccept"],
		"fakepanic": checkFunc(func(context.Context, string) (plugin.CheckResult, error) {
			asked.Add(1)
			panic("planted panic in Check")
		}),
	})
	found, err := c.Detect(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(found.Skipped) != 1 {
		t.Fatalf("skipped %v, want the panicking connector", found.Skipped)
	}
	var ce *Error
	if !errors.As(found.Skipped[0], &ce) || ce.Connector != "fakepanic" || !Broken(ce) {
		t.Errorf("the panic was reported as %#v", found.Skipped[0])
	}
	for _, want := range []string{"connector fakepanic: panicked while saying whether it reads ", "planted panic in Check", builtinBugHint} {
		if !strings.Contains(found.Skipped[0].Error(), want) {
			t.Errorf("the error lacks %q: %v", want, found.Skipped[0])
		}
	}
	again, err := c.Detect(context.Background(), t.TempDir())
	if err != nil || len(again.Skipped) > 0 || asked.Load() != 1 {
		t.Errorf("the second Detect: %v, skipped %v; the panicking connector was asked %d times, want once", err, again.Skipped, asked.Load())
	}
	c.Close()
	checkAllGone(t, events)
}

func TestABuiltinsCheckThatNeverAnswersInTheHostIsGivenUpOn(t *testing.T) {
	t.Parallel()
	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	c, events := builtinCatalog(t, map[string]plugin.Connector{
		"fakeaccept": fake.Misbehaving()["fakeaccept"],
		// It does not even look at its context.
		"fakefreezecheck": checkFunc(func(context.Context, string) (plugin.CheckResult, error) {
			<-stuck
			return plugin.CheckResult{}, nil
		}),
	})
	input := t.TempDir()
	found := detectWithin(t, c, input, "Detect beside a Check that never returns")
	want := "connector fakefreezecheck: no answer: it did not say whether it reads " + input + " within 1s"
	if len(found.Skipped) != 1 || !Broken(found.Skipped[0]) || !strings.Contains(found.Skipped[0].Error(), want) {
		t.Errorf("skipped %v, want %q", found.Skipped, want)
	}
	c.Close()
	checkAllGone(t, events)
}
