package apipages

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// PageError names the file, and the line, of a page that cannot be read,
// for the person who saved it: malformed JSON says where and that the page
// should be saved again, a page without records says it is not what
// (such as "Zoho CRM API response") the connector reads, and cancellation
// is passed on as it is so that callers still recognise it.
func PageError(name, what string, err error) error {
	var syn *SyntaxError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%s line %d: invalid JSON: %w (the page is cut short or damaged: save it again)", name, syn.Line, syn.Err)
	case errors.Is(err, ErrNoRecords):
		return fmt.Errorf("%s: %w: not a %s", name, err, what)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return fmt.Errorf("reading %s: %w", name, err)
}

// Excerpt is a record on one line, for a reject shown to the person fixing
// the export; a record that is not valid JSON is kept as it is. Bytes that
// are not UTF-8 (a page saved in another encoding) are shown as U+FFFD:
// the reject travels as protobuf, which refuses them, and would otherwise
// fail the whole Read (found by FuzzPageReader).
func Excerpt(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

// Object decodes a record that must be a JSON object, with its member
// names lower-cased: CRM APIs' field names are matched without regard to
// case, as the products' own tools do. ok is false for anything but an
// object (null included). A name written twice keeps its last value, as
// JSON decoders do, and so does a name written twice in different cases.
//
// The members' values are slices of one copy of raw, read with jsontext
// (the JSON tokenizer of encoding/json/v2): a record is decoded once,
// without reflection or a second map for the lower-cased names. Decoding
// with encoding/json was most of the HubSpot connector's reading time.
func Object(raw json.RawMessage) (fields map[string]json.RawMessage, ok bool) {
	own := slices.Clone(raw)
	dec := decoders.Get().(*objectDecoder)
	defer dec.release()
	dec.input.Reset(own)
	dec.Reset(&dec.input, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if dec.PeekKind() != '{' {
		return nil, false
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, false
	}
	fields = map[string]json.RawMessage{}
	for dec.PeekKind() == '"' {
		token, err := dec.ReadToken()
		if err != nil {
			return nil, false
		}
		name := strings.ToLower(token.String()) // before the token is voided
		value, err := dec.ReadValue()
		if err != nil {
			return nil, false
		}
		end := dec.InputOffset()
		start := end - int64(len(value))
		fields[name] = json.RawMessage(own[start:end:end])
	}
	if end, err := dec.ReadToken(); err != nil || end.Kind() != '}' {
		return nil, false
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return nil, false // something after the object
	}
	return fields, true
}

// objectDecoder is a jsontext.Decoder and its input, kept between records
// (decoders) because making one costs more than a small record's reading.
type objectDecoder struct {
	jsontext.Decoder
	input bytes.Reader
}

var decoders = sync.Pool{New: func() any { return new(objectDecoder) }}

// release returns the decoder to decoders, holding no record.
func (d *objectDecoder) release() {
	d.input.Reset(nil)
	d.Reset(&d.input)
	decoders.Put(d)
}

// IsNull reports whether a value is JSON null, which CRM APIs write for a
// field that has no value.
func IsNull(v json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(v), []byte("null")) }

// Page describes one saved page for a Reader.
type Page struct {
	// Name is the file's name as the user knows it, for errors.
	Name string
	// Size is the file's size in bytes, for progress.
	Size int64
	// Keys are the members that may hold the records array, the first
	// the page has winning.
	Keys []string
	// What says what the page should be ("Zoho CRM API response"), for
	// the error about a page without records.
	What string
	// NullIsEmpty takes a records member that is null for an empty
	// page, for a product that answers so when there is nothing to list
	// (Pipedrive API v1's "data": null). Without it such a page is
	// malformed: the member is not an array.
	NullIsEmpty bool
	// KeepMembers has the Reader keep the page's top-level members other
	// than its records, for Reader.Members: those before the records, and
	// those after them, read once the records end. A page cut short
	// after its records is then an error: what it lost may have said
	// whether more records follow.
	KeepMembers bool
	// Errorf, when set, words the error that ends the page instead of
	// PageError; returning io.EOF ends the page as if it were read whole
	// (for a product that saves an empty list as a page without one).
	Errorf func(name, what string, err error) error
}

// Reader reads a saved page one record at a time: a plugin.RowSource, so
// that plugin.ReadRows reads a page as it reads a CSV file.
type Reader struct {
	page    Page
	counter *export.CountingReader
	it      *iterator
}

// NewReader reads the records of the page in r.
func NewReader(r io.Reader, page Page) *Reader {
	counter := &export.CountingReader{R: r}
	if page.Errorf == nil {
		page.Errorf = PageError
	}
	it := newIterator(counter, page.Keys, page.NullIsEmpty)
	if page.KeepMembers {
		it.head, it.tail = map[string]json.RawMessage{}, true
	}
	return &Reader{page: page, counter: counter, it: it}
}

// Members are the page's top-level members other than its records, by
// their names as written, when the Page says KeepMembers (else none):
// those after the records are there once Next has returned io.EOF.
func (r *Reader) Members() map[string]json.RawMessage { return r.it.head }

// Next returns the next record, or io.EOF after the last. A page that is
// not valid JSON cannot be read past the fault: the error names the file
// and the line.
func (r *Reader) Next() (Record, error) {
	rec, err := r.it.next()
	if err != nil && !errors.Is(err, io.EOF) {
		return rec, r.page.Errorf(r.page.Name, r.page.What, err)
	}
	return rec, err
}

// Line is the line the record starts on.
func (r *Reader) Line(rec Record) int64 { return rec.Line }

// Excerpt is the record on one line, for a reject.
func (r *Reader) Excerpt(rec Record) string { return Excerpt(rec.Raw) }

// Position is how many bytes of the page have been read and its size.
func (r *Reader) Position() (read, size int64) { return r.counter.N, r.page.Size }

var _ plugin.RowSource[Record] = (*Reader)(nil)
