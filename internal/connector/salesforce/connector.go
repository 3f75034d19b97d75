// Package salesforce is the built-in connector for Salesforce exports: the
// weekly Data Export (a .zip of CSV files, one per object, as Salesforce
// ships it, or the directory it was unpacked into) and the CSV files that
// Data Loader and the Bulk API write.
//
// It reads users and their roles, accounts, opportunities, tasks, events and
// event attendees (EventRelation), in that order, streaming the large files.
package salesforce

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options.
const (
	optionEncoding         = "encoding"
	optionAccountTierField = "account_tier_field"
)

// New returns the Salesforce connector: its Check is the layout's.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "salesforce", Version: "1.0.0",
		Description: "Salesforce Data Export (.zip or its directory) and Data Loader / Bulk API CSV: " +
			"users and roles, accounts, opportunities, tasks, events and event attendees.",
		Kinds: plugin.RecordKinds, AcceptsDirectory: true, AcceptsArchive: true},
		Options: readOptions(&options{}), Layout: layout,
		ReadExport: export.ReadSource(layout.Name, export.ParseOptions("the Salesforce connector", options{encoding: csvfile.EncodingAuto}, readOptions), read)}
}

// options are the parsed Read options.
type options struct {
	encoding         csvfile.Encoding
	accountTierField string
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{
		csvfile.EncodingOption(&opts.encoding),
		{Name: optionAccountTierField, Help: "column of Account.csv that holds the account's tier, e.g. Tier__c or Rating; " +
			"\"none\" for no tier (default: the first of Tier__c, Account_Tier__c, AccountTier__c, Customer_Tier__c, Tier that exists)",
			Set: func(v string) error { opts.accountTierField = v; return nil }},
	}
}

// object is a Salesforce object the connector reads, by its export file.
type object struct {
	file string
	kind plugin.RecordKind
	// identifying are header columns that tell Salesforce's file from
	// another CSV with the same name.
	identifying []string
}

var (
	userRoleObject      = object{"UserRole.csv", plugin.KindUser, []string{"Id", "Name", "ParentRoleId"}}
	userObject          = object{"User.csv", plugin.KindUser, []string{"Id", "IsActive"}}
	accountObject       = object{"Account.csv", plugin.KindAccount, []string{"Id", "Name", "OwnerId"}}
	opportunityObject   = object{"Opportunity.csv", plugin.KindOpportunity, []string{"Id", "StageName", "OwnerId"}}
	taskObject          = object{"Task.csv", plugin.KindActivity, []string{"Id", "OwnerId", "Subject"}}
	eventObject         = object{"Event.csv", plugin.KindActivity, []string{"Id", "OwnerId", "Subject"}}
	eventRelationObject = object{"EventRelation.csv", plugin.KindAttendee, []string{"EventId", "RelationId"}}
)

// objects lists the files the connector reads, in reading order: users
// (few) before the streamed activities, events before their attendees.
var objects = []object{
	userRoleObject, userObject, accountObject, opportunityObject,
	taskObject, eventObject, eventRelationObject,
}
