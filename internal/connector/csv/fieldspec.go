package csv

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/salesaudit/salesaudit/plugin"
)

// The fields: of a file entry, each a column's name or a mapping of the
// keys in fieldKeys.

// fields reads the fields: of a file.
func (p *problems) fields(fm *fileMapping, n *yaml.Node, what string) {
	if n == nil {
		p.add(fm.line, "%s has no fields: saying which columns hold the %s fields (%s)", what, fm.kind, fieldNames(fm.kind))
		return
	}
	m, ok := p.mapping(n, what+": fields", nil)
	if !ok {
		return
	}
	for _, pair := range m.pairs {
		def, known := lookupField(fm.kind, pair.key)
		if !known {
			p.add(pair.line, "%s: %q is not a field of a %s (its fields: %s)", what, pair.key, fm.kind, fieldNames(fm.kind))
			continue
		}
		if f := p.field(def, pair, fm.settings, what); f != nil {
			fm.fields[def.name] = f
		}
	}
}

// field reads one field: a column's name, or a mapping of field keys.
func (p *problems) field(def fieldDef, pair yamlPair, s settings, file string) *fieldMapping {
	what := fmt.Sprintf("%s: field %s", file, def.name)
	f := &fieldMapping{
		def: def, line: pair.line, match: matchID,
		timeFormats: s.timeFormats, location: s.location, decimal: s.decimal, booleans: s.booleans,
	}
	if resolve(pair.value) != nil && resolve(pair.value).Kind == yaml.ScalarNode {
		column, ok := p.nonEmpty(pair.value, what)
		if !ok {
			return nil
		}
		f.column = strings.TrimSpace(column)
		return p.finishField(f, what)
	}
	m, ok := p.mapping(pair.value, what, fieldKeys)
	if !ok {
		return nil
	}
	p.fieldSource(f, m, what)
	p.fieldValues(f, m, what)
	p.fieldFormat(f, m, what)
	if n := m.get("match"); n != nil {
		f.match = p.matchKey(f, n, what)
	}
	if n := m.get("create"); n != nil {
		f.create, _ = p.boolean(n, what+": create")
		p.checkCreate(f, n.Line, what)
	}
	return p.finishField(f, what)
}

// fieldSource reads where the value comes from: a column or a constant.
func (p *problems) fieldSource(f *fieldMapping, m yamlMap, what string) {
	column, constant := m.get("column"), m.get("value")
	switch {
	case column != nil && constant != nil:
		p.add(f.line, "%s: give either column: or value:, not both", what)
	case column != nil:
		if c, ok := p.nonEmpty(column, what+": column"); ok {
			f.column = strings.TrimSpace(c)
		}
	case constant != nil:
		if v, ok := p.scalar(constant, what+": value"); ok {
			f.constant = &v
		}
	default:
		p.add(f.line, "%s: say where the value comes from: column: (a column of the CSV) or value: (the same for every row)", what)
	}
	if n := m.get("default"); n != nil {
		if v, ok := p.scalar(n, what+": default"); ok {
			f.fallback = &v
		}
	}
}

// fieldValues reads the value map and what becomes of values it lacks.
func (p *problems) fieldValues(f *fieldMapping, m yamlMap, what string) {
	if n := m.get("values"); n != nil {
		f.values, f.valueNames = p.valueMap(n, what+": values")
	}
	if n := m.get("strict"); n != nil {
		f.strict, _ = p.boolean(n, what+": strict")
	}
	if n := m.get("otherwise"); n != nil {
		if v, ok := p.scalar(n, what+": otherwise"); ok {
			f.otherwise = &v
		}
	}
	switch {
	case f.strict && f.otherwise != nil:
		p.add(f.line, "%s: strict: true rejects the values not listed, otherwise: replaces them; give one or the other", what)
	case (f.strict || f.otherwise != nil) && len(f.values) == 0:
		p.add(f.line, "%s: strict: and otherwise: apply to the values: map, which is missing", what)
	}
	if f.constant != nil && (f.values != nil || f.fallback != nil || f.strict || f.otherwise != nil) {
		p.add(f.line, "%s: value: is the same for every row; values:, default:, strict: and otherwise: apply only to a column", what)
	}
}

func (p *problems) valueMap(n *yaml.Node, what string) (map[string]string, []string) {
	m, ok := p.mapping(n, what, nil)
	if !ok {
		return nil, nil
	}
	var names []string
	out := make(map[string]string, len(m.pairs))
	firstLine := map[string]int{}
	for _, pair := range m.pairs {
		target, ok := p.scalar(pair.value, fmt.Sprintf("%s: %s", what, pair.key))
		if !ok {
			continue
		}
		key := fold(pair.key)
		if line, dup := firstLine[key]; dup {
			p.add(pair.line, "%s: %q is listed twice (also at line %d; values are compared ignoring case)", what, pair.key, line)
			continue
		}
		firstLine[key] = pair.line
		out[key] = target
		names = append(names, pair.key)
	}
	return out, names
}

// fieldFormat reads the keys that say how the text is written.
func (p *problems) fieldFormat(f *fieldMapping, m yamlMap, what string) {
	typ := f.def.typ
	if n := m.get("format"); n != nil {
		switch {
		case typ.isTime():
			f.timeFormats = p.timeFormats(n, what+": format")
		case typ == durationValue:
			if v, ok := p.scalar(n, what+": format"); ok {
				d, err := parseDurationFormat(v)
				if err != nil {
					p.add(n.Line, "%s: %v", what, err)
				}
				f.duration = d
			}
		default:
			p.add(n.Line, "%s: format: applies only to dates, times and durations", what)
		}
	}
	if n := m.get("time_zone"); n != nil {
		if !typ.isTime() {
			p.add(n.Line, "%s: time_zone: applies only to dates and times", what)
		}
		f.location = p.location(n, what, f.location)
	}
	if n := m.get("decimal"); n != nil {
		if !typ.isNumeric() {
			p.add(n.Line, "%s: decimal: applies only to numbers and durations", what)
		}
		f.decimal = p.decimal(n, what, f.decimal)
	}
}

func (p *problems) matchKey(f *fieldMapping, n *yaml.Node, what string) matchKey {
	v, ok := p.nonEmpty(n, what+": match")
	if !ok {
		return matchID
	}
	key := matchKey(fold(v))
	switch {
	case f.def.refersTo == "":
		p.add(n.Line, "%s: match: applies only to fields that refer to another record (manager_id, owner_id, account_id, opportunity_id, user_id)", what)
	case key == matchID || key == matchName:
		return key
	case key == matchEmail && f.def.refersTo == plugin.KindUser:
		return key
	case key == matchEmail:
		p.add(n.Line, "%s: only users are matched by email; match %s records by id or name", what, f.def.refersTo)
	default:
		p.add(n.Line, "%s: match must be id, name or email, not %q", what, v)
	}
	return matchID
}

// checkCreate allows create: only where a created record can be known:
// a manager named by name or e-mail.
func (p *problems) checkCreate(f *fieldMapping, line int, what string) {
	switch {
	case !f.create:
	case f.def.name != "manager_id":
		p.add(line, "%s: create: applies only to manager_id (a team sheet that names its managers without a row of their own)", what)
	case f.match == matchID:
		p.add(line, "%s: create: needs match: name or match: email, so that the manager created has a name or an e-mail", what)
	}
}

// finishField applies the defaults that depend on the field's type and
// checks that every value the mapping writes fits the field.
func (p *problems) finishField(f *fieldMapping, what string) *fieldMapping {
	switch f.def.typ {
	case secondsValue:
		f.duration = durationInSeconds
	case minutesValue:
		f.duration = durationInMinutes
	case durationValue:
		if f.duration == "" {
			p.add(f.line, "%s: say how the duration is written with format: (seconds, minutes, hours, HH:MM, HH:MM:SS or MM:SS)", what)
			return f
		}
	}
	if len(f.timeFormats) == 0 {
		f.timeFormats = defaultTimeFormats
	}
	if strings.HasPrefix(f.column, "<") && strings.HasSuffix(f.column, ">") {
		p.add(f.line, "%s: %s is the template's placeholder: write the name of the column instead", what, f.column)
	}
	for _, v := range f.mappedValues() {
		if err := f.check(v); err != nil {
			p.add(f.line, "%s: %v", what, err)
		}
	}
	return f
}

// mappedValues are the values the mapping itself writes for a field:
// they must fit it as a cell's would.
func (f *fieldMapping) mappedValues() []string {
	var out []string
	for _, v := range []*string{f.constant, f.fallback, f.otherwise} {
		if v != nil && *v != "" {
			out = append(out, *v)
		}
	}
	for _, name := range f.valueNames {
		if v := f.values[fold(name)]; v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (p *problems) required(fm *fileMapping, n *yaml.Node, what string) {
	// A record cannot do without its identity, nor an activity without
	// its kind.
	for _, name := range []string{identityField(fm.kind), "kind"} {
		if f := fm.fields[name]; f != nil {
			f.required = true
		}
	}
	if n == nil {
		return
	}
	names, ok := p.list(n, what+": required")
	if !ok {
		return
	}
	for _, name := range names {
		if _, known := lookupField(fm.kind, name); !known {
			p.add(n.Line, "%s: required: %q is not a field of a %s (its fields: %s)", what, name, fm.kind, fieldNames(fm.kind))
			continue
		}
		f := fm.fields[name]
		if f == nil {
			p.add(n.Line, "%s: required: %s is not mapped under fields:", what, name)
			continue
		}
		f.required = true
	}
}
