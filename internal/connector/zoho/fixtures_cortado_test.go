package zoho

// Cortado Coffee Systems is a fictional maker of espresso machines selling
// to cafés, hotels and restaurants, in Zoho CRM. Its export holds the
// pages an admin saved from the API (per_page 100) with a caller in
// Europe/Madrid, 2026-01-05 to 2026-04-24 (exported 2026-04-17): a sales
// director, four first-line managers (Spain holds weekly 1:1s, Portugal's
// manager sells himself, France sits in long meetings, Benelux & DACH runs
// a Dutch and German team), twelve reps (one deactivated in March),
// accounts with a custom Account_Tier, contacts (a page the connector
// ignores), deals, calls in two pages, events with participants and tasks.

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

var (
	cortadoStart    = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	cortadoExported = time.Date(2026, 4, 17, 18, 0, 0, 0, time.UTC)
)

const cortadoWeeks = 16

// language holds the subjects a user writes, in their language.
type language struct {
	months                                 [12]string
	visit, demo, call, callAgain, expense  string
	forecast, offer, oneOnOne, teamMeeting string
}

var (
	english = language{
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		visit:  "Customer visit %s", demo: "Espresso machine demo at %s", call: "Follow-up call %s", callAgain: "Call %s",
		expense: "Expense report %s", forecast: "Update forecast", offer: "Prepare proposal %s", oneOnOne: "1:1 with %s",
		teamMeeting: "EMEA sales leadership",
	}
	spanish = language{
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		visit:  "Visita cliente %s", demo: "Demostración cafetera en %s", call: "Llamada de seguimiento %s", callAgain: "Llamada %s",
		expense: "Informe de gastos %s", forecast: "Actualizar forecast", offer: "Preparar propuesta %s", oneOnOne: "1:1 with %s",
		teamMeeting: "Reunión de pipeline",
	}
	portuguese = language{
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		visit:  "Visita ao cliente %s", demo: "Demonstração máquina de café em %s", call: "Ligação de acompanhamento %s", callAgain: "Ligação %s",
		expense: "Relatório de despesas %s", forecast: "Atualizar previsão", offer: "Preparar proposta %s", oneOnOne: "1:1 com %s",
		teamMeeting: "Reunião de equipa",
	}
	french = language{
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		visit:  "Visite client %s", demo: "Démonstration machine chez %s", call: "Appel de suivi %s", callAgain: "Relance devis %s",
		expense: "Note de frais %s", forecast: "Mise à jour du forecast", offer: "Préparer le devis %s", oneOnOne: "Point individuel %s",
		teamMeeting: "Réunion d'équipe",
	}
	dutch = language{
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		visit:  "Klantbezoek %s", demo: "Demo espressomachine bij %s", call: "Nabellen offerte %s", callAgain: "Telefoongesprek %s",
		expense: "Declaratie %s", forecast: "Forecast bijwerken", offer: "Offerte opstellen %s", oneOnOne: "1:1 met %s",
		teamMeeting: "Teamoverleg Benelux & DACH",
	}
	german = language{
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		visit:  "Kundentermin %s", demo: "Vorführung Siebträger bei %s", call: "Rückruf wegen Angebot %s", callAgain: "Telefonat %s",
		expense: "Spesenabrechnung %s", forecast: "Forecast aktualisieren", offer: "Angebot schreiben %s", oneOnOne: "Jour fixe %s",
		teamMeeting: "Teamoverleg Benelux & DACH",
	}
)

type cortadoUser struct {
	id, first, last, role, profile string
	lang                           *language
	manager                        *cortadoUser
	// winterOffset is the hours the user's clock is ahead of UTC in
	// winter (London and Lisbon 0, the rest 1).
	winterOffset      int
	created, modified time.Time
	inactive          bool
}

func (u *cortadoUser) name() string { return u.first + " " + u.last }
func (u *cortadoUser) email() string {
	return strings.ToLower(asciiFold(u.first)+"."+asciiFold(u.last)) + "@cortado-coffee.com"
}
func (u *cortadoUser) ref() obj {
	return obj{{"name", u.name()}, {"id", u.id}, {"email", u.email()}}
}

// at is a local time of the user's day, in UTC.
func (u *cortadoUser) at(day time.Time, hour, minute int) time.Time {
	local := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, time.UTC)
	offset := u.winterOffset
	if !local.Before(summerTime) {
		offset++
	}
	return local.Add(-time.Duration(offset) * time.Hour)
}

func (u *cortadoUser) activeOn(day time.Time) bool { return !u.inactive || day.Before(u.modified) }

type cortadoContact struct {
	id, name, email string
}

func (c *cortadoContact) ref() obj { return obj{{"name", c.name}, {"id", c.id}} }

type cortadoAccount struct {
	id, name, city, domain string
	owner                  *cortadoUser
	contacts               []*cortadoContact
	deals                  []obj
}

func (a *cortadoAccount) ref() obj { return obj{{"name", a.name}, {"id", a.id}} }

// cortadoFacts are what the tests check the connector's output against.
type cortadoFacts struct {
	users     map[string]*cortadoUser // by first name
	managerOf map[string]string
	// The showcase records, checked field by field.
	qbr, call, missedCall, clockCall, expense, kickOff, hotelArts, cafe, wonDeal string
	hotelContact, cafeContact                                                    *cortadoContact
}

// cortado builds the export.
type cortado struct {
	rng                                                   *connectortest.Rand
	userIDs, accountIDs, contactIDs, dealIDs, activityIDs *ids
	facts                                                 cortadoFacts
	users, managers                                       []*cortadoUser
	teams                                                 map[*cortadoUser][]*cortadoUser
	accounts                                              []*cortadoAccount
	usersPage, accountsPage, contactsPage, dealsPage      *fxPage
	callsPage, eventsPage, tasksPage                      *fxPage
	admin                                                 *cortadoUser
}

func generateCortado() (*fxExport, cortadoFacts) {
	r := connectortest.NewRand(20260105)
	c := &cortado{
		rng: r, userIDs: &ids{rng: r, next: 225000}, accountIDs: &ids{rng: r, next: 391000}, contactIDs: &ids{rng: r, next: 412000},
		dealIDs: &ids{rng: r, next: 458000}, activityIDs: &ids{rng: r, next: 2790000}, teams: map[*cortadoUser][]*cortadoUser{},
		facts: cortadoFacts{users: map[string]*cortadoUser{}, managerOf: map[string]string{}},
	}
	c.usersPage = newPage("Users.json", usersModule)
	c.accountsPage = newPage("Accounts.json", accountsModule)
	c.contactsPage = &fxPage{name: "Contacts.json", key: "data", page: 1, perPage: 200, ignored: true}
	c.dealsPage = newPage("Deals.json", dealsModule)
	c.callsPage = newPage("Calls.json", callsModule)
	c.eventsPage = newPage("Events.json", eventsModule)
	c.tasksPage = newPage("Tasks.json", tasksModule)

	c.addPeople()
	c.addAccounts()
	c.addShowcase()
	c.addWeeks()

	export := &fxExport{dir: "cortado", pages: []*fxPage{c.usersPage, c.accountsPage, c.contactsPage, c.dealsPage}}
	export.pages = append(export.pages, splitPages(c.callsPage, 100)...)
	export.pages = append(export.pages, c.eventsPage, c.tasksPage)
	return export, c.facts
}

func (c *cortado) addPeople() {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 12, 0, 0, time.UTC) }
	director := c.user("Harriet", "Cole", "Sales Director", "Administrator", &english, nil, 0, day(2018, 9, 3))
	c.admin = director
	type teamSpec struct {
		manager [2]string
		role    string
		lang    *language
		offset  int
		reps    [][3]string // first, last, language
	}
	specs := []teamSpec{
		{[2]string{"Marta", "Iglesias"}, "Sales Manager Spain", &spanish, 1, [][3]string{{"Pablo", "Serrano", "es"}, {"Nuria", "Vidal", "es"}, {"Andrés", "Molina", "es"}}},
		{[2]string{"Rui", "Carvalho"}, "Sales Manager Portugal", &portuguese, 0, [][3]string{{"Beatriz", "Santos", "pt"}, {"Tiago", "Mendes", "pt"}}},
		{[2]string{"Claire", "Fontaine"}, "Sales Manager France", &french, 1, [][3]string{{"Louis", "Mercier", "fr"}, {"Inès", "Garnier", "fr"}, {"Théo", "Rousseau", "fr"}}},
		{[2]string{"Joost", "Hendriks"}, "Sales Manager Benelux & DACH", &dutch, 1, [][3]string{{"Sanne", "Mulder", "nl"}, {"Felix", "Neumann", "de"}, {"Lara", "Vogt", "de"}, {"Bram", "de Boer", "nl"}}},
	}
	langs := map[string]*language{"es": &spanish, "pt": &portuguese, "fr": &french, "nl": &dutch, "de": &german}
	for i, s := range specs {
		m := c.user(s.manager[0], s.manager[1], s.role, "Sales Manager Profile", s.lang, director, s.offset, day(2019+i%3, time.Month(3+i), 2+i))
		c.managers = append(c.managers, m)
		for j, rep := range s.reps {
			u := c.user(rep[0], rep[1], "Sales Representative", "Standard", langs[rep[2]], m, s.offset, day(2021+j%4, time.Month(1+(i*3+j)%11), 1+j*6))
			c.teams[m] = append(c.teams[m], u)
		}
	}
	lara := c.facts.users["Lara"]
	lara.inactive, lara.modified = true, time.Date(2026, 3, 13, 16, 5, 0, 0, time.UTC)
	for _, u := range c.users {
		c.usersPage.add(c.userFields(u))
		if u.manager != nil {
			c.facts.managerOf[u.id] = u.manager.id
		}
	}
}

func (c *cortado) user(first, last, role, profile string, lang *language, manager *cortadoUser, offset int, created time.Time) *cortadoUser {
	u := &cortadoUser{id: c.userIDs.id(), first: first, last: last, role: role, profile: profile, lang: lang, manager: manager,
		winterOffset: offset, created: created, modified: created.AddDate(0, c.rng.Between(1, 30), c.rng.Between(0, 27))}
	if u.modified.After(cortadoExported) {
		u.modified = cortadoExported.AddDate(0, 0, -c.rng.Between(3, 60))
	}
	c.users = append(c.users, u)
	c.facts.users[first] = u
	return u
}

func (c *cortado) userFields(u *cortadoUser) obj {
	status := "active"
	if u.inactive {
		status = "inactive"
	}
	var reportingTo any
	if u.manager != nil {
		reportingTo = obj{{"name", u.manager.name()}, {"id", u.manager.id}}
	}
	tz := "Europe/Madrid"
	if u.winterOffset == 0 {
		tz = "Europe/Lisbon"
	}
	return obj{
		{"country", nil},
		{"role", obj{{"name", u.role}, {"id", fmt.Sprintf("531887000000%07d", 26000+len(u.role)*7)}}},
		{"language", "en_US"},
		{"locale", "en_GB"},
		{"Modified_By", obj{{"name", c.admin.name()}, {"id", c.admin.id}}},
		{"id", u.id},
		{"first_name", u.first},
		{"email", u.email()},
		{"Reporting_To", reportingTo},
		{"created_time", madrid(u.created)},
		{"Modified_Time", madrid(u.modified)},
		{"time_format", "HH:mm"},
		{"profile", obj{{"name", u.profile}, {"id", fmt.Sprintf("531887000000%07d", 26500+len(u.profile)*3)}}},
		{"last_name", u.last},
		{"time_zone", tz},
		{"zuid", fmt.Sprintf("7%08d", 10000000+len(c.usersPage.records)*7919)},
		{"confirm", true},
		{"full_name", u.name()},
		{"status", status},
	}
}

// accountSpecs are the customers per team: name, city, web domain.
var accountSpecs = map[string][][3]string{
	"Marta": {
		{"Hotel Arts Barcelona", "Barcelona", "hotelartsbcn.es"}, {"Café Comercial", "Madrid", "cafecomercial.es"},
		{"Cafetería La Rambla", "Barcelona", "cafeterialarambla.es"}, {"Grupo Tostadero Sevilla", "Sevilla", "tostadero.es"},
		{"Panadería Ibáñez", "Valencia", "panaderiaibanez.es"}, {"Restaurante El Faro", "Bilbao", "restauranteelfaro.es"},
	},
	"Rui": {
		{"Pastelaria Belém", "Lisboa", "pastelariabelem.pt"}, {"Café Majestic", "Porto", "cafemajestic.pt"},
		{"Hotel Avenida Palace", "Lisboa", "avenidapalace.pt"}, {"Padaria Portuguesa", "Lisboa", "padariaportuguesa.pt"},
	},
	"Claire": {
		{"Brasserie Lipp", "Paris", "brasserielipp.fr"}, {"Café de Flore", "Paris", "cafedeflore.fr"},
		{"Hôtel Le Grand Lyon", "Lyon", "legrandlyon.fr"}, {"Boulangerie Dumas & Fils", "Bordeaux", "boulangerie-dumas.fr"},
		{"Torréfaction Marseillaise", "Marseille", "torrefaction-marseille.fr"}, {"Salon de Thé Anaïs", "Lille", "salon-anais.fr"},
	},
	"Joost": {
		{"Koffiebar De Molen", "Amsterdam", "koffiebardemolen.nl"}, {"Grand Café Utrecht", "Utrecht", "grandcafeutrecht.nl"},
		{"Brasserie Den Haag", "Den Haag", "brasseriedenhaag.nl"}, {"Café Müller & Co", "Düsseldorf", "cafemueller.de"},
		{"Rösterei Kölner Dom", "Köln", "roesterei-koeln.de"}, {"Hotel Aachener Hof", "Aachen", "aachener-hof.de"},
		{"Koffie & Zo Antwerpen", "Antwerpen", "koffieenzo.be"},
	},
}

var contactNames = map[string][]string{
	"Marta":  {"Jordi Puig", "Lucía Herrera", "Carmen Ruiz", "Miguel Ángel Soto", "Elena Prieto", "Iñaki Etxeberria", "Rosa Delgado"},
	"Rui":    {"Joana Lopes", "Miguel Ferreira", "Catarina Rocha", "Pedro Nunes", "Sofia Marques"},
	"Claire": {"Antoine Dubois", "Camille Bertrand", "Julien Faure", "Émilie Robin", "Nicolas Chevalier", "Sophie Lemoine"},
	"Joost":  {"Pieter Smit", "Femke de Jong", "Klaus Becker", "Anke Schröder", "Wim Janssens", "Jan Visser", "Heike Braun"},
}

var tiers = []string{"Tier 1", "Tier 2", "Tier 2", "Tier 3"}

func (c *cortado) addAccounts() {
	industries := []string{"Hospitality", "Food & Beverage", "Retail", "Hospitality", "Food & Beverage"}
	ratings := []string{"Active", "Acquired", "Active", "Market Failed"}
	for _, m := range c.managers {
		reps := c.activeReps(m, cortadoStart)
		names := contactNames[m.first]
		for i, spec := range accountSpecs[m.first] {
			a := &cortadoAccount{id: c.accountIDs.id(), name: spec[0], city: spec[1], domain: spec[2], owner: reps[i%len(reps)]}
			if m.first == "Rui" && i == 0 {
				a.owner = m // the manager who sells keeps the flagship
			}
			c.accounts = append(c.accounts, a)
			for k := 0; k < 1+i%2; k++ {
				name := names[(i+k*3)%len(names)]
				contact := &cortadoContact{id: c.contactIDs.id(), name: name, email: strings.ToLower(asciiFold(firstWord(name))) + "@" + spec[2]}
				a.contacts = append(a.contacts, contact)
				c.contactsPage.add(obj{{"Owner", a.owner.ref()}, {"Full_Name", name}, {"Email", contact.email},
					{"Account_Name", a.ref()}, {"id", contact.id}})
			}
			var tier, revenue any = tiers[i%len(tiers)], float64(c.rng.Between(2, 90)) * 50_000
			if i%5 == 4 {
				tier = nil
			}
			if i == 3 {
				revenue = nil
			}
			accountType := "Customer"
			if i%3 == 2 {
				accountType = "Prospect"
			}
			c.accountsPage.add(obj{
				{"Owner", a.owner.ref()},
				{"$currency_symbol", "€"},
				{"Account_Type", accountType},
				{"Rating", ratings[i%len(ratings)]},
				{"Industry", connectortest.Pick(c.rng, industries)},
				{"Annual_Revenue", revenue},
				{"Employees", c.rng.Between(4, 400)},
				{"Account_Name", a.name},
				{"Account_Number", fmt.Sprintf("CC-%05d", 20000+len(c.accounts)*41)},
				{"Billing_City", a.city},
				{"Website", "https://www." + a.domain},
				{"Account_Tier", tier},
				{"Created_Time", madrid(time.Date(2023, time.Month(1+i), 10+i, 10, 0, 0, 0, time.UTC))},
				{"Tag", []obj{}},
				{"$editable", true},
				{"id", a.id},
			})
			c.addDeals(a, i)
		}
	}
	c.facts.hotelArts = c.accounts[0].id
	c.facts.hotelContact = c.accounts[0].contacts[0]
}

var dealStages = []struct {
	stage       string
	probability int
}{
	{"Qualification", 10}, {"Closed Won", 100}, {"Needs Analysis", 20}, {"Closed Lost", 0},
	{"Proposal/Price Quote", 75}, {"Negotiation/Review", 90}, {"Closed Lost to Competition", 0},
}

var products = []string{"espresso machines", "grinders", "service contract", "barista training", "fleet renewal"}

func (c *cortado) addDeals(a *cortadoAccount, i int) {
	for k := 0; k < 1+(i+1)%2; k++ {
		stage := dealStages[(i*2+k)%len(dealStages)]
		amount := float64(c.rng.Between(3, 120)) * 1000
		deal := obj{
			{"Owner", a.owner.ref()},
			{"$currency_symbol", "€"},
			{"Deal_Name", fmt.Sprintf("%s – %d %s", a.name, c.rng.Between(1, 24), connectortest.Pick(c.rng, products))},
			{"Amount", amount},
			{"Stage", stage.stage},
			{"Probability", stage.probability},
			{"Expected_Revenue", amount * float64(stage.probability) / 100},
			{"Closing_Date", date(cortadoStart.AddDate(0, c.rng.Between(0, 5), c.rng.Between(0, 27)))},
			{"Account_Name", a.ref()},
			{"Contact_Name", a.contacts[0].ref()},
			{"Type", connectortest.Pick(c.rng, []string{"New Business", "Existing Business"})},
			{"Lead_Source", connectortest.Pick(c.rng, []any{"Trade Show", "Web Site", "Partner", nil})},
			{"Created_Time", madrid(cortadoStart.AddDate(0, -c.rng.Between(1, 8), c.rng.Between(0, 27)))},
			{"id", c.dealIDs.id()},
		}
		a.deals = append(a.deals, deal)
		c.dealsPage.add(deal)
	}
}

// about is what a customer activity is related to: a deal when the
// account has one, else the account.
func (c *cortado) about(a *cortadoAccount) (module string, what obj) {
	if len(a.deals) > 0 && c.rng.Chance(0.5) {
		deal := connectortest.Pick(c.rng, a.deals)
		return "Deals", obj{{"name", deal.get("Deal_Name")}, {"id", deal.get("id")}}
	}
	return "Accounts", a.ref()
}

func (c *cortado) addShowcase() {
	harriet, marta, pablo := c.facts.users["Harriet"], c.facts.users["Marta"], c.facts.users["Pablo"]
	hotel := c.accounts[0]
	jordi := hotel.contacts[0]

	won := obj{
		{"Owner", pablo.ref()}, {"$currency_symbol", "€"}, {"Deal_Name", "Hotel Arts – 12 espresso machines"}, {"Amount", 86400.0},
		{"Stage", "Closed Won"}, {"Probability", 100}, {"Expected_Revenue", 86400.0}, {"Closing_Date", "2026-03-20"},
		{"Account_Name", hotel.ref()}, {"Contact_Name", jordi.ref()}, {"Type", "New Business"}, {"Lead_Source", "Trade Show"},
		{"Created_Time", "2025-11-04T11:12:00+01:00"}, {"id", c.dealIDs.id()},
	}
	c.dealsPage.add(won)
	hotel.deals = append(hotel.deals, won)
	c.facts.wonDeal = won.get("id").(string)

	// A QBR about the deal: Who_Id names the contact who is a participant
	// too, one participant is a bare address.
	c.facts.qbr = c.activityIDs.id()
	c.eventsPage.add(c.eventFields(c.facts.qbr, "Quarterly business review Hotel Arts", marta,
		time.Date(2026, 2, 12, 9, 0, 0, 0, time.UTC), time.Date(2026, 2, 12, 10, 30, 0, 0, time.UTC), false,
		"Deals", obj{{"name", won.get("Deal_Name")}, {"id", c.facts.wonDeal}}, jordi.ref(), []obj{
			userParticipant(marta, "accepted"), userParticipant(pablo, "accepted"),
			contactParticipant(jordi, "accepted"), emailParticipant("compras@hotelartsbcn.es", "not_known"),
		})).Attendees = 4

	// An all-day event.
	c.facts.kickOff = c.activityIDs.id()
	c.eventsPage.add(c.eventFields(c.facts.kickOff, "Sales kick-off 2026", harriet,
		time.Date(2026, 1, 14, 23, 0, 0, 0, time.UTC), time.Date(2026, 1, 15, 22, 59, 0, 0, time.UTC), true,
		"", nil, nil, []obj{userParticipant(harriet, "accepted"), userParticipant(marta, "accepted"), userParticipant(c.facts.users["Rui"], "declined")},
	)).Attendees = 3

	// A call with its duration in both fields, one with "MM:SS" only
	// (records from before Zoho added the seconds), a missed one.
	start := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	cafe := c.accounts[1]
	c.facts.cafe, c.facts.cafeContact = cafe.id, cafe.contacts[0]
	c.facts.call = c.activityIDs.id()
	c.callsPage.add(c.callFields(c.facts.call, "Llamada de seguimiento Café Comercial", c.facts.users["Nuria"], "Outbound", start,
		"12:30", 750, "Completed", "Accounts", cafe.ref(), cafe.contacts[0].ref())).Attendees = 1
	c.facts.clockCall = c.activityIDs.id()
	c.callsPage.add(c.callFields(c.facts.clockCall, "Rückruf wegen Angebot Café Müller & Co", c.facts.users["Felix"], "Outbound",
		time.Date(2026, 3, 5, 14, 30, 0, 0, time.UTC), "07:05", -1, "Completed", "", nil, nil))
	c.facts.missedCall = c.activityIDs.id()
	c.callsPage.add(c.callFields(c.facts.missedCall, "Missed call from Café de Flore", c.facts.users["Louis"], "Missed",
		time.Date(2026, 3, 6, 8, 15, 0, 0, time.UTC), "00:00", 0, "Missed", "Accounts", c.accountByName("Café de Flore").ref(), nil)).Skip = skipMissedCall

	// A task completed five days late.
	c.facts.expense = c.activityIDs.id()
	c.tasksPage.add(c.taskFields(c.facts.expense, "Expense report January", harriet, time.Date(2026, 2, 6, 0, 0, 0, 0, time.UTC),
		"Completed", "Highest", time.Date(2026, 2, 11, 16, 30, 0, 0, time.UTC), "", nil, nil, time.Date(2026, 2, 2, 8, 0, 0, 0, time.UTC)))
}

func (c *cortado) accountByName(name string) *cortadoAccount {
	for _, a := range c.accounts {
		if a.name == name {
			return a
		}
	}
	panic("fixture bug: no account " + name)
}

func userParticipant(u *cortadoUser, status string) obj {
	return obj{{"Email", u.email()}, {"name", u.name()}, {"invited", true}, {"type", "user"}, {"participant", u.id}, {"status", status}}
}

func contactParticipant(ct *cortadoContact, status string) obj {
	return obj{{"Email", ct.email}, {"name", ct.name}, {"invited", true}, {"type", "contact"}, {"participant", ct.id}, {"status", status}}
}

func emailParticipant(address, status string) obj {
	return obj{{"Email", address}, {"name", address}, {"invited", true}, {"type", "email"}, {"participant", address}, {"status", status}}
}

func related(module string, what, who any) (any, any, any) {
	if module == "" {
		return nil, nil, who
	}
	return module, what, who
}

func (c *cortado) eventFields(id, title string, owner *cortadoUser, start, end time.Time, allDay bool,
	module string, what, who any, participants []obj) obj {
	seModule, whatID, whoID := related(module, what, who)
	var venue any
	if whatID != nil {
		venue = "Cliente / client site"
	}
	return obj{
		{"Owner", owner.ref()},
		{"Event_Title", title},
		{"Venue", venue},
		{"Start_DateTime", madrid(start)},
		{"End_DateTime", madrid(end)},
		{"All_day", allDay},
		{"$se_module", seModule},
		{"What_Id", whatID},
		{"Who_Id", whoID},
		{"Participants", participants},
		{"Remind_At", nil},
		{"Recurring_Activity", nil},
		{"Description", nil},
		{"Created_Time", madrid(start.AddDate(0, 0, -c.rng.Between(1, 20)))},
		{"Tag", []obj{}},
		{"id", id},
	}
}

// callFields: clock "" and seconds < 0 leave the durations null.
func (c *cortado) callFields(id, subject string, owner *cortadoUser, callType string, start time.Time, clock string, seconds int,
	status, module string, what, who any) obj {
	seModule, whatID, whoID := related(module, what, who)
	var duration, durationSeconds any
	if clock != "" {
		duration = clock
	}
	if seconds >= 0 {
		durationSeconds = seconds
	}
	purpose := connectortest.Pick(c.rng, []any{"Prospecting", "Negotiation", "Demo", "Administrative", nil})
	return obj{
		{"Owner", owner.ref()},
		{"$se_module", seModule},
		{"What_Id", whatID},
		{"Who_Id", whoID},
		{"Subject", subject},
		{"Call_Type", callType},
		{"Call_Purpose", purpose},
		{"Call_Start_Time", madrid(start)},
		{"Call_Duration", duration},
		{"Call_Duration_in_seconds", durationSeconds},
		{"Call_Status", status},
		{"Call_Result", nil},
		{"Description", nil},
		{"Created_Time", madrid(start.Add(-time.Duration(c.rng.Between(1, 72)) * time.Hour))},
		{"Tag", []obj{}},
		{"id", id},
	}
}

func (c *cortado) taskFields(id, subject string, owner *cortadoUser, due time.Time, status, priority string, closed time.Time,
	module string, what, who any, created time.Time) obj {
	seModule, whatID, whoID := related(module, what, who)
	return obj{
		{"Owner", owner.ref()},
		{"Subject", subject},
		{"Due_Date", date(due)},
		{"Status", status},
		{"Priority", priority},
		{"Closed_Time", madrid(closed)},
		{"$se_module", seModule},
		{"What_Id", whatID},
		{"Who_Id", whoID},
		{"Send_Notification_Email", false},
		{"Remind_At", nil},
		{"Recurring_Activity", nil},
		{"Description", nil},
		{"Created_Time", madrid(created)},
		{"Tag", []obj{}},
		{"id", id},
	}
}

// addWeeks generates the weeks' activities, team by team.
func (c *cortado) addWeeks() {
	director := c.facts.users["Harriet"]
	for week := range cortadoWeeks {
		monday := cortadoStart.AddDate(0, 0, 7*week)
		for mi, m := range c.managers {
			reps := c.activeReps(m, monday)
			if week%2 == 0 {
				c.internalMeeting(m, m.lang.teamMeeting, m.at(monday, 9, 30), []int{60, 45, 120, 60}[mi], append([]*cortadoUser{m}, reps...))
			}
			if m.first == "Marta" && week%2 == 1 {
				for i, rep := range reps {
					c.internalMeeting(m, fmt.Sprintf(m.lang.oneOnOne, rep.first), m.at(monday.AddDate(0, 0, 1), 10, 0).Add(time.Duration(i*45)*time.Minute), 30, []*cortadoUser{m, rep})
				}
			}
			if week%4 == 2 {
				c.internalMeeting(director, "Pipeline review "+[]string{"Spain", "Portugal", "France", "Benelux & DACH"}[mi],
					director.at(monday.AddDate(0, 0, 2), 15, 0), 60, []*cortadoUser{director, m})
			}
			for _, rep := range reps {
				c.repWeek(m, rep, monday)
			}
			if m.first == "Rui" {
				c.repWeek(m, m, monday) // the manager who sells
			}
			c.managerAdmin(m, monday, week)
		}
	}
	c.interviews()
}

func (c *cortado) activeReps(m *cortadoUser, day time.Time) []*cortadoUser {
	var out []*cortadoUser
	for _, rep := range c.teams[m] {
		if rep.activeOn(day) {
			out = append(out, rep)
		}
	}
	return out
}

func (c *cortado) internalMeeting(owner *cortadoUser, title string, start time.Time, minutes int, people []*cortadoUser) {
	var participants []obj
	for _, u := range people {
		participants = append(participants, userParticipant(u, connectortest.Pick(c.rng, []string{"accepted", "accepted", "not_known"})))
	}
	c.eventsPage.add(c.eventFields(c.activityIDs.id(), title, owner, start, start.Add(time.Duration(minutes)*time.Minute), false,
		"", nil, nil, participants)).Attendees = len(participants)
}

// repWeek is a seller's week: visits, calls and tasks.
func (c *cortado) repWeek(m, rep *cortadoUser, monday time.Time) {
	if !rep.activeOn(monday.AddDate(0, 0, 4)) {
		return
	}
	accounts := c.accountsOf(rep)
	if c.rng.Chance(0.25) {
		a := connectortest.Pick(c.rng, accounts)
		c.visit(m, rep, a, monday)
	}
	for range c.rng.Between(0, 1) {
		c.call(rep, connectortest.Pick(c.rng, accounts), monday)
	}
	if c.rng.Chance(0.2) {
		a := connectortest.Pick(c.rng, accounts)
		module, what := c.about(a)
		due := monday.AddDate(0, 0, c.rng.Between(2, 4))
		r := c.task(rep, fmt.Sprintf(rep.lang.offer, a.name), due, connectortest.Pick(c.rng, []string{"High", "Normal", "Normal", "Low"}),
			module, what, a.contacts[0].ref())
		r.Attendees = 1
	}
}

func (c *cortado) visit(m, rep *cortadoUser, a *cortadoAccount, monday time.Time) {
	start := rep.at(monday.AddDate(0, 0, c.rng.Between(1, 4)), connectortest.Pick(c.rng, []int{9, 11, 16}), 0)
	contact := a.contacts[0]
	participants := []obj{userParticipant(rep, "accepted"), contactParticipant(contact, connectortest.Pick(c.rng, []string{"accepted", "not_known", "tentative"}))}
	attendees := 2
	if rep != m && c.rng.Chance(map[string]float64{"Marta": 0.4, "Rui": 0.1, "Claire": 0.1, "Joost": 0.3}[m.first]) {
		participants = append(participants, userParticipant(m, "accepted"))
		attendees++
	}
	if len(a.contacts) > 1 && c.rng.Chance(0.5) {
		participants = append(participants, contactParticipant(a.contacts[1], "not_known"))
		attendees++
	}
	module, what := c.about(a)
	title := fmt.Sprintf(connectortest.Pick(c.rng, []string{rep.lang.visit, rep.lang.demo}), a.name)
	minutes := connectortest.Pick(c.rng, []int{45, 60, 90})
	c.eventsPage.add(c.eventFields(c.activityIDs.id(), title, rep, start, start.Add(time.Duration(minutes)*time.Minute), false,
		module, what, contact.ref(), participants)).Attendees = attendees
}

// call adds a call: past outbound calls are completed (a few missed or
// cancelled), later ones scheduled; some are inbound.
func (c *cortado) call(rep *cortadoUser, a *cortadoAccount, monday time.Time) {
	start := rep.at(monday.AddDate(0, 0, c.rng.Between(0, 4)), c.rng.Between(9, 17), 5*c.rng.Intn(12))
	callType, status := "Outbound", "Completed"
	if c.rng.Chance(0.25) {
		callType, status = "Inbound", "Received"
	}
	seconds := c.rng.Between(60, 1500)
	switch {
	case start.After(cortadoExported):
		callType, status, seconds = "Outbound", "Scheduled", -1
	case c.rng.Chance(0.05):
		status = "Cancelled"
	}
	clock := ""
	if seconds >= 0 {
		clock = fmt.Sprintf("%02d:%02d", seconds/60, seconds%60)
	}
	module, what := c.about(a)
	contact := connectortest.Pick(c.rng, a.contacts)
	subject := fmt.Sprintf(connectortest.Pick(c.rng, []string{rep.lang.call, rep.lang.callAgain}), a.name)
	r := c.callsPage.add(c.callFields(c.activityIDs.id(), subject, rep, callType, start, clock, seconds, status, module, what, contact.ref()))
	r.Attendees = 1
	if status == "Cancelled" {
		r.Skip = skipCancelledCall
	}
}

// task adds a task: past ones mostly done, some late, some left open.
func (c *cortado) task(owner *cortadoUser, subject string, due time.Time, priority, module string, what, who any) *fxRecord {
	status, closed := "Not Started", time.Time{}
	if due.Before(cortadoExported) {
		switch {
		case c.rng.Chance(0.8):
			status = "Completed"
			closed = due.Add(time.Duration(c.rng.Between(8, 140)) * time.Hour)
			if closed.After(cortadoExported) {
				closed = cortadoExported.Add(-time.Hour)
			}
		case c.rng.Chance(0.5):
			status = connectortest.Pick(c.rng, []string{"In Progress", "Waiting for input", "Deferred"})
		}
	}
	return c.tasksPage.add(c.taskFields(c.activityIDs.id(), subject, owner, due, status, priority, closed, module, what, who,
		due.AddDate(0, 0, -c.rng.Between(2, 10))))
}

func (c *cortado) accountsOf(u *cortadoUser) []*cortadoAccount {
	var out []*cortadoAccount
	for _, a := range c.accounts {
		if a.owner == u {
			out = append(out, a)
		}
	}
	if len(out) == 0 && u.manager != nil {
		out = c.accountsOf(u.manager)
	}
	return out
}

// managerAdmin is a manager's paperwork: expenses, forecasts, QBR prep.
func (c *cortado) managerAdmin(m *cortadoUser, monday time.Time, week int) {
	friday := monday.AddDate(0, 0, 4)
	if week%4 == 0 {
		month := monday.AddDate(0, 0, -7).Month()
		c.task(m, fmt.Sprintf(m.lang.expense, m.lang.months[month-1]), friday, "Normal", "", nil, nil)
	}
	if week%4 == 1 || (m.first == "Claire" && week%2 == 0) {
		c.task(m, m.lang.forecast, monday, "High", "", nil, nil)
	}
	if week%6 == 5 {
		a := c.accounts[c.rng.Intn(len(c.accounts))]
		c.task(m, "QBR prep "+a.name, friday, "Normal", "Accounts", a.ref(), nil)
	}
}

// interviews are the hiring the managers do, with candidates invited by
// address.
func (c *cortado) interviews() {
	joost, marta, director := c.facts.users["Joost"], c.facts.users["Marta"], c.facts.users["Harriet"]
	for i, spec := range []struct {
		owner *cortadoUser
		title string
		day   time.Time
		with  []*cortadoUser
	}{
		{joost, "Interview candidate – Account Manager DACH", time.Date(2026, 3, 18, 0, 0, 0, 0, time.UTC), []*cortadoUser{director}},
		{joost, "Sollicitatiegesprek accountmanager", time.Date(2026, 3, 26, 0, 0, 0, 0, time.UTC), nil},
		{marta, "Entrevista candidato comercial Valencia", time.Date(2026, 2, 24, 0, 0, 0, 0, time.UTC), nil},
	} {
		participants := []obj{userParticipant(spec.owner, "accepted")}
		for _, u := range spec.with {
			participants = append(participants, userParticipant(u, "accepted"))
		}
		participants = append(participants, emailParticipant(fmt.Sprintf("candidato%d@correo.example", i+1), "accepted"))
		start := spec.owner.at(spec.day, 11, 0)
		c.eventsPage.add(c.eventFields(c.activityIDs.id(), spec.title, spec.owner, start, start.Add(time.Hour), false, "", nil, nil,
			participants)).Attendees = len(participants)
	}
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// asciiFold makes an e-mail local part of a name: no accents, dots for
// spaces.
func asciiFold(s string) string {
	folds := map[rune]string{'é': "e", 'è': "e", 'É': "e", 'ó': "o", 'ú': "u", 'í': "i", 'á': "a", 'ã': "a", 'ç': "c", 'Á': "a",
		'ü': "ue", 'ö': "oe", 'ä': "ae", 'ß': "ss", 'ê': "e", 'ô': "o", 'â': "a", 'ñ': "n", 'ï': "i", 'Ñ': "n"}
	var b strings.Builder
	for _, r := range s {
		switch {
		case folds[r] != "":
			b.WriteString(folds[r])
		case r == ' ':
			b.WriteByte('.')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
