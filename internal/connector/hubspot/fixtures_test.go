package hubspot

// The fixtures under testdata/hubspot are written by this generator, so
// that they can be regenerated after a change and so that the tests know,
// record by record, what the connector must make of them:
//
//	go test ./internal/connector/hubspot -run TestRegenerateFixtures -regen
//
// The generator is deterministic (its own random number generator, fixed
// dates), and TestFixturesAreUpToDate fails when the committed files
// differ from what it writes. The company is in fixtures_company_test.go,
// the two export forms in fixtures_api_test.go and fixtures_ui_test.go, the
// broken export in fixtures_broken_test.go.

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

var regen = flag.Bool("regen", false, "rewrite testdata/hubspot from the fixture generator")

// fixturesRoot is testdata/hubspot, relative to this package.
var fixturesRoot = filepath.Join("..", "..", "..", "testdata", "hubspot")

// expectation is what the connector must make of one record of a
// generated file.
type expectation struct {
	id   string
	line int64
	// skip is the reason the record must be skipped; "" loads it.
	skip string
	// reject is set when the record must be rejected, naming rejectField
	// ("" for a row that is not well-formed CSV).
	reject      bool
	rejectField string
}

// generatedFile is one file of a generated export.
type generatedFile struct {
	name string
	data []byte
	// kind is what the connector makes of the file's records; "" for a
	// file it must leave alone.
	kind    plugin.RecordKind
	records []expectation
}

// fixtureExport is one export directory under testdata/hubspot.
type fixtureExport struct {
	dir   string
	files []generatedFile
}

func (e *fixtureExport) path() string { return filepath.Join(fixturesRoot, e.dir) }

// contents is the export's files by name, as written to e.path().
func (e *fixtureExport) contents() map[string][]byte {
	out := make(map[string][]byte, len(e.files))
	for _, f := range e.files {
		out[f.name] = f.data
	}
	return out
}

func (e *fixtureExport) file(name string) *generatedFile {
	for i := range e.files {
		if e.files[i].name == name {
			return &e.files[i]
		}
	}
	panic("fixture bug: no file " + name)
}

// Planted is the generator's account of the file, from which
// connectortest works out what the connector must report.
func (f generatedFile) Planted() connectortest.PlantedFile {
	p := connectortest.PlantedFile{Name: f.name, Kind: f.kind, Ignored: f.kind == ""}
	for _, r := range f.records {
		o := connectortest.Outcome{Skip: r.skip}
		if r.reject {
			o.RejectField = &r.rejectField
		}
		p.Outcomes = append(p.Outcomes, o)
		p.Lines = append(p.Lines, r.line)
	}
	return p
}

// allFixtures builds every export the tests use.
func allFixtures() []*fixtureExport {
	c := generateCompany()
	return []*fixtureExport{apiExport(c), uiExport(c), brokenExport()}
}

func TestRegenerateFixtures(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/hubspot")
	}
	for _, e := range allFixtures() {
		connectortest.ReplaceDir(t, e.path(), e.contents())
	}
}

// TestFixturesAreUpToDate keeps the committed fixtures and the generator
// (and so the tests' expectations) in step.
func TestFixturesAreUpToDate(t *testing.T) {
	for _, e := range allFixtures() {
		connectortest.CheckDir(t, e.path(), e.dir, e.contents())
	}
}

// TestFixturesStaySmall keeps the repository light.
func TestFixturesStaySmall(t *testing.T) {
	total := connectortest.DirSize(t, fixturesRoot)
	if total > 1<<20 {
		t.Errorf("testdata/hubspot holds %d bytes, over 1 MiB", total)
	}
}
