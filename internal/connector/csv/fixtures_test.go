package csv

// The CSV files of testdata/csv/vandijk and testdata/csv/sheets are written
// by this generator, so that the tests know, row by row, what the
// connector must make of them:
//
//	go test ./internal/connector/csv -run TestRegenerateFixtures -regen
//
// The mappings, the READMEs and the small broken/ and bad-mapping/
// fixtures are written by hand. The generator is deterministic (its own
// random numbers, fixed dates), and TestFixturesAreUpToDate fails when the
// committed files differ from what it writes.

import (
	"bytes"
	stdcsv "encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

var regen = flag.Bool("regen", false, "rewrite the generated CSV files of testdata/csv")

// fixturesRoot is testdata/csv, relative to this package.
var fixturesRoot = filepath.Join("..", "..", "..", "testdata", "csv")

// fixtureExport is a generated export: its files and how they are written.
type fixtureExport struct {
	dir         string
	delimiter   rune
	crlf        bool
	windows1252 bool
	files       []*fixtureFile
}

func (e *fixtureExport) path() string { return filepath.Join(fixturesRoot, e.dir) }

func (e *fixtureExport) file(name string, kind plugin.RecordKind, header ...string) *fixtureFile {
	f := &fixtureFile{name: name, kind: kind, header: header, skipped: map[string]int64{}}
	e.files = append(e.files, f)
	return f
}

// fixtureFile is a generated CSV file with what each of its rows must
// become.
type fixtureFile struct {
	name    string
	kind    plugin.RecordKind
	header  []string
	rows    [][]string
	records int64
	skipped map[string]int64
}

// record adds a row that must become a record.
func (f *fixtureFile) record(row ...string) {
	f.rows = append(f.rows, row)
	f.records++
}

// skip adds a row that must be skipped for the reason.
func (f *fixtureFile) skip(reason string, row ...string) {
	f.rows = append(f.rows, row)
	f.skipped[reason]++
}

// blank adds the empty row a spreadsheet leaves below its data.
func (f *fixtureFile) blank() {
	f.skip(skipEmptyRow, make([]string, len(f.header))...)
}

func (e *fixtureExport) render(f *fixtureFile) ([]byte, error) {
	var b bytes.Buffer
	w := stdcsv.NewWriter(&b)
	w.Comma = e.delimiter
	w.UseCRLF = e.crlf
	if err := w.Write(f.header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(f.rows); err != nil {
		return nil, err
	}
	if !e.windows1252 {
		return b.Bytes(), nil
	}
	return charmap.Windows1252.NewEncoder().Bytes(b.Bytes())
}

// expectedSummary is what the connector must report for each file.
func (e *fixtureExport) expectedSummary() map[string]plugin.FileSummary {
	out := map[string]plugin.FileSummary{}
	for _, f := range e.files {
		out[f.name] = plugin.FileSummary{
			File:        f.name,
			RowsRead:    int64(len(f.rows)),
			Records:     map[plugin.RecordKind]int64{f.kind: f.records},
			RowsSkipped: f.skipped,
		}
	}
	return out
}

func allFixtures() []*fixtureExport {
	return []*fixtureExport{vanDijkExport(), sheetsExport()}
}

func TestRegenerateFixtures(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/csv")
	}
	for _, e := range allFixtures() {
		if err := os.MkdirAll(e.path(), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range e.files {
			data, err := e.render(f)
			if err != nil {
				t.Fatalf("%s/%s: %v", e.dir, f.name, err)
			}
			if err := os.WriteFile(filepath.Join(e.path(), f.name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestFixturesAreUpToDate(t *testing.T) {
	for _, e := range allFixtures() {
		for _, f := range e.files {
			want, err := e.render(f)
			if err != nil {
				t.Fatalf("%s/%s: %v", e.dir, f.name, err)
			}
			got, err := os.ReadFile(filepath.Join(e.path(), f.name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s/%s differs from the generator's (%v): run the tests with -run TestRegenerateFixtures -regen", e.dir, f.name, err)
			}
		}
	}
}

// TestFixturesStaySmall keeps the repository light.
func TestFixturesStaySmall(t *testing.T) {
	total := connectortest.DirSize(t, fixturesRoot)
	const limit = 500 << 10
	if total > limit {
		t.Errorf("testdata/csv holds %d KiB, over %d KiB", total>>10, limit>>10)
	}
}
