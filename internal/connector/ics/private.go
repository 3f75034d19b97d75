package ics

import (
	"strings"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
)

// Private events. The audit counts an event its owner marked private as
// the owner's time and nothing more (docs/privacy.md): its subject,
// place and people never leave the connector, as graph and gcal do with
// Outlook's sensitivity and Google's visibility. In iCalendar that is
// CLASS (RFC 5545 §3.8.1.3): PRIVATE and CONFIDENTIAL are private, and so
// is a value the connector does not know, as the RFC tells readers to
// treat one; PUBLIC or no CLASS is public.

// classOf is the component's own CLASS, upper-cased, "" when it has none.
// It is read from the lines as written, so that it is known also for a
// VEVENT the library cannot parse, whose reject must not show it.
func classOf(c *component) string {
	for _, l := range logicalLines(c) {
		if propertyName(l.text) != "CLASS" {
			continue
		}
		// A CLASS value holds no colon: the last one ends the name and
		// any parameters.
		if i := strings.LastIndex(l.text, ":"); i >= 0 {
			return strings.ToUpper(strings.TrimSpace(l.text[i+1:]))
		}
		return "?" // a CLASS line without a value hides something all the same
	}
	return ""
}

// privateSeries are the UIDs of the calendars' private VEVENTs that are
// no moved instance (no RECURRENCE-ID): their series. Read from the raw
// lines before any event is decoded, so that a moved instance that cannot
// be read is known to be private too (privateComponent).
func privateSeries(cals []*calendarBlock) map[string]bool {
	out := map[string]bool{}
	for _, cal := range cals {
		for _, c := range cal.components {
			if c.name == "VEVENT" && len(c.propertyLines("RECURRENCE-ID")) == 0 && privateClass(classOf(c)) {
				out[uidOf(c)] = true
			}
		}
	}
	return out
}

// privateComponent says whether a VEVENT is private, before or without
// decoding it (for its reject): by its own CLASS, or, a moved instance
// with none, by its series' (as unit.private says of one decoded).
func (d eventDecoder) privateComponent(c *component) bool {
	if class := classOf(c); class != "" {
		return privateClass(class)
	}
	return len(c.propertyLines("RECURRENCE-ID")) > 0 && d.privateSeries[uidOf(c)]
}

// uidOf is a VEVENT's UID as its raw lines give it, or "".
func uidOf(c *component) string {
	for _, l := range logicalLines(c) {
		if propertyName(l.text) != "UID" {
			continue
		}
		if _, value, ok := strings.Cut(l.text, ":"); ok {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

// privateClass says whether a CLASS keeps the event private.
func privateClass(class string) bool { return class != "" && class != "PUBLIC" }

// privateUnit says whether a unit's event is private: by its own CLASS,
// or, for a moved instance that has none, by its series' (an instance
// edited apart from a private series is still the private series).
func (u *unit) private() bool {
	class := u.event.class
	if class == "" && u.master != nil {
		class = u.master.class
	}
	return privateClass(class)
}

// privateLines are all a reject of a private VEVENT may show: what makes
// it a row and when it happens, never its subject, place or people.
var privateLines = []string{"BEGIN", "END", "UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID",
	"RRULE", "RDATE", "EXDATE", "SEQUENCE", "STATUS", "CLASS", "TRANSP"}

// redact makes a private VEVENT's reject show only privateLines in its
// excerpt. A reason about a line not kept, or about no one line (the
// library's error may quote any), is replaced by one that quotes nothing,
// unless structural says the reason is about BEGIN and END lines only.
func (p *rowProblem) redact(c *component, structural bool) {
	if !structural && !calendars.Shown(p.field, privateLines) {
		p.reason = calendars.HiddenReason
	}
	var kept []string
	for _, l := range logicalLines(c) {
		if calendars.Shown(propertyName(l.text), privateLines) {
			kept = append(kept, l.text)
		}
	}
	p.raw = clip(strings.Join(kept, "\n") + "\n(private event: its other lines are not shown)")
}

// logicalLines are the component's content lines, folded lines joined,
// for its own properties only (a nested VALARM's are left out): the
// number is the line each begins on.
func logicalLines(c *component) []sourceLine {
	var out []sourceLine
	depth := 0
	for _, l := range c.lines {
		keyword, _ := delimiter(l.text)
		continued := l.text != "" && (l.text[0] == ' ' || l.text[0] == '\t' || l.text[0] == ':')
		switch {
		case continued && len(out) > 0:
			if depth == 1 {
				out[len(out)-1].text += strings.TrimLeft(l.text[:1], " \t") + l.text[1:]
			}
			continue
		case keyword == "BEGIN":
			depth++
			if depth == 1 {
				out = append(out, l)
			}
			continue
		case keyword == "END":
			depth--
			if depth == 0 {
				out = append(out, l)
			}
			continue
		}
		if depth == 1 {
			out = append(out, l)
		}
	}
	return out
}
