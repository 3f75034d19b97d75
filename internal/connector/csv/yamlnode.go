package csv

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MappingError is one thing wrong with a mapping, where it is.
type MappingError struct {
	// Mapping is the mapping file's name; Line is its line, 0 when unknown.
	Mapping string
	Line    int
	// CSV is the data file the problem is about, if any (a column missing
	// from its header).
	CSV     string
	Message string
}

func (e *MappingError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %s", e.Mapping, e.Line, e.Message)
	}
	return e.Mapping + ": " + e.Message
}

// InvalidMappingError is a mapping that cannot be used, with every problem
// found, so that the user fixes them in one go.
type InvalidMappingError struct {
	Problems []*MappingError
}

// maxProblemsShown keeps the message readable when a mapping is wholly off
// (the wrong file, say).
const maxProblemsShown = 20

func (e *InvalidMappingError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i == maxProblemsShown {
			fmt.Fprintf(&b, "\n… and %d more", len(e.Problems)-i)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// problems collects what is wrong with a mapping as it is read.
type problems struct {
	// name is the mapping file's.
	name  string
	found []*MappingError
}

func (p *problems) add(line int, format string, args ...any) {
	p.found = append(p.found, &MappingError{Mapping: p.name, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) addForCSV(line int, csv, format string, args ...any) {
	p.found = append(p.found, &MappingError{Mapping: p.name, Line: line, CSV: csv, Message: fmt.Sprintf(format, args...)})
}

// err is nil when nothing was found wrong; the problems are in the order
// of the mapping's lines.
func (p *problems) err() error {
	if len(p.found) == 0 {
		return nil
	}
	slices.SortStableFunc(p.found, func(a, b *MappingError) int { return a.Line - b.Line })
	return &InvalidMappingError{Problems: p.found}
}

// yamlLine finds the line in a YAML syntax error, which yaml writes into
// its message.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML syntax error into a problem. yaml gives the
// line where the construct it was reading starts, sometimes the line
// before the mistake, hence "near".
func (p *problems) syntaxError(err error) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		p.add(0, "not valid YAML near line %s: %s", m[1], m[2])
		return
	}
	p.add(0, "not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

// yamlPair is a key of a YAML mapping with its value.
type yamlPair struct {
	key   string
	line  int
	value *yaml.Node
}

// yamlMap is a YAML mapping whose keys have been checked.
type yamlMap struct {
	pairs []yamlPair
}

func (m yamlMap) get(key string) *yaml.Node {
	for _, p := range m.pairs {
		if p.key == key {
			return p.value
		}
	}
	return nil
}

// resolve follows an alias (*name) to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// mapping reads a YAML mapping. Keys not in known are problems, as in
// yaml's KnownFields mode, but named with what they are in and what would
// be known there; so are repeated keys, which YAML would silently let the
// last one win.
func (p *problems) mapping(n *yaml.Node, what string, known []string) (yamlMap, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		p.add(lineOf(n), "%s must be a mapping of keys to values", what)
		return yamlMap{}, false
	}
	var m yamlMap
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := resolve(n.Content[i]), n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			p.add(key.Line, "%s: a key must be a plain word", what)
			continue
		}
		if first, dup := seen[key.Value]; dup {
			p.add(key.Line, "%s: %q is given twice (first at line %d)", what, key.Value, first)
			continue
		}
		seen[key.Value] = key.Line
		if known != nil && !slices.Contains(known, key.Value) {
			p.add(key.Line, "%s: unknown key %q (known: %s)", what, key.Value, strings.Join(known, ", "))
			continue
		}
		m.pairs = append(m.pairs, yamlPair{key: key.Value, line: key.Line, value: value})
	}
	return m, true
}

func lineOf(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

// isNull reports whether a node is YAML's null: a key with nothing after
// it, "~" or "null".
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// scalar reads a single value as text: "Ja", 3 or true alike, since a
// column's values are all text to begin with.
func (p *problems) scalar(n *yaml.Node, what string) (string, bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		p.add(lineOf(n), "%s must be a single value, not a list or a mapping", what)
		return "", false
	}
	if n.ShortTag() == "!!null" {
		return "", true
	}
	return n.Value, true
}

// nonEmpty reads a single value that must not be empty.
func (p *problems) nonEmpty(n *yaml.Node, what string) (string, bool) {
	s, ok := p.scalar(n, what)
	if ok && strings.TrimSpace(s) == "" {
		p.add(lineOf(n), "%s is empty", what)
		return "", false
	}
	return s, ok
}

// list reads one value or a list of them.
func (p *problems) list(n *yaml.Node, what string) ([]string, bool) {
	n = resolve(n)
	if n != nil && n.Kind == yaml.SequenceNode {
		out := make([]string, 0, len(n.Content))
		ok := true
		for _, item := range n.Content {
			s, itemOK := p.scalar(item, what)
			ok = ok && itemOK
			out = append(out, s)
		}
		return out, ok
	}
	s, ok := p.scalar(n, what)
	return []string{s}, ok
}

// boolean reads true or false.
func (p *problems) boolean(n *yaml.Node, what string) (bool, bool) {
	s, ok := p.scalar(n, what)
	if !ok {
		return false, false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.add(lineOf(n), "%s must be true or false, not %q", what, s)
		return false, false
	}
	return b, true
}
