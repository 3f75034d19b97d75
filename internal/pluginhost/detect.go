package pluginhost

import (
	"context"
	"errors"
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

// Detection is the connector Detect found for an input.
type Detection struct {
	// Process is the connector that reads the input, running.
	Process *Process
	Check   plugin.CheckResult
	// Skipped are the connectors that broke when asked (did not start,
	// died or panicked, did not answer in time) while another read the
	// input. Each is reported once: a later Detect on the same catalog
	// does not ask it again, nor list it here.
	Skipped []error
}

// errBrokenBefore stands for a connector that a previous Detect found
// broken.
var errBrokenBefore = errors.New("not asked: it failed earlier in this run")

// Detect asks every connector at once whether it reads the input at path,
// each within its start timeout, and returns the running connector that
// accepts it with the highest confidence. Several equally sure answers
// are an error that names them, as is no answer at all: the user then
// says --connector. Built-in connectors are asked in the host (see
// inhost.go); only the one chosen is started.
func (c *Catalog) Detect(ctx context.Context, path string) (Detection, error) {
	entries, err := c.List()
	if err != nil {
		return Detection{}, err
	}
	candidates, procs := c.askAll(ctx, entries, path)
	best, tie := c.startChosen(ctx, path, candidates, procs)
	for i, p := range procs {
		if p != nil && (i != best || tie || ctx.Err() != nil) {
			go p.Close() // not waited for: the catalog's Close joins it
		}
	}
	if ctx.Err() != nil {
		return Detection{}, context.Cause(ctx)
	}
	skipped := c.rememberBroken(candidates)
	if best < 0 {
		return Detection{}, noConnectorError(path, candidates)
	}
	if tie {
		return Detection{}, fmt.Errorf("several connectors read %s equally well (%s): choose one with --connector",
			path, strings.Join(accepting(candidates, candidates[best].Result.Confidence), ", "))
	}
	return Detection{Process: procs[best], Check: candidates[best].Result, Skipped: skipped}, nil
}

// askAll asks every connector about path in parallel: a built-in in the
// host, any other in its process, returned running if it accepts. A
// connector found broken before is not asked.
func (c *Catalog) askAll(ctx context.Context, entries []Entry, path string) ([]Candidate, []*Process) {
	candidates := make([]Candidate, len(entries))
	procs := make([]*Process, len(entries))
	var wg sync.WaitGroup
	for i, e := range entries {
		if c.brokenBefore(e.Name) {
			candidates[i] = Candidate{Entry: e, Err: errBrokenBefore}
			continue
		}
		wg.Go(func() {
			if conn, ok := c.inHost(e); ok {
				res, err := c.checkInHost(ctx, e, conn, path)
				candidates[i] = Candidate{Entry: e, Result: res, Err: err}
				return
			}
			p, res, err := c.check(ctx, e, path)
			candidates[i], procs[i] = Candidate{Entry: e, Result: res, Err: err}, p
		})
	}
	wg.Wait()
	return candidates, procs
}

// startChosen returns the candidate that accepts the input most surely,
// as mostConfident does, once it runs. A built-in asked in the host is
// started here and asked again in its process, whose answer counts, as
// any connector's does: should it fail to start or answer otherwise, the
// next surest is chosen, as it would have been had it been asked in its
// process from the start. Each is started at most once: it then runs, or
// no longer accepts.
func (c *Catalog) startChosen(ctx context.Context, path string, candidates []Candidate, procs []*Process) (best int, tie bool) {
	for {
		best, tie = mostConfident(candidates)
		if best < 0 || tie || procs[best] != nil || ctx.Err() != nil {
			return best, tie
		}
		p, res, err := c.check(ctx, candidates[best].Entry, path)
		candidates[best].Result, candidates[best].Err, procs[best] = res, err, p
	}
}

// check starts a connector and asks it about path; the process is returned
// running only if the connector accepts the input.
func (c *Catalog) check(ctx context.Context, e Entry, path string) (*Process, plugin.CheckResult, error) {
	p, err := c.Start(ctx, e)
	if err != nil {
		return nil, plugin.CheckResult{}, err
	}
	res, err := p.Check(ctx, path)
	if err != nil || !res.Accepted {
		go p.Close()
		return nil, res, err
	}
	return p, res, nil
}

func (c *Catalog) brokenBefore(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.broken[name] != nil
}

// rememberBroken records the connectors that broke in this detection and
// returns their errors.
func (c *Catalog) rememberBroken(candidates []Candidate) []error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, cand := range candidates {
		if !Broken(cand.Err) {
			continue
		}
		if c.broken == nil {
			c.broken = map[string]error{}
		}
		c.broken[cand.Entry.Name] = cand.Err
		errs = append(errs, cand.Err)
	}
	return errs
}

// mostConfident is the index of the candidate that accepts with the
// highest confidence (-1 if none does), and whether another is as sure.
func mostConfident(candidates []Candidate) (best int, tie bool) {
	best = -1
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
	return best, tie
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
