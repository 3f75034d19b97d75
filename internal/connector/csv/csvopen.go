package csv

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// csvReader reads one CSV file as the mapping describes it. csvfile reads
// comma-separated files only; other delimiters are swapped with the comma
// as the bytes come in and swapped back in every text that comes out (see
// delimiterSwap).
type csvReader struct {
	*csvfile.Reader
	closer io.Closer
	swap   delimiterSwap
	// columns index the header, its names folded.
	columns map[string]int
}

// sniffBytes is how much of a file is looked at to find its delimiter: the
// header is within it in any real export.
const sniffBytes = 64 << 10

func openCSV(src *export.Source, f export.File, s settings) (*csvReader, error) {
	rc, err := src.Open(f)
	if err != nil {
		return nil, err
	}
	buffered := bufio.NewReaderSize(rc, sniffBytes)
	delimiter := s.delimiter
	if delimiter == 0 {
		head, err := buffered.Peek(sniffBytes)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			_ = rc.Close()
			return nil, fmt.Errorf("reading %s: %w", f.Name, err)
		}
		delimiter = sniffDelimiter(head)
	}
	swap := delimiterSwap(delimiter)
	var in io.Reader = buffered
	if swap.active() {
		in = &swapReader{r: buffered, swap: swap}
	}
	r, err := csvfile.NewReader(in, f.Name, f.Size, csvfile.Options{Encoding: s.encoding})
	if err != nil {
		_ = rc.Close()
		return nil, err
	}
	cr := &csvReader{Reader: r, closer: rc, swap: swap, columns: map[string]int{}}
	for i, name := range r.Header() {
		key := fold(swap.restore(name))
		if _, dup := cr.columns[key]; !dup {
			cr.columns[key] = i
		}
	}
	return cr, nil
}

// Close closes the file.
func (r *csvReader) Close() error { return r.closer.Close() }

// header is the file's header as written.
func (r *csvReader) header() []string {
	out := make([]string, len(r.Reader.Header()))
	for i, name := range r.Reader.Header() {
		out[i] = r.swap.restore(name)
	}
	return out
}

// column is the index of the named column, matched case-insensitively,
// or -1.
func (r *csvReader) column(name string) int {
	if i, ok := r.columns[fold(name)]; ok {
		return i
	}
	return -1
}

// Next reads the next row; a malformed row's excerpt is restored.
func (r *csvReader) Next() (csvfile.Row, error) {
	row, err := r.Reader.Next()
	var malformed *csvfile.RowError
	if errors.As(err, &malformed) {
		malformed.Raw = r.swap.restore(malformed.Raw)
	}
	return row, err
}

// Excerpt is the row as written, for a reject.
func (r *csvReader) Excerpt(row csvfile.Row) string { return r.swap.restore(row.Raw()) }

// delimiterSwap is the delimiter that the comma and it trade places with,
// or 0 when the file is comma-separated. Swapping is a bijection on bytes,
// so parsing the swapped stream with commas splits the rows exactly where
// the delimiter would, and quoting works unchanged. The delimiters are
// ASCII, which never occurs inside a multi-byte UTF-8 character nor means
// anything else in Windows-1252 or ISO-8859-1, so swapping before decoding
// is safe.
type delimiterSwap byte

func (s delimiterSwap) active() bool { return s != 0 && s != ',' }

func (s delimiterSwap) swapByte(b byte) byte {
	switch b {
	case byte(s):
		return ','
	case ',':
		return byte(s)
	}
	return b
}

// restore undoes the swap in a text read from the file.
func (s delimiterSwap) restore(v string) string {
	if !s.active() || (strings.IndexByte(v, ',') < 0 && strings.IndexByte(v, byte(s)) < 0) {
		return v
	}
	b := []byte(v)
	for i := range b {
		b[i] = s.swapByte(b[i])
	}
	return string(b)
}

type swapReader struct {
	r    io.Reader
	swap delimiterSwap
}

func (sr *swapReader) Read(p []byte) (int, error) {
	n, err := sr.r.Read(p)
	for i := range p[:n] {
		p[i] = sr.swap.swapByte(p[i])
	}
	return n, err
}

// delimiters are the field separators a file may use.
var delimiters = []byte{',', ';', '\t', '|'}

// sniffDelimiter picks the delimiter that occurs most often outside quotes
// in the first line: a header has one between every two column names.
func sniffDelimiter(head []byte) byte {
	counts := map[byte]int{}
	quoted := false
	for _, b := range head {
		if b == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if b == '\n' {
			break
		}
		counts[b]++
	}
	best := byte(',')
	for _, d := range delimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}
