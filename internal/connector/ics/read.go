package ics

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
)

// Reasons rows are skipped.
const (
	skipCancelled       = "cancelled (STATUS:CANCELLED or an iTIP CANCEL): not time spent"
	skipSeriesCancelled = "an instance of a cancelled recurring event: not time spent"
	skipDeclined        = "declined by the calendar's owner (PARTSTAT=DECLINED): not time spent"
	skipReplaced        = "replaced by a copy of the event with a RECURRENCE-ID"
	skipSameOwner       = "names the same owner as an earlier row"
)

// skipFree is the reason every calendar connector gives for an event
// shown as free.
var skipFree = calendars.SkipFree("TRANSP:TRANSPARENT or X-MICROSOFT-CDO-BUSYSTATUS:FREE")

// readCalendars streams the users and activities of the calendars at req.Path.
//
// It reads every file twice. The first pass learns whose calendar each
// file is, the company's domains (the owners', when not given) and the
// default audit period; the second streams, each person's user record
// with the file that first names them, then the file's events. Files are
// read again rather than kept: a directory of calendars can be large.
func readCalendars(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	opts, err := parseOptions(req.Options)
	if err != nil {
		return err
	}
	in, err := openInput(req.Path)
	if err != nil {
		return fmt.Errorf("opening the calendars: %w", err)
	}
	defer in.Close()
	if len(in.calendars) == 0 {
		return fmt.Errorf("%s holds no calendar file (%s)", req.Path, strings.Join(calendarPatterns, ", "))
	}
	mapping, err := readOwnerMapping(in, opts.owners)
	if err != nil {
		return err
	}
	run := &readRun{in: in, opts: opts, w: w, mapping: mapping, people: newRegistry()}
	return run.read(ctx)
}

// readRun is one Read.
type readRun struct {
	in      *input
	opts    options
	w       *plugin.Writer
	mapping *ownerMapping
	people  *registry
	owners  []inferredOwner // per calendar file
	company company
	window  window
}

func (run *readRun) read(ctx context.Context) error {
	run.seeMappedOwners()
	surveys, err := run.survey(ctx)
	if err != nil {
		return err
	}
	run.decideOwners(surveys)
	run.window = run.decideWindow(surveys)
	if err := run.writeMapping(); err != nil {
		return err
	}
	for i, f := range run.in.calendars {
		if err := run.writeCalendar(ctx, i, f); err != nil {
			return err
		}
	}
	return nil
}

// seeMappedOwners makes the owners the mapping names people first named
// there: their user records go with the mapping's rows.
func (run *readRun) seeMappedOwners() {
	if run.mapping == nil {
		return
	}
	for _, row := range run.mapping.rows {
		if row.problem == "" && row.skip == "" {
			run.people.see(row.email, row.name, mappingFile, row.line)
		}
	}
}

// fileSurvey is what the first pass learns of one calendar file.
type fileSurvey struct {
	evidence  ownerEvidence
	ownerLine int64 // the X-OWNER line, else the first line
	// first and last are the earliest and latest starts of its
	// non-recurring events and of the instances of its recurring events
	// that end (UNTIL, COUNT, RDATEs only); seriesStart the earliest start
	// of its recurring ones.
	first, last, seriesStart time.Time
}

func (run *readRun) survey(ctx context.Context) ([]*fileSurvey, error) {
	surveys := make([]*fileSurvey, len(run.in.calendars))
	for i, f := range run.in.calendars {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cf, err := run.parse(f)
		if err != nil {
			return nil, err
		}
		surveys[i] = run.surveyFile(i, f, cf)
	}
	return surveys, nil
}

func (run *readRun) parse(f inputFile) (*calendarFile, error) {
	data, err := f.readAll()
	if err != nil {
		return nil, err
	}
	text, decoding := decodeText(data)
	cf := parseFile(text, run.opts.floating)
	cf.decoding = decoding
	return cf, nil
}

func (run *readRun) surveyFile(index int, f inputFile, cf *calendarFile) *fileSurvey {
	s := &fileSurvey{
		evidence:  ownerEvidence{file: f.name, xOwner: cf.owner, calName: cf.name, appearances: map[string]int{}, names: map[string]string{}},
		ownerLine: max(cf.ownerLine, 1),
	}
	for _, u := range cf.units {
		if u.event == nil {
			continue
		}
		s.seePeople(run.people, index, u.event, u.private())
		s.seeTimes(u)
	}
	return s
}

// seePeople learns who an event names: evidence of whose calendar the
// file is, and the people who get a user record. A private event's people
// are evidence only: naming someone there gives them no record, which
// would tell who the owner meets in private.
func (s *fileSurvey) seePeople(people *registry, index int, e *vevent, private bool) {
	named := false
	for _, p := range e.participants() {
		if !p.isPerson() || p.email == "" {
			continue
		}
		named = true
		s.evidence.appearances[p.email]++
		if !private {
			people.see(p.email, p.name, index, p.line)
		}
		s.evidence.seeName(p.name, p.email)
	}
	if named {
		s.evidence.events++
	}
}

func (s *fileSurvey) seeTimes(u *unit) {
	e := u.event
	if e.recurring() {
		if start := e.start.utc(); s.seriesStart.IsZero() || start.Before(s.seriesStart) {
			s.seriesStart = start
		}
		// A series that ends spans its days as surely as one-off events
		// do. One that never ends widens nothing: since 2015 or until
		// the end of time, its days are no audit period; it is read over
		// the days the dated events span.
		if last, ok := e.lastStart(); ok {
			s.seeStart(e.start.utc())
			s.seeStart(last)
		}
		return
	}
	s.seeStart(instanceOf(e, u.master).start)
}

func (s *fileSurvey) seeStart(start time.Time) {
	if s.first.IsZero() || start.Before(s.first) {
		s.first = start
	}
	if start.After(s.last) {
		s.last = start
	}
}

// decideOwners settles whose calendar each file is, and from the owners
// the company's domains when the domains option does not give them.
func (run *readRun) decideOwners(surveys []*fileSurvey) {
	run.owners = make([]inferredOwner, len(surveys))
	owners := map[string]bool{}
	for i, s := range surveys {
		if row, ok := run.mapping.ownerOf(run.in.calendars[i].name); ok {
			run.owners[i] = inferredOwner{email: row.email, how: "the owners mapping"}
		} else {
			run.owners[i] = s.evidence.infer()
		}
		if email := run.owners[i].email; email != "" {
			owners[email] = true
			run.people.see(email, "", i, s.ownerLine)
		}
	}
	domains := run.opts.domains
	if len(domains) == 0 {
		domains = domainsOfOwners(owners)
	}
	run.company = company{domains: domains, owners: owners}
}

// decideWindow is the audit period: the options', else the days the
// non-recurring events and the series that end start on, else a year from
// the first recurring event. A recurring event is never expanded beyond it. (audit and ingest
// give calendars the span of the CRM's activities as the options when the
// user gives no period.)
func (run *readRun) decideWindow(surveys []*fileSurvey) window {
	from, to := run.opts.from, run.opts.to
	// audit and ingest set the options from --from and --to, else from
	// the days the other exports' activities span.
	how := "the from and to options: the period given, or the days the other exports' activities span"
	switch {
	case !from.IsZero() && !to.IsZero():
	case !from.IsZero():
		to, how = from.AddDate(1, 0, 0), "the from option, and a year after it"
	case !to.IsZero():
		from, how = to.AddDate(-1, 0, 0), "the to option, and a year before it"
	default:
		from, to, how = spanOf(surveys)
	}
	return window{from: from, to: to, how: how}
}

func spanOf(surveys []*fileSurvey) (from, to time.Time, how string) {
	var first, last, seriesStart time.Time
	for _, s := range surveys {
		if !s.first.IsZero() && (first.IsZero() || s.first.Before(first)) {
			first = s.first
		}
		if s.last.After(last) {
			last = s.last
		}
		if !s.seriesStart.IsZero() && (seriesStart.IsZero() || s.seriesStart.Before(seriesStart)) {
			seriesStart = s.seriesStart
		}
	}
	switch {
	case !first.IsZero():
		return startOfDay(first), startOfDay(last).AddDate(0, 0, 1),
			"no period given: the days the calendars' one-off events and series that end span"
	case !seriesStart.IsZero():
		return startOfDay(seriesStart), startOfDay(seriesStart).AddDate(1, 0, 0),
			"no period given and no one-off event: a year from the first recurring event"
	}
	return time.Time{}, time.Time{}, "no period given and no event"
}

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// writeMapping streams the owners mapping's rows: each owner's user record
// on the first row that names them.
func (run *readRun) writeMapping() error {
	if run.mapping == nil {
		return nil
	}
	fw := run.w.File(run.mapping.name)
	for _, row := range run.mapping.rows {
		var err error
		switch p := run.people.byEmail[row.email]; {
		case row.problem != "":
			err = fw.Reject(plugin.Reject{Line: row.line, Reason: plugin.Clip(row.problem, maxReasonBytes), Raw: clip(row.raw), Kind: plugin.KindUser})
		case row.skip != "":
			fw.Skip(row.skip)
		case p != nil && p.file == mappingFile && p.line == row.line:
			err = fw.User(userOf(p))
		default:
			fw.Skip(skipSameOwner)
		}
		if err != nil {
			return err
		}
	}
	return fw.Done(int64(len(run.mapping.rows)))
}

func userOf(p *person) plugin.User {
	// Active: they have a calendar. The audit takes the rest (title,
	// manager) from the CRM user with the same e-mail.
	return plugin.User{ID: p.email, Name: p.name, Email: p.email, Active: true, Line: p.line}
}

// writeCalendar streams one calendar file: the users it first names, then
// its events.
func (run *readRun) writeCalendar(ctx context.Context, index int, f inputFile) error {
	cf, err := run.parse(f)
	if err != nil {
		return err
	}
	cw := &calendarWriter{fw: run.w.File(f.name), owner: run.owners[index], company: run.company, window: run.window}
	rows := &calendarRows{cw: cw, units: cf.units, size: f.size, decoding: cf.decoding}
	for _, p := range run.people.firstNamedIn(index) {
		if run.company.internal(p.email) {
			rows.pending = append(rows.pending, calendarRow{user: p})
		}
	}
	return plugin.ReadRows(ctx, cw.fw, plugin.KindActivity, rows, cw.write)
}
