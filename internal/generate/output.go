package generate

import (
	"errors"
	"io"
	"time"

	"github.com/salesaudit/salesaudit/internal/crmexport/salesforcecsv"
)

// Export file names.
var (
	fileUser          = salesforcecsv.User.File
	fileTask          = salesforcecsv.Task.File
	fileEvent         = salesforcecsv.Event.File
	fileEventRelation = salesforcecsv.EventRelation.File
)

// salesforceWriter writes the Salesforce Data Export: one CSV writer per
// file, all open at once, so that every row is written as soon as it is
// made.
type salesforceWriter struct {
	roles, users, accounts, contacts, leads, opportunities, tasks, events, relations *csvFile
	all                                                                              []*csvFile
}

func openSalesforce(create func(name string) (io.WriteCloser, error)) (*salesforceWriter, error) {
	o := &salesforceWriter{}
	files := []struct {
		object salesforcecsv.Object
		into   **csvFile
	}{
		{salesforcecsv.UserRole, &o.roles},
		{salesforcecsv.User, &o.users},
		{salesforcecsv.Account, &o.accounts},
		{salesforcecsv.Contact, &o.contacts},
		{salesforcecsv.Lead, &o.leads},
		{salesforcecsv.Opportunity, &o.opportunities},
		{salesforcecsv.Task, &o.tasks},
		{salesforcecsv.Event, &o.events},
		{salesforcecsv.EventRelation, &o.relations},
	}
	for _, f := range files {
		out, err := create(f.object.File)
		if err != nil {
			o.close()
			return nil, err
		}
		*f.into = newCSVFile(out, f.object)
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
		out[w.name] = w.Rows()
	}
	return out
}

// roleRow is a row of UserRole.csv.
func (o *salesforceWriter) role(id sfID, name string, parent sfID, by sfID, modified time.Time) {
	w := o.roles
	w.id(id)
	w.String(name)
	w.id(parent)
	w.String(name)
	w.String("Edit")
	w.String("Edit")
	w.String("Edit")
	w.id(0)
	w.Bool(false)
	w.DateTime(modified)
	w.id(by)
	w.DateTime(modified)
	w.String(developerName(name))
	w.String("None")
	w.EndRow()
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
	w.String(p.email)
	w.String(p.last)
	w.String(p.first)
	w.String(p.name())
	w.String(orgName)
	w.String(u.division)
	w.String(p.department)
	w.String(p.title)
	w.String(p.city)
	w.String(country)
	w.String(p.email)
	w.String(alias)
	w.String(alias)
	w.Bool(p.active())
	w.String(tz)
	w.id(p.roleID)
	w.String(locale)
	w.String("UTF-8")
	w.id(u.profileID)
	w.String(u.userType)
	w.String("en_US")
	w.String(u.employee)
	w.id(p.managerID)
	w.DateTime(u.lastLogin)
	w.DateTime(p.joined)
	w.id(u.createdBy)
	w.DateTime(modified)
	w.id(u.createdBy)
	w.DateTime(modified)
	if p.region != nil {
		w.String(p.region.name)
	} else {
		w.String("")
	}
	w.EndRow()
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
	w.Bool(false)
	w.id(0)
	w.String(a.name)
	w.String(a.accountType)
	w.id(0)
	w.String("") // BillingStreet
	w.String(a.place.city)
	w.String("") // BillingPostalCode
	w.String(a.place.country)
	w.String(a.phone)
	w.String("www." + a.domain())
	w.String(a.industry)
	if a.revenue > 0 {
		w.Number(a.revenue)
	} else {
		w.String("")
	}
	if a.employees > 0 {
		w.Int(int64(a.employees))
	} else {
		w.String("")
	}
	w.String("Private")
	w.String(a.rating)
	w.id(owner)
	w.DateTime(a.created)
	w.id(createdBy)
	w.DateTime(a.modified)
	w.id(owner)
	w.DateTime(a.modified)
	w.String("")
	w.String(a.tier)
	w.String(region)
	w.EndRow()
}

func (o *salesforceWriter) contact(c *contact, a *account) {
	w := o.contacts
	w.id(c.id)
	w.Bool(false)
	w.id(0)
	w.id(a.id)
	w.String(c.last)
	w.String(c.first)
	w.String(c.salutation)
	w.String(c.first + " " + c.last)
	w.String(c.title)
	w.String(emailLocal(c.first, c.last) + "@" + a.domain())
	w.String(a.phone)
	w.String(a.place.city)
	w.String(a.place.country)
	w.String("Trade Show")
	w.id(a.ownerID())
	w.DateTime(c.created)
	w.id(a.ownerID())
	w.DateTime(c.created)
	w.id(a.ownerID())
	w.DateTime(c.created)
	w.String("")
	w.EndRow()
}

func (o *salesforceWriter) lead(l *lead) {
	w := o.leads
	w.id(l.id)
	w.Bool(false)
	w.String(l.last)
	w.String(l.first)
	w.String(l.first + " " + l.last)
	w.String(l.company.name)
	w.String(l.title)
	w.String(emailLocal(l.first, l.last) + "@" + domainOf(l.company.short))
	w.String(l.country)
	w.String("Web")
	w.String("Working - Contacted")
	w.String("Warm")
	w.id(l.owner)
	w.Bool(false)
	w.String("")
	w.id(0)
	w.id(0)
	w.id(0)
	w.DateTime(l.created)
	w.id(l.owner)
	w.DateTime(l.created)
	w.DateTime(l.created)
	w.EndRow()
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
	w.Bool(false)
	w.id(d.account.id)
	w.Bool(false)
	w.String(d.name)
	w.String(d.description)
	w.String(d.stage)
	w.Number(d.amount)
	w.Int(int64(facts.probability))
	w.Number(d.amount * float64(facts.probability) / 100)
	w.Date(d.close)
	w.String(d.dealType)
	w.String("")
	w.String("Partner Referral")
	w.Bool(facts.isClosed)
	w.Bool(facts.isWon)
	w.String(facts.forecastCategory)
	w.String(facts.forecastName)
	w.id(0)
	w.Bool(false)
	w.id(0)
	w.id(d.owner)
	w.DateTime(d.created)
	w.id(d.owner)
	w.DateTime(d.modified)
	w.id(d.owner)
	w.DateTime(d.modified)
	w.String("")
	w.Int(int64(quarter))
	w.Int(int64(d.close.Year()))
	w.String(itoa(d.close.Year()) + " " + itoa(quarter))
	w.String(region)
	w.EndRow()
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
	w.id(t.who)
	w.id(t.what)
	w.Int(count(t.who))
	w.Int(count(t.what))
	w.Join(t.subject.pre, t.subject.arg, t.subject.post)
	w.Date(t.due)
	w.String(t.status)
	w.String(t.priority)
	w.Bool(t.priority == "High")
	w.id(t.owner)
	w.String(t.description)
	w.String(t.taskType)
	w.Bool(false)
	w.id(t.account)
	w.Bool(t.closed)
	w.DateTime(t.created)
	w.id(t.owner)
	w.DateTime(modified)
	w.id(t.owner)
	w.DateTime(modified)
	w.Bool(false)
	if t.callSeconds > 0 {
		w.Int(int64(t.callSeconds))
	} else {
		w.String("")
	}
	w.String(t.callType)
	w.String(t.disposition)
	w.String("")
	w.String("")
	w.Bool(false)
	w.id(0)
	w.Bool(false)
	w.String(t.subtype)
	w.DateTime(t.completed)
	w.String(t.disposition)
	w.EndRow()
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
	w.id(e.who)
	w.id(e.what)
	w.Int(count(e.who))
	w.Int(count(e.what))
	w.Join(e.subject.pre, e.subject.arg, e.subject.post)
	w.String(e.location)
	w.Bool(false)
	w.DateTime(e.start)
	w.Date(e.start)
	w.Int(int64(e.minutes))
	w.String(e.description)
	w.id(e.account)
	w.id(e.owner)
	w.String(e.eventType)
	w.Bool(false)
	w.String("Busy")
	w.Bool(false)
	w.Bool(false)
	w.Bool(e.group)
	if e.group {
		w.String("1")
	} else {
		w.String("0")
	}
	w.DateTime(e.created)
	w.id(e.owner)
	w.DateTime(modified)
	w.id(e.owner)
	w.DateTime(modified)
	w.Bool(false)
	w.id(0)
	w.Bool(false)
	w.DateTime(e.start.Add(-15 * time.Minute))
	w.Bool(true)
	w.String("Event")
	w.String(e.meetingType)
	w.EndRow()
}

// relation writes an EventRelation row: an invitee (a user, contact or
// lead), the event's "who" (parent) or its "what" (the account or deal).
func (o *salesforceWriter) relation(id, eventID, relationID, accountID sfID, status string, invitee, parent, what bool, created time.Time, by sfID) {
	w := o.relations
	w.id(id)
	w.id(relationID)
	w.id(eventID)
	w.Bool(invitee)
	w.Bool(parent)
	w.Bool(what)
	if relationID.kind() == kindUser {
		w.String("")
	} else {
		w.id(accountID)
	}
	w.String(status)
	if status == "Accepted" {
		w.DateTime(created.Add(3 * time.Hour))
	} else {
		w.String("")
	}
	w.String("")
	w.DateTime(created)
	w.id(by)
	w.DateTime(created)
	w.id(by)
	w.DateTime(created)
	w.Bool(false)
	w.EndRow()
}

func count(id sfID) int64 {
	if id == 0 {
		return 0
	}
	return 1
}
