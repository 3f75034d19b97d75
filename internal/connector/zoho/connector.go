// Package zoho is the built-in connector for Zoho CRM: API responses saved
// as JSON files, one per page of a module ({"data": […], "info": {…}}, and
// {"users": […]} from the users API), in a directory or a .zip archive,
// named after the module (Calls.json, Calls_page2.json…).
//
// It reads users, accounts, deals, calls, events (meetings) and tasks, in
// that order: the users and deals first, as the activities refer to them.
package zoho

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options.
const (
	optionAccountTierField = "account_tier_field"
	tierNone               = "none"
)

// New returns the Zoho CRM connector: saved API pages of its modules.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "zoho", Version: "1.0.0",
		Description: "Zoho CRM API responses saved as JSON (a directory or .zip of module pages): " +
			"users, accounts, deals, calls, events and tasks.",
		Kinds:        []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity, plugin.KindActivity},
		FilePatterns: filePatterns(), AcceptsDirectory: true, AcceptsArchive: true},
		Options: readOptions(&options{}), CheckExport: pages.Check,
		ReadExport: apipages.ReadExport(pages, parseOptions, newReadRun)}
}

// options are the parsed Read options.
type options struct {
	// accountTierField is the field read as the tier, "" for none.
	accountTierField string
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{{
		Name: optionAccountTierField,
		Help: "field of the Accounts module that holds the account's tier, e.g. Rating or a custom " +
			"Account_Tier (default: none; Zoho has no standard tier field)",
		Set: func(v string) error {
			if strings.EqualFold(v, tierNone) {
				v = ""
			}
			opts.accountTierField = v
			return nil
		},
	}}
}

func parseOptions(raw map[string]string) (options, error) {
	var opts options
	err := readOptions(&opts).Parse("the Zoho connector", raw)
	return opts, err
}
