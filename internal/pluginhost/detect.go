package pluginhost

import (
	"context"
	"fmt"
	"sort"
	"strings"

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
	var best *Process
	var bestResult plugin.CheckResult
	var candidates []Candidate
	tie := false
	for _, e := range entries {
		p, res, err := c.check(ctx, e, path)
		candidates = append(candidates, Candidate{Entry: e, Result: res, Err: err})
		if err != nil || !res.Accepted {
			continue
		}
		switch {
		case best == nil || res.Confidence > bestResult.Confidence:
			if best != nil {
				best.Close()
			}
			best, bestResult, tie = p, res, false
			continue
		case res.Confidence == bestResult.Confidence:
			tie = true
		}
		p.Close()
	}
	if best == nil {
		return nil, plugin.CheckResult{}, noConnectorError(path, candidates)
	}
	if tie {
		best.Close()
		return nil, plugin.CheckResult{}, fmt.Errorf("several connectors read %s equally well (%s): choose one with --connector",
			path, strings.Join(accepting(candidates, bestResult.Confidence), ", "))
	}
	return best, bestResult, nil
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
