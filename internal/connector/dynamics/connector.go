// Package dynamics is the built-in connector for Microsoft Dynamics 365
// Sales: Dataverse Web API responses saved as JSON files, one file per page
// of an entity set ({"@odata.context": "…$metadata#appointments", "value":
// […], "@odata.nextLink": "…"}), in a directory or a .zip archive.
//
// It reads system users, accounts, opportunities, the activities
// (appointments, phone calls, tasks, e-mails, or activitypointers mixing
// them) with their activity parties, expanded inline or saved as
// activityparties pages of their own, in that order.
package dynamics

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options.
const (
	optionAccountTierField = "account_tier_field"
	// tierNone turns the account tier off.
	tierNone = "none"
	// defaultTierField is Dataverse's own account category: 1 Preferred
	// Customer, 2 Standard.
	defaultTierField = "accountcategorycode"
)

// New returns the Dynamics 365 connector: Dataverse Web API pages.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "dynamics", Version: "1.0.0",
		Description: "Microsoft Dynamics 365 / Dataverse Web API responses saved as JSON (a directory or .zip of pages): " +
			"system users, accounts, opportunities, appointments, phone calls, tasks, e-mails and activity parties.",
		Kinds: plugin.RecordKinds, FilePatterns: filePatterns(), AcceptsDirectory: true, AcceptsArchive: true},
		Options: readOptions(&options{}), CheckExport: pages.Check,
		ReadExport: apipages.ReadExport(pages, parseOptions, newReadRun)}
}

// options are the parsed Read options.
type options struct {
	// accountTierField is the lower-case attribute read as the tier, or
	// "" for none.
	accountTierField string
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{{
		Name: optionAccountTierField,
		Help: "account attribute that holds the account's tier (its formatted value when the export has one), " +
			"e.g. new_tier; \"none\" for no tier (default: accountcategorycode, \"Preferred Customer\" or \"Standard\")",
		Set: func(v string) error { opts.accountTierField = tierField(v); return nil },
	}}
}

func parseOptions(raw map[string]string) (options, error) {
	opts := options{accountTierField: defaultTierField}
	err := readOptions(&opts).Parse("the Dynamics connector", raw)
	return opts, err
}

func tierField(value string) string {
	value = strings.ToLower(strings.TrimSpace(value))
	switch value {
	case "":
		return defaultTierField
	case tierNone:
		return ""
	}
	return value
}
