package generate

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/crmexport/hubspotapi"
)

// FormatHubSpot is a HubSpot export: saved CRM v3 API pages of owners,
// companies, deals, meetings, calls, tasks and e-mails, and the manager
// mapping HubSpot itself does not keep (owner-managers.csv).
const FormatHubSpot = "hubspot"

// writeBufferSize is the buffer of each file written.
const writeBufferSize = 256 << 10

// hubspotPageSize is how many records a saved page holds: the API's
// limit=100.
const hubspotPageSize = 100

// hubspotHierarchyFile is the manager mapping the HubSpot connector looks
// for in the export.
const hubspotHierarchyFile = "owner-managers.csv"

// hubspotID is a generator ID as HubSpot would number the record: a
// number. The kind goes in the low bits so that a meeting and a task,
// which the connector loads as the same kind of record, never share one.
func hubspotID(id sfID) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatUint(id.counter()<<4|uint64(id.kind()), 10)
}

// hubspotWriter writes the HubSpot export. What HubSpot cannot say is
// said the way that means the same to the audit: leads (HubSpot has none)
// are contacts with no company, an invitee who declined is left out of
// the meeting's attendees, a Teams call with a rep (an event of type Call
// in Salesforce) is a meeting, as HubSpot's calendar sync logs it.
// Contacts are not written: the connector does not read them, and
// activities name them by ID in their associations.
type hubspotWriter struct {
	owners, archivedOwners, companies, deals *pager
	meetings, calls, tasks, emails           *pager
	all                                      []*pager
	hierarchy                                *hierarchyWriter
	// teams are the role names by role ID: an owner's primary team.
	teams map[sfID]string
	// meeting is the event written last, held until its relations are
	// in: a meeting record carries its attendees.
	meeting *pendingMeeting
	err     error
}

func newHubSpotWriter(create func(name string) (io.WriteCloser, error)) *hubspotWriter {
	h := &hubspotWriter{teams: map[sfID]string{}, hierarchy: &hierarchyWriter{create: create}}
	for _, p := range []struct {
		into         **pager
		name, object string
	}{
		{&h.owners, "owners", "owners"}, {&h.archivedOwners, "owners-archived", "owners"},
		{&h.companies, "companies", "objects/companies"}, {&h.deals, "deals", "objects/deals"},
		{&h.meetings, "meetings", "objects/meetings"}, {&h.calls, "calls", "objects/calls"},
		{&h.tasks, "tasks", "objects/tasks"}, {&h.emails, "emails", "objects/emails"},
	} {
		*p.into = &pager{create: create, name: p.name, object: p.object}
		h.all = append(h.all, *p.into)
	}
	return h
}

func (h *hubspotWriter) recordID(id sfID) string { return hubspotID(id) }

func (h *hubspotWriter) rows() map[string]int64 {
	out := map[string]int64{hubspotHierarchyFile: h.hierarchy.rows}
	for _, p := range h.all {
		out[p.name] = p.records
	}
	return out
}

func (h *hubspotWriter) close() error {
	h.flushMeeting()
	var firstErr error
	for _, p := range h.all {
		if err := p.close(); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := h.hierarchy.close(); err != nil && firstErr == nil {
		firstErr = err
	}
	if h.err != nil && firstErr == nil {
		firstErr = h.err
	}
	return firstErr
}

// role keeps the role's name: HubSpot has no roles, but an owner's
// primary team stands for one.
func (h *hubspotWriter) role(id sfID, name string, _, _ sfID, _ time.Time) {
	h.teams[id] = name
}

// user writes an owner: a person who left is an archived owner, last
// updated when they left, which is how the connector knows when. Only
// people are owners: the automated process user is not written.
func (h *hubspotWriter) user(p *person, u userRow) {
	h.flushMeeting()
	if u.userType != "Standard" {
		return
	}
	userID := int64(10_000_000 + p.id.counter()%90_000_000)
	o := hubspotapi.Owner{ID: hubspotID(p.id), Email: p.email, Type: "PERSON", FirstName: p.first, LastName: p.last,
		UserID: userID, UserIDIncludingInactive: userID, CreatedAt: hubspotapi.Time(p.joined),
		UpdatedAt: hubspotapi.Time(u.modified), Archived: !p.active()}
	out := h.owners
	if o.Archived {
		o.UpdatedAt, out = hubspotapi.Time(p.left), h.archivedOwners
	} else if team, ok := h.teams[p.roleID]; ok {
		// A deactivated user keeps no team.
		o.Teams = []hubspotapi.Team{{ID: hubspotID(p.roleID), Name: team, Primary: true}}
	}
	out.add(o)
	if u.reportsTo != 0 {
		h.hierarchy.add(hubspotID(p.id), hubspotID(u.reportsTo))
	}
}

// newObject is a record of one of the API's objects, with the properties
// the audit reads all null until set.
func newObject(id sfID, created, updated time.Time, properties []string) hubspotapi.Object {
	return hubspotapi.NewObject(hubspotID(id), created, updated, properties)
}

// associateRecord associates an activity with its account and with the
// deal or contact it names.
func associateRecord(o *hubspotapi.Object, singular string, account, what, who sfID) {
	o.Associate("companies", singular+"_to_company", hubspotID(account))
	if what.kind() == kindOpportunity {
		o.Associate("deals", singular+"_to_deal", hubspotID(what))
	}
	if k := who.kind(); k == kindContact || k == kindLead {
		o.Associate("contacts", singular+"_to_contact", hubspotID(who))
	}
}

// hubspotTier is a tier's internal value in HubSpot's ideal customer
// profile property: "Tier 1" is "tier1".
func hubspotTier(label string) string {
	return strings.ToLower(strings.ReplaceAll(label, " ", ""))
}

// hubspotLifecycle is the lifecycle stage closest to an account type.
var hubspotLifecycle = map[string]string{"Customer": "customer", "Prospect": "lead"}

// account writes a company. The tier goes in hs_ideal_customer_profile
// as the API returns it: HubSpot's internal value ("tier1" for the label
// "Tier 1"), which the audit matches to its "Tier 1" key-account tier.
func (h *hubspotWriter) account(a *account, _ sfID, region string) {
	h.flushMeeting()
	o := newObject(a.id, a.created, a.modified, hubspotapi.CompanyProperties)
	p := o.Properties
	p["name"], p["domain"], p["hubspot_owner_id"] = hubspotapi.Value(a.name), hubspotapi.Value("www."+a.domain()), hubspotapi.Value(hubspotID(a.ownerID()))
	p["annualrevenue"], p["numberofemployees"] = nil, nil
	if a.revenue > 0 {
		p["annualrevenue"] = hubspotapi.Value(hubspotapi.Number(a.revenue))
	}
	if a.employees > 0 {
		p["numberofemployees"] = hubspotapi.Value(strconv.Itoa(a.employees))
	}
	p["lifecyclestage"], p["industry"], p["hs_ideal_customer_profile"] = hubspotapi.Value(hubspotLifecycle[a.accountType]), hubspotapi.Value(a.industry), hubspotapi.Value(hubspotTier(a.tier))
	p["city"], p["country"], p["phone"], p["region"] = hubspotapi.Value(a.place.city), hubspotapi.Value(a.place.country), hubspotapi.Value(a.phone), hubspotapi.Value(region)
	p["createdate"], p["hs_lastmodifieddate"] = hubspotapi.Value(hubspotapi.Time(a.created)), hubspotapi.Value(hubspotapi.Time(a.modified))
	h.companies.add(o)
}

// contact writes nothing: see hubspotWriter.
func (h *hubspotWriter) contact(*contact, *account) {}

// lead writes nothing: HubSpot has no leads. Activities with a lead name
// it as a contact with no company.
func (h *hubspotWriter) lead(*lead) {}

// hubspotStages are the default sales pipeline's stages for the
// standard Salesforce ones.
var hubspotStages = map[string]string{
	"Prospecting": "appointmentscheduled", "Qualification": "qualifiedtobuy", "Needs Analysis": "presentationscheduled",
	"Proposal/Price Quote": "decisionmakerboughtin", "Negotiation/Review": "contractsent",
	"Closed Won": "closedwon", "Closed Lost": "closedlost",
}

func (h *hubspotWriter) opportunity(d *deal, _ string) {
	h.flushMeeting()
	facts := stageFacts[d.stage]
	o := newObject(d.id, d.created, d.modified, hubspotapi.DealProperties)
	p := o.Properties
	p["dealname"], p["amount"], p["dealstage"], p["pipeline"] = hubspotapi.Value(d.name), hubspotapi.Value(hubspotapi.Number(d.amount)), hubspotapi.Value(hubspotStages[d.stage]), hubspotapi.Value("default")
	p["closedate"], p["createdate"], p["hubspot_owner_id"] = hubspotapi.Value(hubspotapi.Time(d.close)), hubspotapi.Value(hubspotapi.Time(d.created)), hubspotapi.Value(hubspotID(d.owner))
	p["hs_is_closed_won"], p["hs_is_closed"] = hubspotapi.Value(strconv.FormatBool(facts.isWon)), hubspotapi.Value(strconv.FormatBool(facts.isClosed))
	p["hs_is_closed_lost"] = hubspotapi.Value(strconv.FormatBool(facts.isClosed && !facts.isWon))
	p["hs_deal_stage_probability"], p["dealtype"] = hubspotapi.Value(strconv.FormatFloat(float64(facts.probability)/100, 'f', -1, 64)), hubspotapi.Value(d.dealType)
	p["description"], p["hs_lastmodifieddate"] = hubspotapi.Value(d.description), hubspotapi.Value(hubspotapi.Time(d.modified))
	o.Associate("companies", "deal_to_company", hubspotID(d.account.id))
	h.deals.add(o)
}

// task writes a Salesforce task as what HubSpot logs it as: a call, an
// e-mail or a to-do.
func (h *hubspotWriter) task(t *taskRow) {
	h.flushMeeting()
	switch t.subtype {
	case "Call":
		h.call(t)
	case "Email":
		h.email(t)
	default:
		h.todo(t)
	}
}

// engagement is what every engagement has: owner, times, associations.
func engagement(id, owner sfID, at, created time.Time, properties []string) hubspotapi.Object {
	o := newObject(id, created, created.Add(90*time.Second), properties)
	p := o.Properties
	p["hs_timestamp"], p["hubspot_owner_id"] = hubspotapi.Value(hubspotapi.Time(at)), hubspotapi.Value(hubspotID(owner))
	p["hs_createdate"], p["hs_lastmodifieddate"] = hubspotapi.Value(hubspotapi.Time(created)), hubspotapi.Value(hubspotapi.Time(created.Add(90*time.Second)))
	return o
}

// loggedAt is when a logged call or e-mail happened.
func (t *taskRow) loggedAt() time.Time {
	if !t.completed.IsZero() {
		return t.completed
	}
	return t.created
}

func (h *hubspotWriter) call(t *taskRow) {
	o := engagement(t.id, t.owner, t.loggedAt(), t.created, hubspotapi.CallProperties)
	p := o.Properties
	p["hs_call_title"], p["hs_call_duration"] = hubspotapi.Value(t.subject.text()), hubspotapi.Value(strconv.Itoa(t.callSeconds*1000))
	p["hs_call_direction"], p["hs_call_status"] = hubspotapi.Value(strings.ToUpper(t.callType)), hubspotapi.Value("COMPLETED")
	p["hs_call_body"], p["hs_activity_type"] = hubspotapi.Value(t.description), nil
	associateRecord(&o, "call", t.account, t.what, t.who)
	h.calls.add(o)
}

func (h *hubspotWriter) email(t *taskRow) {
	o := engagement(t.id, t.owner, t.loggedAt(), t.created, hubspotapi.EmailProperties)
	p := o.Properties
	// Salesforce's "Email:" marks a logged e-mail; HubSpot's subject is
	// the e-mail's own.
	p["hs_email_subject"] = hubspotapi.Value(strings.TrimPrefix(t.subject.text(), "Email: "))
	p["hs_email_direction"], p["hs_email_status"] = hubspotapi.Value("EMAIL"), hubspotapi.Value("SENT")
	associateRecord(&o, "email", t.account, t.what, t.who)
	h.emails.add(o)
}

// hubspotTaskStatuses are HubSpot's task statuses for Salesforce's.
var hubspotTaskStatuses = map[string]string{
	"Completed": "COMPLETED", "In Progress": "IN_PROGRESS", "Not Started": "NOT_STARTED",
	"Waiting on someone else": "WAITING", "Deferred": "DEFERRED",
}

// hubspotPriorities are HubSpot's task priorities for Salesforce's.
var hubspotPriorities = map[string]string{"High": "HIGH", "Normal": "MEDIUM", "Low": "LOW"}

// todo writes a to-do: hs_timestamp is its due date, and a completed one
// has its completion date.
func (h *hubspotWriter) todo(t *taskRow) {
	o := engagement(t.id, t.owner, t.due, t.created, hubspotapi.TaskProperties)
	p := o.Properties
	p["hs_task_subject"], p["hs_task_status"] = hubspotapi.Value(t.subject.text()), hubspotapi.Value(hubspotTaskStatuses[t.status])
	p["hs_task_priority"], p["hs_task_type"] = hubspotapi.Value(hubspotPriorities[t.priority]), hubspotapi.Value("TODO")
	p["hs_task_completion_date"], p["hs_task_body"] = nil, hubspotapi.Value(t.description)
	if !t.completed.IsZero() {
		p["hs_task_completion_date"] = hubspotapi.Value(hubspotapi.Time(t.completed))
	}
	associateRecord(&o, "task", t.account, t.what, t.who)
	h.tasks.add(o)
}

// pendingMeeting is a meeting waiting for its attendees.
type pendingMeeting struct {
	object    hubspotapi.Object
	attendees []string
}

// event starts a meeting; its relations add the attendees and contacts,
// and it is written when the next record comes.
func (h *hubspotWriter) event(e *eventRow) {
	h.flushMeeting()
	end := e.start.Add(time.Duration(e.minutes) * time.Minute)
	o := engagement(e.id, e.owner, e.start, e.created, hubspotapi.MeetingProperties)
	p := o.Properties
	p["hs_meeting_title"], p["hs_meeting_start_time"], p["hs_meeting_end_time"] = hubspotapi.Value(e.subject.text()), hubspotapi.Value(hubspotapi.Time(e.start)), hubspotapi.Value(hubspotapi.Time(end))
	p["hs_meeting_outcome"], p["hs_activity_type"], p["hs_meeting_location"] = hubspotapi.Value("COMPLETED"), hubspotapi.Value(e.meetingType), hubspotapi.Value(e.location)
	p["hs_meeting_body"], p["hs_internal_meeting_notes"] = hubspotapi.Value(e.description), nil
	associateRecord(&o, "meeting_event", e.account, e.what, e.who)
	h.meeting = &pendingMeeting{object: o, attendees: []string{hubspotID(e.owner)}}
}

// relation adds an invitee or a contact to the meeting being written. An
// invitee who declined is left out: HubSpot lists only who takes part.
// The account and the deal are the event's own.
func (h *hubspotWriter) relation(_, eventID, relationID, _ sfID, status string, _, _, _ bool, _ time.Time, _ sfID) {
	m := h.meeting
	if m == nil || m.object.ID != hubspotID(eventID) {
		h.fail(fmt.Errorf("generator bug: a relation of event %s comes after another record", eventID))
		return
	}
	switch relationID.kind() {
	case kindUser:
		if id := hubspotID(relationID); status != "Declined" && !containsString(m.attendees, id) {
			m.attendees = append(m.attendees, id)
		}
	case kindContact, kindLead:
		m.object.Associate("contacts", "meeting_event_to_contact", hubspotID(relationID))
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *hubspotWriter) flushMeeting() {
	m := h.meeting
	if m == nil {
		return
	}
	h.meeting = nil
	m.object.Properties["hs_attendee_owner_ids"] = hubspotapi.Value(strings.Join(m.attendees, ";"))
	h.meetings.add(m.object)
}

func (s subject) text() string { return s.pre + s.arg + s.post }

func (h *hubspotWriter) fail(err error) {
	if h.err == nil {
		h.err = err
	}
}

// pager writes one object's records as saved list pages, name-page-N.json,
// a record a line, each page but the last with paging.next.after: the
// offset of the next page, as a script paging through the API saves them.
type pager struct {
	create       func(name string) (io.WriteCloser, error)
	name, object string
	pageNo       int
	records      int64
	page         *hubspotapi.Page
	w            *bufio.Writer
	closer       io.Closer
	err          error
}

func (p *pager) add(record any) {
	if p.err != nil {
		return
	}
	switch {
	case p.page == nil:
		p.openPage()
	case p.page.Records() == hubspotPageSize:
		p.endPage(true)
		p.openPage()
	}
	if p.err != nil {
		return
	}
	p.page.Add(record)
	p.records++
}

func (p *pager) fileName() string { return hubspotapi.PageFile(p.name, p.pageNo) }

func (p *pager) openPage() {
	p.pageNo++
	f, err := p.create(p.fileName())
	if err != nil {
		p.err = fmt.Errorf("creating %s: %w", p.fileName(), err)
		return
	}
	p.w, p.closer = bufio.NewWriterSize(f, writeBufferSize), f
	p.page = hubspotapi.NewPage(p.w, hubspotapi.Lines)
}

// endPage closes the open page; more says whether another follows.
func (p *pager) endPage(more bool) {
	var next *hubspotapi.Next
	if more {
		next = &hubspotapi.Next{Object: p.object, Limit: hubspotPageSize, After: strconv.FormatInt(p.records, 10)}
	}
	if err := p.page.End(next); err != nil && p.err == nil {
		p.err = fmt.Errorf("writing %s: %w", p.fileName(), err)
	}
	if err := p.w.Flush(); err != nil && p.err == nil {
		p.err = fmt.Errorf("writing %s: %w", p.fileName(), err)
	}
	if err := p.closer.Close(); err != nil && p.err == nil {
		p.err = fmt.Errorf("closing %s: %w", p.fileName(), err)
	}
	p.page, p.w, p.closer = nil, nil, nil
}

// close ends the last page. An object with no records still gets its
// (empty) first page, as the API returns one.
func (p *pager) close() error {
	if p.page == nil && p.err == nil {
		p.openPage()
	}
	if p.page != nil {
		p.endPage(false)
	}
	return p.err
}

// hierarchyWriter writes owner-managers.csv: each owner's manager by
// owner ID, one row per person in the sales hierarchy below the top.
type hierarchyWriter struct {
	create func(name string) (io.WriteCloser, error)
	w      *bufio.Writer
	closer io.Closer
	rows   int64
	err    error
}

func (hw *hierarchyWriter) open() {
	f, err := hw.create(hubspotHierarchyFile)
	if err != nil {
		hw.err = fmt.Errorf("creating %s: %w", hubspotHierarchyFile, err)
		return
	}
	hw.w, hw.closer = bufio.NewWriter(f), f
	hw.w.WriteString("owner_id,manager_id\n")
}

func (hw *hierarchyWriter) add(owner, manager string) {
	if hw.w == nil && hw.err == nil {
		hw.open()
	}
	if hw.err != nil {
		return
	}
	hw.w.WriteString(owner + "," + manager + "\n")
	hw.rows++
}

func (hw *hierarchyWriter) close() error {
	if hw.w == nil && hw.err == nil {
		hw.open()
	}
	if hw.w == nil {
		return hw.err
	}
	if err := hw.w.Flush(); err != nil && hw.err == nil {
		hw.err = fmt.Errorf("writing %s: %w", hubspotHierarchyFile, err)
	}
	if err := hw.closer.Close(); err != nil && hw.err == nil {
		hw.err = fmt.Errorf("closing %s: %w", hubspotHierarchyFile, err)
	}
	return hw.err
}
