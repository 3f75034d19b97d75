package generate

import (
	"errors"
	"io"
	"time"
)

// The column sets of a Salesforce Data Export: a subset of each object's
// standard fields in Salesforce's order, plus custom fields a typical org
// has. The connector matches headers by name and ignores the others.
var (
	userRoleColumns = []string{"Id", "Name", "ParentRoleId", "RollupDescription", "OpportunityAccessForAccountOwner",
		"CaseAccessForAccountOwner", "ContactAccessForAccountOwner", "ForecastUserId", "MayForecastManagerShare",
		"LastModifiedDate", "LastModifiedById", "SystemModstamp", "DeveloperName", "PortalType"}
	userColumns = []string{"Id", "Username", "LastName", "FirstName", "Name", "CompanyName", "Division", "Department",
		"Title", "City", "Country", "Email", "Alias", "CommunityNickname", "IsActive", "TimeZoneSidKey", "UserRoleId",
		"LocaleSidKey", "EmailEncodingKey", "ProfileId", "UserType", "LanguageLocaleKey", "EmployeeNumber", "ManagerId",
		"LastLoginDate", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "Region__c"}
	accountColumns = []string{"Id", "IsDeleted", "MasterRecordId", "Name", "Type", "ParentId", "BillingCity",
		"BillingCountry", "Phone", "Website", "Industry", "AnnualRevenue", "NumberOfEmployees", "Ownership", "Rating",
		"OwnerId", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp",
		"LastActivityDate", "Tier__c", "Region__c"}
	contactColumns = []string{"Id", "IsDeleted", "MasterRecordId", "AccountId", "LastName", "FirstName", "Salutation",
		"Name", "Title", "Email", "Phone", "MailingCity", "MailingCountry", "LeadSource", "OwnerId", "CreatedDate",
		"CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate"}
	leadColumns = []string{"Id", "IsDeleted", "LastName", "FirstName", "Name", "Company", "Title", "Email", "Country",
		"LeadSource", "Status", "Rating", "OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId",
		"ConvertedContactId", "ConvertedOpportunityId", "CreatedDate", "CreatedById", "LastModifiedDate", "SystemModstamp"}
	opportunityColumns = []string{"Id", "IsDeleted", "AccountId", "IsPrivate", "Name", "Description", "StageName",
		"Amount", "Probability", "ExpectedRevenue", "CloseDate", "Type", "NextStep", "LeadSource", "IsClosed", "IsWon",
		"ForecastCategory", "ForecastCategoryName", "CampaignId", "HasOpportunityLineItem", "Pricebook2Id", "OwnerId",
		"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate",
		"FiscalQuarter", "FiscalYear", "Fiscal", "Region__c"}
	taskColumns = []string{"Id", "WhoId", "WhatId", "WhoCount", "WhatCount", "Subject", "ActivityDate", "Status",
		"Priority", "IsHighPriority", "OwnerId", "Description", "Type", "IsDeleted", "AccountId", "IsClosed",
		"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsArchived",
		"CallDurationInSeconds", "CallType", "CallDisposition", "CallObject", "ReminderDateTime", "IsReminderSet",
		"RecurrenceActivityId", "IsRecurrence", "TaskSubtype", "CompletedDateTime", "Call_Outcome__c"}
	eventColumns = []string{"Id", "WhoId", "WhatId", "WhoCount", "WhatCount", "Subject", "Location", "IsAllDayEvent",
		"ActivityDateTime", "ActivityDate", "DurationInMinutes", "Description", "AccountId", "OwnerId", "Type",
		"IsPrivate", "ShowAs", "IsDeleted", "IsChild", "IsGroupEvent", "GroupEventType", "CreatedDate", "CreatedById",
		"LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsArchived", "RecurrenceActivityId", "IsRecurrence",
		"ReminderDateTime", "IsReminderSet", "EventSubtype", "Meeting_Type__c"}
	eventRelationColumns = []string{"Id", "RelationId", "EventId", "IsInvitee", "IsParent", "IsWhat", "AccountId",
		"Status", "RespondedDate", "Response", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById",
		"SystemModstamp", "IsDeleted"}
)

// Export file names.
const (
	fileUserRole      = "UserRole.csv"
	fileUser          = "User.csv"
	fileAccount       = "Account.csv"
	fileContact       = "Contact.csv"
	fileLead          = "Lead.csv"
	fileOpportunity   = "Opportunity.csv"
	fileTask          = "Task.csv"
	fileEvent         = "Event.csv"
	fileEventRelation = "EventRelation.csv"
)

// salesforceWriter writes the Salesforce Data Export: one CSV writer per
// file, all open at once, so that every row is written as soon as it is
// made.
type salesforceWriter struct {
	roles, users, accounts, contacts, leads, opportunities, tasks, events, relations *csvWriter
	all                                                                              []*csvWriter
}

func openSalesforce(create func(name string) (io.WriteCloser, error)) (*salesforceWriter, error) {
	o := &salesforceWriter{}
	files := []struct {
		name    string
		columns []string
		into    **csvWriter
	}{
		{fileUserRole, userRoleColumns, &o.roles},
		{fileUser, userColumns, &o.users},
		{fileAccount, accountColumns, &o.accounts},
		{fileContact, contactColumns, &o.contacts},
		{fileLead, leadColumns, &o.leads},
		{fileOpportunity, opportunityColumns, &o.opportunities},
		{fileTask, taskColumns, &o.tasks},
		{fileEvent, eventColumns, &o.events},
		{fileEventRelation, eventRelationColumns, &o.relations},
	}
	for _, f := range files {
		out, err := create(f.name)
		if err != nil {
			o.close()
			return nil, err
		}
		*f.into = newCSVWriter(f.name, out, f.columns)
		o.all = append(o.all, *f.into)
	}
	return o, nil
}

func (o *salesforceWriter) close() error {
	var errs []error
	for _, w := range o.all {
		errs = append(errs, w.close())
	}
	return errors.Join(errs...)
}

// recordID is the ID the Salesforce connector loads a record under.
func (o *salesforceWriter) recordID(id sfID) string { return id.String() }

// rows counts the rows written per file.
func (o *salesforceWriter) rows() map[string]int64 {
	out := map[string]int64{}
	for _, w := range o.all {
		out[w.name] = w.rows
	}
	return out
}

// roleRow is a row of UserRole.csv.
func (o *salesforceWriter) role(id sfID, name string, parent sfID, by sfID, modified time.Time) {
	w := o.roles
	w.id(id)
	w.str(name)
	w.lookup(parent)
	w.str(name)
	w.str("Edit")
	w.str("Edit")
	w.str("Edit")
	w.lookup(0)
	w.boolean(false)
	w.datetime(modified)
	w.id(by)
	w.datetime(modified)
	w.str(developerName(name))
	w.str("None")
	w.endRow()
}

func developerName(label string) string {
	b := make([]byte, 0, len(label))
	for _, c := range asciiFold.Replace(label) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b = append(b, byte(c))
		case len(b) > 0 && b[len(b)-1] != '_':
			b = append(b, '_')
		}
	}
	return string(b)
}

// userRow is what User.csv says of a person beyond the person.
type userRow struct {
	userType  string
	profileID sfID
	createdBy sfID
	lastLogin time.Time
	modified  time.Time
	employee  string
	division  string
	// reportsTo is the person's manager, whether or not the export's
	// manager field says so (Salesforce may leave it to the role
	// hierarchy); zero for the top of the hierarchy.
	reportsTo sfID
}

func (o *salesforceWriter) user(p *person, u userRow) {
	w := o.users
	alias := aliasOf(p.first, p.last)
	modified := u.modified
	if !p.active() {
		// Deactivating the user is the last change to the record: it is
		// how the audit knows when someone left.
		modified = p.left
	}
	country, tz, locale := "", "", "en_US"
	if p.region != nil {
		country, tz, locale = countryOf(p.region, p.city), p.region.timeZone, p.region.locale
	}
	w.id(p.id)
	w.str(p.email)
	w.str(p.last)
	w.str(p.first)
	w.str(p.name())
	w.str(orgName)
	w.str(u.division)
	w.str(p.department)
	w.str(p.title)
	w.str(p.city)
	w.str(country)
	w.str(p.email)
	w.str(alias)
	w.str(alias)
	w.boolean(p.active())
	w.str(tz)
	w.lookup(p.roleID)
	w.str(locale)
	w.str("UTF-8")
	w.id(u.profileID)
	w.str(u.userType)
	w.str("en_US")
	w.str(u.employee)
	w.lookup(p.managerID)
	w.datetime(u.lastLogin)
	w.datetime(p.joined)
	w.id(u.createdBy)
	w.datetime(modified)
	w.id(u.createdBy)
	w.datetime(modified)
	if p.region != nil {
		w.str(p.region.name)
	} else {
		w.empty()
	}
	w.endRow()
}

func countryOf(r *region, city string) string {
	for _, p := range r.places {
		if p.city == city {
			return p.country
		}
	}
	return r.places[0].country
}

func (o *salesforceWriter) account(a *account, createdBy sfID, region string) {
	w := o.accounts
	owner := a.ownerID()
	w.id(a.id)
	w.boolean(false)
	w.lookup(0)
	w.str(a.name)
	w.str(a.accountType)
	w.lookup(0)
	w.str(a.place.city)
	w.str(a.place.country)
	w.str(a.phone)
	w.str("www." + a.domain())
	w.str(a.industry)
	if a.revenue > 0 {
		w.amount(a.revenue)
	} else {
		w.empty()
	}
	if a.employees > 0 {
		w.int(int64(a.employees))
	} else {
		w.empty()
	}
	w.str("Private")
	w.str(a.rating)
	w.id(owner)
	w.datetime(a.created)
	w.id(createdBy)
	w.datetime(a.modified)
	w.id(owner)
	w.datetime(a.modified)
	w.empty()
	w.str(a.tier)
	w.str(region)
	w.endRow()
}

func (o *salesforceWriter) contact(c *contact, a *account) {
	w := o.contacts
	w.id(c.id)
	w.boolean(false)
	w.lookup(0)
	w.id(a.id)
	w.str(c.last)
	w.str(c.first)
	w.str(c.salutation)
	w.str(c.first + " " + c.last)
	w.str(c.title)
	w.str(emailLocal(c.first, c.last) + "@" + a.domain())
	w.str(a.phone)
	w.str(a.place.city)
	w.str(a.place.country)
	w.str("Trade Show")
	w.id(a.ownerID())
	w.datetime(c.created)
	w.id(a.ownerID())
	w.datetime(c.created)
	w.id(a.ownerID())
	w.datetime(c.created)
	w.empty()
	w.endRow()
}

func (o *salesforceWriter) lead(l *lead) {
	w := o.leads
	w.id(l.id)
	w.boolean(false)
	w.str(l.last)
	w.str(l.first)
	w.str(l.first + " " + l.last)
	w.str(l.company.name)
	w.str(l.title)
	w.str(emailLocal(l.first, l.last) + "@" + domainOf(l.company.short))
	w.str(l.country)
	w.str("Web")
	w.str("Working - Contacted")
	w.str("Warm")
	w.id(l.owner)
	w.boolean(false)
	w.empty()
	w.lookup(0)
	w.lookup(0)
	w.lookup(0)
	w.datetime(l.created)
	w.id(l.owner)
	w.datetime(l.created)
	w.datetime(l.created)
	w.endRow()
}

// stageFacts are the standard sales process's stages.
var stageFacts = map[string]struct {
	probability                    int
	forecastName, forecastCategory string
	isClosed, isWon                bool
}{
	"Prospecting":          {10, "Pipeline", "Pipeline", false, false},
	"Qualification":        {20, "Pipeline", "Pipeline", false, false},
	"Needs Analysis":       {40, "Pipeline", "Pipeline", false, false},
	"Proposal/Price Quote": {60, "Best Case", "BestCase", false, false},
	"Negotiation/Review":   {80, "Commit", "Forecast", false, false},
	"Closed Won":           {100, "Closed", "Closed", true, true},
	"Closed Lost":          {0, "Omitted", "Omitted", true, false},
}

var openStages = []string{"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"}

func (o *salesforceWriter) opportunity(d *deal, region string) {
	w := o.opportunities
	facts := stageFacts[d.stage]
	quarter := (int(d.close.Month())-1)/3 + 1
	w.id(d.id)
	w.boolean(false)
	w.id(d.account.id)
	w.boolean(false)
	w.str(d.name)
	w.str(d.description)
	w.str(d.stage)
	w.amount(d.amount)
	w.int(int64(facts.probability))
	w.amount(d.amount * float64(facts.probability) / 100)
	w.date(d.close)
	w.str(d.dealType)
	w.empty()
	w.str("Partner Referral")
	w.boolean(facts.isClosed)
	w.boolean(facts.isWon)
	w.str(facts.forecastCategory)
	w.str(facts.forecastName)
	w.lookup(0)
	w.boolean(false)
	w.lookup(0)
	w.id(d.owner)
	w.datetime(d.created)
	w.id(d.owner)
	w.datetime(d.modified)
	w.id(d.owner)
	w.datetime(d.modified)
	w.empty()
	w.int(int64(quarter))
	w.int(int64(d.close.Year()))
	w.str(itoa(d.close.Year()) + " " + itoa(quarter))
	w.str(region)
	w.endRow()
}

// taskRow is a row of Task.csv: a to-do, a logged call or an e-mail.
type taskRow struct {
	id, who, what, account, owner sfID
	subject                       subject
	due                           time.Time
	status, priority              string
	taskType, subtype             string
	closed                        bool
	created, completed            time.Time
	callSeconds                   int
	callType, disposition         string
	description                   string
}

func (o *salesforceWriter) task(t *taskRow) {
	w := o.tasks
	modified := t.created
	if !t.completed.IsZero() {
		modified = t.completed
	}
	w.id(t.id)
	w.lookup(t.who)
	w.lookup(t.what)
	w.int(count(t.who))
	w.int(count(t.what))
	w.subject(t.subject)
	w.date(t.due)
	w.safe(t.status)
	w.safe(t.priority)
	w.boolean(t.priority == "High")
	w.id(t.owner)
	w.str(t.description)
	w.safe(t.taskType)
	w.boolean(false)
	w.id(t.account)
	w.boolean(t.closed)
	w.datetime(t.created)
	w.id(t.owner)
	w.datetime(modified)
	w.id(t.owner)
	w.datetime(modified)
	w.boolean(false)
	if t.callSeconds > 0 {
		w.int(int64(t.callSeconds))
	} else {
		w.empty()
	}
	w.safe(t.callType)
	w.safe(t.disposition)
	w.empty()
	w.empty()
	w.boolean(false)
	w.lookup(0)
	w.boolean(false)
	w.safe(t.subtype)
	w.datetime(t.completed)
	w.safe(t.disposition)
	w.endRow()
}

// eventRow is a row of Event.csv.
type eventRow struct {
	id, who, what, account, owner sfID
	subject                       subject
	location                      string
	start                         time.Time
	minutes                       int
	eventType                     string
	group                         bool
	created                       time.Time
	description                   string
	meetingType                   string
}

func (o *salesforceWriter) event(e *eventRow) {
	w := o.events
	modified := e.created.Add(time.Duration(e.minutes) * time.Second)
	w.id(e.id)
	w.lookup(e.who)
	w.lookup(e.what)
	w.int(count(e.who))
	w.int(count(e.what))
	w.subject(e.subject)
	w.safe(e.location)
	w.boolean(false)
	w.datetime(e.start)
	w.date(e.start)
	w.int(int64(e.minutes))
	w.str(e.description)
	w.id(e.account)
	w.id(e.owner)
	w.safe(e.eventType)
	w.boolean(false)
	w.safe("Busy")
	w.boolean(false)
	w.boolean(false)
	w.boolean(e.group)
	if e.group {
		w.safe("1")
	} else {
		w.safe("0")
	}
	w.datetime(e.created)
	w.id(e.owner)
	w.datetime(modified)
	w.id(e.owner)
	w.datetime(modified)
	w.boolean(false)
	w.lookup(0)
	w.boolean(false)
	w.datetime(e.start.Add(-15 * time.Minute))
	w.boolean(true)
	w.safe("Event")
	w.safe(e.meetingType)
	w.endRow()
}

// relation writes an EventRelation row: an invitee (a user, contact or
// lead), the event's "who" (parent) or its "what" (the account or deal).
func (o *salesforceWriter) relation(id, eventID, relationID, accountID sfID, status string, invitee, parent, what bool, created time.Time, by sfID) {
	w := o.relations
	w.id(id)
	w.id(relationID)
	w.id(eventID)
	w.boolean(invitee)
	w.boolean(parent)
	w.boolean(what)
	if relationID.kind() == kindUser {
		w.empty()
	} else {
		w.id(accountID)
	}
	w.safe(status)
	if status == "Accepted" {
		w.datetime(created.Add(3 * time.Hour))
	} else {
		w.empty()
	}
	w.empty()
	w.datetime(created)
	w.id(by)
	w.datetime(created)
	w.id(by)
	w.datetime(created)
	w.boolean(false)
	w.endRow()
}

func count(id sfID) int64 {
	if id == 0 {
		return 0
	}
	return 1
}
