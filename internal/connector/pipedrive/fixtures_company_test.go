package pipedrive

// The fictional company behind the fixtures: Meridian Fleet Software, a
// small vendor of fleet-management software with sales teams in the
// Benelux, the DACH countries and Southern Europe, on Pipedrive. The
// model is rendered as API pages (v1 and v2) and as CSV exports by the
// other fixture files.

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// The export was taken at the end of January 2025; activities run from
// October 2024 to mid-February 2025 (the last weeks still to do).
var (
	periodStart = date(2024, 9, 30)
	exportTime  = time.Date(2025, 1, 31, 17, 40, 0, 0, time.UTC)
	periodEnd   = date(2025, 2, 15)
)

const companyDomain = "meridianfleet.example"

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

type fxUser struct {
	id             int
	name, email    string
	manager        *fxUser
	active         bool
	created        time.Time
	modified       time.Time
	locale, tz     string
	lang           string // the language of the user's subjects
	isAdmin        bool
	hierarchyByRef string // how user-managers.csv names the user: "email", "name" or "id"
}

func (u *fxUser) first() string { return strings.Fields(u.name)[0] }

type fxOrgField struct {
	id       int
	key      string
	name     string
	typ      string
	options  []fxOption
	editable bool
}

type fxOption struct {
	id    int
	label string
}

type fxOrg struct {
	id      int
	name    string
	owner   *fxUser
	tier    fxOption // zero: none
	revenue float64  // 0: none
	label   fxOption
	address string
	country string
	added   time.Time
}

type fxPerson struct {
	id          int
	name, email string
	phone       string
	org         *fxOrg
	owner       *fxUser
	added       time.Time
}

type fxStage struct {
	id          int
	name        string
	order       int
	probability int
}

type fxDeal struct {
	id            int
	title         string
	owner         *fxUser
	org           *fxOrg
	person        *fxPerson
	stage         *fxStage
	value         float64
	status        string // open, won, lost
	added         time.Time
	closed        time.Time // won or lost
	expectedClose time.Time
	lostReason    string
	deleted       bool
}

type fxAttendee struct {
	user   *fxUser
	person *fxPerson
	// email and name of an invitee who is neither (or a user known to
	// the calendar by e-mail only, with user nil).
	email, name string
	organizer   bool
	status      string
}

type fxActivity struct {
	id        int
	typ       string // API key: call, meeting, task, deadline, email, lunch, demo
	subject   string
	owner     *fxUser
	org       *fxOrg
	deal      *fxDeal
	person    *fxPerson
	due       time.Time // date; zero: no date
	at        time.Duration
	timed     bool
	duration  time.Duration // 0: none
	done      bool
	doneAt    time.Time
	added     time.Time
	priority  string // CSV label: High, Medium, Low or ""
	note      string
	location  string
	attendees []fxAttendee
	// participants are the persons the activity is about.
	participants []*fxPerson
	deleted      bool
}

func (a *fxActivity) start() time.Time { return a.due.Add(a.at) }

// typeLabels are the activity types as the web app names them.
var typeLabels = map[string]string{
	"call": "Call", "meeting": "Meeting", "task": "Task", "deadline": "Deadline",
	"email": "Email", "lunch": "Lunch", "demo": "Demo",
}

type company struct {
	users      []*fxUser
	head       *fxUser
	managers   []*fxUser
	teams      map[*fxUser][]*fxUser
	fields     []*fxOrgField
	tierField  *fxOrgField
	revField   *fxOrgField
	labelField *fxOrgField
	orgs       []*fxOrg
	persons    []*fxPerson
	stages     []*fxStage
	deals      []*fxDeal
	activities []*fxActivity
}

func (c *company) user(name string) *fxUser {
	for _, u := range c.users {
		if u.name == name {
			return u
		}
	}
	panic("fixture bug: no user " + name)
}

func (c *company) org(name string) *fxOrg {
	for _, o := range c.orgs {
		if o.name == name {
			return o
		}
	}
	panic("fixture bug: no organization " + name)
}

func (c *company) activity(id int) *fxActivity {
	for _, a := range c.activities {
		if a.id == id {
			return a
		}
	}
	panic(fmt.Sprintf("fixture bug: no activity %d", id))
}

// generateCompany builds the company. It is deterministic: the same
// fixtures every time.
func generateCompany() *company {
	r := connectortest.NewRand(20250131)
	c := &company{teams: map[*fxUser][]*fxUser{}}
	c.addUsers()
	c.addFields()
	c.addOrganizations(r)
	c.addStages()
	c.addDeals(r)
	c.addActivities(r)
	return c
}

func (c *company) addUsers() {
	type spec struct {
		name, manager, locale, tz, lang, ref string
		active                               bool
		created                              time.Time
	}
	specs := []spec{
		{"Claire Dubois", "", "fr_FR", "Europe/Paris", "en", "email", true, date(2021, 3, 1)},
		{"Sanne de Vries", "Claire Dubois", "nl_NL", "Europe/Amsterdam", "nl", "email", true, date(2021, 3, 8)},
		{"Jonas Weber", "Claire Dubois", "de_DE", "Europe/Berlin", "de", "email", true, date(2021, 9, 1)},
		{"Lucía Morales", "Claire Dubois", "es_ES", "Europe/Madrid", "es", "name", true, date(2022, 1, 10)},
		{"Bram Jansen", "Sanne de Vries", "nl_NL", "Europe/Amsterdam", "nl", "name", true, date(2022, 2, 1)},
		{"Noor El Amrani", "Sanne de Vries", "nl_NL", "Europe/Amsterdam", "nl", "email", true, date(2023, 5, 15)},
		{"Pieter Claes", "Sanne de Vries", "nl_BE", "Europe/Brussels", "nl", "id", true, date(2023, 9, 4)},
		{"Lena Fischer", "Jonas Weber", "de_DE", "Europe/Berlin", "de", "email", true, date(2022, 4, 1)},
		{"Tobias Huber", "Jonas Weber", "de_AT", "Europe/Vienna", "de", "email", true, date(2023, 1, 9)},
		{"Mia Schneider", "Jonas Weber", "de_CH", "Europe/Zurich", "de", "email", true, date(2024, 6, 3)},
		{"Ana Sousa", "Lucía Morales", "pt_PT", "Europe/Lisbon", "pt", "email", true, date(2022, 6, 1)},
		{"Diego Ruiz", "Lucía Morales", "es_ES", "Europe/Madrid", "es", "email", true, date(2023, 3, 6)},
		{"Camille Laurent", "Lucía Morales", "fr_FR", "Europe/Paris", "fr", "email", true, date(2023, 10, 2)},
		{"Thomas Müller", "Jonas Weber", "de_DE", "Europe/Berlin", "de", "email", false, date(2022, 8, 1)},
		{"Femke Visser", "Claire Dubois", "nl_NL", "Europe/Amsterdam", "en", "email", true, date(2021, 4, 12)},
	}
	byName := map[string]*fxUser{}
	for i, s := range specs {
		u := &fxUser{
			id: 13051201 + i, name: s.name, email: emailOf(s.name), active: s.active,
			created: s.created.Add(9 * time.Hour), locale: s.locale, tz: s.tz, lang: s.lang,
			hierarchyByRef: s.ref, isAdmin: s.name == "Femke Visser" || s.name == "Claire Dubois",
		}
		u.modified = time.Date(2025, 1, 20, 8, 15, 0, 0, time.UTC)
		if !u.active {
			// Thomas left at the end of November.
			u.modified = time.Date(2024, 11, 29, 16, 5, 0, 0, time.UTC)
		}
		if s.manager != "" {
			u.manager = byName[s.manager]
		}
		byName[s.name] = u
		c.users = append(c.users, u)
	}
	c.head = byName["Claire Dubois"]
	for _, name := range []string{"Sanne de Vries", "Jonas Weber", "Lucía Morales"} {
		m := byName[name]
		c.managers = append(c.managers, m)
		for _, u := range c.users {
			if u.manager == m && u.active {
				c.teams[m] = append(c.teams[m], u)
			}
		}
	}
}

// emailOf makes a user's address: "Lucía Morales" → lucia.morales@…
func emailOf(name string) string {
	return asciiLower(strings.ReplaceAll(name, " ", ".")) + "@" + companyDomain
}

var asciiFold = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ö", "o", "ä", "a",
	"ß", "ss", "ñ", "n", "ã", "a", "ç", "c", "è", "e", "ô", "o", "ë", "e", "ï", "i", "-", "", "'", "", "&", "")

func asciiLower(s string) string { return asciiFold.Replace(strings.ToLower(s)) }

func (c *company) addFields() {
	c.tierField = &fxOrgField{id: 4017, key: "8b2f0e6d4c1a9f3e7b5d2c8a6e4f1b3d9c7a5e21", name: "Tier", typ: "enum", editable: true,
		options: []fxOption{{61, "Tier 1"}, {62, "Tier 2"}, {63, "Tier 3"}}}
	c.revField = &fxOrgField{id: 4018, key: "c3e9a1f7b5d2e8c4a6f0b9d3e7c1a5f2b8d4e6a0", name: "Annual revenue", typ: "monetary", editable: true}
	c.labelField = &fxOrgField{id: 4004, key: "label", name: "Label", typ: "enum",
		options: []fxOption{{5, "Customer"}, {6, "Hot lead"}, {7, "Warm lead"}, {8, "Cold lead"}}}
	c.fields = []*fxOrgField{
		{id: 4001, key: "name", name: "Name", typ: "varchar"},
		{id: 4002, key: "owner_id", name: "Owner", typ: "user"},
		{id: 4003, key: "address", name: "Address", typ: "address"},
		c.labelField,
		{id: 4005, key: "people_count", name: "People", typ: "int"},
		{id: 4006, key: "open_deals_count", name: "Open deals", typ: "int"},
		{id: 4007, key: "add_time", name: "Organization created", typ: "date"},
		c.tierField,
		c.revField,
	}
}

// orgSpecs are the customers and prospects: name, country, the region's
// manager whose team owns them.
var orgSpecs = []struct{ name, country, city, region string }{
	{"Van der Berg Transport B.V.", "NL", "Rotterdam", "nl"},
	{"Koeltransport Brabant B.V.", "NL", "Tilburg", "nl"},
	{"De Vlaamse Koerier NV", "BE", "Gent", "nl"},
	{"Havenlogistiek Zeeland B.V.", "NL", "Vlissingen", "nl"},
	{"Groen & Zn. Verhuizingen", "NL", "Utrecht", "nl"},
	{"Limburgse Bouwmaterialen NV", "BE", "Hasselt", "nl"},
	{"Fietskoeriers Amsterdam", "NL", "Amsterdam", "nl"},
	{"Brouwerij Het Anker Distributie", "BE", "Mechelen", "nl"},
	{"Spedition Köhler GmbH", "DE", "Hamburg", "de"},
	{"Alpen Logistik AG", "AT", "Innsbruck", "de"},
	{"Bäckerei Sonnenschein Filialen", "DE", "München", "de"},
	{"Rheinland Entsorgung GmbH", "DE", "Köln", "de"},
	{"Zürcher Kurierdienst AG", "CH", "Zürich", "de"},
	{"Müller & Söhne Baustoffe", "DE", "Stuttgart", "de"},
	{"Stadtwerke Lindau Fuhrpark", "DE", "Lindau", "de"},
	{"Nordsee Fischhandel GmbH", "DE", "Bremerhaven", "de"},
	{"Transportes Ibéricos S.L.", "ES", "Zaragoza", "es"},
	{"Logística Atlântica Lda.", "PT", "Porto", "es"},
	{"Distribuciones Peñalara S.A.", "ES", "Madrid", "es"},
	{"Frigoríficos del Ebro S.L.", "ES", "Logroño", "es"},
	{"Groupe Routier Méditerranée SA", "FR", "Marseille", "es"},
	{"Ambulâncias Lusitânia", "PT", "Lisboa", "es"},
	{"Messagerie Rhône-Alpes SARL", "FR", "Lyon", "es"},
	{"Cervecería La Giralda", "ES", "Sevilla", "es"},
	{"Autocarros do Minho S.A.", "PT", "Braga", "es"},
	{"Transports Lefèvre & Fils", "FR", "Lille", "es"},
	{"Nordic Cold Chain ApS", "DK", "Aarhus", "de"},
	{"Euro Parcel Hub B.V.", "NL", "Venlo", "nl"},
}

var (
	firstNames = map[string][]string{
		"nl": {"Joris", "Eva", "Maarten", "Lotte", "Wouter", "Inge", "Kees", "Sofie", "Ruben", "Marieke"},
		"de": {"Stefan", "Katrin", "Jürgen", "Anja", "Florian", "Sabine", "Matthias", "Julia", "Uwe", "Nina"},
		"es": {"Javier", "Marta", "João", "Inês", "Sergio", "Carmen", "Luc", "Élodie", "Pablo", "Beatriz"},
	}
	lastNames = map[string][]string{
		"nl": {"Bakker", "Visser", "Smit", "Mulder", "de Boer", "Peeters", "Janssens", "Hendriks", "Maes", "Dekker"},
		"de": {"Schmidt", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf"},
		"es": {"García", "Fernández", "Silva", "Santos", "López", "Martín", "Ferreira", "Dupont", "Moreau", "Gómez"},
	}
)

func (c *company) regionTeam(region string) (*fxUser, []*fxUser) {
	manager := map[string]string{"nl": "Sanne de Vries", "de": "Jonas Weber", "es": "Lucía Morales"}[region]
	m := c.user(manager)
	return m, c.teams[m]
}

func (c *company) addOrganizations(r *connectortest.Rand) {
	personID := 2301
	for i, s := range orgSpecs {
		_, team := c.regionTeam(s.region)
		o := &fxOrg{
			id: 1201 + i, name: s.name, owner: team[i%len(team)], country: s.country,
			address: s.city + ", " + s.country, added: date(2022, 1, 15).AddDate(0, 0, r.Intn(900)).Add(10 * time.Hour),
			label: c.labelField.options[r.Intn(len(c.labelField.options))],
		}
		if s.name == "Spedition Köhler GmbH" {
			o.owner = c.user("Thomas Müller") // still owned by the rep who left
		}
		if i%7 != 3 {
			o.tier = c.tierField.options[r.Intn(3)]
		}
		if i%5 != 2 {
			o.revenue = float64(r.Between(8, 400)) * 250000
		}
		c.orgs = append(c.orgs, o)
		for range 2 {
			first := connectortest.Pick(r, firstNames[s.region])
			last := connectortest.Pick(r, lastNames[s.region])
			p := &fxPerson{
				id: personID, name: first + " " + last, org: o, owner: o.owner,
				email: asciiLower(first+"."+strings.ReplaceAll(last, " ", "")) + "@" + orgDomain(s.name),
				phone: fmt.Sprintf("+%d %d %07d", 30+r.Intn(25), 10+r.Intn(80), r.Intn(10000000)),
				added: o.added.AddDate(0, 0, r.Intn(30)),
			}
			personID++
			c.persons = append(c.persons, p)
		}
	}
}

// orgDomain makes a plausible e-mail domain from a company name.
func orgDomain(name string) string {
	words := strings.Fields(asciiLower(name))
	if len(words) > 2 {
		words = words[:2]
	}
	return strings.Join(words, "") + ".example"
}

func (c *company) addStages() {
	for i, name := range []string{"Qualified", "Contact made", "Demo scheduled", "Proposal made", "Negotiations started"} {
		c.stages = append(c.stages, &fxStage{id: i + 1, name: name, order: i + 1, probability: 10 + 20*i})
	}
}

var dealProducts = []string{"fleet rollout", "telematics pilot", "route planning", "driver app licences", "cold-chain sensors", "renewal 2025"}

func (c *company) addDeals(r *connectortest.Rand) {
	id := 3401
	for i, o := range c.orgs {
		n := 1 + i%3%2 + r.Intn(2)
		for k := range n {
			d := &fxDeal{
				id: id, owner: o.owner, org: o, person: c.personsOf(o)[k%2],
				title: shortName(o.name) + " – " + dealProducts[(i+k)%len(dealProducts)],
				value: float64(r.Between(6, 160)) * 1000, added: periodStart.AddDate(0, -r.Intn(6), r.Intn(60)).Add(11 * time.Hour),
			}
			id++
			switch x := r.Intn(10); {
			case x < 3:
				d.status = "won"
				d.stage = c.stages[4]
				d.closed = periodStart.AddDate(0, 0, r.Intn(110)).Add(time.Duration(9+r.Intn(8)) * time.Hour)
			case x < 5:
				d.status = "lost"
				d.stage = c.stages[r.Intn(5)]
				d.closed = periodStart.AddDate(0, 0, r.Intn(110)).Add(time.Duration(9+r.Intn(8)) * time.Hour)
				d.lostReason = connectortest.Pick(r, []string{"Price", "Went with competitor", "No budget", "Timing"})
			default:
				d.status = "open"
				d.stage = c.stages[r.Intn(5)]
			}
			if !d.closed.IsZero() && d.closed.Before(d.added) {
				d.closed = d.added.AddDate(0, 0, 20)
			}
			d.expectedClose = date(2025, time.Month(1+r.Intn(5)), 1+r.Intn(28))
			if d.owner == c.user("Thomas Müller") && d.status == "open" {
				d.owner = c.user("Lena Fischer") // reassigned when he left
			}
			c.deals = append(c.deals, d)
		}
	}
	// A deal deleted in Pipedrive: the API still lists it.
	c.deals[7].deleted = true
}

func (c *company) personsOf(o *fxOrg) []*fxPerson {
	var out []*fxPerson
	for _, p := range c.persons {
		if p.org == o {
			out = append(out, p)
		}
	}
	return out
}

// shortName is the company name without its legal form.
func shortName(name string) string {
	for _, suffix := range []string{" B.V.", " NV", " GmbH", " AG", " S.L.", " S.A.", " Lda.", " SA", " SARL", " ApS"} {
		name = strings.TrimSuffix(name, suffix)
	}
	return name
}

func (c *company) orgsOf(u *fxUser) []*fxOrg {
	var out []*fxOrg
	for _, o := range c.orgs {
		if o.owner == u || o.owner.manager == u {
			out = append(out, o)
		}
	}
	return out
}

func (c *company) dealOf(o *fxOrg) *fxDeal {
	for _, d := range c.deals {
		if d.org == o && !d.deleted {
			return d
		}
	}
	return nil
}

// Subjects by language, for the kinds of work a manager and a rep do.
var subjects = map[string]map[string][]string{
	"oneOnOne": {
		"nl": {"1:1 met %s", "1:1 with %s"}, "de": {"1:1 mit %s", "1:1 with %s"},
		"es": {"1:1 con %s", "1:1 with %s"}, "en": {"1:1 with %s"},
	},
	"team": {
		"nl": {"Pipeline review Benelux", "Teamoverleg sales"}, "de": {"Wochenmeeting Vertrieb DACH", "Pipeline-Review"},
		"es": {"Reunión de pipeline", "Réunion d'équipe Sud"}, "en": {"Sales leadership meeting"},
	},
	"visit": {
		"nl": {"Klantbezoek %s", "QBR %s"}, "de": {"Kundentermin %s", "QBR %s"},
		"es": {"Visita a cliente %s", "Reunião com %s", "Visite client %s"}, "en": {"Executive visit %s"},
	},
	"coaching": {
		"nl": {"Ride-along met %s", "Coaching: gespreksanalyse %s"}, "de": {"Begleitung %s – Kundentermin", "Coaching-Gespräch %s"},
		"es": {"Acompañamiento a %s", "Coaching call review %s"}, "en": {"Coaching %s"},
	},
	"admin": {
		"nl": {"Declaraties indienen", "Expense report", "Forecast bijwerken"}, "de": {"Spesenabrechnung", "Forecast-Abgabe", "CRM-Pflege"},
		"es": {"Expense report", "Previsión de ventas", "Note de frais"}, "en": {"Board forecast", "Expense report"},
	},
	"prep": {
		"nl": {"QBR prep %s", "Voorbereiding offerte %s"}, "de": {"Angebot vorbereiten %s", "QBR prep %s"},
		"es": {"Preparar propuesta %s", "QBR prep %s"}, "en": {"QBR prep %s"},
	},
	"hiring": {
		"nl": {"Sollicitatiegesprek kandidaat", "Interview candidate"}, "de": {"Vorstellungsgespräch Vertrieb", "Interview candidate"},
		"es": {"Entrevista candidato", "Entretien candidat"}, "en": {"Interview candidate"},
	},
	"call": {
		"nl": {"Nabellen offerte %s", "Follow-up call %s"}, "de": {"Rückruf %s", "Follow-up call %s"},
		"pt": {"Ligação de acompanhamento %s"}, "es": {"Llamada de seguimiento %s"}, "fr": {"Appel de suivi %s"},
	},
	"email": {
		"nl": {"Offerte versturen %s"}, "de": {"Angebot senden %s"}, "pt": {"Enviar proposta %s"},
		"es": {"Enviar propuesta %s"}, "fr": {"Envoyer la proposition %s"},
	},
	"deadline": {
		"nl": {"Contract renewal deadline %s"}, "de": {"Angebotsfrist %s"}, "pt": {"Prazo da proposta %s"},
		"es": {"Fecha límite propuesta %s"}, "fr": {"Date limite offre %s"},
	},
	"lunch": {
		"nl": {"Zakenlunch %s"}, "de": {"Geschäftsessen %s"}, "pt": {"Almoço com %s"}, "es": {"Comida con %s"}, "fr": {"Déjeuner avec %s"},
	},
	"demo": {
		"nl": {"Demo %s"}, "de": {"Produktdemo %s"}, "pt": {"Demonstração %s"}, "es": {"Demo %s"}, "fr": {"Démo %s"},
	},
}

func subject(r *connectortest.Rand, kind, lang string, args ...any) string {
	forms := subjects[kind][lang]
	if len(forms) == 0 {
		forms = subjects[kind]["en"]
	}
	if len(forms) == 0 {
		forms = subjects[kind]["nl"]
	}
	s := connectortest.Pick(r, forms)
	if strings.Contains(s, "%s") {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// activityBuilder accumulates the activities with sequential IDs given
// later, in the order Pipedrive would have created them.
type activityBuilder struct {
	c *company
	r *connectortest.Rand
}

// workday is a weekday in week w of the period (0 = Monday).
func workday(week, weekday int) time.Time { return periodStart.AddDate(0, 0, 7*week+weekday) }

func weeks() int { return int(periodEnd.Sub(periodStart).Hours()/24/7) + 1 }

// clockAt is a time of day in quarter hours from 07:00 UTC.
func (b *activityBuilder) clockAt() time.Duration {
	return 7*time.Hour + time.Duration(b.r.Intn(38))*15*time.Minute
}

func (b *activityBuilder) add(a *fxActivity) *fxActivity {
	if a.due.After(periodEnd) {
		return nil
	}
	b.finish(a)
	b.c.activities = append(b.c.activities, a)
	return a
}

// finish sets when the activity was logged and whether and when it was
// done: past activities mostly done, future ones to do.
func (b *activityBuilder) finish(a *fxActivity) {
	r := b.r
	happens := a.start()
	if a.due.IsZero() {
		happens = exportTime.AddDate(0, 0, -3)
	}
	a.added = happens.AddDate(0, 0, -1-r.Intn(12)).Truncate(24 * time.Hour).Add(time.Duration(8+r.Intn(9))*time.Hour + time.Duration(r.Intn(60))*time.Minute)
	if a.due.IsZero() || happens.Before(exportTime) {
		late := a.typ == "task" || a.typ == "deadline"
		a.done = !r.Chance(0.08)
		if a.done {
			switch {
			case late:
				a.doneAt = happens.Add(time.Duration(9+r.Intn(8))*time.Hour + time.Duration(r.Intn(4*24))*time.Hour)
			default:
				a.doneAt = happens.Add(a.duration + time.Duration(r.Intn(90))*time.Minute)
			}
			a.doneAt = a.doneAt.Truncate(time.Minute)
			if a.doneAt.After(exportTime) {
				a.doneAt = exportTime.Add(-time.Hour)
			}
		}
	}
}

func (c *company) addActivities(r *connectortest.Rand) {
	b := &activityBuilder{c: c, r: r}
	b.addShowcase()
	for _, m := range c.managers {
		b.addManagerWork(m)
	}
	b.addHeadWork()
	for _, m := range c.managers {
		for _, rep := range c.teams[m] {
			b.addRepWork(rep)
		}
	}
	b.addRepWork(c.user("Thomas Müller"))
	// Pipedrive numbers activities as they are created.
	sort.SliceStable(c.activities, func(i, j int) bool { return c.activities[i].added.Before(c.activities[j].added) })
	for i, a := range c.activities {
		if a.id == 0 {
			a.id = 50101 + 3*i
		}
	}
}

func userAttendee(u *fxUser, organizer bool) fxAttendee {
	return fxAttendee{user: u, organizer: organizer, status: "accepted"}
}

func personAttendee(p *fxPerson, status string) fxAttendee {
	return fxAttendee{person: p, status: status}
}

func (b *activityBuilder) addManagerWork(m *fxUser) {
	r, team := b.r, b.c.teams[m]
	for w := range weeks() {
		// The weekly team meeting, Monday morning.
		monday := workday(w, 0)
		meeting := &fxActivity{typ: "meeting", subject: subject(r, "team", m.lang), owner: m, due: monday,
			at: 8 * time.Hour, timed: true, duration: time.Hour, location: "Teams"}
		meeting.attendees = append(meeting.attendees, userAttendee(m, true))
		for _, rep := range team {
			meeting.attendees = append(meeting.attendees, fxAttendee{user: rep, status: connectortest.Pick(r, []string{"accepted", "accepted", "tentative"})})
		}
		b.add(meeting)
		// 1:1s every other week.
		if w%2 == 0 {
			for i, rep := range team {
				oneOnOne := &fxActivity{typ: "meeting", subject: subject(r, "oneOnOne", m.lang, rep.first()), owner: m,
					due: workday(w, 1+i%3), at: b.clockAt(), timed: true, duration: 30 * time.Minute}
				oneOnOne.attendees = []fxAttendee{userAttendee(m, true), userAttendee(rep, false)}
				b.add(oneOnOne)
			}
		}
		// A customer visit or a coaching ride-along most weeks.
		if r.Chance(0.7) {
			b.add(b.customerMeeting(m, connectortest.Pick(r, team), w))
		}
		if w%4 == 1 {
			b.add(&fxActivity{typ: "task", subject: subject(r, "admin", m.lang), owner: m, due: workday(w, 4), priority: "Medium"})
		}
		if w%3 == 2 {
			o := connectortest.Pick(r, b.c.orgsOf(m))
			b.add(&fxActivity{typ: "task", subject: subject(r, "prep", m.lang, shortName(o.name)), owner: m, org: o,
				due: workday(w, 3), at: b.clockAt(), timed: r.Chance(0.5), duration: 45 * time.Minute, priority: "High"})
		}
		if w%6 == 3 {
			b.add(&fxActivity{typ: "meeting", subject: subject(r, "hiring", m.lang), owner: m, due: workday(w, 2),
				at: b.clockAt(), timed: true, duration: 45 * time.Minute,
				attendees: []fxAttendee{userAttendee(m, true), {email: "kandidaat." + asciiLower(m.first()) + "@mail.example", name: "Candidate", status: "accepted"}}})
		}
	}
}

// customerMeeting is a manager's visit to a rep's customer, or a call
// with them: the rep and a contact take part.
func (b *activityBuilder) customerMeeting(m, rep *fxUser, w int) *fxActivity {
	r := b.r
	orgs := b.c.orgsOf(rep)
	if len(orgs) == 0 {
		orgs = b.c.orgsOf(m)
	}
	o := connectortest.Pick(r, orgs)
	p := b.c.personsOf(o)[r.Intn(2)]
	kind := connectortest.Pick(r, []string{"visit", "visit", "coaching"})
	a := &fxActivity{typ: "meeting", owner: m, org: o, person: p, deal: b.c.dealOf(o), due: workday(w, r.Intn(5)),
		at: b.clockAt(), timed: true, duration: time.Duration(60+30*r.Intn(3)) * time.Minute, location: strings.Split(o.address, ",")[0]}
	if kind == "visit" {
		a.subject = subject(r, "visit", m.lang, shortName(o.name))
	} else {
		a.subject = subject(r, "coaching", m.lang, rep.first())
	}
	a.attendees = []fxAttendee{userAttendee(m, true), userAttendee(rep, false), personAttendee(p, connectortest.Pick(r, []string{"accepted", "noreply"}))}
	a.participants = []*fxPerson{p}
	if r.Chance(0.15) {
		a.timed = false // a visit planned for the day, no time set
	}
	return a
}

func (b *activityBuilder) addHeadWork() {
	r, head := b.r, b.c.head
	for w := range weeks() {
		if w%2 == 1 {
			meeting := &fxActivity{typ: "meeting", subject: subject(r, "team", "en"), owner: head, due: workday(w, 1),
				at: 13 * time.Hour, timed: true, duration: 90 * time.Minute}
			meeting.attendees = []fxAttendee{userAttendee(head, true)}
			for _, m := range b.c.managers {
				meeting.attendees = append(meeting.attendees, userAttendee(m, false))
			}
			b.add(meeting)
		}
		if w%4 == 2 {
			b.add(&fxActivity{typ: "task", subject: subject(r, "admin", "en"), owner: head, due: workday(w, 4), priority: "High"})
		}
	}
}

func (b *activityBuilder) addRepWork(rep *fxUser) {
	r := b.r
	orgs := b.c.orgsOf(rep)
	lang := rep.lang
	for w := range weeks() {
		if !rep.active && workday(w, 0).After(rep.modified) {
			return
		}
		if !r.Chance(0.45) {
			continue
		}
		o := connectortest.Pick(r, orgs)
		p := b.c.personsOf(o)[r.Intn(2)]
		a := &fxActivity{owner: rep, org: o, person: p, deal: b.c.dealOf(o), due: workday(w, r.Intn(5)),
			at: b.clockAt(), timed: true, participants: []*fxPerson{p}}
		switch x := r.Intn(10); {
		case x < 4:
			a.typ, a.subject, a.duration = "call", subject(r, "call", lang, shortName(o.name)), time.Duration(10+5*r.Intn(3))*time.Minute
		case x < 6:
			a.typ, a.subject, a.timed = "email", subject(r, "email", lang, shortName(o.name)), r.Chance(0.5)
		case x < 7:
			a.typ, a.subject, a.timed = "deadline", subject(r, "deadline", lang, shortName(o.name)), false
		case x < 8:
			a.typ, a.subject, a.duration = "lunch", subject(r, "lunch", lang, p.name), 90*time.Minute
			a.at = 11*time.Hour + 30*time.Minute
		default:
			a.typ, a.subject, a.duration = "demo", subject(r, "demo", lang, shortName(o.name)), time.Hour
			a.attendees = []fxAttendee{userAttendee(rep, true), personAttendee(p, "accepted")}
		}
		b.add(a)
	}
}

// addShowcase plants activities with known values, which the tests check
// field by field.
func (b *activityBuilder) addShowcase() {
	c := b.c
	ana, lucia := c.user("Ana Sousa"), c.user("Lucía Morales")
	sanne, bram := c.user("Sanne de Vries"), c.user("Bram Jansen")
	jonas := c.user("Jonas Weber")
	atlantica := c.org("Logística Atlântica Lda.")
	vanDerBerg := c.org("Van der Berg Transport B.V.")
	contact := c.personsOf(atlantica)[0]
	show := []*fxActivity{
		// A timed, done 1:1 on 5 December 2024 (serial date 45631).
		{id: 49001, typ: "meeting", subject: "1:1 with Ana", owner: lucia, due: date(2024, 12, 5), at: 10*time.Hour + 30*time.Minute,
			timed: true, duration: 30 * time.Minute, done: true, doneAt: time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
			added:     time.Date(2024, 11, 27, 9, 14, 0, 0, time.UTC),
			attendees: []fxAttendee{userAttendee(lucia, true), userAttendee(ana, false)}},
		// A customer meeting with an invitee known by e-mail only and a
		// colleague the calendar knows by e-mail, not user ID.
		{id: 49002, typ: "meeting", subject: "Reunião com Logística Atlântica", owner: lucia, org: atlantica, person: contact,
			deal: c.dealOf(atlantica), due: date(2025, 1, 14), at: 9 * time.Hour, timed: true, duration: 90 * time.Minute,
			done: true, doneAt: time.Date(2025, 1, 14, 11, 0, 0, 0, time.UTC), added: time.Date(2025, 1, 8, 16, 40, 0, 0, time.UTC),
			location: "Porto",
			attendees: []fxAttendee{userAttendee(lucia, true), {email: ana.email, name: ana.name, status: "accepted"},
				personAttendee(contact, "accepted"), {email: "compras@logisticaatlantica.example", name: "Compras", status: "noreply"}},
			participants: []*fxPerson{contact}},
		// A deadline with a date only, done three days late.
		{id: 49003, typ: "deadline", subject: "Contract renewal deadline Van der Berg", owner: bram, org: vanDerBerg,
			deal: c.dealOf(vanDerBerg), due: date(2024, 11, 15), done: true, doneAt: time.Date(2024, 11, 18, 15, 45, 0, 0, time.UTC),
			added: time.Date(2024, 10, 21, 10, 5, 0, 0, time.UTC), priority: "High"},
		// An overdue task, still to do.
		{id: 49004, typ: "task", subject: "Expense report", owner: sanne, due: date(2025, 1, 10), at: 14 * time.Hour, timed: true,
			added: time.Date(2025, 1, 6, 8, 30, 0, 0, time.UTC), priority: "Low"},
		// A custom type, and an activity planned after the export.
		{id: 49005, typ: "demo", subject: "Demo Spedition Köhler", owner: c.user("Lena Fischer"), org: c.org("Spedition Köhler GmbH"),
			due: date(2025, 2, 12), at: 13 * time.Hour, timed: true, duration: time.Hour, added: time.Date(2025, 1, 30, 11, 0, 0, 0, time.UTC)},
		// A task with no date at all, done.
		{id: 49006, typ: "task", subject: "CRM hygiene: duplicate organisations", owner: jonas, done: true,
			doneAt: time.Date(2025, 1, 29, 17, 20, 0, 0, time.UTC), added: time.Date(2025, 1, 27, 9, 0, 0, 0, time.UTC)},
		// Deleted in Pipedrive: the API lists it, the CSV export does not.
		{id: 49007, typ: "meeting", subject: "Kundentermin (abgesagt)", owner: jonas, due: date(2024, 12, 10), at: 9 * time.Hour,
			timed: true, duration: time.Hour, added: time.Date(2024, 12, 2, 9, 0, 0, 0, time.UTC), deleted: true},
	}
	c.activities = append(c.activities, show...)
}

// showcaseIDs are the planted activities the tests check.
const (
	showOneOnOne   = 49001
	showCustomer   = 49002
	showDeadline   = 49003
	showOverdue    = 49004
	showCustomType = 49005
	showNoDate     = 49006
	showDeleted    = 49007
)

// loaded are the activities a reader must load (the deleted one is
// skipped).
func (c *company) loadedActivities() []*fxActivity {
	var out []*fxActivity
	for _, a := range c.activities {
		if !a.deleted {
			out = append(out, a)
		}
	}
	return out
}
