package csvfile

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/salesaudit/salesaudit/plugin"
)

// utf16File is text as a UTF-16 file holds it: the byte order mark
// U+FEFF, then every character as one or two 16-bit units (a surrogate
// pair beyond U+FFFF), in the byte order given. It is written with the
// standard library's unicode/utf16, not with the decoder under test.
func utf16File(text string, order binary.AppendByteOrder) string {
	units := utf16.Encode([]rune("\uFEFF" + text))
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		out = order.AppendUint16(out, u)
	}
	return string(out)
}

// A CSV saved as UTF-16 (LibreOffice's "Unicode (UTF-16)" character set)
// is transcoded: its text, its line numbers across a quoted field of two
// lines and its malformed rows read as in UTF-8, and the reader names the
// encoding the byte order mark gave.
func TestUTF16FilesAreTranscoded(t *testing.T) {
	text := "Id,Subject\r\n" +
		"1,Übergabe Müller € 😀\r\n" +
		"2,\"two\r\nlines\"\r\n" +
		"3,\"a \"stray\" quote\"\r\n" +
		"4,Reunión\r\n"
	for _, tt := range []struct {
		order binary.AppendByteOrder
		want  Encoding
	}{{binary.LittleEndian, EncodingUTF16LE}, {binary.BigEndian, EncodingUTF16BE}} {
		t.Run(string(tt.want), func(t *testing.T) {
			for _, enc := range []Encoding{EncodingAuto, EncodingUTF8, EncodingWindows1252} {
				rd, err := NewReader(iotest.OneByteReader(strings.NewReader(utf16File(text, tt.order))), "t.csv", 0, Options{Encoding: enc})
				if err != nil {
					t.Fatalf("asked %s: %v", enc, err)
				}
				res := readFrom(t, rd)
				want := "[[1 Übergabe Müller € 😀] [2 two\nlines] [4 Reunión]] at [2 3 6], errors at [5]"
				if got := fmt.Sprintf("%v at %v, errors at %v", res.rows, res.lines, errLines(res)); got != want {
					t.Errorf("asked %s: read %q, want %q", enc, got, want)
				}
				if rd.Encoding() != tt.want {
					t.Errorf("asked %s: Encoding() = %q, want %q", enc, rd.Encoding(), tt.want)
				}
				if got, want := rd.Decoding(), (plugin.Decoding{SingleByteLines: 6, SingleByte: string(tt.want)}); got != want {
					t.Errorf("asked %s: Decoding() = %+v, want every line counted as %+v", enc, got, want)
				}
			}
		})
	}
}

// A file of only a UTF-16 byte order mark has no header and no rows.
func TestUTF16FileOfOnlyItsMark(t *testing.T) {
	res := mustReadAll(t, "\xFF\xFE", Options{})
	if res.header != nil || len(res.rows) != 0 {
		t.Errorf("header %q, rows %v; want none", res.header, res.rows)
	}
}

func readFrom(t *testing.T, rd *Reader) readResult {
	t.Helper()
	res, err := readRows(rd)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func errLines(res readResult) []int64 {
	var lines []int64
	for _, e := range res.errs {
		lines = append(lines, e.Line)
	}
	return lines
}
