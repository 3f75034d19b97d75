// Package builtin lists the connectors compiled into salesaudit.
package builtin

import (
	"sort"

	"github.com/salesaudit/salesaudit/internal/connector/csv"
	"github.com/salesaudit/salesaudit/internal/connector/dynamics"
	"github.com/salesaudit/salesaudit/internal/connector/gcal"
	"github.com/salesaudit/salesaudit/internal/connector/graph"
	"github.com/salesaudit/salesaudit/internal/connector/hubspot"
	"github.com/salesaudit/salesaudit/internal/connector/ics"
	"github.com/salesaudit/salesaudit/internal/connector/pipedrive"
	"github.com/salesaudit/salesaudit/internal/connector/salesforce"
	"github.com/salesaudit/salesaudit/internal/connector/zoho"
	"github.com/salesaudit/salesaudit/plugin"
)

var connectors = map[string]func() plugin.Connector{
	"csv":        func() plugin.Connector { return csv.New() },
	"dynamics":   func() plugin.Connector { return dynamics.New() },
	"gcal":       func() plugin.Connector { return gcal.New() },
	"graph":      func() plugin.Connector { return graph.New() },
	"hubspot":    func() plugin.Connector { return hubspot.New() },
	"ics":        func() plugin.Connector { return ics.New() },
	"pipedrive":  func() plugin.Connector { return pipedrive.New() },
	"salesforce": func() plugin.Connector { return salesforce.New() },
	"zoho":       func() plugin.Connector { return zoho.New() },
}

// Names are the built-in connectors' names, sorted.
func Names() []string {
	names := make([]string, 0, len(connectors))
	for name := range connectors {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the built-in connector called name.
func Lookup(name string) (plugin.Connector, bool) {
	newConnector, ok := connectors[name]
	if !ok {
		return nil, false
	}
	return newConnector(), true
}
