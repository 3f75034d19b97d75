package csvfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/plugin"
	"golang.org/x/text/encoding/charmap"
)

// Encoding is the character encoding of a CSV file.
type Encoding string

const (
	// EncodingAuto detects UTF-8 or Windows-1252 from the bytes.
	EncodingAuto        Encoding = "auto"
	EncodingUTF8        Encoding = "utf-8"
	EncodingWindows1252 Encoding = "windows-1252"
	EncodingISO88591    Encoding = "iso-8859-1"
)

// Encodings lists the accepted encodings, for help texts.
var Encodings = []Encoding{EncodingAuto, EncodingUTF8, EncodingWindows1252, EncodingISO88591}

// ParseEncoding reads an encoding name as a user would type it. The empty
// string means auto.
func ParseEncoding(name string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "auto":
		return EncodingAuto, nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "windows-1252", "cp1252", "win1252":
		return EncodingWindows1252, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1":
		return EncodingISO88591, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want one of auto, utf-8, windows-1252, iso-8859-1)", name)
}

// EncodingOption is the Read option that forces the encoding of a
// connector's CSV files, setting enc.
func EncodingOption(enc *Encoding) plugin.Option {
	return plugin.Option{
		Name: "encoding",
		Help: "character encoding of the CSV files: auto (default; UTF-8 or Windows-1252), utf-8, windows-1252 or iso-8859-1",
		Set: func(value string) (err error) {
			*enc, err = ParseEncoding(value)
			return err
		},
	}
}

// singleByteTable maps each byte of a single-byte encoding to its UTF-8 form;
// a nil entry is a byte the encoding does not define.
type singleByteTable [256][]byte

func newSingleByteTable(cm *charmap.Charmap) *singleByteTable {
	var t singleByteTable
	for b := 0; b < 256; b++ {
		r := cm.DecodeByte(byte(b))
		// charmap decodes the five holes of Windows-1252 (0x81, 0x8D, 0x8F,
		// 0x90, 0x9D) to U+FFFD; they must stay errors, never replacement
		// characters.
		if r == utf8.RuneError {
			continue
		}
		t[b] = utf8.AppendRune(nil, r)
	}
	return &t
}

var (
	windows1252Table = newSingleByteTable(charmap.Windows1252)
	iso88591Table    = newSingleByteTable(charmap.ISO8859_1)
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// rawChunkSize is how much of the file the decoder reads at a time.
const rawChunkSize = 64 << 10

// maxEmptyReads bounds how often a misbehaving source may return no bytes
// and no error before reading gives up, so that it cannot loop forever.
const maxEmptyReads = 100

// EncodingError is a byte that the file's encoding cannot decode. Text is
// never replaced silently: the user is told where, and how to force the
// right encoding.
type EncodingError struct {
	File     string
	Line     int64
	Byte     byte
	Encoding Encoding
	Hint     string
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("%s line %d: byte 0x%02X is not valid %s; %s", e.File, e.Line, e.Byte, e.Encoding, e.Hint)
}

// decoder turns a file's bytes into UTF-8 as it streams, so that the CSV
// layer above always sees valid UTF-8. In auto mode it passes ASCII through
// and decides the encoding at the first non-ASCII byte: a valid UTF-8
// sequence there means UTF-8, anything else Windows-1252 (the encoding of
// Salesforce orgs that do not export UTF-8).
type decoder struct {
	src  io.Reader
	file string
	enc  Encoding // EncodingAuto until decided
	// raw[start:end] has been read but not decoded: at most the start of a
	// character cut by the end of the previous read.
	raw        []byte
	start, end int
	eof        bool
	bomChecked bool
	out        []byte // decoded bytes not yet returned by Read
	outBuf     []byte // storage for single-byte decoding
	line       int64  // physical line of the next byte to decode, from 1
	err        error  // sticky: io.EOF or a fatal error
}

func newDecoder(src io.Reader, file string, enc Encoding) *decoder {
	return &decoder{src: src, file: file, enc: enc, raw: make([]byte, rawChunkSize), line: 1}
}

// Read implements io.Reader.
func (d *decoder) Read(p []byte) (int, error) {
	for len(d.out) == 0 {
		if d.err != nil {
			return 0, d.err
		}
		d.out, d.err = d.decodeNext()
	}
	n := copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}

// fatal is the decoder's error if decoding failed (not a clean EOF).
func (d *decoder) fatal() error {
	if d.err == nil || errors.Is(d.err, io.EOF) {
		return nil
	}
	return d.err
}

// decodeNext decodes the next chunk. It may return no bytes and no error
// when the chunk ends inside a character and more must be read.
func (d *decoder) decodeNext() ([]byte, error) {
	if err := d.fill(); err != nil {
		return nil, err
	}
	if d.start == d.end && d.eof {
		return nil, io.EOF
	}
	if !d.bomChecked && !d.skipBOM() {
		return nil, nil
	}
	out, used, err := d.decode(d.raw[d.start:d.end])
	if err != nil {
		return nil, err
	}
	d.start += used
	d.line += int64(bytes.Count(out, newline))
	return out, nil
}

var newline = []byte{'\n'}

// fill reads more raw bytes after any undecoded tail.
func (d *decoder) fill() error {
	if d.start > 0 {
		// Only now is it safe to move the tail: the bytes decoded from
		// the front of raw have all been returned by Read.
		d.end = copy(d.raw, d.raw[d.start:d.end])
		d.start = 0
	}
	for empty := 0; !d.eof && d.end < len(d.raw); empty++ {
		if empty == maxEmptyReads {
			return fmt.Errorf("reading %s: %w", d.file, io.ErrNoProgress)
		}
		n, err := d.src.Read(d.raw[d.end:])
		d.end += n
		if errors.Is(err, io.EOF) {
			d.eof = true
		} else if err != nil {
			return fmt.Errorf("reading %s: %w", d.file, err)
		}
		if n > 0 {
			break
		}
	}
	return nil
}

// skipBOM drops a UTF-8 byte order mark at the start of the file, whatever
// the encoding: it is never text. It reports false while too few bytes have
// arrived to tell.
func (d *decoder) skipBOM() bool {
	head := d.raw[d.start:d.end]
	if len(head) < len(utf8BOM) && !d.eof && bytes.HasPrefix(utf8BOM, head) {
		return false
	}
	d.bomChecked = true
	if bytes.HasPrefix(head, utf8BOM) {
		d.start += len(utf8BOM)
		if d.enc == EncodingAuto {
			d.enc = EncodingUTF8
		}
	}
	return true
}

// decode decodes chunk in the current encoding and says how many of its
// bytes it used: all but a character cut at the end.
func (d *decoder) decode(chunk []byte) (out []byte, used int, err error) {
	switch d.enc {
	case EncodingAuto:
		return d.decodeUndecided(chunk)
	case EncodingUTF8:
		return d.decodeUTF8(chunk)
	case EncodingWindows1252:
		return d.decodeSingleByte(chunk, windows1252Table)
	case EncodingISO88591:
		return d.decodeSingleByte(chunk, iso88591Table)
	}
	return nil, 0, fmt.Errorf("%s: unsupported encoding %q", d.file, d.enc)
}

// decodeUndecided passes ASCII through and decides the encoding at the
// first non-ASCII byte.
func (d *decoder) decodeUndecided(chunk []byte) (out []byte, used int, err error) {
	i := firstNonASCII(chunk)
	if i < 0 {
		return chunk, len(chunk), nil
	}
	if !utf8.FullRune(chunk[i:]) && !d.eof {
		// The character is cut by the end of the chunk: decide once it
		// is whole.
		return chunk[:i], i, nil
	}
	if r, size := utf8.DecodeRune(chunk[i:]); r == utf8.RuneError && size == 1 {
		d.enc = EncodingWindows1252
	} else {
		d.enc = EncodingUTF8
	}
	return d.decode(chunk)
}

// decodeUTF8 validates chunk and returns its whole characters.
func (d *decoder) decodeUTF8(chunk []byte) (out []byte, used int, err error) {
	end := len(chunk)
	if !d.eof {
		end = completeUTF8Prefix(chunk)
	}
	valid := chunk[:end]
	if utf8.Valid(valid) {
		return valid, end, nil
	}
	bad := invalidUTF8Offset(valid)
	return nil, 0, d.encodingError(valid[:bad], valid[bad],
		"the file looked like UTF-8 until here; if it is not, force its encoding with --encoding windows-1252 or --encoding iso-8859-1")
}

// decodeSingleByte decodes chunk with a single-byte table.
func (d *decoder) decodeSingleByte(chunk []byte, table *singleByteTable) (out []byte, used int, err error) {
	out = d.outBuf[:0]
	for i := 0; i < len(chunk); i++ {
		ascii := firstNonASCII(chunk[i:])
		if ascii < 0 {
			out = append(out, chunk[i:]...)
			break
		}
		out = append(out, chunk[i:i+ascii]...)
		i += ascii
		utf := table[chunk[i]]
		if utf == nil {
			return nil, 0, d.encodingError(chunk[:i], chunk[i],
				fmt.Sprintf("it is undefined in %s; force another encoding with --encoding", d.enc))
		}
		out = append(out, utf...)
	}
	d.outBuf = out[:0]
	return out, len(chunk), nil
}

// encodingError names the file and line of a byte that cannot be decoded;
// before is the part of the current chunk that precedes it.
func (d *decoder) encodingError(before []byte, b byte, hint string) error {
	return &EncodingError{
		File:     d.file,
		Line:     d.line + int64(bytes.Count(before, newline)),
		Byte:     b,
		Encoding: d.enc,
		Hint:     hint,
	}
}

// firstNonASCII is the index of the first byte ≥ 0x80, or -1.
func firstNonASCII(b []byte) int {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}

// completeUTF8Prefix is the length of b without a character cut at its end.
func completeUTF8Prefix(b []byte) int {
	for back := 1; back <= utf8.UTFMax && back <= len(b); back++ {
		c := b[len(b)-back]
		if c < utf8.RuneSelf {
			return len(b)
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-back:]) {
				return len(b)
			}
			return len(b) - back
		}
	}
	return len(b)
}

// invalidUTF8Offset is the offset of the first invalid byte in b.
func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}
