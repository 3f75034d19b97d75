package generate

import (
	"fmt"
	"io"

	"github.com/salesaudit/salesaudit/internal/crmexport/salesforcecsv"
)

// csvFile is one file of the Salesforce Data Export being written:
// salesforcecsv's writer, which knows the format, and the file under it.
type csvFile struct {
	*salesforcecsv.Writer
	name   string
	closer io.Closer
	// ids caches spelt-out IDs: the same owners, accounts and contacts
	// come back row after row.
	ids idCache
}

func newCSVFile(out io.WriteCloser, o salesforcecsv.Object) *csvFile {
	return &csvFile{Writer: salesforcecsv.NewWriter(out, salesforcecsv.DataExport, o), name: o.File, closer: out}
}

// id writes an ID; the empty one is an empty field, or the null sentinel
// in a lookup field.
func (f *csvFile) id(id sfID) { f.String(f.ids.text(id)) }

// close flushes and closes the file; the first error of any write wins.
func (f *csvFile) close() error {
	err := f.Close()
	if err != nil {
		err = fmt.Errorf("writing %s: %w", f.name, err)
	}
	if cerr := f.closer.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing %s: %w", f.name, cerr)
	}
	return err
}

// idCache remembers the last ID spelt out in each of its slots.
type idCache struct {
	keys  [1024]sfID
	texts [1024]string
}

func (c *idCache) text(id sfID) string {
	if id == 0 {
		return ""
	}
	slot := (uint64(id) ^ uint64(id)>>idKindShift) % uint64(len(c.keys))
	if c.keys[slot] != id {
		c.keys[slot] = id
		c.texts[slot] = id.String()
	}
	return c.texts[slot]
}
