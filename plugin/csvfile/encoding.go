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
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding is the character encoding of a CSV file.
type Encoding string

const (
	// EncodingAuto detects UTF-8 or Windows-1252 from the bytes.
	EncodingAuto        Encoding = "auto"
	EncodingUTF8        Encoding = "utf-8"
	EncodingWindows1252 Encoding = "windows-1252"
	EncodingISO88591    Encoding = "iso-8859-1"
	// EncodingUTF16LE and EncodingUTF16BE are never asked for: a file
	// that starts with their byte order mark is read in them, whatever
	// the encoding asked (see decoder.skipBOM).
	EncodingUTF16LE Encoding = "utf-16le"
	EncodingUTF16BE Encoding = "utf-16be"
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

// singleByteTable maps each byte of a single-byte encoding to its UTF-8 form.
type singleByteTable [256][]byte

// newSingleByteTable builds the table of a charmap. charmap decodes the
// five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// to U+FFFD; the table keeps them instead as the C1 control of the same
// number (U+0081 …), as the WHATWG windows-1252 decoder does, so that no
// byte of the file is lost or replaced (the decoder counts them: see
// decoder.appendSingleByte).
func newSingleByteTable(cm *charmap.Charmap) *singleByteTable {
	var t singleByteTable
	for b := 0; b < 256; b++ {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b)
		}
		t[b] = utf8.AppendRune(nil, r)
	}
	return &t
}

var (
	windows1252Table = newSingleByteTable(charmap.Windows1252)
	iso88591Table    = newSingleByteTable(charmap.ISO8859_1)
)

// isC1 reports whether r is a C1 control (U+0080–U+009F): text a person
// never types, so a byte decoded to one is counted.
func isC1(r []byte) bool {
	return len(r) == 2 && r[0] == 0xC2 && r[1] >= 0x80 && r[1] <= 0x9F
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// utf16BOMs are the byte order marks of UTF-16, as Excel's "Unicode
// text" starts (FF FE, little-endian), and the encodings they name.
var utf16BOMs = []struct {
	bom        []byte
	enc        Encoding
	endianness unicode.Endianness
}{
	{[]byte{0xFF, 0xFE}, EncodingUTF16LE, unicode.LittleEndian},
	{[]byte{0xFE, 0xFF}, EncodingUTF16BE, unicode.BigEndian},
}

// rawChunkSize is how much of the file the decoder reads at a time. A line
// longer than this is decided in pieces of about this size.
const rawChunkSize = 64 << 10

// maxEmptyReads bounds how often a misbehaving source may return no bytes
// and no error before reading gives up, so that it cannot loop forever.
const maxEmptyReads = 100

// EncodingError is a byte that the file's encoding cannot decode: since
// every byte decodes in Windows-1252 and ISO-8859-1, only a line that is not
// UTF-8 in a file forced to UTF-8. Text is never replaced silently: the user
// is told where, and how to read the file otherwise.
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
// layer above always sees valid UTF-8. It decides line by line, because
// real exports mix encodings that way: a Salesforce org that exports
// Windows-1252 still holds records pasted in by integrations, data-loader
// fixes or mail merges as UTF-8. A physical line that is valid UTF-8 is
// read as UTF-8; any other is read in the file's single-byte encoding
// (Windows-1252 unless iso-8859-1 is forced). A record that spans lines
// inside quotes may so be decoded part one way, part the other, which is
// how it was written. Only with utf-8 forced is a line that is not UTF-8 an
// error (an *EncodingError). Every line with non-ASCII text, and every C1
// byte kept, is counted (Decoding), so that the mix is never silent.
type decoder struct {
	src  io.Reader
	file string
	// enc is the encoding asked for; EncodingAuto reads lines that are
	// not UTF-8 as Windows-1252.
	enc Encoding
	// single is the table for lines that are not UTF-8, and singleName
	// its encoding; nil when utf-8 is forced.
	single     *singleByteTable
	singleName Encoding
	// raw[start:end] has been read but not decoded: at most the start of a
	// line whose end has not been read yet.
	raw        []byte
	start, end int
	eof        bool
	bomChecked bool
	out        []byte // decoded bytes not yet returned by Read
	outBuf     []byte // storage for decoded lines
	line       int64  // physical line of the next byte to decode, from 1
	// lineUTF8 and lineSingle say how the pieces of the current line
	// were decoded so far (a line longer than the buffer is decided in
	// pieces); the line is counted once, when it ends.
	lineUTF8, lineSingle bool
	// utf16 is the UTF-16 the file's byte order mark named, "" if none:
	// src then reads the file transcoded to UTF-8.
	utf16  Encoding
	counts plugin.Decoding
	err    error // sticky: io.EOF or a fatal error
}

func newDecoder(src io.Reader, file string, enc Encoding) (*decoder, error) {
	d := &decoder{src: src, file: file, enc: enc, raw: make([]byte, rawChunkSize), line: 1}
	switch enc {
	case EncodingAuto, EncodingWindows1252:
		d.single, d.singleName = windows1252Table, EncodingWindows1252
	case EncodingISO88591:
		d.single, d.singleName = iso88591Table, EncodingISO88591
	case EncodingUTF8:
	default:
		return nil, fmt.Errorf("%s: unsupported encoding %q", file, enc)
	}
	return d, nil
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

// decoding is how the lines decoded so far were read.
func (d *decoder) decoding() plugin.Decoding {
	c := d.counts
	switch {
	case d.utf16 != "":
		c.SingleByte = string(d.utf16)
	case c.SingleByteLines > 0:
		c.SingleByte = string(d.singleName)
	}
	return c
}

// encoding is the encoding asked for, or the UTF-16 the file's byte order
// mark named.
func (d *decoder) encoding() Encoding {
	if d.utf16 != "" {
		return d.utf16
	}
	return d.enc
}

// decodeNext decodes the next chunk. It may return no bytes and no error
// when the chunk ends inside a line and more must be read.
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
	out, used, err := d.decodeLines(d.raw[d.start:d.end])
	if err != nil {
		return nil, err
	}
	d.start += used
	return out, nil
}

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
// the encoding: it is never text. A UTF-16 one makes the rest of the file
// be read transcoded to UTF-8 (see readUTF16). It reports false while too
// few bytes have arrived to tell.
func (d *decoder) skipBOM() bool {
	head := d.raw[d.start:d.end]
	if len(head) < len(utf8BOM) && !d.eof && (bytes.HasPrefix(utf8BOM, head) || len(head) < 2) {
		return false
	}
	d.bomChecked = true
	if bytes.HasPrefix(head, utf8BOM) {
		d.start += len(utf8BOM)
		return true
	}
	for _, b := range utf16BOMs {
		if bytes.HasPrefix(head, b.bom) {
			d.readUTF16(b.enc, b.endianness, head[len(b.bom):])
			return false
		}
	}
	return true
}

// readUTF16 reads the rest of the file, head first, transcoded from UTF-16
// to UTF-8, which the line-by-line decoding then takes as it comes. A
// UTF-16 byte order mark is never the start of text in another encoding
// ("ÿþ" then a NUL every other byte), so it is trusted whatever the
// encoding asked: Excel writes it to every "Unicode text" file. A byte
// pair that is no UTF-16 (a lone surrogate, an odd last byte) becomes
// U+FFFD, as the decoder of golang.org/x/text does.
func (d *decoder) readUTF16(enc Encoding, endianness unicode.Endianness, head []byte) {
	rest := io.MultiReader(bytes.NewReader(bytes.Clone(head)), d.src)
	d.src = transform.NewReader(rest, unicode.UTF16(endianness, unicode.IgnoreBOM).NewDecoder())
	d.utf16 = enc
	d.start, d.end, d.eof = 0, 0, false
}

// decodeLines decodes the whole lines of chunk and says how many of its
// bytes it used. The last line is held back until its end is read, unless
// the file ends there or it fills the whole buffer: then the piece up to
// the last whole UTF-8 character is decided on its own (a multi-byte
// character is never cut in two).
func (d *decoder) decodeLines(chunk []byte) (out []byte, used int, err error) {
	out = d.outBuf[:0]
	for used < len(chunk) {
		rest := chunk[used:]
		piece, ends := rest, true
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			piece = rest[:nl+1]
		} else if !d.eof {
			if used > 0 || len(rest) < len(d.raw) {
				break // wait for the end of the line
			}
			piece, ends = rest[:completeUTF8Prefix(rest)], false
		}
		if out, err = d.appendPiece(out, piece); err != nil {
			return nil, 0, err
		}
		if ends {
			d.endLine()
		}
		used += len(piece)
	}
	d.outBuf = out[:0]
	return out, used, nil
}

// appendPiece decodes a line, or a piece of a long one, onto out.
func (d *decoder) appendPiece(out, piece []byte) ([]byte, error) {
	i := firstNonASCII(piece)
	switch {
	case i < 0:
		return append(out, piece...), nil
	case utf8.Valid(piece[i:]):
		d.lineUTF8 = true
		return append(out, piece...), nil
	case d.single == nil:
		bad := i + invalidUTF8Offset(piece[i:])
		return nil, &EncodingError{File: d.file, Line: d.line, Byte: piece[bad], Encoding: EncodingUTF8,
			Hint: "the encoding was forced to utf-8; leave --encoding at auto to read lines that are not UTF-8 as Windows-1252, " +
				"or force --encoding windows-1252 or --encoding iso-8859-1"}
	}
	d.lineSingle = true
	return appendSingleByte(out, piece, d.single, &d.counts), nil
}

// appendSingleByte decodes piece with the single-byte table onto out,
// counting the bytes kept as C1 controls. They are loaded, not rejected: a
// stray byte from another code page (0x81 is ü in the DOS code page 850)
// is no reason to lose the record, and the count tells the user it is there.
func appendSingleByte(out, piece []byte, table *singleByteTable, counts *plugin.Decoding) []byte {
	for _, c := range piece {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		utf := table[c]
		if isC1(utf) {
			counts.C1Kept++
		}
		out = append(out, utf...)
	}
	return out
}

// LineDecoder decodes text a line at a time by the rules of Reader (see
// decoder): a line that is valid UTF-8 is UTF-8, any other Windows-1252,
// its undefined bytes kept as C1 controls, and every line counted. It is
// for formats that cut their own lines: an iCalendar file decides each
// content line, its folds joined, as one.
type LineDecoder struct {
	counts plugin.Decoding
}

// UTF8Line reports whether line is read as UTF-8 (or is ASCII), counting
// it when it is.
func (d *LineDecoder) UTF8Line(line []byte) bool {
	i := firstNonASCII(line)
	if i < 0 {
		return true
	}
	if utf8.Valid(line[i:]) {
		d.counts.UTF8Lines++
		return true
	}
	return false
}

// AppendSingleByte decodes a line UTF8Line refused onto out, in
// Windows-1252, counting it.
func (d *LineDecoder) AppendSingleByte(out, line []byte) []byte {
	d.counts.SingleByteLines++
	return appendSingleByte(out, line, windows1252Table, &d.counts)
}

// Decoding is how the lines decoded so far were read.
func (d *LineDecoder) Decoding() plugin.Decoding {
	c := d.counts
	if c.SingleByteLines > 0 {
		c.SingleByte = string(EncodingWindows1252)
	}
	return c
}

// endLine counts the line just decoded by how its non-ASCII text was read:
// a pure ASCII line reads the same in every encoding and is not counted.
func (d *decoder) endLine() {
	switch {
	case d.utf16 != "":
		// Every line of a UTF-16 file was transcoded, ASCII or not.
		d.counts.SingleByteLines++
	case d.lineSingle:
		d.counts.SingleByteLines++
	case d.lineUTF8:
		d.counts.UTF8Lines++
	}
	d.lineUTF8, d.lineSingle = false, false
	d.line++
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
