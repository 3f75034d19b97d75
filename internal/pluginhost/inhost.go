package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/salesaudit/salesaudit/plugin"
)

// A built-in connector's code is linked into the host, so Detect asks it
// there whether it reads an input (Catalog.InProcess): an answer in
// microseconds, where starting its process to hear "not mine" costs the
// start of the whole binary and a plugin handshake. Only the connector
// chosen is then started, and reads the input in its own process.
//
// This is safe because Check is the project's own code and reads little:
// the export's directory or archive listing and a bounded head of each
// file, within its memory bounds (an iCalendar file is scanned to its end,
// a line at a time). Read, which goes through the whole of an input that
// may be hostile, stays behind the process boundary. What a process would
// have caught, the host catches here: a panic is the connector's broken
// answer, and a Check that does not answer within the start timeout is
// given up on, as a process that does not answer would be.

// inHost returns the code of e when it is a built-in connector the host
// can ask itself.
func (c *Catalog) inHost(e Entry) (plugin.Connector, bool) {
	if !e.Builtin || c.InProcess == nil {
		return nil, false
	}
	return c.InProcess(e.Name)
}

// inHostAnswer is what a built-in connector's Check returned in the host.
type inHostAnswer struct {
	result plugin.CheckResult
	err    error
}

// checkInHost asks the built-in connector e, whose code is conn, whether
// it reads path, within the start timeout. A Check still running then is
// left to end on its own (a goroutine cannot be killed), and the
// connector is reported broken, as a frozen process would be.
func (c *Catalog) checkInHost(ctx context.Context, e Entry, conn plugin.Connector, path string) (plugin.CheckResult, error) {
	timeouts, err := c.timeouts()
	if err != nil {
		return plugin.CheckResult{}, err
	}
	ctx, cancel := answerDeadline(ctx, timeouts.Start, "say whether it reads "+path)
	defer cancel()
	answered := make(chan inHostAnswer, 1) // never blocks a Check that answers late
	go func() { answered <- c.guardedCheck(ctx, e, conn, path) }()
	select {
	case a := <-answered:
		return a.result, a.err
	case <-ctx.Done():
		cause := context.Cause(ctx)
		return plugin.CheckResult{}, &Error{Connector: e.Name, Err: cause, Broken: errors.Is(cause, errNoAnswer)}
	}
}

// guardedCheck is conn's Check, with its answer as the protocol would
// carry it and a panic turned into the connector's broken answer.
func (c *Catalog) guardedCheck(ctx context.Context, e Entry, conn plugin.Connector, path string) (a inHostAnswer) {
	defer func() {
		if r := recover(); r != nil {
			// The stack is for the bug report the hint asks for.
			c.logger().Named(e.Name).Debug("Check panicked", "panic", r, "stack", string(debug.Stack()))
			why := fmt.Errorf("panicked while saying whether it reads %s: %v", path, r)
			a = inHostAnswer{err: &Error{Connector: e.Name, Err: why, Broken: true, Hint: builtinBugHint}}
		}
	}()
	res, err := conn.Check(ctx, path)
	if err != nil {
		return inHostAnswer{err: &Error{Connector: e.Name, Err: err}}
	}
	// The protocol carries a confidence of 0 to 100 (plugin's
	// checkToProto): a connector is chosen here as it would be there.
	res.Confidence = max(0, min(100, res.Confidence))
	return inHostAnswer{result: res}
}
