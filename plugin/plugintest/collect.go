// Package plugintest is the conformance kit for salesaudit connectors.
//
// Connect and ReadAll drive a connector exactly as the host does, over the
// real gRPC protocol, so a connector's own tests see what the host will see.
package plugintest

import (
	"context"
	"testing"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/salesaudit/salesaudit/plugin"
)

// Connect serves c in-process over a real gRPC connection and returns the
// host's view of it. The connection is closed when the test ends.
func Connect(t testing.TB, c plugin.Connector) *plugin.RemoteConnector {
	t.Helper()
	client, _ := goplugin.TestPluginGRPCConn(t, false, map[string]goplugin.Plugin{
		plugin.PluginName: &plugin.GRPCPlugin{Impl: c},
	})
	t.Cleanup(func() { _ = client.Close() })
	raw, err := client.Dispense(plugin.PluginName)
	if err != nil {
		t.Fatalf("dispensing connector: %v", err)
	}
	return raw.(*plugin.RemoteConnector)
}

// Collector is a plugin.Sink that keeps everything it receives.
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
}

// Batch keeps the batch's records.
func (c *Collector) Batch(b *plugin.Batch) error {
	if c.Files == nil {
		c.Files = map[string]string{}
	}
	c.Users = append(c.Users, b.Users...)
	c.Accounts = append(c.Accounts, b.Accounts...)
	c.Opportunities = append(c.Opportunities, b.Opportunities...)
	c.Activities = append(c.Activities, b.Activities...)
	c.Attendees = append(c.Attendees, b.Attendees...)
	for _, u := range b.Users {
		c.Files[u.ID] = b.File
	}
	for _, a := range b.Accounts {
		c.Files[a.ID] = b.File
	}
	for _, o := range b.Opportunities {
		c.Files[o.ID] = b.File
	}
	for _, a := range b.Activities {
		c.Files[a.ID] = b.File
	}
	return nil
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
	remote := Connect(t, c)
	var got Collector
	summary, err := remote.Read(context.Background(), req, &got)
	return &got, summary, err
}
