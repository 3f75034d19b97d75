package plugin

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// maxLineBytes is the longest line a LineReader reads; a longer one ends
// the file with an error rather than growing without bound.
const maxLineBytes = 16 << 20

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
// editor numbers them.
type LineReader struct {
	name    string
	size    int64
	scanner *bufio.Scanner
	read    int64
	number  int64
}

// NewLineReader reads the lines of r. Name is used in errors; size is the
// file's size in bytes, for progress.
func NewLineReader(r io.Reader, name string, size int64) *LineReader {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 64<<10), maxLineBytes)
	return &LineReader{name: name, size: size, scanner: scanner}
}

// Next returns the next line that is not blank, or io.EOF after the last.
func (l *LineReader) Next() (Line, error) {
	for l.scanner.Scan() {
		text := l.scanner.Bytes()
		l.number++
		l.read += int64(len(text)) + 1
		if len(bytes.TrimSpace(text)) > 0 {
			return Line{Number: l.number, Text: text}, nil
		}
	}
	if err := l.scanner.Err(); err != nil {
		return Line{}, fmt.Errorf("%s line %d: %w", l.name, l.number+1, err)
	}
	return Line{}, io.EOF
}

// Line is the line's number.
func (l *LineReader) Line(line Line) int64 { return line.Number }

// Excerpt is the line as written.
func (l *LineReader) Excerpt(line Line) string { return string(line.Text) }

// Position is how many bytes have been read and the file's size.
func (l *LineReader) Position() (read, size int64) { return l.read, l.size }
