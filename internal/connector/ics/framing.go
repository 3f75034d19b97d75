package ics

import (
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Framing cuts a file into its VCALENDAR objects and their components
// (VEVENT, VTIMEZONE...) by the BEGIN and END lines, keeping the number of
// every physical line. No Go iCalendar library reports line numbers, and
// each stops at the first error in a file; framed, each component is handed
// to the library on its own, so a broken event is rejected with its line
// while the rest of the calendar loads, and a file may hold several
// VCALENDAR objects. The content lines themselves (folding, parameters,
// quoting, escapes) are left to the library.

// sourceLine is one physical line of a file, without its line break.
type sourceLine struct {
	number int64
	text   string
}

// component is one top-level component of a VCALENDAR, BEGIN to END.
type component struct {
	name string // upper case: VEVENT, VTIMEZONE, X-…
	line int64  // the line of its BEGIN
	// lines are its physical lines, BEGIN and END lines upper-cased (the
	// library matches END to BEGIN case-sensitively).
	lines []sourceLine
	// endOffset is the byte offset just past its last line, for progress.
	endOffset int64
	// broken says what is wrong with its BEGIN/END nesting, if anything.
	broken *lineProblem
	// calendar is the VCALENDAR it belongs to.
	calendar *calendarBlock
}

// calendarBlock is one VCALENDAR object.
type calendarBlock struct {
	line int64
	// props are its own content lines (X-WR-CALNAME, METHOD...).
	props      []sourceLine
	components []*component
}

// lineProblem is something wrong at a line of a file.
type lineProblem struct {
	line   int64
	reason string
	raw    string
}

// framedFile is a file cut into calendars.
type framedFile struct {
	calendars []*calendarBlock
	// stray are runs of text outside any VCALENDAR, one per run.
	stray []lineProblem
}

// topLevelOnly are the components that cannot nest inside another
// component: meeting one inside a VEVENT means the VEVENT's END is missing.
var topLevelOnly = map[string]bool{
	"VCALENDAR": true, "VEVENT": true, "VTODO": true, "VJOURNAL": true,
	"VFREEBUSY": true, "VTIMEZONE": true, "VAVAILABILITY": true,
}

// maxNesting bounds how deep components nest (a VEVENT's VALARM is 2):
// the library parses nested components recursively, and a file of a
// million nested BEGIN lines would exhaust the stack.
const maxNesting = 16

// openComponent is a BEGIN whose END has not come yet.
type openComponent struct {
	name string
	line int64
}

type framer struct {
	out      framedFile
	calendar *calendarBlock
	comp     *component
	open     []openComponent // inside comp, comp itself first
	stray    *lineProblem
	// afterExtension: the last line outside a calendar was a trailing
	// X- property, so a folded line continues it.
	afterExtension bool
}

// frame cuts text into calendars and components.
func frame(text string) framedFile {
	f := &framer{}
	var number, offset int64
	for len(text) > 0 {
		var raw string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			raw, text = text[:i], text[i+1:]
			offset += int64(i) + 1
		} else {
			raw, text = text, ""
			offset += int64(len(raw))
		}
		number++
		if len(raw) > plugin.MaxRowBytes {
			f.tooLong(sourceLine{number: number, text: clip(raw)})
			continue
		}
		f.line(sourceLine{number: number, text: strings.TrimSuffix(raw, "\r")}, offset)
	}
	f.finish()
	return f.out
}

// tooLong rejects a line over the SDK's row limit (l holds its start):
// the component it is in is broken, and one outside any is a row of its
// own, so that it is rejected and never handed to the library whole.
func (f *framer) tooLong(l sourceLine) {
	reason := fmt.Sprintf("line %d is over %d MB, the longest a line may be", l.number, plugin.MaxRowBytes>>20)
	if f.comp != nil {
		f.breakComponent(reason)
		return
	}
	f.out.stray = append(f.out.stray, lineProblem{line: l.number, reason: reason, raw: l.text})
	f.stray = nil
}

func (f *framer) line(l sourceLine, offset int64) {
	keyword, name := delimiter(l.text)
	switch {
	case f.comp != nil:
		f.inComponent(l, keyword, name, offset)
	case f.calendar != nil:
		f.inCalendar(l, keyword, name, offset)
	default:
		f.outside(l, keyword, name)
	}
}

// delimiter recognises a BEGIN or END line: ("BEGIN", "VEVENT").
func delimiter(text string) (keyword, name string) {
	if text == "" || text[0] == ' ' || text[0] == '\t' {
		return "", "" // a folded continuation is never a delimiter
	}
	t := strings.TrimSpace(text)
	for _, k := range []string{"BEGIN", "END"} {
		if len(t) > len(k) && strings.EqualFold(t[:len(k)], k) && t[len(k)] == ':' {
			return k, strings.ToUpper(strings.TrimSpace(t[len(k)+1:]))
		}
	}
	return "", ""
}

func (f *framer) outside(l sourceLine, keyword, name string) {
	if keyword == "BEGIN" && name == "VCALENDAR" {
		f.stray = nil
		f.openCalendar(l)
		return
	}
	if strings.TrimSpace(l.text) == "" || f.trailingExtension(l) {
		return
	}
	if f.stray == nil {
		f.out.stray = append(f.out.stray, lineProblem{
			line:   l.number,
			reason: fmt.Sprintf("line %d is outside any BEGIN:VCALENDAR … END:VCALENDAR: not iCalendar data", l.number),
			raw:    clip(l.text),
		})
		f.stray = &f.out.stray[len(f.out.stray)-1]
	}
}

// trailingExtension recognises an X- property, or its folded
// continuation, written after a calendar's END:VCALENDAR: Podio's
// exporter ends its feeds with "X-COMMENT:Cached from …". It says nothing
// about any event, so it is not a reject of the file.
func (f *framer) trailingExtension(l sourceLine) bool {
	if len(f.out.calendars) == 0 || f.stray != nil {
		return false
	}
	if l.text[0] == ' ' || l.text[0] == '\t' {
		return f.afterExtension
	}
	name, _, ok := strings.Cut(l.text, ":")
	name, _, _ = strings.Cut(name, ";")
	f.afterExtension = ok && len(name) > 2 && strings.EqualFold(name[:2], "X-") && !strings.ContainsAny(name, " \t")
	return f.afterExtension
}

func (f *framer) openCalendar(l sourceLine) {
	f.calendar = &calendarBlock{line: l.number}
	f.out.calendars = append(f.out.calendars, f.calendar)
}

func (f *framer) inCalendar(l sourceLine, keyword, name string, offset int64) {
	switch {
	case keyword == "END" && name == "VCALENDAR":
		f.calendar = nil
	case keyword == "BEGIN" && name == "VCALENDAR":
		// The previous calendar lacks its END: tolerated, as its
		// components are complete.
		f.openCalendar(l)
	case keyword == "BEGIN":
		f.comp = &component{name: name, line: l.number, calendar: f.calendar}
		f.open = []openComponent{{name: name, line: l.number}}
		f.comp.lines = append(f.comp.lines, sourceLine{l.number, "BEGIN:" + name})
		f.comp.endOffset = offset
	case keyword == "END":
		// An END with no BEGIN between components: nothing to attach
		// it to, and nothing lost.
	default:
		if strings.TrimSpace(l.text) != "" {
			f.calendar.props = append(f.calendar.props, l)
		}
	}
}

func (f *framer) inComponent(l sourceLine, keyword, name string, offset int64) {
	c := f.comp
	c.endOffset = offset
	switch keyword {
	case "BEGIN":
		if topLevelOnly[name] {
			f.breakComponent(fmt.Sprintf("BEGIN:%s at line %d has no END:%s: line %d begins a %s",
				c.name, c.line, c.name, l.number, name))
			f.closeComponent()
			f.line(l, offset)
			return
		}
		if len(f.open) >= maxNesting {
			f.breakComponent(fmt.Sprintf("BEGIN:%s at line %d nests components more than %d deep", name, l.number, maxNesting))
		}
		f.open = append(f.open, openComponent{name: name, line: l.number})
		c.lines = append(c.lines, sourceLine{l.number, "BEGIN:" + name})
	case "END":
		f.end(l, name)
	default:
		if strings.TrimSpace(l.text) != "" {
			c.lines = append(c.lines, l)
		}
	}
}

func (f *framer) end(l sourceLine, name string) {
	c := f.comp
	innermost := f.open[len(f.open)-1]
	switch {
	case name == innermost.name:
		c.lines = append(c.lines, sourceLine{l.number, "END:" + name})
		f.open = f.open[:len(f.open)-1]
		if len(f.open) == 0 {
			f.closeComponent()
		}
	case name == "VCALENDAR":
		f.breakComponent(fmt.Sprintf("BEGIN:%s at line %d has no END:%s: the calendar ends at line %d",
			c.name, c.line, c.name, l.number))
		f.closeComponent()
		f.calendar = nil
	case name == c.name:
		f.breakComponent(fmt.Sprintf("END:%s at line %d comes while BEGIN:%s of line %d is still open",
			name, l.number, innermost.name, innermost.line))
		c.lines = append(c.lines, sourceLine{l.number, "END:" + name})
		f.closeComponent()
	case name == "":
		f.breakComponent(fmt.Sprintf("line %d reads \"END:\" with no component name where END:%s, closing line %d, should be (a line cut short?)",
			l.number, innermost.name, innermost.line))
	default:
		f.breakComponent(fmt.Sprintf("END:%s at line %d does not match BEGIN:%s of line %d",
			name, l.number, innermost.name, innermost.line))
	}
}

func (f *framer) breakComponent(reason string) {
	if f.comp.broken == nil {
		f.comp.broken = &lineProblem{line: f.comp.line, reason: reason, raw: excerpt(f.comp.lines)}
	}
}

func (f *framer) closeComponent() {
	f.calendar.components = append(f.calendar.components, f.comp)
	f.comp, f.open = nil, nil
}

func (f *framer) finish() {
	if f.comp != nil {
		f.breakComponent(fmt.Sprintf("the file ends inside the %s begun at line %d: END:%s is missing (a truncated file?)",
			f.comp.name, f.comp.line, f.comp.name))
		f.closeComponent()
	}
}

// text is the component as the library reads it.
//
// A line that begins with the colon is joined to the line before it: no
// content line can begin with one (the name comes first), and Microsoft
// CDO for Exchange breaks a long ATTENDEE line before the colon that ends
// its parameters, without the space of a fold.
func (c *component) text() string {
	var b strings.Builder
	for i, l := range c.lines {
		if i > 0 && !strings.HasPrefix(l.text, ":") {
			b.WriteString("\r\n")
		}
		b.WriteString(l.text)
	}
	b.WriteString("\r\n")
	return b.String()
}

// propertyLines are the lines where the component's own properties named
// name begin (not those of a nested VALARM), in order.
func (c *component) propertyLines(name string) []sourceLine {
	var found []sourceLine
	depth := 0
	for _, l := range c.lines {
		switch keyword, _ := delimiter(l.text); keyword {
		case "BEGIN":
			depth++
			continue
		case "END":
			depth--
			continue
		}
		if depth == 1 && propertyName(l.text) == name {
			found = append(found, l)
		}
	}
	return found
}

// propertyLine is where the first property named name begins, or the
// component's BEGIN line.
func (c *component) propertyLine(name string) sourceLine {
	if lines := c.propertyLines(name); len(lines) > 0 {
		return lines[0]
	}
	return c.lines[0]
}

// propertyName is the upper-cased name a content line begins with, or ""
// for a folded continuation. The name ends at the first character that
// cannot be part of one, so that a broken line ("SUMMARY=Lunch",
// "ORGANIZER="mailto:…") is still named by its property.
func propertyName(text string) string {
	if text == "" || text[0] == ' ' || text[0] == '\t' {
		return ""
	}
	return strings.ToUpper(text[:nameLength(text)])
}

// nameLength is the length of the property name text begins with: RFC
// 5545 names are letters, digits and dashes; underscores are let in, as
// some exporters write them in X- names.
func nameLength(text string) int {
	for i, r := range text {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return i
		}
	}
	return len(text)
}

// excerpt is the first lines of a component, for a reject's Raw.
func excerpt(lines []sourceLine) string {
	const maxLines = 8
	var parts []string
	for i, l := range lines {
		if i == maxLines {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, l.text)
	}
	return clip(strings.Join(parts, "\n"))
}

// maxRawBytes keeps a reject's Raw under the writer's limit, which cuts
// bytes and could split a character: protobuf refuses invalid UTF-8.
// maxReasonBytes bounds a reason that quotes a huge value.
const (
	maxRawBytes    = 400
	maxReasonBytes = 1000
)

// clip shortens s to at most maxRawBytes, at a character boundary.
func clip(s string) string { return plugin.Clip(s, maxRawBytes) }
