// Package plugintest is the conformance kit for salesaudit connectors.
//
// Connect and ReadAll drive a connector exactly as the host does, over the
// real gRPC protocol, so a connector's own tests see what the host will see.
package plugintest

import (
	"context"
	"fmt"
	"testing"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/salesaudit/salesaudit/internal/remote"
	"github.com/salesaudit/salesaudit/plugin"
)

// Host is a connector as the host sees it, over the real protocol: Info,
// Check and Read (which checks the connector's summary).
type Host = remote.Connector

// Sink is what a Host's Read streams into: Collector is one.
type Sink = remote.Sink

// The errors a Host's Read returns when the connector's stream ends without
// its summary (it died) or the summary disagrees with what arrived.
var (
	ErrNoSummary       = remote.ErrNoSummary
	ErrSummaryMismatch = remote.ErrSummaryMismatch
)

// Connect serves c in-process over a real gRPC connection and returns the
// host's view of it. The connection is closed when the test ends.
func Connect(t testing.TB, c plugin.Connector) *Host {
	t.Helper()
	client, _ := goplugin.TestPluginGRPCConn(t, false, map[string]goplugin.Plugin{
		plugin.PluginName: remote.Pair(c),
	})
	t.Cleanup(func() { _ = client.Close() })
	raw, err := client.Dispense(plugin.PluginName)
	if err != nil {
		t.Fatalf("dispensing connector: %v", err)
	}
	return raw.(*Host)
}

// Collector is a Sink that keeps everything it receives, reading
// the records back from the spooled files as the host would load them.
// An attendee comes back inside its activity when it was sent inside it,
// and in Attendees when it was streamed on its own; its line is the one
// the host stores (its activity's when it had none of its own).
type Collector struct {
	Users         []plugin.User
	Accounts      []plugin.Account
	Opportunities []plugin.Opportunity
	Activities    []plugin.Activity
	Attendees     []plugin.Attendee
	Rejected      []plugin.Reject
	Progressed    []plugin.Progress
	// Files maps each record's ID (attendees: activity ID) to its file.
	Files map[string]string
	// Dir, if set, is where the connector writes its files (t.TempDir(),
	// so that the test removes them whatever happens); else the read
	// makes a temporary directory of its own.
	Dir string
	// activities finds an activity by input file and ID; nested holds the
	// attendees sent inside an activity that has not arrived yet (its
	// file may come later).
	activities map[[2]string]int
	nested     map[[2]string][]plugin.Attendee
}

// SpoolDir is Dir.
func (c *Collector) SpoolDir() string { return c.Dir }

// Spooled reads the records of a spooled file.
func (c *Collector) Spooled(f plugin.SpooledFile) error {
	if c.Files == nil {
		c.Files = map[string]string{}
		c.activities = map[[2]string]int{}
		c.nested = map[[2]string][]plugin.Attendee{}
	}
	return readSpooled(f, func(file string, r *spoolRow) error {
		switch f.Table {
		case "users":
			u := r.user()
			c.Users, c.Files[u.ID] = append(c.Users, u), file
		case "accounts":
			a := r.account()
			c.Accounts, c.Files[a.ID] = append(c.Accounts, a), file
		case "opportunities":
			o := r.opportunity()
			c.Opportunities, c.Files[o.ID] = append(c.Opportunities, o), file
		case "activities":
			c.addActivity(file, r.activity())
		case "activity_attendees":
			c.addAttendee(file, r.attendee(), f.Records[file][plugin.KindAttendee] > 0)
		default:
			return fmt.Errorf("%s: a connector spooled a file of %s", f.Path, f.Table)
		}
		return nil
	})
}

func (c *Collector) addActivity(file string, a plugin.Activity) {
	key := [2]string{file, a.ID}
	a.Attendees = c.nested[key]
	delete(c.nested, key)
	c.activities[key] = len(c.Activities)
	c.Activities, c.Files[a.ID] = append(c.Activities, a), file
}

// addAttendee keeps an attendee: on its own when its file declared
// attendees of their own (the SDK counts no nested one), else in its
// activity.
func (c *Collector) addAttendee(file string, a plugin.Attendee, alone bool) {
	if alone {
		c.Attendees = append(c.Attendees, a)
		return
	}
	key := [2]string{file, a.ActivityID}
	a.ActivityID = ""
	if i, ok := c.activities[key]; ok {
		c.Activities[i].Attendees = append(c.Activities[i].Attendees, a)
		return
	}
	c.nested[key] = append(c.nested[key], a)
}

// Rejects keeps the rejects.
func (c *Collector) Rejects(r []plugin.Reject) error {
	c.Rejected = append(c.Rejected, r...)
	return nil
}

// Progress keeps the progress reports.
func (c *Collector) Progress(p plugin.Progress) { c.Progressed = append(c.Progressed, p) }

// ReadAll reads req through the protocol and returns everything streamed
// with the verified summary.
func ReadAll(t testing.TB, c plugin.Connector, req plugin.ReadRequest) (*Collector, plugin.Summary, error) {
	t.Helper()
	host := Connect(t, c)
	got := Collector{Dir: t.TempDir()}
	summary, err := host.Read(context.Background(), req, &got)
	// The files are read: what the caller compares is the records.
	got.Dir = ""
	return &got, summary, err
}

// CancellingSink cancels the read as soon as the first message arrives (a
// file, rejects or progress) and keeps what arrives: a connector's tests
// use it to check that the connector stops when the host cancels.
type CancellingSink struct {
	Collector
	Cancel func()
}

// Spooled cancels, then reads the file.
func (s *CancellingSink) Spooled(f plugin.SpooledFile) error {
	s.Cancel()
	return s.Collector.Spooled(f)
}

// Rejects cancels, then keeps the rejects.
func (s *CancellingSink) Rejects(r []plugin.Reject) error {
	s.Cancel()
	return s.Collector.Rejects(r)
}

// Progress cancels, then keeps the report.
func (s *CancellingSink) Progress(p plugin.Progress) {
	s.Cancel()
	s.Collector.Progress(p)
}
