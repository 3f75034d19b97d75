package pluginhost

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/salesaudit/salesaudit/plugin"
)

// Candidate is a connector's answer about an input.
type Candidate struct {
	Entry  Entry
	Result plugin.CheckResult
	Err    error
}

// Detect asks every connector whether it reads the input at path and
// returns the running connector that accepts it with the highest
// confidence. Several equally sure answers are an error that names them,
// as is no answer at all: the user then says --connector.
func (c *Catalog) Detect(ctx context.Context, path string) (*Process, plugin.CheckResult, error) {
	entries, err := c.List()
	if err != nil {
		return nil, plugin.CheckResult{}, err
	}
	// Connectors are asked at once: starting a process is most of the
	// time a Check takes, and a user waits for all of them.
	candidates := make([]Candidate, len(entries))
	procs := make([]*Process, len(entries))
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, res, err := c.check(ctx, e, path)
			candidates[i], procs[i] = Candidate{Entry: e, Result: res, Err: err}, p
		}()
	}
	wg.Wait()
	best := -1
	tie := false
	for i, cand := range candidates {
		if cand.Err != nil || !cand.Result.Accepted {
			continue
		}
		switch {
		case best < 0 || cand.Result.Confidence > candidates[best].Result.Confidence:
			best, tie = i, false
		case cand.Result.Confidence == candidates[best].Result.Confidence:
			tie = true
		}
	}
	for i, p := range procs {
		if p != nil && (i != best || tie) {
			p.Close()
		}
	}
	if best < 0 {
		return nil, plugin.CheckResult{}, noConnectorError(path, candidates)
	}
	if tie {
		return nil, plugin.CheckResult{}, fmt.Errorf("several connectors read %s equally well (%s): choose one with --connector",
			path, strings.Join(accepting(candidates, candidates[best].Result.Confidence), ", "))
	}
	return procs[best], candidates[best].Result, nil
}

// check starts a connector and asks it about path; the process is returned
// running only if the connector accepts the input.
func (c *Catalog) check(ctx context.Context, e Entry, path string) (*Process, plugin.CheckResult, error) {
	p, err := c.Start(e)
	if err != nil {
		return nil, plugin.CheckResult{}, err
	}
	res, err := p.Connector.Check(ctx, path)
	if err != nil {
		err = p.Explain(err)
	}
	if err != nil || !res.Accepted {
		p.Close()
		return nil, res, err
	}
	return p, res, nil
}

func accepting(cs []Candidate, confidence int) []string {
	var names []string
	for _, c := range cs {
		if c.Err == nil && c.Result.Accepted && c.Result.Confidence == confidence {
			names = append(names, c.Entry.Name)
		}
	}
	sort.Strings(names)
	return names
}

func noConnectorError(path string, cs []Candidate) error {
	var reasons []string
	for _, c := range cs {
		switch {
		case c.Err != nil:
			reasons = append(reasons, fmt.Sprintf("  %s: %v", c.Entry.Name, c.Err))
		case c.Result.Reason != "":
			reasons = append(reasons, fmt.Sprintf("  %s: %s", c.Entry.Name, c.Result.Reason))
		default:
			reasons = append(reasons, fmt.Sprintf("  %s: not its format", c.Entry.Name))
		}
	}
	return fmt.Errorf("no connector recognises %s:\n%s", path, strings.Join(reasons, "\n"))
}
