// Package fake is a connector for tests: it makes up a small, valid export
// and can be told to misbehave part way (panic, hang, lie in its summary)
// or as a process (freeze, exit at once, never start, flood stderr, leave
// a child behind): see Serve.
package fake

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// Connector streams Users users and Activities activities, one per row of
// two made-up files, "users.csv" and "activities.csv".
type Connector struct {
	Name       string
	Users      int
	Activities int
	// RejectEvery makes every n-th activity row a reject instead.
	RejectEvery int
	// PanicAfter panics after that many activities (0: never).
	PanicAfter int
	// HangAfter stops sending after that many activities until cancelled.
	HangAfter int
	// MiscountRows declares one row more than were read.
	MiscountRows bool
	// Accept is what Check answers for every path.
	Accept     bool
	Confidence int
	// WarnOnCheck is logged as a warning through plugin.Logger when
	// asked to Check, once the plugin is served.
	WarnOnCheck string

	// The process misbehaves as these say (see Serve); each event of
	// its life is recorded in the file EventsEnv names.

	// FreezeAfter stops the process (SIGSTOP, as a debugger or a
	// suspended laptop freezes it) after that many activities.
	FreezeAfter int
	// FreezeOnCheck stops the process when asked to Check.
	FreezeOnCheck bool
	// ExitAtOnce exits with status 3 before the plugin handshake,
	// saying nothing.
	ExitAtOnce bool
	// NeverStart never makes the plugin handshake.
	NeverStart bool
	// FloodStderr writes that many bytes to stderr, on one line, before
	// serving.
	FloodStderr int64
	// StartChild starts a child process that holds the connector's
	// stdout and stderr, and sleeps.
	StartChild bool
	// IgnoreTerm ignores SIGTERM.
	IgnoreTerm bool
}

var _ plugin.Connector = (*Connector)(nil)

// Info describes the fake connector.
func (c *Connector) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{
		Name: c.Name, Version: "0.0.1", ProtocolVersion: plugin.ProtocolVersion,
		Description:  "made-up records for tests",
		Kinds:        []plugin.RecordKind{plugin.KindUser, plugin.KindActivity},
		FilePatterns: []string{"users.csv", "activities.csv"},
	}, nil
}

// Check accepts or refuses every path, as configured.
func (c *Connector) Check(_ context.Context, path string) (plugin.CheckResult, error) {
	if c.FreezeOnCheck {
		Record("frozen", os.Getpid())
		freeze()
	}
	if c.WarnOnCheck != "" {
		plugin.Logger().Warn(c.WarnOnCheck, "path", path)
	}
	if !c.Accept {
		return plugin.CheckResult{Reason: "the fake connector reads nothing real"}, nil
	}
	return plugin.CheckResult{Accepted: true, Confidence: c.Confidence, Reason: "fake accepts " + path}, nil
}

// Start is the first activity's start; activity i starts i hours later.
var Start = time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC)

// Read streams the made-up export.
func (c *Connector) Read(ctx context.Context, _ plugin.ReadRequest, w *plugin.Writer) error {
	users := w.File("users.csv")
	for i := range c.Users {
		u := plugin.User{ID: userID(i), Name: fmt.Sprintf("User %d", i), Active: true, Line: int64(i + 2)}
		if i > 0 {
			u.ManagerID = userID(0)
		}
		if err := users.User(u); err != nil {
			return err
		}
	}
	if err := users.Done(int64(c.Users)); err != nil {
		return err
	}
	return c.readActivities(ctx, w.File("activities.csv"))
}

func (c *Connector) readActivities(ctx context.Context, f *plugin.FileWriter) error {
	for i := range c.Activities {
		if c.PanicAfter > 0 && i == c.PanicAfter {
			panic(fmt.Sprintf("fake connector: planted panic at activity %d", i))
		}
		if c.HangAfter > 0 && i == c.HangAfter {
			Record("hanging", os.Getpid())
			<-ctx.Done()
			return ctx.Err()
		}
		if c.FreezeAfter > 0 && i == c.FreezeAfter {
			Record("frozen", os.Getpid())
			freeze()
		}
		line := int64(i + 2)
		if c.RejectEvery > 0 && (i+1)%c.RejectEvery == 0 {
			if err := f.Reject(plugin.Reject{Line: line, Field: "Subject", Reason: "planted reject", Kind: plugin.KindActivity}); err != nil {
				return err
			}
			continue
		}
		start := Start.Add(time.Duration(i) * time.Hour)
		err := f.Activity(plugin.Activity{
			ID: fmt.Sprintf("act-%d", i), Kind: plugin.ActivityMeeting, Subject: fmt.Sprintf("Meeting %d", i),
			OwnerID: userID(i % max(c.Users, 1)), StartAt: start, EndAt: start.Add(30 * time.Minute),
			DurationSeconds: 1800, Line: line,
		})
		if err != nil {
			return err
		}
	}
	rows := int64(c.Activities)
	if c.MiscountRows {
		rows++
	}
	return f.Done(rows)
}

func userID(i int) string { return fmt.Sprintf("user-%d", i) }
