package csv

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// Van Dijk Kantoorinrichting B.V. (fictional) sells office furniture in the
// Benelux, Germany and southern Europe. Its sales team keeps its CRM in a
// shared Excel workbook, saved sheet by sheet as Excel's semicolon CSV:
// Windows-1252, CRLF, Dutch headers and drop-down values, dates as
// 31/01/2026 14:30 in Amsterdam time, amounts as 45.000,00, Ja/Nee. The
// subjects are in each seller's language. A director leads three
// first-line managers who work differently: Pieter (Benelux) coaches,
// Jürgen (DACH) sells himself, Inês (southern Europe) drowns in admin and
// internal meetings.

const (
	vanDijkWeeks         = 8
	vanDijkTradeFairWeek = 5
)

var vanDijkFirstMonday = time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC)

const (
	vdDateTime = "02/01/2006 15:04"
	vdDate     = "02/01/2006"
)

type vdPerson struct {
	id, name, email, title, team, lang string
	manager                            string // the manager's name, as the sheet writes it
	joined, left                       string
	style                              *vdStyle // nil for a rep
}

// vdStyle is how often a manager does each thing, per week.
type vdStyle struct {
	teamMeeting, coaching, rideAlong, pipeline, visits, calls, admin, internal, recruiting float64
	accounts                                                                               int
}

var vanDijkPeople = []vdPerson{
	{id: "M001", name: "Sanne de Vries", email: "s.devries@vandijk-kantoor.nl", title: "Commercieel directeur", team: "Directie", lang: "nl", joined: "01/03/2015",
		style: &vdStyle{internal: 1, visits: 1, admin: 1, accounts: 2}},
	{id: "M010", name: "Pieter Janssen", email: "p.janssen@vandijk-kantoor.nl", title: "Teamleider Benelux", team: "Benelux", lang: "nl", manager: "Sanne de Vries", joined: "15/08/2018",
		style: &vdStyle{teamMeeting: 1, coaching: 2, rideAlong: 1, pipeline: 1, visits: 1, calls: 2, admin: 1, internal: 0.5, recruiting: 0.3, accounts: 2}},
	{id: "M011", name: "Lotte Bakker", email: "l.bakker@vandijk-kantoor.nl", title: "Accountmanager", team: "Benelux", lang: "nl", manager: "Pieter Janssen", joined: "01/02/2021"},
	{id: "M012", name: "Daan Visser", email: "d.visser@vandijk-kantoor.nl", title: "Accountmanager", team: "Benelux", lang: "nl", manager: "Pieter Janssen", joined: "01/09/2022"},
	{id: "M013", name: "Noor El Amrani", email: "n.elamrani@vandijk-kantoor.nl", title: "Accountmanager", team: "Benelux", lang: "nl", manager: "Pieter Janssen", joined: "04/01/2024"},
	{id: "M014", name: "Thijs van den Berg", email: "t.vandenberg@vandijk-kantoor.nl", title: "Accountmanager", team: "Benelux", lang: "nl", manager: "Pieter Janssen", joined: "01/05/2019", left: "13/02/2026"},
	{id: "M020", name: "Jürgen Müller", email: "j.mueller@vandijk-kantoor.nl", title: "Teamleiter DACH", team: "DACH", lang: "de", manager: "Sanne de Vries", joined: "01/04/2017",
		style: &vdStyle{teamMeeting: 0.5, coaching: 0.3, rideAlong: 0.2, pipeline: 0.3, visits: 4, calls: 5, admin: 1, internal: 0.5, accounts: 4}},
	{id: "M021", name: "Anna Schäfer", email: "a.schaefer@vandijk-kantoor.nl", title: "Außendienstmitarbeiterin", team: "DACH", lang: "de", manager: "Jürgen Müller", joined: "01/10/2020"},
	{id: "M022", name: "Lukas Weiß", email: "l.weiss@vandijk-kantoor.nl", title: "Außendienstmitarbeiter", team: "DACH", lang: "de", manager: "Jürgen Müller", joined: "15/03/2023"},
	{id: "M023", name: "Katrin Böhm", email: "k.boehm@vandijk-kantoor.nl", title: "Außendienstmitarbeiterin", team: "DACH", lang: "de", manager: "Jürgen Müller", joined: "01/07/2021"},
	{id: "M030", name: "Inês Carvalho", email: "i.carvalho@vandijk-kantoor.nl", title: "Responsável de equipa Sul", team: "Zuid-Europa", lang: "pt", manager: "Sanne de Vries", joined: "01/06/2019",
		style: &vdStyle{teamMeeting: 1, coaching: 0.3, rideAlong: 0.2, pipeline: 0.5, visits: 0.5, calls: 1, admin: 4, internal: 2.5, recruiting: 0.2, accounts: 2}},
	{id: "M031", name: "Sébastien Lefèvre", email: "s.lefevre@vandijk-kantoor.nl", title: "Chargé d'affaires", team: "Zuid-Europa", lang: "fr", manager: "Inês Carvalho", joined: "01/03/2022"},
	{id: "M032", name: "Élodie Moreau", email: "e.moreau@vandijk-kantoor.nl", title: "Chargée d'affaires", team: "Zuid-Europa", lang: "fr", manager: "Inês Carvalho", joined: "02/11/2023"},
	{id: "M033", name: "María José Fernández", email: "mj.fernandez@vandijk-kantoor.nl", title: "Ejecutiva de cuentas", team: "Zuid-Europa", lang: "es", manager: "Inês Carvalho", joined: "15/01/2022"},
	{id: "M034", name: "João Gonçalves", email: "j.goncalves@vandijk-kantoor.nl", title: "Gestor de contas", team: "Zuid-Europa", lang: "pt", manager: "Inês Carvalho", joined: "01/09/2020"},
}

var vdCompanies = map[string][]string{
	"nl": {"Zorggroep Noorderlicht", "Gemeente Lindeveld", "Hogeschool Amstelland", "Brouwerij De Gouden Leeuw",
		"Advocatenkantoor Van Rijn & Partners", "Woningcorporatie Thuis Best", "Bakker Logistiek B.V.", "Ziekenhuis Sint Elisabeth",
		"Coöperatie Agrivers", "Verzekeraar De Zekerheid N.V.", "Stichting Openbaar Onderwijs Rijnmond", "Ingenieursbureau Delta",
		"Kantorencomplex De Meander", "Gemeente Vlietstad", "Accountantskantoor Jansen & Dijkstra", "Museum Het Pakhuis"},
	"de": {"Müller & Söhne GmbH", "Stadtwerke Lindenau", "Bäckerei Schäfer KG", "Versicherung Nordlicht AG", "Klinikum Rosenheide",
		"Ingenieurbüro Weißhaupt", "Gemeinde Talbach", "Autohaus Köhler", "Druckerei Grünwald", "Steuerberatung Fuchs & Partner",
		"Hochschule Emsland-Süd", "Logistikzentrum Hafen Nord", "Kanzlei Brandt & Lührs"},
	"fr": {"Lefèvre Assurances SA", "Mairie de Saint-Aubin", "Clinique des Tilleuls", "Hôtel du Lac", "Cabinet Dufresne & Associés",
		"Banque Régionale du Léman"},
	"es": {"Construcciones Peña SL", "Ayuntamiento de Villanueva", "Bodegas Albariño del Sur"},
	"pt": {"Clínica São João", "Têxteis Guimarães Lda", "Câmara Municipal de Vale Verde", "Seguros Atlântico", "Hotel Miramar Cascais"},
}

var vdContactNames = map[string][]string{
	"nl": {"Eva Smit", "Jeroen de Boer", "Fleur Mulder", "Bram de Groot", "Sophie Bos", "Ruben Vos", "Iris Peters", "Joris Hendriks", "Maud Dekker", "Tim van Leeuwen"},
	"de": {"Stefan Wagner", "Julia Becker", "Markus Hoffmann", "Sabine Koch", "Thomas Richter", "Claudia Wolf", "Andreas Schröder", "Petra Neumann"},
	"fr": {"Camille Dubois", "Nicolas Laurent", "Chloé Girard", "Antoine Roux", "Manon Fournier", "Julien Mercier"},
	"es": {"Lucía García", "Javier Martínez", "Carmen López", "Álvaro Sánchez"},
	"pt": {"Ana Rodrigues", "Tiago Ferreira", "Beatriz Sousa", "Rui Almeida"},
}

var vdDomains = map[string]string{"nl": "nl", "de": "de", "fr": "fr", "es": "es", "pt": "pt"}

// vdIndustries give an account its industry by a word of its name.
var vdIndustries = []struct{ industry, words string }{
	{"Zorg", "Zorggroep Ziekenhuis Klinikum Clinique Clínica"},
	{"Overheid", "Gemeente Gemeinde Stadtwerke Mairie Ayuntamiento Câmara Tidewater"},
	{"Onderwijs", "Hogeschool Hochschule Onderwijs"},
	{"Horeca", "Hôtel Hotel Brouwerij Bäckerei Bodegas Museum"},
	{"Zakelijke dienstverlening", "Advocatenkantoor Kanzlei Cabinet Steuerberatung Accountantskantoor Ingenieursbureau Ingenieurbüro"},
	{"Financiële dienstverlening", "Verzekeraar Versicherung Assurances Seguros Banque"},
	{"Logistiek", "Logistiek Logistikzentrum"},
	{"Vastgoed", "Woningcorporatie Kantorencomplex"},
}

func vdIndustry(company string) string {
	for _, word := range strings.Fields(company) {
		for _, i := range vdIndustries {
			if strings.Contains(" "+i.words+" ", " "+word+" ") {
				return i.industry
			}
		}
	}
	return "Industrie"
}

// vdSubjects are the subjects each language writes, by purpose; {account}
// and {rep} are filled in.
var vdSubjects = map[string]map[string][]string{
	"nl": {
		"call":  {"Telefonisch contact {account}", "Nabellen offerte {account}", "Terugbelverzoek {account}"},
		"visit": {"Klantbezoek {account}", "Presentatie nieuwe collectie bij {account}", "Offertebespreking {account}", "Showroombezoek {account}"},
		"video": {"Videogesprek {account}", "Teams-overleg met {account}"},
		"email": {"Offerte verstuurd aan {account}", "Brochure gemaild naar {account}"},
		"task":  {"Offerte opstellen voor {account}", "Inmeetafspraak plannen {account}"},
		"team":  {"Teamoverleg Benelux"}, "coaching": {"Coachinggesprek {rep}"}, "rideAlong": {"Meeloopdag {rep} bij {account}"},
		"pipeline": {"Pijplijnbespreking {rep}"}, "admin": {"Forecast bijwerken", "Reiskostendeclaraties goedkeuren", "Weekrapportage"},
		"recruiting": {"Sollicitatiegesprek accountmanager"}, "management": {"Managementoverleg"},
		"internal": {"Afstemming met binnendienst", "Overleg logistiek", "Kwartaalplanning \u201cGroei 2026\u201d"},
	},
	"de": {
		"call":  {"Telefonat mit {account}", "Nachfassen Angebot {account}"},
		"visit": {"Kundentermin {account}", "Produktvorstellung bei {account}", "Angebotsbesprechung {account}"},
		"video": {"Videocall {account}"}, "email": {"Angebot an {account} gesendet"}, "task": {"Angebot erstellen für {account}"},
		"team": {"Teammeeting DACH"}, "coaching": {"Mitarbeitergespräch {rep}"}, "rideAlong": {"Begleitung {rep} bei {account}"},
		"pipeline": {"Pipeline-Review {rep}"}, "admin": {"Forecast aktualisieren", "Spesenabrechnung"},
		"recruiting": {"Bewerbungsgespräch Außendienst"}, "internal": {"Abstimmung Innendienst", "Messeplanung Orgatec"},
	},
	"fr": {
		"call":  {"Appel {account}", "Relance devis {account}"},
		"visit": {"Rendez-vous client {account}", "Présentation de la gamme chez {account}", "Négociation devis {account}"},
		"video": {"Visio {account}"}, "email": {"Devis envoyé à {account}"}, "task": {"Préparer le devis {account}"},
		"internal": {"Point avec l\u2019ADV"},
	},
	"es": {
		"call":  {"Llamada {account}", "Seguimiento presupuesto {account}"},
		"visit": {"Reunión con cliente {account}", "Presentación en {account}", "Negociación {account}"},
		"video": {"Videollamada {account}"}, "email": {"Presupuesto enviado a {account}"}, "task": {"Preparar presupuesto {account}"},
		"internal": {"Coordinación con logística"},
	},
	"pt": {
		"call":  {"Chamada {account}", "Seguimento de proposta {account}"},
		"visit": {"Reunião com cliente {account}", "Apresentação da coleção em {account}"},
		"video": {"Videochamada {account}"}, "email": {"Proposta enviada a {account}"}, "task": {"Preparar proposta {account}"},
		"team": {"Reunião de equipa Sul"}, "coaching": {"Sessão de coaching {rep}"}, "rideAlong": {"Acompanhamento no terreno {rep} em {account}"},
		"pipeline": {"Revisão do pipeline {rep}"}, "admin": {"Atualizar previsão de vendas", "Despesas de deslocação", "Relatório semanal para a direção"},
		"recruiting": {"Entrevista de recrutamento"}, "internal": {"Reunião com finanças", "Alinhamento com logística", "Reunião de planeamento trimestral"},
	},
}

var vdCandidates = []string{"Lisa Verbeek", "Martin Krause", "Sofia Ribeiro", "Hugo Lambert", "Nina Jacobs"}

type vdAccount struct {
	id, name, owner, lang string
	contacts              []vdContact
	deals                 []string
}

type vdContact struct{ id, name, email string }

type vdAttendee struct {
	userID, contactID, email, name string
	internal, organizer            bool
	response                       string
}

// vdActivity is a row of activiteiten.csv before it is written.
type vdActivity struct {
	soort, subject, owner string
	account               *vdAccount
	deal                  string
	start                 time.Time
	minutes               int
	// withEnd writes Einde (meetings); otherwise Duur (min) (calls).
	withEnd          bool
	status, priority string
	deadline, done   time.Time
	deleted          bool
	attendees        []vdAttendee
}

type vanDijk struct {
	r                                           *connectortest.Rand
	e                                           *fixtureExport
	users, accounts, deals, activities, members *fixtureFile
	people                                      map[string]*vdPerson
	accountsOf                                  map[string][]*vdAccount
	nextActivity, nextContact, nextDeal         int
}

func vanDijkExport() *fixtureExport {
	e := &fixtureExport{dir: "vandijk", delimiter: ';', crlf: true, windows1252: true}
	g := &vanDijk{r: connectortest.NewRand(20260105), e: e, people: map[string]*vdPerson{}, accountsOf: map[string][]*vdAccount{}}
	g.users = e.file("medewerkers.csv", plugin.KindUser, "Medewerkernr", "Naam", "E-mailadres", "Functie", "Team", "Leidinggevende", "Actief", "In dienst", "Uit dienst")
	g.accounts = e.file("klanten.csv", plugin.KindAccount, "Klantnr", "Bedrijfsnaam", "Accountmanager", "Jaaromzet (€)", "Soort", "Segment", "Branche")
	g.deals = e.file("deals.csv", plugin.KindOpportunity, "Dealnr", "Klantnr", "Eigenaar", "Omschrijving", "Fase", "Bedrag", "Sluitdatum", "Aangemaakt op")
	g.activities = e.file("activiteiten.csv", plugin.KindActivity, "Activiteitnr", "Soort", "Onderwerp", "Medewerker", "Klantnr", "Dealnr",
		"Begin", "Einde", "Duur (min)", "Status", "Prioriteit", "Deadline", "Afgerond op", "Verwijderd")
	g.members = e.file("deelnemers.csv", plugin.KindAttendee, "Activiteitnr", "Medewerkernr", "Contactnr", "E-mailadres", "Naam", "Intern", "Organisator", "Reactie")
	g.writeUsers()
	g.writeAccounts()
	g.writeDeals()
	for week := 0; week < vanDijkWeeks; week++ {
		g.writeWeek(week)
	}
	// The sheet's last rows were cleared, not deleted: Excel still saves
	// them as rows of semicolons.
	g.activities.blank()
	g.activities.blank()
	return e
}

func (g *vanDijk) writeUsers() {
	for i := range vanDijkPeople {
		p := &vanDijkPeople[i]
		g.people[p.id] = p
		active := "Ja"
		if p.left != "" {
			active = "Nee"
		}
		g.users.record(p.id, p.name, p.email, p.title, p.team, p.manager, active, p.joined, p.left)
	}
}

func (g *vanDijk) writeAccounts() {
	next := map[string]int{}
	for i := range vanDijkPeople {
		p := &vanDijkPeople[i]
		n := 3
		if p.style != nil {
			n = p.style.accounts
		}
		for j := 0; j < n; j++ {
			name := vdCompanies[p.lang][next[p.lang]]
			next[p.lang]++
			a := &vdAccount{id: fmt.Sprintf("K%04d", 1001+len(g.accounts.rows)), name: name, owner: p.id, lang: p.lang}
			a.contacts = g.contacts(a)
			g.accountsOf[p.id] = append(g.accountsOf[p.id], a)
			g.accounts.record(a.id, a.name, a.owner, g.revenue(), g.weighted("Klant", 14, "Prospect", 5, "Partner", 1),
				g.weighted("A", 2, "B", 4, "C", 4), vdIndustry(name))
		}
	}
}

func (g *vanDijk) contacts(a *vdAccount) []vdContact {
	var out []vdContact
	for i := 0; i < 2; i++ {
		g.nextContact++
		name := connectortest.Pick(g.r, vdContactNames[a.lang])
		first, last, _ := strings.Cut(name, " ")
		email := fmt.Sprintf("%c.%s@%s.%s", asciiOf(first)[0], asciiOf(last), asciiOf(a.name), vdDomains[a.lang])
		out = append(out, vdContact{id: fmt.Sprintf("C%04d", g.nextContact), name: name, email: strings.ToLower(email)})
	}
	return out
}

// revenue is an annual revenue as the sheet writes it, often unknown.
func (g *vanDijk) revenue() string {
	if g.r.Chance(0.2) {
		return ""
	}
	return euros(g.r.Between(2, 400)*250_000, false)
}

// weighted picks among value, weight pairs.
func (g *vanDijk) weighted(pairs ...any) string {
	total := 0
	for i := 1; i < len(pairs); i += 2 {
		total += pairs[i].(int)
	}
	n := g.r.Intn(total)
	for i := 0; i < len(pairs); i += 2 {
		if n -= pairs[i+1].(int); n < 0 {
			return pairs[i].(string)
		}
	}
	return pairs[0].(string)
}

func (g *vanDijk) writeDeals() {
	for i := range vanDijkPeople {
		for _, a := range g.accountsOf[vanDijkPeople[i].id] {
			for n := g.r.Between(0, 2); n > 0; n-- {
				g.writeDeal(a)
			}
		}
	}
}

var vdDealNames = []string{"Inrichting nieuwe vestiging", "Vervanging bureaustoelen", "Zit-sta-bureaus", "Vergaderruimtes", "Kantoortuin herinrichting", "Akoestische panelen"}

func (g *vanDijk) writeDeal(a *vdAccount) {
	g.nextDeal++
	id := fmt.Sprintf("DL-%04d", 500+g.nextDeal)
	a.deals = append(a.deals, id)
	stage := g.weighted("Verkenning", 3, "Offerte", 3, "Onderhandeling", 2, "Gewonnen", 2, "Verloren", 1)
	created := time.Date(2025, time.October, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.Between(0, 170)).
		Add(time.Duration(g.r.Between(0, 9*60)) * time.Minute)
	closeDate := created.AddDate(0, 0, g.r.Between(30, 150))
	if stage == "Gewonnen" || stage == "Verloren" {
		closeDate = created.AddDate(0, 0, g.r.Between(20, 60))
		if limit := time.Date(2026, time.March, 27, 0, 0, 0, 0, time.UTC); closeDate.After(limit) {
			closeDate = limit
		}
	}
	amount := euros(g.r.Between(10, 500)*500, true)
	if g.r.Chance(0.1) {
		amount = "€ " + euros(g.r.Between(10, 500)*500, false)
	}
	g.deals.record(id, a.id, a.owner, connectortest.Pick(g.r, vdDealNames)+" "+a.name, stage, amount, closeDate.Format(vdDate), created.Format(vdDateTime))
}

// euros writes an amount as Dutch Excel does: 1.250.000,00.
func euros(n int, cents bool) string {
	s := fmt.Sprint(n)
	var groups []string
	for len(s) > 3 {
		groups = append([]string{s[len(s)-3:]}, groups...)
		s = s[:len(s)-3]
	}
	out := strings.Join(append([]string{s}, groups...), ".")
	if cents {
		out += ",00"
	}
	return out
}

// germanUmlauts are written out in e-mail addresses (Müller: mueller);
// other accents are dropped.
var germanUmlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue")

// asciiOf is a name as an e-mail address writes it.
func asciiOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, norm.NFD.String(germanUmlauts.Replace(s)))
}

func (g *vanDijk) writeWeek(week int) {
	monday := vanDijkFirstMonday.AddDate(0, 0, 7*week)
	for i := range vanDijkPeople {
		p := &vanDijkPeople[i]
		if p.left != "" {
			left, _ := time.Parse(vdDate, p.left)
			if !monday.Before(left) {
				continue
			}
		}
		if week == vanDijkTradeFairWeek && p.team == "DACH" {
			g.write(&vdActivity{soort: "Beurs", subject: "Messestand Orgatec Köln", owner: p.id, start: monday.AddDate(0, 0, 2).Add(9 * time.Hour),
				minutes: 8 * 60, withEnd: true, status: "Afgerond"})
		}
		switch {
		case p.manager == "":
			g.directorWeek(p, monday)
		case p.style != nil:
			g.managerWeek(p, monday)
		default:
			g.repWeek(p, monday)
		}
	}
}

// slot is a time during the working week, on the quarter hour.
func (g *vanDijk) slot(monday time.Time) time.Time {
	return monday.AddDate(0, 0, g.r.Intn(5)).Add(time.Duration(8*60+15*g.r.Intn(34)) * time.Minute)
}

func (g *vanDijk) subject(lang, purpose string, a *vdAccount, rep *vdPerson) string {
	templates := vdSubjects[lang][purpose]
	if len(templates) == 0 {
		templates = vdSubjects["nl"][purpose]
	}
	s := connectortest.Pick(g.r, templates)
	if a != nil {
		s = strings.ReplaceAll(s, "{account}", a.name)
	}
	if rep != nil {
		first, _, _ := strings.Cut(rep.name, " ")
		s = strings.ReplaceAll(s, "{rep}", first)
	}
	return s
}

func (g *vanDijk) repWeek(p *vdPerson, monday time.Time) {
	for n := g.r.Times(3.4); n > 0; n-- {
		g.call(p, connectortest.Pick(g.r, g.accountsOf[p.id]), monday)
	}
	for n := g.r.Times(1.5); n > 0; n-- {
		g.visit(p, connectortest.Pick(g.r, g.accountsOf[p.id]), monday)
	}
	for n := g.r.Times(0.8); n > 0; n-- {
		a := connectortest.Pick(g.r, g.accountsOf[p.id])
		g.meeting(p, "Videogesprek", g.subject(p.lang, "video", a, nil), g.slot(monday), 15*g.r.Between(2, 3), a, g.dealOf(a),
			g.contactsOf(a, 1))
	}
	for n := g.r.Times(1.8); n > 0; n-- {
		a := connectortest.Pick(g.r, g.accountsOf[p.id])
		g.write(&vdActivity{soort: "E-mail", subject: g.subject(p.lang, "email", a, nil), owner: p.id, account: a, deal: g.dealOf(a), start: g.slot(monday), status: "Afgerond"})
	}
	for n := g.r.Times(1.2); n > 0; n-- {
		a := connectortest.Pick(g.r, g.accountsOf[p.id])
		g.task(p, g.subject(p.lang, "task", a, nil), a, monday)
	}
	if g.r.Chance(0.3) {
		g.meeting(p, "Interne vergadering", g.subject(p.lang, "internal", nil, nil), g.slot(monday), 30, nil, "", nil)
	}
}

func (g *vanDijk) managerWeek(p *vdPerson, monday time.Time) {
	s := p.style
	reps := g.repsOf(p, monday)
	for n := g.r.Times(s.teamMeeting); n > 0; n-- {
		g.teamMeeting(p, reps, monday)
	}
	for n := g.r.Times(s.coaching); n > 0; n-- {
		rep := connectortest.Pick(g.r, reps)
		g.meeting(p, "Afspraak", g.subject(p.lang, "coaching", nil, rep), g.slot(monday), 45, nil, "", g.colleagues(rep))
	}
	for n := g.r.Times(s.rideAlong); n > 0; n-- {
		rep := connectortest.Pick(g.r, reps)
		a := connectortest.Pick(g.r, g.accountsOf[rep.id])
		g.meeting(p, "Klantbezoek", g.subject(p.lang, "rideAlong", a, rep), g.slot(monday), 120, a, g.dealOf(a),
			append(g.colleagues(rep), g.contactsOf(a, 1)...))
	}
	for n := g.r.Times(s.pipeline); n > 0; n-- {
		rep := connectortest.Pick(g.r, reps)
		g.meeting(p, "Interne vergadering", g.subject(p.lang, "pipeline", nil, rep), g.slot(monday), 60, nil, "", g.colleagues(rep))
	}
	g.ownSelling(p, monday)
	for n := g.r.Times(s.internal); n > 0; n-- {
		g.meeting(p, "Interne vergadering", g.subject(p.lang, "internal", nil, nil), g.slot(monday), 15*g.r.Between(2, 6), nil, "",
			g.colleagues(g.people["M001"]))
	}
	for n := g.r.Times(s.recruiting); n > 0; n-- {
		candidate := connectortest.Pick(g.r, vdCandidates)
		first, last, _ := strings.Cut(candidate, " ")
		g.meeting(p, "Afspraak", g.subject(p.lang, "recruiting", nil, nil), g.slot(monday), 60, nil, "",
			[]vdAttendee{{email: strings.ToLower(asciiOf(first) + "." + asciiOf(last) + "@mail.example"), name: candidate, response: "Geaccepteerd"}})
	}
}

// ownSelling is a manager's own customer work and admin.
func (g *vanDijk) ownSelling(p *vdPerson, monday time.Time) {
	s := p.style
	accounts := g.accountsOf[p.id]
	for n := g.r.Times(s.visits); n > 0; n-- {
		g.visit(p, connectortest.Pick(g.r, accounts), monday)
	}
	for n := g.r.Times(s.calls); n > 0; n-- {
		g.call(p, connectortest.Pick(g.r, accounts), monday)
	}
	for n := g.r.Times(s.admin); n > 0; n-- {
		g.task(p, g.subject(p.lang, "admin", nil, nil), nil, monday)
	}
}

func (g *vanDijk) directorWeek(p *vdPerson, monday time.Time) {
	var managers []vdAttendee
	for i := range vanDijkPeople {
		if m := &vanDijkPeople[i]; m.style != nil && m.manager != "" {
			managers = append(managers, g.colleagues(m)...)
		}
	}
	g.meeting(p, "Interne vergadering", g.subject(p.lang, "management", nil, nil), monday.Add(14*time.Hour), 90, nil, "", managers)
	g.ownSelling(p, monday)
}

func (g *vanDijk) teamMeeting(p *vdPerson, reps []*vdPerson, monday time.Time) {
	var attendees []vdAttendee
	for _, rep := range reps {
		attendees = append(attendees, g.colleagues(rep)...)
	}
	g.meeting(p, "Interne vergadering", g.subject(p.lang, "team", nil, nil), monday.Add(9*time.Hour), 60, nil, "", attendees)
}

// repsOf are a manager's reps still with the company that week.
func (g *vanDijk) repsOf(m *vdPerson, monday time.Time) []*vdPerson {
	var reps []*vdPerson
	for i := range vanDijkPeople {
		p := &vanDijkPeople[i]
		left, _ := time.Parse(vdDate, p.left)
		if p.manager == m.name && (p.left == "" || monday.Before(left)) {
			reps = append(reps, p)
		}
	}
	return reps
}

func (g *vanDijk) colleagues(people ...*vdPerson) []vdAttendee {
	var out []vdAttendee
	for _, p := range people {
		out = append(out, vdAttendee{userID: p.id, email: p.email, name: p.name, internal: true, response: g.response()})
	}
	return out
}

func (g *vanDijk) contactsOf(a *vdAccount, n int) []vdAttendee {
	var out []vdAttendee
	for _, c := range a.contacts[:n] {
		out = append(out, vdAttendee{contactID: c.id, email: c.email, name: c.name, response: g.response()})
	}
	return out
}

func (g *vanDijk) response() string {
	return g.weighted("Geaccepteerd", 14, "Voorlopig", 2, "Afgewezen", 1, "Geen reactie", 3)
}

func (g *vanDijk) dealOf(a *vdAccount) string {
	if a == nil || len(a.deals) == 0 || g.r.Chance(0.5) {
		return ""
	}
	return connectortest.Pick(g.r, a.deals)
}

func (g *vanDijk) call(p *vdPerson, a *vdAccount, monday time.Time) {
	g.write(&vdActivity{soort: "Telefoongesprek", subject: g.subject(p.lang, "call", a, nil), owner: p.id, account: a, deal: g.dealOf(a),
		start: g.slot(monday), minutes: g.r.Between(3, 25), status: "Afgerond"})
}

func (g *vanDijk) visit(p *vdPerson, a *vdAccount, monday time.Time) {
	soort := g.weighted("Klantbezoek", 3, "Afspraak", 1)
	g.meeting(p, soort, g.subject(p.lang, "visit", a, nil), g.slot(monday), 15*g.r.Between(4, 8), a, g.dealOf(a),
		g.contactsOf(a, g.r.Between(1, 2)))
}

func (g *vanDijk) meeting(p *vdPerson, soort, subject string, start time.Time, minutes int, a *vdAccount, deal string, others []vdAttendee) {
	organizer := vdAttendee{userID: p.id, email: p.email, name: p.name, internal: true, organizer: true, response: "Geaccepteerd"}
	g.write(&vdActivity{soort: soort, subject: subject, owner: p.id, account: a, deal: deal, start: start, minutes: minutes, withEnd: true,
		status: "Afgerond", attendees: append([]vdAttendee{organizer}, others...)})
}

func (g *vanDijk) task(p *vdPerson, subject string, a *vdAccount, monday time.Time) {
	deadline := monday.AddDate(0, 0, g.r.Intn(5))
	t := &vdActivity{soort: "Taak", subject: subject, owner: p.id, account: a, status: "Open", deadline: deadline,
		priority: g.weighted("Normaal", 6, "Hoog", 2, "Laag", 2, "Urgent", 1)}
	if g.r.Chance(0.75) {
		t.status = "Afgerond"
		t.done = deadline.AddDate(0, 0, g.r.Between(-1, 2)).Add(time.Duration(9*60+g.r.Intn(8*60)) * time.Minute)
	}
	g.write(t)
}

// write adds an activity and its attendees. A few rows are planted: marked
// deleted, or cancelled, as a spreadsheet's users do instead of removing
// the row.
func (g *vanDijk) write(a *vdActivity) {
	g.nextActivity++
	id := fmt.Sprintf("ACT-%05d", g.nextActivity)
	skip := ""
	switch g.nextActivity {
	case 17, 402, 651:
		a.deleted, skip = true, "deleted in the spreadsheet"
	case 88, 333, 777:
		a.status, skip = "Geannuleerd", "cancelled"
	}
	row := g.activityRow(id, a)
	if skip != "" {
		g.activities.skip(skip, row...)
	} else {
		g.activities.record(row...)
	}
	for _, at := range a.attendees {
		member := []string{id, at.userID, at.contactID, at.email, at.name, jaNee(at.internal), jaNee(at.organizer), at.response}
		if skip != "" {
			g.members.skip(skipActivityNotLoaded, member...)
		} else {
			g.members.record(member...)
		}
	}
}

func (g *vanDijk) activityRow(id string, a *vdActivity) []string {
	var accountID, begin, end, duration, deadline, done string
	if a.account != nil {
		accountID = a.account.id
	}
	if !a.start.IsZero() {
		begin = a.start.Format(vdDateTime)
	}
	switch {
	case a.withEnd:
		end = a.start.Add(time.Duration(a.minutes) * time.Minute).Format(vdDateTime)
	case a.minutes > 0:
		duration = fmt.Sprint(a.minutes)
	}
	if !a.deadline.IsZero() {
		deadline = a.deadline.Format(vdDate)
	}
	if !a.done.IsZero() {
		done = a.done.Format(vdDateTime)
	}
	return []string{id, a.soort, a.subject, a.owner, accountID, a.deal, begin, end, duration, a.status, a.priority, deadline, done, jaNee(a.deleted)}
}

func jaNee(b bool) string {
	if b {
		return "Ja"
	}
	return "Nee"
}
