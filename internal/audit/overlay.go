package audit

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// overlayHeader opens the file Overlay writes.
const overlayHeader = `Classification rules written by 'salesaudit classify suggest': the rules
in force when it ran, with the keywords you accepted added (each marked
where it was added). Review them, then pass this file with --config; after
your own configuration, if you have one: salesaudit audit --config
yours.yaml --config this.yaml. A classification list replaces the one
before it whole, so this file holds every rule.`

// Overlay writes cfg's classification rules with the accepted proposals'
// keywords added, as a configuration file that replaces the
// classification list (LoadConfig layers it over the others).
func Overlay(cfg *Config, accepted []Suggestion) ([]byte, error) {
	added := map[string][]Suggestion{}
	for _, s := range accepted {
		if s.Proposal != nil {
			added[s.Proposal.Rule] = append(added[s.Proposal.Rule], s)
		}
	}
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range cfg.Classification {
		var notes []string
		for _, s := range added[r.Name] {
			if !slices.Contains(r.Keywords, s.Proposal.Keyword) {
				r.Keywords = append(slices.Clone(r.Keywords), s.Proposal.Keyword)
			}
			notes = append(notes, fmt.Sprintf("added %s for %q: %d activities, %.1f h (%s)",
				s.Proposal.Keyword, s.Pattern, s.Activities, s.Minutes/60, s.Proposal.Why))
		}
		node, err := r.node()
		if err != nil {
			return nil, err
		}
		node.HeadComment = strings.Join(notes, "\n")
		list.Content = append(list.Content, node)
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, HeadComment: overlayHeader, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "classification"}, list,
	}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}}); err != nil {
		return nil, fmt.Errorf("writing the classification overlay: %w", err)
	}
	return b.Bytes(), enc.Close()
}

// node is the rule as its configuration writes it: the fields it sets,
// in their declared order, lists on one line.
func (r ClassificationRule) node() (*yaml.Node, error) {
	out := &yaml.Node{Kind: yaml.MappingNode}
	v := reflect.ValueOf(r)
	for i, f := range slices.Collect(reflect.TypeFor[ClassificationRule]().Fields()) {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		field := v.Field(i)
		if name == "" || name == "-" || field.IsZero() {
			continue
		}
		value := &yaml.Node{}
		if err := value.Encode(field.Interface()); err != nil {
			return nil, fmt.Errorf("classification rule %q: %s: %w", r.Name, name, err)
		}
		if value.Kind == yaml.SequenceNode {
			value.Style = yaml.FlowStyle
		}
		out.Content = append(out.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: name}, value)
	}
	return out, nil
}
