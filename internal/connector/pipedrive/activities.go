package pipedrive

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// Statuses of activities: Pipedrive knows only done and not done, and
// says so in these words in its CSV export.
const (
	statusDone = "Done"
	statusToDo = "To do"
)

// activityInput is an activity's values as the export has them, whichever
// form it came in; references are already IDs.
type activityInput struct {
	line                              int64
	id, subject, typ, priority        field
	dueDate, dueTime, duration        field
	done, doneTime, addTime           field
	ownerID, accountID, opportunityID string
	attendees                         []plugin.Attendee
}

// buildActivity maps an activity the same way for both forms.
func buildActivity(in activityInput) plugin.Activity {
	typ := in.typ.value()
	a := plugin.Activity{
		ID:              in.id.requiredID(),
		Kind:            activityKind(typ),
		Subject:         in.subject.value(),
		OwnerID:         in.ownerID,
		AccountID:       in.accountID,
		OpportunityID:   in.opportunityID,
		DurationSeconds: in.duration.duration(),
		IsClosed:        in.done.done(),
		// The CSV export's labels; API v2 gives an option ID, which
		// says nothing without the activity fields: no priority.
		Priority:  value.Priority(in.priority.value()),
		RawType:   typ,
		Attendees: in.attendees,
		Line:      in.line,
	}
	a.Status = statusToDo
	if a.IsClosed {
		a.Status = statusDone
		a.CompletedAt = in.doneTime.dateTime()
	}
	schedule(in, &a)
	return a
}

// schedule places the activity in time. Pipedrive schedules an activity
// on a due date with an optional time (UTC): with a time it starts then
// and lasts its duration; with a date alone it is due that day. An
// activity may have no date at all: it then counts when it was done, or
// else when it was logged.
func schedule(in activityInput, a *plugin.Activity) {
	due := in.dueDate.date()
	at, timed := in.dueTime.clock()
	switch {
	case !due.IsZero() && timed:
		a.StartAt = due.Add(at)
		if a.DurationSeconds > 0 {
			a.EndAt = a.StartAt.Add(time.Duration(a.DurationSeconds) * time.Second)
		}
	case !due.IsZero():
		a.StartAt, a.DueDate = due, due
	default:
		a.StartAt = plugin.FirstSet(a.CompletedAt, in.addTime.dateTime())
		if a.StartAt.IsZero() {
			in.dueDate.fail("the activity has no due date, no completion and no creation time")
		}
	}
	if a.Kind == plugin.ActivityTask {
		// Tasks and deadlines are judged by their due date.
		a.DueDate = due
	}
}

// activityKind maps Pipedrive's activity types (API key or CSV label) to
// kinds; custom types are "other", and RawType keeps them.
func activityKind(typ string) plugin.ActivityKind {
	switch strings.ToLower(typ) {
	case "call":
		return plugin.ActivityCall
	case "meeting", "lunch":
		return plugin.ActivityMeeting
	case "email":
		return plugin.ActivityEmail
	case "task", "deadline":
		return plugin.ActivityTask
	}
	return plugin.ActivityOther
}

// newActivityReader reads activities from API pages (v1 or v2) and CSV
// exports.
func (run *readRun) newActivityReader(out *plugin.FileWriter, t *csvfile.Reader) (recordReader, error) {
	if t == nil {
		return recordReader{api: func(r apiRecord) error {
			if r.deleted() {
				return plugin.Skip(skipDeleted)
			}
			a := buildActivity(activityInput{
				line: r.Line, id: r.text("id"), subject: r.text("subject"), typ: r.text("type"),
				priority: r.text("priority"),
				dueDate:  r.text("due_date"), dueTime: r.text("due_time"), duration: r.text("duration"),
				done: r.text("done"), doneTime: r.text("marked_as_done_time"), addTime: r.text("add_time"),
				// v1 calls the assignee user_id, v2 owner_id.
				ownerID:       r.ref("owner_id", "user_id").value(),
				accountID:     r.ref("org_id").value(),
				opportunityID: r.ref("deal_id").value(),
				attendees:     run.apiAttendees(r),
			})
			if r.Err != nil {
				return r.Err
			}
			return out.Activity(a)
		}}, nil
	}
	c := newActivityColumns(t)
	return recordReader{csv: func(r csvRow) error {
		accountID := run.orgs.id(r.field(c.orgID), r.field(c.org))
		a := buildActivity(activityInput{
			line: r.Line, id: r.field(c.id), subject: r.field(c.subject), typ: r.field(c.typ),
			priority: r.field(c.priority),
			dueDate:  r.field(c.dueDate), dueTime: r.field(c.dueTime), duration: r.field(c.duration),
			done: r.field(c.done), doneTime: r.field(c.doneTime), addTime: r.field(c.addTime),
			ownerID:       run.users.userID(r.field(c.owner)),
			accountID:     accountID,
			opportunityID: run.deals.id(r.field(c.dealID), r.field(c.deal), accountID),
			attendees:     run.contactPerson(r.field(c.personID), r.field(c.person), r.Line),
		})
		if r.Err != nil {
			return r.Err
		}
		return out.Activity(a)
	}}, nil
}

// activityColumns are the columns of an activities CSV export. The
// related records' ID columns ("Organization - ID") are there when the
// user added them to the export; they beat matching by name.
type activityColumns struct {
	id, subject, typ, priority, dueDate, dueTime, duration csvfile.Column
	done, doneTime, addTime, owner                         csvfile.Column
	org, orgID, deal, dealID, person, personID             csvfile.Column
}

func newActivityColumns(t *csvfile.Reader) activityColumns {
	return activityColumns{
		id: t.Lookup("Activity - ID"), subject: t.Lookup("Activity - Subject"), typ: t.Lookup("Activity - Type"),
		priority: t.Lookup("Activity - Priority"),
		dueDate:  t.Lookup("Activity - Due date"), dueTime: t.Lookup("Activity - Due time"),
		duration: t.Lookup("Activity - Duration"),
		done:     t.Lookup("Activity - Done"), doneTime: t.Lookup("Activity - Marked as done time"),
		addTime: t.Lookup("Activity - Add time", "Activity - Creation time"),
		owner:   t.Lookup("Activity - Assigned to user", "Activity - Owner", "Activity - User"),
		org:     t.Lookup("Activity - Organization"), orgID: t.Lookup("Organization - ID"),
		deal: t.Lookup("Activity - Deal"), dealID: t.Lookup("Deal - ID"),
		person: t.Lookup("Activity - Contact person"), personID: t.Lookup("Person - ID"),
	}
}

// contactPerson is the contact person a CSV export names, as an external
// attendee.
func (run *readRun) contactPerson(idField, nameField field, line int64) []plugin.Attendee {
	switch {
	case !idField.empty():
		at := run.persons.attendee(idField.value(), line)
		if at.Name == "" {
			at.Name = nameField.value()
		}
		return []plugin.Attendee{at}
	case !nameField.empty():
		return []plugin.Attendee{run.persons.attendeeNamed(nameField.value(), line)}
	}
	return nil
}

// apiAttendees are an activity's attendees (users and e-mail invitees of
// a calendar-synced meeting) and participants (the persons it is about).
// An attendee with no user ID but a user's e-mail address is that user.
func (run *readRun) apiAttendees(r apiRecord) []plugin.Attendee {
	var out []plugin.Attendee
	contacts := map[string]bool{}
	r.EachNested("attendees", "an array", func(f *apipages.Fields) {
		at := apiRecord{f}
		a := plugin.Attendee{
			UserID:    at.ref("user_id").value(),
			ContactID: at.ref("person_id").value(),
			Email:     at.text("email_address", "email").value(),
			Name:      at.text("name").value(),
			Organizer: at.text("is_organizer").flag(false),
			Response:  at.text("status").value(),
			Line:      r.Line,
		}
		if a.UserID == "" && a.Email != "" {
			a.UserID = run.users.idByEmail(a.Email)
		}
		if a.Internal = a.UserID != ""; a.Internal {
			a.ContactID = ""
		} else if a.ContactID != "" {
			contacts[a.ContactID] = true
			a = run.persons.fill(a)
		}
		out = append(out, a)
	})
	r.EachNested("participants", "an array", func(p *apipages.Fields) {
		if id := (apiRecord{p}).ref("person_id").value(); id != "" && !contacts[id] {
			contacts[id] = true
			out = append(out, run.persons.attendee(id, r.Line))
		}
	})
	// Without a participants list, the person the activity is about is
	// its one participant.
	id := r.ref("person_id").value()
	if _, listed := r.Value("participants"); !listed && id != "" && !contacts[id] {
		out = append(out, run.persons.attendee(id, r.Line))
	}
	return out
}
