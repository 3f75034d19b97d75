package zoho

// The fixtures under testdata/zoho are written by this generator, so that
// they can be regenerated after a change and so that the tests know,
// record by record, what the connector must make of them:
//
//	go test ./internal/connector/zoho -run TestRegenerateFixtures -regen
//
// The generator is deterministic (its own random number generator, fixed
// dates), and TestFixturesAreUpToDate fails when the committed files differ
// from what it writes. The exports are in fixtures_cortado_test.go (the
// main company) and fixtures_broken_test.go.

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

var regen = flag.Bool("regen", false, "rewrite testdata/zoho from the fixture generator")

// fixturesRoot is testdata/zoho, relative to this package.
var fixturesRoot = filepath.Join("..", "..", "..", "testdata", "zoho")

// kv is one field of a generated record, in the order written.
type kv struct {
	key   string
	value any
}

// obj is a JSON object whose members keep their order.
type obj []kv

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(connectortest.JSON(m.key))
		b.WriteByte(':')
		b.Write(connectortest.JSON(m.value))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o obj) get(key string) any {
	for _, m := range o {
		if m.key == key {
			return m.value
		}
	}
	return nil
}

// with is o with a field's value replaced, keeping its place.
func (o obj) with(key string, value any) obj {
	out := append(obj(nil), o...)
	for i := range out {
		if out[i].key == key {
			out[i].value = value
			return out
		}
	}
	panic("fixture bug: no field " + key)
}

// fxRecord is one record of a page and what the connector must make of it.
type fxRecord struct {
	connectortest.Outcome
	fields obj
	// raw, when set, is written instead of fields: a value that is not
	// an object.
	raw string
}

func (r *fxRecord) rejectOn(field string) *fxRecord {
	r.RejectField = &field
	return r
}

// Text is the record as compact JSON.
func (r *fxRecord) Text() []byte {
	if r.raw != "" {
		return []byte(r.raw)
	}
	return connectortest.JSON(r.fields)
}

// fxPage is one saved API response.
type fxPage struct {
	name   string
	module module
	// key is the records array: "data", or "users" for the users API.
	key string
	// page and more are the paging info Zoho adds.
	page, perPage int
	more          bool
	// ignored pages hold a module the connector does not read.
	ignored bool
	records []*fxRecord
}

func newPage(name string, m module) *fxPage {
	key := "data"
	if m.name == usersModule.name {
		key = "users"
	}
	return &fxPage{name: name, module: m, key: key, page: 1, perPage: 200}
}

func (p *fxPage) add(fields obj) *fxRecord {
	r := &fxRecord{fields: fields}
	p.records = append(p.records, r)
	return r
}

func (p *fxPage) info() obj {
	info := obj{{"per_page", p.perPage}, {"count", len(p.records)}, {"page", p.page}}
	if p.key == "data" {
		info = append(info, kv{"sort_by", "id"}, kv{"sort_order", "desc"})
	}
	return append(info, kv{"more_records", p.more})
}

// render writes the page as saved through jq (two spaces per level) and
// says on which line each record starts.
func (p *fxPage) render() (data []byte, lines []int64) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  %s: [", connectortest.JSON(p.key))
	lines = connectortest.WriteRecords(&b, p.records)
	b.WriteString(",\n  \"info\": ")
	b.Write(connectortest.IndentJSON(connectortest.JSON(p.info()), "  "))
	b.WriteString("\n}\n")
	return b.Bytes(), lines
}

// splitPages cuts a module's records into pages of perPage, as the API
// pages them: Calls.json, Calls_page2.json…
func splitPages(p *fxPage, perPage int) []*fxPage {
	var out []*fxPage
	for i := 0; i < len(p.records); i += perPage {
		part := *p
		part.records = p.records[i:min(i+perPage, len(p.records))]
		part.page, part.perPage = i/perPage+1, perPage
		if i > 0 {
			part.name = fmt.Sprintf("%s_page%d.json", p.module.name, part.page)
		}
		part.more = i+perPage < len(p.records)
		out = append(out, &part)
	}
	return out
}

// fxExport is one export directory under testdata/zoho.
type fxExport struct {
	dir   string
	pages []*fxPage
}

func (e *fxExport) path() string { return filepath.Join(fixturesRoot, e.dir) }

func (e *fxExport) files() map[string][]byte {
	out := map[string][]byte{}
	for _, p := range e.pages {
		out[p.name], _ = p.render()
	}
	return out
}

// Planted is the generator's account of the page, from which
// connectortest works out what the connector must report.
func (p *fxPage) Planted() connectortest.PlantedFile {
	_, lines := p.render()
	return connectortest.PlantedFile{Name: p.name, Kind: p.module.kind, Ignored: p.ignored, Outcomes: connectortest.Outcomes(p.records), Lines: lines}
}

// allFixtures builds every export the tests use.
func allFixtures() []*fxExport {
	cortado, _ := generateCortado()
	return []*fxExport{cortado, generateBroken()}
}

func TestRegenerateFixtures(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/zoho")
	}
	for _, e := range allFixtures() {
		connectortest.ReplaceDir(t, e.path(), e.files())
	}
}

// TestFixturesAreUpToDate keeps the committed fixtures and the generator
// (and so the tests' expectations) in step.
func TestFixturesAreUpToDate(t *testing.T) {
	for _, e := range allFixtures() {
		connectortest.CheckDir(t, e.path(), e.dir, e.files())
	}
}

// TestFixturesStaySmall keeps the repository light.
func TestFixturesStaySmall(t *testing.T) {
	total := connectortest.DirSize(t, fixturesRoot)
	if total > 1<<20 {
		t.Errorf("testdata/zoho holds %d bytes, over 1 MiB", total)
	}
}

// ids hands out Zoho record IDs: the org's prefix, then a number that
// grows as records are created.
type ids struct {
	rng  *connectortest.Rand
	next int64
}

func (m *ids) id() string {
	m.next += int64(1 + m.rng.Intn(3000))
	return fmt.Sprintf("5318870000%09d", m.next)
}

// madrid formats a time as the Zoho API does for a caller whose time zone
// is Europe/Madrid: local time with its offset.
func madrid(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	offset := time.Hour
	if !t.Before(summerTime) {
		offset = 2 * time.Hour
	}
	return t.UTC().Add(offset).Format("2006-01-02T15:04:05") + fmt.Sprintf("+%02d:00", int(offset.Hours()))
}

// summerTime is when Europe's clocks went forward in 2026.
var summerTime = time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)

func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}
