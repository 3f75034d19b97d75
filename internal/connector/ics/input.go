package ics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// calendarPatterns are the names of the files read as calendars.
var calendarPatterns = []string{"*.ics", "*.ical", "*.ifb", "*.icalendar"}

// maxCalendarBytes bounds what one calendar file may hold: a whole file is
// read into memory, and decoded and framed there, which costs about twice
// its size; ten years of a busy calendar take a few tens of MB. At 64 MB a
// connector reading the largest file stays under 256 MB.
const maxCalendarBytes = 64 << 20

// input is what a Read or Check was pointed at: one calendar file, or a
// directory or .zip of them with, perhaps, the owners mapping.
type input struct {
	path      string
	src       *export.Source // nil for a single file
	calendars []inputFile
	mapping   *inputFile
}

// inputFile is one file of the input, named as the user sees it.
type inputFile struct {
	name string
	size int64
	open func() (io.ReadCloser, error)
}

// openInput opens a single calendar file, or a directory or .zip archive
// (the files directly in the directory; every file of the archive).
func openInput(p string) (*input, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if info.Mode().IsRegular() && !export.IsArchive(p) {
		if !isCalendarName(p) {
			return nil, fmt.Errorf("%s is not an .ics file", p)
		}
		f := inputFile{name: filepath.Base(p), size: info.Size(), open: func() (io.ReadCloser, error) { return os.Open(p) }}
		return &input{path: p, calendars: []inputFile{f}}, nil
	}
	src, err := export.Open(p)
	if err != nil {
		return nil, err
	}
	in := &input{path: p, src: src}
	for _, f := range src.Files() {
		f := f
		file := inputFile{name: f.Name, size: f.Size, open: func() (io.ReadCloser, error) { return src.Open(f) }}
		switch {
		case isCalendarName(f.Name):
			in.calendars = append(in.calendars, file)
		case strings.EqualFold(f.Base(), mappingFileName) && in.mapping == nil:
			in.mapping = &file
		}
	}
	sort.Slice(in.calendars, func(i, j int) bool { return in.calendars[i].name < in.calendars[j].name })
	return in, nil
}

func isCalendarName(name string) bool {
	base := strings.ToLower(path.Base(filepath.ToSlash(name)))
	for _, p := range calendarPatterns {
		if ok, _ := path.Match(p, base); ok {
			return true
		}
	}
	return false
}

// Close releases the archive, if any.
func (in *input) Close() error {
	if in.src != nil {
		return in.src.Close()
	}
	return nil
}

// readAll reads a whole file, refusing one too large to be a calendar.
func (f inputFile) readAll() ([]byte, error) {
	rc, err := f.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Sized from the start when the size is known: io.ReadAll's doubling
	// would hold up to twice the file.
	data := make([]byte, min(max(f.size, 0), maxCalendarBytes)+1)
	n, err := io.ReadFull(rc, data)
	data = data[:n]
	switch {
	case err == nil: // more than the size said (or it was not known)
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(rc, maxCalendarBytes+1-int64(n)))
		data = append(data, rest...)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.name, err)
	}
	if len(data) > maxCalendarBytes {
		return nil, fmt.Errorf("%s is over %d MB: too large for a calendar", f.name, maxCalendarBytes>>20)
	}
	return data, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText turns a calendar's bytes into UTF-8 text, and says how. RFC
// 5545 says UTF-8, but old Outlook versions wrote the Windows code page,
// and a calendar merged from several sources can hold both: each content
// line is decided on its own, by the rules of CSV files (csvfile's
// LineDecoder), a line that is not valid UTF-8 being read as Windows-1252
// rather than filled with replacement characters. A content line is
// decided with its folds joined, before anything is decoded: Google and
// others fold lines at 75 octets, in the middle of a character when it
// falls there, which leaves each physical line invalid UTF-8 while the
// content line is valid (such a character is then moved whole onto the
// continuation, so that every physical line is UTF-8 and keeps its
// number).
func decodeText(data []byte) (string, plugin.Decoding) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return string(data), plugin.Decoding{}
	}
	var dec csvfile.LineDecoder
	out := make([]byte, 0, len(data)+len(data)/8)
	for len(data) > 0 {
		n := contentLineLength(data)
		if dec.UTF8Line(unfold(data[:n])) {
			out = append(out, mendSplitCharacters(data[:n])...)
		} else {
			out = dec.AppendSingleByte(out, data[:n])
		}
		data = data[n:]
	}
	return string(out), dec.Decoding()
}

// contentLineLength is the length of the physical line data begins with
// and of the folded continuations after it (lines that begin with a space
// or a tab), line breaks included.
func contentLineLength(data []byte) int {
	n := 0
	for {
		end := bytes.IndexByte(data[n:], '\n')
		if end < 0 {
			return len(data)
		}
		n += end + 1
		if n == len(data) || (data[n] != ' ' && data[n] != '\t') {
			return n
		}
	}
}

// unfold joins a content line's physical lines, dropping each line break
// and the white space that begins a continuation.
func unfold(lines []byte) []byte {
	var out []byte
	for i, line := range bytes.SplitAfter(lines, []byte{'\n'}) {
		if i > 0 && len(line) > 0 {
			line = line[1:]
		}
		out = append(out, bytes.TrimRight(line, "\r\n")...)
	}
	return out
}

// mendSplitCharacters moves the first bytes of a character that a fold
// splits onto the continuation line, after its leading white space, so
// that each physical line holds whole characters. Unfolding gives the same
// content line, and the lines keep their numbers.
func mendSplitCharacters(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			return append(out, data...)
		}
		line, rest := bytes.TrimSuffix(data[:end], []byte{'\r'}), data[end+1:]
		n := incompleteTail(line)
		if n == 0 || len(rest) == 0 || (rest[0] != ' ' && rest[0] != '\t') {
			out, data = append(out, data[:end+1]...), rest
			continue
		}
		cut := len(line) - n
		out = append(out, line[:cut]...)
		out = append(out, data[len(line):end+1]...) // the line break as written
		out = append(out, rest[0])
		out = append(out, line[cut:]...)
		data = rest[1:]
	}
	return out
}

// incompleteTail is the number of bytes at the end of line that begin a
// UTF-8 character without finishing it.
func incompleteTail(line []byte) int {
	for back := 1; back <= utf8.UTFMax-1 && back <= len(line); back++ {
		b := line[len(line)-back]
		if utf8.RuneStart(b) {
			if b >= utf8.RuneSelf && !utf8.FullRune(line[len(line)-back:]) {
				return back
			}
			return 0
		}
	}
	return 0
}
