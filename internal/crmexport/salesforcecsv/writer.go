package salesforcecsv

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Dialect is how a Salesforce tool writes its CSV files.
type Dialect struct {
	UpperHeader bool   // Data Loader writes ID, OWNERID…
	BOM         bool   // a UTF-8 byte order mark first
	LineEnd     string // "\r\n" for the Data Export
	NullLookup  string // what an empty lookup field holds
	ISOTimes    bool   // 2026-01-05T09:30:00.000Z instead of 2026-01-05 09:30:00
	TrueFalse   bool   // booleans true/false instead of 1/0
	// Windows1252 encodes the file in Windows-1252 instead of UTF-8: the
	// export's encoding is an org setting, and many orgs have this one.
	Windows1252 bool
}

var (
	// DataExport is the weekly Data Export.
	DataExport = Dialect{LineEnd: "\r\n", NullLookup: NullID}
	// DataLoader is a Data Loader (or Bulk API) export.
	DataLoader = Dialect{UpperHeader: true, BOM: true, LineEnd: "\n", ISOTimes: true, TrueFalse: true}
)

// bufferSize is the write buffer: exports run to gigabytes.
const bufferSize = 256 << 10

// Writer writes one object's file, a field at a time, straight into its
// buffer. Every field is double-quoted, quotes doubled, newlines kept
// inside the field. A row's fields come in the object's column order and
// EndRow ends it; the header is written when the writer is made.
type Writer struct {
	d       Dialect
	columns int
	lookup  []bool // by column
	w       *bufio.Writer
	encoder io.WriteCloser // nil for UTF-8
	// line is the line the next row starts on (the header is line 1); a
	// field with newlines makes its row span several lines.
	line   int64
	rows   int64
	fields int
	err    error
}

// NewWriter writes the header of the object's file to out in the dialect
// and returns the writer of its rows.
func NewWriter(out io.Writer, d Dialect, o Object) *Writer {
	w := &Writer{d: d, columns: len(o.Columns), lookup: make([]bool, len(o.Columns)), line: 1}
	for i, c := range o.Columns {
		for _, l := range o.Lookups {
			if c == l {
				w.lookup[i] = true
			}
		}
	}
	if d.Windows1252 {
		w.encoder = transform.NewWriter(out, charmap.Windows1252.NewEncoder())
		out = w.encoder
	}
	w.w = bufio.NewWriterSize(out, bufferSize)
	if d.BOM {
		w.w.WriteString("\uFEFF")
	}
	for _, c := range o.Columns {
		if d.UpperHeader {
			c = strings.ToUpper(c)
		}
		w.open()
		w.text(c)
		w.w.WriteByte('"')
	}
	w.fields = w.columns // the header is not checked against itself
	w.EndRow()
	w.rows = 0
	return w
}

// Line is the line the next row starts on (the header is line 1).
func (w *Writer) Line() int64 { return w.line }

// Rows counts the rows written.
func (w *Writer) Rows() int64 { return w.rows }

// open starts a field: the separator and the opening quote.
func (w *Writer) open() {
	if w.fields > 0 {
		w.w.WriteString(`,"`)
	} else {
		w.w.WriteByte('"')
	}
	w.fields++
}

// text writes part of a field, quotes doubled.
func (w *Writer) text(s string) {
	if strings.IndexByte(s, '\n') >= 0 {
		w.line += int64(strings.Count(s, "\n"))
	}
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
}

// close ends a field.
func (w *Writer) close() { w.w.WriteByte('"') }

// String writes a text field. An empty lookup field holds the dialect's
// null sentinel.
func (w *Writer) String(s string) {
	if s == "" && w.fields < w.columns && w.lookup[w.fields] {
		s = w.d.NullLookup
	}
	w.open()
	w.text(s)
	w.close()
}

// Join writes one text field made of parts (a subject built from a
// template), without joining them first.
func (w *Writer) Join(parts ...string) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n == 0 {
		w.String("")
		return
	}
	w.open()
	for _, p := range parts {
		w.text(p)
	}
	w.close()
}

// Bool writes a checkbox: 1/0, or true/false in the Data Loader.
func (w *Writer) Bool(v bool) {
	switch {
	case w.d.TrueFalse && v:
		w.String("true")
	case w.d.TrueFalse:
		w.String("false")
	case v:
		w.String("1")
	default:
		w.String("0")
	}
}

// Int writes a whole number.
func (w *Writer) Int(n int64) {
	w.open()
	w.w.Write(strconv.AppendInt(w.w.AvailableBuffer(), n, 10))
	w.close()
}

// Number writes a number (currency, percent) with no more digits than it
// needs and never an exponent: 1250000, 12.5.
func (w *Writer) Number(v float64) {
	w.open()
	w.w.Write(strconv.AppendFloat(w.w.AvailableBuffer(), v, 'f', -1, 64))
	w.close()
}

// DateTime writes a datetime in UTC; the zero time is an empty field.
func (w *Writer) DateTime(t time.Time) {
	w.open()
	if !t.IsZero() {
		t = t.UTC()
		b := appendDate(w.w.AvailableBuffer(), t)
		h, m, s := t.Clock()
		if w.d.ISOTimes {
			b = append(b, 'T')
		} else {
			b = append(b, ' ')
		}
		b = append2(append(append2(append(append2(b, h), ':'), m), ':'), s)
		if w.d.ISOTimes {
			b = append(b, ".000Z"...)
		}
		w.w.Write(b)
	}
	w.close()
}

// Date writes a date (ActivityDate, CloseDate): the calendar day of t as
// it is given; the zero time is an empty field.
func (w *Writer) Date(t time.Time) {
	w.open()
	if !t.IsZero() {
		w.w.Write(appendDate(w.w.AvailableBuffer(), t))
	}
	w.close()
}

// EndRow ends the row. A row with more or fewer fields than the header is
// a bug of the caller's, returned by Flush and Close.
func (w *Writer) EndRow() {
	if w.fields != w.columns && w.err == nil {
		w.err = fmt.Errorf("a row has %d fields, its header %d", w.fields, w.columns)
	}
	w.w.WriteString(w.d.LineEnd)
	w.fields = 0
	w.line++
	w.rows++
}

// Flush writes out what is buffered; it returns the first error so far.
func (w *Writer) Flush() error {
	if err := w.w.Flush(); err != nil && w.err == nil {
		w.err = err
	}
	return w.err
}

// Close flushes the file; it does not close the writer it writes to. A
// character Windows-1252 cannot hold is an error.
func (w *Writer) Close() error {
	err := w.Flush()
	if w.encoder != nil {
		err = errors.Join(err, w.encoder.Close())
		w.encoder = nil
	}
	return err
}

func appendDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	return append2(append(append2(b, int(m)), '-'), d)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
