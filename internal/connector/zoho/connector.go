// Package zoho is the built-in connector for Zoho CRM: API responses saved
// as JSON files, one per page of a module ({"data": […], "info": {…}}, and
// {"users": […]} from the users API), in a directory or a .zip archive,
// named after the module (Calls.json, Calls_page2.json…). A page whose
// info.more_records is true must be followed by the next page, or the
// Read is refused naming it (apipages.Pages.Continued).
//
// It reads users, accounts, deals, calls, events (meetings) and tasks, in
// that order: the users and deals first, as the activities refer to them.
package zoho

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

const optionAccountTierField = "account_tier_field"

// New returns the Zoho CRM connector: saved API pages of its modules.
func New() plugin.Connector {
	return apipages.Connector(pages, plugin.Info{Name: "zoho", Version: "1.0.0",
		Kinds: []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity, plugin.KindActivity},
		Description: "Zoho CRM API responses saved as JSON (a directory or .zip of module pages): " +
			"users, accounts, deals, calls, events and tasks."},
		"the Zoho connector", options{}, readOptions, newReadRun)
}

// options are the parsed Read options: the field read as the account's
// tier, "" for none.
type options struct{ accountTierField string }

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{export.FieldOption(optionAccountTierField, "field of the Accounts module that holds the account's tier, "+
		"e.g. Rating or a custom Account_Tier (default: none; Zoho has no standard tier field)", &opts.accountTierField)}
}
