package ics

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/salesaudit/salesaudit/plugin/export"
)

// calendarPatterns are the names of the files read as calendars.
var calendarPatterns = []string{"*.ics", "*.ical", "*.ifb", "*.icalendar"}

// maxCalendarBytes bounds what one calendar file may hold: a whole file is
// read into memory, and ten years of a busy calendar take a few tens of MB.
const maxCalendarBytes = 256 << 20

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
	data, err := io.ReadAll(io.LimitReader(rc, maxCalendarBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", f.name, err)
	}
	if len(data) > maxCalendarBytes {
		return nil, fmt.Errorf("%s is over %d MB: too large for a calendar", f.name, maxCalendarBytes>>20)
	}
	return data, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText turns a calendar's bytes into UTF-8 text. RFC 5545 says UTF-8,
// but old Outlook versions wrote the Windows code page: a file that is not
// valid UTF-8 is read as Windows-1252 rather than filled with replacement
// characters. The test is made on the file with its folds mended first:
// Google and others fold lines at 75 octets, in the middle of a character
// when it falls there, which leaves every physical line invalid UTF-8 while
// the content lines are valid.
func decodeText(data []byte) string {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return string(data)
	}
	if mended := mendSplitCharacters(data); utf8.Valid(mended) {
		return string(mended)
	}
	text, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD")))
	}
	return string(text)
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
