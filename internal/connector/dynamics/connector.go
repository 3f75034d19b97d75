// Package dynamics is the built-in connector for Microsoft Dynamics 365
// Sales: Dataverse Web API responses saved as JSON files, one file per page
// of an entity set ({"@odata.context": "…$metadata#appointments", "value":
// […], "@odata.nextLink": "…"}), in a directory or a .zip archive
// (appointments.json, appointments_page2.json…). A page with an
// @odata.nextLink must be followed by the next page, or the Read is
// refused naming it (apipages.Pages.Continued).
//
// It reads system users, accounts, opportunities, the activities
// (appointments, phone calls, tasks, e-mails, or activitypointers mixing
// them) with their activity parties, expanded inline or saved as
// activityparties pages of their own, in that order.
package dynamics

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options.
const (
	optionAccountTierField = "account_tier_field"
	// defaultTierField is Dataverse's own account category: 1 Preferred
	// Customer, 2 Standard.
	defaultTierField = "accountcategorycode"
)

// New returns the Dynamics 365 connector: Dataverse Web API pages.
func New() plugin.Connector {
	return apipages.Connector(pages, plugin.Info{Name: "dynamics", Version: "1.0.0", Kinds: plugin.RecordKinds,
		Description: "Microsoft Dynamics 365 / Dataverse Web API responses saved as JSON (a directory or .zip of pages): " +
			"system users, accounts, opportunities, appointments, phone calls, tasks, e-mails and activity parties."},
		"the Dynamics connector", options{accountTierField: defaultTierField}, readOptions, newReadRun)
}

// options are the parsed Read options: the attribute read as the
// account's tier, "" for none (lower-cased by the run).
type options struct{ accountTierField string }

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{export.FieldOption(optionAccountTierField, "account attribute that holds the account's tier "+
		"(its formatted value when the export has one), e.g. new_tier; \"none\" for no tier "+
		"(default: accountcategorycode, \"Preferred Customer\" or \"Standard\")", &opts.accountTierField)}
}
