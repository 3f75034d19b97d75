package ics

// The calendars in testdata/ics/acme-calendars are written by this
// generator from the Salesforce fixture testdata/salesforce/acme, so that an
// audit of the CRM export combined with the managers' calendars can be
// checked against what was planted:
//
//	go test ./internal/connector/ics -run TestRegenerateAcmeCalendars -regen
//
// Each of Acme's four first-line managers gets the calendar their mail
// client exports, holding copies of their CRM meetings of two weeks around
// the change to summer time (same start, same subject, the attendees by
// e-mail), and meetings the CRM does not have: weekly 1:1s, a leadership
// call, a recruiting interview, a cancelled and a declined meeting.
// acme-calendars-planted.csv lists every occurrence of the meetings only
// the calendars have, with the people whose time it is, so that the
// end-to-end test in internal/cli knows what the calendars must add to
// each manager's time without trusting the tool to say so.
//
// The generator reads the CRM export as committed: when the Salesforce
// fixture is regenerated, TestAcmeCalendarsAreUpToDate says to regenerate
// this one too.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var regen = flag.Bool("regen", false, "rewrite testdata/ics/acme-calendars from the fixture generator")

const (
	acmeCalendarsDir   = "acme-calendars"
	acmePlantedFile    = "acme-calendars-planted.csv"
	acmeCompanyDomain  = "acme-industrial.example"
	salesforceDateTime = "2006-01-02 15:04:05"
)

// acmeCopiedWeeks are the days whose CRM meetings the calendars copy: two
// weeks around the change to summer time on 29 March, so that the copies'
// wall-clock times are converted with both offsets.
var acmeCopiedWeeks = [2]time.Time{
	time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 4, 4, 0, 0, 0, 0, time.UTC),
}

// acmeSeriesEnd is when the weekly meetings stop: the end of the CRM
// export's period.
var acmeSeriesEnd = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

// acmeHolidays are the days the Acme generator books nothing on: a series
// skips them.
var acmeHolidays = map[string]bool{"2026-01-01": true, "2026-04-06": true, "2026-05-01": true}

// acmeExported is when the calendars were exported (their DTSTAMP).
var acmeExported = time.Date(2026, 7, 1, 6, 0, 0, 0, time.UTC)

// ---- What the generator reads of the CRM export.

// acmePerson is someone the calendars name.
type acmePerson struct {
	first, last, email string
	// id is the Salesforce ID of a CRM user; "" for anyone else.
	id string
}

func (p acmePerson) name() string { return strings.TrimSpace(p.first + " " + p.last) }

// outlookName is how Outlook shows a colleague: "de Vries, Sanne".
func (p acmePerson) outlookName() string {
	if p.last == "" {
		return p.first
	}
	return p.last + ", " + p.first
}

func (p acmePerson) internal() bool { return domainOf(p.email) == acmeCompanyDomain }

// crmEvent is a meeting of Event.csv with its EventRelation rows.
type crmEvent struct {
	id, subject, location, description string
	ownerID, whoID                     string
	start                              time.Time
	minutes                            int
	relations                          []crmRelation
}

func (e *crmEvent) end() time.Time { return e.start.Add(time.Duration(e.minutes) * time.Minute) }

// crmRelation is an invitee: a user, contact or lead, with the user's
// answer (Accepted, Declined, New; empty for contacts).
type crmRelation struct{ id, status string }

// acmeCRM is the Salesforce fixture as the generator needs it.
type acmeCRM struct {
	users  map[string]acmePerson // by Salesforce user ID
	userID map[string]string     // Salesforce user ID by full name
	people map[string]acmePerson // contacts and leads by ID
	events []*crmEvent           // timed meetings, neither deleted nor child copies
}

func readAcmeCRM(dir string) (*acmeCRM, error) {
	crm := &acmeCRM{users: map[string]acmePerson{}, userID: map[string]string{}, people: map[string]acmePerson{}}
	users, err := readCSVRows(filepath.Join(dir, "User.csv"))
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		p := acmePerson{first: u["FirstName"], last: u["LastName"], email: strings.ToLower(u["Email"]), id: u["Id"]}
		crm.users[u["Id"]] = p
		crm.userID[u["Name"]] = u["Id"]
	}
	for _, file := range []string{"Contact.csv", "Lead.csv"} {
		rows, err := readCSVRows(filepath.Join(dir, file))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			crm.people[r["Id"]] = acmePerson{first: r["FirstName"], last: r["LastName"], email: strings.ToLower(r["Email"])}
		}
	}
	relations, err := readCSVRows(filepath.Join(dir, "EventRelation.csv"))
	if err != nil {
		return nil, err
	}
	byEvent := map[string][]crmRelation{}
	for _, r := range relations {
		if r["IsWhat"] == "1" || r["IsDeleted"] == "1" {
			continue // an account or opportunity the event is about, not a person
		}
		byEvent[r["EventId"]] = append(byEvent[r["EventId"]], crmRelation{id: r["RelationId"], status: r["Status"]})
	}
	events, err := readCSVRows(filepath.Join(dir, "Event.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range events {
		if r["IsDeleted"] == "1" || r["IsChild"] == "1" || r["IsAllDayEvent"] == "1" || r["ActivityDateTime"] == "" {
			continue
		}
		start, err := time.Parse(salesforceDateTime, r["ActivityDateTime"])
		if err != nil {
			return nil, fmt.Errorf("Event.csv %s: %w", r["Id"], err)
		}
		minutes, err := strconv.Atoi(r["DurationInMinutes"])
		if err != nil {
			return nil, fmt.Errorf("Event.csv %s: %w", r["Id"], err)
		}
		crm.events = append(crm.events, &crmEvent{
			id: r["Id"], subject: r["Subject"], location: r["Location"], description: r["Description"],
			ownerID: r["OwnerId"], whoID: r["WhoId"], start: start, minutes: minutes, relations: byEvent[r["Id"]],
		})
	}
	sort.SliceStable(crm.events, func(i, j int) bool { return crm.events[i].start.Before(crm.events[j].start) })
	return crm, nil
}

// readCSVRows reads a CSV file with a header into one map per row.
func readCSVRows(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows []map[string]string
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		row := make(map[string]string, len(header))
		for i, name := range header {
			row[name] = record[i]
		}
		rows = append(rows, row)
	}
}

// user is the CRM user of that name; the fixture's people must exist.
func (crm *acmeCRM) user(name string) acmePerson {
	id, ok := crm.userID[name]
	if !ok {
		panic(fmt.Sprintf("fixture bug: no user %q in User.csv", name))
	}
	return crm.users[id]
}

// person is the user, contact or lead with that Salesforce ID.
func (crm *acmeCRM) person(id string) (acmePerson, bool) {
	if p, ok := crm.users[id]; ok {
		return p, true
	}
	p, ok := crm.people[id]
	return p, ok
}

// takesPart says whether a user is in a CRM meeting: its owner, or an
// invitee who did not decline.
func (e *crmEvent) takesPart(userID string) bool {
	if e.ownerID == userID {
		return true
	}
	for _, r := range e.relations {
		if r.id == userID && r.status != "Declined" {
			return true
		}
	}
	return false
}

// busy says whether someone is in a CRM meeting overlapping [start, end).
func (crm *acmeCRM) busy(p acmePerson, start, end time.Time) bool {
	if p.id == "" {
		return false // not a CRM user: the CRM does not know their diary
	}
	for _, e := range crm.events {
		if e.start.Before(end) && start.Before(e.end()) && e.takesPart(p.id) {
			return true
		}
	}
	return false
}

// ---- The calendars.

// exporter is the product a calendar was exported from.
type exporter int

const (
	outlookExporter exporter = iota
	googleExporter
)

// wallZone is a time zone as Outlook (Windows name) and Google (IANA
// name) write it.
type wallZone struct {
	windows, iana string
}

var (
	amsterdamZone = wallZone{windows: "W. Europe Standard Time", iana: "Europe/Amsterdam"}
	berlinZone    = wallZone{windows: "W. Europe Standard Time", iana: "Europe/Berlin"}
	madridZone    = wallZone{windows: "Romance Standard Time", iana: "Europe/Madrid"}
	londonZone    = wallZone{windows: "GMT Standard Time", iana: "Europe/London"}
	utcWallZone   = wallZone{windows: "UTC", iana: "UTC"}
)

func (z wallZone) location() *time.Location {
	loc, err := time.LoadLocation(z.iana)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time in the zone, as an instant.
func (z wallZone) at(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, z.location()).UTC()
}

// outlookVTimezones are the VTIMEZONEs Outlook writes for the Windows
// zones the calendars use: the current rule only, from 1601.
var outlookVTimezones = map[string]string{
	"W. Europe Standard Time": `BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE`,
	"GMT Standard Time": `BEGIN:VTIMEZONE
TZID:GMT Standard Time
BEGIN:STANDARD
DTSTART:16011028T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T010000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
END:DAYLIGHT
END:VTIMEZONE`,
}

// Participation statuses.
const (
	accepted    = "ACCEPTED"
	declined    = "DECLINED"
	needsAction = "NEEDS-ACTION"
)

// acmeAttendee is an invitee and their answer.
type acmeAttendee struct {
	acmePerson
	partstat string
}

// acmeMeeting is one meeting, single or weekly, as every calendar holding
// it shows it: the same UID, times and people.
type acmeMeeting struct {
	uid         string
	subject     string
	location    string
	description string
	organizer   acmePerson
	attendees   []acmeAttendee
	start       time.Time // of the first occurrence
	minutes     int
	// zone is the organizer's wall clock: a series repeats at the same
	// local time across the change to summer time. A copy of a CRM
	// meeting has none: each calendar writes it on its owner's.
	zone wallZone
	// everyWeeks is the series' interval in weeks; 0 for a single meeting.
	everyWeeks int
	until      time.Time // start of the series' last occurrence (series sets it)
	exdates    []time.Time
	cancelled  bool
	// crmID is the CRM event the meeting copies; "" when only the
	// calendars have it.
	crmID string
}

func (m *acmeMeeting) duration() time.Duration { return time.Duration(m.minutes) * time.Minute }

// occurrences are the starts of the meeting's occurrences, EXDATEs left
// out, each at the same wall-clock time.
func (m *acmeMeeting) occurrences() []time.Time {
	if m.everyWeeks == 0 {
		return []time.Time{m.start}
	}
	excluded := map[time.Time]bool{}
	for _, x := range m.exdates {
		excluded[x] = true
	}
	var out []time.Time
	for _, t := range m.seriesStarts() {
		if !excluded[t] {
			out = append(out, t)
		}
	}
	return out
}

// seriesStarts are all the starts the RRULE makes, EXDATEs included:
// until the series' last occurrence, or the end of the period before
// series has set it.
func (m *acmeMeeting) seriesStarts() []time.Time {
	loc := m.zone.location()
	first := m.start.In(loc)
	var out []time.Time
	for k := 0; ; k++ {
		t := time.Date(first.Year(), first.Month(), first.Day()+7*m.everyWeeks*k, first.Hour(), first.Minute(), 0, 0, loc).UTC()
		if (!m.until.IsZero() && t.After(m.until)) || !t.Before(acmeSeriesEnd) {
			return out
		}
		out = append(out, t)
	}
}

// people are the meeting's people who take part: its organizer and the
// invitees who did not decline.
func (m *acmeMeeting) people() []acmePerson {
	out := []acmePerson{m.organizer}
	for _, a := range m.attendees {
		if a.partstat != declined && a.email != m.organizer.email {
			out = append(out, a.acmePerson)
		}
	}
	return out
}

// answerOf is how someone answered the invitation; the organizer accepts.
func (m *acmeMeeting) answerOf(email string) string {
	if email == m.organizer.email {
		return accepted
	}
	for _, a := range m.attendees {
		if a.email == email {
			return a.partstat
		}
	}
	panic(fmt.Sprintf("fixture bug: %s is not in %q", email, m.subject))
}

// acmeCalendar is one manager's exported calendar.
type acmeCalendar struct {
	file     string
	owner    acmePerson
	exporter exporter
	zone     wallZone
	language string // of the subjects, for Outlook's SUMMARY;LANGUAGE
	// mappedEmail is the owner's e-mail as typed in calendars.csv, when
	// not as the CRM has it.
	mappedEmail string
	meetings    []*acmeMeeting
}

// timeSpent says whether the calendar's owner spends the meeting's time.
func (c *acmeCalendar) timeSpent(m *acmeMeeting) bool {
	return !m.cancelled && m.answerOf(c.owner.email) != declined
}

// acmeCalendarSet is the generator's output.
type acmeCalendarSet struct {
	calendars []*acmeCalendar
}

// acmeFixture builds the calendars from the CRM export.
func acmeFixture(crm *acmeCRM) *acmeCalendarSet {
	g := &acmeCalendarGenerator{crm: crm, copies: map[string]*acmeMeeting{}, googleUsers: map[string]bool{}}
	return &acmeCalendarSet{calendars: g.build()}
}

type acmeCalendarGenerator struct {
	crm    *acmeCRM
	copies map[string]*acmeMeeting // by CRM event ID: one meeting, several calendars
	// googleUsers are the e-mails of the people on Google Calendar: the
	// meetings they organize have Google's UIDs.
	googleUsers map[string]bool
}

// lowerAsTyped are CRM subjects whose calendar copy was typed without
// accents: the audit matches copies by the case- and accent-folded
// subject.
var lowerAsTyped = map[string]string{"Reunión con dirección comercial": "reunion con direccion comercial"}

func (g *acmeCalendarGenerator) build() []*acmeCalendar {
	crm := g.crm
	hendrik, karin := crm.user("Hendrik Visser"), crm.user("Karin de Boer")
	sanne, markus, lucia, james := crm.user("Sanne de Vries"), crm.user("Markus Weber"), crm.user("Lucía Fernández"), crm.user("James Whitaker")
	// The recruiter is in no CRM: only the calendars know her.
	recruiter := outsider("Eva", "Jansen", "eva.jansen@"+acmeCompanyDomain)

	sanneCal := &acmeCalendar{file: "outlook-sanne.ics", owner: sanne, exporter: outlookExporter, zone: amsterdamZone, language: "nl-NL"}
	// Google Takeout names a calendar after its account.
	markusCal := &acmeCalendar{file: markus.email + ".ics", owner: markus, exporter: googleExporter, zone: berlinZone}
	luciaCal := &acmeCalendar{file: lucia.email + ".ics", owner: lucia, exporter: googleExporter, zone: madridZone}
	jamesCal := &acmeCalendar{file: "outlook-james.ics", owner: james, exporter: outlookExporter, zone: londonZone, language: "en-GB",
		// Typed by hand: the connector matches e-mails case-insensitively.
		mappedEmail: "James.Whitaker@" + acmeCompanyDomain}
	calendars := []*acmeCalendar{sanneCal, markusCal, luciaCal, jamesCal}
	for _, c := range calendars {
		if c.exporter == googleExporter {
			g.googleUsers[c.owner.email] = true
		}
	}

	for _, c := range calendars {
		for _, e := range crm.events {
			if !e.start.Before(acmeCopiedWeeks[0]) && e.start.Before(acmeCopiedWeeks[1]) && e.takesPart(c.owner.id) {
				c.meetings = append(c.meetings, g.copyOf(e))
			}
		}
	}

	// Meetings only the calendars have, on their organizer's wall clock.
	// A series skips the weeks one of its people has a CRM meeting then
	// (EXDATE); single meetings are placed where nobody has one.
	leadership := g.series(&acmeMeeting{
		subject:     "EMEA leadership call",
		location:    "Microsoft Teams",
		description: "Bi-weekly call of the EMEA sales managers: targets, hiring, escalations.",
		organizer:   hendrik,
		attendees:   invitees(accepted, sanne, markus, lucia),
		start:       amsterdamZone.at(2026, 1, 14, 8, 0),
		minutes:     45,
		zone:        amsterdamZone,
		everyWeeks:  2,
	})
	// Sanne takes part; James, invited, declined.
	pricing := g.single(&acmeMeeting{
		subject:     "EMEA pricing workshop",
		location:    "Utrecht HQ, room Dom",
		description: "2027 price list: discount bands and approval levels.",
		organizer:   hendrik,
		attendees:   []acmeAttendee{{sanne, accepted}, {james, declined}},
		start:       amsterdamZone.at(2026, 5, 20, 16, 0),
		minutes:     90,
		zone:        amsterdamZone,
	})

	sanneCal.add(
		g.oneToOne(sanneCal, crm.user("Noor de Graaf"), amsterdamZone, amsterdamZone.at(2026, 1, 5, 8, 0), 1),
		g.oneToOne(sanneCal, crm.user("Pieter Claes"), amsterdamZone, amsterdamZone.at(2026, 1, 9, 8, 0), 1),
		leadership,
		pricing,
		g.interview(recruiter, sanne, outsider("Roel", "Jacobs", "roel.jacobs@mail.example"),
			"Sollicitatiegesprek Account Manager – kandidaat R. Jacobs", amsterdamZone.at(2026, 2, 11, 11, 0), amsterdamZone),
		// Before the audit period: read, but outside it.
		g.single(&acmeMeeting{
			subject:   "Jaarplanning 2026 Benelux",
			location:  "Utrecht",
			organizer: sanne,
			start:     amsterdamZone.at(2025, 12, 17, 14, 0),
			minutes:   120,
			zone:      amsterdamZone,
		}),
		// Outlook keeps a meeting the organizer cancelled, renamed.
		g.single(&acmeMeeting{
			subject:   "Canceled: Kennissessie nieuwe prijslijst",
			location:  "Utrecht, kamer 3.02",
			organizer: karin,
			attendees: invitees(accepted, sanne),
			start:     amsterdamZone.at(2026, 4, 22, 15, 0),
			minutes:   60,
			zone:      amsterdamZone,
			cancelled: true,
		}),
		g.webinar(sanne, "Webinar: Lean warehousing 2026", outsider("Logistiek", "Forum", "events@logistiek-forum.example"),
			amsterdamZone.at(2026, 3, 11, 15, 0), amsterdamZone),
	)

	markusCal.add(
		// Sophie joined on 16 March. Set up in UTC: at 08:00 in Berlin
		// until the change to summer time, 09:00 after.
		g.oneToOne(markusCal, crm.user("Sophie Keller"), utcWallZone, utcWallZone.at(2026, 3, 19, 7, 0), 1),
		g.oneToOne(markusCal, crm.user("Tobias Schulz"), berlinZone, berlinZone.at(2026, 1, 16, 8, 0), 2),
		leadership,
		g.interview(markus, recruiter, outsider("Katrin", "Vogel", "katrin.vogel@mail.example"),
			"Vorstellungsgespräch Account Executive (Nachfolge Felix)", berlinZone.at(2026, 4, 16, 14, 0), berlinZone),
		g.single(&acmeMeeting{
			subject:   "Messevorbereitung Hannover",
			location:  "München",
			organizer: markus,
			attendees: invitees(accepted, crm.user("Lena Schneider"), crm.user("Jan Hoffmann")),
			start:     berlinZone.at(2026, 4, 9, 15, 0),
			minutes:   90,
			zone:      berlinZone,
			cancelled: true,
		}),
		g.webinar(markus, "Webinar: Industrie 4.0 im Vertrieb", outsider("Industrie", "Forum", "webinare@industrie-forum.example"),
			berlinZone.at(2026, 2, 26, 10, 0), berlinZone),
	)

	luciaCal.add(
		g.oneToOne(luciaCal, crm.user("Inês Carvalho"), madridZone, madridZone.at(2026, 1, 15, 8, 0), 1),
		leadership,
		g.interview(lucia, recruiter, outsider("Beatriz", "Lopes", "beatriz.lopes@mail.example"),
			"Entrevista candidata KAM Portugal", madridZone.at(2026, 5, 6, 16, 0), madridZone),
		g.single(&acmeMeeting{
			subject:   "Comida de equipo",
			location:  "Restaurante La Bodega, Madrid",
			organizer: lucia,
			attendees: invitees(accepted, crm.user("Javier Morales"), crm.user("Camille Dubois"), crm.user("Inês Carvalho"), crm.user("Hugo Lefèvre")),
			start:     madridZone.at(2026, 3, 20, 14, 0),
			minutes:   120,
			zone:      madridZone,
			cancelled: true,
		}),
		g.webinar(lucia, "Webinar producto: novedades 2026", outsider("Feria", "Industrial", "eventos@feria-industrial.example"),
			madridZone.at(2026, 2, 17, 11, 0), madridZone),
	)

	jamesCal.add(
		g.oneToOne(jamesCal, crm.user("Priya Shah"), londonZone, londonZone.at(2026, 1, 5, 17, 30), 1),
		g.oneToOne(jamesCal, crm.user("Sarah Mitchell"), londonZone, londonZone.at(2026, 1, 15, 17, 30), 2),
		pricing,
		g.interview(james, recruiter, outsider("Niamh", "Kelly", "niamh.kelly@mail.example"),
			"Interview: Account Executive, Dublin", londonZone.at(2026, 2, 18, 14, 0), londonZone),
		g.single(&acmeMeeting{
			subject:   "Canceled: Team lunch Manchester",
			location:  "Manchester",
			organizer: crm.user("Sarah Mitchell"),
			attendees: invitees(accepted, james, crm.user("Tom Hughes"), crm.user("Ryan Cooper")),
			start:     londonZone.at(2026, 5, 29, 12, 0),
			minutes:   90,
			zone:      londonZone,
			cancelled: true,
		}),
		// After the audit period: read, but outside it. Read alone, the
		// calendars have the connector's own default window (the span of
		// the single events), which this keeps open to the end of June,
		// so that the series are expanded over the whole period.
		g.single(&acmeMeeting{
			subject:   "H2 planning UK & Ireland",
			location:  "London",
			organizer: james,
			start:     londonZone.at(2026, 7, 2, 9, 0),
			minutes:   120,
			zone:      londonZone,
		}),
	)

	for _, c := range calendars {
		sort.SliceStable(c.meetings, func(i, j int) bool { return c.meetings[i].start.Before(c.meetings[j].start) })
		c.checkNotDoubleBooked()
	}
	return calendars
}

// oneToOne is a manager's 30-minute 1:1 with a rep, every week or every
// other week, repeating on the zone's wall clock from first to the end of
// the period.
func (g *acmeCalendarGenerator) oneToOne(c *acmeCalendar, rep acmePerson, zone wallZone, first time.Time, everyWeeks int) *acmeMeeting {
	location := "Microsoft Teams"
	if c.exporter == googleExporter {
		location = "Google Meet"
	}
	return g.series(&acmeMeeting{
		subject:    "1:1 " + c.owner.first + " / " + rep.first,
		location:   location,
		organizer:  c.owner,
		attendees:  invitees(accepted, rep),
		start:      first,
		minutes:    30,
		zone:       zone,
		everyWeeks: everyWeeks,
	})
}

// interview is an hour with a candidate for a sales job, with the
// organizer and a colleague (the recruiter, or the hiring manager).
func (g *acmeCalendarGenerator) interview(organizer, colleague, candidate acmePerson, subject string, start time.Time, zone wallZone) *acmeMeeting {
	location := "Microsoft Teams"
	if g.googleUsers[organizer.email] {
		location = "Google Meet"
	}
	return g.single(&acmeMeeting{
		subject:   subject,
		location:  location,
		organizer: organizer,
		attendees: invitees(accepted, colleague, candidate),
		start:     start,
		minutes:   60,
		zone:      zone,
	})
}

// webinar is an outside invitation the calendar's owner declined.
func (g *acmeCalendarGenerator) webinar(invitee acmePerson, subject string, host acmePerson, start time.Time, zone wallZone) *acmeMeeting {
	return g.single(&acmeMeeting{
		subject:   subject,
		location:  "https://" + domainOf(host.email) + "/webinar",
		organizer: host,
		attendees: invitees(declined, invitee),
		start:     start,
		minutes:   60,
		zone:      zone,
	})
}

// checkNotDoubleBooked checks that no two meetings only the calendar has
// overlap where its owner spends the time: single and series meetings
// are placed by hand, and each is checked against the CRM only.
func (c *acmeCalendar) checkNotDoubleBooked() {
	type booking struct {
		start, end time.Time
		subject    string
	}
	var booked []booking
	for _, m := range c.meetings {
		if m.crmID != "" || !c.timeSpent(m) {
			continue
		}
		for _, t := range m.occurrences() {
			b := booking{t, t.Add(m.duration()), m.subject}
			for _, other := range booked {
				if b.start.Before(other.end) && other.start.Before(b.end) {
					panic(fmt.Sprintf("fixture bug: in %s, %q at %s overlaps %q", c.file, b.subject, b.start, other.subject))
				}
			}
			booked = append(booked, b)
		}
	}
}

// outsider is someone the CRM does not know.
func outsider(first, last, email string) acmePerson {
	return acmePerson{first: first, last: last, email: email}
}

func invitees(partstat string, people ...acmePerson) []acmeAttendee {
	out := make([]acmeAttendee, len(people))
	for i, p := range people {
		out[i] = acmeAttendee{p, partstat}
	}
	return out
}

func (c *acmeCalendar) add(meetings ...*acmeMeeting) { c.meetings = append(c.meetings, meetings...) }

// copyOf is the calendar's copy of a CRM meeting: its start, length and
// subject, and its people by e-mail with their answers.
func (g *acmeCalendarGenerator) copyOf(e *crmEvent) *acmeMeeting {
	if m, ok := g.copies[e.id]; ok {
		return m
	}
	organizer, ok := g.crm.person(e.ownerID)
	if !ok {
		panic(fmt.Sprintf("fixture bug: event %s has an unknown owner %s", e.id, e.ownerID))
	}
	m := &acmeMeeting{
		subject:     e.subject,
		location:    e.location,
		description: e.description,
		organizer:   organizer,
		start:       e.start,
		minutes:     e.minutes,
		crmID:       e.id,
	}
	if typed, ok := lowerAsTyped[e.subject]; ok {
		m.subject = typed
	}
	seen := map[string]bool{e.ownerID: true}
	relations := e.relations
	if isContactOrLeadID(e.whoID) {
		relations = append([]crmRelation{{id: e.whoID}}, relations...)
	}
	for _, r := range relations {
		if seen[r.id] {
			continue
		}
		seen[r.id] = true
		p, ok := g.crm.person(r.id)
		if !ok {
			panic(fmt.Sprintf("fixture bug: event %s names an unknown person %s", e.id, r.id))
		}
		m.attendees = append(m.attendees, acmeAttendee{p, partstatOf(r.status)})
	}
	m.uid = g.uid(m, "crm/"+e.id)
	g.copies[e.id] = m
	return m
}

func isContactOrLeadID(id string) bool {
	return strings.HasPrefix(id, "003") || strings.HasPrefix(id, "00Q")
}

// partstatOf is the iCalendar answer of an EventRelation status.
func partstatOf(status string) string {
	switch status {
	case "Accepted":
		return accepted
	case "Declined":
		return declined
	}
	return needsAction
}

// single checks that a one-off meeting only the calendars have is placed
// where none of its people has a CRM meeting; a cancelled one takes
// nobody's time (a clash may be why it was called off).
func (g *acmeCalendarGenerator) single(m *acmeMeeting) *acmeMeeting {
	for _, p := range m.people() {
		if !m.cancelled && g.crm.busy(p, m.start, m.start.Add(m.duration())) {
			panic(fmt.Sprintf("fixture bug: %q at %s clashes with a CRM meeting of %s", m.subject, m.start, p.email))
		}
	}
	m.uid = g.uid(m, "planted/"+m.subject)
	return m
}

// series runs a weekly meeting to the end of the period, leaving out
// (EXDATE) the occurrences on a holiday or when one of its people is in a
// CRM meeting, as people skip a 1:1 that week. It starts with its first
// occurrence that takes place.
func (g *acmeCalendarGenerator) series(m *acmeMeeting) *acmeMeeting {
	starts := m.seriesStarts()
	m.until = starts[len(starts)-1]
	started := false
	for _, t := range starts {
		skip := acmeHolidays[t.In(m.zone.location()).Format(time.DateOnly)]
		for _, p := range m.people() {
			skip = skip || g.crm.busy(p, t, t.Add(m.duration()))
		}
		switch {
		case !skip && !started:
			m.start, started = t, true
		case skip && started:
			m.exdates = append(m.exdates, t)
		}
	}
	m.uid = g.uid(m, "planted/"+m.subject)
	return m
}

// uid is a stable UID in the style of the organizer's calendar: Exchange's
// hex global object ID, or Google's base32 one.
func (g *acmeCalendarGenerator) uid(m *acmeMeeting, seed string) string {
	sum := sha256.Sum256([]byte("acme-calendars/" + seed))
	if g.googleUsers[m.organizer.email] {
		return strings.ToLower(base32.HexEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:16])) + "@google.com"
	}
	return "040000008200E00074C5B7101A82E00800000000" + strings.ToUpper(hex.EncodeToString(sum[:24]))
}

// ---- Writing.

// files are the generated files by name: the calendars and calendars.csv
// in acme-calendars/, and the planted occurrences beside it.
func (s *acmeCalendarSet) files() map[string][]byte {
	out := map[string][]byte{}
	var mapping strings.Builder
	mapping.WriteString("file,email,name\n")
	for _, c := range s.calendars {
		out[filepath.Join(acmeCalendarsDir, c.file)] = c.render()
		email := c.owner.email
		if c.mappedEmail != "" {
			email = c.mappedEmail
		}
		fmt.Fprintf(&mapping, "%s,%s,%s\n", c.file, email, c.owner.name())
	}
	out[filepath.Join(acmeCalendarsDir, mappingFileName)] = []byte(mapping.String())
	out[acmePlantedFile] = s.planted()
	return out
}

// plantedOccurrence is one occurrence of a meeting only the calendars
// have, and the people whose time it is.
type plantedOccurrence struct {
	start   time.Time
	minutes int
	subject string
	uid     string
	people  []string // e-mails of the internal people who take part
}

// plantedOccurrences are the occurrences of the meetings only the
// calendars have that count as someone's time: in a calendar whose owner
// neither declined them nor saw them cancelled.
func (s *acmeCalendarSet) plantedOccurrences() []plantedOccurrence {
	var out []plantedOccurrence
	done := map[*acmeMeeting]bool{}
	for _, c := range s.calendars {
		for _, m := range c.meetings {
			if m.crmID != "" || done[m] || !c.timeSpent(m) {
				continue
			}
			done[m] = true
			var people []string
			for _, p := range m.people() {
				if p.internal() {
					people = append(people, p.email)
				}
			}
			sort.Strings(people)
			for _, t := range m.occurrences() {
				out = append(out, plantedOccurrence{start: t, minutes: m.minutes, subject: m.subject, uid: m.uid, people: people})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].start.Equal(out[j].start) {
			return out[i].start.Before(out[j].start)
		}
		return out[i].uid < out[j].uid
	})
	return out
}

func (s *acmeCalendarSet) planted() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"start", "minutes", "subject", "uid", "people"})
	for _, o := range s.plantedOccurrences() {
		_ = w.Write([]string{o.start.Format(time.RFC3339), strconv.Itoa(o.minutes), o.subject, o.uid, strings.Join(o.people, " ")})
	}
	w.Flush()
	return b.Bytes()
}

// icsWriter writes content lines folded at 75 octets (never inside a
// UTF-8 sequence), ending in CRLF as both exporters do.
type icsWriter struct{ b bytes.Buffer }

func (w *icsWriter) line(s string) {
	for len(s) > 75 {
		cut := 75
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut] + "\r\n")
		s = " " + s[cut:]
	}
	w.b.WriteString(s + "\r\n")
}

func (w *icsWriter) block(text string) {
	for _, l := range strings.Split(text, "\n") {
		w.line(l)
	}
}

// escapeText escapes a TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`).Replace(s)
}

// paramValue quotes a parameter value that needs it.
func paramValue(s string) string {
	if strings.ContainsAny(s, ",;:") {
		return `"` + s + `"`
	}
	return s
}

func (c *acmeCalendar) render() []byte {
	w := &icsWriter{}
	switch c.exporter {
	case outlookExporter:
		c.renderOutlook(w)
	case googleExporter:
		c.renderGoogle(w)
	}
	return w.b.Bytes()
}

const icsUTC = "20060102T150405Z"

func wallTime(t time.Time, z wallZone) string {
	return t.In(z.location()).Format("20060102T150405")
}

var weekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

func (c *acmeCalendar) renderOutlook(w *icsWriter) {
	w.line("BEGIN:VCALENDAR")
	w.line("PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
	w.line("VERSION:2.0")
	w.line("METHOD:PUBLISH")
	w.line("X-CALSTART:20251201T000000Z")
	w.line("X-CALEND:20260731T000000Z")
	calendarID := sha256.Sum256([]byte(c.owner.email))
	w.line("X-WR-RELCALID:{0000002E-" + strings.ToUpper(hex.EncodeToString(calendarID[:2])) + "-4A1B-9C2D-3E4F5A6B7C8D}")
	w.line("X-WR-CALNAME:Calendar")
	w.line("X-PRIMARY-CALENDAR:TRUE")
	// Copies are on the owner's zone, the other meetings on their
	// organizer's: each needs its VTIMEZONE.
	zones := map[string]bool{c.zone.windows: true}
	for _, m := range c.meetings {
		if m.crmID == "" {
			zones[m.zone.windows] = true
		}
	}
	var names []string
	for name := range zones {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		vtimezone, ok := outlookVTimezones[name]
		if !ok {
			panic(fmt.Sprintf("fixture bug: no VTIMEZONE for %q in %s", name, c.file))
		}
		w.block(vtimezone)
	}
	for _, m := range c.meetings {
		c.outlookEvent(w, m)
	}
	w.line("END:VCALENDAR")
}

// outlookEvent writes a VEVENT as Outlook does: properties in alphabetical
// order, times on the meeting's Windows zone, the organizer not among the
// attendees.
func (c *acmeCalendar) outlookEvent(w *icsWriter, m *acmeMeeting) {
	z := m.zone
	if m.crmID != "" {
		z = c.zone
	}
	tzid := ";TZID=" + z.windows + ":"
	w.line("BEGIN:VEVENT")
	for _, a := range m.attendees {
		w.line(fmt.Sprintf("ATTENDEE;CN=%s;PARTSTAT=%s;RSVP=TRUE:mailto:%s", paramValue(a.outlookName()), a.partstat, a.email))
	}
	w.line("CLASS:PUBLIC")
	w.line("CREATED:" + created(m).Format(icsUTC))
	if m.description != "" {
		w.line("DESCRIPTION:" + escapeText(m.description))
	}
	w.line("DTEND" + tzid + wallTime(m.start.Add(m.duration()), z))
	w.line("DTSTAMP:" + acmeExported.Format(icsUTC))
	w.line("DTSTART" + tzid + wallTime(m.start, z))
	if len(m.exdates) > 0 {
		var values []string
		for _, x := range m.exdates {
			values = append(values, wallTime(x, z))
		}
		w.line("EXDATE" + tzid + strings.Join(values, ","))
	}
	w.line("LAST-MODIFIED:" + created(m).Format(icsUTC))
	if m.location != "" {
		w.line("LOCATION:" + escapeText(m.location))
	}
	w.line(fmt.Sprintf("ORGANIZER;CN=%s:mailto:%s", paramValue(m.organizer.outlookName()), m.organizer.email))
	w.line("PRIORITY:5")
	if m.everyWeeks > 0 {
		w.line(fmt.Sprintf("RRULE:FREQ=WEEKLY;UNTIL=%s;INTERVAL=%d;BYDAY=%s;WKST=MO",
			m.until.Format(icsUTC), m.everyWeeks, weekdays[m.start.In(z.location()).Weekday()]))
	}
	w.line("SEQUENCE:0")
	if m.cancelled {
		w.line("STATUS:CANCELLED")
	}
	w.line("SUMMARY;LANGUAGE=" + c.language + ":" + escapeText(m.subject))
	w.line("TRANSP:OPAQUE")
	w.line("UID:" + m.uid)
	busy := "BUSY"
	if m.cancelled || m.answerOf(c.owner.email) == declined {
		busy = "FREE"
	}
	w.line("X-MICROSOFT-CDO-BUSYSTATUS:" + busy)
	w.line("X-MICROSOFT-CDO-IMPORTANCE:1")
	w.line("X-MICROSOFT-DISALLOW-COUNTER:FALSE")
	if m.crmID == "" && c.timeSpent(m) {
		w.block("BEGIN:VALARM\nTRIGGER:-PT15M\nACTION:DISPLAY\nDESCRIPTION:Reminder\nEND:VALARM")
	}
	w.line("END:VEVENT")
}

func (c *acmeCalendar) renderGoogle(w *icsWriter) {
	w.line("BEGIN:VCALENDAR")
	w.line("PRODID:-//Google Inc//Google Calendar 70.9054//EN")
	w.line("VERSION:2.0")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + c.owner.email)
	w.line("X-WR-TIMEZONE:" + c.zone.iana)
	for _, m := range c.meetings {
		c.googleEvent(w, m)
	}
	w.line("END:VCALENDAR")
}

// googleEvent writes a VEVENT as Google does: a single event in UTC, a
// series on its IANA zone (unless it was set up in UTC), the organizer
// among the attendees.
func (c *acmeCalendar) googleEvent(w *icsWriter, m *acmeMeeting) {
	at := func(t time.Time) string { return ":" + t.Format(icsUTC) }
	if m.everyWeeks > 0 && m.zone != utcWallZone {
		at = func(t time.Time) string { return ";TZID=" + m.zone.iana + ":" + wallTime(t, m.zone) }
	}
	w.line("BEGIN:VEVENT")
	w.line("DTSTART" + at(m.start))
	w.line("DTEND" + at(m.start.Add(m.duration())))
	if m.everyWeeks > 0 {
		// Google ends a series at the end of its last day.
		last := m.until.In(m.zone.location())
		until := time.Date(last.Year(), last.Month(), last.Day(), 23, 59, 59, 0, last.Location())
		rule := "RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=" + until.UTC().Format(icsUTC)
		if m.everyWeeks > 1 {
			rule += ";INTERVAL=" + strconv.Itoa(m.everyWeeks)
		}
		w.line(rule + ";BYDAY=" + weekdays[m.start.In(m.zone.location()).Weekday()])
		for _, x := range m.exdates {
			w.line("EXDATE" + at(x))
		}
	}
	w.line("DTSTAMP:" + acmeExported.Format(icsUTC))
	w.line(fmt.Sprintf("ORGANIZER;CN=%s:mailto:%s", paramValue(m.organizer.name()), m.organizer.email))
	w.line("UID:" + m.uid)
	people := append([]acmeAttendee{{m.organizer, accepted}}, m.attendees...)
	for _, a := range people {
		w.line(fmt.Sprintf("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=%s;CN=%s;X-NUM-GUESTS=0:mailto:%s",
			a.partstat, paramValue(a.name()), a.email))
	}
	w.line("CREATED:" + created(m).Format(icsUTC))
	w.line("DESCRIPTION:" + escapeText(m.description))
	w.line("LAST-MODIFIED:" + created(m).Format(icsUTC))
	w.line("LOCATION:" + escapeText(m.location))
	w.line("SEQUENCE:0")
	status := "CONFIRMED"
	if m.cancelled {
		status = "CANCELLED"
	}
	w.line("STATUS:" + status)
	w.line("SUMMARY:" + escapeText(m.subject))
	w.line("TRANSP:OPAQUE")
	w.line("END:VEVENT")
}

// created is when a meeting was booked: two weeks before its first
// occurrence, on the hour.
func created(m *acmeMeeting) time.Time {
	return m.start.AddDate(0, 0, -14).Truncate(time.Hour)
}

// ---- Tests.

func loadAcmeFixture(t *testing.T) *acmeCalendarSet {
	t.Helper()
	crm, err := readAcmeCRM(filepath.Join(testdata, "salesforce", "acme"))
	if err != nil {
		t.Fatal(err)
	}
	return acmeFixture(crm)
}

func TestRegenerateAcmeCalendars(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/ics/acme-calendars")
	}
	dir := fixture(acmeCalendarsDir)
	// Files the generator no longer writes must go too.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range loadAcmeFixture(t).files() {
		if err := os.WriteFile(fixture(name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAcmeCalendarsAreUpToDate keeps the committed calendars in step with
// the generator and with the CRM export they copy.
func TestAcmeCalendarsAreUpToDate(t *testing.T) {
	want := loadAcmeFixture(t).files()
	entries, err := os.ReadDir(fixture(acmeCalendarsDir))
	if err != nil {
		t.Fatalf("%v (regenerate with -regen)", err)
	}
	inDir := 0
	for name := range want {
		if filepath.Dir(name) == acmeCalendarsDir {
			inDir++
		}
	}
	if len(entries) != inDir {
		t.Errorf("%s has %d files, the generator writes %d (regenerate with -regen)", acmeCalendarsDir, len(entries), inDir)
	}
	for name, data := range want {
		got, err := os.ReadFile(fixture(name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s differs from the generator's output (regenerate with -regen)", name)
		}
	}
}

// TestAcmeCalendarsRead checks that the connector reads the calendars as
// the generator meant them: every copy of a CRM meeting at the CRM's
// start, every occurrence of the series, none of the cancelled and
// declined meetings, and nothing else.
func TestAcmeCalendarsRead(t *testing.T) {
	set := loadAcmeFixture(t)
	// A period wide enough for every meeting planted, inside it or not.
	got, summary := read(t, fixture(acmeCalendarsDir), map[string]string{optionFrom: "2025-12-01", optionTo: "2026-07-31"})
	want := map[string]int{}
	for _, c := range set.calendars {
		for _, m := range c.meetings {
			if !c.timeSpent(m) {
				continue
			}
			for _, start := range m.occurrences() {
				want[activityKey(c.owner.email, start, m.subject)]++
			}
		}
		fs := fileSummary(t, summary, c.file)
		if fs.RowsRejected != 0 || fs.RowsSkipped[skipCancelled] != 1 || fs.RowsSkipped[skipDeclined] != 1 {
			t.Errorf("%s: %d rejected, skipped %v; want one cancelled and one declined meeting skipped", c.file, fs.RowsRejected, fs.RowsSkipped)
		}
	}
	for _, a := range got.Activities {
		key := activityKey(a.OwnerID, a.StartAt, a.Subject)
		if want[key] == 0 {
			t.Errorf("unexpected activity %s (line %d)", key, a.Line)
			continue
		}
		want[key]--
	}
	for key, n := range want {
		if n > 0 {
			t.Errorf("missing activity %s", key)
		}
	}
	for _, u := range got.Users {
		if u.ID != strings.ToLower(u.ID) || !strings.HasSuffix(u.ID, "@"+acmeCompanyDomain) {
			t.Errorf("user %q: want the company's people only, by lower-cased e-mail", u.ID)
		}
	}
}

func activityKey(owner string, start time.Time, subject string) string {
	return owner + " " + start.UTC().Format(time.RFC3339) + " " + subject
}
