package csv

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// MappingFileName is the mapping file the connector looks for in an
// export's directory or archive.
const MappingFileName = "salesaudit-mapping.yaml"

// mappingFileNames are the names it answers to, compared
// case-insensitively.
var mappingFileNames = []string{MappingFileName, "salesaudit-mapping.yml"}

func isMappingFile(name string) bool {
	for _, n := range mappingFileNames {
		if strings.EqualFold(path.Base(name), n) {
			return true
		}
	}
	return false
}

// mapping says which files hold which records, and how their columns
// become the records' fields.
type mapping struct {
	// name is the mapping file as the user knows it, for messages.
	name  string
	files []*fileMapping
}

// fileMapping is one entry of files: the files its pattern matches, all
// holding records of one kind.
type fileMapping struct {
	pattern  string
	line     int
	kind     plugin.RecordKind
	optional bool
	settings settings
	// fields are the record's fields the file fills, by field name.
	fields map[string]*fieldMapping
	skips  []skipRule
}

// settings say how a file is written. The built-in defaults, the mapping's
// defaults: and a file's own keys apply in that order.
type settings struct {
	encoding csvfile.Encoding
	// delimiter is the field separator; 0 detects it from the header.
	delimiter byte
	location  *time.Location
	// timeFormats are tried in order; empty means ISO 8601.
	timeFormats []timeFormat
	decimal     byte
	booleans    booleanWords
}

var builtinSettings = settings{
	encoding: csvfile.EncodingAuto,
	location: time.UTC,
	decimal:  '.',
	booleans: defaultBooleans,
}

// fieldMapping says where a field's value comes from and how it is read.
type fieldMapping struct {
	def  fieldDef
	line int
	// column is the CSV column, "" for a constant.
	column   string
	constant *string
	// fallback stands in for an empty cell (default:).
	fallback *string
	// values maps a cell's folded text to the field's value; valueNames
	// are its keys as written, for messages.
	values     map[string]string
	valueNames []string
	strict     bool
	otherwise  *string
	required   bool
	match      matchKey
	// create makes a user of every manager the column names that no user
	// row has (a team sheet lists its managers only as names).
	create bool

	timeFormats []timeFormat
	location    *time.Location
	decimal     byte
	duration    durationFormat
	booleans    booleanWords
}

// matchKey is how a reference names the record it points at.
type matchKey string

const (
	matchID    matchKey = "id"
	matchName  matchKey = "name"
	matchEmail matchKey = "email"
)

// skipRule leaves out the rows whose column holds one of the values.
type skipRule struct {
	line   int
	column string
	values []string
	reason string
}

var (
	topKeys      = []string{"defaults", "files"}
	settingsKeys = []string{"encoding", "delimiter", "time_zone", "date_format", "decimal", "booleans"}
	fileKeys     = append([]string{"file", "kind", "optional", "required", "skip", "fields"}, settingsKeys...)
	fieldKeys    = []string{"column", "value", "default", "values", "strict", "otherwise", "format", "time_zone", "decimal", "match", "create"}
	skipKeys     = []string{"column", "values", "reason"}
)

// parseMapping reads and checks a mapping file. Every problem found is
// returned at once, each with its line, in an *InvalidMappingError.
func parseMapping(name string, data []byte) (*mapping, error) {
	p := &problems{name: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p.syntaxError(err)
		return nil, p.err()
	}
	if len(doc.Content) == 0 || len(bytes.TrimSpace(data)) == 0 {
		p.add(0, "the mapping is empty: it needs a files: list (salesaudit connectors mapping init writes a template)")
		return nil, p.err()
	}
	top, ok := p.mapping(doc.Content[0], "the mapping", topKeys)
	if !ok {
		return nil, p.err()
	}
	m := &mapping{name: name}
	base := builtinSettings
	if n := top.get("defaults"); n != nil {
		base = p.settings(n, "defaults", base)
	}
	m.files = p.files(top.get("files"), lineOf(doc.Content[0]), base)
	p.crossReferences(m)
	if err := p.err(); err != nil {
		return nil, err
	}
	return m, nil
}

func (p *problems) files(n *yaml.Node, topLine int, base settings) []*fileMapping {
	n = resolve(n)
	if n == nil || isNull(n) {
		p.add(topLine, "the mapping has no files: list saying which CSV files hold which records")
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.add(n.Line, "files must be a list, one entry (- file: …) per file or glob")
		return nil
	}
	var out []*fileMapping
	for i, item := range n.Content {
		if fm := p.file(item, i, base); fm != nil {
			out = append(out, fm)
		}
	}
	return out
}

// file reads one entry of files.
func (p *problems) file(n *yaml.Node, index int, base settings) *fileMapping {
	what := fmt.Sprintf("files entry %d", index+1)
	m, ok := p.mapping(n, what, fileKeys)
	if !ok {
		return nil
	}
	fm := &fileMapping{line: resolve(n).Line, fields: map[string]*fieldMapping{}}
	fm.pattern = p.filePattern(m.get("file"), what, fm.line)
	if fm.pattern != "" {
		what = fm.pattern
	}
	fm.kind, ok = p.recordKind(m.get("kind"), what, fm.line)
	if n := m.get("optional"); n != nil {
		fm.optional, _ = p.boolean(n, what+": optional")
	}
	fm.settings = p.settingsOf(m, what, base)
	if !ok {
		return nil // without a kind, the fields cannot be checked
	}
	p.fields(fm, m.get("fields"), what)
	p.required(fm, m.get("required"), what)
	fm.skips = p.skipRules(m.get("skip"), what)
	p.checkFileFields(fm, what)
	return fm
}

func (p *problems) filePattern(n *yaml.Node, what string, line int) string {
	if n == nil {
		p.add(line, "%s has no file: (a file name such as deals.csv, or a glob such as deals-*.csv)", what)
		return ""
	}
	pattern, ok := p.nonEmpty(n, what+": file")
	if !ok {
		return ""
	}
	if _, err := path.Match(pattern, ""); err != nil {
		p.add(n.Line, "%s: file %q is not a valid glob: %v", what, pattern, err)
		return ""
	}
	return pattern
}

func (p *problems) recordKind(n *yaml.Node, what string, line int) (plugin.RecordKind, bool) {
	if n == nil {
		p.add(line, "%s has no kind: (one of %s)", what, recordKinds())
		return "", false
	}
	s, ok := p.nonEmpty(n, what+": kind")
	if !ok {
		return "", false
	}
	kind, ok := kindByName(strings.ToLower(strings.TrimSpace(s)))
	if !ok {
		p.add(n.Line, "%s: unknown kind %q (use one of %s)", what, s, recordKinds())
	}
	return kind, ok
}

// settings reads a defaults: mapping.
func (p *problems) settings(n *yaml.Node, what string, base settings) settings {
	m, ok := p.mapping(n, what, settingsKeys)
	if !ok {
		return base
	}
	return p.settingsOf(m, what, base)
}

// settingsOf reads the settings keys of a mapping over base.
func (p *problems) settingsOf(m yamlMap, what string, base settings) settings {
	s := base
	if n := m.get("encoding"); n != nil {
		if v, ok := p.scalar(n, what+": encoding"); ok {
			enc, err := csvfile.ParseEncoding(v)
			if err != nil {
				p.add(n.Line, "%s: %v", what, err)
			}
			s.encoding = enc
		}
	}
	if n := m.get("delimiter"); n != nil {
		if v, ok := p.scalar(n, what+": delimiter"); ok {
			d, err := parseDelimiter(v)
			if err != nil {
				p.add(n.Line, "%s: %v", what, err)
			}
			s.delimiter = d
		}
	}
	if n := m.get("time_zone"); n != nil {
		s.location = p.location(n, what, s.location)
	}
	if n := m.get("date_format"); n != nil {
		s.timeFormats = p.timeFormats(n, what+": date_format")
	}
	if n := m.get("decimal"); n != nil {
		s.decimal = p.decimal(n, what, s.decimal)
	}
	if n := m.get("booleans"); n != nil {
		s.booleans = p.booleanWords(n, what, s.booleans)
	}
	return s
}

func parseDelimiter(v string) (byte, error) {
	if v == "\t" {
		return '\t', nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "auto":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case ";", "semicolon":
		return ';', nil
	case `\t`, "tab":
		return '\t', nil
	case "|", "pipe":
		return '|', nil
	}
	return 0, fmt.Errorf("unknown delimiter %q (use auto, \",\", \";\", tab or \"|\")", v)
}

func (p *problems) location(n *yaml.Node, what string, base *time.Location) *time.Location {
	v, ok := p.nonEmpty(n, what+": time_zone")
	if !ok {
		return base
	}
	loc, err := time.LoadLocation(strings.TrimSpace(v))
	// "Local" would read the export in the time zone of whichever machine
	// runs the ingest.
	if err != nil || strings.EqualFold(strings.TrimSpace(v), "local") {
		p.add(n.Line, "%s: unknown time zone %q (use an IANA name such as Europe/Amsterdam, America/New_York or UTC)", what, v)
		return base
	}
	return loc
}

func (p *problems) timeFormats(n *yaml.Node, what string) []timeFormat {
	names, ok := p.list(n, what)
	if !ok {
		return nil
	}
	var out []timeFormat
	for _, name := range names {
		formats, err := parseTimeFormat(name)
		if err != nil {
			p.add(lineOf(resolve(n)), "%s %v", what, err)
			continue
		}
		out = append(out, formats...)
	}
	return out
}

func (p *problems) decimal(n *yaml.Node, what string, base byte) byte {
	v, ok := p.scalar(n, what+": decimal")
	if !ok {
		return base
	}
	switch strings.TrimSpace(v) {
	case ".":
		return '.'
	case ",":
		return ','
	}
	p.add(n.Line, "%s: decimal must be \".\" or \",\", not %q", what, v)
	return base
}

func (p *problems) booleanWords(n *yaml.Node, what string, base booleanWords) booleanWords {
	// The keys are written true: and false:, which YAML reads as booleans;
	// their text is what matters here.
	m, ok := p.mapping(n, what+": booleans", []string{"true", "false"})
	if !ok {
		return base
	}
	words := base
	if n := m.get("true"); n != nil {
		words.yes, _ = p.list(n, what+": booleans: true")
	}
	if n := m.get("false"); n != nil {
		words.no, _ = p.list(n, what+": booleans: false")
	}
	for _, yes := range words.yes {
		for _, no := range words.no {
			if fold(yes) == fold(no) {
				p.add(n.Line, "%s: booleans: %q is both true and false", what, yes)
			}
		}
	}
	return words
}

func (p *problems) skipRules(n *yaml.Node, what string) []skipRule {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.add(n.Line, "%s: skip must be a list of rules (- column: …, values: […], reason: …)", what)
		return nil
	}
	var out []skipRule
	for _, item := range n.Content {
		m, ok := p.mapping(item, what+": skip", skipKeys)
		if !ok {
			continue
		}
		rule := skipRule{line: resolve(item).Line}
		if c := m.get("column"); c != nil {
			rule.column, _ = p.nonEmpty(c, what+": skip: column")
		}
		if v := m.get("values"); v != nil {
			rule.values, _ = p.list(v, what+": skip: values")
		}
		if r := m.get("reason"); r != nil {
			rule.reason, _ = p.scalar(r, what+": skip: reason")
		}
		if rule.column == "" || len(rule.values) == 0 {
			p.add(rule.line, "%s: a skip rule needs a column: and the values: of the rows to leave out", what)
			continue
		}
		if rule.reason == "" {
			rule.reason = fmt.Sprintf("%s is %s", rule.column, strings.Join(rule.values, " or "))
		}
		out = append(out, rule)
	}
	return out
}

// checkFileFields checks that a file maps what its records cannot do
// without.
func (p *problems) checkFileFields(fm *fileMapping, what string) {
	has := func(names ...string) bool {
		for _, n := range names {
			if fm.fields[n] != nil {
				return true
			}
		}
		return false
	}
	need := func(why string, names ...string) {
		if !has(names...) {
			p.add(fm.line, "%s: map %s: %s", what, strings.Join(names, " or "), why)
		}
	}
	need(fmt.Sprintf("every %s needs one", fm.kind), identityField(fm.kind))
	switch fm.kind {
	case plugin.KindUser:
		need("a user is known by a name or an e-mail", "name", "email")
	case plugin.KindActivity:
		need("the audit needs to know whether it is a call, a meeting… (value: meeting if the file holds only meetings)", "kind")
		need("the audit needs to know when it happened", "start_at", "due_date", "completed_at")
		p.atMostOneDuration(fm, what)
	case plugin.KindAttendee:
		need("an attendee is a user, a contact, an e-mail or a name", "user_id", "contact_id", "email", "name")
	}
}

func (p *problems) atMostOneDuration(fm *fileMapping, what string) {
	var mapped []string
	line := 0
	for _, name := range durationFields {
		if f := fm.fields[name]; f != nil {
			mapped = append(mapped, name)
			line = max(line, f.line)
		}
	}
	if len(mapped) > 1 {
		p.add(line, "%s: map only one of %s", what, strings.Join(mapped, ", "))
	}
}

// crossReferences checks that references matched by name or e-mail have
// records to be matched against.
func (p *problems) crossReferences(m *mapping) {
	for _, fm := range m.files {
		for _, f := range fm.fields {
			if f.match == matchID {
				continue
			}
			if !m.mapsField(f.def.refersTo, string(f.match)) {
				p.add(f.line, "%s: field %s is matched by %s, but no file of %s records maps their %s",
					fm.pattern, f.def.name, f.match, f.def.refersTo, f.match)
			}
		}
	}
}

// mapsField reports whether some file of the kind maps the field.
func (m *mapping) mapsField(kind plugin.RecordKind, field string) bool {
	for _, fm := range m.files {
		if fm.kind == kind && fm.fields[field] != nil {
			return true
		}
	}
	return false
}
