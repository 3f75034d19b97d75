package csvfile

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
)

var sniff = Options{Sniff: true}

func TestSniffComma(t *testing.T) {
	tests := []struct {
		head string
		want rune
	}{
		{"Record ID,Call Title,Call duration\r\n1;2;3;4;5\r\n", ','},
		{"Record ID;Call Title;Call duration\r\n1,2,3,4,5\r\n", ';'},
		{"Id\tSubject\tActivityDate\r\n", '\t'},
		{"Id|Subject|ActivityDate\n", '|'},
		// The one that splits the header most; the semicolon before the
		// tab and the bar on a tie, the comma before all.
		{"a;b|c|d\n", '|'},
		{"a;b\tc\n", ';'},
		// Delimiters inside a quoted name do not count.
		{"\"Amount; EUR\",\"Stage; Pipeline\",Id\n", ','},
		{"\"Amount, EUR\";\"Stage, Pipeline\";Id\n", ';'},
		// A tie is the comma's; a one-column header is comma-separated.
		{"Name, first;Name, last\n", ','},
		{"Id\n", ','},
		{"", ','},
		// A header cut before its line ends is sniffed as far as it goes.
		{"a;b;c;d", ';'},
	}
	for _, tt := range tests {
		if got := SniffComma([]byte(tt.head)); got != tt.want {
			t.Errorf("SniffComma(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

// germanCalls is a HubSpot calls export as a German Excel saves it ("CSV
// (Trennzeichen-getrennt)"): semicolons, decimal commas, CRLF, a field
// quoted because it holds the delimiter.
const germanCalls = "Record ID;Call Title;Call duration;Activity date\r\n" +
	"71100000001;Erstgespräch Müller GmbH;1,5;04.05.2026 09:30\r\n" +
	"71100000002;\"Rückruf; Angebot\";12;04.05.2026 11:00\r\n"

// Sniffing, a semicolon- or tab-separated file reads as its
// comma-separated twin would; asking for a delimiter, or not asking to
// sniff, reads the file with the delimiter asked for, or the comma.
func TestDelimiterIsSniffedFromTheHeaderLine(t *testing.T) {
	res := mustReadAll(t, germanCalls, sniff)
	want := "[Record ID Call Title Call duration Activity date] " +
		"[[71100000001 Erstgespräch Müller GmbH 1,5 04.05.2026 09:30] [71100000002 Rückruf; Angebot 12 04.05.2026 11:00]]"
	if got := fmt.Sprint(res.header, " ", res.rows); got != want {
		t.Errorf("semicolons read as\n%s\nwant\n%s", got, want)
	}
	// Excel's "Unicode text": UTF-16 LE, tabs, CRLF.
	unicodeText := utf16File("Id\tSubject\tActivityDate\r\n00T5g000000e6CNEAY\tNabellen, offerte\t2026-04-02\r\n", binary.LittleEndian)
	res = mustReadAll(t, unicodeText, sniff)
	if got, want := fmt.Sprint(res.rows), "[[00T5g000000e6CNEAY Nabellen, offerte 2026-04-02]]"; got != want {
		t.Errorf("Unicode text read as %s, want %s", got, want)
	}
	for _, opts := range []Options{{Comma: ',', Sniff: true}, {}} {
		res = mustReadAll(t, germanCalls, opts)
		if len(res.header) != 1 {
			t.Errorf("%+v: the header reads as %q, want one column", opts, res.header)
		}
	}
}

// A malformed row of a semicolon file is rejected and reading resumes at
// its next line, as in a comma file; a file cut inside quotes is told so.
func TestMalformedRowsOfASemicolonFile(t *testing.T) {
	text := "Id;Subject\r\n1;\"never closed\r\n2;after\r\n3;\"cut"
	res := mustReadAll(t, text, sniff)
	if got := fmt.Sprint(column(res.rows, 0), res.lines); got != "[2] [3]" {
		t.Errorf("rows %v at lines %v, want row 2 at line 3", res.rows, res.lines)
	}
	if len(res.errs) != 2 || res.errs[0].Line != 2 || res.errs[1].Line != 4 ||
		!strings.Contains(res.errs[1].Reason, "the file ends inside a quoted field") {
		t.Errorf("row errors %v, want lines 2 and 4, the last a file cut short", res.errs)
	}
}

func TestACommaThatCannotSeparateFieldsIsRefused(t *testing.T) {
	_, err := NewReader(strings.NewReader("a,b\n"), "x.csv", 0, Options{Comma: '"'})
	if err == nil || !strings.Contains(err.Error(), "x.csv") {
		t.Errorf("a double quote as the delimiter: %v, want an error naming the file", err)
	}
}
