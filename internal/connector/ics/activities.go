package ics

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// calendarWriter turns the rows of one calendar file into records.
type calendarWriter struct {
	fw      *plugin.FileWriter
	owner   inferredOwner
	company company
	window  window
}

// write streams what a row becomes and returns how many rows it was: one,
// or one per occurrence of a recurring event.
func (cw *calendarWriter) write(u *unit) (int64, error) {
	switch {
	case u.problem != nil:
		return 1, cw.reject(u.problem)
	case u.skip != "":
		cw.fw.Skip(u.skip)
		return 1, nil
	}
	e := u.event
	if cw.owner.email == "" {
		return 1, cw.reject(&rowProblem{line: e.line(), reason: cw.owner.problem, raw: excerpt(e.comp.lines)})
	}
	if reason := cw.notTimeSpent(u); reason != "" {
		cw.fw.Skip(reason)
		return 1, nil
	}
	occs, problem, skip := cw.occurrences(u)
	switch {
	case problem != nil:
		return 1, cw.reject(problem)
	case skip != "":
		cw.fw.Skip(skip)
		return 1, nil
	}
	attendees := cw.company.attendees(e)
	for i, o := range occs {
		if err := cw.fw.Activity(cw.activity(e, o, attendees)); err != nil {
			return int64(i + 1), err
		}
	}
	return int64(len(occs)), nil
}

func (cw *calendarWriter) reject(p *rowProblem) error {
	return cw.fw.Reject(plugin.Reject{Line: p.line, Field: p.field, Reason: plugin.Clip(p.reason, maxReasonBytes), Raw: p.raw, Kind: plugin.KindActivity})
}

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
	return ""
}

// occurrences are the event's occurrences inside the audit period.
func (cw *calendarWriter) occurrences(u *unit) ([]occurrence, *rowProblem, string) {
	e := u.event
	if !e.recurring() {
		o := instanceOf(e, u.master)
		switch {
		case e.recurrenceID == nil && u.overridden[o.key]:
			return nil, nil, skipReplaced
		case !cw.window.contains(o.start):
			return nil, nil, skipOutside
		}
		return []occurrence{o}, nil, ""
	}
	occs, err := e.expand(u.overridden, cw.window)
	if err != nil {
		l := e.comp.propertyLine("RRULE")
		return nil, &rowProblem{line: l.number, field: "RRULE", reason: err.Error(), raw: clip(l.text)}, ""
	}
	if len(occs) == 0 {
		return nil, nil, skipNoOccurrence
	}
	return occs, nil, ""
}

// activity is one occurrence as the audit sees it. An all-day occurrence
// is an event flagged all-day in RawType, with no duration: it marks a
// day (a trade fair, a day off), it does not measure time spent.
func (cw *calendarWriter) activity(e *vevent, o occurrence, attendees []plugin.Attendee) plugin.Activity {
	a := plugin.Activity{
		ID:              e.uid + "/" + o.key + "/" + cw.owner.email,
		Kind:            plugin.ActivityMeeting,
		Subject:         e.summary,
		OwnerID:         cw.owner.email,
		StartAt:         o.start,
		EndAt:           o.end,
		DurationSeconds: int64(o.end.Sub(o.start) / time.Second),
		Status:          e.status,
		RawType:         rawType(e, o),
		Attendees:       attendees,
		Line:            e.line(),
	}
	if o.allDay {
		a.Kind, a.DurationSeconds = plugin.ActivityEvent, 0
	}
	return a
}

// RawType flags, comma-separated, in this order.
const (
	flagAllDay      = "all-day"
	flagFree        = "free"
	flagTentative   = "tentative"
	flagOutOfOffice = "out-of-office"
)

// rawType flags what the calendar says of the occurrence beyond its
// times: all-day, shown as free (TRANSP:TRANSPARENT, Outlook's busy status
// FREE), tentative or out of office (Outlook's TENTATIVE, OOF).
func rawType(e *vevent, o occurrence) string {
	var flags []string
	if o.allDay {
		flags = append(flags, flagAllDay)
	}
	if e.transparent || e.busyStatus == "FREE" {
		flags = append(flags, flagFree)
	}
	switch e.busyStatus {
	case "TENTATIVE":
		flags = append(flags, flagTentative)
	case "OOF":
		flags = append(flags, flagOutOfOffice)
	}
	return strings.Join(flags, ",")
}
