package csv

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// Brightline Analytics (fictional) is a small US software company whose
// sales team tracks its work in Google Sheets, downloaded as CSV: UTF-8,
// commas, ISO dates in New York time, durations as H:MM, people named by
// e-mail and accounts by name rather than by ID, start dates as
// spreadsheet serial numbers, deals' creation as Unix timestamps, and one
// activities sheet per month.

const sheetsWeeks = 12

var sheetsFirstMonday = time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)

const (
	sheetsDateTime = "2006-01-02 15:04"
	sheetsDate     = "2006-01-02"
)

type sheetsPerson struct {
	id, name, email, title, reportsTo string
	started                           time.Time
	active                            bool
	role                              string // vp, manager, ae, sdr
}

var sheetsTeam = []sheetsPerson{
	{id: "R-100", name: "Dana Whitfield", email: "dana.whitfield@brightline.example", title: "VP Sales", started: time.Date(2020, 3, 2, 0, 0, 0, 0, time.UTC), active: true, role: "vp"},
	{id: "R-110", name: "Marcus Lee", email: "marcus.lee@brightline.example", title: "Sales Manager", reportsTo: "dana.whitfield@brightline.example", started: time.Date(2021, 6, 14, 0, 0, 0, 0, time.UTC), active: true, role: "manager"},
	{id: "R-121", name: "Priya Natarajan", email: "priya.natarajan@brightline.example", title: "Account Executive", reportsTo: "marcus.lee@brightline.example", started: time.Date(2022, 1, 10, 0, 0, 0, 0, time.UTC), active: true, role: "ae"},
	{id: "R-122", name: "Tom Becker", email: "tom.becker@brightline.example", title: "Account Executive", reportsTo: "marcus.lee@brightline.example", started: time.Date(2023, 4, 3, 0, 0, 0, 0, time.UTC), active: true, role: "ae"},
	{id: "R-123", name: "Alicia Gomez", email: "alicia.gomez@brightline.example", title: "Account Executive", reportsTo: "Marcus.Lee@brightline.example", started: time.Date(2024, 9, 16, 0, 0, 0, 0, time.UTC), active: true, role: "ae"},
	{id: "R-124", name: "Kevin O'Brien", email: "kevin.obrien@brightline.example", title: "Sales Development Rep", reportsTo: "marcus.lee@brightline.example", started: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC), active: true, role: "sdr"},
	{id: "R-125", name: "Sam Carter", email: "sam.carter@brightline.example", title: "Account Executive", reportsTo: "marcus.lee@brightline.example", started: time.Date(2022, 8, 1, 0, 0, 0, 0, time.UTC), active: false, role: "former"},
}

var sheetsAccounts = []struct{ name, vertical, owner string }{
	{"Harborview Health", "Healthcare", "R-121"}, {"Pinecrest Credit Union", "Financial Services", "R-121"},
	{"Summit Ridge Schools", "Education", "R-121"}, {"Atlas Freight Co.", "Logistics", "R-122"},
	{"Bluebird Insurance", "Financial Services", "R-122"}, {"Cobalt Manufacturing", "Manufacturing", "R-122"},
	{"Evergreen Realty Group", "Real Estate", "R-123"}, {"Northgate Pharma", "Healthcare", "R-123"},
	{"Redwood Legal LLP", "Professional Services", "R-123"}, {"Sterling Hotels", "Hospitality", "R-124"},
	{"Tidewater Utilities", "Utilities", "R-124"}, {"Vantage Retail", "Retail", "R-110"},
	{"Granite State Bank", "Financial Services", "R-110"}, {"Lakeside Clinics", "Healthcare", "R-100"},
}

var sheetsContactNames = []string{"Jordan Ellis", "Morgan Price", "Taylor Brooks", "Casey Nguyen", "Riley Chen", "Avery Johnson",
	"Jamie Rivera", "Drew Patel", "Quinn Murphy", "Skyler Adams", "Reese Walker", "Cameron Diaz-Ortiz", "Logan Kim", "Harper Scott"}

var sheetsStages = []string{"Prospecting", "Discovery", "Proposal", "Negotiation", "Closed Won", "Closed Lost"}

type sheetsAccount struct {
	id, name, owner string
	contacts        [][2]string // name, e-mail
	deals           []string
}

type sheets struct {
	r            *connectortest.Rand
	e            *fixtureExport
	users        *fixtureFile
	accounts     *fixtureFile
	deals        *fixtureFile
	months       map[time.Month]*fixtureFile
	participants *fixtureFile
	byOwner      map[string][]*sheetsAccount
	people       map[string]*sheetsPerson
	nextActivity int
}

func sheetsExport() *fixtureExport {
	e := &fixtureExport{dir: "sheets", delimiter: ','}
	g := &sheets{r: connectortest.NewRand(7_2026), e: e, byOwner: map[string][]*sheetsAccount{}, people: map[string]*sheetsPerson{}, months: map[time.Month]*fixtureFile{}}
	g.users = e.file("team.csv", plugin.KindUser, "Rep ID", "Name", "Email", "Title", "Reports To", "Start Date", "Active?")
	g.accounts = e.file("accounts.csv", plugin.KindAccount, "Account ID", "Account Name", "Owner", "ARR (USD)", "Key Account?", "Vertical")
	g.deals = e.file("pipeline.csv", plugin.KindOpportunity, "Deal ID", "Account", "Owner", "Deal", "Stage", "Amount", "Close Date", "Created")
	for _, m := range []time.Month{time.January, time.February, time.March} {
		g.months[m] = e.file(fmt.Sprintf("activities-2026-%02d.csv", int(m)), plugin.KindActivity,
			"ID", "Type", "Subject", "Rep", "Account", "Deal ID", "Start", "Duration", "Outcome", "Due")
	}
	g.participants = e.file("participants.csv", plugin.KindAttendee, "Activity ID", "Email", "Name", "Internal?", "Organizer?", "RSVP")
	g.writeTeam()
	g.writeAccounts()
	for week := 0; week < sheetsWeeks; week++ {
		g.writeWeek(sheetsFirstMonday.AddDate(0, 0, 7*week))
	}
	return e
}

// serialDay is a date as a spreadsheet cell formatted as a number shows
// it.
func serialDay(t time.Time) string {
	return fmt.Sprint(int(t.Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
}

func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func (g *sheets) writeTeam() {
	for i := range sheetsTeam {
		p := &sheetsTeam[i]
		g.people[p.id] = p
		g.users.record(p.id, p.name, p.email, p.title, p.reportsTo, serialDay(p.started), yesNo(p.active))
	}
}

func (g *sheets) writeAccounts() {
	for i, spec := range sheetsAccounts {
		a := &sheetsAccount{id: fmt.Sprintf("ACC-%04d", 1001+i), name: spec.name, owner: spec.owner}
		domain := strings.ToLower(asciiOf(spec.name)) + ".example"
		for j := 0; j < 2; j++ {
			name := sheetsContactNames[(2*i+j)%len(sheetsContactNames)]
			first, _, _ := strings.Cut(name, " ")
			a.contacts = append(a.contacts, [2]string{name, strings.ToLower(first) + "@" + domain})
		}
		g.byOwner[a.owner] = append(g.byOwner[a.owner], a)
		arr := ""
		if g.r.Chance(0.85) {
			arr = "$" + thousands(g.r.Between(4, 300)*50_000)
		}
		g.accounts.record(a.id, a.name, g.people[a.owner].email, arr, yesNo(g.r.Chance(0.3)), spec.vertical)
		for n := g.r.Between(1, 2); n > 0; n-- {
			g.writeDeal(a)
		}
	}
}

// thousands writes a whole number with comma separators: 1,250,000.
func thousands(n int) string {
	return strings.ReplaceAll(euros(n, false), ".", ",")
}

func (g *sheets) writeDeal(a *sheetsAccount) {
	id := fmt.Sprintf("OPP-%03d", len(g.deals.rows)+1)
	a.deals = append(a.deals, id)
	stage := connectortest.Pick(g.r, sheetsStages)
	created := time.Date(2025, time.November, 3, 14, 0, 0, 0, time.UTC).Add(time.Duration(g.r.Between(0, 120*24)) * time.Hour)
	closeDate := created.AddDate(0, 0, g.r.Between(30, 120))
	owner := g.people[a.owner].email
	if g.r.Chance(0.2) {
		// Sheets kept by hand are not consistent in case.
		owner = strings.ToUpper(owner[:1]) + owner[1:]
	}
	g.deals.record(id, a.name, owner, a.name+" - "+connectortest.Pick(g.r, []string{"Platform", "Expansion", "Renewal", "Pilot"}),
		stage, thousands(g.r.Between(6, 120)*1000), closeDate.Format(sheetsDate), fmt.Sprint(created.Unix()))
}

func (g *sheets) writeWeek(monday time.Time) {
	for i := range sheetsTeam {
		p := &sheetsTeam[i]
		switch p.role {
		case "vp":
			g.vpWeek(p, monday)
		case "manager":
			g.managerWeek(p, monday)
		case "ae":
			g.aeWeek(p, monday)
		case "sdr":
			g.sdrWeek(p, monday)
		}
	}
}

func (g *sheets) slot(monday time.Time) time.Time {
	return monday.AddDate(0, 0, g.r.Intn(5)).Add(time.Duration(9*60+15*g.r.Intn(32)) * time.Minute)
}

func (g *sheets) aeWeek(p *sheetsPerson, monday time.Time) {
	accounts := g.byOwner[p.id]
	for n := g.r.Times(4); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.activity(p, "Call", "Call with "+a.contacts[0][0], a, g.slot(monday), g.r.Between(5, 30), connectortest.Pick(g.r, []string{"Connected", "Left voicemail", "Connected"}))
	}
	for n := g.r.Times(1.5); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.meeting(p, "Demo", "Product demo - "+a.name, a, g.slot(monday), 60, a.contacts)
	}
	for n := g.r.Times(1); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.meeting(p, "Meeting", "Proposal review - "+a.name, a, g.slot(monday), 45, a.contacts[:1])
	}
	for n := g.r.Times(2.5); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.activity(p, "Email", "Sent proposal to "+a.name, a, g.slot(monday), 0, "Sent")
	}
	for n := g.r.Times(1.5); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.followUp(p, "Follow up: "+a.name+" pricing questions", a, monday.AddDate(0, 0, g.r.Between(2, 6)))
	}
}

func (g *sheets) sdrWeek(p *sheetsPerson, monday time.Time) {
	accounts := g.byOwner[p.id]
	for n := g.r.Times(7); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.activity(p, "Call", "Cold call - "+a.name, a, g.slot(monday), g.r.Between(1, 8), connectortest.Pick(g.r, []string{"No answer", "Left voicemail", "Connected", "Not interested"}))
	}
	for n := g.r.Times(4); n > 0; n-- {
		a := connectortest.Pick(g.r, accounts)
		g.activity(p, "LinkedIn message", "InMail to "+a.contacts[1][0], a, g.slot(monday), 0, "Sent")
	}
}

func (g *sheets) managerWeek(p *sheetsPerson, monday time.Time) {
	reps := g.reportsOf(p)
	g.meeting(p, "Meeting", "Team pipeline meeting", nil, monday.Add(10*time.Hour), 60, g.emails(reps...))
	for _, rep := range reps {
		if g.r.Chance(0.8) {
			first, _, _ := strings.Cut(rep.name, " ")
			g.meeting(p, "1:1", "1:1 "+first, nil, g.slot(monday), 30, g.emails(rep))
		}
	}
	for n := g.r.Times(1.5); n > 0; n-- {
		rep := connectortest.Pick(g.r, reps)
		if len(g.byOwner[rep.id]) == 0 {
			continue
		}
		a := connectortest.Pick(g.r, g.byOwner[rep.id])
		g.meeting(p, "Meeting", "Deal review: "+a.name, nil, g.slot(monday), 30, g.emails(rep))
		if g.r.Chance(0.5) {
			g.meeting(p, "Demo", "Joint demo - "+a.name, a, g.slot(monday), 60, append(g.emails(rep), a.contacts[:1]...))
		}
	}
	g.meeting(p, "Meeting", "Forecast call", nil, monday.AddDate(0, 0, 4).Add(15*time.Hour), 45, g.emails(g.people["R-100"]))
	if g.r.Chance(0.3) {
		g.meeting(p, "Meeting", "Interview: AE candidate", nil, g.slot(monday), 45, [][2]string{{"Chris Morgan", "chris.morgan@mail.example"}})
	}
	for n := g.r.Times(1); n > 0; n-- {
		a := connectortest.Pick(g.r, g.byOwner[p.id])
		g.activity(p, "Call", "Check-in call - "+a.name, a, g.slot(monday), g.r.Between(10, 25), "Connected")
	}
	g.followUp(p, "Update forecast sheet", nil, monday.AddDate(0, 0, 4))
}

func (g *sheets) vpWeek(p *sheetsPerson, monday time.Time) {
	if g.r.Chance(0.5) {
		a := g.byOwner[p.id][0]
		g.meeting(p, "Meeting", "Executive sponsor meeting - "+a.name, a, g.slot(monday), 60, a.contacts)
	}
	if monday.Day() <= 7 {
		g.meeting(p, "Webinar", "Customer webinar: Q1 release", nil, monday.AddDate(0, 0, 2).Add(13*time.Hour), 60, nil)
	}
}

func (g *sheets) reportsOf(m *sheetsPerson) []*sheetsPerson {
	var out []*sheetsPerson
	for i := range sheetsTeam {
		if p := &sheetsTeam[i]; p.active && strings.EqualFold(p.reportsTo, m.email) {
			out = append(out, p)
		}
	}
	return out
}

func (g *sheets) emails(people ...*sheetsPerson) [][2]string {
	var out [][2]string
	for _, p := range people {
		out = append(out, [2]string{p.name, p.email})
	}
	return out
}

func (g *sheets) nextID() string {
	g.nextActivity++
	return fmt.Sprintf("A%05d", g.nextActivity)
}

// activity writes an activity to the sheet of the month it happened in.
func (g *sheets) activity(p *sheetsPerson, typ, subject string, a *sheetsAccount, start time.Time, minutes int, outcome string) string {
	id := g.nextID()
	var account, deal, duration string
	if a != nil {
		account = a.name
		if len(a.deals) > 0 && g.r.Chance(0.4) {
			deal = connectortest.Pick(g.r, a.deals)
		}
	}
	if minutes > 0 {
		duration = fmt.Sprintf("%d:%02d", minutes/60, minutes%60)
	}
	g.months[start.Month()].record(id, typ, subject, p.email, account, deal, start.Format(sheetsDateTime), duration, outcome, "")
	return id
}

func (g *sheets) meeting(p *sheetsPerson, typ, subject string, a *sheetsAccount, start time.Time, minutes int, others [][2]string) {
	id := g.activity(p, typ, subject, a, start, minutes, "Held")
	g.participants.record(id, p.email, p.name, "Y", "Y", "Accepted")
	for _, o := range others {
		internal := strings.HasSuffix(o[1], "@brightline.example")
		rsvp := connectortest.Pick(g.r, []string{"Accepted", "Accepted", "Accepted", "Tentative", ""})
		g.participants.record(id, o[1], o[0], yesNo(internal), "N", rsvp)
	}
}

func (g *sheets) followUp(p *sheetsPerson, subject string, a *sheetsAccount, due time.Time) {
	account := ""
	if a != nil {
		account = a.name
	}
	g.months[due.Month()].record(g.nextID(), "Follow-up", subject, p.email, account, "", "", "", "", due.Format(sheetsDate))
}
