package ics

import (
	"errors"
	"fmt"
	"strings"

	ical "github.com/arran4/golang-ical"
)

// parseComponent hands one framed component to the iCalendar library and
// returns its properties and subcomponents with upper-cased names: RFC
// 5545 names are case-insensitive, the library compares them as written.
func parseComponent(c *component) (comp *ical.ComponentBase, err error) {
	// A malformed file must never take the connector down, whatever the
	// library does with it.
	defer func() {
		if r := recover(); r != nil {
			comp, err = nil, fmt.Errorf("the iCalendar parser failed: %v", r)
		}
	}()
	stream := ical.NewCalendarStream(strings.NewReader(c.text()))
	first, err := stream.ReadLine()
	if err != nil || first == nil {
		return nil, errors.New("empty component")
	}
	begin, err := ical.ParseProperty(*first)
	if err != nil || begin == nil {
		return nil, fmt.Errorf("cannot read %q", string(*first))
	}
	parsed, err := ical.GeneralParseComponent(stream, begin)
	if err != nil {
		return nil, err
	}
	base := baseOf(parsed)
	if base == nil {
		return nil, fmt.Errorf("the parser returned no %s", c.name)
	}
	normaliseNames(base)
	return base, nil
}

// baseOf is the properties and subcomponents of any parsed component.
func baseOf(c ical.Component) *ical.ComponentBase {
	switch v := c.(type) {
	case *ical.VEvent:
		return &v.ComponentBase
	case *ical.VTodo:
		return &v.ComponentBase
	case *ical.VJournal:
		return &v.ComponentBase
	case *ical.VBusy:
		return &v.ComponentBase
	case *ical.VTimezone:
		return &v.ComponentBase
	case *ical.VAlarm:
		return &v.ComponentBase
	case *ical.Standard:
		return &v.ComponentBase
	case *ical.Daylight:
		return &v.ComponentBase
	case *ical.GeneralComponent:
		return &v.ComponentBase
	}
	return nil
}

// subcomponentName is the name a parsed subcomponent was begun with.
func subcomponentName(c ical.Component) string {
	switch v := c.(type) {
	case *ical.Standard:
		return "STANDARD"
	case *ical.Daylight:
		return "DAYLIGHT"
	case *ical.VAlarm:
		return "VALARM"
	case *ical.GeneralComponent:
		return strings.ToUpper(v.Token)
	}
	return ""
}

func normaliseNames(base *ical.ComponentBase) {
	for i := range base.Properties {
		p := &base.Properties[i].BaseProperty
		p.IANAToken = strings.ToUpper(p.IANAToken)
		params := make(map[string][]string, len(p.ICalParameters))
		for k, v := range p.ICalParameters {
			params[strings.ToUpper(k)] = append(params[strings.ToUpper(k)], v...)
		}
		p.ICalParameters = params
	}
	for _, sub := range base.Components {
		if b := baseOf(sub); b != nil {
			normaliseNames(b)
		}
	}
}

// locateUnreadable finds the first content line the library cannot read,
// to name it in the reject when a component as a whole fails to parse:
// the physical line it begins on, and the whole line unfolded.
func locateUnreadable(c *component) (first sourceLine, logical string, found bool) {
	for i, l := range c.lines {
		if propertyName(l.text) == "" {
			continue
		}
		logical := l.text
		for _, next := range c.lines[i+1:] {
			if next.text == "" || (next.text[0] != ' ' && next.text[0] != '\t') {
				break
			}
			logical += next.text[1:]
		}
		if p, err := ical.ParseProperty(ical.ContentLine(logical)); err != nil || p == nil {
			return l, logical, true
		}
	}
	return sourceLine{}, "", false
}

// whatIsWrong says, in the words of RFC 5545's NAME;PARAM=VALUE:VALUE
// shape, why a content line cannot be read: the library's own errors
// ("parsing component line") do not tell a reader what to fix.
func whatIsWrong(line string) string {
	n := nameLength(line)
	if n == 0 {
		return "it does not begin with a property name"
	}
	name, rest := line[:n], line[n:]
	if rest == "" {
		return fmt.Sprintf("%s has no value: no ':' follows the name", name)
	}
	if rest[0] != ';' && rest[0] != ':' {
		return fmt.Sprintf("%s is followed by %q where ':' and its value, or ';' and a parameter, should come", name, rest[:1])
	}
	quoted, colonInQuotes := false, false
	for _, r := range rest {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ':' && quoted:
			colonInQuotes = true
		case r == ':':
			return fmt.Sprintf("the parameters or the value of %s cannot be read", name)
		}
	}
	switch {
	case quoted:
		return fmt.Sprintf("a parameter of %s opens a quote (\") that is never closed, so its value is lost inside the quote", name)
	case colonInQuotes:
		return fmt.Sprintf("%s has no value: its only ':' is inside a quoted parameter, which holds what should follow it", name)
	}
	return fmt.Sprintf("%s has no value: no ':' follows its parameters", name)
}

// props is a parsed component's properties looked up by name.
type props struct{ base *ical.ComponentBase }

func (p props) first(name string) *ical.BaseProperty {
	for i := range p.base.Properties {
		if p.base.Properties[i].IANAToken == name {
			return &p.base.Properties[i].BaseProperty
		}
	}
	return nil
}

func (p props) all(name string) []*ical.BaseProperty {
	var found []*ical.BaseProperty
	for i := range p.base.Properties {
		if p.base.Properties[i].IANAToken == name {
			found = append(found, &p.base.Properties[i].BaseProperty)
		}
	}
	return found
}

// text is the value of the first property named name, trimmed.
func (p props) text(name string) string {
	if prop := p.first(name); prop != nil {
		return strings.TrimSpace(prop.Value)
	}
	return ""
}

// prose is the value of the first property named name read as the TEXT
// RFC 5545 makes it, trimmed. The parser undoes the "\," "\;" and "\n"
// escapes only when the property declares no VALUE or VALUE=TEXT; Proton
// Calendar writes SUMMARY;VALUE="<the summary again>":..., which would
// otherwise leave the backslashes in the subject.
func (p props) prose(name string) string {
	prop := p.first(name)
	if prop == nil {
		return ""
	}
	value := prop.Value
	if declared := param(prop, "VALUE"); declared != "" && !strings.EqualFold(declared, "TEXT") {
		value = ical.FromText(value)
	}
	return strings.TrimSpace(value)
}

// param is the first value of a property's parameter, trimmed.
func param(prop *ical.BaseProperty, name string) string {
	if values := prop.ICalParameters[name]; len(values) > 0 {
		return strings.TrimSpace(values[0])
	}
	return ""
}
