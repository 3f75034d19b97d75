package apipages

import (
	"context"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// ScanPage is ReadPage for a page whose records wait for later files (users
// sent once a later file has given their managers, say), as plugin.Table's
// Scan is to its Read: every record is mapped, rejected or skipped, and
// t.Finish runs, but the file is not marked done: the rows read are
// returned for the caller's Done once the records are sent.
func ScanPage(ctx context.Context, src *export.Source, f export.File, page Page, t plugin.Table[Record]) (int64, error) {
	open := &openFile{RowOutput: t.Out}
	t.Out = open
	err := ReadPage(ctx, src, f, page, t)
	return open.rows, err
}

// openFile is a file's output that keeps the rows read instead of marking
// the file done.
type openFile struct {
	plugin.RowOutput
	rows int64
}

func (o *openFile) Done(rows int64) error {
	o.rows = rows
	return nil
}
