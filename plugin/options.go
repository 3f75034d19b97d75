package plugin

import (
	"fmt"
	"sort"
	"strings"
)

// Option is a Read option a connector understands, declared once for both
// Info (its help) and Read (how its value is taken).
type Option struct {
	Name string
	// Help is the one line Info shows for it.
	Help string
	// Set takes the value as the user gave it, without surrounding
	// spaces. An error says what is wrong with the value; the SDK names
	// the option.
	Set func(value string) error
}

// Options are a connector's Read options.
type Options []Option

// Help is Info.Options: each option's name and help.
func (o Options) Help() map[string]string {
	help := make(map[string]string, len(o))
	for _, opt := range o {
		help[opt.Name] = opt.Help
	}
	return help
}

// Names are the options' names, in the order declared.
func (o Options) Names() []string {
	names := make([]string, len(o))
	for i, opt := range o {
		names[i] = opt.Name
	}
	return names
}

// Parse sets every option raw gives. An option the connector does not
// know is an error that lists those it knows; who names the connector
// ("the HubSpot connector").
func (o Options) Parse(who string, raw map[string]string) error {
	byName := make(map[string]Option, len(o))
	for _, opt := range o {
		byName[opt.Name] = opt
	}
	var unknown, given []string
	for name := range raw {
		if _, ok := byName[name]; ok {
			given = append(given, name)
		} else {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown option %s (%s knows %s)", strings.Join(unknown, ", "), who, list(o.Names()))
	}
	sort.Strings(given)
	for _, name := range given {
		if err := byName[name].Set(strings.TrimSpace(raw[name])); err != nil {
			return fmt.Errorf("option %s: %w", name, err)
		}
	}
	return nil
}

// list joins names as a sentence does: "a, b and c"; "none" for none.
func list(names []string) string {
	switch len(names) {
	case 0:
		return "none"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
