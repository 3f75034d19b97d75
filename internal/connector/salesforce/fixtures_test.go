package salesforce

// The fixtures under testdata/salesforce are written by this generator, so
// that they can be regenerated after a change and so that the tests know,
// row by row, what the connector must make of them:
//
//	go test ./internal/connector/salesforce -run TestRegenerateFixtures -regen
//
// The generator is deterministic (its own random number generator, fixed
// dates), and TestFixturesAreUpToDate fails when the committed files differ
// from what it writes. The companies are in fixtures_acme_test.go and
// fixtures_small_test.go.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/internal/crmexport/salesforcecsv"
	"github.com/salesaudit/salesaudit/plugin"
	"golang.org/x/text/encoding/charmap"
)

var regen = flag.Bool("regen", false, "rewrite testdata/salesforce from the fixture generator")

// fixturesRoot is testdata/salesforce, relative to this package.
var fixturesRoot = filepath.Join("..", "..", "..", "testdata", "salesforce")

// zipFixtureName is the archive made of the acme-win1252 export, as
// Salesforce ships a Data Export.
const zipFixtureName = "acme.zip"

// zipFixtureSource is the export zipped into zipFixtureName.
const zipFixtureSource = "acme-win1252"

// exportStyle is how a tool writes its CSV files (salesforcecsv knows
// the rules) and the org's encoding.
type exportStyle struct {
	name        string
	dialect     salesforcecsv.Dialect
	windows1252 bool
}

var (
	dataExportStyle = exportStyle{name: "Data Export", dialect: salesforcecsv.DataExport}
	dataLoaderStyle = exportStyle{name: "Data Loader", dialect: salesforcecsv.DataLoader}
)

// sfDate is a date-only value (ActivityDate, CloseDate).
type sfDate struct{ time.Time }

// verbatim is written exactly as given, whatever the style.
type verbatim string

// sfTable is one CSV file of a generated export.
type sfTable struct {
	name   string
	object salesforcecsv.Object
	rows   []*sfRow
}

// sfRow is one row and what the connector must make of it.
type sfRow struct {
	connectortest.Outcome
	values map[string]any
	// mangle, when set, rewrites the row's text: a row that is not
	// well-formed CSV.
	mangle func(line string) string
	// rewrite, when set, rewrites the row's bytes as another tool wrote
	// them into the file: a record pasted in as UTF-8 by an integration
	// into a Windows-1252 export (see latam-mixed).
	rewrite rowBytes
}

// rowBytes is how a row's bytes were written, when not in the file's
// encoding.
type rowBytes struct {
	// utf8 is set for a row written as UTF-8 into a single-byte file.
	utf8 bool
	// from and to replace bytes of the row: a byte another code page
	// wrote.
	from, to []byte
}

// apply rewrites a row rendered in Windows-1252.
func (rb rowBytes) apply(row []byte) []byte {
	if rb.utf8 {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(row)
		if err != nil {
			panic(fmt.Sprintf("fixture bug: %v", err))
		}
		row = decoded
	}
	if rb.from != nil {
		row = bytes.ReplaceAll(row, rb.from, rb.to)
	}
	return row
}

func newTable(o salesforcecsv.Object) *sfTable { return &sfTable{name: o.File, object: o} }

func (t *sfTable) add(values map[string]any) *sfRow {
	for name := range values {
		if !slices.Contains(t.object.Columns, name) {
			panic(fmt.Sprintf("fixture bug: %s has no column %s", t.name, name))
		}
	}
	r := &sfRow{values: values}
	t.rows = append(t.rows, r)
	return r
}

// withColumns is the table cut down to some columns, as Data Loader
// exports only the fields its query selects.
func (t *sfTable) withColumns(columns ...string) *sfTable {
	return &sfTable{name: t.name, object: t.object.Select(columns...), rows: t.rows}
}

func (r *sfRow) rejectOn(field string) *sfRow {
	r.RejectField = &field
	return r
}

// render writes the table in a style and says on which line each row
// starts (the header is line 1).
func (t *sfTable) render(style exportStyle) (data []byte, lines []int64) {
	var b bytes.Buffer
	d := style.dialect
	d.Windows1252 = style.windows1252
	w := salesforcecsv.NewWriter(&b, d, t.object)
	line := int64(2)
	for _, r := range t.rows {
		lines = append(lines, line)
		w.Flush()
		before := b.Len()
		for _, c := range t.object.Columns {
			writeValue(w, r.values[c])
		}
		w.EndRow()
		w.Flush()
		if r.mangle != nil {
			if d.Windows1252 {
				panic("fixture bug: a mangled row in a Windows-1252 file")
			}
			row := strings.TrimSuffix(string(b.Bytes()[before:]), d.LineEnd)
			b.Truncate(before)
			b.WriteString(r.mangle(row) + d.LineEnd)
		}
		if r.rewrite.utf8 || r.rewrite.from != nil {
			if !d.Windows1252 {
				panic("fixture bug: a row rewritten in a UTF-8 file")
			}
			row := r.rewrite.apply(append([]byte(nil), b.Bytes()[before:]...))
			b.Truncate(before)
			b.Write(row)
		}
		line += int64(bytes.Count(b.Bytes()[before:], []byte{'\n'}))
	}
	if err := w.Close(); err != nil {
		panic(fmt.Sprintf("fixture bug: writing %s: %v", t.name, err))
	}
	return b.Bytes(), lines
}

// writeValue writes a field of a row, by the value's type.
func writeValue(w *salesforcecsv.Writer, v any) {
	switch v := v.(type) {
	case nil:
		w.String("")
	case string:
		w.String(v)
	case verbatim:
		w.String(string(v))
	case bool:
		w.Bool(v)
	case int:
		w.Int(int64(v))
	case float64:
		w.Number(v)
	case *float64:
		if v == nil {
			w.String("")
		} else {
			w.Number(*v)
		}
	case sfDate:
		w.Date(v.Time)
	case time.Time:
		w.DateTime(v)
	default:
		panic(fmt.Sprintf("fixture bug: cannot write %T", v))
	}
}

// fixtureExport is one export directory under testdata/salesforce.
type fixtureExport struct {
	dir    string
	style  exportStyle
	tables []*sfTable
}

func (e *fixtureExport) table(name string) *sfTable {
	for _, t := range e.tables {
		if t.name == name {
			return t
		}
	}
	panic("fixture bug: no table " + name)
}

// files renders every table.
func (e *fixtureExport) files() map[string][]byte {
	out := map[string][]byte{}
	for _, t := range e.tables {
		out[t.name], _ = t.render(e.style)
	}
	return out
}

func (e *fixtureExport) path() string { return filepath.Join(fixturesRoot, e.dir) }

// planted is the generator's account of each file, from which
// connectortest works out what the connector must report. A table cannot
// say it alone: its lines depend on the export's style.
func (e *fixtureExport) planted() []connectortest.PlantedFile {
	var out []connectortest.PlantedFile
	for _, t := range e.tables {
		kind, read := kindOfFile(t.name)
		_, lines := t.render(e.style)
		out = append(out, connectortest.PlantedFile{Name: t.name, Kind: kind, Ignored: !read, Outcomes: connectortest.Outcomes(t.rows), Lines: lines})
	}
	return out
}

func kindOfFile(name string) (plugin.RecordKind, bool) {
	for _, o := range objects {
		if strings.EqualFold(o.file, name) {
			if o.file == userRoleObject.file {
				// Role rows are all skipped; they carry no kind.
				return plugin.KindUser, true
			}
			return o.kind, true
		}
	}
	return "", false
}

// allFixtures builds every export the tests use.
func allFixtures() []*fixtureExport {
	acme, _ := generateAcme()
	return []*fixtureExport{acme, generateWin1252(), generateDataLoader(), generateBroken(), generateLatamMixed()}
}

// zipFixture is the acme-win1252 export zipped as Salesforce ships it:
// the CSV files at the root of the archive.
func zipFixture(t *testing.T, export *fixtureExport) []byte {
	return connectortest.Zip(t, export.files(), time.Date(2026, 7, 1, 2, 0, 0, 0, time.UTC))
}

func TestRegenerateFixtures(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/salesforce")
	}
	var win1252 *fixtureExport
	for _, e := range allFixtures() {
		connectortest.ReplaceDir(t, e.path(), e.files())
		if e.dir == zipFixtureSource {
			win1252 = e
		}
	}
	if err := os.WriteFile(filepath.Join(fixturesRoot, zipFixtureName), zipFixture(t, win1252), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFixturesAreUpToDate keeps the committed fixtures and the generator
// (and so the tests' expectations) in step.
func TestFixturesAreUpToDate(t *testing.T) {
	var win1252 *fixtureExport
	for _, e := range allFixtures() {
		connectortest.CheckDir(t, e.path(), e.dir, e.files())
		if e.dir == zipFixtureSource {
			win1252 = e
		}
	}
	connectortest.CheckZip(t, filepath.Join(fixturesRoot, zipFixtureName), zipFixtureName, win1252.files())
}

// TestFixturesStaySmall keeps the repository light.
func TestFixturesStaySmall(t *testing.T) {
	total := connectortest.DirSize(t, fixturesRoot)
	if total > 2<<20 {
		t.Errorf("testdata/salesforce holds %d bytes, over 2 MiB", total)
	}
}

// idMaker makes realistic 18-character Salesforce IDs: a three-character
// object prefix, the instance ("5g"), a reserved "0", nine base-62
// characters and the three-character case checksum Salesforce appends.
type idMaker struct {
	rng      *connectortest.Rand
	counters map[string]uint64
}

func newIDMaker(r *connectortest.Rand) *idMaker {
	return &idMaker{rng: r, counters: map[string]uint64{}}
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func (m *idMaker) next(prefix string) string {
	if m.counters[prefix] == 0 {
		m.counters[prefix] = 9_000_000 + uint64(m.rng.Intn(5_000_000))
	}
	m.counters[prefix] += 1 + uint64(m.rng.Intn(40))
	n := m.counters[prefix]
	unique := make([]byte, 9)
	for i := len(unique) - 1; i >= 0; i-- {
		unique[i] = base62[n%62]
		n /= 62
	}
	id15 := prefix + "5g0" + string(unique)
	return id15 + salesforcecsv.CaseSuffix(id15)
}
