package dynamics

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// Activity states (statecode). Appointments have a fourth, Scheduled.
const (
	stateOpen      = 0
	stateCompleted = 1
	stateCanceled  = 2
	stateScheduled = 3
)

var stateLabels = map[int64]string{stateOpen: "Open", stateCompleted: "Completed", stateCanceled: "Canceled", stateScheduled: "Scheduled"}

const (
	skipCanceled     = "canceled in Dynamics (statecode 2): no time was spent"
	skipSeriesMaster = "a recurring appointment series: its occurrences are read as appointments"
)

// seriesMaster is the activity type of a recurring appointment's series,
// which Dataverse keeps beside the appointments it expands into.
const seriesMaster = "recurringappointmentmaster"

// activityReader reads the appointments, phone calls, tasks, e-mails or
// activitypointers (which mix them, typed by activitytypecode) of one page.
func (run *readRun) activityReader(of entity) func(*record, *plugin.FileWriter) error {
	return func(r *record, out *plugin.FileWriter) error { return run.readActivity(r, out, of) }
}

func (run *readRun) readActivity(r *record, out *plugin.FileWriter, of entity) error {
	typeCode := strings.ToLower(plugin.FirstNonBlank(r.Text("activitytypecode"), of.name))
	id := r.requiredID("activityid")
	if id != "" {
		run.activities[id] = activityNotLoaded
	}
	state, hasState := r.Int("statecode")
	if r.Err == nil && hasState && stateLabels[state] == "" {
		r.Fail("statecode", "%d is not an activity state (0 open, 1 completed, 2 canceled, 3 scheduled)", state)
	}
	switch {
	case r.Err != nil:
		return r.Err
	case typeCode == seriesMaster:
		return plugin.Skip(skipSeriesMaster)
	case state == stateCanceled:
		return plugin.Skip(skipCanceled)
	}
	a := plugin.Activity{
		ID:       id,
		Kind:     activityKind(typeCode),
		Subject:  r.Text("subject"),
		OwnerID:  ownerOf(r),
		Status:   plugin.FirstNonBlank(r.formatted("statuscode"), r.formatted("statecode"), stateLabels[state]),
		IsClosed: state == stateCompleted,
		Priority: priority(r),
		RawType:  typeCode,
		Line:     r.Line,
	}
	if a.OwnerID == "" {
		failOwnerless(r)
	}
	regardingContact := run.regarding(r, &a)
	attendees, expanded := run.expandedParties(r)
	schedule(r, &a, state)
	if r.Err != nil {
		return r.Err
	}
	if regardingContact != nil && a.Kind == plugin.ActivityTask {
		// A task lists no one but its owner among its parties: the
		// contact it is about is what makes it customer work. Other
		// activities name the contact among their parties already.
		attendees = plugin.AddAttendee(attendees, *regardingContact, attendeeKey)
	}
	a.Attendees = attendees
	run.activities[id] = activityLoaded
	if expanded {
		run.activities[id] = activityWithParties
	}
	return out.Activity(a)
}

// failOwnerless rejects an activity without an owner. Activities are
// user-owned in Dataverse (OwnershipType UserOwned: ownerid is a user or a
// team on every row), so a page without _ownerid_value was saved with a
// $select that left it out; the audit could not say whose time it was.
func failOwnerless(r *record) {
	if owner := r.lookup("_ownerid_value"); owner.logicalName == "team" {
		r.Fail("_ownerid_value", "the activity is owned by the team %s and names no owning user (_owninguser_value): "+
			"the audit cannot tell whose time it was", plugin.FirstNonBlank(owner.name, owner.id))
		return
	}
	r.Fail("_ownerid_value", "the activity has no owner: the page was saved without _ownerid_value "+
		"(add it to the query's $select)")
}

func activityKind(typeCode string) plugin.ActivityKind {
	switch typeCode {
	case "appointment", "serviceappointment":
		return plugin.ActivityMeeting
	case "phonecall":
		return plugin.ActivityCall
	case "task":
		return plugin.ActivityTask
	case "email":
		return plugin.ActivityEmail
	}
	return plugin.ActivityOther
}

// priority reads prioritycode: 0 low, 1 normal, 2 high; an option an org
// added is known by its label, if at all.
func priority(r *record) plugin.Priority {
	code, ok := r.Int("prioritycode")
	if !ok {
		return plugin.PriorityNone
	}
	switch code {
	case 0:
		return plugin.PriorityLow
	case 1:
		return plugin.PriorityNormal
	case 2:
		return plugin.PriorityHigh
	}
	switch strings.ToLower(r.formatted("prioritycode")) {
	case "low":
		return plugin.PriorityLow
	case "normal":
		return plugin.PriorityNormal
	case "high":
		return plugin.PriorityHigh
	}
	return plugin.PriorityNone
}

// schedule sets the activity's times and duration. The duration follows
// the times used (see duration), else it is the time between start and end.
func schedule(r *record, a *plugin.Activity, state int64) {
	actualStart, actualEnd := r.datetime("actualstart"), r.datetime("actualend")
	scheduledStart, scheduledEnd := r.datetime("scheduledstart"), r.datetime("scheduledend")
	actualMinutes, scheduledMinutes := r.minutes("actualdurationminutes"), r.minutes("scheduleddurationminutes")
	sentOn, created := r.datetime("senton"), r.datetime("createdon")
	if r.Err != nil {
		return
	}
	if state == stateCompleted {
		// Dataverse sets actualend when an activity is marked complete.
		a.CompletedAt = actualEnd
	}
	a.DurationSeconds = duration(actualMinutes, scheduledMinutes, actualStart, actualEnd)
	if a.Kind == plugin.ActivityTask {
		scheduleTask(r, a, actualStart, actualEnd, scheduledEnd, scheduledStart, created)
		return
	}
	start, end, endField := scheduledStart, scheduledEnd, "scheduledend"
	if !actualStart.IsZero() {
		start, end, endField = actualStart, actualEnd, "actualend"
	}
	if start.IsZero() {
		// E-mails have no schedule: they happened when sent.
		start, end = plugin.FirstSet(sentOn, actualEnd, scheduledEnd, created), time.Time{}
	}
	if start.IsZero() {
		r.Fail("scheduledstart", "the activity has no time: scheduledstart, actualstart, actualend and createdon are all empty")
		return
	}
	if !end.IsZero() && end.Before(start) {
		r.Fail(endField, "the activity ends (%s) before it starts (%s)", end.Format(time.RFC3339), start.Format(time.RFC3339))
		return
	}
	if end.Equal(start) && a.DurationSeconds > 0 {
		// Dataverse writes a phone call's due time into both
		// scheduledstart and scheduledend: the call lasted its duration.
		end = start.Add(time.Duration(a.DurationSeconds) * time.Second)
	}
	a.StartAt, a.EndAt = start, end
	if a.DurationSeconds == 0 && !end.IsZero() {
		a.DurationSeconds = int64(end.Sub(start) / time.Second)
	}
}

// scheduleTask places a task: its due date is scheduledend; it happened
// when worked on or completed, else it is placed on its due date, else on
// the day it was created.
func scheduleTask(r *record, a *plugin.Activity, actualStart, actualEnd, scheduledEnd, scheduledStart, created time.Time) {
	a.DueDate = scheduledEnd
	a.StartAt = plugin.FirstSet(actualStart, a.CompletedAt, a.DueDate, scheduledStart, created)
	if actualStart.IsZero() {
		return
	}
	if !actualEnd.IsZero() && actualEnd.Before(actualStart) {
		r.Fail("actualend", "the task ends (%s) before it starts (%s)", actualEnd.Format(time.RFC3339), actualStart.Format(time.RFC3339))
		return
	}
	a.EndAt = actualEnd
}

// duration is the activity's duration in seconds, following the times
// the activity is placed at: the one recorded (actualdurationminutes);
// else, when the activity has its own actual start and end, the time
// between them, for the scheduled duration is the plan they replaced (an
// appointment held 13:00–13:30 that was booked for 90 minutes took 30);
// else the one planned (scheduleddurationminutes). 0 when none is known:
// schedule then takes the time between the scheduled start and end.
// Equal actual times (a call's completion time written into both) give no
// duration of their own, so the planned one stands.
func duration(actualMinutes, scheduledMinutes int64, actualStart, actualEnd time.Time) int64 {
	switch {
	case actualMinutes > 0:
		return actualMinutes * 60
	case !actualStart.IsZero() && actualEnd.After(actualStart):
		return int64(actualEnd.Sub(actualStart) / time.Second)
	case scheduledMinutes > 0:
		return scheduledMinutes * 60
	}
	return 0
}

// regarding ties the activity to the account or opportunity it is about,
// and returns the contact or lead it is about as an external attendee.
func (run *readRun) regarding(r *record, a *plugin.Activity) *plugin.Attendee {
	about := r.lookup("_regardingobjectid_value")
	if about.id == "" {
		return nil
	}
	switch run.tableOf(about) {
	case "account":
		a.AccountID = about.id
	case "opportunity":
		a.OpportunityID = about.id
		a.AccountID = run.opportunityAccount[about.id]
	case "contact", "lead":
		return &plugin.Attendee{ContactID: about.id, Name: about.name, Line: r.Line}
	}
	return nil
}

// tableOf is the table a lookup points to: its annotation, else the table
// of the records read so far that has the ID ("" when none has).
func (run *readRun) tableOf(l lookup) string {
	if l.logicalName != "" {
		return l.logicalName
	}
	_, isOpportunity := run.opportunityAccount[l.id]
	switch {
	case run.users[l.id]:
		return "systemuser"
	case run.accounts[l.id]:
		return "account"
	case isOpportunity:
		return "opportunity"
	}
	return ""
}
