package csvfile

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/salesaudit/salesaudit/plugin"
)

// readDecoding reads every row of a CSV text and returns the rows' fields
// and the reader's account of how it decoded them.
func readDecoding(t *testing.T, r io.Reader, opts Options) ([][]string, plugin.Decoding) {
	t.Helper()
	rd, err := NewReader(r, "Account.csv", 0, opts)
	if err != nil {
		t.Fatalf("reading the header: %v", err)
	}
	var rows [][]string
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rows, rd.Decoding()
		}
		if err != nil {
			t.Fatalf("reading: %v", err)
		}
		rows = append(rows, append([]string(nil), row.Fields...))
	}
}

func column(rows [][]string, i int) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[i])
	}
	return out
}

// mixedExport is a Windows-1252 Data Export with lines written as UTF-8 by
// an integration, and one quoted field whose second line is UTF-8.
const mixedExport = "\"Id\",\"Name\",\"BillingCity\"\r\n" +
	"\"001\",\"Distribuidora Le\xF3n\",\"Medell\xEDn\"\r\n" + // Windows-1252
	"\"002\",\"Ferreter\xC3\xADa Andina\",\"BOGOT\xC3\x81\"\r\n" + // UTF-8
	"\"003\",\"Plain Supplies\",\"Lima\"\r\n" + // ASCII: not counted
	"\"004\",\"Caf\xE9 del Sur\r\nSucursal Ca\xC3\xB1ar\",\"Quito\"\r\n" // one of each

func TestMixedLinesDecodeEachInItsOwnEncoding(t *testing.T) {
	rows, dec := readDecoding(t, strings.NewReader(mixedExport), Options{})
	want := []string{"Distribuidora León", "Ferretería Andina", "Plain Supplies", "Café del Sur\nSucursal Cañar"}
	if got := column(rows, 1); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("names = %q, want %q", got, want)
	}
	if got := rows[1][2]; got != "BOGOTÁ" {
		t.Errorf("a UTF-8 line reads %q, want BOGOTÁ", got)
	}
	wantDec := plugin.Decoding{UTF8Lines: 2, SingleByteLines: 2, SingleByte: "windows-1252"}
	if dec != wantDec || !dec.Mixed() || !dec.WorthSaying() {
		t.Errorf("decoding = %+v, want %+v", dec, wantDec)
	}
}

// Feeding one byte at a time cuts every character and every line between
// reads: the outcome must not change.
func TestMixedLinesReadOneByteAtATime(t *testing.T) {
	whole, wholeDec := readDecoding(t, strings.NewReader(mixedExport), Options{})
	cut, cutDec := readDecoding(t, iotest.OneByteReader(strings.NewReader(mixedExport)), Options{})
	if strings.Join(column(whole, 1), "|") != strings.Join(column(cut, 1), "|") || wholeDec != cutDec {
		t.Errorf("one byte at a time: %q %+v, at once: %q %+v", column(cut, 1), cutDec, column(whole, 1), wholeDec)
	}
}

func TestUndefinedWindows1252BytesAreKeptAsC1AndCounted(t *testing.T) {
	text := "Name\nM\x81ller \x8D\x8F\x90\x9D\nZo\xEB\n"
	rows, dec := readDecoding(t, strings.NewReader(text), Options{})
	if got := rows[0][0]; got != "M\u0081ller \u008D\u008F\u0090\u009D" {
		t.Errorf("got %q", got)
	}
	want := plugin.Decoding{SingleByteLines: 2, SingleByte: "windows-1252", C1Kept: 5}
	if dec != want || dec.Mixed() || !dec.WorthSaying() {
		t.Errorf("decoding = %+v, want %+v", dec, want)
	}
}

// A UTF-8 character that straddles the decoder's buffer is decoded whole,
// and its line, longer than the buffer, is counted once.
func TestUTF8CharacterAcrossTheBuffer(t *testing.T) {
	// The decoder holds a line that has not ended at the front of its
	// buffer: the Á's first byte is the buffer's last.
	const header = "Name\n"
	long := "\"" + strings.Repeat("a", rawChunkSize-2) + "\xC3\x81 BOGOT\xC3\x81\"\n"
	if long[rawChunkSize-1] != 0xC3 || long[rawChunkSize] != 0x81 {
		t.Fatal("test bug: the character does not straddle the buffer")
	}
	text := header + long + "Le\xF3n\n"
	rows, dec := readDecoding(t, strings.NewReader(text), Options{})
	if got := rows[0][0]; !strings.HasSuffix(got, "aÁ BOGOTÁ") {
		t.Errorf("the long line ends %q", got[len(got)-12:])
	}
	if rows[1][0] != "León" {
		t.Errorf("the next line reads %q", rows[1][0])
	}
	want := plugin.Decoding{UTF8Lines: 1, SingleByteLines: 1, SingleByte: "windows-1252"}
	if dec != want {
		t.Errorf("decoding = %+v, want %+v", dec, want)
	}
}

// A Windows-1252 line longer than the buffer is counted once.
func TestLongWindows1252LineIsCountedOnce(t *testing.T) {
	text := "Name\n" + strings.Repeat("Le\xF3n ", rawChunkSize/4) + "\n"
	rows, dec := readDecoding(t, strings.NewReader(text), Options{})
	if strings.Count(rows[0][0], "León") != rawChunkSize/4 {
		t.Errorf("the long line lost text")
	}
	if dec.SingleByteLines != 1 || dec.UTF8Lines != 0 {
		t.Errorf("decoding = %+v, want one Windows-1252 line", dec)
	}
}

func TestForcedISO88591KeepsUTF8Lines(t *testing.T) {
	text := "Name\nBOGOT\xC3\x81\n5.000 \x80 Le\xF3n\n"
	rows, dec := readDecoding(t, strings.NewReader(text), Options{Encoding: EncodingISO88591})
	if got := column(rows, 0); got[0] != "BOGOTÁ" || got[1] != "5.000 \u0080 León" {
		t.Errorf("got %q", got)
	}
	// In ISO-8859-1 every byte 0x80–0x9F is a C1 control.
	want := plugin.Decoding{UTF8Lines: 1, SingleByteLines: 1, SingleByte: "iso-8859-1", C1Kept: 1}
	if dec != want {
		t.Errorf("decoding = %+v, want %+v", dec, want)
	}
}

func TestForcedUTF8CountsItsLinesAndRefusesOthers(t *testing.T) {
	rows, dec := readDecoding(t, strings.NewReader("Name\nBOGOT\xC3\x81\nLima\n"), utf8Forced)
	if rows[0][0] != "BOGOTÁ" || dec != (plugin.Decoding{UTF8Lines: 1}) {
		t.Errorf("got %q, decoding %+v", rows[0][0], dec)
	}
	_, err := readAll(t, strings.NewReader("Name\nBOGOT\xC3\x81\nLe\xF3n\n"), utf8Forced)
	var encErr *EncodingError
	if !errors.As(err, &encErr) || encErr.Line != 3 || encErr.Byte != 0xF3 || encErr.Encoding != EncodingUTF8 {
		t.Errorf("forced utf-8 on a Windows-1252 line: %v", err)
	}
}

func TestASCIIFileHasNothingToSay(t *testing.T) {
	_, dec := readDecoding(t, strings.NewReader("Name\nLima\nQuito\n"), Options{})
	if dec != (plugin.Decoding{}) || dec.WorthSaying() {
		t.Errorf("decoding = %+v, want zero", dec)
	}
}
