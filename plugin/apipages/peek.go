package apipages

import (
	"io"

	"github.com/salesaudit/salesaudit/plugin/export"
)

// Peek is the first record of the saved page in f, decoded as Fields,
// for telling what a page holds by its members without reading it whole:
// no more than limit bytes of the file are read. isPage is false when f
// is not such a page (not JSON, no records array under page.Keys, or a
// first record that is not an object); first is nil for a page without
// records, which only the file's name can tell.
func Peek(src *export.Source, f export.File, page Page, limit int64) (first *Fields, isPage bool) {
	rc, err := src.Open(f)
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	return PeekIn(io.LimitReader(rc, limit), page)
}

// PeekIn is Peek of the page read from r.
func PeekIn(r io.Reader, page Page) (first *Fields, isPage bool) {
	raw, err := FirstIn(r, page)
	if err != nil || raw == nil {
		return nil, err == nil
	}
	first, err = NewFields(0, raw, "")
	return first, err == nil
}
