package export

import (
	"context"
	"io"

	"github.com/salesaudit/salesaudit/plugin"
)

// Connector is a whole plugin.Connector declared rather than written:
// what it is (About), what its exports look like (Layout), and a function
// that reads one file. Check is the layout's; Read takes the options and
// reads the layout's files in order. A connector whose
// files depend on each other (users before the activities that name them)
// keeps that state in ReadFile's closure, or reads the export itself with
// ReadExport (listing the files with Layout.Find); one whose files a
// Layout cannot describe, even recognised by their content
// (FilePattern.Recognize), checks it with CheckExport. Both still take
// their Info from the declaration.
type Connector struct {
	// About is the connector's Info; FilePatterns default to the
	// layout's, Options to the help of Options and ProtocolVersion to
	// the SDK's.
	About plugin.Info
	// Options are the Read options it understands; ReadFile finds their
	// values where their Set functions put them.
	Options plugin.Options
	Layout  Layout
	// ReadFile reads one file of the export into out, usually with
	// plugin.ReadRows and a function that maps one row.
	ReadFile func(ctx context.Context, req plugin.ReadRequest, f Found, r io.Reader, out *plugin.FileWriter) error
	// ReadExport, when set, is the connector's Read, instead of the
	// layout's files read with ReadFile: it parses req.Options itself
	// (into a value of its own, so that Reads do not share them).
	ReadExport func(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error
	// CheckExport, when set, is the connector's Check, instead of the
	// layout's.
	CheckExport func(ctx context.Context, path string) (plugin.CheckResult, error)
}

var _ plugin.Connector = (*Connector)(nil)

// Info describes the connector.
func (c *Connector) Info(context.Context) (plugin.Info, error) {
	info := c.About
	if info.FilePatterns == nil {
		info.FilePatterns = c.Layout.Patterns()
	}
	if info.Options == nil && len(c.Options) > 0 {
		info.Options = c.Options.Help()
	}
	if info.ProtocolVersion == 0 {
		info.ProtocolVersion = plugin.ProtocolVersion
	}
	return info, nil
}

// Check is CheckExport, or else the layout's Check.
func (c *Connector) Check(ctx context.Context, path string) (plugin.CheckResult, error) {
	if c.CheckExport != nil {
		return c.CheckExport(ctx, path)
	}
	return c.Layout.Check(ctx, path)
}

// Read is ReadExport, or else reads every file of the export at req.Path
// with ReadFile.
func (c *Connector) Read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	if c.ReadExport != nil {
		return c.ReadExport(ctx, req, w)
	}
	if err := c.Options.Parse("the "+c.About.Name+" connector", req.Options); err != nil {
		return err
	}
	return c.Layout.Read(ctx, req.Path, func(f Found, r io.Reader) error {
		return c.ReadFile(ctx, req, f, r, w.File(f.Name))
	})
}
