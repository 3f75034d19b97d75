package export

import (
	"context"
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
)

// ReadSource is a Connector's ReadExport for a connector that reads the
// export itself: it parses the Read's options with parse (into a value of
// the Read's own, so that two Reads share nothing), opens the export at
// req.Path and hands both to read, closing the export after. what names
// the export in the error of one that cannot be opened ("HubSpot
// export"); an options error is parse's, returned as it is.
func ReadSource[O any](what string, parse func(map[string]string) (O, error),
	read func(ctx context.Context, req plugin.ReadRequest, opts O, src *Source, w *plugin.Writer) error,
) func(context.Context, plugin.ReadRequest, *plugin.Writer) error {
	return func(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
		opts, err := parse(req.Options)
		if err != nil {
			return err
		}
		src, err := Open(req.Path)
		if err != nil {
			return fmt.Errorf("opening the %s: %w", what, err)
		}
		defer src.Close()
		return read(ctx, req, opts, src, w)
	}
}
