package salesforce

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Acme Industrial Supplies: an EMEA sales organisation of one director,
// three first-line managers and fourteen account executives, over the first
// half of 2026. The managers differ on purpose, so that an audit has
// something to find:
//
//   - Sanne de Vries (Benelux) coaches: 1:1s, joint customer visits, team
//     meetings, planning.
//   - Markus Weber (DACH) is a player-coach: he owns key accounts and big
//     deals, meets customers alone, reviews pipeline but rarely coaches.
//   - Lucía Fernández (Southern Europe) drowns in admin and internal
//     meetings and completes her important tasks late. Her reps have no
//     ManagerId: their manager comes from the role hierarchy.

var (
	periodStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	periodEnd   = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	acmeExport  = time.Date(2026, 7, 1, 2, 0, 0, 0, time.UTC)
)

type acmePerson struct {
	id, first, last string
	langs           []string
	team            *acmeTeam
	accounts        []*acmeAccount
	joined, left    time.Time // left is zero for people still there
}

func (p *acmePerson) activeOn(day time.Time) bool {
	return !day.Before(p.joined) && (p.left.IsZero() || day.Before(p.left))
}

type acmeTeam struct {
	name, region string
	manager      *acmePerson
	reps         []*acmePerson
	accounts     []*acmeAccount
	// teamMeetings are kept to plant child copies of a group event.
	teamMeetings []*eventRows
}

func (t *acmeTeam) repsOn(day time.Time) []*acmePerson {
	var out []*acmePerson
	for _, r := range t.reps {
		if r.activeOn(day) {
			out = append(out, r)
		}
	}
	return out
}

type acmeAccount struct {
	id, name, short, region, city, country string
	owner                                  *acmePerson
	contacts                               []string
	opportunities                          []string
}

// acmeFacts are what the generator knows that the tests check.
type acmeFacts struct {
	directorID string
	// managerOf is every person's expected ManagerID after the connector
	// has derived the missing ones from the role hierarchy.
	managerOf map[string]string
	// derivedReps are the reps whose ManagerId is empty in User.csv.
	derivedReps []string
	managerIDs  map[string]string // "coach", "player", "admin" → user ID
	tiers       map[string]string // account ID → Tier__c
	inactiveRep string
}

type acmeGenerator struct {
	*exportBuilder
	facts         acmeFacts
	director      *acmePerson
	ops           *acmePerson
	teams         []*acmeTeam
	people        []*acmePerson
	customers     []*acmeAccount
	leadsByRegion map[string][]string // region → lead IDs
}

func generateAcme() (*fixtureExport, acmeFacts) {
	g := &acmeGenerator{
		exportBuilder: newExportBuilder(20260701, acmeExport),
		facts:         acmeFacts{managerOf: map[string]string{}, managerIDs: map[string]string{}, tiers: map[string]string{}},
		leadsByRegion: map[string][]string{},
	}
	g.addOrganisation()
	g.addAccounts()
	g.addContactsAndLeads()
	g.addOpportunities()
	g.addActivities()
	g.plantSkips()
	return &fixtureExport{
		dir:   "acme",
		style: dataExportStyle,
		tables: []*sfTable{g.roles, g.users, g.accounts, g.contacts, g.leads, g.opportunities,
			g.opportunityHistory, g.tasks, g.events, g.eventRelations},
	}, g.facts
}

type personSpec struct {
	first, last, title string
	langs              []string
	joined, left       time.Time
}

var acmeTeams = []struct {
	name, region, city, country, timeZone, locale string
	manager                                       personSpec
	reps                                          []personSpec
	// derivedManager leaves the reps' ManagerId empty.
	derivedManager bool
	style          string
}{
	{
		name: "Benelux", region: "Benelux", city: "Utrecht", country: "Netherlands", timeZone: "Europe/Amsterdam", locale: "nl_NL",
		manager: personSpec{"Sanne", "de Vries", "Sales Manager Benelux", []string{"nl", "en"}, day(2020, 9, 1), time.Time{}},
		reps: []personSpec{
			{"Bram", "Bakker", "Account Executive", []string{"nl", "en"}, day(2021, 2, 15), time.Time{}},
			{"Lotte", "Mulder", "Account Executive", []string{"nl"}, day(2022, 6, 1), time.Time{}},
			{"Daan", "Smit", "Senior Account Executive", []string{"nl", "en"}, day(2019, 11, 4), time.Time{}},
			{"Emma", "Peeters", "Account Executive", []string{"nl", "fr"}, day(2023, 3, 13), time.Time{}},
			{"Pieter", "Claes", "Account Executive", []string{"nl", "en"}, day(2024, 9, 2), time.Time{}},
		},
		style: "coach",
	},
	{
		name: "DACH", region: "DACH", city: "München", country: "Germany", timeZone: "Europe/Berlin", locale: "de_DE",
		manager: personSpec{"Markus", "Weber", "Sales Manager DACH", []string{"de", "en"}, day(2021, 1, 11), time.Time{}},
		reps: []personSpec{
			{"Jan", "Hoffmann", "Account Executive", []string{"de"}, day(2022, 4, 1), time.Time{}},
			{"Lena", "Schneider", "Senior Account Executive", []string{"de", "en"}, day(2020, 7, 1), time.Time{}},
			{"Felix", "Wagner", "Account Executive", []string{"de"}, day(2025, 4, 1), day(2026, 3, 13)},
			{"Tobias", "Schulz", "Account Executive", []string{"de", "en"}, day(2023, 10, 16), time.Time{}},
			{"Sophie", "Keller", "Account Executive", []string{"de", "en"}, day(2026, 3, 16), time.Time{}},
		},
		style: "player",
	},
	{
		name: "Southern Europe", region: "Southern Europe", city: "Madrid", country: "Spain", timeZone: "Europe/Madrid", locale: "es_ES",
		manager: personSpec{"Lucía", "Fernández", "Sales Manager Southern Europe", []string{"es", "en"}, day(2022, 2, 1), time.Time{}},
		reps: []personSpec{
			{"Javier", "Morales", "Account Executive", []string{"es"}, day(2021, 5, 3), time.Time{}},
			{"Camille", "Dubois", "Account Executive", []string{"fr"}, day(2022, 9, 12), time.Time{}},
			{"Inês", "Carvalho", "Account Executive", []string{"pt", "es"}, day(2023, 1, 9), time.Time{}},
			{"Hugo", "Lefèvre", "Senior Account Executive", []string{"fr", "en"}, day(2020, 3, 2), time.Time{}},
		},
		derivedManager: true,
		style:          "admin",
	},
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

const acmeDomain = "acme-industrial.example"

func (g *acmeGenerator) addOrganisation() {
	// The CEO is not a Salesforce user: the director's role has a parent
	// that nobody holds, so the director has no manager.
	ceoRole := g.addRole("CEO", "")
	directorRole := g.addRole("Sales Director EMEA", ceoRole)
	opsRole := g.addRole("Sales Operations", directorRole)

	g.addUser(userSpec{id: g.createdBy, first: "Admin", last: "Acme", title: "Salesforce Administrator",
		department: "IT", email: "sfadmin@" + acmeDomain, active: true, city: "Utrecht", country: "Netherlands",
		locale: "en_US", timeZone: "Europe/Amsterdam", created: time.Date(2018, 3, 12, 8, 0, 0, 0, time.UTC),
		lastLogin: time.Date(2026, 6, 29, 7, 41, 3, 0, time.UTC)})

	g.director = g.addPerson(personSpec{"Hendrik", "Visser", "Sales Director EMEA", []string{"en", "nl"}, day(2018, 3, 19), time.Time{}},
		directorRole, "", "Sales", "EMEA", "Utrecht", "Netherlands", "Europe/Amsterdam", "nl_NL")
	g.facts.directorID = g.director.id
	g.facts.managerOf[g.director.id] = ""

	// Sales Operations has no ManagerId either: the role hierarchy makes
	// the director her manager.
	g.ops = g.addPerson(personSpec{"Karin", "de Boer", "Sales Operations Analyst", []string{"en", "nl"}, day(2021, 8, 2), time.Time{}},
		opsRole, "", "Sales Operations", "EMEA", "Utrecht", "Netherlands", "Europe/Amsterdam", "nl_NL")
	g.facts.managerOf[g.ops.id] = g.director.id

	for _, spec := range acmeTeams {
		managerRole := g.addRole("Sales Manager "+spec.name, directorRole)
		repRole := g.addRole("Account Executive "+spec.name, managerRole)
		team := &acmeTeam{name: spec.name, region: spec.region}
		team.manager = g.addPerson(spec.manager, managerRole, g.director.id, "Sales", spec.region, spec.city, spec.country, spec.timeZone, spec.locale)
		team.manager.team = team
		g.facts.managerIDs[spec.style] = team.manager.id
		g.facts.managerOf[team.manager.id] = g.director.id
		for _, rs := range spec.reps {
			managerID := team.manager.id
			if spec.derivedManager {
				managerID = ""
			}
			rep := g.addPerson(rs, repRole, managerID, "Sales", spec.region, spec.city, spec.country, spec.timeZone, spec.locale)
			rep.team = team
			team.reps = append(team.reps, rep)
			g.facts.managerOf[rep.id] = team.manager.id
			if spec.derivedManager {
				g.facts.derivedReps = append(g.facts.derivedReps, rep.id)
			}
			if !rs.left.IsZero() {
				g.facts.inactiveRep = rep.id
			}
		}
		g.teams = append(g.teams, team)
	}

	// Users that are not people: the connector must skip them.
	g.addUser(userSpec{first: "Automated", last: "Process", email: "autoproc@00d5g000004xyzaeai.example",
		userType: "AutomatedProcess", active: true, locale: "en_US", timeZone: "Europe/Amsterdam",
		created: time.Date(2018, 3, 12, 8, 0, 0, 0, time.UTC)})
	g.addUser(userSpec{first: "Nina", last: "Vos", title: "Credit Controller", department: "Finance",
		email: "nina.vos@" + acmeDomain, userType: "CsnOnly", active: true, city: "Utrecht", country: "Netherlands",
		locale: "nl_NL", timeZone: "Europe/Amsterdam", created: time.Date(2023, 5, 8, 12, 30, 0, 0, time.UTC)})
}

func (g *acmeGenerator) addPerson(p personSpec, roleID, managerID, department, region, city, country, timeZone, locale string) *acmePerson {
	person := &acmePerson{id: g.ids.next("005"), first: p.first, last: p.last, langs: p.langs, joined: p.joined, left: p.left}
	created := p.joined.Add(time.Duration(g.rng.between(7, 10))*time.Hour + time.Duration(g.rng.intn(3600))*time.Second)
	lastLogin := time.Date(2026, 6, 30, g.rng.between(6, 16), g.rng.intn(60), g.rng.intn(60), 0, time.UTC)
	var lastModified time.Time
	if !p.left.IsZero() {
		// Deactivated on the day they left: LastModifiedDate is the
		// connector's stand-in for a leaving date.
		lastModified = p.left.Add(17*time.Hour + 22*time.Minute)
		lastLogin = p.left.Add(-24*time.Hour + 15*time.Hour)
	}
	g.addUser(userSpec{id: person.id, first: p.first, last: p.last, title: p.title, department: department,
		email: emailOf(p.first, p.last, acmeDomain), roleID: roleID, managerID: managerID, region: region,
		city: city, country: country, locale: locale, timeZone: timeZone, active: p.left.IsZero(),
		created: created, lastModified: lastModified, lastLogin: lastLogin})
	g.people = append(g.people, person)
	return person
}

var acmeAccountNames = map[string][]string{
	"Benelux": {"Van Dijk Logistiek B.V.", "Brouwerij De Klok", "Hollandse Staalbouw N.V.", "Vlaamse Verpakkingen NV",
		"Rotterdam Port Services", "Groene Energie Coöperatie", "Jansen Bouwmaterialen", "Maas & Rijn Transport",
		"Antwerp Chemicals NV", "Limburg Precisietechniek", "Delta Agri Foods", "Noordzee Offshore B.V.",
		"Gentse Textielfabriek", "Utrecht Medical Devices", "Eindhoven Robotics B.V.", "Zeeland Aquacultuur",
		"Brabant Metaalwerken", "Liège Sidérurgie SA", "Friesland Zuivel Logistics", "Amstel Facility Services"},
	"DACH": {"Müller Maschinenbau GmbH", "Schwarzwald Präzision AG", "Bayerische Antriebstechnik GmbH",
		"Hamburger Hafenlogistik GmbH", "Alpen Holzindustrie AG", "Zürcher Pharma AG", "Wiener Stahlhandel GmbH",
		"Rheinland Kunststoffe GmbH", "Berliner Verkehrstechnik AG", "Sächsische Glaswerke GmbH", "Ostsee Werft GmbH",
		"Stuttgarter Zulieferer GmbH", "Tiroler Seilbahnbau GmbH", "Basler Chemie AG", "Westfalen Energie AG",
		"Dresdner Halbleiter GmbH", "Frankfurter Lagertechnik GmbH", "Kölner Lebensmittel AG",
		"Grazer Fahrzeugtechnik GmbH", "Lüneburger Papierfabrik GmbH", "Nürnberger Spielwaren AG", "Bodensee Optik GmbH"},
	"Southern Europe": {"Grupo Iberlux S.A.", "Aceros del Norte S.L.", "Construcciones Levante S.A.",
		"Vinícola do Douro Lda.", "Sonae Indústria SGPS", "Transportes Atlántico S.L.", "Dupont Industrie SAS",
		"Lyon Mécanique SARL", "Bordeaux Emballages SA", "Marseille Logistique SAS", "Toulouse Aéro Composants",
		"Catalana de Plásticos S.A.", "Lisboa Energia S.A.", "Andaluza de Alimentación S.L.", "Porto Têxtil Lda.",
		"Galicia Pesca S.A.", "Nantes Agroalimentaire SA", "Valencia Cerámica S.A."},
}

var acmeCities = map[string][][2]string{
	"Benelux":         {{"Rotterdam", "Netherlands"}, {"Antwerpen", "Belgium"}, {"Eindhoven", "Netherlands"}, {"Gent", "Belgium"}, {"Utrecht", "Netherlands"}},
	"DACH":            {{"München", "Germany"}, {"Hamburg", "Germany"}, {"Wien", "Austria"}, {"Zürich", "Switzerland"}, {"Stuttgart", "Germany"}},
	"Southern Europe": {{"Madrid", "Spain"}, {"Lyon", "France"}, {"Porto", "Portugal"}, {"Barcelona", "Spain"}, {"Bordeaux", "France"}},
}

var industries = []string{"Manufacturing", "Transportation", "Chemicals", "Energy", "Food & Beverage",
	"Construction", "Healthcare", "Retail", "Utilities", "Electronics"}

// legalSuffixes are dropped from account names in subjects.
var legalSuffixes = []string{"B.V.", "N.V.", "NV", "GmbH", "AG", "S.A.", "S.L.", "SA", "SAS", "SARL", "Lda.", "SGPS"}

func shortName(name string) string {
	words := strings.Fields(name)
	for len(words) > 1 && contains(legalSuffixes, words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (g *acmeGenerator) addAccounts() {
	type draft struct {
		name, region string
		team         *acmeTeam
	}
	var drafts []draft
	for _, team := range g.teams {
		for _, name := range acmeAccountNames[team.region] {
			drafts = append(drafts, draft{name, team.region, team})
		}
	}
	// A long tail: revenue falls as a power of the account's rank, so that
	// a few accounts make most of it.
	ranks := make([]int, len(drafts))
	for i := range ranks {
		ranks[i] = i
	}
	for i := len(ranks) - 1; i > 0; i-- {
		j := g.rng.intn(i + 1)
		ranks[i], ranks[j] = ranks[j], ranks[i]
	}
	ownerTurn := map[string]int{}
	for i, d := range drafts {
		rank := ranks[i]
		revenue := amount(roundTo3(4e9 / math.Pow(float64(rank+1), 1.4) * (0.8 + 0.4*g.rng.float())))
		tier := "Tier 3"
		switch {
		case rank < 8:
			tier = "Tier 1"
		case rank < 25:
			tier = "Tier 2"
		}
		accountType, rating := "Customer", pick(g.rng, []string{"Hot", "Warm", "Warm", "Cold"})
		switch {
		case rank >= 50:
			accountType, revenue, rating = "Prospect", nil, "Cold"
		case rank >= 42:
			accountType = "Prospect"
		case rank%13 == 5:
			accountType = "Partner"
		}
		owner := g.accountOwner(d.team, rank, ownerTurn)
		city := pick(g.rng, acmeCities[d.region])
		a := &acmeAccount{name: d.name, short: shortName(d.name), region: d.region, city: city[0], country: city[1], owner: owner}
		a.id = g.addAccount(accountSpec{
			name: d.name, accountType: accountType, industry: pick(g.rng, industries), rating: rating, tier: tier,
			region: d.region, ownerID: owner.id, street: pick(g.rng, []string{"Industrieweg", "Hauptstraße", "Calle Mayor", "Rue de la Gare", "Avenida da Liberdade"}) + " " + itoa(g.rng.between(1, 240)),
			city: city[0], postalCode: itoa(g.rng.between(1000, 99999)), country: city[1], revenue: revenue,
			employees: employeesFor(revenue), created: time.Date(2017+g.rng.intn(8), time.Month(1+g.rng.intn(12)), 1+g.rng.intn(28), 9+g.rng.intn(8), g.rng.intn(60), g.rng.intn(60), 0, time.UTC),
		})
		g.facts.tiers[a.id] = tier
		owner.accounts = append(owner.accounts, a)
		d.team.accounts = append(d.team.accounts, a)
		g.customers = append(g.customers, a)
	}
	// One account deleted in Salesforce, still in the export's recycle bin.
	g.addAccount(accountSpec{name: "Test Account - do not use", accountType: "Other", region: "Benelux",
		ownerID: g.createdBy, city: "Utrecht", country: "Netherlands",
		created: time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC), deleted: true})
}

// accountOwner spreads a team's accounts over its reps. The player-coach
// keeps big accounts for himself; a rep who left has handed his over.
func (g *acmeGenerator) accountOwner(team *acmeTeam, rank int, turn map[string]int) *acmePerson {
	if team.region == "DACH" && rank < 25 && len(team.manager.accounts) < 5 {
		return team.manager
	}
	end := periodEnd.Add(-time.Hour)
	reps := team.repsOn(end)
	owner := reps[turn[team.name]%len(reps)]
	turn[team.name]++
	return owner
}

func roundTo3(v float64) float64 {
	if v <= 0 {
		return 0
	}
	scale := math.Pow(10, math.Floor(math.Log10(v))-2)
	return math.Round(v/scale) * scale
}

func employeesFor(revenue *float64) int {
	if revenue == nil {
		return 0
	}
	return int(roundTo3(*revenue / 250000))
}

var contactNames = map[string]struct{ first, last []string }{
	"Benelux": {[]string{"Jeroen", "Marieke", "Koen", "Anouk", "Wouter", "Femke", "Ruben", "Inge", "Joris", "Sofie", "Thijs", "Eline"},
		[]string{"Janssens", "de Jong", "Vermeulen", "van den Berg", "Willems", "Hendriks", "Maes", "Dekker", "Verhoeven", "Peters", "Bos", "Wouters"}},
	"DACH": {[]string{"Stefan", "Claudia", "Andreas", "Katrin", "Michael", "Julia", "Thomas", "Sabine", "Matthias", "Anja", "Florian", "Birgit"},
		[]string{"Becker", "Fischer", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Zimmermann", "Braun", "Krüger"}},
	"Southern Europe": {[]string{"Carlos", "María", "Pedro", "Ana", "João", "Sofia", "Pierre", "Isabelle", "Miguel", "Carmen", "Luc", "Beatriz"},
		[]string{"García", "Martínez", "Silva", "Santos", "Moreau", "Laurent", "López", "Sánchez", "Ferreira", "Girard", "Rodrigues", "Bernard"}},
}

var contactTitles = []string{"Purchasing Manager", "Head of Procurement", "Plant Manager", "Operations Director",
	"Maintenance Lead", "CFO", "Supply Chain Manager", "Facility Manager"}

func (g *acmeGenerator) addContactsAndLeads() {
	for _, a := range g.customers {
		names := contactNames[a.region]
		for range g.rng.between(2, 3) {
			first, last := pick(g.rng, names.first), pick(g.rng, names.last)
			a.contacts = append(a.contacts, g.addContact(contactSpec{
				accountID: a.id, first: first, last: last, title: pick(g.rng, contactTitles),
				email: emailOf(first, last, domainOf(a.name)), ownerID: a.owner.id, city: a.city, country: a.country,
				created: time.Date(2023+g.rng.intn(3), time.Month(1+g.rng.intn(12)), 1+g.rng.intn(28), 8+g.rng.intn(9), g.rng.intn(60), g.rng.intn(60), 0, time.UTC),
			}))
		}
	}
	companies := map[string][]string{
		"Benelux":         {"Hanze Installatietechniek", "Kempen Koeltechniek", "Veluwe Houtbouw", "Schelde Marine Supply"},
		"DACH":            {"Allgäu Kältetechnik GmbH", "Harz Metallbau GmbH", "Eifel Solar AG", "Salzburg Bau GmbH"},
		"Southern Europe": {"Navarra Eólica S.L.", "Algarve Hotelaria Lda.", "Provence Bâtiment SARL", "Murcia Agro S.L."},
	}
	for _, team := range g.teams {
		names := contactNames[team.region]
		for i, company := range companies[team.region] {
			first, last := pick(g.rng, names.first), pick(g.rng, names.last)
			owner := team.reps[i%len(team.reps)]
			g.leadsByRegion[team.region] = append(g.leadsByRegion[team.region], g.addLead(leadSpec{
				first: first, last: last, company: company, title: pick(g.rng, contactTitles),
				email: emailOf(first, last, domainOf(company)), country: acmeCities[team.region][0][1], ownerID: owner.id,
				created: time.Date(2025, time.Month(9+g.rng.intn(4)), 1+g.rng.intn(28), 10, 0, 0, 0, time.UTC),
			}))
		}
	}
}

var products = []string{"Pallet racking", "Safety equipment", "MRO supplies contract", "Conveyor spare parts",
	"Hydraulic tools", "Packaging consumables", "Welding supplies", "Maintenance framework agreement"}

var openStages = []string{"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"}

func (g *acmeGenerator) addOpportunities() {
	var managerDeals int
	for _, a := range g.customers {
		for range g.rng.between(1, 3) {
			stage, closeDate := g.dealOutcome()
			owner := a.owner
			// The player-coach books big won deals on his reps' accounts:
			// the credit-claiming pattern.
			if a.region == "DACH" && owner != owner.team.manager && stage == "Closed Won" && managerDeals < 3 {
				owner = owner.team.manager
				managerDeals++
			}
			base := 20000.0
			if rev := g.accountRevenue(a); rev > 0 {
				base = rev * (0.0005 + 0.002*g.rng.float())
			}
			amt := amount(math.Max(5000, math.Round(base/500)*500))
			if g.rng.chance(0.03) {
				amt = nil // amounts are not always filled in
			}
			created := closeDate.AddDate(0, -g.rng.between(2, 8), -g.rng.intn(28)).Add(time.Duration(g.rng.between(8, 17)) * time.Hour)
			product := pick(g.rng, products)
			var description string
			if g.rng.chance(0.2) {
				description = "Scope: " + strings.ToLower(product) + "\nCompetitor: " + pick(g.rng, []string{"Würth", "RS Components", "Grainger", "local distributor"}) + "\nDecision maker: \"procurement board\""
			}
			id := g.addOpportunity(opportunitySpec{
				accountID: a.id, ownerID: owner.id, name: a.short + " - " + product + " 2026", stage: stage,
				oppType: pick(g.rng, []string{"New Business", "Existing Business", "Existing Business"}), region: a.region,
				description: description, amount: amt, closeDate: closeDate, created: created,
			})
			a.opportunities = append(a.opportunities, id)
			g.addHistory(id, owner.id, stage, amt, closeDate, created)
		}
	}
	// One opportunity deleted in Salesforce.
	a := g.customers[3]
	g.addOpportunity(opportunitySpec{accountID: a.id, ownerID: a.owner.id, name: a.short + " - duplicate", stage: "Prospecting",
		oppType: "New Business", region: a.region, amount: amount(10000), closeDate: sfDate{day(2026, 9, 30)},
		created: time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC), deleted: true})
}

func (g *acmeGenerator) accountRevenue(a *acmeAccount) float64 {
	for _, r := range g.exportBuilder.accounts.rows {
		if r.values["Id"] == a.id {
			if rev, ok := r.values["AnnualRevenue"].(*float64); ok && rev != nil {
				return *rev
			}
		}
	}
	return 0
}

// dealOutcome draws a stage and a close date: deals closed in the period,
// won or lost, and open deals closing after it.
func (g *acmeGenerator) dealOutcome() (string, sfDate) {
	switch x := g.rng.float(); {
	case x < 0.32:
		return "Closed Won", sfDate{periodStart.AddDate(0, 0, g.rng.intn(180))}
	case x < 0.5:
		return "Closed Lost", sfDate{periodStart.AddDate(0, 0, g.rng.intn(180))}
	}
	return pick(g.rng, openStages), sfDate{periodEnd.AddDate(0, 0, g.rng.intn(120))}
}

// addHistory writes the stage changes of a deal; some had their close date
// pushed.
func (g *acmeGenerator) addHistory(oppID, ownerID, finalStage string, amt *float64, closeDate sfDate, created time.Time) {
	stages := []string{"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"}
	last := len(stages)
	for i, s := range stages {
		if s == finalStage {
			last = i
		}
	}
	steps := append([]string{}, stages[:min(last, 2)]...)
	steps = append(steps, finalStage)
	span := closeDate.Sub(created)
	prev := sfDate{}
	for i, stage := range steps {
		at := created.Add(span * time.Duration(i) / time.Duration(len(steps)))
		cd := closeDate
		if i < len(steps)-1 && g.rng.chance(0.25) {
			cd = sfDate{closeDate.AddDate(0, -1, 0)}
		}
		g.addOpportunityHistory(historySpec{opportunityID: oppID, createdByID: ownerID, stage: stage, amount: amt,
			closeDate: cd, prevCloseDate: prev, created: at})
		prev = cd
	}
}

// The activities, week by week.

// subjects are realistic activity subjects by category and language;
// {rep}, {acct}, {contact} and {team} are filled in.
var subjects = map[string]map[string][]string{
	"customer": {
		"en": {"Customer meeting {acct}", "Product demo at {acct}", "Account review {acct}", "QBR with {acct}", "Negotiation {acct}"},
		"nl": {"Klantbezoek {acct}", "Demo bij {acct}", "Jaargesprek {acct}", "Offertebespreking {acct}"},
		"de": {"Kundentermin {acct}", "Präsentation bei {acct}", "Jahresgespräch {acct}", "Verhandlung {acct}"},
		"fr": {"Rendez-vous client {acct}", "Revue de compte {acct}", "Présentation offre {acct}", "Négociation {acct}"},
		"es": {"Visita cliente {acct}", "Presentación a {acct}", "Revisión de cuenta {acct}", "Negociación {acct}"},
		"pt": {"Visita ao cliente {acct}", "Apresentação {acct}", "Revisão de conta {acct}"},
	},
	"oneonone": {
		"en": {"1:1 {rep}", "One-on-one with {rep}", "Call review with {rep}", "Coaching session {rep}"},
		"nl": {"1-op-1 {rep}", "Wekelijkse 1-op-1 met {rep}", "Coachinggesprek {rep}"},
		"de": {"1:1 mit {rep}", "Coaching-Gespräch {rep}", "Feedbackgespräch {rep}"},
		"fr": {"Entretien individuel {rep}", "Point 1:1 {rep}", "Coaching {rep}"},
		"es": {"Reunión 1:1 con {rep}", "Sesión de coaching {rep}"},
		"pt": {"Reunião 1:1 com {rep}"},
	},
	"pipeline": {
		"en": {"Pipeline review {rep}", "Forecast call {rep}", "Deal review: {acct}"},
		"nl": {"Pipelinebespreking {rep}", "Forecast {rep}"},
		"de": {"Pipeline-Review mit {rep}", "Forecast-Call {rep}", "Deal-Review {acct}"},
		"fr": {"Revue du pipeline {rep}", "Point forecast {rep}"},
		"es": {"Reunión de pipeline {rep}", "Revisión de forecast {rep}"},
		"pt": {"Revisão de pipeline {rep}"},
	},
	"team": {
		"en": {"Weekly team meeting {team}"}, "nl": {"Teamoverleg {team}"}, "de": {"Team-Meeting {team}"},
		"fr": {"Réunion d'équipe {team}"}, "es": {"Reunión de equipo {team}"}, "pt": {"Reunião de equipa {team}"},
	},
	"recruiting": {
		"en": {"Interview candidate AE {team}", "Onboarding new Account Executive"}, "nl": {"Sollicitatiegesprek AE {team}"},
		"de": {"Vorstellungsgespräch Account Executive", "Onboarding neue Kollegin"}, "fr": {"Entretien candidat commercial"},
		"es": {"Entrevista candidato {team}"}, "pt": {"Entrevista candidato"},
	},
	"planning": {
		"en": {"QBR prep", "Territory planning", "Account planning Tier 1", "Forecast submission"},
		"nl": {"Accountplanning Q2", "Territoriumplanning"}, "de": {"Jahresplanung Gebiet", "Forecast-Abgabe"},
		"fr": {"Planification territoire", "Préparation QBR"}, "es": {"Planificación de territorio", "Preparación QBR"},
		"pt": {"Planeamento de território"},
	},
	"hq": {
		"en": {"Sales leadership meeting", "EMEA leadership sync", "Strategy update from HQ"},
		"nl": {"Directieoverleg sales"}, "de": {"Führungskreis Vertrieb"}, "fr": {"Comité de direction commerciale"},
		"es": {"Reunión con dirección comercial"}, "pt": {"Reunião de direção comercial"},
	},
	"admin": {
		"en": {"Expense report", "CRM clean-up", "Salesforce data hygiene", "Travel booking", "Approve discount requests"},
		"nl": {"Declaraties indienen", "Reisplanning"}, "de": {"Spesenabrechnung", "Reisekostenabrechnung"},
		"fr": {"Note de frais", "Réservation déplacement"}, "es": {"Informe de gastos", "Reserva de viaje", "Limpieza de datos CRM"},
		"pt": {"Relatório de despesas"},
	},
	"internal": {
		"en": {"Marketing alignment", "Product update webinar", "Ops sync", "All hands"},
		"nl": {"Overleg met marketing"}, "de": {"Abstimmung mit Einkauf", "IT-Schulung neues CPQ"},
		"fr": {"Réunion logistique"}, "es": {"Reunión con finanzas", "Reunión de operaciones"}, "pt": {"Reunião com logística"},
	},
	"call": {
		"en": {"Call: follow-up quote {acct}", "Call {contact} re renewal"}, "nl": {"Nabellen offerte {acct}", "Bellen met {contact}"},
		"de": {"Rückruf {contact}", "Telefonat wegen Angebot {acct}"}, "fr": {"Appel de suivi {acct}", "Appeler {contact}"},
		"es": {"Llamada de seguimiento {acct}", "Llamar a {contact}"}, "pt": {"Chamada de acompanhamento {acct}"},
	},
	"email": {
		"en": {"Email: Proposal {acct}", "Email: Re: pricing 2026"}, "nl": {"Email: Offerte onderhoudscontract {acct}"},
		"de": {"Email: Re: Angebot 2026 {acct}"}, "fr": {"Email: Devis révisé {acct}"},
		"es": {"Email: Presupuesto actualizado {acct}"}, "pt": {"Email: Proposta {acct}"},
	},
	"todo": {
		"en": {"Send proposal {acct}", "Update opportunity {acct}"}, "nl": {"Offerte opstellen {acct}"},
		"de": {"Angebot erstellen {acct}"}, "fr": {"Préparer devis {acct}"}, "es": {"Preparar propuesta {acct}"},
		"pt": {"Preparar proposta {acct}"},
	},
	"important": {
		"en": {"Submit forecast", "Prepare QBR deck", "Territory plan H2", "Send leadership update"},
		"nl": {"Forecast indienen"}, "de": {"Forecast abgeben", "QBR-Unterlagen vorbereiten"},
		"fr": {"Envoyer le forecast"}, "es": {"Enviar forecast", "Preparar presentación QBR"}, "pt": {"Enviar forecast"},
	},
}

var descriptions = []string{
	"Discussed pricing for 2026.\nNext step: send revised quote.",
	"Besproken:\n- prijsverhoging 2026\n- levertijden\nVolgende stap: offerte sturen",
	"Kunde fragt nach Rahmenvertrag.\nWettbewerber: \"Würth\"\nNächster Schritt: Angebot bis Freitag",
	"Le client attend une remise de 5 %.\nRelancer après validation interne.",
	"Cliente pide visita técnica.\nPendiente: confirmar fecha con almacén.",
	"Agenda:\n1. Pipeline\n2. Forecast Q2\n3. Hiring",
}

func (g *acmeGenerator) subject(category string, langs []string, fill map[string]string) string {
	byLang := subjects[category]
	lang := pick(g.rng, langs)
	options, ok := byLang[lang]
	if !ok {
		options = byLang["en"]
	}
	s := pick(g.rng, options)
	for k, v := range fill {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

func (g *acmeGenerator) description(p float64) string {
	if g.rng.chance(p) {
		return pick(g.rng, descriptions)
	}
	return ""
}

// workday is a random working day of the week starting on monday that
// falls in the period and on which p works, or false.
func (g *acmeGenerator) workday(monday time.Time, p *acmePerson) (time.Time, bool) {
	var days []time.Time
	for i := range 5 {
		d := monday.AddDate(0, 0, i)
		if !d.Before(periodStart) && d.Before(periodEnd) && !isHoliday(d) && p.activeOn(d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return time.Time{}, false
	}
	return pick(g.rng, days), true
}

func isHoliday(d time.Time) bool {
	return d.Equal(day(2026, 1, 1)) || d.Equal(day(2026, 4, 6)) || d.Equal(day(2026, 5, 1))
}

// at is a time of day on d, on the hour or half hour (UTC; the offices are
// one or two hours ahead).
func (g *acmeGenerator) at(d time.Time, fromHour, toHour int) time.Time {
	return d.Add(time.Duration(g.rng.between(fromHour, toHour))*time.Hour + time.Duration(30*g.rng.intn(2))*time.Minute)
}

func (g *acmeGenerator) addActivities() {
	firstMonday := day(2025, 12, 29)
	for week := 0; firstMonday.AddDate(0, 0, 7*week).Before(periodEnd); week++ {
		monday := firstMonday.AddDate(0, 0, 7*week)
		g.directorWeek(monday, week)
		for _, team := range g.teams {
			switch team.manager.first {
			case "Sanne":
				g.coachWeek(team, monday, week)
			case "Markus":
				g.playerCoachWeek(team, monday, week)
			default:
				g.adminWeek(team, monday, week)
			}
			for _, rep := range team.reps {
				g.repWeek(rep, monday)
			}
		}
		g.opsWeek(monday)
	}
}

func (g *acmeGenerator) directorWeek(monday time.Time, week int) {
	d := g.director
	managers := make([]invitee, 0, len(g.teams))
	for _, t := range g.teams {
		managers = append(managers, invitee{t.manager.id, g.response()})
	}
	if day, ok := g.workday(monday, d); ok {
		g.addEvent(eventSpec{ownerID: d.id, subject: g.subject("hq", []string{"en"}, nil), start: g.at(day, 7, 8),
			minutes: pick(g.rng, []int{60, 90}), location: "Microsoft Teams", eventType: "Meeting", invitees: managers,
			group: true, meetingType: "Internal"})
	}
	if week%4 == 2 {
		if day, ok := g.workday(monday, d); ok {
			g.addEvent(eventSpec{ownerID: d.id, subject: "EMEA forecast review", start: g.at(day, 12, 14), minutes: 120,
				location: "Utrecht HQ", eventType: "Meeting", invitees: managers, group: true, meetingType: "Internal"})
		}
	}
	if monday.Equal(day(2026, 1, 12)) {
		// The sales kickoff: an all-day event with everyone invited.
		var everyone []invitee
		for _, p := range g.people {
			if p != d && p.activeOn(day(2026, 1, 14)) {
				everyone = append(everyone, invitee{p.id, "Accepted"})
			}
		}
		g.addEvent(eventSpec{ownerID: d.id, subject: "Sales kickoff 2026", start: day(2026, 1, 14), minutes: 1440,
			allDay: true, location: "Amsterdam", eventType: "Meeting", invitees: everyone, group: true, meetingType: "Internal"})
	}
	for range g.rng.times(0.15) {
		g.customerMeeting(d, pick(g.rng, g.customers), monday, nil)
	}
	for range g.rng.times(0.5) {
		g.importantTask(d, monday, 0.1)
	}
}

// coachWeek: 1:1s every other week, a joint visit a week, a weekly team
// meeting, pipeline reviews and planning, little admin.
func (g *acmeGenerator) coachWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	for i, rep := range reps {
		if i%2 == week%2 {
			g.oneOnOne(m, rep, monday)
		}
	}
	for range g.rng.times(1.0) {
		g.jointVisit(m, pick(g.rng, reps), monday)
	}
	g.teamMeeting(team, monday)
	for range g.rng.times(0.5) {
		g.pipelineReview(m, pick(g.rng, reps), monday)
	}
	for range g.rng.times(0.5) {
		g.internalEvent(m, "planning", monday, 60)
	}
	for range g.rng.times(0.3) {
		g.customerMeeting(m, pick(g.rng, team.accounts), monday, nil)
	}
	for range g.rng.times(0.3) {
		g.internalEvent(m, pick(g.rng, []string{"admin", "internal"}), monday, 30)
	}
	for range g.rng.times(0.6) {
		g.importantTask(m, monday, 0.1)
	}
	for range g.rng.times(0.4) {
		g.emailTask(m, pick(g.rng, team.accounts), monday)
	}
}

// playerCoachWeek: customer meetings alone on his own and his reps'
// accounts, calls, pipeline reviews; 1:1s about monthly.
func (g *acmeGenerator) playerCoachWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	for range g.rng.times(2.2) {
		accounts := m.accounts
		if g.rng.chance(0.3) {
			accounts = team.accounts
		}
		g.customerMeeting(m, pick(g.rng, accounts), monday, nil)
	}
	for range g.rng.times(0.3) {
		g.jointVisit(m, pick(g.rng, reps), monday)
	}
	for _, rep := range reps {
		if g.rng.chance(0.25) {
			g.oneOnOne(m, rep, monday)
		}
	}
	if week%2 == 0 {
		g.teamMeeting(team, monday)
	}
	for range g.rng.times(1.0) {
		g.pipelineReview(m, pick(g.rng, reps), monday)
	}
	// Replacing Felix, who left in March.
	if monday.After(day(2026, 2, 1)) && monday.Before(day(2026, 3, 16)) && g.rng.chance(0.6) {
		g.internalEvent(m, "recruiting", monday, 60)
	}
	for range g.rng.times(1.5) {
		g.callTask(m, pick(g.rng, m.accounts), monday)
	}
	for range g.rng.times(1.0) {
		g.emailTask(m, pick(g.rng, m.accounts), monday)
	}
	for range g.rng.times(0.3) {
		g.importantTask(m, monday, 0.4)
	}
}

// adminWeek: internal meetings, admin blocks, weekly team meetings,
// headquarters; rare 1:1s; important tasks late.
func (g *acmeGenerator) adminWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	for range g.rng.times(1.5) {
		g.internalEvent(m, "internal", monday, pick(g.rng, []int{30, 60, 60, 90}))
	}
	for range g.rng.times(1.0) {
		g.internalEvent(m, "admin", monday, pick(g.rng, []int{30, 60}))
	}
	g.teamMeeting(team, monday)
	for range g.rng.times(0.25) {
		g.oneOnOne(m, pick(g.rng, reps), monday)
	}
	for range g.rng.times(0.3) {
		g.pipelineReview(m, pick(g.rng, reps), monday)
	}
	for range g.rng.times(0.6) {
		g.internalEvent(m, "hq", monday, 60)
	}
	for range g.rng.times(0.3) {
		g.customerMeeting(m, pick(g.rng, team.accounts), monday, nil)
	}
	for range g.rng.times(0.1) {
		g.internalEvent(m, "recruiting", monday, 45)
	}
	for range g.rng.times(2.0) {
		g.adminTask(m, monday)
	}
	for range g.rng.times(0.5) {
		g.importantTask(m, monday, 0.85)
	}
}

func (g *acmeGenerator) repWeek(rep *acmePerson, monday time.Time) {
	if len(rep.accounts) == 0 && rep.left.IsZero() {
		return
	}
	accounts := rep.accounts
	if len(accounts) == 0 {
		accounts = rep.team.accounts
	}
	for range g.rng.times(0.3) {
		g.customerMeeting(rep, pick(g.rng, accounts), monday, nil)
	}
	for range g.rng.times(0.8) {
		g.callTask(rep, pick(g.rng, accounts), monday)
	}
	for range g.rng.times(0.5) {
		g.emailTask(rep, pick(g.rng, accounts), monday)
	}
	for range g.rng.times(0.3) {
		g.todoTask(rep, pick(g.rng, accounts), monday)
	}
}

func (g *acmeGenerator) opsWeek(monday time.Time) {
	for range g.rng.times(0.3) {
		g.adminTask(g.ops, monday)
	}
}

func (g *acmeGenerator) response() string {
	return pick(g.rng, []string{"Accepted", "Accepted", "Accepted", "New", "Declined"})
}

func (g *acmeGenerator) oneOnOne(m, rep *acmePerson, monday time.Time) {
	d, ok := g.workday(monday, rep)
	if !ok {
		return
	}
	g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("oneonone", m.langs, map[string]string{"rep": rep.first}),
		start: g.at(d, 7, 15), minutes: pick(g.rng, []int{30, 30, 45, 60}), location: "Microsoft Teams",
		eventType: "Meeting", invitees: []invitee{{rep.id, "Accepted"}}, description: g.description(0.1), meetingType: "1:1"})
}

func (g *acmeGenerator) pipelineReview(m, rep *acmePerson, monday time.Time) {
	d, ok := g.workday(monday, rep)
	if !ok || len(rep.accounts) == 0 {
		return
	}
	a := pick(g.rng, rep.accounts)
	g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("pipeline", m.langs, map[string]string{"rep": rep.first, "acct": a.short}),
		start: g.at(d, 7, 15), minutes: pick(g.rng, []int{30, 45, 60}), location: "Microsoft Teams", eventType: "Meeting",
		invitees: []invitee{{rep.id, "Accepted"}}, meetingType: "Internal"})
}

func (g *acmeGenerator) teamMeeting(team *acmeTeam, monday time.Time) {
	m := team.manager
	d, ok := g.workday(monday, m)
	if !ok {
		return
	}
	var invitees []invitee
	for _, r := range team.repsOn(d) {
		invitees = append(invitees, invitee{r.id, g.response()})
	}
	rows := g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("team", m.langs, map[string]string{"team": team.name}),
		start: g.at(d, 7, 8), minutes: 60, location: "Microsoft Teams", eventType: "Meeting", invitees: invitees,
		group: true, description: g.description(0.15), meetingType: "Team"})
	team.teamMeetings = append(team.teamMeetings, rows)
}

func (g *acmeGenerator) internalEvent(p *acmePerson, category string, monday time.Time, minutes int) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	var invitees []invitee
	if category == "internal" || category == "hq" {
		invitees = append(invitees, invitee{g.ops.id, g.response()})
	}
	fill := map[string]string{}
	if p.team != nil {
		fill["team"] = p.team.name
	}
	g.addEvent(eventSpec{ownerID: p.id, subject: g.subject(category, p.langs, fill), start: g.at(d, 7, 15),
		minutes: minutes, location: pick(g.rng, []string{"Microsoft Teams", "Office", ""}), eventType: pick(g.rng, []string{"Meeting", "Other", ""}),
		invitees: invitees, private: category == "admin" && g.rng.chance(0.3), description: g.description(0.05), meetingType: "Internal"})
}

func (g *acmeGenerator) customerMeeting(p *acmePerson, a *acmeAccount, monday time.Time, with *acmePerson) {
	d, ok := g.workday(monday, p)
	if !ok || (with != nil && !with.activeOn(d)) {
		return
	}
	contact := pick(g.rng, a.contacts)
	what := a.id
	if len(a.opportunities) > 0 && g.rng.chance(0.4) {
		what = pick(g.rng, a.opportunities)
	}
	var invitees []invitee
	if with != nil {
		invitees = append(invitees, invitee{with.id, "Accepted"})
	}
	if len(a.contacts) > 1 && g.rng.chance(0.3) {
		for _, c := range a.contacts {
			if c != contact {
				invitees = append(invitees, invitee{c, "New"})
				break
			}
		}
	}
	meetingType := "Customer"
	if with != nil {
		meetingType = "Joint visit"
	}
	g.addEvent(eventSpec{ownerID: p.id, subject: g.subject("customer", p.langs, map[string]string{"acct": a.short}),
		start: g.at(d, 7, 14), minutes: pick(g.rng, []int{60, 60, 90, 120}), location: a.city, eventType: "Meeting",
		whoID: contact, whatID: what, accountID: a.id, invitees: invitees, description: g.description(0.25),
		meetingType: meetingType})
}

// jointVisit is a customer meeting of a manager and a rep together, in the
// rep's calendar or the manager's.
func (g *acmeGenerator) jointVisit(m, rep *acmePerson, monday time.Time) {
	if len(rep.accounts) == 0 {
		return
	}
	a := pick(g.rng, rep.accounts)
	if g.rng.chance(0.6) {
		g.customerMeeting(rep, a, monday, m)
	} else {
		g.customerMeeting(m, a, monday, rep)
	}
}

func (g *acmeGenerator) callTask(p *acmePerson, a *acmeAccount, monday time.Time) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	at := g.at(d, 7, 15).Add(time.Duration(g.rng.intn(1800)) * time.Second)
	who, what, account := pick(g.rng, a.contacts), a.id, a.id
	if leads := g.leadsByRegion[a.region]; g.rng.chance(0.1) && len(leads) > 0 {
		who, what, account = pick(g.rng, leads), "", ""
	} else if len(a.opportunities) > 0 && g.rng.chance(0.3) {
		what = pick(g.rng, a.opportunities)
	}
	contactName := g.nameOf(who)
	subtype, taskType := "Call", "Call"
	if g.rng.chance(0.1) {
		subtype = "Cadence" // a Sales Engagement step: Type says it is a call
	}
	seconds := g.rng.between(45, 1500)
	outcome := pick(g.rng, []string{"Connected", "Connected", "Left voicemail", "No answer"})
	if outcome != "Connected" {
		seconds = g.rng.between(15, 60)
	}
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("call", p.langs, map[string]string{"acct": a.short, "contact": contactName}),
		status: "Completed", priority: "Normal", taskType: taskType, subtype: subtype, whoID: who, whatID: what,
		accountID: account, due: sfDate{d}, completed: at.Add(time.Duration(seconds) * time.Second), created: at,
		callSeconds: seconds, callType: pick(g.rng, []string{"Outbound", "Outbound", "Inbound"}), disposition: outcome,
		callOutcome: outcome, description: g.description(0.1)})
}

func (g *acmeGenerator) nameOf(id string) string {
	for _, t := range []*sfTable{g.contacts, g.leads} {
		for _, r := range t.rows {
			if r.values["Id"] == id {
				return r.values["FirstName"].(string)
			}
		}
	}
	return ""
}

func (g *acmeGenerator) emailTask(p *acmePerson, a *acmeAccount, monday time.Time) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	at := g.at(d, 7, 16).Add(time.Duration(g.rng.intn(1800)) * time.Second)
	subtype, taskType, createdBy := "Email", "Email", p.id
	switch x := g.rng.float(); {
	case x < 0.1:
		subtype = "ListEmail"
	case x < 0.25:
		// Logged by an integration as a plain task: only the subject
		// says it is an e-mail.
		subtype, taskType, createdBy = "Task", "", g.automatedProcessID()
	}
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("email", p.langs, map[string]string{"acct": a.short}),
		status: "Completed", priority: "Normal", taskType: taskType, subtype: subtype, whoID: pick(g.rng, a.contacts),
		whatID: a.id, accountID: a.id, due: sfDate{d}, completed: at, created: at, createdByID: createdBy})
}

// automatedProcessID is the ID of the user that integrations log as.
func (g *acmeGenerator) automatedProcessID() string {
	for _, r := range g.users.rows {
		if r.values["UserType"] == "AutomatedProcess" {
			return r.values["Id"].(string)
		}
	}
	return g.createdBy
}

func (g *acmeGenerator) todoTask(p *acmePerson, a *acmeAccount, monday time.Time) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	priority := "Normal"
	if g.rng.chance(0.2) {
		priority = "High"
	}
	created := g.at(d.AddDate(0, 0, -g.rng.between(1, 7)), 7, 16)
	status, completed := g.taskOutcome(d, 0.15, 0.1)
	taskType := pick(g.rng, []string{"Other", "", "Meeting"})
	subject := g.subject("todo", p.langs, map[string]string{"acct": a.short})
	if taskType == "Meeting" {
		subject = "Meeting notes " + a.short
	}
	what := a.id
	if len(a.opportunities) > 0 && g.rng.chance(0.5) {
		what = pick(g.rng, a.opportunities)
	}
	g.addTask(taskSpec{ownerID: p.id, subject: subject, status: status, priority: priority, taskType: taskType,
		subtype: "Task", whatID: what, accountID: a.id, due: sfDate{d}, completed: completed, created: created,
		description: g.description(0.2)})
}

func (g *acmeGenerator) adminTask(p *acmePerson, monday time.Time) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	status, completed := g.taskOutcome(d, 0.2, 0.05)
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("admin", p.langs, nil), status: status, priority: "Normal",
		taskType: "Other", subtype: "Task", due: sfDate{d}, completed: completed,
		created: g.at(d.AddDate(0, 0, -g.rng.between(0, 5)), 7, 16)})
}

// importantTask is a high-priority planning or headquarters task; late is
// the chance that it is done late or left overdue.
func (g *acmeGenerator) importantTask(p *acmePerson, monday time.Time, late float64) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	status, completed := g.taskOutcome(d, late*0.75, late*0.25)
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("important", p.langs, nil), status: status, priority: "High",
		taskType: "Other", subtype: "Task", due: sfDate{d}, completed: completed,
		created: g.at(d.AddDate(0, 0, -g.rng.between(3, 14)), 7, 16), description: g.description(0.1)})
}

// taskOutcome decides whether a task due on due was done on time, done late
// or is still open.
func (g *acmeGenerator) taskOutcome(due time.Time, lateShare, openShare float64) (string, time.Time) {
	switch x := g.rng.float(); {
	case x < openShare:
		return pick(g.rng, []string{"Not Started", "In Progress", "Waiting on someone else"}), time.Time{}
	case x < openShare+lateShare:
		done := g.at(due.AddDate(0, 0, g.rng.between(2, 15)), 7, 17)
		if !done.Before(acmeExport) {
			return "In Progress", time.Time{}
		}
		return "Completed", done
	}
	return "Completed", g.at(due.AddDate(0, 0, -g.rng.intn(2)), 7, 16)
}

// plantSkips marks the rows the connector must skip: a few deleted tasks
// and events, and child copies of group events.
func (g *acmeGenerator) plantSkips() {
	for _, i := range g.distinct(len(g.tasks.rows), 3) {
		g.tasks.rows[i].values["IsDeleted"] = true
		g.tasks.rows[i].skip = skipDeleted
	}
	var candidates []*eventRows
	for _, er := range g.eventList {
		if !er.spec.group && !er.spec.allDay {
			candidates = append(candidates, er)
		}
	}
	picked := g.distinct(len(candidates), 2)
	candidates[picked[0]].markDeleted(true)
	candidates[picked[1]].markDeleted(false)

	// Salesforce copies a group event into each invitee's calendar as a
	// child event; the export holds the copies.
	for _, team := range g.teams[:2] {
		parent := team.teamMeetings[3].spec
		copies := 2
		if team.manager.first == "Markus" {
			copies = 1
		}
		for _, inv := range parent.invitees[:copies] {
			child := parent
			child.ownerID, child.invitees, child.group, child.child = inv.id, nil, false, true
			g.addEvent(child)
		}
	}
}

// distinct picks n different indexes below size, in order.
func (g *acmeGenerator) distinct(size, n int) []int {
	seen := map[int]bool{}
	var out []int
	for len(out) < n {
		i := g.rng.intn(size)
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}
