package ics

import (
	"io"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
)

// calendarWriter turns the rows of one calendar file into records.
type calendarWriter struct {
	fw      *plugin.FileWriter
	owner   inferredOwner
	company company
	window  window
}

// calendarRow is one row of a calendar file, for the host's accounting: a
// person whose user record the file carries, a component that yields no
// activity (rejected, with the problem, or skipped, with why), or one
// occurrence of an event.
type calendarRow struct {
	user      *person
	problem   *rowProblem
	skip      string
	event     *vevent
	occ       occurrence
	attendees []plugin.Attendee
	// private: the event counts as its owner's time, without its subject
	// or people (private.go).
	private bool
}

// rows are what a component becomes: one row, or one per occurrence of a
// recurring event inside the audit period.
func (cw *calendarWriter) rows(u *unit) []calendarRow {
	switch {
	case u.problem != nil:
		return []calendarRow{{problem: u.problem}}
	case u.skip != "":
		return []calendarRow{{skip: u.skip}}
	}
	e := u.event
	private := u.private()
	if cw.owner.email == "" {
		problem := &rowProblem{line: e.line(), reason: cw.owner.problem, raw: excerpt(e.comp.lines)}
		if private {
			problem.redact(e.comp, true) // the reason is about the file, not the event
		}
		return []calendarRow{{problem: problem}}
	}
	if reason := cw.notTimeSpent(u); reason != "" {
		return []calendarRow{{skip: reason}}
	}
	occs, problem, skip := cw.occurrences(u)
	switch {
	case problem != nil:
		return []calendarRow{{problem: problem}}
	case skip != "":
		return []calendarRow{{skip: skip}}
	}
	var attendees []plugin.Attendee
	if !private {
		attendees = cw.company.attendees(e)
	}
	rows := make([]calendarRow, len(occs))
	for i, o := range occs {
		rows[i] = calendarRow{event: e, occ: o, attendees: attendees, private: private}
	}
	return rows
}

// write maps one row, following the SDK's row protocol.
func (cw *calendarWriter) write(row calendarRow) error {
	switch {
	case row.user != nil:
		return cw.fw.User(userOf(row.user))
	case row.problem != nil:
		return plugin.FieldError(row.problem.field, "%s", plugin.Clip(row.problem.reason, maxReasonBytes))
	case row.skip != "":
		return plugin.Skip(row.skip)
	}
	return cw.fw.Activity(cw.activity(row))
}

// calendarRows are the rows of one calendar file, a plugin.RowSource: the
// users the file first names, then what each component becomes, expanded
// one component at a time.
type calendarRows struct {
	cw         *calendarWriter
	pending    []calendarRow
	units      []*unit
	read, size int64
	decoding   plugin.Decoding
}

// Decoding is how the file's lines were decoded, for its summary.
func (r *calendarRows) Decoding() plugin.Decoding { return r.decoding }

func (r *calendarRows) Next() (calendarRow, error) {
	for len(r.pending) == 0 {
		if len(r.units) == 0 {
			return calendarRow{}, io.EOF
		}
		u := r.units[0]
		r.units, r.read = r.units[1:], u.endOffset
		r.pending = r.cw.rows(u)
	}
	row := r.pending[0]
	r.pending = r.pending[1:]
	return row, nil
}

// Line is where the row starts: the problem's line for a rejected row.
func (r *calendarRows) Line(row calendarRow) int64 {
	switch {
	case row.problem != nil:
		return row.problem.line
	case row.event != nil:
		return row.event.line()
	case row.user != nil:
		return row.user.line
	}
	return 0
}

// Excerpt is the rejected row's text, kept with its problem.
func (r *calendarRows) Excerpt(row calendarRow) string {
	if row.problem != nil {
		return row.problem.raw
	}
	return ""
}

func (r *calendarRows) Position() (read, size int64) { return r.read, r.size }

var _ plugin.RowSource[calendarRow] = (*calendarRows)(nil)

// notTimeSpent says why an event does not count as the owner's time, if
// it does not.
func (cw *calendarWriter) notTimeSpent(u *unit) string {
	e := u.event
	switch {
	case e.cancelled():
		return skipCancelled
	case u.master != nil && u.master.cancelled():
		return skipSeriesCancelled
	}
	for _, p := range e.participants() {
		if p.email == cw.owner.email && p.partstat == "DECLINED" {
			return skipDeclined
		}
	}
	if e.free() {
		return skipFree
	}
	return ""
}

// occurrences are the event's occurrences inside the audit period.
func (cw *calendarWriter) occurrences(u *unit) ([]occurrence, *rowProblem, string) {
	e := u.event
	if u.future != nil {
		occs, err := u.future.expand(e, cw.window)
		if err != nil {
			// The rule is the series': its line tells what is wrong.
			l := u.future.series.comp.propertyLine("RRULE")
			return nil, &rowProblem{line: l.number, field: "RRULE", reason: err.Error(), raw: clip(l.text)}, ""
		}
		if len(occs) == 0 {
			return nil, nil, cw.window.skipNoOccurrence()
		}
		return occs, nil, ""
	}
	if !e.recurring() {
		o := instanceOf(e, u.master)
		switch {
		case e.recurrenceID == nil && u.overridden[o.key]:
			return nil, nil, skipReplaced
		case !cw.window.contains(o.start):
			return nil, nil, cw.window.skipOutside()
		}
		return []occurrence{o}, nil, ""
	}
	occs, err := e.expand(u.overridden, u.futureFrom, cw.window)
	if err != nil {
		l := e.comp.propertyLine("RRULE")
		return nil, &rowProblem{line: l.number, field: "RRULE", reason: err.Error(), raw: clip(l.text)}, ""
	}
	if len(occs) == 0 {
		return nil, nil, cw.window.skipNoOccurrence()
	}
	return occs, nil, ""
}

// activity is one occurrence as the audit sees it. An all-day occurrence
// is an event flagged all-day in RawType, with no duration: it marks a
// day (a trade fair, a day off), it does not measure time spent. A
// private one keeps its times and flags only.
func (cw *calendarWriter) activity(row calendarRow) plugin.Activity {
	e, o := row.event, row.occ
	subject := e.summary
	if row.private {
		subject = ""
	}
	a := plugin.Activity{
		ID:              e.uid + "/" + o.key + "/" + cw.owner.email,
		Kind:            plugin.ActivityMeeting,
		Subject:         subject,
		OwnerID:         cw.owner.email,
		StartAt:         o.start,
		EndAt:           o.end,
		DurationSeconds: int64(o.end.Sub(o.start) / time.Second),
		Status:          e.status,
		RawType:         rawType(e, o),
		Private:         row.private,
		Attendees:       row.attendees,
		Line:            e.line(),
	}
	if o.allDay {
		a.Kind, a.DurationSeconds = plugin.ActivityEvent, 0
	}
	return a
}

// RawType flags, comma-separated, in this order: the words gcal and graph
// use.
const (
	flagAllDay      = calendars.FlagAllDay
	flagTentative   = calendars.FlagTentative
	flagOutOfOffice = calendars.FlagOutOfOffice
)

// rawType flags what the calendar says of the occurrence beyond its
// times: all-day, tentative or out of office (Outlook's TENTATIVE, OOF).
// Shown as free is not a flag: such an event is skipped (notTimeSpent).
func rawType(e *vevent, o occurrence) string {
	return calendars.Flags{}.With(o.allDay, flagAllDay).
		With(e.busyStatus == "TENTATIVE", flagTentative).
		With(e.busyStatus == "OOF", flagOutOfOffice).String()
}
