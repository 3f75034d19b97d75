package hubspot

import (
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

const skipCanceledMeeting = "meeting canceled (outcome CANCELED): no time was spent"

// Task statuses and meeting outcomes, normalised (see normalised).
const (
	taskCompleted   = "completed"
	meetingCanceled = "canceled"
	// meetingCancelled is how a UI label or a hand-edited file may spell it.
	meetingCancelled = "cancelled"
)

// baseActivity fills what every engagement has: ID, owner, the associated
// company (the account) and deal.
func baseActivity(e *entry, id string, kind plugin.ActivityKind) plugin.Activity {
	return plugin.Activity{
		ID:            id,
		Kind:          kind,
		OwnerID:       e.owner(propOwner),
		AccountID:     e.firstAssociated(assocCompanies),
		OpportunityID: e.firstAssociated(assocDeals),
		Line:          e.Line,
	}
}

// contactAttendees are the contacts an engagement is associated with: the
// customers met, called or written to.
func contactAttendees(e *entry) []plugin.Attendee {
	var out []plugin.Attendee
	for _, id := range e.associated(assocContacts) {
		out = append(out, plugin.Attendee{ContactID: id, Internal: false, Line: e.Line})
	}
	return out
}

// requireTime fails the record when it has no time at all: the audit
// could not place it in any period.
func requireTime(e *entry, t time.Time, p *property, what string) {
	if t.IsZero() && e.Err == nil {
		e.Fail(e.fieldName(p), "empty: the %s has no date, so it cannot be placed in time", what)
	}
}

// sendMeeting maps a meeting. It starts at hs_meeting_start_time (else
// hs_timestamp, which HubSpot sets to the start) and lasts until
// hs_meeting_end_time. Internal attendees are the owners in
// hs_attendee_owner_ids, the organiser among them being the meeting's
// owner; external ones are the associated contacts. A canceled meeting
// took no time and is skipped.
func (run *readRun) sendMeeting(e *entry, id string, out *plugin.FileWriter) error {
	outcome := e.text(propMeetingOutcome)
	if o := normalised(outcome); o == meetingCanceled || o == meetingCancelled {
		return plugin.Skip(skipCanceledMeeting)
	}
	a := baseActivity(e, id, plugin.ActivityMeeting)
	a.Subject = e.text(propMeetingTitle)
	a.Status = outcome
	a.RawType = e.text(propActivityType)
	start := plugin.FirstSet(e.timestamp(propMeetingStart), e.timestamp(propTimestamp))
	end := e.timestamp(propMeetingEnd)
	requireTime(e, start, propTimestamp, "meeting")
	if e.Err == nil && !end.IsZero() && end.Before(start) {
		e.Fail(e.fieldName(propMeetingEnd), "the meeting ends (%s) before it starts (%s)", end.Format(time.DateTime), start.Format(time.DateTime))
	}
	a.Attendees = append(ownerAttendees(e, a.OwnerID), contactAttendees(e)...)
	if e.Err != nil {
		return e.Err
	}
	a.StartAt, a.EndAt = start, end
	if !end.IsZero() {
		a.DurationSeconds = int64(end.Sub(start) / time.Second)
	}
	return out.Activity(a)
}

// ownerAttendees are a meeting's internal attendees.
func ownerAttendees(e *entry, ownerID string) []plugin.Attendee {
	var out []plugin.Attendee
	for _, id := range e.ownerList(propAttendeeOwnerIDs) {
		out = append(out, plugin.Attendee{UserID: id, Internal: true, Organizer: id == ownerID, Line: e.Line})
	}
	return out
}

// sendCall maps a call: it starts at hs_timestamp and lasts
// hs_call_duration, which HubSpot keeps in milliseconds.
func (run *readRun) sendCall(e *entry, id string, out *plugin.FileWriter) error {
	a := baseActivity(e, id, plugin.ActivityCall)
	a.Subject = e.text(propCallTitle)
	a.Status = e.text(propCallStatus)
	a.RawType = e.text(propActivityType)
	a.StartAt = e.timestamp(propTimestamp)
	a.DurationSeconds = callDuration(e)
	a.Attendees = contactAttendees(e)
	requireTime(e, a.StartAt, propTimestamp, "call")
	if e.Err != nil {
		return e.Err
	}
	if a.DurationSeconds > 0 {
		a.EndAt = a.StartAt.Add(time.Duration(a.DurationSeconds) * time.Second)
	}
	return out.Activity(a)
}

func callDuration(e *entry) int64 {
	v := e.text(propCallDuration)
	if v == "" {
		return 0
	}
	seconds, ok := parseCallDuration(v)
	if !ok {
		e.Fail(e.fieldName(propCallDuration), "%q is not a call duration (want milliseconds, zero or more, or HH:MM:SS)", v)
	}
	return seconds
}

// sendTask maps a task. hs_timestamp is a task's due date. A task is
// closed when COMPLETED; its completion date counts only then (a reopened
// task keeps the date of its earlier completion). It is placed in time
// when it was completed, else on its due date, else when it was created,
// as the Salesforce connector does. HubSpot's task type (CALL, EMAIL,
// TODO) is what the task is a reminder to do, not a call or an e-mail
// logged: those are engagements of their own, so a task is always a task.
func (run *readRun) sendTask(e *entry, id string, out *plugin.FileWriter) error {
	a := baseActivity(e, id, plugin.ActivityTask)
	a.Subject = e.text(propTaskSubject)
	a.Status = e.text(propTaskStatus)
	a.IsClosed = normalised(a.Status) == taskCompleted
	a.Priority = taskPriority(e.text(propTaskPriority))
	a.RawType = e.text(propTaskType)
	a.DueDate = e.timestamp(propTaskDue)
	completed := e.timestamp(propTaskCompletionDate)
	created := e.createdAt(propCreateDate)
	if a.IsClosed {
		a.CompletedAt = completed
	}
	a.StartAt = plugin.FirstSet(a.CompletedAt, a.DueDate, created)
	requireTime(e, a.StartAt, propTaskDue, "task")
	if e.Err != nil {
		return e.Err
	}
	return out.Activity(a)
}

// taskPriority maps HIGH, MEDIUM, LOW and NONE (and their labels). Any
// other value is no priority: a priority is not worth rejecting a task.
func taskPriority(v string) plugin.Priority {
	switch normalised(v) {
	case "high":
		return plugin.PriorityHigh
	case "medium":
		return plugin.PriorityNormal
	case "low":
		return plugin.PriorityLow
	}
	return plugin.PriorityNone
}

// sendEmail maps a logged e-mail, sent or received at hs_timestamp; the
// associated contacts are its external correspondents.
func (run *readRun) sendEmail(e *entry, id string, out *plugin.FileWriter) error {
	a := baseActivity(e, id, plugin.ActivityEmail)
	a.Subject = e.text(propEmailSubject)
	a.Status = e.text(propEmailStatus)
	a.RawType = e.text(propEmailDirection)
	a.StartAt = e.timestamp(propTimestamp)
	a.Attendees = contactAttendees(e)
	requireTime(e, a.StartAt, propTimestamp, "e-mail")
	if e.Err != nil {
		return e.Err
	}
	return out.Activity(a)
}
