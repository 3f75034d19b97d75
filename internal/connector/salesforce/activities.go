package salesforce

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

const skipChildEvent = "child copy of a group event; attendance comes from EventRelation"

// relatedTo holds the lookups that tie an activity to an account, a deal and
// a person: AccountId, WhatId (account 001…, opportunity 006…, or another
// object) and WhoId (contact 003… or lead 00Q…).
type relatedTo struct {
	accountID, whatID, whoID column
}

func newRelatedTo(t *table) relatedTo {
	return relatedTo{accountID: t.column("AccountId"), whatID: t.column("WhatId"), whoID: t.column("WhoId")}
}

// fill sets the activity's account and opportunity.
func (rel relatedTo) fill(r *row, a *plugin.Activity) {
	what := r.id(rel.whatID)
	a.AccountID = r.id(rel.accountID)
	if a.AccountID == "" && strings.HasPrefix(what, prefixAccount) {
		a.AccountID = what
	}
	if strings.HasPrefix(what, prefixOpportunity) {
		a.OpportunityID = what
	}
}

// who is the activity's contact or lead as an external attendee, if any.
func (rel relatedTo) who(r *row) []plugin.Attendee {
	who := r.id(rel.whoID)
	if !isContactOrLead(who) {
		return nil
	}
	return []plugin.Attendee{{ContactID: who, Line: r.Line}}
}

func isContactOrLead(id string) bool {
	return strings.HasPrefix(id, prefixContact) || strings.HasPrefix(id, prefixLead)
}

// kindFromType reads the Type picklist of tasks and events.
func kindFromType(typ string, otherwise plugin.ActivityKind) plugin.ActivityKind {
	switch {
	case isValue(typ, "call"):
		return plugin.ActivityCall
	case isValue(typ, "email"):
		return plugin.ActivityEmail
	case isValue(typ, "meeting"):
		return plugin.ActivityMeeting
	}
	return otherwise
}

// isValue reports whether a picklist value is one of want, ignoring case
// and surrounding spaces. It allocates nothing, where strings.ToLower
// allocates for every value with a capital, which is most of them: a
// twentieth of the connector's CPU on a large export.
func isValue(v string, want ...string) bool {
	v = strings.TrimSpace(v)
	for _, w := range want {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

// taskKind classifies a task: TaskSubtype says what Salesforce logged
// (an e-mail, a call); where it says only "Task" or "Cadence", or is absent
// in older exports, the Type picklist decides, and e-mails logged by
// integrations are still known by their "Email:" subject.
func taskKind(subtype, typ, subject string) plugin.ActivityKind {
	switch {
	case isValue(subtype, "email", "listemail"):
		return plugin.ActivityEmail
	case isValue(subtype, "call"):
		return plugin.ActivityCall
	}
	kind := kindFromType(typ, plugin.ActivityTask)
	if kind == plugin.ActivityTask && hasPrefixFold(strings.TrimSpace(subject), "email:") {
		return plugin.ActivityEmail
	}
	return kind
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func parsePriority(v string) plugin.Priority {
	switch {
	case isValue(v, "high"):
		return plugin.PriorityHigh
	case isValue(v, "normal"):
		return plugin.PriorityNormal
	case isValue(v, "low"):
		return plugin.PriorityLow
	}
	return plugin.PriorityNone
}

type taskReader struct {
	out     fileOutput
	related relatedTo

	id, ownerID, subject, activityDate, status, priority, isClosed column
	taskType, subtype, callDuration, completedDate, createdDate    column
}

func (run *readRun) newTaskReader(t *table) (rowReader, error) {
	return &taskReader{
		out:           t.out,
		related:       newRelatedTo(t),
		id:            t.column("Id"),
		ownerID:       t.column("OwnerId"),
		subject:       t.column("Subject"),
		activityDate:  t.column("ActivityDate"),
		status:        t.column("Status"),
		priority:      t.column("Priority"),
		isClosed:      t.column("IsClosed"),
		taskType:      t.column("Type"),
		subtype:       t.column("TaskSubtype"),
		callDuration:  t.column("CallDurationInSeconds"),
		completedDate: t.column("CompletedDateTime"),
		createdDate:   t.column("CreatedDate"),
	}, nil
}

func (tr *taskReader) readRow(r *row) error {
	subject, typ, subtype := r.text(tr.subject), r.text(tr.taskType), r.text(tr.subtype)
	a := plugin.Activity{
		ID:              r.requiredID(tr.id),
		Kind:            taskKind(subtype, typ, subject),
		Subject:         subject,
		OwnerID:         r.id(tr.ownerID),
		DurationSeconds: r.count(tr.callDuration),
		Status:          r.text(tr.status),
		IsClosed:        r.boolean(tr.isClosed),
		Priority:        parsePriority(r.text(tr.priority)),
		// ActivityDate is a task's due date.
		DueDate:     r.date(tr.activityDate),
		CompletedAt: r.datetime(tr.completedDate),
		RawType:     plugin.FirstNonBlank(subtype, typ),
		Attendees:   tr.related.who(r),
		Line:        r.Line,
	}
	created := r.datetime(tr.createdDate)
	tr.related.fill(r, &a)
	if r.err != nil {
		return r.err
	}
	// A task happened when it was completed; an open one is placed on its
	// due date, and one with neither on the day it was logged.
	a.StartAt = plugin.FirstSet(a.CompletedAt, a.DueDate, created)
	return tr.out.Activity(a)
}

type eventReader struct {
	out      fileOutput
	related  relatedTo
	unloaded map[string]bool
	// embedWho makes the WhoId contact an attendee. Only when the export
	// has no EventRelation.csv: that file lists the WhoId contact too,
	// and the attendee must not be counted twice.
	embedWho bool

	id, ownerID, subject, eventType, isChild                   column
	startDateTime, endDateTime, activityDateTime, activityDate column
	durationMinutes                                            column
}

func (run *readRun) newEventReader(t *table) (rowReader, error) {
	return &eventReader{
		out:              t.out,
		related:          newRelatedTo(t),
		unloaded:         run.unloadedEvents,
		embedWho:         !run.has(eventRelationObject),
		id:               t.column("Id"),
		ownerID:          t.column("OwnerId"),
		subject:          t.column("Subject"),
		eventType:        t.column("Type"),
		isChild:          t.column("IsChild"),
		startDateTime:    t.column("StartDateTime"),
		endDateTime:      t.column("EndDateTime"),
		activityDateTime: t.column("ActivityDateTime"),
		activityDate:     t.column("ActivityDate"),
		durationMinutes:  t.column("DurationInMinutes"),
	}, nil
}

func (er *eventReader) readRow(r *row) error {
	isChild := r.boolean(er.isChild)
	if r.err != nil {
		return r.err
	}
	if isChild {
		return plugin.Skip(skipChildEvent)
	}
	typ := r.text(er.eventType)
	a := plugin.Activity{
		ID:      r.requiredID(er.id),
		Kind:    kindFromType(typ, plugin.ActivityMeeting),
		Subject: r.text(er.subject),
		OwnerID: r.id(er.ownerID),
		RawType: typ,
		Line:    r.Line,
	}
	er.related.fill(r, &a)
	if er.embedWho {
		a.Attendees = er.related.who(r)
	}
	er.schedule(r, &a)
	if r.err != nil {
		return r.err
	}
	return er.out.Activity(a)
}

// schedule sets start, end and duration from whichever of Salesforce's
// time fields the export has.
func (er *eventReader) schedule(r *row, a *plugin.Activity) {
	start := r.datetime(er.startDateTime)
	if start.IsZero() {
		start = r.datetime(er.activityDateTime)
	}
	if start.IsZero() {
		// An all-day event has only a date.
		start = r.date(er.activityDate)
	}
	end := r.datetime(er.endDateTime)
	minutes := r.count(er.durationMinutes)
	hasMinutes := strings.TrimSpace(r.text(er.durationMinutes)) != ""
	if r.err != nil {
		return
	}
	if start.IsZero() {
		r.fail(er.activityDateTime, "the event has no start (StartDateTime, ActivityDateTime and ActivityDate are empty)")
		return
	}
	if end.IsZero() && hasMinutes {
		end = start.Add(time.Duration(minutes) * time.Minute)
	}
	if !end.IsZero() && end.Before(start) {
		r.fail(er.endDateTime, "the event ends (%s) before it starts (%s)", end.Format(time.DateTime), start.Format(time.DateTime))
		return
	}
	a.StartAt, a.EndAt = start, end
	switch {
	case hasMinutes:
		a.DurationSeconds = minutes * 60
	case !end.IsZero():
		a.DurationSeconds = int64(end.Sub(start) / time.Second)
	}
}

// notLoaded remembers events that were not loaded, so that their
// attendees are not loaded either.
func (er *eventReader) notLoaded(r *row) {
	if id := r.id(er.id); id != "" {
		er.unloaded[id] = true
	}
}
