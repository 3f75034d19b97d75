package builtin

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

// TestChecksAnswerAlikeAtOnceInOneProcess: salesaudit asks every built-in
// connector whether it reads an input in the host's process, all at once
// and for several inputs at a time (internal/pluginhost's inhost.go),
// where each used to answer in a process of its own. Every answer given
// so must be the one given alone (and, with -race, no Check may share
// state unguarded).
func TestChecksAnswerAlikeAtOnceInOneProcess(t *testing.T) {
	inputs := fixtures(t)
	type question struct{ connector, input string }
	alone := map[question]string{}
	for _, name := range Names() {
		for _, input := range inputs {
			alone[question{name, input}] = answer(name, input)
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	together := map[question]string{}
	for q := range alone {
		wg.Go(func() {
			a := answer(q.connector, q.input)
			mu.Lock()
			defer mu.Unlock()
			together[q] = a
		})
	}
	wg.Wait()
	for q, want := range alone {
		if got := together[q]; got != want {
			t.Errorf("%s on %s: %s at once, %s alone", q.connector, q.input, got, want)
		}
	}
}

// fixtures are the connectors' test exports: every folder and file one
// level down in testdata's folders.
func fixtures(t *testing.T) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "*", "*"))
	if err != nil || len(found) < 20 {
		t.Fatalf("found %d fixtures: %v", len(found), err)
	}
	return found
}

// answer is a connector's Check of input, as text.
func answer(name, input string) string {
	c, ok := Lookup(name)
	if !ok {
		return "no such connector"
	}
	res, err := c.Check(context.Background(), input)
	if err != nil {
		return "error: " + err.Error()
	}
	if res.Files == nil {
		res.Files = []plugin.FileMatch{}
	}
	return fmt.Sprintf("%+v", res)
}
