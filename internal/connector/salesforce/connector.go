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
	// required are the columns without which no row of the file can be
	// loaded: a file without one is refused, naming it, rather than
	// every row rejected for an empty value it never had.
	required []columnSet
	// optional are the other columns the audit uses: a file without one
	// is read, its values empty, and the connector says so once.
	optional []columnSet
}

// columnSet is a column, or columns any one of which will do.
type columnSet []string

func cols(names ...string) columnSet { return names }

var (
	userRoleObject = object{file: "UserRole.csv", kind: plugin.KindUser, identifying: []string{"Id", "Name", "ParentRoleId"},
		required: []columnSet{cols("Id")}, optional: []columnSet{cols("Name"), cols("ParentRoleId")}}
	// A user with no ManagerId may have one from the role hierarchy, and
	// a top manager has none: ManagerId is optional. Without IsActive
	// every user would read as having left.
	userObject = object{file: "User.csv", kind: plugin.KindUser, identifying: []string{"Id", "IsActive"},
		required: []columnSet{cols("Id"), cols("IsActive")},
		optional: []columnSet{cols("FirstName", "LastName", "Name"), cols("Email"), cols("ManagerId"), cols("UserRoleId"),
			cols("UserType"), cols("CreatedDate")}}
	accountObject = object{file: "Account.csv", kind: plugin.KindAccount, identifying: []string{"Id", "Name", "OwnerId"},
		required: []columnSet{cols("Id")},
		optional: []columnSet{cols("Name"), cols("OwnerId"), cols("AnnualRevenue"), cols("Type")}}
	// An opportunity's owner is whose pipeline it is.
	opportunityObject = object{file: "Opportunity.csv", kind: plugin.KindOpportunity, identifying: []string{"Id", "StageName", "OwnerId"},
		required: []columnSet{cols("Id"), cols("OwnerId")},
		optional: []columnSet{cols("AccountId"), cols("StageName"), cols("Amount"), cols("CloseDate"), cols("IsClosed"),
			cols("IsWon"), cols("CreatedDate")}}
	// An activity is its owner's time, on a day: a task is placed on its
	// completion, else its due date, else the day it was logged.
	taskObject = object{file: "Task.csv", kind: plugin.KindActivity, identifying: []string{"Id", "OwnerId", "Subject"},
		required: []columnSet{cols("Id"), cols("OwnerId"), cols("CompletedDateTime", "ActivityDate", "CreatedDate")},
		optional: []columnSet{cols("Subject"), cols("TaskSubtype", "Type"), cols("Status"), cols("IsClosed"),
			cols("ActivityDate"), cols("AccountId", "WhatId"), cols("WhoId")}}
	eventObject = object{file: "Event.csv", kind: plugin.KindActivity, identifying: []string{"Id", "OwnerId", "Subject"},
		required: []columnSet{cols("Id"), cols("OwnerId"), cols("StartDateTime", "ActivityDateTime", "ActivityDate")},
		optional: []columnSet{cols("Subject"), cols("Type"), cols("EndDateTime", "DurationInMinutes"),
			cols("AccountId", "WhatId"), cols("WhoId"), cols("IsChild")}}
	eventRelationObject = object{file: "EventRelation.csv", kind: plugin.KindAttendee, identifying: []string{"EventId", "RelationId"},
		required: []columnSet{cols("EventId"), cols("RelationId")}, optional: []columnSet{cols("IsWhat")}}
)

// objects lists the files the connector reads, in reading order: users
// (few) before the streamed activities, events before their attendees.
var objects = []object{
	userRoleObject, userObject, accountObject, opportunityObject,
	taskObject, eventObject, eventRelationObject,
}
