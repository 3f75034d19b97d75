// Package salesforcecsv writes Salesforce's CSV exports the way Salesforce
// writes them: the weekly Data Export (one CSV per object, every field in
// double quotes, CRLF line ends, booleans 0/1, datetimes
// "YYYY-MM-DD HH:MM:SS" in UTC, the null sentinel in empty lookups, in the
// org's encoding) and the Data Loader / Bulk API export (UPPERCASE
// headers, a byte order mark, LF, ISO 8601 times, true/false).
//
// It knows the objects' columns once, for everyone who writes an export:
// salesaudit generate and the connector tests' fixture builders.
package salesforcecsv

// Object is one object of an export: its file and its columns, a subset of
// the object's standard fields in the order the Data Export writes them,
// plus the custom fields (*__c) a typical org has.
type Object struct {
	File    string
	Columns []string
	// Lookups are the columns where the Data Export writes the null
	// sentinel for an empty value. AccountId is not one: Salesforce
	// leaves it empty.
	Lookups []string
}

// NullID is what the Data Export writes in an empty lookup field.
const NullID = "000000000000000AAA"

// The objects of an export.
var (
	UserRole = Object{
		File: "UserRole.csv",
		Columns: []string{"Id", "Name", "ParentRoleId", "RollupDescription", "OpportunityAccessForAccountOwner",
			"CaseAccessForAccountOwner", "ContactAccessForAccountOwner", "ForecastUserId", "MayForecastManagerShare",
			"LastModifiedDate", "LastModifiedById", "SystemModstamp", "DeveloperName", "PortalType"},
		Lookups: []string{"ParentRoleId", "ForecastUserId"},
	}
	User = Object{
		File: "User.csv",
		Columns: []string{"Id", "Username", "LastName", "FirstName", "Name", "CompanyName", "Division", "Department",
			"Title", "City", "Country", "Email", "Alias", "CommunityNickname", "IsActive", "TimeZoneSidKey", "UserRoleId",
			"LocaleSidKey", "EmailEncodingKey", "ProfileId", "UserType", "LanguageLocaleKey", "EmployeeNumber", "ManagerId",
			"LastLoginDate", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "Region__c"},
		Lookups: []string{"UserRoleId", "ManagerId"},
	}
	// Account carries the billing address's street and postal code between
	// ParentId and the city and country, where the export writes the
	// address's parts.
	Account = Object{
		File: "Account.csv",
		Columns: []string{"Id", "IsDeleted", "MasterRecordId", "Name", "Type", "ParentId", "BillingStreet",
			"BillingCity", "BillingPostalCode", "BillingCountry", "Phone", "Website", "Industry", "AnnualRevenue",
			"NumberOfEmployees", "Ownership", "Rating", "OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate",
			"LastModifiedById", "SystemModstamp", "LastActivityDate", "Tier__c", "Region__c"},
		Lookups: []string{"MasterRecordId", "ParentId"},
	}
	Contact = Object{
		File: "Contact.csv",
		Columns: []string{"Id", "IsDeleted", "MasterRecordId", "AccountId", "LastName", "FirstName", "Salutation",
			"Name", "Title", "Email", "Phone", "MailingCity", "MailingCountry", "LeadSource", "OwnerId", "CreatedDate",
			"CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate"},
		Lookups: []string{"MasterRecordId"},
	}
	Lead = Object{
		File: "Lead.csv",
		Columns: []string{"Id", "IsDeleted", "LastName", "FirstName", "Name", "Company", "Title", "Email", "Country",
			"LeadSource", "Status", "Rating", "OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId",
			"ConvertedContactId", "ConvertedOpportunityId", "CreatedDate", "CreatedById", "LastModifiedDate", "SystemModstamp"},
		Lookups: []string{"ConvertedAccountId", "ConvertedContactId", "ConvertedOpportunityId"},
	}
	Opportunity = Object{
		File: "Opportunity.csv",
		Columns: []string{"Id", "IsDeleted", "AccountId", "IsPrivate", "Name", "Description", "StageName",
			"Amount", "Probability", "ExpectedRevenue", "CloseDate", "Type", "NextStep", "LeadSource", "IsClosed", "IsWon",
			"ForecastCategory", "ForecastCategoryName", "CampaignId", "HasOpportunityLineItem", "Pricebook2Id", "OwnerId",
			"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate",
			"FiscalQuarter", "FiscalYear", "Fiscal", "Region__c"},
		Lookups: []string{"CampaignId", "Pricebook2Id"},
	}
	OpportunityHistory = Object{
		File: "OpportunityHistory.csv",
		Columns: []string{"Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount",
			"ExpectedRevenue", "CloseDate", "PrevAmount", "PrevCloseDate", "Probability", "ForecastCategory",
			"SystemModstamp", "IsDeleted"},
	}
	Task = Object{
		File: "Task.csv",
		Columns: []string{"Id", "WhoId", "WhatId", "WhoCount", "WhatCount", "Subject", "ActivityDate", "Status",
			"Priority", "IsHighPriority", "OwnerId", "Description", "Type", "IsDeleted", "AccountId", "IsClosed",
			"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsArchived",
			"CallDurationInSeconds", "CallType", "CallDisposition", "CallObject", "ReminderDateTime", "IsReminderSet",
			"RecurrenceActivityId", "IsRecurrence", "TaskSubtype", "CompletedDateTime", "Call_Outcome__c"},
		Lookups: []string{"WhoId", "WhatId", "RecurrenceActivityId"},
	}
	Event = Object{
		File: "Event.csv",
		Columns: []string{"Id", "WhoId", "WhatId", "WhoCount", "WhatCount", "Subject", "Location", "IsAllDayEvent",
			"ActivityDateTime", "ActivityDate", "DurationInMinutes", "Description", "AccountId", "OwnerId", "Type",
			"IsPrivate", "ShowAs", "IsDeleted", "IsChild", "IsGroupEvent", "GroupEventType", "CreatedDate", "CreatedById",
			"LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsArchived", "RecurrenceActivityId", "IsRecurrence",
			"ReminderDateTime", "IsReminderSet", "EventSubtype", "Meeting_Type__c"},
		Lookups: []string{"WhoId", "WhatId", "RecurrenceActivityId"},
	}
	EventRelation = Object{
		File: "EventRelation.csv",
		Columns: []string{"Id", "RelationId", "EventId", "IsInvitee", "IsParent", "IsWhat", "AccountId",
			"Status", "RespondedDate", "Response", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
			"SystemModstamp", "IsDeleted"},
	}
)

// Select is the object with only some columns, in the order given, as a
// Data Loader or Bulk API query exports only the fields it selects (which
// may include fields the Data Export above leaves out, such as Event's
// StartDateTime and EndDateTime).
func (o Object) Select(columns ...string) Object {
	o.Columns = columns
	return o
}
