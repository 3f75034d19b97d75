// Package pipedrive is the built-in connector for Pipedrive exports, in
// the two forms they come in:
//
//   - API pages: the JSON responses of Pipedrive's REST API saved as files
//     ({"success": true, "data": [...], "additional_data": {...}}), one or
//     more pages each of users, organizations, deals, persons, stages,
//     organization fields and activities, from API v1 or v2;
//   - CSV exports made in Pipedrive's web app, whose headers are field
//     labels ("Activity - Subject", "Deal - Title"), possibly opened and
//     saved again in a spreadsheet (serial dates such as 45631).
//
// Both forms may sit in one directory or .zip. Files are recognised by
// their content, not their names: an API page by the keys of its records,
// a CSV export by its header.
//
// Pipedrive users have no manager field, so the hierarchy comes from a
// mapping file, user-managers.csv in the export or the file named by the
// hierarchy option, with a "user" and a "manager" column holding user IDs,
// e-mail addresses or names. The web app exports no users either: CSV
// exports name users, which are matched to the users of an API users page
// (GET /v1/users saved as users.json) when the export has one.
package pipedrive

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

const connectorVersion = "1.0.0"

// Read options.
const (
	optionHierarchy       = "hierarchy"
	optionOrgRevenueField = "org_revenue_field"
	optionOrgTierField    = "org_tier_field"
)

// hierarchyFileName is the export's mapping of users to managers, read
// unless the hierarchy option names another.
const hierarchyFileName = "user-managers.csv"

// New returns the Pipedrive connector. Files are recognised by content;
// its FilePatterns are the names they usually have.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "pipedrive", Version: connectorVersion,
		Description: "Pipedrive API pages saved as JSON (v1 or v2) and Pipedrive CSV exports, in a directory or .zip: " +
			"users, organizations, deals and activities with their participants; managers from user-managers.csv.",
		Kinds: []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity, plugin.KindActivity},
		FilePatterns: []string{"*activities*.json", "*users*.json", "*organizations*.json", "*deals*.json", "*persons*.json",
			"*stages*.json", "*organizationFields*.json", "activities-*.csv", "deals-*.csv", "organizations-*.csv", "people-*.csv", hierarchyFileName},
		AcceptsDirectory: true, AcceptsArchive: true},
		Options: readOptions(&options{}), Layout: layout(csvfile.EncodingAuto), ReadExport: read}
}

// options are the parsed Read options.
type options struct {
	hierarchy, orgRevenueField, orgTierField string
	encoding                                 csvfile.Encoding
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	encoding := csvfile.EncodingOption(&opts.encoding)
	encoding.Help = "character encoding of every CSV file: auto (default; UTF-8 or Windows-1252, " +
		"detected file by file), utf-8, windows-1252 or iso-8859-1"
	return plugin.Options{
		encoding,
		{Name: optionHierarchy, Help: "path of a CSV file with columns user and manager (user IDs, e-mails or names) " +
			"giving each user's manager (default: " + hierarchyFileName + " in the export)",
			Set: func(v string) error { opts.hierarchy = v; return nil }},
		{Name: optionOrgRevenueField, Help: "organization field holding the annual revenue: its name as Pipedrive shows it " +
			"(\"Annual revenue\") or its API key (default: none)",
			Set: func(v string) error { opts.orgRevenueField = v; return nil }},
		{Name: optionOrgTierField, Help: "organization field holding the account tier: its name (\"Tier\") or its API key; " +
			"option IDs are turned into labels with organizationFields.json (default: none)",
			Set: func(v string) error { opts.orgTierField = v; return nil }},
	}
}
