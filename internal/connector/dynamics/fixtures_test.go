package dynamics

// The fixtures under testdata/dynamics are written by this generator, so
// that they can be regenerated after a change and so that the tests know,
// record by record, what the connector must make of them:
//
//	go test ./internal/connector/dynamics -run TestRegenerateFixtures -regen
//
// The generator is deterministic (its own random number generator, fixed
// dates), and TestFixturesAreUpToDate fails when the committed files differ
// from what it writes. The exports are in fixtures_lumen_test.go (the main
// company), fixtures_minimal_test.go and fixtures_broken_test.go.

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

var regen = flag.Bool("regen", false, "rewrite testdata/dynamics from the fixture generator")

// fixturesRoot is testdata/dynamics, relative to this package.
var fixturesRoot = filepath.Join("..", "..", "..", "testdata", "dynamics")

// kv is one attribute of a generated record, in the order written.
type kv struct {
	key   string
	value any
}

// obj is a JSON object whose members keep their order, as the Web API
// writes annotations just before the attribute they annotate.
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

func (r *fxRecord) id(key string) string {
	s, _ := r.fields.get(key).(string)
	return s
}

// fxPage is one saved Web API response.
type fxPage struct {
	name   string
	entity entity
	// compact pages are written as the Web API sends them, on one line;
	// the others as saved through jq, two spaces per level.
	compact  bool
	nextLink bool
	// ignored pages hold an entity the connector does not read.
	ignored bool
	records []*fxRecord
}

func (p *fxPage) add(fields obj) *fxRecord {
	r := &fxRecord{fields: fields}
	p.records = append(p.records, r)
	return r
}

const orgURL = "https://lumenoptics.crm4.dynamics.com/api/data/v9.2/"

// context is the page's @odata.context: the entity set and the attributes
// selected, expanded parties included.
func (p *fxPage) context() string {
	return orgURL + "$metadata#" + p.entity.set + "(" + selectList(p.firstFields()) + ")"
}

func (p *fxPage) firstFields() obj {
	for _, r := range p.records {
		if r.raw == "" {
			return r.fields
		}
	}
	return nil
}

func selectList(fields obj) string {
	var names []string
	for _, m := range fields {
		if strings.Contains(m.key, "@") {
			continue
		}
		if items, ok := m.value.([]obj); ok && len(items) > 0 {
			names = append(names, m.key+"("+selectList(items[0])+")")
			continue
		}
		names = append(names, m.key)
	}
	return strings.Join(names, ",")
}

// nextLinkURL is the link to the following page, with the paging cookie
// Dataverse writes.
func (p *fxPage) nextLinkURL() string {
	key := p.entity.primaryKey
	last, first := p.records[len(p.records)-1].id(key), p.records[0].id(key)
	cookie := fmt.Sprintf(`<cookie pagenumber="2" pagingcookie="%s" istracking="False" />`,
		url.QueryEscape(fmt.Sprintf(`<cookie page="1"><%s last="{%s}" first="{%s}" /></cookie>`,
			key, strings.ToUpper(last), strings.ToUpper(first))))
	return orgURL + p.entity.set + "?$select=" + url.QueryEscape(selectList(p.firstFields())) + "&$skiptoken=" + url.PathEscape(cookie)
}

// render writes the page and says on which line each record starts.
func (p *fxPage) render() (data []byte, lines []int64) {
	if p.compact {
		return p.renderCompact()
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"@odata.context\": %s,\n  \"value\": [", connectortest.JSON(p.context()))
	lines = connectortest.WriteRecords(&b, p.records)
	if p.nextLink {
		fmt.Fprintf(&b, ",\n  \"@odata.nextLink\": %s", connectortest.JSON(p.nextLinkURL()))
	}
	b.WriteString("\n}\n")
	return b.Bytes(), lines
}

func (p *fxPage) renderCompact() ([]byte, []int64) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"@odata.context":%s,"value":[`, connectortest.JSON(p.context()))
	lines := make([]int64, len(p.records))
	for i, r := range p.records {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(r.Text())
		lines[i] = 1
	}
	b.WriteString("]")
	if p.nextLink {
		fmt.Fprintf(&b, `,"@odata.nextLink":%s`, connectortest.JSON(p.nextLinkURL()))
	}
	b.WriteString("}")
	return b.Bytes(), lines
}

// Text is the record as compact JSON.
func (r *fxRecord) Text() []byte {
	if r.raw != "" {
		return []byte(r.raw)
	}
	return connectortest.JSON(r.fields)
}

// fxExport is one export directory under testdata/dynamics.
type fxExport struct {
	dir   string
	pages []*fxPage
}

func (e *fxExport) page(name string) *fxPage {
	for _, p := range e.pages {
		if p.name == name {
			return p
		}
	}
	panic("fixture bug: no page " + name)
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
	return connectortest.PlantedFile{Name: p.name, Kind: p.entity.kind, Ignored: p.ignored, Outcomes: connectortest.Outcomes(p.records), Lines: lines}
}

// allFixtures builds every export the tests use.
func allFixtures() []*fxExport {
	lumen, _ := generateLumen()
	return []*fxExport{lumen, generateMinimal(), generateBroken()}
}

func TestRegenerateFixtures(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/dynamics")
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
		t.Errorf("testdata/dynamics holds %d bytes, over 1 MiB", total)
	}
}

// guid is a Dataverse-looking GUID: Dataverse issues sequential GUIDs whose
// last group is the host's, hence the shared 000d3a… tail.
func guid(r *connectortest.Rand) string {
	return fmt.Sprintf("%08x-%04x-f011-%04x-000d3a%06x", r.Next()&0xffffffff, r.Next()&0xffff, 0x8000|r.Next()&0x3fff, r.Next()&0xffffff)
}

// annotations are the annotations a page was saved with, as asked for in
// the Prefer header.
type annotations int

const (
	// noAnnotations: no Prefer header.
	noAnnotations annotations = iota
	// logicalNames: odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname",
	// what a script asks for to type polymorphic lookups.
	logicalNames
	// allAnnotations: odata.include-annotations="*".
	allAnnotations
)

// recordBuilder writes a record's attributes with the annotations the Web
// API adds when asked for them.
type recordBuilder struct {
	annotated annotations
	fields    obj
}

func newFields(annotated annotations, etag int) *recordBuilder {
	b := &recordBuilder{annotated: annotated}
	return b.set("@odata.etag", fmt.Sprintf(`W/"%d"`, etag))
}

func (b *recordBuilder) set(key string, value any) *recordBuilder {
	b.fields = append(b.fields, kv{key, value})
	return b
}

// formatted writes an attribute with its display text first.
func (b *recordBuilder) formatted(key string, value any, label string) *recordBuilder {
	if b.annotated == allAnnotations && value != nil && label != "" {
		b.set(key+"@OData.Community.Display.V1.FormattedValue", label)
	}
	return b.set(key, value)
}

// option writes an option set value with its label; code < 0 is null.
func (b *recordBuilder) option(key string, code int, label string) *recordBuilder {
	if code < 0 {
		return b.set(key, nil)
	}
	return b.formatted(key, code, label)
}

// lookup writes _x_value with its name, navigation property and table.
func (b *recordBuilder) lookup(key, id, name, table string) *recordBuilder {
	if id == "" {
		return b.set(key, nil)
	}
	if b.annotated == allAnnotations {
		attr := strings.TrimSuffix(strings.TrimPrefix(key, "_"), "_value")
		if name != "" {
			b.set(key+"@OData.Community.Display.V1.FormattedValue", name)
		}
		b.set(key+"@Microsoft.Dynamics.CRM.associatednavigationproperty", attr)
	}
	if b.annotated != noAnnotations {
		b.set(key+"@Microsoft.Dynamics.CRM.lookuplogicalname", table)
	}
	return b.set(key, id)
}

// when writes a date and time as the Web API does, in UTC, with the
// user's formatted local rendering.
func (b *recordBuilder) when(key string, t time.Time) *recordBuilder {
	if t.IsZero() {
		return b.set(key, nil)
	}
	return b.formatted(key, t.UTC().Format("2006-01-02T15:04:05Z"), t.UTC().Format("1/2/2006 3:04 PM"))
}

// day writes a date-only attribute (estimatedclosedate).
func (b *recordBuilder) day(key string, t time.Time) *recordBuilder {
	if t.IsZero() {
		return b.set(key, nil)
	}
	return b.formatted(key, t.Format(time.DateOnly), t.Format("1/2/2006"))
}

func (b *recordBuilder) money(key string, amount float64) *recordBuilder {
	if amount < 0 {
		return b.set(key, nil)
	}
	return b.formatted(key, amount, "€"+thousands(amount)+".00")
}

func (b *recordBuilder) boolean(key string, v bool, yes, no string) *recordBuilder {
	label := no
	if v {
		label = yes
	}
	return b.formatted(key, v, label)
}

func (b *recordBuilder) minutes(key string, n int) *recordBuilder {
	if n < 0 {
		return b.set(key, nil)
	}
	return b.formatted(key, n, fmt.Sprint(n))
}

func thousands(amount float64) string {
	s := fmt.Sprintf("%.0f", amount)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func (b *recordBuilder) build() obj { return b.fields }
