// Package hubspot is the built-in connector for HubSpot exports: a
// directory (or .zip) holding saved API pages (JSON, as the CRM v3 API
// returns them) and/or CSV files exported from the CRM's record index
// pages, which use property labels as headers. One directory may mix the
// two forms.
//
// It reads owners (users), companies (accounts), deals (opportunities),
// meetings, calls, tasks and e-mails. HubSpot owners have no manager, so
// the hierarchy comes from a mapping file, owner-managers.csv, in the
// export or named by the hierarchy option.
package hubspot

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

const (
	connectorName    = "hubspot"
	connectorVersion = "1.0.0"
)

// Read options.
const (
	optionHierarchy    = "hierarchy"
	optionTimezone     = "timezone"
	optionEncoding     = "encoding"
	optionTierProperty = "account_tier_property"
)

// hierarchyFileName is the manager mapping the connector looks for in the
// export itself.
const hierarchyFileName = "owner-managers.csv"

// Connector reads HubSpot exports. The zero value is ready to use.
type Connector struct{}

// New returns the HubSpot connector.
func New() *Connector { return &Connector{} }

var _ plugin.Connector = (*Connector)(nil)

// Info describes the connector.
func (c *Connector) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{
		Name:            connectorName,
		Version:         connectorVersion,
		ProtocolVersion: plugin.ProtocolVersion,
		Description: "HubSpot exports: saved CRM v3 API pages (JSON) and CSV exports from the CRM's index pages, " +
			"mixed in one directory or .zip: owners, companies, deals, meetings, calls, tasks and e-mails. " +
			"Owners have no manager in HubSpot: without " + hierarchyFileName + " (or the " + optionHierarchy +
			" option) users have no manager and the audit finds no managers.",
		Kinds: []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity, plugin.KindActivity},
		FilePatterns: []string{
			"*.json", "hubspot-crm-exports-*.csv", hierarchyFileName,
		},
		AcceptsDirectory: true,
		AcceptsArchive:   true,
		Options: map[string]string{
			optionHierarchy: "path of a CSV mapping owners to their managers, used instead of " + hierarchyFileName +
				" in the export: a header naming an owner column (owner_email, owner_id or owner) and a manager column " +
				"(manager_email, manager_id or manager), then one row per owner; each value is an owner ID, e-mail or " +
				"full name, an empty manager marks the top of the hierarchy",
			optionTimezone: "IANA time zone of the times in CSV exports from the HubSpot UI, which HubSpot writes in " +
				"the account's time zone without saying so, e.g. Europe/Amsterdam (default UTC; API pages are always UTC)",
			optionEncoding: "character encoding of the CSV files: auto (default; UTF-8 or Windows-1252), " +
				"utf-8, windows-1252 or iso-8859-1",
			optionTierProperty: "company property holding the account's tier, by internal name or label " +
				"(default hs_ideal_customer_profile, \"Ideal Customer Profile Tier\"); \"none\" for no tier",
		},
	}, nil
}

// options are the parsed Read options.
type options struct {
	hierarchyPath string
	zone          *time.Location
	encoding      csvfile.Encoding
	tier          *property
	noTier        bool
}

func knownOptions() []string {
	names := []string{optionHierarchy, optionTimezone, optionEncoding, optionTierProperty}
	sort.Strings(names)
	return names
}

func parseOptions(raw map[string]string) (options, error) {
	opts := options{zone: time.UTC, encoding: csvfile.EncodingAuto, tier: propIdealCustomerProfile}
	var unknown []string
	for name, value := range raw {
		value = strings.TrimSpace(value)
		var err error
		switch name {
		case optionHierarchy:
			opts.hierarchyPath = value
		case optionTimezone:
			opts.zone, err = parseZone(value)
		case optionEncoding:
			opts.encoding, err = csvfile.ParseEncoding(value)
		case optionTierProperty:
			opts.tier, opts.noTier = parseTierProperty(value)
		default:
			unknown = append(unknown, name)
		}
		if err != nil {
			return options{}, fmt.Errorf("option %s: %w", name, err)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return options{}, fmt.Errorf("unknown option %s (the HubSpot connector knows %s)",
			strings.Join(unknown, ", "), strings.Join(knownOptions(), ", "))
	}
	return opts, nil
}

func parseZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	zone, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (want an IANA name such as Europe/Amsterdam): %w", name, err)
	}
	return zone, nil
}

// parseTierProperty reads the tier option: a property's internal name or
// its label, which are matched alike.
func parseTierProperty(value string) (*property, bool) {
	switch {
	case value == "":
		return propIdealCustomerProfile, false
	case strings.EqualFold(value, "none"):
		return nil, true
	}
	return &property{name: value, labels: []string{value}}, false
}
