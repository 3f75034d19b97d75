package csv

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// readUser builds a user. Its manager is returned as the row names it:
// a name or an e-mail can be resolved only once every user has been read.
func readUser(r *row) (plugin.User, string) {
	u := plugin.User{
		ID:       r.text("id"),
		Name:     r.text("name"),
		Email:    r.text("email"),
		Title:    r.text("title"),
		Role:     r.text("role"),
		JoinedAt: r.time("joined_at"),
		LeftAt:   r.time("left_at"),
		Line:     r.Line,
	}
	manager := r.text("manager_id")
	active, set := r.boolean("active")
	if !set {
		// A list of the team rarely says who is active; whoever has not
		// left is.
		active = u.LeftAt.IsZero()
	}
	u.Active = active
	switch {
	case r.err != nil:
	case u.Name == "" && u.Email == "":
		r.failField("name", "the user has neither a name nor an e-mail")
	case !u.LeftAt.IsZero() && u.LeftAt.Before(u.JoinedAt):
		r.failField("left_at", "the user left (%s) before joining (%s)", day(u.LeftAt), day(u.JoinedAt))
	}
	return u, manager
}

func readAccount(r *row) plugin.Account {
	return plugin.Account{
		ID:            r.text("id"),
		Name:          r.text("name"),
		OwnerID:       r.ref("owner_id"),
		AnnualRevenue: r.number("annual_revenue"),
		Type:          r.text("type"),
		Tier:          r.text("tier"),
		Industry:      r.text("industry"),
		Line:          r.Line,
	}
}

func readOpportunity(r *row) plugin.Opportunity {
	o := plugin.Opportunity{
		ID:        r.text("id"),
		AccountID: r.ref("account_id"),
		OwnerID:   r.ref("owner_id"),
		Name:      r.text("name"),
		Stage:     r.text("stage"),
		Amount:    r.number("amount"),
		CloseDate: r.time("close_date"),
		CreatedAt: r.time("created_at"),
		Line:      r.Line,
	}
	closed, _ := r.boolean("is_closed")
	o.IsWon, _ = r.boolean("is_won")
	// A won deal is closed, even in a file whose "closed" column is kept
	// by hand and lags behind.
	o.IsClosed = closed || o.IsWon
	return o
}

func readActivity(r *row) plugin.Activity {
	a := plugin.Activity{
		ID:            r.text("id"),
		Kind:          r.activityKind(),
		Subject:       r.text("subject"),
		OwnerID:       r.ref("owner_id"),
		AccountID:     r.ref("account_id"),
		OpportunityID: r.ref("opportunity_id"),
		Status:        r.text("status"),
		Priority:      r.priority(),
		DueDate:       r.time("due_date"),
		CompletedAt:   r.time("completed_at"),
		RawType:       r.text("raw_type"),
		Line:          r.Line,
	}
	if a.RawType == "" {
		a.RawType = rawKind(r)
	}
	closed, set := r.boolean("is_closed")
	if !set {
		closed = !a.CompletedAt.IsZero()
	}
	a.IsClosed = closed
	schedule(r, &a)
	return a
}

// rawKind is the kind column as written ("Telefoongesprek"): the CRM's
// own type, which the audit's classification rules can match on.
func rawKind(r *row) string {
	f := r.file.mapping.fields["kind"]
	if f == nil || f.constant != nil {
		return ""
	}
	return strings.TrimSpace(r.cell(f))
}

// schedule sets when the activity happened and how long it took. As in the
// other connectors, a task without a start is placed when it was
// completed, else on its due date; a duration without an end gives the
// end, an end without a duration the duration.
func schedule(r *row, a *plugin.Activity) {
	start, end := r.time("start_at"), r.time("end_at")
	seconds, hasDuration := r.duration()
	if r.err != nil {
		return
	}
	a.StartAt = plugin.FirstSet(start, a.CompletedAt, a.DueDate)
	if a.StartAt.IsZero() {
		r.failField("start_at", "the activity has no time: its start, completion and due date are all empty")
		return
	}
	if end.IsZero() && hasDuration && !start.IsZero() {
		end = start.Add(time.Duration(seconds) * time.Second)
	}
	if !end.IsZero() && end.Before(a.StartAt) {
		r.failField("end_at", "the activity ends (%s) before it starts (%s)", end.Format(time.DateTime), a.StartAt.Format(time.DateTime))
		return
	}
	a.EndAt = end
	switch {
	case hasDuration:
		a.DurationSeconds = seconds
	case !end.IsZero():
		a.DurationSeconds = int64(end.Sub(a.StartAt) / time.Second)
	}
}

func readAttendee(r *row) plugin.Attendee {
	at := plugin.Attendee{
		ActivityID: r.text("activity_id"),
		UserID:     r.ref("user_id"),
		ContactID:  r.text("contact_id"),
		Email:      r.text("email"),
		Name:       r.text("name"),
		Response:   r.text("response"),
		Line:       r.Line,
	}
	internal, set := r.boolean("internal")
	if !set {
		internal = at.UserID != ""
	}
	at.Internal = internal
	at.Organizer, _ = r.boolean("organizer")
	if r.err == nil && at.UserID == "" && at.ContactID == "" && at.Email == "" && at.Name == "" {
		r.failField("user_id", "the attendee has no user, contact, e-mail or name")
	}
	return at
}

func day(t time.Time) string { return t.Format(time.DateOnly) }
