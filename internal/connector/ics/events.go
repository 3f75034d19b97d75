package ics

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"
)

// vevent is a VEVENT read and checked: its times resolved, its people
// listed.
type vevent struct {
	comp         *component
	uid          string
	recurrenceID *icalTime
	rangeFuture  bool // RANGE=THISANDFUTURE: replaces its instance and all later ones (RFC 5545 §3.2.13)
	sequence     int
	summary      string
	class        string // CLASS, upper case, "" when not given (classOf)
	status       string // upper case: CONFIRMED, TENTATIVE, CANCELLED
	transparent  bool
	busyStatus   string // Outlook's X-MICROSOFT-CDO-BUSYSTATUS: FREE, TENTATIVE, BUSY, OOF
	start        icalTime
	end          *time.Time    // DTEND as an instant
	endDate      *icalTime     // DTEND of an all-day event
	duration     *icalDuration // DURATION, when there is no DTEND
	rule         string        // RRULE
	rdates       []icalTime
	rperiods     []period
	exdates      []icalTime
	organizer    *participant
	attendees    []participant
	// method is the iTIP method of its VCALENDAR: REQUEST, CANCEL, REPLY…
	method string
}

// line is the line of its BEGIN:VEVENT.
func (e *vevent) line() int64 { return e.comp.line }

// recurring says whether the event stands for a set of occurrences.
func (e *vevent) recurring() bool {
	return e.recurrenceID == nil && (e.rule != "" || len(e.rdates) > 0 || len(e.rperiods) > 0)
}

// cancelled says whether the event is called off: STATUS:CANCELLED, or
// sent in an iTIP CANCEL message.
func (e *vevent) cancelled() bool {
	return e.status == "CANCELLED" || e.method == "CANCEL"
}

// free says whether the owner shows the event as free: TRANSP:TRANSPARENT
// (RFC 5545 §3.8.2.7: it does not take up time), or Outlook's busy status
// FREE, which it writes beside TRANSP and which other clients keep.
func (e *vevent) free() bool { return e.transparent || e.busyStatus == "FREE" }

// participant is an ORGANIZER or ATTENDEE.
type participant struct {
	email     string // lower case; "" when the address is not an e-mail
	name      string // CN
	partstat  string // upper case
	role      string
	cutype    string
	organizer bool
	line      int64
}

// isPerson says whether the participant is a person taking part: rooms,
// resources and groups (CUTYPE) and those copied for information only
// (ROLE=NON-PARTICIPANT) are not.
func (p participant) isPerson() bool {
	switch p.cutype {
	case "ROOM", "RESOURCE", "GROUP":
		return false
	}
	return p.role != "NON-PARTICIPANT"
}

// fieldProblem is a reason to reject a VEVENT, at the line of the
// property at fault.
type fieldProblem struct {
	field  string
	line   sourceLine
	reason string
}

func (p *fieldProblem) Error() string { return p.reason }

// eventDecoder reads the VEVENTs of one VCALENDAR.
type eventDecoder struct {
	tc     timeContext
	method string
	// privateSeries are the UIDs of the file's private series (see
	// privateComponent).
	privateSeries map[string]bool
}

func (d eventDecoder) decode(c *component, base *ical.ComponentBase) (*vevent, *fieldProblem) {
	p := props{base}
	e := &vevent{
		comp:       c,
		summary:    p.prose("SUMMARY"),
		class:      classOf(c),
		status:     strings.ToUpper(p.text("STATUS")),
		busyStatus: strings.ToUpper(p.text("X-MICROSOFT-CDO-BUSYSTATUS")),
		rule:       p.text("RRULE"),
		method:     d.method,
	}
	e.transparent = strings.EqualFold(p.text("TRANSP"), "TRANSPARENT")
	e.sequence, _ = strconv.Atoi(p.text("SEQUENCE"))
	steps := []func(*vevent, props) *fieldProblem{d.times, d.recurrence, d.people}
	for _, step := range steps {
		if problem := step(e, p); problem != nil {
			return nil, problem
		}
	}
	e.uid = p.text("UID")
	if e.uid == "" {
		e.uid = syntheticUID(e)
	}
	return e, nil
}

// syntheticUID stands in for a missing UID (RFC 5545 requires one; some
// exports omit it). It is made of what the copies of one meeting in
// several calendars share, so that they still match.
func syntheticUID(e *vevent) string {
	organizer := ""
	if e.organizer != nil {
		organizer = e.organizer.email
	}
	sum := sha256.Sum256([]byte(e.start.key() + "\x00" + e.summary + "\x00" + organizer))
	return "no-uid-" + hex.EncodeToString(sum[:8])
}

func (d eventDecoder) problem(c *component, field, format string, args ...any) *fieldProblem {
	return &fieldProblem{field: field, line: c.propertyLine(field), reason: fmt.Sprintf(format, args...)}
}

// times reads DTSTART, DTEND or DURATION, and RECURRENCE-ID.
func (d eventDecoder) times(e *vevent, p props) *fieldProblem {
	c := e.comp
	startProp := p.first("DTSTART")
	if startProp == nil {
		return &fieldProblem{field: "DTSTART", line: c.lines[0], reason: "the VEVENT has no DTSTART: when it happens is unknown"}
	}
	start, err := d.tc.time(startProp)
	if err != nil {
		if value := strings.TrimSpace(startProp.Value); !strings.ContainsAny(value, "0123456789") {
			// "Next Year", "TBD", nothing: the writer did not know
			// when, which is data left out, not a date misread.
			return d.problem(c, "DTSTART", "the VEVENT has no start: DTSTART holds %q, which names no date", value)
		}
		return d.problem(c, "DTSTART", "DTSTART: %v", err)
	}
	e.start = start
	if problem := d.end(e, p); problem != nil {
		return problem
	}
	if ridProp := p.first("RECURRENCE-ID"); ridProp != nil {
		rid, err := d.tc.time(ridProp)
		if err != nil {
			return d.problem(c, "RECURRENCE-ID", "RECURRENCE-ID: %v", err)
		}
		e.recurrenceID = &rid
		e.rangeFuture = strings.EqualFold(param(ridProp, "RANGE"), "THISANDFUTURE")
	}
	return nil
}

func (d eventDecoder) end(e *vevent, p props) *fieldProblem {
	c := e.comp
	if endProp := p.first("DTEND"); endProp != nil {
		end, err := d.tc.time(endProp)
		if err != nil {
			return d.problem(c, "DTEND", "DTEND: %v", err)
		}
		switch {
		case e.start.allDay && !end.allDay:
			// EssentialPIM ends an all-day day with a time: one second
			// past the local midnight that begins it (DTEND:
			// 20210101T050001Z after DTSTART;VALUE=DATE:20210101, in New
			// York). An all-day event lasts whole days, so the end is
			// read as the day it falls on, and that day is included.
			end = endingDay(end, e.start.zone)
		case !e.start.allDay && end.allDay:
			// A DATE end after a DATE-TIME start: it ends at the
			// date's midnight.
			end.allDay = false
		}
		if instant := end.utc(); instant.Before(e.start.utc()) {
			return d.problem(c, "DTEND", "the event ends (%s) before it starts (%s)",
				instant.Format(time.RFC3339), e.start.utc().Format(time.RFC3339))
		}
		if end.allDay && end.wall.Equal(e.start.wall) {
			// Calendar Labs' holiday feeds end a one-day event on the
			// day it starts (DTEND:20190101 after DTSTART:20190101);
			// clients show it as that day, as if DTEND were absent.
			return nil
		}
		if end.allDay {
			e.endDate = &end
		} else {
			instant := end.utc()
			e.end = &instant
		}
		return nil
	}
	if value := p.text("DURATION"); value != "" {
		dur, err := parseDuration(value)
		if err != nil {
			return d.problem(c, "DURATION", "DURATION: %v", err)
		}
		e.duration = &dur
	}
	return nil
}

// endingDay reads a DATE-TIME end as the DATE end of an all-day event:
// the day the time falls on in its own zone, or the next day when the time
// is past that day's midnight, in the zone of the all-day start.
func endingDay(end icalTime, dayZone zone) icalTime {
	day := time.Date(end.wall.Year(), end.wall.Month(), end.wall.Day(), 0, 0, 0, 0, time.UTC)
	if end.wall.After(day) {
		day = day.AddDate(0, 0, 1)
	}
	return icalTime{wall: day, zone: dayZone, allDay: true}
}

// recurrence reads RDATE and EXDATE; RRULE is checked when expanded.
func (d eventDecoder) recurrence(e *vevent, p props) *fieldProblem {
	c := e.comp
	for _, prop := range p.all("RDATE") {
		if strings.EqualFold(param(prop, "VALUE"), "PERIOD") || strings.Contains(prop.Value, "/") {
			periods, err := d.tc.periods(prop)
			if err != nil {
				return d.problem(c, "RDATE", "RDATE: %v", err)
			}
			e.rperiods = append(e.rperiods, periods...)
			continue
		}
		times, err := d.tc.times(prop)
		if err != nil {
			return d.problem(c, "RDATE", "RDATE: %v", err)
		}
		e.rdates = append(e.rdates, times...)
	}
	for _, prop := range p.all("EXDATE") {
		times, err := d.tc.times(prop)
		if err != nil {
			return d.problem(c, "EXDATE", "EXDATE: %v", err)
		}
		e.exdates = append(e.exdates, times...)
	}
	return nil
}

// people reads ORGANIZER and ATTENDEE lines.
func (d eventDecoder) people(e *vevent, p props) *fieldProblem {
	c := e.comp
	if prop := p.first("ORGANIZER"); prop != nil {
		o := newParticipant(prop, c.propertyLine("ORGANIZER").number)
		o.organizer = true
		e.organizer = &o
	}
	lines := c.propertyLines("ATTENDEE")
	for i, prop := range p.all("ATTENDEE") {
		line := c.lines[0].number
		if i < len(lines) {
			line = lines[i].number
		}
		e.attendees = append(e.attendees, newParticipant(prop, line))
	}
	return nil
}

func newParticipant(prop *ical.BaseProperty, line int64) participant {
	return participant{
		email:    addressOf(prop),
		name:     param(prop, "CN"),
		partstat: strings.ToUpper(param(prop, "PARTSTAT")),
		role:     strings.ToUpper(param(prop, "ROLE")),
		cutype:   strings.ToUpper(param(prop, "CUTYPE")),
		line:     line,
	}
}

// addressOf is a participant's e-mail: the mailto: address, else the EMAIL
// parameter (Apple writes urn:uuid: addresses with EMAIL=).
func addressOf(prop *ical.BaseProperty) string {
	value := strings.TrimSpace(prop.Value)
	if len(value) > 7 && strings.EqualFold(value[:7], "mailto:") {
		if email := normaliseEmail(value[7:]); email != "" {
			return email
		}
	}
	return normaliseEmail(param(prop, "EMAIL"))
}

// normaliseEmail lower-cases an e-mail address, or returns "" for what is
// not one.
func normaliseEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(s, " \t<>,;:/\"") || strings.Contains(domain, "@") {
		return ""
	}
	return s
}

// domainOf is the domain of an e-mail address.
func domainOf(email string) string {
	_, domain, _ := strings.Cut(email, "@")
	return domain
}

// participants are the event's people, once each by e-mail: Google lists
// the organizer as an attendee too.
func (e *vevent) participants() []participant {
	var out []participant
	index := map[string]int{}
	add := func(p participant) {
		if p.email == "" && p.name == "" {
			return
		}
		if i, ok := index[p.email]; ok && p.email != "" {
			merged := &out[i]
			merged.organizer = merged.organizer || p.organizer
			if merged.partstat == "" {
				merged.partstat = p.partstat
			}
			if merged.name == "" {
				merged.name = p.name
			}
			if merged.cutype == "" {
				merged.cutype = p.cutype
			}
			if p.role != "" {
				merged.role = p.role
			}
			return
		}
		if p.email != "" {
			index[p.email] = len(out)
		}
		out = append(out, p)
	}
	if e.organizer != nil {
		add(*e.organizer)
	}
	for _, a := range e.attendees {
		add(a)
	}
	return out
}
