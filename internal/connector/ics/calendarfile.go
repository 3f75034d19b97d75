package ics

import (
	"fmt"
	"sort"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// calendarFile is one file read: its calendars' own properties and its
// units, the rows of the accounting, in the order of the file.
type calendarFile struct {
	// name and owner are the first X-WR-CALNAME and X-OWNER.
	name, owner string
	ownerLine   int64
	units       []*unit
	// decoding is how its lines were decoded (decodeText).
	decoding plugin.Decoding
}

// unit is one row: a VEVENT (whose occurrences may be several rows, see
// read.go), a component that is not an event, or text that could not be
// read at all.
type unit struct {
	line      int64
	endOffset int64
	event     *vevent
	problem   *rowProblem
	skip      string
	// overridden are the RECURRENCE-ID keys of a recurring event's
	// instances that another VEVENT of the file replaces.
	overridden map[string]bool
	// master is the recurring event whose instance this one replaces.
	master *vevent
	// futureFrom, on a recurring event, is the key of its first instance
	// a RANGE=THISANDFUTURE override replaces: it yields none from there.
	futureFrom string
	// future, on a RANGE=THISANDFUTURE override of a recurring event, is
	// the span of the series it replaces (recurrence.go).
	future *futureRange
}

// rowProblem is why a row is rejected.
type rowProblem struct {
	line   int64
	field  string
	reason string
	raw    string
}

// Reasons rows are skipped.
const (
	skipTask       = "a VTODO (task), not an event"
	skipJournal    = "a VJOURNAL (note), not an event"
	skipFreeBusy   = "a VFREEBUSY (free/busy block without details), not an event"
	skipSuperseded = "an older copy of an event the file holds again (lower SEQUENCE or earlier in the file)"
	skipITIP       = "an iTIP message that answers an invitation (REPLY, COUNTER, REFRESH), not an event"
)

var skipByComponent = map[string]string{"VTODO": skipTask, "VJOURNAL": skipJournal, "VFREEBUSY": skipFreeBusy}

// calendarProps are a VCALENDAR's own properties the connector uses.
type calendarProps struct {
	name, owner, timezone, method string
	ownerLine                     int64
}

// parseFile reads a calendar file's text. floating, when not nil, is the
// zone of floating times and all-day dates the user chose; otherwise each
// calendar's X-WR-TIMEZONE, else UTC.
func parseFile(text string, floating *time.Location) *calendarFile {
	framed := frame(text)
	file := &calendarFile{}
	zones := newZoneSet()
	for _, cal := range framed.calendars {
		defineZones(cal, zones)
	}
	private := privateSeries(framed.calendars)
	for _, cal := range framed.calendars {
		cp := readCalendarProps(cal)
		if file.name == "" {
			file.name = cp.name
		}
		if file.owner == "" {
			file.owner, file.ownerLine = cp.owner, cp.ownerLine
		}
		d := eventDecoder{tc: timeContext{zones: zones, floating: floatingZone(floating, cp.timezone)}, method: cp.method,
			privateSeries: private}
		for _, c := range cal.components {
			if u := d.unitOf(c); u != nil {
				file.units = append(file.units, u)
			}
		}
	}
	for _, s := range framed.stray {
		file.units = append(file.units, &unit{line: s.line, problem: &rowProblem{line: s.line, reason: s.reason, raw: s.raw}})
	}
	sort.SliceStable(file.units, func(i, j int) bool { return file.units[i].line < file.units[j].line })
	groupRecurrences(file.units)
	return file
}

// defineZones adds a calendar's VTIMEZONEs to the file's zones. They are
// read before any event, as a VTIMEZONE may come after the events using it.
func defineZones(cal *calendarBlock, zones *zoneSet) {
	for _, c := range cal.components {
		if c.name != "VTIMEZONE" {
			continue
		}
		if c.broken != nil {
			zones.defineBroken(tzidOfLines(c), c.broken.reason)
			continue
		}
		base, err := parseComponent(c)
		if err != nil {
			zones.defineBroken(tzidOfLines(c), err.Error())
			continue
		}
		zones.define(base, c.line)
	}
}

// tzidOfLines finds a VTIMEZONE's TZID in its raw lines, for one the
// library could not parse.
func tzidOfLines(c *component) string {
	for _, l := range c.propertyLines("TZID") {
		if _, value, ok := strings.Cut(l.text, ":"); ok {
			return value
		}
	}
	return ""
}

// readCalendarProps reads a VCALENDAR's own content lines through the
// library.
func readCalendarProps(cal *calendarBlock) calendarProps {
	var cp calendarProps
	var text strings.Builder
	for _, l := range cal.props {
		text.WriteString(l.text)
		text.WriteString("\r\n")
	}
	stream := ical.NewCalendarStream(strings.NewReader(text.String()))
	for {
		line, err := stream.ReadLine()
		if line != nil && len(*line) > 0 {
			cp.add(*line, cal)
		}
		if err != nil || line == nil {
			return cp
		}
	}
}

func (cp *calendarProps) add(line ical.ContentLine, cal *calendarBlock) {
	defer func() { _ = recover() }() // an unreadable calendar property is ignored
	prop, err := ical.ParseProperty(line)
	if err != nil || prop == nil {
		return
	}
	value := strings.TrimSpace(prop.Value)
	switch strings.ToUpper(prop.IANAToken) {
	case "X-WR-CALNAME":
		cp.name = value
	case "X-OWNER":
		cp.owner = addressOf(prop)
		cp.ownerLine = cal.line
		for _, l := range cal.props {
			if propertyName(l.text) == "X-OWNER" {
				cp.ownerLine = l.number
				break
			}
		}
	case "X-WR-TIMEZONE":
		cp.timezone = value
	case "METHOD":
		cp.method = strings.ToUpper(value)
	}
}

// floatingZone is the zone of floating times: the user's choice, else the
// calendar's X-WR-TIMEZONE (Google and Apple write it), else UTC.
func floatingZone(chosen *time.Location, calendarTimezone string) zone {
	if chosen != nil {
		return locationZone{chosen}
	}
	if calendarTimezone != "" {
		if loc, err := loadIANA(calendarTimezone); err == nil {
			return locationZone{loc}
		}
		if name, ok := value.WindowsZone(calendarTimezone); ok {
			if loc, err := loadIANA(name); err == nil {
				return locationZone{loc}
			}
		}
	}
	return utcZone
}

// unitOf turns a component into a row, or nil for one that is not a row
// (VTIMEZONE, X- components).
func (d eventDecoder) unitOf(c *component) *unit {
	u := &unit{line: c.line, endOffset: c.endOffset}
	switch {
	case c.name != "VEVENT":
		if reason, ok := skipByComponent[c.name]; ok {
			u.skip = reason
			return u
		}
		return nil
	case c.broken != nil:
		u.problem = &rowProblem{line: c.broken.line, reason: c.broken.reason, raw: c.broken.raw}
		if d.privateComponent(c) {
			u.problem.redact(c, true)
		}
	case d.method == "REPLY" || d.method == "COUNTER" || d.method == "DECLINECOUNTER" || d.method == "REFRESH":
		u.skip = skipITIP
	default:
		u.event, u.problem = d.read(c)
		if u.problem != nil && d.privateComponent(c) {
			u.problem.redact(c, false)
		}
	}
	return u
}

// read parses a VEVENT through the library and decodes it.
func (d eventDecoder) read(c *component) (*vevent, *rowProblem) {
	base, err := parseComponent(c)
	if err != nil {
		problem := &rowProblem{line: c.line, reason: fmt.Sprintf("the VEVENT cannot be read: %v", err), raw: excerpt(c.lines)}
		if l, logical, ok := locateUnreadable(c); ok {
			problem.line, problem.raw = l.number, clip(l.text)
			problem.field = plugin.Clip(propertyName(l.text), 64)
			problem.reason = fmt.Sprintf("line %d is not a valid iCalendar content line: %s (%v)", l.number, whatIsWrong(logical), err)
		}
		return nil, problem
	}
	e, fp := d.decode(c, base)
	if fp != nil {
		return nil, &rowProblem{line: fp.line.number, field: fp.field, reason: fp.reason, raw: clip(fp.line.text)}
	}
	return e, nil
}

// groupRecurrences keeps one copy of each event (the highest SEQUENCE, the
// later one on a tie: iTIP updates are appended) and tells each recurring
// event which of its instances other VEVENTs replace.
func groupRecurrences(units []*unit) {
	latest := map[string]*unit{}
	for _, u := range units {
		if u.event == nil {
			continue
		}
		key := instanceKey(u.event)
		if kept, ok := latest[key]; ok {
			if u.event.sequence < kept.event.sequence {
				u.event, u.skip = nil, skipSuperseded
				continue
			}
			kept.event, kept.skip = nil, skipSuperseded
		}
		latest[key] = u
	}
	masters := map[string]*unit{}
	futures := map[*unit][]*unit{} // a series' THISANDFUTURE overrides
	for _, u := range units {
		if u.event != nil && u.event.recurrenceID == nil {
			masters[u.event.uid] = u
		}
	}
	for _, u := range units {
		if u.event == nil || u.event.recurrenceID == nil {
			continue
		}
		if m, ok := masters[u.event.uid]; ok {
			if m.overridden == nil {
				m.overridden = map[string]bool{}
			}
			m.overridden[keyAs(*u.event.recurrenceID, m.event.start.allDay)] = true
			u.master = m.event
			if u.event.rangeFuture && m.event.recurring() {
				futures[m] = append(futures[m], u)
			}
		}
	}
	for m, overrides := range futures {
		splitSeries(m, overrides)
	}
}

// splitSeries gives each RANGE=THISANDFUTURE override of a series the
// instances from its own up to the next such override's (Apple Calendar
// writes one each time "all future events" are changed), and the series
// those before the first.
func splitSeries(m *unit, overrides []*unit) {
	allDay := m.event.start.allDay
	keyOf := func(u *unit) string { return keyAs(*u.event.recurrenceID, allDay) }
	// Keys of one kind (all dates, or all UTC date-times) sort as the
	// instants they stand for.
	sort.SliceStable(overrides, func(i, j int) bool { return keyOf(overrides[i]) < keyOf(overrides[j]) })
	m.futureFrom = keyOf(overrides[0])
	for i, u := range overrides {
		u.future = &futureRange{series: m.event, overridden: m.overridden, from: keyOf(u)}
		if i+1 < len(overrides) {
			u.future.until = keyOf(overrides[i+1])
		}
	}
}

// instanceKey identifies an event or one instance of it within a file.
func instanceKey(e *vevent) string {
	if e.recurrenceID == nil {
		return e.uid + "\x00"
	}
	return e.uid + "\x00" + e.recurrenceID.key()
}
