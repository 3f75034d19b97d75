// Package apipages streams the records of CRM API responses saved as JSON
// files: HubSpot's {"results": [...]}, Dataverse's {"value": [...]},
// Zoho's and Pipedrive's {"data": [...]}, or a bare array. Files can be
// large, so records are decoded one at a time, each with the line it
// starts on for rejects.
package apipages

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/salesaudit/salesaudit/plugin"
)

// Record is one element of the records array.
type Record struct {
	// Line is the line of the file the record starts on (1-based).
	Line int64
	Raw  json.RawMessage
}

// SyntaxError is malformed JSON at a known line. The stream cannot be
// resynchronised after it, so it ends the file.
type SyntaxError struct {
	Line int64
	Err  error
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: invalid JSON: %v", e.Line, e.Err) }
func (e *SyntaxError) Unwrap() error { return e.Err }

// RecordTooLargeError is a record (or a member before the records) that
// grew past plugin.MaxRowBytes before it ended: reading stops there rather
// than holding it whole (a page of gigabytes in one string would take
// them all), and, as after malformed JSON, the stream cannot be read
// further.
type RecordTooLargeError struct {
	Line int64
}

func (e *RecordTooLargeError) Error() string {
	return fmt.Sprintf("line %d: a record over %d MB, the longest a record may be: the page cannot be read past it", e.Line, plugin.MaxRowBytes>>20)
}

// ErrNoRecords means the file holds no records array under any of the
// expected keys.
var ErrNoRecords = errors.New("no records array")

// Each calls fn for every record of the array found under the first of
// keys the top-level object has (or of a top-level array), in order.
// Other top-level members (paging, @odata.context...) are skipped. It
// returns the number of records read.
func Each(r io.Reader, keys []string, fn func(Record) error) (int64, error) {
	it := newIterator(r, keys, false)
	var n int64
	for {
		rec, err := it.next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
		if err := fn(rec); err != nil {
			return n, err
		}
	}
}

// iterator walks the records array one record at a time.
type iterator struct {
	keys []string
	// nullIsEmpty takes a records member that is null for an empty
	// array.
	nullIsEmpty bool
	// head, when set, takes the top-level members before the records
	// array, by their names as written.
	head map[string]json.RawMessage
	// tail, when set with head, has the members after the array read
	// into head too once the records end: an API may say after its
	// records whether more follow (Zoho's info, Dataverse's
	// @odata.nextLink).
	tail bool
	// inObject: the records array is a member of a top-level object,
	// not the whole page.
	inObject      bool
	lr            *lineReader
	dec           *json.Decoder
	started, done bool
}

func newIterator(r io.Reader, keys []string, nullIsEmpty bool) *iterator {
	lr := newLineReader(r)
	dec := json.NewDecoder(lr)
	dec.UseNumber()
	return &iterator{keys: keys, nullIsEmpty: nullIsEmpty, lr: lr, dec: dec}
}

// next returns the next record, io.EOF after the last, ErrNoRecords
// (wrapped) for a file without the array, and a *SyntaxError for
// malformed JSON, after which the stream cannot be read further.
func (it *iterator) next() (Record, error) {
	if it.done {
		return Record{}, io.EOF
	}
	if !it.started {
		it.started = true
		found, err := seekArray(it.dec, it.lr, it.keys, it.nullIsEmpty, it.head)
		it.inObject = found == arrayMember || found == arrayNull
		if err != nil {
			it.done = true
			return Record{}, err
		}
		if found == arrayNull {
			it.done = true
			if err := it.readTail(); err != nil {
				return Record{}, err
			}
			return Record{}, it.drain()
		}
		if found == arrayMissing {
			it.done = true
			return Record{}, fmt.Errorf("%w (looked for %q)", ErrNoRecords, it.keys)
		}
	}
	if !it.dec.More() {
		it.done = true
		if _, err := it.dec.Token(); err != nil { // the array's closing bracket
			return Record{}, syntaxError(it.lr, err)
		}
		if err := it.readTail(); err != nil {
			return Record{}, err
		}
		return Record{}, it.drain()
	}
	var raw json.RawMessage
	it.lr.mark = it.dec.InputOffset() + separatorLength(it.dec.Buffered())
	if err := it.dec.Decode(&raw); err != nil {
		it.done = true
		return Record{}, syntaxError(it.lr, err)
	}
	// The decoder stops right after the value, so it started len(raw)
	// bytes earlier.
	return Record{Line: it.lr.lineAt(it.dec.InputOffset() - int64(len(raw))), Raw: raw}, nil
}

// drain reads the page to its end and returns io.EOF, or the error the
// end of the file gave: a zip entry's checksum is checked only once the
// entry is read whole, so a page damaged in its archive would otherwise
// load with whatever its damaged bytes say (export.DamagedError).
func (it *iterator) drain() error {
	if _, err := io.Copy(io.Discard, it.lr); err != nil {
		return err
	}
	return io.EOF
}

// readTail reads the members after the records array into head, when
// asked to (tail), and the object's closing brace: a page cut short there
// has all its records but not what follows them, which may say whether
// more records do, so it is a *SyntaxError like any page cut short.
func (it *iterator) readTail() error {
	if !it.tail || !it.inObject || it.head == nil {
		return nil
	}
	for it.dec.More() {
		tok, err := it.dec.Token()
		if err != nil {
			return syntaxError(it.lr, err)
		}
		key, _ := tok.(string)
		var value json.RawMessage
		it.lr.mark = it.dec.InputOffset()
		if err := it.dec.Decode(&value); err != nil {
			return syntaxError(it.lr, err)
		}
		it.head[key] = value
	}
	if _, err := it.dec.Token(); err != nil { // the object's closing brace
		return syntaxError(it.lr, err)
	}
	return nil
}

// separatorLength is the length of the comma and white space the decoder
// has yet to pass before the next value, buffered: the value starts after
// them, on the line a too large one is said to start on.
func separatorLength(buffered io.Reader) int64 {
	var head [64]byte
	n, _ := io.ReadFull(buffered, head[:])
	return int64(n - len(bytes.TrimLeft(head[:n], ", \t\r\n")))
}

// syntaxError places a decoding error on its line: where the JSON went
// wrong, or the end of the file for a file cut short.
func syntaxError(lr *lineReader, err error) error {
	var tooLarge *RecordTooLargeError
	if errors.As(err, &tooLarge) {
		return tooLarge
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return &SyntaxError{Line: lr.lineAt(syn.Offset), Err: err}
	}
	return &SyntaxError{Line: lr.lineAt(lr.offset), Err: err}
}

// What seekArray found.
const (
	arrayMissing = iota
	arrayFound   // the decoder is inside it: the page is a bare array
	arrayMember  // the decoder is inside it: a member of the page's object
	arrayNull    // the records member is null, taken for an empty array
)

// seekArray positions the decoder inside the records array, keeping the
// members it passes in head when it is not nil.
func seekArray(dec *json.Decoder, lr *lineReader, keys []string, nullIsEmpty bool, head map[string]json.RawMessage) (int, error) {
	tok, err := dec.Token()
	if err != nil {
		return arrayMissing, syntaxError(lr, err)
	}
	switch tok {
	case json.Delim('['):
		return arrayFound, nil
	case json.Delim('{'):
	default:
		return arrayMissing, &SyntaxError{Line: lr.lineAt(dec.InputOffset()), Err: fmt.Errorf("the file starts with %v, not an object or array", tok)}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return arrayMissing, syntaxError(lr, err)
		}
		key, _ := tok.(string)
		if contains(keys, key) {
			next, err := dec.Token()
			switch {
			case err != nil:
				return arrayMissing, syntaxError(lr, err)
			case next == nil && nullIsEmpty:
				return arrayNull, nil
			case next != json.Delim('['):
				return arrayMissing, &SyntaxError{Line: lr.lineAt(dec.InputOffset()), Err: fmt.Errorf("%q is not an array", key)}
			}
			return arrayMember, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return arrayMissing, syntaxError(lr, err)
		}
		if head != nil {
			head[key] = skip
		}
	}
	return arrayMissing, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// lineReader counts lines as the decoder reads, remembering where each
// line starts so an input offset can be turned into a line number.
type lineReader struct {
	r io.Reader
	// mark is where the value being decoded starts: the reader refuses
	// to read more than plugin.MaxRowBytes past it (and the decoder's
	// read-ahead).
	mark int64
	// starts holds the offsets of line starts not yet passed by lineAt;
	// base is the number of line starts dropped before them.
	starts []int64
	base   int64
	offset int64
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), starts: []int64{0}}
}

// readAhead is what json.Decoder may have read past a value's end.
const readAhead = 64 << 10

func (l *lineReader) Read(p []byte) (int, error) {
	if l.offset-l.mark > plugin.MaxRowBytes+readAhead {
		return 0, &RecordTooLargeError{Line: l.lineAt(l.mark)}
	}
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.starts = append(l.starts, l.offset+int64(i)+1)
		}
	}
	l.offset += int64(n)
	return n, err
}

// lineAt is the line holding offset; offsets must not decrease between
// calls by more than a buffer, as older line starts are forgotten.
func (l *lineReader) lineAt(offset int64) int64 {
	i := 0
	for i+1 < len(l.starts) && l.starts[i+1] <= offset {
		i++
	}
	line := l.base + int64(i) + 1
	// Forget the line starts before this one, keeping memory flat.
	l.base += int64(i)
	l.starts = l.starts[i:]
	return line
}
