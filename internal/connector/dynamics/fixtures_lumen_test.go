package dynamics

// Lumen Optics is a fictional maker of lens-edging machines selling to
// opticians across Europe, in Dynamics 365 Sales. Its export holds the
// pages an admin saved from the Web API with odata.maxpagesize=100 (every
// annotation for users, accounts and opportunities, lookuplogicalname only
// for the large activity pages), 2026-01-05 to 2026-04-24 (exported
// 2026-04-17): a sales director, four first-line managers who work
// differently (Benelux coaches with monthly 1:1s, DACH is a player-coach,
// France drowns in long internal meetings, Iberia runs a mixed Spanish and
// Portuguese team), thirteen reps, two users who are not people, accounts,
// contacts (a page the connector ignores), opportunities, appointments with
// their parties expanded, and phone calls, tasks and e-mails whose parties
// are in activityparties.json.

import (
	"fmt"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

var (
	lumenStart    = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	lumenExported = time.Date(2026, 4, 17, 18, 0, 0, 0, time.UTC)
	// summerTime is when Europe's clocks went forward in 2026.
	summerTime = time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)
)

const lumenWeeks = 16

// language holds the subjects a user writes, in their language.
type language struct {
	months                                  [12]string
	visit, call, email, expense, forecast   string
	offer, oneOnOne, teamMeeting, demoVisit string
	callAgain, emailAgain                   string
}

var (
	dutch = language{
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		visit:  "Klantbezoek %s", demoVisit: "Demo lensslijper bij %s", call: "Nabellen offerte %s", callAgain: "Telefoongesprek %s",
		email: "Offerte lensslijpers %s", emailAgain: "RE: Onderhoudscontract %s", expense: "Declaratie %s",
		forecast: "Forecast bijwerken", offer: "Offerte opstellen %s", oneOnOne: "1:1 met %s", teamMeeting: "Wekelijks teamoverleg Benelux",
	}
	german = language{
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		visit:  "Kundentermin %s", demoVisit: "Vorführung Schleifautomat bei %s", call: "Rückruf wegen Angebot %s", callAgain: "Telefonat %s",
		email: "Angebot Brillengläser %s", emailAgain: "AW: Wartungsvertrag %s", expense: "Spesenabrechnung %s",
		forecast: "Forecast aktualisieren", offer: "Angebot schreiben %s", oneOnOne: "Jour fixe %s", teamMeeting: "Team-Meeting DACH",
	}
	french = language{
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		visit:  "Visite client %s", demoVisit: "Démonstration meuleuse chez %s", call: "Appel de suivi %s", callAgain: "Relance devis %s",
		email: "Devis meuleuse %s", emailAgain: "RE: Contrat de maintenance %s", expense: "Note de frais %s",
		forecast: "Mise à jour du forecast", offer: "Préparer le devis %s", oneOnOne: "Point individuel %s", teamMeeting: "Réunion d'équipe France",
	}
	spanish = language{
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		visit:  "Visita cliente %s", demoVisit: "Demostración biseladora en %s", call: "Llamada de seguimiento %s", callAgain: "Llamada %s",
		email: "Propuesta biseladora %s", emailAgain: "RE: Contrato de mantenimiento %s", expense: "Informe de gastos %s",
		forecast: "Actualizar forecast", offer: "Preparar propuesta %s", oneOnOne: "1:1 with %s", teamMeeting: "Reunión de pipeline Iberia",
	}
	portuguese = language{
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		visit:  "Reunião com %s", demoVisit: "Visita ao cliente %s", call: "Ligação de acompanhamento %s", callAgain: "Ligação %s",
		email: "Proposta biseladora %s", emailAgain: "RE: Contrato de manutenção %s", expense: "Relatório de despesas %s",
		forecast: "Atualizar forecast", offer: "Preparar proposta %s", oneOnOne: "1:1 with %s", teamMeeting: "Reunión de pipeline Iberia",
	}
	english = language{
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		visit:  "Customer visit %s", demoVisit: "Demo at %s", call: "Follow-up call %s", callAgain: "Call %s",
		email: "Proposal %s", emailAgain: "RE: Service contract %s", expense: "Expense report %s",
		forecast: "Update forecast", offer: "Prepare proposal %s", oneOnOne: "1:1 with %s", teamMeeting: "EMEA sales leadership",
	}
)

type lumenUser struct {
	id, first, last, title, position string
	lang                             *language
	manager                          *lumenUser
	// winterOffset is the hours the user's clock is ahead of UTC in
	// winter (Lisbon 0, the rest 1).
	winterOffset      int
	created, modified time.Time
	disabled          bool
}

func (u *lumenUser) name() string  { return u.first + " " + u.last }
func (u *lumenUser) email() string { return asciiFold(u.first+"."+u.last) + "@lumen-optics.eu" }

// at is a local time of the user's day, in UTC.
func (u *lumenUser) at(day time.Time, hour, minute int) time.Time {
	local := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, time.UTC)
	offset := u.winterOffset
	if !local.Before(summerTime) {
		offset++
	}
	return local.Add(-time.Duration(offset) * time.Hour)
}

// activeOn reports whether the user still worked on day.
func (u *lumenUser) activeOn(day time.Time) bool { return !u.disabled || day.Before(u.modified) }

type lumenContact struct {
	id, name, email string
	account         *lumenAccount
}

type lumenAccount struct {
	id, name, city, domain string
	owner                  *lumenUser
	contacts               []*lumenContact
	opportunities          []*lumenOpportunity
}

type lumenOpportunity struct {
	id, name string
	account  *lumenAccount
}

// participant is someone an activity party names.
type participant struct {
	id, name, email, table string
}

func (u *lumenUser) participant() participant {
	return participant{u.id, u.name(), u.email(), "systemuser"}
}

func (c *lumenContact) participant() participant {
	return participant{c.id, c.name, c.email, "contact"}
}

// unresolved is an address Dataverse matched to no record.
func unresolved(address string) participant { return participant{email: address} }

// lumenFacts are what the tests check the connector's output against.
type lumenFacts struct {
	users     map[string]*lumenUser // by first name
	managerOf map[string]string
	// The showcase records, checked field by field.
	qbr, call, expense, email, brouwer, schaefer, wonDeal, teamOwned string
	brouwerContact, schaeferContact                                  *lumenContact
}

// lumen builds the export.
type lumen struct {
	// activityAnnotations are those of the activity and party pages.
	activityAnnotations annotations
	rng                 *connectortest.Rand
	etag                int
	facts               lumenFacts
	users               []*lumenUser
	// managers and their teams, in a fixed order.
	managers []*lumenUser
	teams    map[*lumenUser][]*lumenUser
	accounts []*lumenAccount

	usersPage, accountsPage, contactsPage, opportunitiesPage             *fxPage
	appointmentsPage, phonecallsPage, tasksPage, emailsPage, partiesPage *fxPage
}

func generateLumen() (*fxExport, lumenFacts) {
	// The users, accounts and opportunities were saved with every
	// annotation; the large activity and party pages by a script that
	// asked only for the lookups' tables.
	l := &lumen{rng: connectortest.NewRand(20260417), etag: 4810000, teams: map[*lumenUser][]*lumenUser{}, activityAnnotations: logicalNames}
	l.facts = lumenFacts{users: map[string]*lumenUser{}, managerOf: map[string]string{}}
	// Saved as the Web API sends them: one line per page.
	page := func(name string, e entity) *fxPage { return &fxPage{name: name, entity: e, compact: true} }
	l.usersPage = page("systemusers.json", systemUserEntity)
	l.accountsPage = page("accounts.json", accountEntity)
	l.contactsPage = &fxPage{name: "contacts.json", entity: entity{name: "contact", set: "contacts", primaryKey: "contactid"}, ignored: true}
	l.opportunitiesPage = page("opportunities.json", opportunityEntity)
	l.appointmentsPage = page("appointments.json", appointmentEntity)
	l.phonecallsPage = page("phonecalls.json", phoneCallEntity)
	l.tasksPage = page("tasks.json", taskEntity)
	l.emailsPage = page("emails.json", emailEntity)
	l.partiesPage = page("activityparties.json", activityPartyEntity)

	l.addPeople()
	l.addAccounts()
	l.addShowcase()
	l.addWeeks()
	l.addPlantedParties()

	export := &fxExport{dir: "lumen", pages: []*fxPage{l.usersPage, l.accountsPage, l.contactsPage, l.opportunitiesPage}}
	export.pages = append(export.pages, splitPages(l.appointmentsPage, 100)...)
	export.pages = append(export.pages, l.phonecallsPage, l.tasksPage, l.emailsPage, l.partiesPage)
	return export, l.facts
}

// splitPages cuts a page at Dataverse's page size, as maxpagesize does:
// appointments.json, appointments_page2.json…, each but the last with an
// @odata.nextLink.
func splitPages(p *fxPage, size int) []*fxPage {
	var out []*fxPage
	for i := 0; i < len(p.records); i += size {
		part := *p
		part.records = p.records[i:min(i+size, len(p.records))]
		if i > 0 {
			part.name = fmt.Sprintf("%s_page%d.json", p.entity.set, i/size+1)
		}
		part.nextLink = i+size < len(p.records)
		out = append(out, &part)
	}
	return out
}

func (l *lumen) nextEtag() int {
	l.etag += 1 + l.rng.Intn(900)
	return l.etag
}

func (l *lumen) fields() *recordBuilder { return newFields(allAnnotations, l.nextEtag()) }

// activity starts a record of an activity or party page.
func (l *lumen) activity() *recordBuilder { return newFields(l.activityAnnotations, l.nextEtag()) }

func (l *lumen) addPeople() {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 8, 30, 0, 0, time.UTC) }
	director := l.user("Sofie", "Janssens", "Sales Director EMEA", "Sales Director", &english, nil, 1, day(2019, 3, 4))
	type teamSpec struct {
		manager [2]string
		title   string
		lang    *language
		reps    [][2]string
		lisbon  map[string]bool
	}
	specs := []teamSpec{
		{[2]string{"Pieter", "de Vries"}, "Sales Manager Benelux", &dutch, [][2]string{{"Daan", "Bakker"}, {"Emma", "Visser"}, {"Lotte", "Mertens"}}, nil},
		{[2]string{"Katrin", "Hoffmann"}, "Sales Manager DACH", &german, [][2]string{{"Jonas", "Weber"}, {"Lena", "Fischer"}, {"Matthias", "Brandt"}}, nil},
		{[2]string{"Élodie", "Moreau"}, "Sales Manager France", &french, [][2]string{{"Camille", "Laurent"}, {"Hugo", "Bernard"}, {"Chloé", "Petit"}}, nil},
		{[2]string{"Javier", "Ortega"}, "Sales Manager Iberia", &spanish, [][2]string{{"Ana", "Ferreira"}, {"Lucía", "Navarro"}, {"Diego", "Ruiz"}, {"João", "Almeida"}},
			map[string]bool{"Ana": true, "João": true}},
	}
	for i, s := range specs {
		manager := l.user(s.manager[0], s.manager[1], s.title, "Sales Manager", s.lang, director, 1, day(2020+i%3, time.Month(2+i), 3+i))
		l.managers = append(l.managers, manager)
		for j, rep := range s.reps {
			lang, offset := s.lang, 1
			if s.lisbon[rep[0]] {
				lang, offset = &portuguese, 0
			}
			u := l.user(rep[0], rep[1], "Account Manager", "Account Manager", lang, manager, offset, day(2021+j%4, time.Month(1+(i*3+j)%11), 1+j*7))
			l.teams[manager] = append(l.teams[manager], u)
		}
	}
	// Lotte left in March: Dataverse disables the user, which is the
	// last change made to them.
	lotte := l.facts.users["Lotte"]
	lotte.disabled, lotte.modified = true, time.Date(2026, 3, 13, 17, 22, 0, 0, time.UTC)
	for _, u := range l.users {
		l.usersPage.add(l.userFields(u))
		if u.manager != nil {
			l.facts.managerOf[u.id] = u.manager.id
		}
	}
	l.addNonPeople()
}

func (l *lumen) user(first, last, title, position string, lang *language, manager *lumenUser, offset int, created time.Time) *lumenUser {
	u := &lumenUser{id: guid(l.rng), first: first, last: last, title: title, position: position, lang: lang, manager: manager,
		winterOffset: offset, created: created, modified: created.AddDate(0, l.rng.Between(1, 30), l.rng.Between(0, 27))}
	if u.modified.After(lumenExported) {
		u.modified = lumenExported.AddDate(0, 0, -l.rng.Between(3, 60))
	}
	l.users = append(l.users, u)
	l.facts.users[first] = u
	return u
}

const (
	businessUnit   = "lumenoptics"
	businessUnitID = "6f0d2a11-3c8e-ee11-8179-000d3a2b9c41"
)

func (l *lumen) userFields(u *lumenUser) obj {
	b := l.fields().
		set("systemuserid", u.id).
		set("fullname", u.name()).
		set("firstname", u.first).
		set("lastname", u.last).
		set("internalemailaddress", u.email()).
		set("domainname", u.email()).
		set("title", u.title).
		boolean("isdisabled", u.disabled, "Disabled", "Enabled").
		option("accessmode", 0, "Read-Write").
		set("applicationid", nil)
	if u.manager != nil {
		b.lookup("_parentsystemuserid_value", u.manager.id, u.manager.name(), "systemuser")
	} else {
		b.lookup("_parentsystemuserid_value", "", "", "")
	}
	positionID := fmt.Sprintf("%08x-5b1f-ef11-9f8a-000d3a4b%04x", len(u.position)*0x1000003, len(u.position))
	return b.lookup("_businessunitid_value", businessUnitID, businessUnit, "businessunit").
		lookup("_positionid_value", positionID, u.position, "position").
		when("createdon", u.created).
		when("modifiedon", u.modified).
		build()
}

// addNonPeople adds the users Dataverse keeps that are not people: they
// must be skipped.
func (l *lumen) addNonPeople() {
	created := time.Date(2023, 6, 12, 7, 15, 0, 0, time.UTC)
	for _, np := range []struct {
		name, email string
		mode        int
		modeLabel   string
		app         string
		skip        string
	}{
		{"# Lumen Power Automate", "", 4, "Non-interactive", "0d6f1b2c-44a1-4c63-9a0e-5b7e7c3f2a19", skipApplicationUser},
		{"Teams Meeting Sync", "teams.sync@lumen-optics.eu", 4, "Non-interactive", "", skipNonInteractiveUser},
	} {
		b := l.fields().
			set("systemuserid", guid(l.rng)).
			set("fullname", np.name).
			set("firstname", nil).
			set("lastname", np.name).
			set("internalemailaddress", nilIfEmpty(np.email)).
			set("domainname", np.email).
			set("title", nil).
			boolean("isdisabled", false, "Disabled", "Enabled").
			option("accessmode", np.mode, np.modeLabel).
			set("applicationid", nilIfEmpty(np.app)).
			lookup("_parentsystemuserid_value", "", "", "").
			lookup("_businessunitid_value", businessUnitID, businessUnit, "businessunit").
			lookup("_positionid_value", "", "", "").
			when("createdon", created).
			when("modifiedon", created)
		l.usersPage.add(b.build()).Skip = np.skip
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// accountSpecs are the customers per team: name, city, web domain.
var accountSpecs = map[string][][3]string{
	"Pieter": {
		{"Brouwer Retail B.V.", "Utrecht", "brouwer-retail.nl"}, {"Optiek Van Damme", "Gent", "optiekvandamme.be"},
		{"Zien & Zo Opticiens", "Haarlem", "zienenzo.nl"}, {"Brillenhuis Janssen", "Maastricht", "brillenhuis-janssen.nl"},
		{"Oogcentrum Noord", "Groningen", "oogcentrumnoord.nl"}, {"Lunettes Lambert SPRL", "Liège", "lunettes-lambert.be"},
		{"Optique Wagner S.à r.l.", "Luxembourg", "optique-wagner.lu"},
	},
	"Katrin": {
		{"Augenoptik Schäfer GmbH", "München", "augenoptik-schaefer.de"}, {"Müller & Söhne Brillen", "Köln", "mueller-soehne-brillen.de"},
		{"Optik Gruber", "Wien", "optik-gruber.at"}, {"Sehzentrum Zürich AG", "Zürich", "sehzentrum.ch"},
		{"Brillen Becker KG", "Hamburg", "brillen-becker.de"}, {"Optik am Dom", "Frankfurt am Main", "optik-am-dom.de"},
		{"Linsenwerk Graz", "Graz", "linsenwerk.at"},
	},
	"Élodie": {
		{"Lunetterie Dubois SARL", "Lyon", "lunetterie-dubois.fr"}, {"Optique Lefèvre", "Lille", "optique-lefevre.fr"},
		{"Atelier Visuel Marseille", "Marseille", "atelier-visuel.fr"}, {"Opticiens Réunis de Bretagne", "Rennes", "opticiens-bretagne.fr"},
		{"Vision Plus Bordeaux", "Bordeaux", "visionplus-bordeaux.fr"}, {"Optique de la Gare", "Strasbourg", "optique-gare.fr"},
		{"Regard Parisien", "Paris", "regard-parisien.fr"},
	},
	"Javier": {
		{"Óptica Castellana S.L.", "Madrid", "opticacastellana.es"}, {"Ótica Lisboa Lda.", "Lisboa", "oticalisboa.pt"},
		{"Visión Mediterránea", "Valencia", "visionmediterranea.es"}, {"Ópticas Galicia", "A Coruña", "opticasgalicia.es"},
		{"Ótica do Porto", "Porto", "oticadoporto.pt"}, {"Centro Óptico Sevilla", "Sevilla", "centroopticosevilla.es"},
		{"Óptica Barcelona Visió", "Barcelona", "barcelonavisio.cat"},
	},
}

var contactNames = map[string][]string{
	"Pieter": {"Marieke Brouwer", "Joris van Dam", "Sanne de Wit", "Bram Janssen", "Femke Smit", "Luc Lambert", "Claire Wagner", "Tom Peeters"},
	"Katrin": {"Stefan Schäfer", "Uwe Müller", "Sabine Gruber", "Reto Keller", "Anja Becker", "Jürgen Groß", "Petra Huber", "Klaus Vogel"},
	"Élodie": {"Sophie Dubois", "Marc Lefèvre", "Julien Roux", "Nathalie Le Gall", "Thomas Girard", "Isabelle Muller", "Antoine Fontaine", "Manon Blanc"},
	"Javier": {"Carmen López", "Rui Costa", "Pablo Martínez", "Marta Castro", "Inês Sousa", "Alejandro Romero", "Montse Puig", "Tiago Pereira"},
}

func (l *lumen) addAccounts() {
	industries := []struct {
		code  int
		label string
	}{{25, "Service Retail"}, {11, "Doctor's Offices and Clinics"}, {33, "Wholesale"}, {23, "Non-Durable Merchandise Retail"}}
	for _, m := range l.managers {
		reps := l.teams[m]
		names := contactNames[m.first]
		for i, spec := range accountSpecs[m.first] {
			a := &lumenAccount{id: guid(l.rng), name: spec[0], city: spec[1], domain: spec[2], owner: reps[i%len(reps)]}
			if m.first == "Katrin" && i == 0 {
				a.owner = m // the player-coach keeps the biggest account
			}
			l.accounts = append(l.accounts, a)
			for c := 0; c < 1+i%2; c++ {
				name := names[(i+c*3)%len(names)]
				contact := &lumenContact{id: guid(l.rng), name: name, email: asciiFold(firstWord(name)) + "@" + spec[2], account: a}
				a.contacts = append(a.contacts, contact)
				l.contactsPage.add(l.fields().set("contactid", contact.id).set("fullname", contact.name).
					set("emailaddress1", contact.email).
					lookup("_parentcustomerid_value", a.id, a.name, "account").build())
			}
			industry := connectortest.Pick(l.rng, industries)
			category, categoryLabel := 2, "Standard"
			if i%4 == 0 {
				category, categoryLabel = 1, "Preferred Customer"
			} else if i%4 == 3 {
				category, categoryLabel = -1, ""
			}
			customerType, typeLabel := 3, "Customer"
			if i%3 == 2 {
				customerType, typeLabel = 8, "Prospect"
			}
			revenue := float64(l.rng.Between(4, 250)) * 100_000
			if i == 5 {
				revenue = -1 // not known
			}
			b := l.fields().
				set("accountid", a.id).
				set("name", a.name).
				set("accountnumber", fmt.Sprintf("LUM-%05d", 10000+len(l.accounts)*37)).
				money("revenue", revenue).
				option("customertypecode", customerType, typeLabel).
				option("accountcategorycode", category, categoryLabel).
				option("industrycode", industry.code, industry.label).
				set("address1_city", a.city)
			if m.first == "Élodie" && i == 6 {
				// Owned by a team: the owning user is empty, the
				// connector must leave the owner empty.
				b.lookup("_ownerid_value", "7c2e4f10-8d3b-ef11-a72d-000d3a4b1e77", "Inside Sales France", "team").
					set("_owninguser_value", nil)
				l.facts.teamOwned = a.id
				a.owner = m
			} else {
				b.lookup("_ownerid_value", a.owner.id, a.owner.name(), "systemuser").
					set("_owninguser_value", a.owner.id)
			}
			l.accountsPage.add(b.when("createdon", time.Date(2022, time.Month(1+i), 10+i, 9, 0, 0, 0, time.UTC)).build())
			l.addOpportunities(a, i)
		}
	}
	l.facts.brouwer = l.accounts[0].id
	l.facts.brouwerContact = l.accounts[0].contacts[0]
}

var productNames = []string{"lens edgers", "tracer upgrade", "service contract", "blocking station", "edger fleet renewal"}

func (l *lumen) addOpportunities(a *lumenAccount, i int) {
	for k := 0; k < 1+(i+1)%2; k++ {
		o := &lumenOpportunity{id: guid(l.rng), account: a}
		count := l.rng.Between(2, 40)
		o.name = fmt.Sprintf("%s – %d %s", a.name, count, connectortest.Pick(l.rng, productNames))
		a.opportunities = append(a.opportunities, o)
		estimated := float64(l.rng.Between(8, 240)) * 1000
		created := lumenStart.AddDate(0, -l.rng.Between(1, 8), l.rng.Between(0, 27))
		closeDate := lumenStart.AddDate(0, l.rng.Between(0, 5), l.rng.Between(0, 27))
		state := (i + k) % 4 // 0, 3 open; 1 won; 2 lost
		b := l.fields().
			set("opportunityid", o.id).
			set("name", o.name).
			money("estimatedvalue", estimated)
		switch state {
		case opportunityWon:
			actual := estimated * float64(90+l.rng.Intn(20)) / 100
			b.money("actualvalue", float64(int(actual))).
				day("estimatedclosedate", closeDate).
				day("actualclosedate", closeDate.AddDate(0, 0, l.rng.Between(-10, 10))).
				option("statecode", 1, "Won").option("statuscode", 3, "Won").set("stepname", "4-Close")
		case opportunityLost:
			b.money("actualvalue", -1).
				day("estimatedclosedate", closeDate).
				day("actualclosedate", closeDate.AddDate(0, 0, l.rng.Between(-20, 5))).
				option("statecode", 2, "Lost").option("statuscode", 5, "Out-Sold").set("stepname", "3-Propose")
		default:
			b.money("actualvalue", -1).
				day("estimatedclosedate", closeDate).
				day("actualclosedate", time.Time{}).
				option("statecode", 0, "Open").option("statuscode", 1, "In Progress").
				set("stepname", connectortest.Pick(l.rng, []string{"1-Qualify", "2-Develop", "3-Propose"}))
		}
		b.lookup("_parentaccountid_value", a.id, a.name, "account").
			lookup("_ownerid_value", a.owner.id, a.owner.name(), "systemuser").
			when("createdon", created)
		l.opportunitiesPage.add(b.build())
	}
}

// addShowcase adds the records the tests check field by field, before
// the generated ones.
func (l *lumen) addShowcase() {
	pieter, daan, emma := l.facts.users["Pieter"], l.facts.users["Daan"], l.facts.users["Emma"]
	javier, jonas, katrin := l.facts.users["Javier"], l.facts.users["Jonas"], l.facts.users["Katrin"]
	brouwer := l.accounts[0]
	marieke := brouwer.contacts[0]

	// A won deal, with its actual value and close date.
	won := l.fields().
		set("opportunityid", guid(l.rng)).
		set("name", "Brouwer Retail – 40 lens edgers").
		money("estimatedvalue", 175000).
		money("actualvalue", 184000).
		day("estimatedclosedate", time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)).
		day("actualclosedate", time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)).
		option("statecode", 1, "Won").option("statuscode", 3, "Won").set("stepname", "4-Close").
		lookup("_parentaccountid_value", brouwer.id, brouwer.name, "account").
		lookup("_ownerid_value", daan.id, daan.name(), "systemuser").
		when("createdon", time.Date(2025, 11, 4, 10, 12, 0, 0, time.UTC)).build()
	l.opportunitiesPage.add(won)
	l.facts.wonDeal = won.get("opportunityid").(string)

	// A QBR: the organizer is listed again among the required attendees,
	// the owner is a party too, and one address resolved to no record.
	l.facts.qbr = guid(l.rng)
	start := time.Date(2026, 2, 12, 13, 0, 0, 0, time.UTC)
	l.appointmentsPage.add(l.activityFields(l.facts.qbr, "appointment", "Quarterly business review Brouwer Retail",
		start, start.Add(90*time.Minute), 90, stateCompleted, 1, pieter,
		regardingOpportunity(won), start.AddDate(0, 0, -14)).
		set("location", "Brouwer Retail, Utrecht").
		set("appointment_activity_parties", []obj{
			l.partyFields(maskOrganizer, pieter.participant(), "", ""),
			l.partyFields(5, pieter.participant(), "", ""),
			l.partyFields(5, daan.participant(), "", ""),
			l.partyFields(5, marieke.participant(), "", ""),
			l.partyFields(6, unresolved("inkoop@brouwer-retail.nl"), "", ""),
			l.partyFields(9, pieter.participant(), "", ""),
		}).build()).Attendees = 4

	// A phone call: due time in both scheduledstart and scheduledend,
	// 12 minutes recorded; its parties are in activityparties.json.
	l.facts.call = guid(l.rng)
	due := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	l.phonecallsPage.add(l.activityFields(l.facts.call, "phonecall", "Nabellen offerte lensslijpers", due, due, 12, stateCompleted, 2, emma,
		regardingAccount(brouwer), due.AddDate(0, 0, -1)).build())
	l.fileParties(l.facts.call, "phonecall", [][2]any{{maskSender, emma.participant()}, {2, marieke.participant()}, {9, emma.participant()}})

	// A task completed five days late.
	l.facts.expense = guid(l.rng)
	l.tasksPage.add(l.taskFields(l.facts.expense, "Expense report January", time.Date(2026, 2, 6, 17, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 11, 16, 30, 0, 0, time.UTC), 45, 2, javier, participant{}, time.Date(2026, 2, 2, 8, 0, 0, 0, time.UTC)).build())

	// An e-mail: sent, with a manager in copy twice.
	l.facts.email = guid(l.rng)
	schaefer := l.accounts[7]
	l.facts.schaefer, l.facts.schaeferContact = schaefer.id, schaefer.contacts[0]
	sent := time.Date(2026, 3, 10, 8, 45, 0, 0, time.UTC)
	l.emailsPage.add(l.emailFields(l.facts.email, "AW: Angebot Brillengläser Augenoptik Schäfer", sent, jonas, regardingAccount(schaefer)).build())
	l.fileParties(l.facts.email, "email", [][2]any{
		{maskSender, jonas.participant()}, {2, schaefer.contacts[0].participant()}, {3, katrin.participant()},
		{2, katrin.participant()}, {9, jonas.participant()},
	})
}

// regardingObject is what an activity is about.
type regardingObject struct{ id, name, table string }

func regardingAccount(a *lumenAccount) regardingObject {
	return regardingObject{a.id, a.name, "account"}
}

func regardingOpportunity(o obj) regardingObject {
	return regardingObject{o.get("opportunityid").(string), o.get("name").(string), "opportunity"}
}

func regardingDeal(o *lumenOpportunity) regardingObject {
	return regardingObject{o.id, o.name, "opportunity"}
}

var (
	stateLabel            = map[int]string{0: "Open", 1: "Completed", 2: "Canceled", 3: "Scheduled"}
	priorityLabel         = map[int]string{0: "Low", 1: "Normal", 2: "High"}
	maskLabel             = map[int]string{1: "Sender", 2: "To Recipient", 3: "CC Recipient", 5: "Required attendee", 6: "Optional attendee", 7: "Organizer", 9: "Owner"}
	appointmentStatusCode = map[int][2]any{0: {5, "Busy"}, 1: {3, "Completed"}, 2: {4, "Canceled"}, 3: {5, "Busy"}}
	phoneStatusCode       = map[int][2]any{0: {1, "Open"}, 1: {2, "Made"}, 2: {3, "Canceled"}}
)

// activityFields are the attributes appointments and phone calls share.
// minutes < 0 leaves actualdurationminutes null.
func (l *lumen) activityFields(id, typeCode, subject string, start, end time.Time, minutes, state, priority int,
	owner *lumenUser, about regardingObject, created time.Time) *recordBuilder {
	status := appointmentStatusCode[state]
	if typeCode == "phonecall" {
		status = phoneStatusCode[state]
	}
	b := l.activity().
		set("activityid", id).
		set("activitytypecode", typeCode).
		set("subject", subject).
		when("scheduledstart", start).
		when("scheduledend", end)
	if typeCode == "appointment" {
		b.minutes("scheduleddurationminutes", int(end.Sub(start)/time.Minute))
	}
	actualEnd := time.Time{}
	if state == stateCompleted {
		actualEnd = end
		if typeCode == "phonecall" {
			actualEnd = start.Add(time.Duration(minutes) * time.Minute)
		}
	}
	if state != stateCompleted {
		minutes = -1
	}
	b.when("actualstart", time.Time{}).
		when("actualend", actualEnd).
		minutes("actualdurationminutes", minutes).
		option("statecode", state, stateLabel[state]).
		option("statuscode", status[0].(int), status[1].(string)).
		option("prioritycode", priority, priorityLabel[priority]).
		lookup("_ownerid_value", owner.id, owner.name(), "systemuser")
	if about.id != "" {
		b.lookup("_regardingobjectid_value", about.id, about.name, about.table)
	} else {
		b.lookup("_regardingobjectid_value", "", "", "")
	}
	return b.when("createdon", created)
}

// taskFields: a task is due at scheduledend; completed ones carry the
// completion time in actualend. completed zero leaves it open.
func (l *lumen) taskFields(id, subject string, due, completed time.Time, minutes, priority int, owner *lumenUser,
	about participant, created time.Time) *recordBuilder {
	state, status, statusLabel := stateOpen, 2, "Not Started"
	if !completed.IsZero() {
		state, status, statusLabel = stateCompleted, 5, "Completed"
	}
	b := l.activity().
		set("activityid", id).
		set("activitytypecode", "task").
		set("subject", subject).
		when("scheduledstart", time.Time{}).
		when("scheduledend", due).
		when("actualstart", time.Time{}).
		when("actualend", completed).
		minutes("actualdurationminutes", minutes).
		option("statecode", state, stateLabel[state]).
		option("statuscode", status, statusLabel).
		option("prioritycode", priority, priorityLabel[priority]).
		lookup("_ownerid_value", owner.id, owner.name(), "systemuser")
	if about.id != "" {
		b.lookup("_regardingobjectid_value", about.id, about.name, about.table)
	} else {
		b.lookup("_regardingobjectid_value", "", "", "")
	}
	return b.when("createdon", created)
}

func (l *lumen) emailFields(id, subject string, sent time.Time, owner *lumenUser, about regardingObject) *recordBuilder {
	return l.activity().
		set("activityid", id).
		set("activitytypecode", "email").
		set("subject", subject).
		boolean("directioncode", true, "Outgoing", "Incoming").
		when("scheduledstart", time.Time{}).
		when("senton", sent).
		when("actualend", sent).
		minutes("actualdurationminutes", -1).
		option("statecode", stateCompleted, "Completed").
		option("statuscode", 3, "Sent").
		option("prioritycode", 1, "Normal").
		lookup("_ownerid_value", owner.id, owner.name(), "systemuser").
		lookup("_regardingobjectid_value", about.id, about.name, about.table).
		when("createdon", sent.Add(-7*time.Minute))
}

// partyFields is one activityparty; activityID is set for the parties
// saved in activityparties.json.
func (l *lumen) partyFields(mask int, p participant, activityID, activityType string) obj {
	b := l.activity().set("activitypartyid", guid(l.rng))
	if activityID != "" {
		b.lookup("_activityid_value", activityID, "", activityType)
	}
	b.option("participationtypemask", mask, maskLabel[mask]).
		set("addressused", nilIfEmpty(p.email))
	if p.id != "" {
		b.lookup("_partyid_value", p.id, p.name, p.table)
	} else {
		b.lookup("_partyid_value", "", "", "")
	}
	return b.build()
}

// fileParties saves an activity's parties in activityparties.json and
// says what the connector must make of each: owners are no attendees, a
// person in a second role is loaded once.
func (l *lumen) fileParties(activityID, activityType string, parties [][2]any) {
	seen := map[string]bool{}
	for _, mp := range parties {
		mask, p := mp[0].(int), mp[1].(participant)
		r := l.partiesPage.add(l.partyFields(mask, p, activityID, activityType))
		key := p.id + p.email
		switch {
		case mask == 9:
			r.Skip = nonAttendeeRoles[9]
		case seen[key]:
			r.Skip = skipPartyRepeated
		}
		seen[key] = true
	}
}

// addWeeks generates the weeks' activities, team by team.
func (l *lumen) addWeeks() {
	director := l.facts.users["Sofie"]
	for week := range lumenWeeks {
		monday := lumenStart.AddDate(0, 0, 7*week)
		for mi, m := range l.managers {
			reps := l.activeReps(m, monday)
			if week%2 == 0 {
				l.teamMeeting(m, reps, monday, []int{60, 45, 90, 60}[mi])
			}
			if week%4 == 1 && (m.first == "Pieter" || m.first == "Javier") {
				for i, rep := range reps {
					start := m.at(monday.AddDate(0, 0, 1), 10, 0).Add(time.Duration(i*45) * time.Minute)
					l.meeting(m, fmt.Sprintf(m.lang.oneOnOne, rep.first), start, 30, regardingObject{}, m, rep)
				}
			}
			if week%4 == 2 {
				start := director.at(monday.AddDate(0, 0, 2), 14, 0)
				l.meeting(director, "Pipeline review "+[]string{"Benelux", "DACH", "France", "Iberia"}[mi], start, 60, regardingObject{}, director, m)
			}
			for _, rep := range reps {
				l.repWeek(m, rep, monday)
			}
			if m.first == "Katrin" {
				l.repWeek(m, m, monday) // the player-coach sells herself
			}
			l.managerAdmin(m, monday, week)
		}
		if week%4 == 3 {
			l.task(director, fmt.Sprintf(english.expense, english.months[monday.Month()-1]), director.at(monday.AddDate(0, 0, 4), 17, 0), 1, participant{})
		}
	}
	l.interviews()
}

func (l *lumen) activeReps(m *lumenUser, day time.Time) []*lumenUser {
	var out []*lumenUser
	for _, rep := range l.teams[m] {
		if rep.activeOn(day) {
			out = append(out, rep)
		}
	}
	return out
}

func (l *lumen) teamMeeting(m *lumenUser, reps []*lumenUser, monday time.Time, minutes int) {
	attendees := append([]*lumenUser{m}, reps...)
	l.meeting(m, m.lang.teamMeeting, m.at(monday, 9, 0), minutes, regardingObject{}, attendees...)
}

// meeting adds an internal appointment: the organizer, listed again as
// a required attendee as Outlook does, the others, and the owner party.
func (l *lumen) meeting(organizer *lumenUser, subject string, start time.Time, minutes int, about regardingObject, attendees ...*lumenUser) {
	var people []participant
	for _, u := range attendees {
		people = append(people, u.participant())
	}
	l.appointment(organizer, subject, start, minutes, about, people, nil)
}

// appointment adds an appointment with its parties expanded. Past ones
// are completed, later ones scheduled; one in twenty is canceled.
func (l *lumen) appointment(organizer *lumenUser, subject string, start time.Time, minutes int, about regardingObject, required, optional []participant) {
	state := stateScheduled
	if start.Before(lumenExported) {
		state = stateCompleted
	}
	canceled := l.rng.Chance(0.05)
	if canceled {
		state = stateCanceled
	}
	actual := minutes
	if state == stateCompleted && l.rng.Chance(0.3) {
		actual = minutes + 5*l.rng.Between(-2, 4) // ran short or over
	}
	id := guid(l.rng)
	parties := []obj{l.partyFields(maskOrganizer, organizer.participant(), "", "")}
	me := organizer.participant()
	distinct := map[string]bool{me.id + me.email: true}
	for _, p := range required {
		if p.id == organizer.id && l.rng.Chance(0.7) {
			continue // listed as organizer only
		}
		parties = append(parties, l.partyFields(5, p, "", ""))
		distinct[p.id+p.email] = true
	}
	for _, p := range optional {
		parties = append(parties, l.partyFields(6, p, "", ""))
		distinct[p.id+p.email] = true
	}
	if l.rng.Chance(0.2) {
		parties = append(parties, l.partyFields(9, organizer.participant(), "", ""))
	}
	r := l.appointmentsPage.add(l.activityFields(id, "appointment", subject, start, start.Add(time.Duration(minutes)*time.Minute), actual, state, 1,
		organizer, about, start.AddDate(0, 0, -l.rng.Between(1, 20))).
		set("appointment_activity_parties", parties).build())
	r.Attendees = len(distinct)
	if canceled {
		r.Skip = skipCanceled
	}
}

// repWeek is a seller's week: visits, calls, e-mails and tasks.
func (l *lumen) repWeek(m, rep *lumenUser, monday time.Time) {
	if !rep.activeOn(monday.AddDate(0, 0, 4)) {
		return
	}
	accounts := l.accountsOf(rep)
	if len(accounts) == 0 {
		accounts = l.accountsOf(m)
	}
	if l.rng.Chance(0.2) {
		a := connectortest.Pick(l.rng, accounts)
		subject := fmt.Sprintf(connectortest.Pick(l.rng, []string{rep.lang.visit, rep.lang.demoVisit}), a.name)
		start := rep.at(monday.AddDate(0, 0, l.rng.Between(1, 4)), connectortest.Pick(l.rng, []int{9, 10, 14}), 0)
		required := []participant{a.contacts[0].participant()}
		if rep != m && l.rng.Chance(map[string]float64{"Pieter": 0.5, "Katrin": 0.2, "Élodie": 0.1, "Javier": 0.3}[m.first]) {
			required = append(required, m.participant()) // the manager comes along
		}
		var optional []participant
		if len(a.contacts) > 1 {
			optional = append(optional, a.contacts[1].participant())
		}
		l.appointment(rep, subject, start, connectortest.Pick(l.rng, []int{45, 60, 90}), l.about(a), required, optional)
	}
	if l.rng.Chance(0.3) {
		l.phoneCall(rep, connectortest.Pick(l.rng, accounts), monday)
	}
	if l.rng.Chance(0.15) {
		l.email(rep, connectortest.Pick(l.rng, accounts), monday, m)
	}
	if l.rng.Chance(0.15) {
		a := connectortest.Pick(l.rng, accounts)
		contact := a.contacts[0].participant()
		contact.table = "contact"
		l.task(rep, fmt.Sprintf(rep.lang.offer, a.name), rep.at(monday.AddDate(0, 0, l.rng.Between(2, 4)), 17, 0), l.rng.Intn(3), contact)
	}
}

// about is what a customer activity regards: a deal when the account has
// one, else the account.
func (l *lumen) about(a *lumenAccount) regardingObject {
	if len(a.opportunities) > 0 && l.rng.Chance(0.6) {
		return regardingDeal(connectortest.Pick(l.rng, a.opportunities))
	}
	return regardingAccount(a)
}

func (l *lumen) accountsOf(u *lumenUser) []*lumenAccount {
	var out []*lumenAccount
	for _, a := range l.accounts {
		if a.owner == u {
			out = append(out, a)
		}
	}
	return out
}

// teamAccounts are the accounts of a manager and their reps.
func (l *lumen) teamAccounts(m *lumenUser) []*lumenAccount {
	out := l.accountsOf(m)
	for _, rep := range l.teams[m] {
		out = append(out, l.accountsOf(rep)...)
	}
	return out
}

func (l *lumen) phoneCall(rep *lumenUser, a *lumenAccount, monday time.Time) {
	due := rep.at(monday.AddDate(0, 0, l.rng.Between(0, 4)), l.rng.Between(9, 16), 15*l.rng.Intn(4))
	state := stateOpen
	if due.Before(lumenExported) {
		state = stateCompleted
	}
	canceled := l.rng.Chance(0.04)
	if canceled {
		state = stateCanceled
	}
	id := guid(l.rng)
	contact := connectortest.Pick(l.rng, a.contacts)
	subject := fmt.Sprintf(connectortest.Pick(l.rng, []string{rep.lang.call, rep.lang.callAgain}), a.name)
	r := l.phonecallsPage.add(l.activityFields(id, "phonecall", subject, due, due, l.rng.Between(3, 25), state, 1, rep, l.about(a),
		due.AddDate(0, 0, -l.rng.Between(0, 5))).build())
	parties := [][2]any{{maskSender, rep.participant()}, {2, contact.participant()}, {9, rep.participant()}}
	if l.rng.Chance(0.3) {
		parties[0][1], parties[1][1] = contact.participant(), rep.participant() // an incoming call
	}
	if canceled {
		r.Skip = skipCanceled
		for _, p := range parties {
			l.partiesPage.add(l.partyFields(p[0].(int), p[1].(participant), id, "phonecall")).Skip = skipPartyUnloaded
		}
		return
	}
	l.fileParties(id, "phonecall", parties)
}

func (l *lumen) email(rep *lumenUser, a *lumenAccount, monday time.Time, m *lumenUser) {
	sent := rep.at(monday.AddDate(0, 0, l.rng.Between(0, 4)), l.rng.Between(8, 18), l.rng.Intn(60))
	if sent.After(lumenExported) {
		return
	}
	id := guid(l.rng)
	subject := fmt.Sprintf(connectortest.Pick(l.rng, []string{rep.lang.email, rep.lang.emailAgain}), a.name)
	l.emailsPage.add(l.emailFields(id, subject, sent, rep, l.about(a)).build())
	parties := [][2]any{{maskSender, rep.participant()}, {2, a.contacts[0].participant()}}
	if l.rng.Chance(0.25) && rep != m {
		parties = append(parties, [2]any{3, m.participant()})
	}
	if l.rng.Chance(0.15) {
		parties = append(parties, [2]any{3, unresolved("info@" + a.domain)})
	}
	l.fileParties(id, "email", append(parties, [2]any{9, rep.participant()}))
}

// task adds a task; past ones are mostly done, some late, some left
// open; later ones are open.
func (l *lumen) task(owner *lumenUser, subject string, due time.Time, priority int, about participant) {
	completed := time.Time{}
	if due.Before(lumenExported) && l.rng.Chance(0.85) {
		completed = due.Add(time.Duration(l.rng.Between(-48, 120)) * time.Hour)
		if completed.After(lumenExported) {
			completed = lumenExported.Add(-time.Hour)
		}
	}
	minutes := -1
	if l.rng.Chance(0.5) {
		minutes = connectortest.Pick(l.rng, []int{15, 30, 60})
	}
	created := due.AddDate(0, 0, -l.rng.Between(2, 10))
	canceled := l.rng.Chance(0.03)
	b := l.taskFields(guid(l.rng), subject, due, completed, minutes, priority, owner, about, created)
	if canceled {
		b.fields = replaceOption(b.fields, "statecode", stateCanceled, "Canceled")
	}
	r := l.tasksPage.add(b.build())
	if about.table == "contact" {
		r.Attendees = 1
	}
	if canceled {
		r.Skip = skipCanceled
	}
}

func replaceOption(fields obj, key string, code int, label string) obj {
	for i := range fields {
		switch fields[i].key {
		case key:
			fields[i].value = code
		case key + "@OData.Community.Display.V1.FormattedValue":
			fields[i].value = label
		}
	}
	return fields
}

// managerAdmin is a manager's paperwork: expenses, forecasts and QBR prep.
func (l *lumen) managerAdmin(m *lumenUser, monday time.Time, week int) {
	friday := monday.AddDate(0, 0, 4)
	if week%4 == 0 {
		month := monday.AddDate(0, 0, -7).Month()
		l.task(m, fmt.Sprintf(m.lang.expense, m.lang.months[month-1]), m.at(friday, 17, 0), 1, participant{})
	}
	if week%4 == 1 || (m.first == "Élodie" && week%2 == 0) {
		l.task(m, m.lang.forecast, m.at(monday, 12, 0), 2, participant{})
	}
	if week%6 == 5 {
		a := connectortest.Pick(l.rng, l.teamAccounts(m))
		l.task(m, "QBR prep "+a.name, m.at(friday, 12, 0), 1, participant{})
	}
}

// interviews are the hiring the managers do.
func (l *lumen) interviews() {
	katrin, pieter, director := l.facts.users["Katrin"], l.facts.users["Pieter"], l.facts.users["Sofie"]
	for i, spec := range []struct {
		organizer *lumenUser
		subject   string
		day       time.Time
		with      []*lumenUser
	}{
		{katrin, "Interview candidate – Account Manager DACH", time.Date(2026, 2, 17, 0, 0, 0, 0, time.UTC), []*lumenUser{director}},
		{katrin, "Vorstellungsgespräch Außendienst (2. Runde)", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), nil},
		{pieter, "Sollicitatiegesprek accountmanager", time.Date(2026, 3, 24, 0, 0, 0, 0, time.UTC), nil},
		{pieter, "Interview candidate – Lotte's successor", time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), []*lumenUser{director}},
	} {
		candidate := unresolved(fmt.Sprintf("candidate%d@mailbox.example", i+1))
		var required []participant
		for _, u := range spec.with {
			required = append(required, u.participant())
		}
		l.appointment(spec.organizer, spec.subject, spec.organizer.at(spec.day, 11, 0), 60, regardingObject{}, append(required, candidate), nil)
	}
}

// addPlantedParties adds the parties the connector must skip for their
// activity: expanded already, or not in the export at all.
func (l *lumen) addPlantedParties() {
	pieter := l.facts.users["Pieter"]
	l.partiesPage.add(l.partyFields(maskOrganizer, pieter.participant(), l.facts.qbr, "appointment")).Skip = skipPartyExpanded
	l.partiesPage.add(l.partyFields(5, l.facts.brouwerContact.participant(), l.facts.qbr, "appointment")).Skip = skipPartyExpanded
	// A letter: the export has no letters page.
	letter := guid(l.rng)
	l.partiesPage.add(l.partyFields(maskSender, pieter.participant(), letter, "letter")).Skip = skipPartyActivityAbsent
	l.partiesPage.add(l.partyFields(2, l.facts.brouwerContact.participant(), letter, "letter")).Skip = skipPartyActivityAbsent
}

func firstWord(s string) string {
	for i, r := range s {
		if r == ' ' {
			return s[:i]
		}
	}
	return s
}

// asciiFold makes an e-mail local part of a name: lower case, no
// accents, dots for spaces.
func asciiFold(s string) string {
	folds := map[rune]string{'é': "e", 'è': "e", 'É': "e", 'ó': "o", 'Ó': "o", 'ú': "u", 'í': "i", 'á': "a", 'ã': "a", 'ç': "c",
		'ü': "ue", 'ö': "oe", 'ä': "ae", 'ß': "ss", 'ê': "e", 'ô': "o", 'â': "a", 'ñ': "n"}
	var out []rune
	for _, r := range s {
		switch {
		case folds[r] != "":
			out = append(out, []rune(folds[r])...)
		case r == ' ':
			out = append(out, '.')
		case r >= 'A' && r <= 'Z':
			out = append(out, r+'a'-'A')
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
