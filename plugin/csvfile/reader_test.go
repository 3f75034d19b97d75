package csvfile

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// readAll reads every row of a CSV text, keeping copies of the fields, the
// line numbers and the row errors.
type readResult struct {
	rows   [][]string
	lines  []int64
	errs   []*RowError
	header []string
}

func readAll(t *testing.T, r io.Reader, opts Options) (readResult, error) {
	t.Helper()
	rd, err := NewReader(r, "test.csv", 0, opts)
	if err != nil {
		return readResult{}, err
	}
	return readRows(rd)
}

// readRows reads the rows of rd, as readAll.
func readRows(rd *Reader) (readResult, error) {
	res := readResult{header: rd.Header()}
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		var rowErr *RowError
		if errors.As(err, &rowErr) {
			res.errs = append(res.errs, rowErr)
			continue
		}
		if err != nil {
			return res, err
		}
		res.rows = append(res.rows, append([]string(nil), row.Fields...))
		res.lines = append(res.lines, row.Line)
	}
}

func mustReadAll(t *testing.T, text string, opts Options) readResult {
	t.Helper()
	res, err := readAll(t, strings.NewReader(text), opts)
	if err != nil {
		t.Fatalf("reading: %v", err)
	}
	return res
}

func TestQuotedNewlinesKeepLineNumbers(t *testing.T) {
	text := "\"Id\",\"Description\"\r\n" +
		"\"1\",\"one line\"\r\n" +
		"\"2\",\"first\r\nsecond\r\nthird\"\r\n" +
		"\"3\",\"after, with \"\"quotes\"\"\"\r\n"
	res := mustReadAll(t, text, Options{})
	wantLines := []int64{2, 3, 6}
	if len(res.lines) != len(wantLines) {
		t.Fatalf("got %d rows, want %d", len(res.lines), len(wantLines))
	}
	for i, want := range wantLines {
		if res.lines[i] != want {
			t.Errorf("row %d starts at line %d, want %d", i, res.lines[i], want)
		}
	}
	if got := res.rows[1][1]; got != "first\nsecond\nthird" {
		t.Errorf("multi-line field = %q", got)
	}
	if got := res.rows[2][1]; got != `after, with "quotes"` {
		t.Errorf("quoted field = %q", got)
	}
}

func TestHeaderIsMatchedCaseInsensitively(t *testing.T) {
	rd, err := NewReader(strings.NewReader("ID,OWNERID, Subject \n1,2,3\n"), "t.csv", 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"Id": 0, "ownerid": 1, "OwnerId": 1, "SUBJECT": 2, "Missing": -1} {
		if got := rd.Column(name); got != want {
			t.Errorf("Column(%q) = %d, want %d", name, got, want)
		}
	}
	row, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got := row.Field(rd.Column("Missing")); got != "" {
		t.Errorf("a missing column reads %q, want empty", got)
	}
}

func TestBOMIsStripped(t *testing.T) {
	for _, enc := range []Encoding{EncodingAuto, EncodingUTF8, EncodingWindows1252} {
		res := mustReadAll(t, "\xEF\xBB\xBF\"Id\",\"Name\"\n\"1\",\"Zoë\"\n", Options{Encoding: enc})
		if res.header[0] != "Id" {
			t.Errorf("%s: first header = %q, want Id", enc, res.header[0])
		}
	}
	res := mustReadAll(t, "\xEF\xBB\xBFId,Name\n1,Zoë\n", Options{})
	if got := res.rows[0][1]; got != "Zoë" {
		t.Errorf("after a BOM, auto reads %q", got)
	}
}

func TestEncodingDetection(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  Options
		want  string
	}{
		{"ascii", "Name\nReunion\n", Options{}, "Reunion"},
		{"utf-8", "Name\nReunión\n", Options{}, "Reunión"},
		{"windows-1252 detected", "Name\nReuni\xF3n\n", Options{}, "Reunión"},
		{"windows-1252 euro sign", "Name\n5.000 \x80\n", Options{}, "5.000 €"},
		{"windows-1252 curly quotes", "Name\n\x93Hello\x94\n", Options{}, "“Hello”"},
		{"forced iso-8859-1", "Name\n5.000 \x80 \xE9\n", Options{Encoding: EncodingISO88591}, "5.000 \u0080 é"},
		// A line that is valid UTF-8 is UTF-8, whatever single-byte
		// encoding is forced.
		{"forced windows-1252 on utf-8 bytes", "Name\nRéunion\n", Options{Encoding: EncodingWindows1252}, "Réunion"},
		// One line, one encoding: a line that is not UTF-8 is read
		// wholly in Windows-1252, its UTF-8-looking bytes too.
		{"a line is decided as a whole", "Name\nReuni\xF3n \xC3\xA9\n", Options{}, "Reunión Ã©"},
		{"windows-1252 hole kept as C1", "Name\nM\x81ller\n", Options{}, "M\u0081ller"},
		{"cut character at end of file", "Name\nReunión\n\xC3", Options{}, "Reunión"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustReadAll(t, tt.input, tt.opts)
			if got := res.rows[0][0]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

var utf8Forced = Options{Encoding: EncodingUTF8}

func TestEncodingErrors(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		opts     Options
		wantLine int64
		wantByte byte
		wantHint string
	}{
		// Only with utf-8 forced can a byte fail to decode.
		{"invalid utf-8 after utf-8", "Name\nReunión\nok\nbad \xFF\n", utf8Forced, 4, 0xFF, "--encoding windows-1252"},
		{"windows-1252 hole", "Name\nReunión\n\x81\n", utf8Forced, 3, 0x81, "--encoding"},
		{"forced utf-8 on windows-1252", "Name\nReuni\xF3n\n", utf8Forced, 2, 0xF3, "--encoding windows-1252"},
		{"invalid byte inside a quoted newline", "Name\n\"Reunión\nline \xFF\"\n", utf8Forced, 3, 0xFF, "--encoding"},
		{"cut character at end of file", "Name\nReunión\n\xC3", utf8Forced, 3, 0xC3, "leave --encoding at auto"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, strings.NewReader(tt.input), tt.opts)
			var encErr *EncodingError
			if !errors.As(err, &encErr) {
				t.Fatalf("got %v, want an *EncodingError", err)
			}
			if encErr.Line != tt.wantLine || encErr.Byte != tt.wantByte || encErr.File != "test.csv" {
				t.Errorf("got %s:%d byte %#x, want test.csv:%d byte %#x", encErr.File, encErr.Line, encErr.Byte, tt.wantLine, tt.wantByte)
			}
			if !strings.Contains(err.Error(), tt.wantHint) || !strings.Contains(err.Error(), "test.csv line") {
				t.Errorf("error %q does not say where and how to fix it", err)
			}
		})
	}
}

// TestCharactersCutByReads feeds one byte at a time, so that every
// multi-byte character and the BOM are cut between reads.
func TestCharactersCutByReads(t *testing.T) {
	tests := []struct{ input, want string }{
		{"\xEF\xBB\xBFName\nS\xC3\xA3o Paulo \xE2\x82\xAC \xF0\x9F\x98\x80\n", "São Paulo € 😀"},
		{"Name\nS\xE3o Paulo \x80\n", "São Paulo €"},
	}
	for _, tt := range tests {
		res, err := readAll(t, iotest.OneByteReader(strings.NewReader(tt.input)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.header[0] != "Name" || res.rows[0][0] != tt.want {
			t.Errorf("got header %q row %q, want Name and %q", res.header, res.rows[0], tt.want)
		}
	}
}

// TestLongFileDecidesLate puts the first non-ASCII byte beyond the first
// chunk the decoder reads.
func TestLongFileDecidesLate(t *testing.T) {
	var b strings.Builder
	b.WriteString("Id,Subject\n")
	for b.Len() < rawChunkSize+100 {
		b.WriteString("1,plain ascii subject line\n")
	}
	b.WriteString("2,Reuni\xF3n\n")
	res := mustReadAll(t, b.String(), Options{})
	if got := res.rows[len(res.rows)-1][1]; got != "Reunión" {
		t.Errorf("got %q", got)
	}
}

func TestMalformedRowsAreRowErrors(t *testing.T) {
	text := "\"Id\",\"Subject\",\"Status\"\n" +
		"\"1\",\"good\",\"Open\"\n" +
		"\"2\",\"a \"stray\" quote\",\"Open\"\n" +
		"\"3\",\"too few\"\n" +
		"\"4\",\"multi\nline\",\"Open\"\n" +
		"\"5\",\"too\",\"many\",\"fields\"\n" +
		"\"6\",\"good again\",\"Done\"\n"
	res := mustReadAll(t, text, Options{})
	var ids []string
	for _, r := range res.rows {
		ids = append(ids, r[0])
	}
	if got := strings.Join(ids, ","); got != "1,4,6" {
		t.Errorf("good rows %s, want 1,4,6", got)
	}
	wantErrs := []struct {
		line   int64
		reason string
		raw    string
	}{
		{3, "stray double quote", `"2","a "stray" quote","Open"`},
		{4, "2 fields, the header 3", `"3","too few"`},
		{7, "4 fields, the header 3", `"5","too","many","fields"`},
	}
	if len(res.errs) != len(wantErrs) {
		t.Fatalf("got %d row errors (%v), want %d", len(res.errs), res.errs, len(wantErrs))
	}
	for i, want := range wantErrs {
		got := res.errs[i]
		if got.Line != want.line || !strings.Contains(got.Reason, want.reason) || got.Raw != want.raw {
			t.Errorf("error %d = line %d %q raw %q, want line %d %q raw %q", i, got.Line, got.Reason, got.Raw, want.line, want.reason, want.raw)
		}
	}
}

// A quote never closed costs its own line only: the lines it swallowed
// are read again, on their own.
func TestUnterminatedQuoteCostsOnlyItsLine(t *testing.T) {
	text := "Id,Subject\n1,ok\n2,\"never closed\n3,read on its own\n"
	res := mustReadAll(t, text, Options{})
	if got := strings.Join(column(res.rows, 0), ","); got != "1,3" || res.lines[1] != 4 {
		t.Errorf("rows %v at lines %v, want rows 1 and 3 at lines 2 and 4", res.rows, res.lines)
	}
	if len(res.errs) != 1 || res.errs[0].Line != 3 || res.errs[0].Raw != `2,"never closed` {
		t.Errorf("row errors %v, want one at line 3 quoting its line", res.errs)
	}
}

func TestRowsReadCountsMalformedRows(t *testing.T) {
	rd, err := NewReader(strings.NewReader("a,b\n1,2\n3\n4,5\n"), "t.csv", 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if rd.RowsRead() != 3 {
		t.Errorf("RowsRead = %d, want 3", rd.RowsRead())
	}
}

func TestRawExcerpt(t *testing.T) {
	long := strings.Repeat("é", 300)
	rd, err := NewReader(strings.NewReader("Id,Text\r\n1,\""+long+"\"\r\n2,short\r\n"), "t.csv", 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	row, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	raw := row.Raw()
	if len(raw) > rawExcerptMax+len("…") || !strings.HasPrefix(raw, "1,\"éé") || !strings.HasSuffix(raw, "é…") {
		t.Errorf("excerpt of a long row = %q", raw)
	}
	row, err = rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got := row.Raw(); got != "2,short" {
		t.Errorf("excerpt = %q, want 2,short", got)
	}
}

func TestEmptyFileHasNoRows(t *testing.T) {
	rd, err := NewReader(strings.NewReader(""), "empty.csv", 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("Next on an empty file = %v, want io.EOF", err)
	}
	if rd.Column("Id") != -1 {
		t.Error("an empty file has no columns")
	}
}

func TestParseEncoding(t *testing.T) {
	for in, want := range map[string]Encoding{"": EncodingAuto, "AUTO": EncodingAuto, "UTF-8": EncodingUTF8, "cp1252": EncodingWindows1252, "ISO-8859-1": EncodingISO88591, "latin1": EncodingISO88591} {
		got, err := ParseEncoding(in)
		if err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil {
		t.Error("ParseEncoding accepted an unknown encoding")
	}
}

func BenchmarkReader(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("\"Id\",\"OwnerId\",\"Subject\",\"ActivityDate\",\"Description\"\r\n")
	for sb.Len() < 4<<20 {
		sb.WriteString("\"00T5g00000AbCdEAAV\",\"0055g00000XyZaBAAV\",\"Klantbezoek Van Dijk\",\"2026-03-04\",\"Besproken: prijzen\r\nVolgende stap: offerte\"\r\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := NewReader(strings.NewReader(text), "bench.csv", int64(len(text)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := rd.Next(); err != nil {
				break
			}
		}
	}
}

// TestReadSizesDoNotMatter reads the same text through readers that return
// a byte, half a buffer or the data with io.EOF at once: multi-byte
// characters cut at every possible place must decode the same.
func TestReadSizesDoNotMatter(t *testing.T) {
	var b strings.Builder
	b.WriteString("\xEF\xBB\xBFId,Subject\n")
	for i := 0; b.Len() < 3*rawChunkSize; i++ {
		b.WriteString("1,\"Reunión – São Paulo € 😀\nÜbergabe\"\n")
	}
	text := b.String()
	want, err := readAll(t, strings.NewReader(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	readers := map[string]io.Reader{
		"one byte": iotest.OneByteReader(strings.NewReader(text)),
		"half":     iotest.HalfReader(strings.NewReader(text)),
		"data+EOF": iotest.DataErrReader(strings.NewReader(text)),
	}
	for name, r := range readers {
		got, err := readAll(t, r, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got.rows) != len(want.rows) || got.rows[len(got.rows)-1][1] != "Reunión – São Paulo € 😀\nÜbergabe" {
			t.Errorf("%s: %d rows, last %q", name, len(got.rows), got.rows[len(got.rows)-1])
		}
	}
}

// FuzzReader wants any input to end in rows, row errors, an encoding error
// or io.EOF: never a panic, never a loop.
func FuzzReader(f *testing.F) {
	for _, seed := range []string{
		"Id,Subject\n1,ok\n",
		"\"Id\",\"Subject\"\r\n\"1\",\"a \"stray\" quote\"\r\n\"2\",\"multi\r\nline\"\r\n",
		"Id\n\"never closed\n",
		"\xEF\xBB\xBFId\nReuni\xC3\xB3n\nReuni\xF3n\n",
		"Id\n\x81\n",
		"\xEF\xBB",
		"",
		// Malformed rows that span lines: reading resumes at their second line.
		"Id,Subject\n1,\"open\n2,after\n3,\"x\"y\n",
		"\"Id\",\"Subject\"\r\n\"1\",\"closing quote missing\r\n\"2\",\"next\"\r\n",
		"Id,Notes\n1,\"first\nsecond\",extra\n\n\n2,after",
		// Semicolons, as a German Excel saves CSV, with a quote never closed.
		"Id;Subject\r\n1;\"open\r\n2;1,5\r\n",
		// UTF-16 little-endian, as Excel's "Unicode text", cut in a character.
		"\xFF\xFEI\x00d\x00\r\x00\n\x001\x00\n\x00\x3D\xD8",
	} {
		f.Add([]byte(seed), uint8(0))
		f.Add([]byte(seed), uint8(0x80))
	}
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		// The high bit sniffs the delimiter.
		opts := Options{Encoding: Encodings[int(enc&0x7F)%len(Encodings)], Sniff: enc&0x80 != 0}
		rd, err := NewReader(strings.NewReader(string(data)), "fuzz.csv", int64(len(data)), opts)
		if err != nil {
			return
		}
		// Rows and row errors come in the order of their lines, each at a
		// line of its own: a resumed read never goes back nor reads a line twice.
		var lastLine int64 = 1
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("more rows than bytes in %q", data)
			}
			row, err := rd.Next()
			var rowErr *RowError
			switch {
			case errors.Is(err, io.EOF):
				return
			case errors.As(err, &rowErr):
				if rowErr.Line <= lastLine {
					t.Fatalf("a row error at line %d after line %d in %q", rowErr.Line, lastLine, data)
				}
				lastLine = rowErr.Line
				continue
			case err != nil:
				return
			}
			if row.Line <= lastLine {
				t.Fatalf("a row at line %d after line %d in %q", row.Line, lastLine, data)
			}
			lastLine = row.Line
			for _, field := range row.Fields {
				if !utf8.ValidString(field) {
					t.Fatalf("invalid UTF-8 %q from %q", field, data)
				}
			}
			_ = row.Raw()
		}
	})
}
