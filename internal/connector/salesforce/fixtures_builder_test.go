package salesforce

import (
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/internal/crmexport/salesforcecsv"
)

// exportBuilder writes the rows of one generated Data Export.
type exportBuilder struct {
	rng *connectortest.Rand
	ids *idMaker
	// exportedAt is when the export ran: the latest modification time.
	exportedAt time.Time

	roles, users, accounts, contacts, leads, opportunities, opportunityHistory,
	tasks, events, eventRelations *sfTable

	// eventList holds every event added, with its relations.
	eventList []*eventRows

	// createdBy is the user who created setup records (the admin).
	createdBy string
	profileID string
}

func newExportBuilder(seed uint64, exportedAt time.Time) *exportBuilder {
	r := connectortest.NewRand(seed)
	b := &exportBuilder{
		rng:                r,
		ids:                newIDMaker(r),
		exportedAt:         exportedAt,
		roles:              newTable(salesforcecsv.UserRole),
		users:              newTable(salesforcecsv.User),
		accounts:           newTable(salesforcecsv.Account),
		contacts:           newTable(salesforcecsv.Contact),
		leads:              newTable(salesforcecsv.Lead),
		opportunities:      newTable(salesforcecsv.Opportunity),
		opportunityHistory: newTable(salesforcecsv.OpportunityHistory),
		tasks:              newTable(salesforcecsv.Task),
		events:             newTable(salesforcecsv.Event),
		eventRelations:     newTable(salesforcecsv.EventRelation),
	}
	b.createdBy = b.ids.next("005") // the org's first admin, created with the org
	b.profileID = b.ids.next("00e")
	return b
}

// modified is a plausible last-modification time after created.
func (b *exportBuilder) modified(created time.Time) time.Time {
	if created.IsZero() {
		return created
	}
	span := b.exportedAt.Sub(created)
	if span <= 0 {
		return created
	}
	return created.Add(time.Duration(b.rng.Float() * float64(span) / 4)).Truncate(time.Second)
}

func (b *exportBuilder) addRole(name, parentID string) string {
	id := b.ids.next("00E")
	modified := time.Date(2024, 11, 4, 9, 12, 40, 0, time.UTC)
	b.roles.add(map[string]any{
		"Id": id, "Name": name, "ParentRoleId": parentID, "RollupDescription": name,
		"OpportunityAccessForAccountOwner": "Edit", "CaseAccessForAccountOwner": "Edit",
		"ContactAccessForAccountOwner": "Edit", "MayForecastManagerShare": false,
		"LastModifiedDate": modified, "LastModifiedById": b.createdBy, "SystemModstamp": modified,
		"DeveloperName": developerName(name), "PortalType": "None",
	}).Skip = skipRoleDefinition
	return id
}

func developerName(label string) string {
	return strings.NewReplacer(" ", "_", "&", "and", "-", "_").Replace(asciiFold(label))
}

type userSpec struct {
	id                                    string // made up when empty
	first, last, title, department, email string
	roleID, managerID, userType, region   string
	city, country, locale, timeZone       string
	active                                bool
	created, lastModified, lastLogin      time.Time
}

func (b *exportBuilder) addUser(u userSpec) *sfRow {
	if u.id == "" {
		u.id = b.ids.next("005")
	}
	if u.userType == "" {
		u.userType = "Standard"
	}
	if u.lastModified.IsZero() {
		u.lastModified = b.modified(u.created)
	}
	alias := strings.ToLower(asciiFold(firstRune(u.first) + u.last))
	if len(alias) > 8 {
		alias = alias[:8]
	}
	r := b.users.add(map[string]any{
		"Id": u.id, "Username": u.email + ".acme", "LastName": u.last, "FirstName": u.first,
		"Name": strings.TrimSpace(u.first + " " + u.last), "CompanyName": "Acme Industrial Supplies",
		"Division": "EMEA", "Department": u.department, "Title": u.title, "City": u.city, "Country": u.country,
		"Email": u.email, "Alias": alias, "CommunityNickname": alias, "IsActive": u.active,
		"TimeZoneSidKey": u.timeZone, "UserRoleId": u.roleID, "LocaleSidKey": u.locale, "EmailEncodingKey": "UTF-8",
		"ProfileId": b.profileID, "UserType": u.userType, "LanguageLocaleKey": "en_US", "ManagerId": u.managerID,
		"LastLoginDate": u.lastLogin, "CreatedDate": u.created, "CreatedById": b.createdBy,
		"LastModifiedDate": u.lastModified, "LastModifiedById": b.createdBy, "SystemModstamp": u.lastModified,
		"Region__c": u.region,
	})
	if u.userType != "Standard" {
		r.Skip = "not a person: UserType=" + u.userType
	}
	return r
}

type accountSpec struct {
	name, accountType, industry, rating, tier, region string
	ownerID, street, city, postalCode, country        string
	revenue                                           *float64
	employees                                         int
	created                                           time.Time
	deleted                                           bool
}

func (b *exportBuilder) addAccount(a accountSpec) string {
	id := b.ids.next("001")
	modified := b.modified(a.created)
	employees := any(nil)
	if a.employees > 0 {
		employees = a.employees
	}
	r := b.accounts.add(map[string]any{
		"Id": id, "IsDeleted": a.deleted, "Name": a.name, "Type": a.accountType, "BillingStreet": a.street,
		"BillingCity": a.city, "BillingPostalCode": a.postalCode, "BillingCountry": a.country,
		"Phone": b.phone(a.country), "Website": "www." + domainOf(a.name), "Industry": a.industry,
		"AnnualRevenue": a.revenue, "NumberOfEmployees": employees, "Ownership": "Private", "Rating": a.rating,
		"OwnerId": a.ownerID, "CreatedDate": a.created, "CreatedById": b.createdBy, "LastModifiedDate": modified,
		"LastModifiedById": a.ownerID, "SystemModstamp": modified, "Tier__c": a.tier, "Region__c": a.region,
	})
	if a.deleted {
		r.Skip = skipDeleted
	}
	return id
}

type contactSpec struct {
	accountID, first, last, salutation, title, email, ownerID, city, country string
	created                                                                  time.Time
}

func (b *exportBuilder) addContact(c contactSpec) string {
	id := b.ids.next("003")
	modified := b.modified(c.created)
	b.contacts.add(map[string]any{
		"Id": id, "IsDeleted": false, "AccountId": c.accountID, "LastName": c.last, "FirstName": c.first,
		"Salutation": c.salutation, "Name": c.first + " " + c.last, "Title": c.title, "Email": c.email,
		"Phone": b.phone(c.country), "MailingCity": c.city, "MailingCountry": c.country, "LeadSource": "Trade Show",
		"OwnerId": c.ownerID, "CreatedDate": c.created, "CreatedById": c.ownerID, "LastModifiedDate": modified,
		"LastModifiedById": c.ownerID, "SystemModstamp": modified,
	})
	return id
}

type leadSpec struct {
	first, last, company, title, email, country, ownerID string
	created                                              time.Time
}

func (b *exportBuilder) addLead(l leadSpec) string {
	id := b.ids.next("00Q")
	modified := b.modified(l.created)
	b.leads.add(map[string]any{
		"Id": id, "IsDeleted": false, "LastName": l.last, "FirstName": l.first, "Name": l.first + " " + l.last,
		"Company": l.company, "Title": l.title, "Email": l.email, "Country": l.country, "LeadSource": "Web",
		"Status": "Working - Contacted", "Rating": "Warm", "OwnerId": l.ownerID, "IsConverted": false,
		"CreatedDate": l.created, "CreatedById": l.ownerID, "LastModifiedDate": modified, "SystemModstamp": modified,
	})
	return id
}

type opportunitySpec struct {
	accountID, ownerID, name, stage, oppType, region, description string
	amount                                                        *float64
	closeDate                                                     sfDate
	created                                                       time.Time
	deleted                                                       bool
}

// stageFacts are the standard sales process's stages.
var stageFacts = map[string]struct {
	probability      int
	forecast         string
	isClosed, isWon  bool
	forecastCategory string
}{
	"Prospecting":          {10, "Pipeline", false, false, "Pipeline"},
	"Qualification":        {20, "Pipeline", false, false, "Pipeline"},
	"Needs Analysis":       {40, "Pipeline", false, false, "Pipeline"},
	"Proposal/Price Quote": {60, "Best Case", false, false, "BestCase"},
	"Negotiation/Review":   {80, "Commit", false, false, "Forecast"},
	"Closed Won":           {100, "Closed", true, true, "Closed"},
	"Closed Lost":          {0, "Omitted", true, false, "Omitted"},
}

func (b *exportBuilder) addOpportunity(o opportunitySpec) string {
	id := b.ids.next("006")
	facts := stageFacts[o.stage]
	var expected any
	if o.amount != nil {
		expected = *o.amount * float64(facts.probability) / 100
	}
	modified := b.modified(o.created)
	quarter := (int(o.closeDate.Month())-1)/3 + 1
	r := b.opportunities.add(map[string]any{
		"Id": id, "IsDeleted": o.deleted, "AccountId": o.accountID, "IsPrivate": false, "Name": o.name,
		"Description": o.description, "StageName": o.stage, "Amount": o.amount, "Probability": facts.probability,
		"ExpectedRevenue": expected, "CloseDate": o.closeDate, "Type": o.oppType, "LeadSource": "Partner Referral",
		"IsClosed": facts.isClosed, "IsWon": facts.isWon, "ForecastCategory": facts.forecastCategory,
		"ForecastCategoryName": facts.forecast, "HasOpportunityLineItem": false, "OwnerId": o.ownerID,
		"CreatedDate": o.created, "CreatedById": o.ownerID, "LastModifiedDate": modified,
		"LastModifiedById": o.ownerID, "SystemModstamp": modified, "FiscalQuarter": quarter,
		"FiscalYear": o.closeDate.Year(), "Fiscal": strings.Join([]string{itoa(o.closeDate.Year()), itoa(quarter)}, " "),
		"Region__c": o.region,
	})
	if o.deleted {
		r.Skip = skipDeleted
	}
	return id
}

type historySpec struct {
	opportunityID, createdByID, stage string
	amount                            *float64
	closeDate, prevCloseDate          sfDate
	created                           time.Time
}

func (b *exportBuilder) addOpportunityHistory(h historySpec) {
	facts := stageFacts[h.stage]
	b.opportunityHistory.add(map[string]any{
		"Id": b.ids.next("008"), "OpportunityId": h.opportunityID, "CreatedById": h.createdByID,
		"CreatedDate": h.created, "StageName": h.stage, "Amount": h.amount, "CloseDate": h.closeDate,
		"PrevCloseDate": h.prevCloseDate, "Probability": facts.probability,
		"ForecastCategory": facts.forecastCategory, "SystemModstamp": h.created, "IsDeleted": false,
	})
}

type taskSpec struct {
	ownerID, subject, status, priority, taskType, subtype string
	whoID, whatID, accountID, description, createdByID    string
	callType, disposition, callOutcome                    string
	due                                                   sfDate
	completed, created                                    time.Time
	callSeconds                                           int
	deleted                                               bool
}

func (b *exportBuilder) addTask(t taskSpec) *sfRow {
	id := b.ids.next("00T")
	if t.createdByID == "" {
		t.createdByID = t.ownerID
	}
	closed := t.status == "Completed"
	modified := t.created
	if !t.completed.IsZero() {
		modified = t.completed.Add(time.Duration(b.rng.Intn(3600)) * time.Second)
	}
	values := map[string]any{
		"Id": id, "WhoId": t.whoID, "WhatId": t.whatID, "WhoCount": countOf(t.whoID), "WhatCount": countOf(t.whatID),
		"Subject": t.subject, "ActivityDate": t.due, "Status": t.status, "Priority": t.priority,
		"IsHighPriority": t.priority == "High", "OwnerId": t.ownerID, "Description": t.description,
		"Type": t.taskType, "IsDeleted": t.deleted, "AccountId": t.accountID, "IsClosed": closed,
		"CreatedDate": t.created, "CreatedById": t.createdByID, "LastModifiedDate": modified,
		"LastModifiedById": t.ownerID, "SystemModstamp": modified, "IsArchived": false, "IsReminderSet": false,
		"IsRecurrence": false, "TaskSubtype": t.subtype, "CompletedDateTime": t.completed,
		"CallType": t.callType, "CallDisposition": t.disposition, "Call_Outcome__c": t.callOutcome,
	}
	if t.callSeconds > 0 {
		values["CallDurationInSeconds"] = t.callSeconds
	}
	r := b.tasks.add(values)
	if t.deleted {
		r.Skip = skipDeleted
	}
	return r
}

// invitee is a user, contact or lead invited to an event.
type invitee struct {
	id, status string
}

type eventSpec struct {
	ownerID, subject, location, eventType, description, meetingType string
	whoID, whatID, accountID                                        string
	start                                                           time.Time
	minutes                                                         int
	allDay, group, child, private                                   bool
	invitees                                                        []invitee
	// rejectField makes the event a planted reject (broken fixture).
	rejectField string
	// override replaces generated values (broken fixture).
	override map[string]any
}

// eventRows are an event's row and its EventRelation rows.
type eventRows struct {
	spec      eventSpec
	event     *sfRow
	relations []*sfRow
}

func (b *exportBuilder) addEvent(e eventSpec) *eventRows {
	id := b.ids.next("00U")
	created := e.start.Add(-time.Duration(b.rng.Between(1, 14*24)) * time.Hour)
	if e.allDay {
		created = e.start.Add(-30 * 24 * time.Hour)
	}
	modified := created.Add(time.Duration(b.rng.Intn(7200)) * time.Second)
	activityDateTime := any(e.start)
	if e.allDay {
		// Salesforce leaves ActivityDateTime empty for all-day events.
		activityDateTime = nil
	}
	values := map[string]any{
		"Id": id, "WhoId": e.whoID, "WhatId": e.whatID, "WhoCount": countOf(e.whoID), "WhatCount": countOf(e.whatID),
		"Subject": e.subject, "Location": e.location, "IsAllDayEvent": e.allDay, "ActivityDateTime": activityDateTime,
		"ActivityDate": sfDate{e.start.Truncate(24 * time.Hour)}, "DurationInMinutes": e.minutes,
		"Description": e.description, "AccountId": e.accountID, "OwnerId": e.ownerID, "Type": e.eventType,
		"IsPrivate": e.private, "ShowAs": "Busy", "IsDeleted": false, "IsChild": e.child, "IsGroupEvent": e.group || e.child,
		"GroupEventType": groupEventType(e.group || e.child), "CreatedDate": created, "CreatedById": e.ownerID,
		"LastModifiedDate": modified, "LastModifiedById": e.ownerID, "SystemModstamp": modified, "IsArchived": false,
		"IsRecurrence": false, "IsReminderSet": !e.allDay, "EventSubtype": "Event", "Meeting_Type__c": e.meetingType,
	}
	if !e.allDay {
		values["ReminderDateTime"] = e.start.Add(-15 * time.Minute)
	}
	for k, v := range e.override {
		values[k] = v
	}
	rows := &eventRows{spec: e, event: b.events.add(values)}
	b.eventList = append(b.eventList, rows)
	switch {
	case e.child:
		rows.event.Skip = skipChildEvent
		return rows // a child copy has no relations of its own
	case e.rejectField != "":
		rows.event.rejectOn(e.rejectField)
	}
	for _, inv := range e.invitees {
		rows.relations = append(rows.relations, b.addRelation(id, inv.id, e.accountID, inv.status, true, false, false, created))
	}
	if e.whoID != "" {
		rows.relations = append(rows.relations, b.addRelation(id, e.whoID, e.accountID, "", false, true, false, created))
	}
	if e.whatID != "" {
		rows.relations = append(rows.relations, b.addRelation(id, e.whatID, e.accountID, "", false, true, true, created))
	}
	if e.rejectField != "" {
		for _, r := range rows.relations {
			r.Skip = skipUnloadedEvent
		}
	}
	return rows
}

func (b *exportBuilder) addRelation(eventID, relationID, accountID, status string, invitee, parent, what bool, created time.Time) *sfRow {
	var responded any
	if status == "Accepted" || status == "Declined" {
		responded = created.Add(time.Duration(b.rng.Between(1, 48)) * time.Hour)
	}
	if strings.HasPrefix(relationID, prefixUser) {
		accountID = ""
	}
	r := b.eventRelations.add(map[string]any{
		"Id": b.ids.next("0RE"), "RelationId": relationID, "EventId": eventID, "IsInvitee": invitee,
		"IsParent": parent, "IsWhat": what, "AccountId": accountID, "Status": status, "RespondedDate": responded,
		"CreatedDate": created, "CreatedById": b.createdBy, "LastModifiedDate": created,
		"LastModifiedById": b.createdBy, "SystemModstamp": created, "IsDeleted": false,
	})
	if what {
		r.Skip = skipWhatRelation
	}
	return r
}

// markDeleted turns an event into one deleted in Salesforce. Its relations
// are either deleted with it or, as some exports keep them, left behind:
// then the connector must skip them because their event is not loaded.
func (er *eventRows) markDeleted(relationsToo bool) {
	er.event.values["IsDeleted"] = true
	er.event.Skip = skipDeleted
	for _, r := range er.relations {
		if relationsToo {
			r.values["IsDeleted"] = true
			r.Skip = skipDeleted
		} else {
			r.Skip = skipUnloadedEvent
		}
	}
}

func groupEventType(group bool) string {
	if group {
		return "1"
	}
	return "0"
}

func countOf(id string) int {
	if id == "" {
		return 0
	}
	return 1
}

func (b *exportBuilder) phone(country string) string {
	codes := map[string]string{"Netherlands": "+31", "Belgium": "+32", "Germany": "+49", "Austria": "+43",
		"Switzerland": "+41", "Spain": "+34", "France": "+33", "Portugal": "+351", "Brazil": "+55",
		"United Kingdom": "+44", "Ireland": "+353"}
	return codes[country] + " " + itoa(b.rng.Between(10, 99)) + " " + itoa(b.rng.Between(1000000, 9999999))
}

func domainOf(company string) string {
	words := strings.Fields(asciiFold(company))
	name := strings.ToLower(words[0])
	if len(words) > 1 && len(name) < 6 {
		name += strings.ToLower(words[1])
	}
	return strings.ReplaceAll(strings.Trim(name, ".,&"), "'", "") + ".example"
}

var foldReplacer = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss",
	"á", "a", "à", "a", "â", "a", "ã", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ï", "i", "î", "i", "ó", "o", "ô", "o", "õ", "o", "ú", "u", "û", "u",
	"ñ", "n", "ç", "c", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ñ", "N", "Ç", "C",
)

// asciiFold drops accents, for e-mail addresses and API names.
func asciiFold(s string) string { return foldReplacer.Replace(s) }

func emailOf(first, last, domain string) string {
	local := strings.ToLower(asciiFold(first) + "." + strings.ReplaceAll(asciiFold(last), " ", ""))
	return strings.ReplaceAll(local, "'", "") + "@" + domain
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

func amount(v float64) *float64 { return &v }
