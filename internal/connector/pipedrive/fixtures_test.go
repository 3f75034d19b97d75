package pipedrive

// The fixtures under testdata/pipedrive are written by this generator, so
// that they can be regenerated after a change and so that the tests know,
// row by row, what the connector must make of them:
//
//	go test ./internal/connector/pipedrive -run TestRegenerateFixtures -regen
//
// The generator is deterministic (its own random number generator, fixed
// dates), and TestFixturesAreUpToDate fails when the committed files differ
// from what it writes. The company is in fixtures_company_test.go, its
// renderings in fixtures_api_test.go and fixtures_csv_test.go, the broken
// export in fixtures_broken_test.go.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

var regen = flag.Bool("regen", false, "rewrite testdata/pipedrive from the fixture generator")

// fixturesRoot is testdata/pipedrive, relative to this package.
var fixturesRoot = filepath.Join("..", "..", "..", "testdata", "pipedrive")

// fxRow is one row (a CSV row or an element of a page's data array) and
// what the connector must make of it.
type fxRow struct {
	connectortest.Outcome
	line int64
}

func rejectOn(field string) *string { return &field }

// fxFile is one file of a generated export.
type fxFile struct {
	name string
	data []byte
	// kind is what the file's loaded rows become; "" for a file the
	// connector does not read, or whose rows are all skipped.
	kind plugin.RecordKind
	// read is false for files the connector ignores.
	read bool
	rows []fxRow
}

// fxExport is one export under testdata/pipedrive: a directory, or a .zip
// of its files.
type fxExport struct {
	name  string
	zip   bool
	files []*fxFile
}

func (e *fxExport) path() string { return filepath.Join(fixturesRoot, e.name) }

func (e *fxExport) file(name string) *fxFile {
	for _, f := range e.files {
		if f.name == name {
			return f
		}
	}
	panic("fixture bug: no file " + name)
}

// Planted is the generator's account of the file, from which
// connectortest works out what the connector must report.
func (f *fxFile) Planted() connectortest.PlantedFile {
	lines := make([]int64, len(f.rows))
	for i, r := range f.rows {
		lines[i] = r.line
	}
	return connectortest.PlantedFile{Name: f.name, Kind: f.kind, Ignored: !f.read, Outcomes: connectortest.Outcomes(f.rows), Lines: lines}
}

// records counts the records of a kind the export must yield.
func (e *fxExport) records(kind plugin.RecordKind) int {
	n := 0
	for _, s := range connectortest.ExpectedSummary(e.files) {
		n += int(s.Records[kind])
	}
	return n
}

// contents are the files as written to disk: the directory's files, or
// the one .zip.
func (e *fxExport) contents() map[string][]byte {
	out := map[string][]byte{}
	for _, f := range e.files {
		out[f.name] = f.data
	}
	return out
}

// zipped is the export's files in a .zip archive, fixed in time.
func (e *fxExport) zipped(t *testing.T) []byte {
	return connectortest.Zip(t, e.contents(), exportTime)
}

// allFixtures builds every export the tests use.
func allFixtures() []*fxExport {
	c := generateCompany()
	return []*fxExport{apiV1Export(c), apiV2Export(c), csvFormExport(c), brokenExport(c)}
}

// fixtureByName is one of allFixtures.
func fixtureByName(name string) *fxExport {
	for _, e := range allFixtures() {
		if e.name == name {
			return e
		}
	}
	panic("fixture bug: no export " + name)
}

func TestRegenerateFixtures(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/pipedrive")
	}
	// Files the generator no longer writes must go too.
	if err := os.RemoveAll(fixturesRoot); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(fixturesRoot, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fixturesRoot, "README.md"), []byte(fixturesReadme), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, e := range allFixtures() {
		if e.zip {
			if err := os.WriteFile(e.path(), e.zipped(t), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		connectortest.WriteFiles(t, e.path(), e.contents())
	}
}

// TestFixturesAreUpToDate keeps the committed fixtures and the generator
// (and so the tests' expectations) in step.
func TestFixturesAreUpToDate(t *testing.T) {
	for _, e := range allFixtures() {
		if e.zip {
			connectortest.CheckZip(t, e.path(), e.name, e.contents())
		} else {
			connectortest.CheckDir(t, e.path(), e.name, e.contents())
		}
	}
	readme, err := os.ReadFile(filepath.Join(fixturesRoot, "README.md"))
	if err != nil || string(readme) != fixturesReadme {
		t.Errorf("testdata/pipedrive/README.md differs from fixturesReadme (regenerate with -regen)")
	}
}

// TestFixturesStaySmall keeps the repository light.
func TestFixturesStaySmall(t *testing.T) {
	total := connectortest.DirSize(t, fixturesRoot)
	if total > 1<<20 {
		t.Errorf("testdata/pipedrive holds %d bytes, over 1 MiB", total)
	}
}

// ---- JSON pages, written the way jq pretty-prints a saved response ----

// obj is a JSON object with its keys in order: Pipedrive's order.
type obj []kv

type kv struct {
	k string
	v any
}

// rawJSON is written as it is: a value no well-behaved API would send.
type rawJSON string

type jsonWriter struct{ b bytes.Buffer }

func (w *jsonWriter) line() int64 { return int64(bytes.Count(w.b.Bytes(), []byte{'\n'})) + 1 }

func (w *jsonWriter) indent(n int) { w.b.WriteString(strings.Repeat("  ", n)) }

func (w *jsonWriter) value(v any, depth int) {
	switch v := v.(type) {
	case obj:
		if len(v) == 0 {
			w.b.WriteString("{}")
			return
		}
		w.b.WriteString("{\n")
		for i, field := range v {
			w.indent(depth + 1)
			w.str(field.k)
			w.b.WriteString(": ")
			w.value(field.v, depth+1)
			if i < len(v)-1 {
				w.b.WriteByte(',')
			}
			w.b.WriteByte('\n')
		}
		w.indent(depth)
		w.b.WriteByte('}')
	case []any:
		if len(v) == 0 {
			w.b.WriteString("[]")
			return
		}
		w.b.WriteString("[\n")
		for i, item := range v {
			w.indent(depth + 1)
			w.value(item, depth+1)
			if i < len(v)-1 {
				w.b.WriteByte(',')
			}
			w.b.WriteByte('\n')
		}
		w.indent(depth)
		w.b.WriteByte(']')
	case string:
		w.str(v)
	case int:
		w.b.WriteString(strconv.Itoa(v))
	case float64:
		w.b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
	case bool:
		w.b.WriteString(strconv.FormatBool(v))
	case nil:
		w.b.WriteString("null")
	case rawJSON:
		w.b.WriteString(string(v))
	default:
		panic(fmt.Sprintf("fixture bug: cannot write %T as JSON", v))
	}
}

// str writes a string as jq does: UTF-8 as it is, no HTML escaping.
func (w *jsonWriter) str(s string) { w.b.Write(connectortest.JSON(s)) }

// page renders a saved API response: success, the data array and what
// follows it. It returns the line each element starts on.
func page(items []any, after obj) (data []byte, lines []int64) {
	w := &jsonWriter{}
	w.b.WriteString("{\n  \"success\": true,\n  \"data\": ")
	if items == nil {
		w.b.WriteString("null")
	} else {
		w.b.WriteString("[\n")
		for i, item := range items {
			w.indent(2)
			lines = append(lines, w.line())
			w.value(item, 2)
			if i < len(items)-1 {
				w.b.WriteByte(',')
			}
			w.b.WriteByte('\n')
		}
		w.b.WriteString("  ]")
	}
	for _, field := range after {
		w.b.WriteString(",\n  ")
		w.str(field.k)
		w.b.WriteString(": ")
		w.value(field.v, 1)
	}
	w.b.WriteString("\n}\n")
	return w.b.Bytes(), lines
}

// pageFile is a page as a file whose elements all load as kind, or are
// all skipped for skip.
func pageFile(name string, kind plugin.RecordKind, skip string, items []any, after obj) *fxFile {
	data, lines := page(items, after)
	f := &fxFile{name: name, data: data, kind: kind, read: true}
	for _, line := range lines {
		f.rows = append(f.rows, fxRow{line: line, Outcome: connectortest.Outcome{Skip: skip}})
	}
	return f
}

// ---- CSV files ----

// csvStyle is how a tool writes CSV.
type csvStyle struct {
	quoteAll    bool   // Pipedrive quotes every field; spreadsheets only where needed
	lineEnd     string // "\r\n" for spreadsheets
	windows1252 bool   // a spreadsheet's "CSV" on Windows
	// semicolons separate the fields, as Excel saves "CSV" where the
	// decimal separator is the comma (German, Dutch, French, …).
	semicolons bool
}

// delimiter is the byte between two fields.
func (s csvStyle) delimiter() byte {
	if s.semicolons {
		return ';'
	}
	return ','
}

var (
	pipedriveCSV   = csvStyle{quoteAll: true, lineEnd: "\n"}
	spreadsheetCSV = csvStyle{lineEnd: "\r\n", windows1252: true}
)

// csvTableFx is a CSV file being generated.
type csvTableFx struct {
	columns []string
	rows    [][]string
	// mangle rewrites a row's text: a row that is not well-formed CSV.
	mangle map[int]func(string) string
}

func (t *csvTableFx) add(values map[string]string) int {
	row := make([]string, len(t.columns))
	for name, v := range values {
		i := indexOf(t.columns, name)
		if i < 0 {
			panic("fixture bug: no column " + name)
		}
		row[i] = v
	}
	t.rows = append(t.rows, row)
	return len(t.rows) - 1
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// render writes the table and says on which line each row starts (the
// header is line 1).
func (t *csvTableFx) render(style csvStyle) (data []byte, lines []int64) {
	var b bytes.Buffer
	writeCSVRecord(&b, t.columns, style)
	for i, row := range t.rows {
		lines = append(lines, int64(bytes.Count(b.Bytes(), []byte{'\n'}))+1)
		if mangle := t.mangle[i]; mangle != nil {
			var one bytes.Buffer
			writeCSVRecord(&one, row, csvStyle{quoteAll: style.quoteAll, semicolons: style.semicolons})
			b.WriteString(mangle(one.String()) + style.lineEnd)
			continue
		}
		writeCSVRecord(&b, row, style)
	}
	data = b.Bytes()
	if style.windows1252 {
		encoded, err := charmap.Windows1252.NewEncoder().Bytes(data)
		if err != nil {
			panic(fmt.Sprintf("fixture bug: not encodable in Windows-1252: %v", err))
		}
		data = encoded
	}
	return data, lines
}

func writeCSVRecord(b *bytes.Buffer, fields []string, style csvStyle) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(style.delimiter())
		}
		if style.quoteAll || strings.ContainsAny(f, string(style.delimiter())+"\"\r\n") {
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		} else {
			b.WriteString(f)
		}
	}
	b.WriteString(style.lineEnd)
}

// csvFile renders a table as a file whose rows all load as kind, or are
// all skipped for skip.
func csvFile(name string, kind plugin.RecordKind, skip string, t *csvTableFx, style csvStyle) *fxFile {
	data, lines := t.render(style)
	f := &fxFile{name: name, data: data, kind: kind, read: true}
	for _, line := range lines {
		f.rows = append(f.rows, fxRow{line: line, Outcome: connectortest.Outcome{Skip: skip}})
	}
	return f
}

// ---- values ----

func v1Time(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.DateTime)
}

func isoTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func dateOnly(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

// hhmm writes a duration or a time of day as Pipedrive does.
func hhmm(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

func hhmmss(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d:%02d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60)
}
