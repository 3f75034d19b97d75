package ics

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// window is the audit period, [from, to) in UTC: only occurrences that
// start inside it are streamed. how says where it comes from, for the
// reasons of what it leaves out.
type window struct {
	from, to time.Time
	how      string
}

func (w window) contains(t time.Time) bool { return !t.Before(w.from) && t.Before(w.to) }

// String names the window's days (the last one included) and where they
// come from: a skip must not claim an audit period the user never gave.
func (w window) String() string {
	if w.from.IsZero() {
		return "(" + w.how + ")"
	}
	return fmt.Sprintf("%s to %s (%s)", w.from.Format(time.DateOnly), w.to.AddDate(0, 0, -1).Format(time.DateOnly), w.how)
}

// skipOutside and skipNoOccurrence are why an event, or a recurring
// event, yields no occurrence in the window.
func (w window) skipOutside() string { return "outside the window read, " + w.String() }

func (w window) skipNoOccurrence() string {
	return "a recurring event with no occurrence in the window read, " + w.String()
}

// occurrence is one instance of an event.
type occurrence struct {
	// key is the instance's original start (its RECURRENCE-ID), stable
	// when one instance is moved, and shared by every calendar that holds
	// the meeting.
	key        string
	start, end time.Time
	allDay     bool
}

// maxRecurrenceSteps bounds the instances generated for one recurring
// event, those before the period included: a daily meeting since 1990 is
// some 13,000; a rule that yields more is a broken or hostile file.
const maxRecurrenceSteps = 100_000

// wallMargin covers the difference between a wall time and its instant
// (under a day everywhere) when comparing wall times with the period.
const wallMargin = 48 * time.Hour

// instanceOf is the single occurrence of an event that does not recur: a
// one-off event, or one instance of a recurring event moved or changed
// (RECURRENCE-ID), under the key of the instance it replaces.
func instanceOf(e, master *vevent) occurrence {
	key := e.start.key()
	if e.recurrenceID != nil {
		allDay := e.recurrenceID.allDay
		if master != nil {
			allDay = master.start.allDay
		}
		key = keyAs(*e.recurrenceID, allDay)
	}
	return occurrence{key: key, start: e.start.utc(), end: e.endOf(e.start), allDay: e.start.allDay}
}

// keyAs is an instance key for an event that is all-day or not, whatever
// the value's own type: exporters mix DATE and DATE-TIME values.
func keyAs(t icalTime, allDay bool) string {
	if allDay {
		return t.wall.Format(dateLayout)
	}
	if t.allDay {
		t.allDay = false // midnight of the date in the floating zone
	}
	return t.key()
}

// endOf is when an instance starting at start ends. An end given by DTEND
// lasts as long as the first instance; a DURATION in days is counted in
// days of the calendar, so that it keeps its length in wall-clock time
// across a change of time, as RFC 5545 says.
func (e *vevent) endOf(start icalTime) time.Time {
	switch {
	case e.end != nil:
		return start.utc().Add(e.end.Sub(e.start.utc()))
	case e.endDate != nil:
		days := int(e.endDate.wall.Sub(e.start.wall).Hours() / 24)
		return start.zone.toUTC(start.wall.AddDate(0, 0, days))
	case e.duration != nil:
		return e.duration.end(start)
	case start.allDay:
		return start.zone.toUTC(start.wall.AddDate(0, 0, 1))
	}
	return start.utc() // RFC 5545: a DATE-TIME start alone lasts no time
}

// expand lists a recurring event's occurrences inside the window, in
// order: DTSTART, the RRULE's instances and the RDATEs, less the EXDATEs,
// the instances other VEVENTs replace (overridden) and those from the
// key futureFrom on, which a RANGE=THISANDFUTURE override replaces.
func (e *vevent) expand(overridden map[string]bool, futureFrom string, w window) ([]occurrence, error) {
	ex := newExpansion(e, overridden, w)
	ex.until = futureFrom
	return ex.run()
}

// futureRange is what a RANGE=THISANDFUTURE override replaces of its
// series: the instances whose keys are from its own (from) up to the next
// such override's (until, "" for none).
type futureRange struct {
	series      *vevent
	overridden  map[string]bool
	from, until string
}

// expand lists the occurrences a THISANDFUTURE override e stands for
// inside the window, in order: its own, and the series' later instances
// as RFC 5545 §3.8.4.4 has it: each takes the override's properties (the
// caller writes them as e), and is moved as e moves its own instance,
// its start by the same shift and its length by the same change.
func (f *futureRange) expand(e *vevent, w window) ([]occurrence, error) {
	ex := newExpansion(f.series, f.overridden, w)
	ex.from, ex.until = f.from, f.until
	rid := *e.recurrenceID
	ex.shift = f.shift(e)
	own := instanceOf(e, f.series)
	ex.stretch = own.end.Sub(own.start) - f.series.endOf(rid).Sub(rid.utc())
	if w.contains(own.start) {
		ex.found[own.key] = own
	}
	return ex.run()
}

// shift is how far e moves its instance, in the series' wall-clock time:
// a meeting moved from 15:00 to 17:00 stays at 17:00 across a change of
// time, as the series' own instances keep their wall-clock time.
func (f *futureRange) shift(e *vevent) time.Duration {
	rid := *e.recurrenceID
	if f.series.start.allDay || rid.allDay || e.start.allDay {
		return e.start.wall.Sub(rid.wall) // dates: a number of days
	}
	z := f.series.start.zone
	return z.toWall(e.start.utc()).Sub(z.toWall(rid.utc()))
}

type expansion struct {
	e            *vevent
	overridden   map[string]bool
	excluded     map[string]bool
	excludedDays map[string]bool // EXDATE;VALUE=DATE on an event with times
	w            window
	found        map[string]occurrence
	// from and until, when not "", keep the instances whose keys are in
	// [from, until): a series split by THISANDFUTURE overrides.
	from, until string
	// shift moves each instance's start in wall-clock time, and stretch
	// changes its length: what a THISANDFUTURE override does to its own.
	shift, stretch time.Duration
}

func newExpansion(e *vevent, overridden map[string]bool, w window) *expansion {
	ex := &expansion{e: e, overridden: overridden, w: w,
		excluded: map[string]bool{}, excludedDays: map[string]bool{}, found: map[string]occurrence{}}
	for _, t := range e.exdates {
		if t.allDay && !e.start.allDay {
			ex.excludedDays[t.wall.Format(dateLayout)] = true
			continue
		}
		ex.excluded[keyAs(t, e.start.allDay)] = true
	}
	return ex
}

func (ex *expansion) run() (occs []occurrence, err error) {
	e := ex.e
	defer func() {
		if r := recover(); r != nil {
			occs, err = nil, fmt.Errorf("RRULE %q cannot be expanded: %v", e.rule, r)
		}
	}()
	ex.add(e.start, nil)
	if e.rule != "" {
		if err := ex.addRule(); err != nil {
			return nil, err
		}
	}
	for _, t := range e.rdates {
		ex.add(t, nil)
	}
	for _, p := range e.rperiods {
		end := p.end
		ex.add(p.start, &end)
	}
	return ex.sorted(), nil
}

func (ex *expansion) add(t icalTime, end *time.Time) {
	key := keyAs(t, ex.e.start.allDay)
	if ex.excluded[key] || ex.overridden[key] || ex.excludedDays[t.wall.Format(dateLayout)] {
		return
	}
	if (ex.from != "" && key < ex.from) || (ex.until != "" && key >= ex.until) {
		return
	}
	if _, dup := ex.found[key]; dup {
		return
	}
	length := ex.e.endOf(t).Sub(t.utc())
	if end != nil {
		length = end.Sub(t.utc())
	}
	t.wall = t.wall.Add(ex.shift)
	start := t.utc()
	if !ex.w.contains(start) {
		return
	}
	ex.found[key] = occurrence{key: key, start: start, end: start.Add(length + ex.stretch), allDay: t.allDay}
}

// addRule adds the RRULE's instances, generated in the event's wall-clock
// time, up to the end of the window only: most rules never end.
func (ex *expansion) addRule() error {
	e := ex.e
	opt, err := e.ruleOptions()
	if err != nil {
		return err
	}
	// An UNTIL no later than the window's end stops the library's
	// generation there; without one, its default would end the rule
	// 290 years after DTSTART.
	// Instances are generated before their shift: the window moves back.
	last := ex.w.to.Add(wallMargin - ex.shift)
	if opt.Until.IsZero() || opt.Until.After(last) {
		opt.Until = last
	}
	first := ex.w.from.Add(-wallMargin - ex.shift)
	return e.eachInstance(opt, func(wall time.Time) bool {
		if wall.After(last) {
			return false
		}
		if !wall.Before(first) {
			ex.add(icalTime{wall: wall, zone: e.start.zone, allDay: e.start.allDay}, nil)
		}
		return true
	})
}

// eachInstance calls fn with the instances of the rule opt, in wall-clock
// time and in order, until they end or fn returns false; past
// maxRecurrenceSteps instances it stops with an error.
func (e *vevent) eachInstance(opt *rrule.ROption, fn func(wall time.Time) bool) error {
	rule, err := rrule.NewRRule(*opt)
	if err != nil {
		return fmt.Errorf("RRULE %q: %w", e.rule, err)
	}
	next := rule.Iterator()
	for steps := 0; ; steps++ {
		if steps == maxRecurrenceSteps {
			return fmt.Errorf("RRULE %q yields more than %d instances before the end of the audit period", e.rule, maxRecurrenceSteps)
		}
		wall, ok := next()
		if !ok || !fn(wall) {
			return nil
		}
	}
}

// ruleOptions parses the RRULE for generation in wall-clock time.
func (e *vevent) ruleOptions() (*rrule.ROption, error) {
	text, err := cleanRule(e.rule)
	if err != nil {
		return nil, fmt.Errorf("RRULE %q: %w", e.rule, err)
	}
	opt, err := rrule.StrToROptionInLocation(text, time.UTC)
	if err != nil {
		return nil, fmt.Errorf("RRULE %q: %w", e.rule, err)
	}
	switch opt.Freq {
	case rrule.HOURLY, rrule.MINUTELY, rrule.SECONDLY:
		// No calendar application offers them, and the library can
		// loop without end on some of them.
		return nil, fmt.Errorf("RRULE %q recurs %s: rules more frequent than daily are not supported", e.rule, strings.ToLower(opt.Freq.String()))
	}
	opt.Dtstart = e.start.wall
	opt.Until = e.wallUntil(text, opt.Until)
	return opt, nil
}

// wallUntil turns the rule's UNTIL into the event's wall-clock time: an
// UNTIL in UTC is an instant, and a date-only UNTIL on an event with times
// includes that whole day.
func (e *vevent) wallUntil(rule string, until time.Time) time.Time {
	if until.IsZero() {
		return until
	}
	value := ""
	for _, part := range strings.Split(rule, ";") {
		if v, ok := strings.CutPrefix(part, "UNTIL="); ok {
			value = v
		}
	}
	switch {
	case e.start.allDay:
		return until
	case strings.HasSuffix(value, "Z"):
		return e.start.zone.toWall(until)
	case len(value) == len(dateLayout):
		return until.Add(24*time.Hour - time.Second)
	}
	return until
}

func (ex *expansion) sorted() []occurrence {
	occs := make([]occurrence, 0, len(ex.found))
	for _, o := range ex.found {
		occs = append(occs, o)
	}
	sort.Slice(occs, func(i, j int) bool { return occs[i].start.Before(occs[j].start) })
	return occs
}

// lastStart is when a recurring event's last instance starts, if it has
// one: its rule ends (UNTIL or COUNT), or it has none and only RDATEs.
// ok is false for a rule that never ends, or one that cannot be expanded
// (its row is rejected anyway).
func (e *vevent) lastStart() (last time.Time, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			last, ok = time.Time{}, false
		}
	}()
	last = e.start.utc()
	if e.rule != "" {
		opt, err := e.ruleOptions()
		if err != nil || (opt.Until.IsZero() && opt.Count == 0) {
			return time.Time{}, false
		}
		err = e.eachInstance(opt, func(wall time.Time) bool {
			if t := (icalTime{wall: wall, zone: e.start.zone, allDay: e.start.allDay}).utc(); t.After(last) {
				last = t
			}
			return true
		})
		if err != nil {
			return time.Time{}, false
		}
	}
	for _, t := range e.rdates {
		if t.utc().After(last) {
			last = t.utc()
		}
	}
	for _, p := range e.rperiods {
		if p.start.utc().After(last) {
			last = p.start.utc()
		}
	}
	return last, true
}
