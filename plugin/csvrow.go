package plugin

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// csvRow encodes one table row as a line of the CSV dialect the bulk load
// reads back (see the host's read_csv call): NULL as an empty unquoted
// field, an empty text as "", other texts quoted (quotes doubled) only
// when they must be (see text), timestamps and dates in ISO form in UTC,
// booleans as true/false. So an empty string stays apart from NULL and
// values keep commas, quotes, line breaks and NUL bytes unchanged. Each
// method takes the column's name, for the error that names the field and
// so that a row's encoder reads as the list of its table's columns, in
// order.
type csvRow struct {
	buf    []byte
	fields int
	err    error
	// multiline is set when a text holds a line break, which DuckDB's
	// parallel CSV reader can mistake for the end of a row.
	multiline bool
	// columns, when set, collects the columns written, for the test that
	// holds every encoder to its table's columns in SpoolTables.
	columns *[]string
}

func (r *csvRow) reset() {
	r.buf, r.fields, r.err, r.multiline = r.buf[:0], 0, nil, false
}

// end finishes the line and returns it, or the first value that could not
// be encoded.
func (r *csvRow) end() ([]byte, error) {
	r.buf = append(r.buf, '\n')
	return r.buf, r.err
}

func (r *csvRow) next(column string) {
	if r.columns != nil {
		*r.columns = append(*r.columns, column)
	}
	if r.fields > 0 {
		r.buf = append(r.buf, ',')
	}
	r.fields++
}

func (r *csvRow) null(column string) { r.next(column) }

// text writes s, quoted only when it must be: when it is empty (an empty
// unquoted field is NULL), holds a quote, a comma, a line break or a NUL
// byte, or starts with a byte-order mark (which DuckDB drops at the start
// of a file). Quoting every text cost DuckDB a tenth more time to read the
// files back (5 M activities on one thread: 24.5 against 21.8
// CPU-seconds). A text that is not UTF-8 is refused here, naming the
// field, rather than by DuckDB at the load, naming a line of a spool file.
func (r *csvRow) text(column, s string) {
	r.next(column)
	quote, ascii := s == "" || strings.HasPrefix(s, byteOrderMark), true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', ',', 0:
			quote = true
		case '\n', '\r':
			quote, r.multiline = true, true
		default:
			if c >= utf8.RuneSelf {
				ascii = false
			}
		}
	}
	if !ascii && !utf8.ValidString(s) {
		r.fail(column, fmt.Errorf("%q is not valid UTF-8 text", truncate(s)))
	}
	if !quote {
		r.buf = append(r.buf, s...)
		return
	}
	r.buf = append(r.buf, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		r.buf = append(r.buf, s[:i+1]...)
		r.buf = append(r.buf, '"')
		s = s[i+1:]
	}
	r.buf = append(r.buf, s...)
	r.buf = append(r.buf, '"')
}

const byteOrderMark = "\ufeff"

// optionalText writes s, or NULL when it is empty: the records use "" for
// "not given".
func (r *csvRow) optionalText(column, s string) {
	if s == "" {
		r.null(column)
		return
	}
	r.text(column, s)
}

// list writes a list of texts as a JSON array, or NULL when it is empty.
func (r *csvRow) list(column string, items []string) {
	if len(items) == 0 {
		r.null(column)
		return
	}
	// A list of strings always marshals.
	data, _ := json.Marshal(items)
	r.text(column, string(data))
}

func (r *csvRow) integer(column string, n int64) {
	r.next(column)
	r.buf = strconv.AppendInt(r.buf, n, 10)
}

func (r *csvRow) boolean(column string, b bool) {
	r.next(column)
	r.buf = strconv.AppendBool(r.buf, b)
}

// float writes f in the shortest form that reads back as the same float64,
// or NULL for a nil pointer.
func (r *csvRow) float(column string, f *float64) {
	r.next(column)
	switch {
	case f == nil:
	case math.IsNaN(*f):
		r.buf = append(r.buf, "nan"...)
	case math.IsInf(*f, 1):
		r.buf = append(r.buf, "inf"...)
	case math.IsInf(*f, -1):
		r.buf = append(r.buf, "-inf"...)
	default:
		r.buf = strconv.AppendFloat(r.buf, *f, 'g', -1, 64)
	}
}

// timestamp writes t in UTC to the microsecond (DuckDB's TIMESTAMP), or
// NULL for the zero time, the records' "not given".
func (r *csvRow) timestamp(column string, t time.Time) {
	r.next(column)
	if t.IsZero() {
		return
	}
	t = t.UTC()
	if !r.inRange(column, t) {
		return
	}
	r.appendDate(t)
	h, m, s := t.Clock()
	r.buf = append(r.buf, ' ')
	r.buf = appendDigits(r.buf, h, 2)
	r.buf = append(r.buf, ':')
	r.buf = appendDigits(r.buf, m, 2)
	r.buf = append(r.buf, ':')
	r.buf = appendDigits(r.buf, s, 2)
	if us := t.Nanosecond() / 1000; us > 0 {
		r.buf = append(r.buf, '.')
		r.buf = appendDigits(r.buf, us, 6)
	}
}

// date writes the UTC day of t (DuckDB's DATE), or NULL for the zero time.
func (r *csvRow) date(column string, t time.Time) {
	r.next(column)
	if t.IsZero() {
		return
	}
	t = t.UTC()
	if r.inRange(column, t) {
		r.appendDate(t)
	}
}

// appendDate writes t's day as DuckDB reads it: ISO with at least four
// digits of year, and a year before 1 AD as "0001-01-01 (BC)" (Go's year 0
// is 1 BC).
func (r *csvRow) appendDate(t time.Time) {
	y, m, d := t.Date()
	r.buf = appendDigits(r.buf, max(y, 1-y), 4)
	r.buf = append(r.buf, '-')
	r.buf = appendDigits(r.buf, int(m), 2)
	r.buf = append(r.buf, '-')
	r.buf = appendDigits(r.buf, d, 2)
	if y < 1 {
		r.buf = append(r.buf, " (BC)"...)
	}
}

// DuckDB's TIMESTAMP holds the years from 290308 BC to 294246 AD; duckdb-go's
// Appender refused others in the same way.
const (
	minYear = -290307
	maxYear = 294246
)

// inRange refuses a time DuckDB cannot hold, naming the field; no export
// holds one, so it is a connector's bug.
func (r *csvRow) inRange(column string, t time.Time) bool {
	if y := t.Year(); y < minYear || y > maxYear {
		r.fail(column, fmt.Errorf("%s is outside the years DuckDB can hold", t.Format(time.RFC3339)))
		return false
	}
	return true
}

func (r *csvRow) fail(column string, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("field %s: %w", column, err)
	}
}

// appendDigits writes n (not negative) zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	if width == 2 && n < 100 {
		return append(b, byte('0'+n/10), byte('0'+n%10))
	}
	var digits [20]byte
	i := len(digits)
	for n > 0 || width > 0 {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	return append(b, digits[i:]...)
}

// truncate shortens s for an error message.
func truncate(s string) string {
	return Clip(s, 60)
}
