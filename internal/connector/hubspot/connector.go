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
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options, and the manager mapping the connector looks for in the
// export itself.
const (
	optionHierarchy    = "hierarchy"
	optionTimezone     = "timezone"
	optionEncoding     = "encoding"
	optionTierProperty = "account_tier_property"
	hierarchyFileName  = "owner-managers.csv"
)

// New returns the HubSpot connector.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "hubspot", Version: "1.0.0", AcceptsDirectory: true, AcceptsArchive: true,
		Kinds:        []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity, plugin.KindActivity},
		FilePatterns: []string{"*.json", "hubspot-crm-exports-*.csv", hierarchyFileName},
		Description: "HubSpot exports: saved CRM v3 API pages (JSON) and CSV exports from the CRM's index pages, " +
			"mixed in one directory or .zip: owners, companies, deals, meetings, calls, tasks and e-mails. " +
			"Owners have no manager in HubSpot: without " + hierarchyFileName + " (or the " + optionHierarchy +
			" option) users have no manager and the audit finds no managers."},
		Options: readOptions(&options{}), Layout: layout, ReadExport: export.ReadSource("HubSpot export", parseOptions, read)}
}

// options are the parsed Read options.
type options struct {
	hierarchyPath string
	zone          *time.Location
	encoding      csvfile.Encoding
	tier          *property // nil for none
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{
		{Name: optionHierarchy, Help: "path of a CSV mapping owners to their managers, used instead of " + hierarchyFileName +
			" in the export: a header naming an owner column (owner_email, owner_id or owner) and a manager column " +
			"(manager_email, manager_id or manager), then one row per owner; each value is an owner ID, e-mail or " +
			"full name, an empty manager marks the top of the hierarchy",
			Set: func(v string) error { opts.hierarchyPath = v; return nil }},
		{Name: optionTimezone, Help: "IANA time zone of the times in CSV exports from the HubSpot UI, which HubSpot writes in " +
			"the account's time zone without saying so, e.g. Europe/Amsterdam (default UTC; API pages are always UTC)",
			Set: func(v string) (err error) {
				if opts.zone, err = time.LoadLocation(v); err != nil { // "" is UTC
					return fmt.Errorf("unknown time zone %q (want an IANA name such as Europe/Amsterdam): %w", v, err)
				}
				return nil
			}},
		csvfile.EncodingOption(&opts.encoding),
		{Name: optionTierProperty, Help: "company property holding the account's tier, by internal name or label " +
			"(default hs_ideal_customer_profile, \"Ideal Customer Profile Tier\"); \"none\" for no tier",
			Set: func(v string) error {
				switch {
				case v == "":
					opts.tier = propIdealCustomerProfile
				case strings.EqualFold(v, "none"):
					opts.tier = nil
				default: // an internal name or a label, matched alike
					opts.tier = &property{name: v, labels: []string{v}}
				}
				return nil
			}},
	}
}

func parseOptions(raw map[string]string) (options, error) {
	opts := options{zone: time.UTC, encoding: csvfile.EncodingAuto, tier: propIdealCustomerProfile}
	err := readOptions(&opts).Parse("the HubSpot connector", raw)
	return opts, err
}
