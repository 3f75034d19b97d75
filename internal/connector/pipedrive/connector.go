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
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

const (
	connectorName    = "pipedrive"
	connectorVersion = "1.0.0"
)

// Read options.
const (
	optionHierarchy       = "hierarchy"
	optionOrgRevenueField = "org_revenue_field"
	optionOrgTierField    = "org_tier_field"
	optionEncoding        = "encoding"
)

// hierarchyFileName is the mapping of users to managers looked for in the
// export when the hierarchy option does not name one.
const hierarchyFileName = "user-managers.csv"

// Connector reads Pipedrive exports. The zero value is ready to use.
type Connector struct{}

// New returns the Pipedrive connector.
func New() *Connector { return &Connector{} }

var _ plugin.Connector = (*Connector)(nil)

// Info describes the connector.
func (c *Connector) Info(context.Context) (plugin.Info, error) {
	return plugin.Info{
		Name:            connectorName,
		Version:         connectorVersion,
		ProtocolVersion: plugin.ProtocolVersion,
		Description: "Pipedrive API pages saved as JSON (v1 or v2) and Pipedrive CSV exports, in a directory or .zip: " +
			"users, organizations, deals and activities with their participants; managers from user-managers.csv.",
		Kinds: []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity, plugin.KindActivity},
		// Files are recognised by content; these are the names they
		// usually have.
		FilePatterns: []string{
			"*activities*.json", "*users*.json", "*organizations*.json", "*deals*.json", "*persons*.json",
			"*stages*.json", "*organizationFields*.json",
			"activities-*.csv", "deals-*.csv", "organizations-*.csv", "people-*.csv", hierarchyFileName,
		},
		AcceptsDirectory: true,
		AcceptsArchive:   true,
		Options: map[string]string{
			optionHierarchy: "path of a CSV file with columns user and manager (user IDs, e-mails or names) " +
				"giving each user's manager (default: " + hierarchyFileName + " in the export)",
			optionOrgRevenueField: "organization field holding the annual revenue: its name as Pipedrive shows it " +
				"(\"Annual revenue\") or its API key (default: none)",
			optionOrgTierField: "organization field holding the account tier: its name (\"Tier\") or its API key; " +
				"option IDs are turned into labels with organizationFields.json (default: none)",
			optionEncoding: "character encoding of every CSV file: auto (default; UTF-8 or Windows-1252, " +
				"detected file by file), utf-8, windows-1252 or iso-8859-1",
		},
	}, nil
}

// options are the parsed Read options.
type options struct {
	hierarchy       string
	orgRevenueField string
	orgTierField    string
	encoding        csvfile.Encoding
}

var knownOptions = []string{optionEncoding, optionHierarchy, optionOrgRevenueField, optionOrgTierField}

func parseOptions(raw map[string]string) (options, error) {
	opts := options{encoding: csvfile.EncodingAuto}
	var unknown []string
	for name, value := range raw {
		value = strings.TrimSpace(value)
		switch name {
		case optionHierarchy:
			opts.hierarchy = value
		case optionOrgRevenueField:
			opts.orgRevenueField = value
		case optionOrgTierField:
			opts.orgTierField = value
		case optionEncoding:
			enc, err := csvfile.ParseEncoding(value)
			if err != nil {
				return options{}, fmt.Errorf("option %s: %w", optionEncoding, err)
			}
			opts.encoding = enc
		default:
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return options{}, fmt.Errorf("unknown option %s (the Pipedrive connector knows %s)",
			strings.Join(unknown, ", "), strings.Join(knownOptions, ", "))
	}
	return opts, nil
}
