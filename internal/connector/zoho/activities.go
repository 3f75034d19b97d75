package zoho

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

const skipCancelledCall = "cancelled in Zoho (Call_Status Cancelled): no time was spent"

// Zoho logs a call nobody answered as a call of type Missed (its status
// Missed too), with a duration of 00:00. Loaded, it would be a call with
// no duration, which the audit gives an estimated one: customer time and
// a customer touch that never happened.
const (
	skipMissedCall       = "a missed call (Call_Type Missed): nobody answered, no time spent"
	skipMissedCallStatus = "a missed call (Call_Status Missed): nobody answered, no time spent"
)

// related ties an activity to the account or deal it is about (What_Id,
// whose module $se_module names) and returns the people it is with: the
// contact (Who_Id) or lead (What_Id) as external attendees.
func (run *readRun) related(r *record, a *plugin.Activity) []plugin.Attendee {
	var people []plugin.Attendee
	what := r.lookup("What_Id")
	switch strings.ToLower(r.text("$se_module")) {
	case "accounts":
		a.AccountID = what.id
	case "deals", "potentials":
		a.OpportunityID = what.id
		a.AccountID = run.dealAccount[what.id]
	case "leads", "contacts":
		if what.id != "" {
			people = append(people, plugin.Attendee{ContactID: what.id, Name: what.name, Line: r.Line})
		}
	}
	if who := r.lookup("Who_Id"); who.id != "" {
		people = plugin.AddAttendee(people, plugin.Attendee{ContactID: who.id, Name: who.name, Line: r.Line}, attendeeKey)
	}
	return people
}

// readCall reads a call of the Calls module.
func (run *readRun) readCall(r *record, out *plugin.FileWriter) error {
	id := r.requiredID("id")
	// Newer versions keep an outbound call's status in a field of its own.
	status := plugin.FirstNonBlank(r.text("Call_Status"), r.text("Outbound_Call_Status"))
	callType := r.text("Call_Type")
	switch {
	case r.Err != nil:
		return r.Err
	case isOneOf(status, "cancelled", "canceled"):
		return plugin.Skip(skipCancelledCall)
	case isOneOf(callType, "missed"):
		return plugin.Skip(skipMissedCall)
	case isOneOf(status, "missed"):
		return plugin.Skip(skipMissedCallStatus)
	}
	a := plugin.Activity{
		ID:       id,
		Kind:     plugin.ActivityCall,
		Subject:  r.text("Subject"),
		OwnerID:  r.lookup("Owner").id,
		StartAt:  r.datetime("Call_Start_Time"),
		Status:   status,
		IsClosed: !isOneOf(status, "scheduled", "overdue"),
		RawType:  callType,
		Line:     r.Line,
	}
	seconds := r.seconds("Call_Duration_in_seconds")
	clock := r.duration("Call_Duration")
	a.Attendees = run.related(r, &a)
	if r.Err == nil && a.StartAt.IsZero() {
		r.Fail("Call_Start_Time", "the call has no start time")
	}
	if r.Err != nil {
		return r.Err
	}
	if seconds < 0 {
		seconds = clock
	}
	a.DurationSeconds = seconds
	if seconds > 0 {
		a.EndAt = a.StartAt.Add(time.Duration(seconds) * time.Second)
	}
	return out.Activity(a)
}

func isOneOf(value string, options ...string) bool {
	for _, o := range options {
		if strings.EqualFold(strings.TrimSpace(value), o) {
			return true
		}
	}
	return false
}

// readEvent reads an event of the Events module (Meetings in the UI).
func (run *readRun) readEvent(r *record, out *plugin.FileWriter) error {
	a := plugin.Activity{
		ID:      r.requiredID("id"),
		Kind:    plugin.ActivityMeeting,
		Subject: r.text("Event_Title"),
		OwnerID: r.lookup("Owner").id,
		StartAt: r.datetime("Start_DateTime"),
		EndAt:   r.datetime("End_DateTime"),
		Line:    r.Line,
	}
	attendees := run.participants(r, a.OwnerID)
	for _, p := range run.related(r, &a) {
		attendees = plugin.AddAttendee(attendees, p, attendeeKey)
	}
	if r.Err == nil {
		schedule(r, &a)
	}
	if r.Err != nil {
		return r.Err
	}
	a.Attendees = attendees
	return out.Activity(a)
}

// schedule checks an event's times and sets its duration. An all-day
// event runs from midnight to 23:59 in Zoho: its times say it all.
func schedule(r *record, a *plugin.Activity) {
	switch {
	case a.StartAt.IsZero():
		r.Fail("Start_DateTime", "the event has no start")
	case a.EndAt.IsZero():
	case a.EndAt.Before(a.StartAt):
		r.Fail("End_DateTime", "the event ends (%s) before it starts (%s)", a.EndAt.Format(time.RFC3339), a.StartAt.Format(time.RFC3339))
	default:
		a.DurationSeconds = int64(a.EndAt.Sub(a.StartAt) / time.Second)
	}
}

// participants reads an event's Participants: users, contacts, leads and
// bare e-mail addresses, each with their answer to the invitation.
func (run *readRun) participants(r *record, ownerID string) []plugin.Attendee {
	var out []plugin.Attendee
	for i, raw := range r.List("Participants", "a list") {
		f, err := r.Nested(fmt.Sprintf("Participants[%d]", i), raw)
		if err != nil {
			r.FailWith(err)
			return nil
		}
		p := &record{f}
		a, ok := run.participant(p, ownerID)
		if p.Err != nil {
			r.FailWith(p.Err)
			return nil
		}
		if ok {
			out = plugin.AddAttendee(out, a, attendeeKey)
		}
	}
	return out
}

func (run *readRun) participant(p *record, ownerID string) (plugin.Attendee, bool) {
	id := p.ID("participant")
	a := plugin.Attendee{Name: p.text("name"), Email: p.text("Email"), Response: p.text("status"), Line: p.Line}
	switch kind := strings.ToLower(p.text("type")); {
	case kind == "user" || (kind == "" && run.users[id]):
		a.UserID, a.Internal, a.Organizer = id, true, id == ownerID
	case kind == "contact" || kind == "lead":
		a.ContactID = id
	case kind == "email":
		a.Email = plugin.FirstNonBlank(a.Email, id)
	}
	return a, a.UserID != "" || a.ContactID != "" || a.Email != ""
}

// readTask reads a task of the Tasks module.
func (run *readRun) readTask(r *record, out *plugin.FileWriter) error {
	a := plugin.Activity{
		ID:          r.requiredID("id"),
		Kind:        plugin.ActivityTask,
		Subject:     r.text("Subject"),
		OwnerID:     r.lookup("Owner").id,
		Status:      r.text("Status"),
		Priority:    priorities[strings.ToLower(r.text("Priority"))],
		DueDate:     r.date("Due_Date"),
		CompletedAt: r.datetime("Closed_Time"),
		Line:        r.Line,
	}
	created := r.datetime("Created_Time")
	a.Attendees = run.related(r, &a)
	a.IsClosed = isOneOf(a.Status, "completed") || !a.CompletedAt.IsZero()
	// A task happened when it was closed; an open one is placed on its
	// due date, and one with neither on the day it was created.
	a.StartAt = plugin.FirstSet(a.CompletedAt, a.DueDate, created)
	if r.Err == nil && a.StartAt.IsZero() {
		r.Fail("Due_Date", "the task has no due date, closing time or creation time")
	}
	if r.Err != nil {
		return r.Err
	}
	return out.Activity(a)
}

// priorities reads Zoho's five priorities into three.
var priorities = map[string]plugin.Priority{"highest": plugin.PriorityHigh, "high": plugin.PriorityHigh,
	"normal": plugin.PriorityNormal, "low": plugin.PriorityLow, "lowest": plugin.PriorityLow}

// attendeeKey tells attendees apart: every attendee of a Zoho activity is
// a user, a contact (or lead) or an e-mail address.
func attendeeKey(a plugin.Attendee) string {
	if a.UserID != "" || a.ContactID != "" {
		return a.UserID + "/" + a.ContactID
	}
	return "email:" + strings.ToLower(a.Email)
}
