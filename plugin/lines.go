package plugin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// MaxRowBytes is the longest row the SDK's readers read (a CSV record, a
// line, a JSON record): the Writer's limit on a record. Each reader stops
// buffering a row there, while reading it, and rejects it, so that a
// single line of gigabytes (a file of NUL bytes, a zip bomb) costs no more
// memory than a row of this size.
const MaxRowBytes = maxRecordBytes

// excerptBytes is how much of a line too long a reject quotes.
const excerptBytes = 400

// Line is one line of a text file.
type Line struct {
	// Number is the line's number as an editor shows it, from 1.
	Number int64
	// Text is the line without its line break. It is valid until the
	// next call to Next.
	Text []byte
}

// LineReader reads a file with one record a line (JSON Lines, logs) as a
// RowSource: its rows are the lines that are not blank, numbered as an
// editor numbers them. A line longer than MaxRowBytes is a *MalformedRow,
// and reading goes on with the next line.
type LineReader struct {
	name   string
	size   int64
	r      *bufio.Reader
	line   []byte
	read   int64
	number int64
	// maxBytes is MaxRowBytes, lowered by tests.
	maxBytes int
}

// NewLineReader reads the lines of r. Name is used in errors; size is the
// file's size in bytes, for progress.
func NewLineReader(r io.Reader, name string, size int64) *LineReader {
	return &LineReader{name: name, size: size, r: bufio.NewReaderSize(r, 64<<10), maxBytes: MaxRowBytes}
}

// Next returns the next line that is not blank, io.EOF after the last, or
// a *MalformedRow for a line over the limit.
func (l *LineReader) Next() (Line, error) {
	for {
		text, tooLong, err := l.readLine()
		if err != nil {
			return Line{}, err
		}
		if tooLong {
			head := text[:min(len(text), excerptBytes+utf8.UTFMax)]
			return Line{}, &MalformedRow{File: l.name, Line: l.number, Raw: Clip(l.Excerpt(Line{Text: head}), excerptBytes),
				Reason: fmt.Sprintf("the line is over %d MB, the longest a row may be: it is left out", l.maxBytes>>20)}
		}
		if len(bytes.TrimSpace(text)) > 0 {
			return Line{Number: l.number, Text: text}, nil
		}
	}
}

// readLine reads the next line without its line break. A line over the
// limit is read to its end but only its first bytes are kept.
func (l *LineReader) readLine() (text []byte, tooLong bool, err error) {
	l.line = l.line[:0]
	for {
		chunk, err := l.r.ReadSlice('\n')
		l.read += int64(len(chunk))
		if err == nil && len(l.line) == 0 && len(chunk) <= l.maxBytes+1 {
			// The whole line is in the buffer: no copy.
			l.number++
			text = bytes.TrimSuffix(bytes.TrimSuffix(chunk, []byte("\n")), []byte("\r"))
			return text, len(text) > l.maxBytes, nil
		}
		if room := l.maxBytes + 1 - len(l.line); room > 0 {
			l.line = append(l.line, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(l.line) == 0:
			return nil, false, io.EOF
		case err != nil && !errors.Is(err, io.EOF):
			return nil, false, fmt.Errorf("%s line %d: %w", l.name, l.number+1, err)
		}
		l.number++
		text = bytes.TrimSuffix(bytes.TrimSuffix(l.line, []byte("\n")), []byte("\r"))
		return text, len(text) > l.maxBytes, nil
	}
}

// Line is the line's number.
func (l *LineReader) Line(line Line) int64 { return line.Number }

// Excerpt is the line as written, its bytes that are not UTF-8 shown as
// U+FFFD: a reject travels as protobuf, which refuses them.
func (l *LineReader) Excerpt(line Line) string {
	return string(bytes.ToValidUTF8(line.Text, []byte("\uFFFD")))
}

// Position is how many bytes have been read and the file's size.
func (l *LineReader) Position() (read, size int64) { return l.read, l.size }
