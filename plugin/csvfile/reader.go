// Package csvfile reads the CSV files of CRM exports: from a directory or a
// .zip archive, in whatever encoding the CRM wrote them, streaming, with the
// line number and an excerpt of every row so that a row that cannot be read
// becomes a precise reject instead of stopping the import.
package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Options say how to read a file.
type Options struct {
	// Encoding is the file's encoding; empty means EncodingAuto.
	Encoding Encoding
	// Comma is the field delimiter; ',' when 0.
	Comma rune
	// Sniff, with Comma 0, takes the delimiter from the header line (see
	// SniffComma): for files a person may have saved again in Excel,
	// which writes semicolons in many locales and tabs in "Unicode text".
	// It is asked for rather than the default so that a connector that
	// chose its delimiter already (the csv connector's mapping) keeps it.
	Sniff bool
}

// Reader reads the rows of one CSV file that starts with a header.
type Reader struct {
	name    string
	size    int64
	csv     *csv.Reader
	counter *export.CountingReader
	dec     *decoder
	rec     *recorder
	closer  io.Closer
	header  []string
	columns map[string]int
	comma   rune
	rows    int64
	// offset is where the next record starts in the decoded stream.
	offset int64
	// offsetBase and lineBase are where the csv.Reader began: a new one
	// takes over after a row over the limit (see skipRowTooLong), and
	// counts its offsets and lines from there.
	offsetBase, lineBase int64
}

// Row is one data row. Its fields are valid until the next call to Next;
// strings taken from them may be kept.
type Row struct {
	// Line is the line of the file where the row starts (the header is
	// line 1).
	Line   int64
	Fields []string
	r      *Reader
	start  int64
	end    int64
}

// RowError is a row that is not well-formed CSV (a stray quote, a wrong
// number of fields). Reading can go on with the next row: plugin.ReadRows
// rejects it with its line.
type RowError = plugin.MalformedRow

// NewReader reads the header of a CSV file from r. Name is used in errors;
// size is the file's size in bytes, for progress. A file with no bytes at
// all has no header and no rows.
func NewReader(r io.Reader, name string, size int64, opts Options) (*Reader, error) {
	enc := opts.Encoding
	if enc == "" {
		enc = EncodingAuto
	}
	counter := &export.CountingReader{R: r}
	dec, err := newDecoder(counter, name, enc)
	if err != nil {
		return nil, err
	}
	rec := &recorder{r: dec, limit: plugin.MaxRowBytes}
	comma := opts.Comma
	switch {
	case comma == 0 && opts.Sniff:
		comma = SniffComma(rec.peekLine(sniffMax))
	case comma == 0:
		comma = ','
	}
	if !validComma(comma) {
		return nil, fmt.Errorf("%s: %q cannot separate fields", name, comma)
	}
	rd := &Reader{name: name, size: size, csv: newCSVReader(rec, 0, comma), counter: counter, dec: dec, rec: rec, comma: comma}
	if err := rd.readHeader(); err != nil {
		return nil, err
	}
	return rd, nil
}

// newCSVReader reads CSV records from rec; fields is the number every
// record must have, 0 for the header's.
func newCSVReader(rec *recorder, fields int, comma rune) *csv.Reader {
	cr := csv.NewReader(rec)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = fields
	cr.Comma = comma
	return cr
}

// validComma reports whether encoding/csv can split fields on c.
func validComma(c rune) bool {
	return c != 0 && c != '"' && c != '\r' && c != '\n' && c != utf8.RuneError && utf8.ValidRune(c)
}

func (r *Reader) readHeader() error {
	header, err := r.csv.Read()
	if err := r.dec.fatal(); err != nil {
		return err
	}
	if r.rec.tooLong {
		return fmt.Errorf("%s: reading the header: the first line is over %d MB: not a CSV header", r.name, r.rec.limit>>20)
	}
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: reading the header: %w", r.name, err)
	}
	r.header = append([]string(nil), header...)
	r.columns = make(map[string]int, len(header))
	for i, h := range r.header {
		key := normaliseColumn(h)
		if _, dup := r.columns[key]; !dup {
			r.columns[key] = i
		}
	}
	r.offset = r.csv.InputOffset()
	r.rec.release(r.offset)
	return nil
}

func normaliseColumn(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

// Name is the file's name as given to NewReader.
func (r *Reader) Name() string { return r.name }

// Header is the file's header as written.
func (r *Reader) Header() []string { return r.header }

// Column is the index of the named column, matched case-insensitively, or
// -1 when the file has no such column.
func (r *Reader) Column(name string) int {
	if i, ok := r.columns[normaliseColumn(name)]; ok {
		return i
	}
	return -1
}

// HasColumn reports whether the file has the named column.
func (r *Reader) HasColumn(name string) bool { return r.Column(name) >= 0 }

// Size is the size of the file in bytes, as given to NewReader.
func (r *Reader) Size() int64 { return r.size }

// BytesRead is how many bytes of the file have been read so far.
func (r *Reader) BytesRead() int64 { return r.counter.N }

// RowsRead is the number of rows returned by Next so far, malformed ones
// included.
func (r *Reader) RowsRead() int64 { return r.rows }

// Comma is the field delimiter: the one asked for, or the one sniffed from
// the header line.
func (r *Reader) Comma() rune { return r.comma }

// Encoding is the encoding asked for: the forced one, or EncodingAuto; or
// EncodingUTF16LE or EncodingUTF16BE for a file that starts with their
// byte order mark. Lines are decoded one by one (see Decoding).
func (r *Reader) Encoding() Encoding { return r.dec.encoding() }

// Decoding says how the lines read so far were decoded: how many as UTF-8,
// how many in the file's single-byte encoding, how many C1 bytes were kept.
// A UTF-16 file counts every line in SingleByteLines, SingleByte naming
// the UTF-16 ("utf-16le"): the lines read in an encoding other than UTF-8.
// plugin.Table hands it to the file's writer once the file is read, for
// the host's report.
func (r *Reader) Decoding() plugin.Decoding { return r.dec.decoding() }

// Next reads the next row. It returns io.EOF after the last row, a
// *RowError for a row that is not well-formed CSV (the caller rejects it
// and calls Next again), and any other error when reading cannot go on.
func (r *Reader) Next() (Row, error) {
	if r.header == nil {
		return Row{}, io.EOF
	}
	// The previous row's text is no longer needed: its Raw is valid only
	// until now.
	r.rec.release(r.offset)
	record, err := r.csv.Read()
	if fatal := r.dec.fatal(); fatal != nil {
		return Row{}, fatal
	}
	if r.rec.tooLong {
		return Row{}, r.skipRowTooLong()
	}
	if errors.Is(err, io.EOF) {
		return Row{}, io.EOF
	}
	start, end := r.offset, r.offsetBase+r.csv.InputOffset()
	parseErr := asParseError(err)
	if err != nil && parseErr == nil {
		return Row{}, fmt.Errorf("reading %s: %w", r.name, err)
	}
	if end <= start {
		// encoding/csv always consumes at least a line; if it ever did
		// not, retrying would loop forever.
		return Row{}, fmt.Errorf("reading %s: no progress after line %d: %w", r.name, r.lineOf(record, parseErr), io.ErrNoProgress)
	}
	r.rows++
	r.offset = end
	row := Row{Line: r.lineOf(record, parseErr), Fields: record, r: r, start: start, end: end}
	if parseErr != nil {
		return Row{}, r.rejectMalformed(parseErr, len(record), row)
	}
	return row, nil
}

// rejectMalformed is the RowError for a row encoding/csv could not read,
// and makes reading resume at the line after the row's first line. Where
// encoding/csv noticed the error says little of where the row really
// ended: a stray opening quote makes it read on, across lines, to the
// next quote or the end of the file, and every line it took would be lost.
// So only the first line is the bad row; the lines after it are read
// again, and become rows or rejects of their own (with their own line
// numbers when they were a multi-line field's after all).
func (r *Reader) rejectMalformed(parseErr *csv.ParseError, fields int, row Row) error {
	reason := r.describeParseError(parseErr, fields, r.rec.slice(row.start, row.end))
	if at, ok := r.rec.firstLineEnd(row.start, row.end); ok {
		row.end = at
	}
	rowErr := &RowError{File: r.name, Line: row.Line, Reason: reason, Raw: row.Raw(), Err: parseErr}
	r.resumeAt(row.end, row.Line)
	return rowErr
}

// resumeAt makes a new csv.Reader read on from offset at, the start of
// the line after line: what the old one read ahead is handed to it again.
func (r *Reader) resumeAt(at, line int64) {
	r.rec.unread(at)
	r.offset, r.offsetBase, r.lineBase = at, at, line
	r.csv = newCSVReader(r.rec, len(r.header), r.comma)
}

// asParseError is err as a *csv.ParseError, or nil. It is a function of its
// own so that the error variable escapes to the heap only for bad rows.
func asParseError(err error) *csv.ParseError {
	if err == nil {
		return nil
	}
	var parseErr *csv.ParseError
	if errors.As(err, &parseErr) {
		return parseErr
	}
	return nil
}

func (r *Reader) lineOf(record []string, parseErr *csv.ParseError) int64 {
	if parseErr != nil {
		return r.lineBase + int64(parseErr.StartLine)
	}
	if len(record) == 0 {
		return 0
	}
	line, _ := r.csv.FieldPos(0)
	return r.lineBase + int64(line)
}

// describeParseError says what is wrong with a row that encoding/csv
// could not read; raw is the row's text.
func (r *Reader) describeParseError(err *csv.ParseError, fields int, raw []byte) string {
	switch {
	case errors.Is(err.Err, csv.ErrFieldCount):
		return fmt.Sprintf("the row has %d fields, the header %d", fields, len(r.header))
	case errors.Is(err.Err, csv.ErrQuote) && r.rec.atEnd(r.offset) && endsInsideQuotes(raw, r.comma) && err.Line > err.StartLine:
		return "a double quote opened in this row is never closed: the file ends inside its field " +
			"(a stray quote, or a file cut short); the lines after this one are read on their own"
	case errors.Is(err.Err, csv.ErrQuote) && r.rec.atEnd(r.offset) && endsInsideQuotes(raw, r.comma):
		return fmt.Sprintf("the file ends inside a quoted field of the row begun at line %d: its closing double quote is missing "+
			"(a file cut short, or a quote never closed)", r.lineBase+int64(err.StartLine))
	case errors.Is(err.Err, csv.ErrQuote) && err.Line > err.StartLine:
		return fmt.Sprintf("a quoted field of this row runs on to line %d, where a double quote at column %d neither closes it nor is doubled "+
			"(a closing quote missing, or a quote inside the field not doubled): the lines after this one are read on their own",
			r.lineBase+int64(err.Line), err.Column)
	case errors.Is(err.Err, csv.ErrQuote), errors.Is(err.Err, csv.ErrBareQuote):
		return fmt.Sprintf("a stray double quote at line %d, column %d (a quote inside a field must be doubled)", r.lineBase+int64(err.Line), err.Column)
	}
	return err.Err.Error()
}

// skipRowTooLong rejects the row being read, which has grown past the
// limit without ending, so that one row too long costs that row and not
// the file. When its first line ended (a quote never closed, or a quoted
// field of many lines), reading resumes at the next line, as after any
// malformed row; a line too long on its own is read to its end and
// dropped, and reading resumes after it.
func (r *Reader) skipRowTooLong() error {
	start, line := r.offset, r.rec.rowLine()
	raw := plugin.Clip(strings.TrimLeft(string(r.rec.slice(start, start+rawExcerptMax+utf8.UTFMax)), "\r\n"), rawExcerptMax)
	rowErr := &RowError{File: r.name, Line: line, Raw: raw, Err: errRowTooLong}
	r.rows++
	if at, ok := r.rec.firstLineEnd(start, r.rec.held()); ok {
		rowErr.Reason = fmt.Sprintf("the row begun at this line runs on past %d MB, the longest a row may be, "+
			"inside a quoted field (a double quote never closed?): its first line is left out, the lines after it are read on their own",
			r.rec.limit>>20)
		r.rec.tooLong = false
		r.resumeAt(at, line)
		return rowErr
	}
	skipped, err := r.rec.skipLine()
	if err != nil {
		return fmt.Errorf("reading %s: %w", r.name, err)
	}
	rowErr.Reason = fmt.Sprintf("the row is over %d MB (%d bytes read before its line ended), the longest a row may be: it is left out",
		r.rec.limit>>20, skipped)
	r.offset, r.offsetBase, r.lineBase = r.rec.base, r.rec.base, r.rec.lines
	r.csv = newCSVReader(r.rec, len(r.header), r.comma)
	return rowErr
}

// errRowTooLong is what the recorder tells the csv.Reader when a row
// grows past the limit.
var errRowTooLong = errors.New("row over the limit")

// endsInsideQuotes reports whether a CSV text ends inside a quoted field:
// what encoding/csv calls a stray quote when the file ends in a field
// whose closing quote never came.
func endsInsideQuotes(text []byte, comma rune) bool {
	quoted, fieldStart := false, true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quoted && c == '"' && i+1 < len(text) && text[i+1] == '"':
			i++
		case quoted && c == '"':
			quoted, fieldStart = false, false
		case quoted:
		case fieldStart && c == '"':
			quoted, fieldStart = true, false
		default:
			fieldStart = rune(c) == comma || c == '\n'
		}
	}
	return quoted
}

// Line is the line where row starts, for plugin.ReadRows.
func (r *Reader) Line(row Row) int64 { return row.Line }

// Excerpt is row's Raw, for plugin.ReadRows.
func (r *Reader) Excerpt(row Row) string { return row.Raw() }

// Position is how many bytes of the file have been read and its size, for
// plugin.ReadRows' progress reports.
func (r *Reader) Position() (read, size int64) { return r.counter.N, r.size }

var (
	_ plugin.RowSource[Row] = (*Reader)(nil)
	_ plugin.DecodingSource = (*Reader)(nil)
)

// Close closes the file if the Reader opened it.
func (r *Reader) Close() error {
	if r.closer != nil {
		return r.closer.Close()
	}
	return nil
}

// Field is the value at column index i, or "" when i is -1 (a column the
// file does not have) or past the end of a short row.
func (row Row) Field(i int) string {
	if i < 0 || i >= len(row.Fields) {
		return ""
	}
	return row.Fields[i]
}

// rawExcerptMax keeps a reject's excerpt short; the cut is made at a
// character boundary so that the excerpt stays valid UTF-8.
const rawExcerptMax = 400

// Raw is an excerpt of the row as it is in the file (decoded to UTF-8), for
// the person fixing the export. It is valid until the next call to Next.
func (row Row) Raw() string {
	raw := strings.TrimLeft(string(row.r.rec.slice(row.start, row.end)), "\r\n")
	raw = strings.TrimRight(raw, "\r\n")
	return plugin.Clip(raw, rawExcerptMax)
}

// recorder keeps the decoded text of the current row so that a reject can
// quote it. It holds the bytes from the start of the current record to what
// encoding/csv has read ahead, so it stays small, and it compacts only when
// it would otherwise grow, so that each byte is copied about once.
//
// It also bounds the row: encoding/csv reads a line whole, however long,
// so the recorder hands it no more than limit bytes of one row. Past them
// it returns errRowTooLong and sets tooLong, and skipLine drops the rest
// of the line.
type recorder struct {
	r     io.Reader
	limit int64
	buf   []byte
	base  int64 // stream offset of buf[0]
	keep  int64 // bytes before this offset are no longer needed
	// lines counts the line breaks before base: they are counted in
	// large runs when bytes are dropped, not a row at a time, and only
	// a row too long needs them.
	lines int64
	// pending was read past the end of a line skipLine dropped, and is
	// handed on before anything else.
	pending []byte
	tooLong bool
	eof     bool
}

func (rec *recorder) Read(p []byte) (int, error) {
	room := rec.limit - (rec.base + int64(len(rec.buf)) - rec.keep)
	if room <= 0 || rec.tooLong {
		rec.tooLong = true
		return 0, errRowTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := rec.read(p)
	if n > 0 {
		if len(rec.buf)+n > cap(rec.buf) {
			rec.compact()
		}
		rec.buf = append(rec.buf, p[:n]...)
	}
	return n, err
}

// read reads what skipLine left over first, then the stream.
func (rec *recorder) read(p []byte) (int, error) {
	if len(rec.pending) > 0 {
		n := copy(p, rec.pending)
		rec.pending = rec.pending[n:]
		return n, nil
	}
	n, err := rec.r.Read(p)
	if errors.Is(err, io.EOF) {
		rec.eof = true
	}
	return n, err
}

func (rec *recorder) compact() {
	drop := int(rec.keep - rec.base)
	if drop <= 0 {
		return
	}
	rec.lines += int64(bytes.Count(rec.buf[:drop], []byte{'\n'}))
	rec.buf = rec.buf[:copy(rec.buf, rec.buf[drop:])]
	rec.base = rec.keep
}

// release says that the stream before offset will not be asked for again.
func (rec *recorder) release(offset int64) {
	rec.keep = offset
}

// linesBeforeKeep counts the line breaks before keep.
func (rec *recorder) linesBeforeKeep() int64 {
	return rec.lines + int64(bytes.Count(rec.slice(rec.base, rec.keep), []byte{'\n'}))
}

// rowLine is the line where the row being read starts: past the blank
// lines before it, which encoding/csv skips.
func (rec *recorder) rowLine() int64 {
	held := rec.slice(rec.keep, rec.base+int64(len(rec.buf)))
	blank := held[:len(held)-len(bytes.TrimLeft(held, "\r\n"))]
	return rec.linesBeforeKeep() + int64(bytes.Count(blank, []byte{'\n'})) + 1
}

// skipLine drops the rest of the line of a row over the limit, and all
// that is held of it, and makes the recorder ready for the next line. It
// returns how many bytes of the row were read in all.
func (rec *recorder) skipLine() (int64, error) {
	rowBytes := rec.base + int64(len(rec.buf)) - rec.keep
	rec.lines += int64(bytes.Count(rec.buf, []byte{'\n'}))
	rec.base += int64(len(rec.buf))
	rec.buf = rec.buf[:0]
	chunk := make([]byte, 64<<10)
	for {
		n, err := rec.read(chunk)
		if i := bytes.IndexByte(chunk[:n], '\n'); i >= 0 {
			rec.pending = append([]byte(nil), chunk[i+1:n]...)
			rec.base += int64(i) + 1
			rowBytes += int64(i) + 1
			rec.lines++
			break
		}
		rec.base += int64(n)
		rowBytes += int64(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rowBytes, err
		}
	}
	rec.keep, rec.tooLong = rec.base, false
	return rowBytes, nil
}

// held is the stream offset just past what the recorder holds.
func (rec *recorder) held() int64 { return rec.base + int64(len(rec.buf)) }

// firstLineEnd is the offset just past the line break that ends the first
// line of the row held from offset from to offset to, past the blank
// lines encoding/csv skips before a row; false when the row's first line
// does not end before to.
func (rec *recorder) firstLineEnd(from, to int64) (int64, bool) {
	text := rec.slice(from, to)
	skip := 0
	for {
		switch {
		case bytes.HasPrefix(text[skip:], []byte("\n")):
			skip++
			continue
		case bytes.HasPrefix(text[skip:], []byte("\r\n")):
			skip += 2
			continue
		}
		break
	}
	nl := bytes.IndexByte(text[skip:], '\n')
	if nl < 0 {
		return 0, false
	}
	return from + int64(skip+nl+1), true
}

// unread hands what was read past offset at out again, before anything
// else, and forgets the stream before it.
func (rec *recorder) unread(at int64) {
	if tail := rec.slice(at, rec.held()); len(tail) > 0 {
		rec.pending = append(append([]byte(nil), tail...), rec.pending...)
		rec.buf = rec.buf[:at-rec.base]
	}
	rec.keep = at
}

// peekLine reads ahead the first line, or its first max bytes, and hands
// it out again before anything else; it is what was read.
func (rec *recorder) peekLine(max int) []byte {
	chunk := make([]byte, 4<<10)
	for !rec.eof && len(rec.pending) < max && bytes.IndexByte(rec.pending, '\n') < 0 {
		n, err := rec.r.Read(chunk)
		rec.pending = append(rec.pending, chunk[:n]...)
		if errors.Is(err, io.EOF) {
			rec.eof = true
		}
		if err != nil {
			break // a decoding error is sticky: reading the header meets it again
		}
	}
	return rec.pending
}

// atEnd reports whether the stream ended at offset: nothing was read past
// it, and there is nothing more to read.
func (rec *recorder) atEnd(offset int64) bool {
	return rec.eof && len(rec.pending) == 0 && rec.base+int64(len(rec.buf)) == offset
}

// slice is the stream between two offsets, as far as it is still held.
func (rec *recorder) slice(from, to int64) []byte {
	from = max(from, rec.base)
	to = min(to, rec.base+int64(len(rec.buf)))
	if from >= to {
		return nil
	}
	return rec.buf[from-rec.base : to-rec.base]
}
