package generate

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// csvWriter writes one file of a Salesforce Data Export the way the
// weekly export does: every field in double quotes (quotes doubled,
// newlines kept inside the field), CRLF line ends, booleans as 0/1,
// datetimes as "YYYY-MM-DD HH:MM:SS" in UTC and the null sentinel in
// empty lookups. It writes straight into its buffer: no row is ever built
// as a string.
type csvWriter struct {
	name    string
	columns int
	w       *bufio.Writer
	closer  io.Closer
	// line is the line the next row starts on (the header is line 1); a
	// field with newlines makes its row span several lines.
	line int64
	rows int64
	// fields counts the current row's fields, to catch a row writer that
	// went out of step with its header.
	fields int
	err    error
	// ids caches spelt-out IDs: the same owners, accounts and contacts
	// come back row after row.
	ids idCache
}

// idCache remembers the last ID spelt out in each of its slots.
type idCache struct {
	keys  [1024]sfID
	texts [1024][18]byte
}

func (c *idCache) text(id sfID) []byte {
	slot := (uint64(id) ^ uint64(id)>>idKindShift) % uint64(len(c.keys))
	if c.keys[slot] != id {
		c.keys[slot] = id
		appendID(c.texts[slot][:0], id)
	}
	return c.texts[slot][:]
}

const writeBufferSize = 256 << 10

func newCSVWriter(name string, out io.WriteCloser, header []string) *csvWriter {
	w := &csvWriter{name: name, columns: len(header), w: bufio.NewWriterSize(out, writeBufferSize), closer: out, line: 1}
	for _, h := range header {
		w.str(h)
	}
	w.endHeader()
	return w
}

func (w *csvWriter) endHeader() {
	w.endRow()
	w.rows = 0
}

// beginRow says on which line the row about to be written starts.
func (w *csvWriter) beginRow() int64 { return w.line }

// open starts a field: the separator and the opening quote.
func (w *csvWriter) open() {
	if w.fields > 0 {
		w.w.WriteString(`,"`)
	} else {
		w.w.WriteByte('"')
	}
	w.fields++
}

// str writes a text field.
func (w *csvWriter) str(s string) {
	w.open()
	w.text(s)
	w.w.WriteByte('"')
}

// safe writes a field known to hold neither quotes nor newlines (the
// generator's own constants), without looking.
func (w *csvWriter) safe(s string) {
	w.open()
	w.w.WriteString(s)
	w.w.WriteByte('"')
}

// text writes part of a field, quotes doubled.
func (w *csvWriter) text(s string) {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		w.w.WriteString(s[:i+1])
		w.w.WriteByte('"')
		s = s[i+1:]
	}
	w.w.WriteString(s)
	if strings.IndexByte(s, '\n') >= 0 {
		w.line += int64(strings.Count(s, "\n"))
	}
}

// subject writes a subject made of a template's parts around its value.
func (w *csvWriter) subject(s subject) {
	w.open()
	w.text(s.pre)
	w.text(s.arg)
	w.text(s.post)
	w.w.WriteByte('"')
}

func (w *csvWriter) empty() { w.safe("") }

// lookup writes a lookup field: the ID, or the null sentinel.
func (w *csvWriter) lookup(id sfID) {
	if id == 0 {
		w.safe(nullLookup)
		return
	}
	w.id(id)
}

// id writes an ID, or nothing for the empty one (AccountId is left empty
// rather than given the sentinel).
func (w *csvWriter) id(id sfID) {
	w.open()
	if id != 0 {
		w.w.Write(w.ids.text(id))
	}
	w.w.WriteByte('"')
}

func (w *csvWriter) boolean(v bool) {
	if v {
		w.safe("1")
	} else {
		w.safe("0")
	}
}

func (w *csvWriter) int(n int64) {
	w.open()
	w.w.Write(strconv.AppendInt(w.w.AvailableBuffer(), n, 10))
	w.w.WriteByte('"')
}

// amount writes money with at most two decimals, as Salesforce does.
func (w *csvWriter) amount(v float64) {
	w.open()
	w.w.Write(strconv.AppendFloat(w.w.AvailableBuffer(), v, 'f', -1, 64))
	w.w.WriteByte('"')
}

// datetime writes a timestamp; the zero time is an empty field.
func (w *csvWriter) datetime(t time.Time) {
	w.open()
	if !t.IsZero() {
		w.w.Write(appendDateTime(w.w.AvailableBuffer(), t))
	}
	w.w.WriteByte('"')
}

// date writes a calendar date; the zero time is an empty field.
func (w *csvWriter) date(t time.Time) {
	w.open()
	if !t.IsZero() {
		w.w.Write(appendDate(w.w.AvailableBuffer(), t))
	}
	w.w.WriteByte('"')
}

func (w *csvWriter) endRow() {
	if w.fields != w.columns && w.err == nil {
		w.err = fmt.Errorf("generator bug: a row of %s has %d fields, its header %d", w.name, w.fields, w.columns)
	}
	w.w.WriteString("\r\n")
	w.fields = 0
	w.line++
	w.rows++
}

// close flushes and closes the file; the first error of any write wins.
func (w *csvWriter) close() error {
	err := w.err
	if ferr := w.w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing %s: %w", w.name, ferr)
	}
	if cerr := w.closer.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing %s: %w", w.name, cerr)
	}
	return err
}

func appendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, int(m))
	b = append(b, '-')
	return append2(b, d)
}

func appendDateTime(b []byte, t time.Time) []byte {
	b = appendDate(b, t)
	h, m, s := t.Clock()
	b = append(b, ' ')
	b = append2(b, h)
	b = append(b, ':')
	b = append2(b, m)
	b = append(b, ':')
	return append2(b, s)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

func append4(b []byte, n int) []byte {
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}
