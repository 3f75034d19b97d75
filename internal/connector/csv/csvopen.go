package csv

import (
	"io"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// csvReader reads one CSV file as the mapping describes it: its
// delimiter, or the one csvfile sniffs from the header line.
type csvReader struct {
	*csvfile.Reader
	closer io.Closer
	// columns index the header, its names folded.
	columns map[string]int
}

func openCSV(src *export.Source, f export.File, s settings) (*csvReader, error) {
	rc, err := src.Open(f)
	if err != nil {
		return nil, err
	}
	opts := csvfile.Options{Encoding: s.encoding, Comma: rune(s.delimiter), Sniff: s.delimiter == 0}
	r, err := csvfile.NewReader(rc, f.Name, f.Size, opts)
	if err != nil {
		_ = rc.Close()
		return nil, err
	}
	cr := &csvReader{Reader: r, closer: rc, columns: map[string]int{}}
	for i, name := range r.Header() {
		key := fold(name)
		if _, dup := cr.columns[key]; !dup {
			cr.columns[key] = i
		}
	}
	return cr, nil
}

// Close closes the file.
func (r *csvReader) Close() error { return r.closer.Close() }

// header is the file's header as written.
func (r *csvReader) header() []string { return r.Reader.Header() }

// column is the index of the named column, matched case-insensitively,
// or -1.
func (r *csvReader) column(name string) int {
	if i, ok := r.columns[fold(name)]; ok {
		return i
	}
	return -1
}
