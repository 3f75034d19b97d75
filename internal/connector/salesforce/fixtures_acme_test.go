package salesforce

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// Acme Industrial Supplies: an EMEA sales organisation of one director,
// four first-line managers and twenty-one account executives (two of whom
// left), over the first half of 2026. The managers differ on purpose, so
// that an audit has something to find: audited with the default
// configuration, each of the audit's rules fires for some of them and
// stays quiet for others. Each logs about 20 hours a week.
//
//   - Sanne de Vries (Benelux) coaches: a 1:1 with every rep every other
//     week, two field days a week with her reps (mostly on their key
//     accounts, which the reps also work hard on their own), team meetings,
//     a monthly training, planning. Her two recent hires do well.
//   - Markus Weber (DACH) is a player-coach: he owns three of the team's
//     four key accounts, meets customers alone (also on Lena's key
//     account, where he books the big deal she worked, and books one of
//     Jan's), reviews pipeline and forecasts but hardly coaches.
//   - Lucía Fernández (Southern Europe) drowns in admin and internal
//     meetings, completes her important tasks late, and her team has let
//     one key account go quiet. Her reps have no ManagerId: their manager
//     comes from the role hierarchy.
//   - James Whitaker (UK & Ireland, acquired in 2024, reports to a UK
//     managing director who does not use Salesforce, so he is not in the
//     EMEA director's leadership meetings) spends his coaching on his
//     weakest rep, hired in a hurry (one hire left within a year, one is
//     the team's weakest) and goes three months without planning.

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
	// winRate is the chance that a deal of theirs that closed was won.
	winRate float64
}

func (p *acmePerson) activeOn(day time.Time) bool {
	return !day.Before(p.joined) && (p.left.IsZero() || day.Before(p.left))
}

// keyAccounts and otherAccounts split the accounts a person owns.
func (p *acmePerson) keyAccounts() []*acmeAccount   { return filterAccounts(p.accounts, true) }
func (p *acmePerson) otherAccounts() []*acmeAccount { return filterAccounts(p.accounts, false) }

func filterAccounts(accounts []*acmeAccount, key bool) []*acmeAccount {
	var out []*acmeAccount
	for _, a := range accounts {
		if a.key == key {
			out = append(out, a)
		}
	}
	return out
}

type acmeTeam struct {
	name, region string
	manager      *acmePerson
	reps         []*acmePerson
	accounts     []*acmeAccount
	// keyRate is how many meetings a week a rep holds on each key account
	// they own.
	keyRate float64
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

func (t *acmeTeam) rep(first string) *acmePerson {
	for _, r := range t.reps {
		if r.first == first {
			return r
		}
	}
	panic("fixture bug: no rep " + first + " in " + t.name)
}

// keyAccountsOfReps are the team's key accounts its reps own.
func (t *acmeTeam) keyAccountsOfReps() []*acmeAccount {
	var out []*acmeAccount
	for _, a := range t.accounts {
		if a.key && a.owner != t.manager {
			out = append(out, a)
		}
	}
	return out
}

type acmeAccount struct {
	id, name, short, region, city, country string
	owner                                  *acmePerson
	key                                    bool
	// claimed is when the manager booked the deal the rep worked there
	// (zero: never): in the months before, the rep works the account hard.
	claimed time.Time
	// quietFrom is when the team stopped working the account (zero: never).
	quietFrom     time.Time
	contacts      []string
	opportunities []string
}

// acmeFacts are what the generator knows that the tests check.
type acmeFacts struct {
	directorID string
	// managerOf is every person's expected ManagerID after the connector
	// has derived the missing ones from the role hierarchy.
	managerOf map[string]string
	// derivedReps are the reps whose ManagerId is empty in User.csv.
	derivedReps []string
	managerIDs  map[string]string // "coach", "player", "admin", "rescuer" → user ID
	tiers       map[string]string // account ID → Tier__c
	// inactiveRep is the rep who left during the period.
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
	// turns makes some choices go round a list instead of random.
	turns map[string]int
	// busy is each person's booked meetings by day, so that they do not
	// overlap.
	busy map[string][][2]time.Time
}

func generateAcme() (*fixtureExport, acmeFacts) {
	g := &acmeGenerator{
		exportBuilder: newExportBuilder(20260701, acmeExport),
		facts:         acmeFacts{managerOf: map[string]string{}, managerIDs: map[string]string{}, tiers: map[string]string{}},
		leadsByRegion: map[string][]string{},
		turns:         map[string]int{},
		busy:          map[string][][2]time.Time{},
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
	// winRate is the chance that a closed deal was won; 0 means the
	// usual 64 %.
	winRate float64
}

var acmeTeams = []struct {
	name, region, city, country, timeZone, locale string
	manager                                       personSpec
	reps                                          []personSpec
	// derivedManager leaves the reps' ManagerId empty.
	derivedManager bool
	// ownLine names the role the manager reports to instead of the EMEA
	// director; nobody holds it in Salesforce.
	ownLine string
	// keyOwners own the team's Tier 1 accounts, biggest first.
	keyOwners []string
	// managerAccounts is how many more (Tier 2) accounts the manager owns.
	managerAccounts int
	// quietKey is the Tier 1 account (index in keyOwners) that the team
	// stops working from quietFrom on; -1 for none.
	quietKey  int
	quietFrom time.Time
	keyRate   float64
	style     string
}{
	{
		name: "Benelux", region: "Benelux", city: "Utrecht", country: "Netherlands", timeZone: "Europe/Amsterdam", locale: "nl_NL",
		manager: personSpec{"Sanne", "de Vries", "Sales Manager Benelux", []string{"nl", "en"}, day(2020, 9, 1), time.Time{}, 0},
		reps: []personSpec{
			{"Bram", "Bakker", "Account Executive", []string{"nl", "en"}, day(2021, 2, 15), time.Time{}, 0},
			{"Lotte", "Mulder", "Account Executive", []string{"nl"}, day(2022, 6, 1), time.Time{}, 0.1},
			{"Daan", "Smit", "Senior Account Executive", []string{"nl", "en"}, day(2019, 11, 4), time.Time{}, 0},
			{"Emma", "Peeters", "Account Executive", []string{"nl", "fr"}, day(2023, 3, 13), time.Time{}, 0},
			{"Pieter", "Claes", "Account Executive", []string{"nl", "en"}, day(2024, 9, 2), time.Time{}, 0.8},
			{"Noor", "de Graaf", "Account Executive", []string{"nl", "en"}, day(2025, 2, 3), time.Time{}, 0.8},
		},
		keyOwners: []string{"Daan", "Bram", "Emma", "Pieter", "Daan"},
		quietKey:  -1,
		keyRate:   1.0,
		style:     "coach",
	},
	{
		name: "DACH", region: "DACH", city: "München", country: "Germany", timeZone: "Europe/Berlin", locale: "de_DE",
		manager: personSpec{"Markus", "Weber", "Sales Manager DACH", []string{"de", "en"}, day(2021, 1, 11), time.Time{}, 0},
		reps: []personSpec{
			{"Jan", "Hoffmann", "Account Executive", []string{"de"}, day(2022, 4, 1), time.Time{}, 0},
			{"Lena", "Schneider", "Senior Account Executive", []string{"de", "en"}, day(2020, 7, 1), time.Time{}, 0},
			{"Felix", "Wagner", "Account Executive", []string{"de"}, day(2025, 4, 1), day(2026, 3, 13), 0},
			{"Tobias", "Schulz", "Account Executive", []string{"de", "en"}, day(2023, 10, 16), time.Time{}, 0},
			{"Sophie", "Keller", "Account Executive", []string{"de", "en"}, day(2026, 3, 16), time.Time{}, 0},
		},
		keyOwners:       []string{"Markus", "Lena", "Markus", "Markus"},
		managerAccounts: 1,
		quietKey:        -1,
		keyRate:         0.6,
		style:           "player",
	},
	{
		name: "Southern Europe", region: "Southern Europe", city: "Madrid", country: "Spain", timeZone: "Europe/Madrid", locale: "es_ES",
		manager: personSpec{"Lucía", "Fernández", "Sales Manager Southern Europe", []string{"es", "en"}, day(2022, 2, 1), time.Time{}, 0},
		reps: []personSpec{
			{"Javier", "Morales", "Account Executive", []string{"es"}, day(2021, 5, 3), time.Time{}, 0},
			{"Camille", "Dubois", "Account Executive", []string{"fr"}, day(2022, 9, 12), time.Time{}, 0},
			{"Inês", "Carvalho", "Account Executive", []string{"pt", "es"}, day(2023, 1, 9), time.Time{}, 0},
			{"Hugo", "Lefèvre", "Senior Account Executive", []string{"fr", "en"}, day(2020, 3, 2), time.Time{}, 0},
		},
		derivedManager: true,
		keyOwners:      []string{"Hugo", "Javier", "Camille", "Inês"},
		quietKey:       2,
		quietFrom:      day(2026, 4, 20),
		keyRate:        0.35,
		style:          "admin",
	},
	{
		name: "UK & Ireland", region: "UK & Ireland", city: "Manchester", country: "United Kingdom", timeZone: "Europe/London", locale: "en_GB",
		manager: personSpec{"James", "Whitaker", "Sales Manager UK & Ireland", []string{"en"}, day(2019, 6, 3), time.Time{}, 0},
		reps: []personSpec{
			{"Sarah", "Mitchell", "Senior Account Executive", []string{"en"}, day(2019, 5, 13), time.Time{}, 0},
			{"Ciara", "Byrne", "Account Executive", []string{"en"}, day(2021, 9, 6), time.Time{}, 0},
			{"Tom", "Hughes", "Account Executive", []string{"en"}, day(2022, 11, 14), time.Time{}, 0},
			{"Declan", "Walsh", "Account Executive", []string{"en"}, day(2024, 11, 4), day(2025, 8, 29), 0},
			{"Priya", "Shah", "Account Executive", []string{"en"}, day(2024, 10, 7), time.Time{}, 0},
			{"Ryan", "Cooper", "Account Executive", []string{"en"}, day(2025, 5, 12), time.Time{}, 0.01},
		},
		ownLine:   "Managing Director UK & Ireland",
		keyOwners: []string{"Sarah", "Ciara", "Tom"},
		quietKey:  -1,
		keyRate:   0.4,
		style:     "rescuer",
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

	g.director = g.addPerson(personSpec{"Hendrik", "Visser", "Sales Director EMEA", []string{"en", "nl"}, day(2018, 3, 19), time.Time{}, 0},
		directorRole, "", "Sales", "EMEA", "Utrecht", "Netherlands", "Europe/Amsterdam", "nl_NL")
	g.facts.directorID = g.director.id
	g.facts.managerOf[g.director.id] = ""

	// Sales Operations has no ManagerId either: the role hierarchy makes
	// the director her manager.
	g.ops = g.addPerson(personSpec{"Karin", "de Boer", "Sales Operations Analyst", []string{"en", "nl"}, day(2021, 8, 2), time.Time{}, 0},
		opsRole, "", "Sales Operations", "EMEA", "Utrecht", "Netherlands", "Europe/Amsterdam", "nl_NL")
	g.facts.managerOf[g.ops.id] = g.director.id

	for _, spec := range acmeTeams {
		parentRole, managerOfManager := directorRole, g.director.id
		if spec.ownLine != "" {
			// A role nobody holds in Salesforce: the manager has no
			// manager in the export.
			parentRole, managerOfManager = g.addRole(spec.ownLine, ceoRole), ""
		}
		managerRole := g.addRole("Sales Manager "+spec.name, parentRole)
		repRole := g.addRole("Account Executive "+spec.name, managerRole)
		team := &acmeTeam{name: spec.name, region: spec.region, keyRate: spec.keyRate}
		team.manager = g.addPerson(spec.manager, managerRole, managerOfManager, "Sales", spec.region, spec.city, spec.country, spec.timeZone, spec.locale)
		team.manager.team = team
		g.facts.managerIDs[spec.style] = team.manager.id
		g.facts.managerOf[team.manager.id] = managerOfManager
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
			if !rs.left.IsZero() && rs.left.After(periodStart) {
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
	winRate := p.winRate
	if winRate == 0 {
		winRate = 0.64
	}
	person := &acmePerson{id: g.ids.next("005"), first: p.first, last: p.last, langs: p.langs, joined: p.joined, left: p.left, winRate: winRate}
	created := p.joined.Add(time.Duration(g.rng.Between(7, 10))*time.Hour + time.Duration(g.rng.Intn(3600))*time.Second)
	lastLogin := time.Date(2026, 6, 30, g.rng.Between(6, 16), g.rng.Intn(60), g.rng.Intn(60), 0, time.UTC)
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
		"Gentse Textielfabriek", "Utrecht Medical Devices", "Eindhoven Robotics B.V.", "Brabant Metaalwerken"},
	"DACH": {"Müller Maschinenbau GmbH", "Schwarzwald Präzision AG", "Bayerische Antriebstechnik GmbH",
		"Hamburger Hafenlogistik GmbH", "Alpen Holzindustrie AG", "Zürcher Pharma AG", "Wiener Stahlhandel GmbH",
		"Rheinland Kunststoffe GmbH", "Berliner Verkehrstechnik AG", "Sächsische Glaswerke GmbH", "Ostsee Werft GmbH",
		"Basler Chemie AG", "Westfalen Energie AG", "Dresdner Halbleiter GmbH", "Kölner Lebensmittel AG",
		"Lüneburger Papierfabrik GmbH", "Bodensee Optik GmbH"},
	"Southern Europe": {"Grupo Iberlux S.A.", "Aceros del Norte S.L.", "Construcciones Levante S.A.",
		"Vinícola do Douro Lda.", "Sonae Indústria SGPS", "Transportes Atlántico S.L.", "Dupont Industrie SAS",
		"Lyon Mécanique SARL", "Bordeaux Emballages SA", "Marseille Logistique SAS", "Toulouse Aéro Composants",
		"Catalana de Plásticos S.A.", "Lisboa Energia S.A.", "Porto Têxtil Lda.", "Valencia Cerámica S.A."},
	"UK & Ireland": {"Pennine Engineering Ltd", "Mersey Freight Services Ltd", "Clyde Marine Engineering Ltd",
		"Thames Valley Foods plc", "Midlands Automotive Components Ltd", "Cork Dairy Co-operative",
		"Dublin Pharma Manufacturing Ltd", "Yorkshire Steel Fabrications Ltd", "Severn Water Services plc",
		"Aberdeen Subsea Ltd", "Belfast Aerospace Ltd", "Galway Medical Devices Ltd", "O'Neill Building Supplies Ltd"},
}

var acmeCities = map[string][][2]string{
	"Benelux":         {{"Rotterdam", "Netherlands"}, {"Antwerpen", "Belgium"}, {"Eindhoven", "Netherlands"}, {"Gent", "Belgium"}, {"Utrecht", "Netherlands"}},
	"DACH":            {{"München", "Germany"}, {"Hamburg", "Germany"}, {"Wien", "Austria"}, {"Zürich", "Switzerland"}, {"Stuttgart", "Germany"}},
	"Southern Europe": {{"Madrid", "Spain"}, {"Lyon", "France"}, {"Porto", "Portugal"}, {"Barcelona", "Spain"}, {"Bordeaux", "France"}},
	"UK & Ireland":    {{"Manchester", "United Kingdom"}, {"London", "United Kingdom"}, {"Birmingham", "United Kingdom"}, {"Leeds", "United Kingdom"}, {"Dublin", "Ireland"}},
}

var industries = []string{"Manufacturing", "Transportation", "Chemicals", "Energy", "Food & Beverage",
	"Construction", "Healthcare", "Retail", "Utilities", "Electronics"}

// legalSuffixes are dropped from account names in subjects.
var legalSuffixes = []string{"B.V.", "N.V.", "NV", "GmbH", "AG", "S.A.", "S.L.", "SA", "SAS", "SARL", "Lda.", "SGPS", "Ltd", "plc"}

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
		name string
		team *acmeTeam
		rank int
		tier string
		// spec is the team's entry in acmeTeams.
		spec  int
		owner *acmePerson
		quiet time.Time
	}
	var drafts []*draft
	for i, team := range g.teams {
		for _, name := range acmeAccountNames[team.region] {
			drafts = append(drafts, &draft{name: name, team: team, spec: i})
		}
	}
	// A long tail: revenue falls as a power of the account's rank, so that
	// a few accounts make most of it.
	ranks := make([]int, len(drafts))
	for i := range ranks {
		ranks[i] = i
	}
	for i := len(ranks) - 1; i > 0; i-- {
		j := g.rng.Intn(i + 1)
		ranks[i], ranks[j] = ranks[j], ranks[i]
	}
	for i, d := range drafts {
		d.rank = ranks[i]
	}
	// Each region tiers its own accounts: its biggest are Tier 1 and have
	// named owners, the next third Tier 2; the rest go round the reps.
	for i, team := range g.teams {
		spec := acmeTeams[i]
		var mine []*draft
		for _, d := range drafts {
			if d.team == team {
				mine = append(mine, d)
			}
		}
		sort.Slice(mine, func(a, b int) bool { return mine[a].rank < mine[b].rank })
		reps := team.repsOn(periodEnd.Add(-time.Hour))
		turn := 0
		for j, d := range mine {
			switch {
			case j < len(spec.keyOwners):
				d.tier = "Tier 1"
				d.owner = team.manager
				if spec.keyOwners[j] != team.manager.first {
					d.owner = team.rep(spec.keyOwners[j])
				}
				if j == spec.quietKey {
					d.quiet = spec.quietFrom
				}
				continue
			case j < len(spec.keyOwners)+len(mine)/3:
				d.tier = "Tier 2"
			default:
				d.tier = "Tier 3"
			}
			if j < len(spec.keyOwners)+spec.managerAccounts {
				d.owner = team.manager
				continue
			}
			d.owner = reps[turn%len(reps)]
			turn++
		}
	}
	n := len(drafts)
	for _, d := range drafts {
		rank := d.rank
		revenue := amount(roundTo3(4e9 / math.Pow(float64(rank+1), 1.4) * (0.8 + 0.4*g.rng.Float())))
		accountType, rating := "Customer", connectortest.Pick(g.rng, []string{"Hot", "Warm", "Warm", "Cold"})
		switch {
		case d.tier == "Tier 1":
		case rank >= n*5/6:
			accountType, revenue, rating = "Prospect", nil, "Cold"
		case rank >= n*7/10:
			accountType = "Prospect"
		case rank%13 == 5:
			accountType = "Partner"
		}
		city := connectortest.Pick(g.rng, acmeCities[d.team.region])
		a := &acmeAccount{name: d.name, short: shortName(d.name), region: d.team.region, city: city[0], country: city[1],
			owner: d.owner, key: d.tier == "Tier 1", quietFrom: d.quiet}
		a.id = g.addAccount(accountSpec{
			name: d.name, accountType: accountType, industry: connectortest.Pick(g.rng, industries), rating: rating, tier: d.tier,
			region: d.team.region, ownerID: d.owner.id, street: connectortest.Pick(g.rng, []string{"Industrieweg", "Hauptstraße", "Calle Mayor", "Rue de la Gare", "Avenida da Liberdade", "High Street"}) + " " + itoa(g.rng.Between(1, 240)),
			city: city[0], postalCode: itoa(g.rng.Between(1000, 99999)), country: city[1], revenue: revenue,
			employees: employeesFor(revenue), created: time.Date(2017+g.rng.Intn(8), time.Month(1+g.rng.Intn(12)), 1+g.rng.Intn(28), 9+g.rng.Intn(8), g.rng.Intn(60), g.rng.Intn(60), 0, time.UTC),
		})
		g.facts.tiers[a.id] = d.tier
		d.owner.accounts = append(d.owner.accounts, a)
		d.team.accounts = append(d.team.accounts, a)
		g.customers = append(g.customers, a)
	}
	// One account deleted in Salesforce, still in the export's recycle bin.
	g.addAccount(accountSpec{name: "Test Account - do not use", accountType: "Other", region: "Benelux",
		ownerID: g.createdBy, city: "Utrecht", country: "Netherlands",
		created: time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC), deleted: true})
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
	"UK & Ireland": {[]string{"Oliver", "Charlotte", "Harry", "Emily", "George", "Niamh", "Liam", "Aoife", "Jack", "Hannah", "Seán", "Grace"},
		[]string{"Smith", "Jones", "Taylor", "Brown", "Wilson", "Murphy", "Kelly", "Evans", "Roberts", "Walker", "O'Brien", "Gallagher"}},
}

var contactTitles = []string{"Purchasing Manager", "Head of Procurement", "Plant Manager", "Operations Director",
	"Maintenance Lead", "CFO", "Supply Chain Manager", "Facility Manager"}

func (g *acmeGenerator) addContactsAndLeads() {
	for _, a := range g.customers {
		names := contactNames[a.region]
		n := g.rng.Between(1, 2)
		if a.key {
			n++ // more people to know at a key account
		}
		for range n {
			first, last := connectortest.Pick(g.rng, names.first), connectortest.Pick(g.rng, names.last)
			a.contacts = append(a.contacts, g.addContact(contactSpec{
				accountID: a.id, first: first, last: last, title: connectortest.Pick(g.rng, contactTitles),
				email: emailOf(first, last, domainOf(a.name)), ownerID: a.owner.id, city: a.city, country: a.country,
				created: time.Date(2023+g.rng.Intn(3), time.Month(1+g.rng.Intn(12)), 1+g.rng.Intn(28), 8+g.rng.Intn(9), g.rng.Intn(60), g.rng.Intn(60), 0, time.UTC),
			}))
		}
	}
	companies := map[string][]string{
		"Benelux":         {"Hanze Installatietechniek", "Kempen Koeltechniek", "Veluwe Houtbouw", "Schelde Marine Supply"},
		"DACH":            {"Allgäu Kältetechnik GmbH", "Harz Metallbau GmbH", "Eifel Solar AG", "Salzburg Bau GmbH"},
		"Southern Europe": {"Navarra Eólica S.L.", "Algarve Hotelaria Lda.", "Provence Bâtiment SARL", "Murcia Agro S.L."},
		"UK & Ireland":    {"Cotswold Joinery Ltd", "Norfolk Agri Services", "Wexford Plastics Ltd", "Tyne Offshore Supply"},
	}
	for _, team := range g.teams {
		names := contactNames[team.region]
		reps := team.repsOn(periodEnd.Add(-time.Hour))
		for i, company := range companies[team.region] {
			first, last := connectortest.Pick(g.rng, names.first), connectortest.Pick(g.rng, names.last)
			owner := reps[i%len(reps)]
			g.leadsByRegion[team.region] = append(g.leadsByRegion[team.region], g.addLead(leadSpec{
				first: first, last: last, company: company, title: connectortest.Pick(g.rng, contactTitles),
				email: emailOf(first, last, domainOf(company)), country: acmeCities[team.region][0][1], ownerID: owner.id,
				created: time.Date(2025, time.Month(9+g.rng.Intn(4)), 1+g.rng.Intn(28), 10, 0, 0, 0, time.UTC),
			}))
		}
	}
}

var products = []string{"Pallet racking", "Safety equipment", "MRO supplies contract", "Conveyor spare parts",
	"Hydraulic tools", "Packaging consumables", "Welding supplies", "Maintenance framework agreement"}

var openStages = []string{"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"}

// claimedDeals are the won deals on reps' accounts that the player-coach
// moved to his own name: the account's owner and when the deal closed.
var claimedDeals = []struct {
	owner string
	key   bool
	close sfDate
}{
	{"Lena", true, sfDate{day(2026, 5, 21)}},
	{"Jan", false, sfDate{day(2026, 4, 16)}},
}

func (g *acmeGenerator) addOpportunities() {
	claimed := map[*acmeAccount]sfDate{}
	for _, team := range g.teams {
		if team.manager.first != "Markus" {
			continue
		}
		for _, c := range claimedDeals {
			rep := team.rep(c.owner)
			accounts := rep.otherAccounts()
			if c.key {
				accounts = rep.keyAccounts()
			}
			claimed[accounts[0]] = c.close
			accounts[0].claimed = c.close.Time
		}
	}
	// Everyone who usually wins has won at least one deal in the period:
	// the first deal on their biggest account.
	anchors := map[*acmeAccount]bool{}
	for _, p := range g.people {
		var biggest *acmeAccount
		for _, a := range p.accounts {
			if _, ok := claimed[a]; !ok && (biggest == nil || g.accountRevenue(a) > g.accountRevenue(biggest)) {
				biggest = a
			}
		}
		if biggest != nil && p.winRate >= 0.5 {
			anchors[biggest] = true
		}
	}
	for _, a := range g.customers {
		deals := g.rng.Between(1, 2)
		if a.key {
			deals++
		}
		for i := range deals {
			owner := a.owner
			stage, closeDate := g.dealOutcome(owner)
			if anchors[a] && i == 0 {
				stage = "Closed Won"
				closeDate = sfDate{periodStart.AddDate(0, 0, 14+g.rng.Intn(150))}
			}
			if close, ok := claimed[a]; ok && i == 0 {
				// The player-coach books the deal his rep worked: the
				// credit-claiming pattern.
				stage, closeDate, owner = "Closed Won", close, owner.team.manager
			}
			base := 20000.0
			if rev := g.accountRevenue(a); rev > 0 {
				base = rev * (0.0005 + 0.002*g.rng.Float())
				if owner != a.owner {
					base = rev * (0.0035 + 0.001*g.rng.Float()) // the big one
				}
			}
			amt := amount(math.Max(5000, math.Round(base/500)*500))
			if g.rng.Chance(0.03) && owner == a.owner {
				amt = nil // amounts are not always filled in
			}
			created := closeDate.AddDate(0, -g.rng.Between(2, 8), -g.rng.Intn(28)).Add(time.Duration(g.rng.Between(8, 17)) * time.Hour)
			product := connectortest.Pick(g.rng, products)
			var description string
			if g.rng.Chance(0.2) {
				description = "Scope: " + strings.ToLower(product) + "\nCompetitor: " + connectortest.Pick(g.rng, []string{"Würth", "RS Components", "Grainger", "local distributor"}) + "\nDecision maker: \"procurement board\""
			}
			id := g.addOpportunity(opportunitySpec{
				accountID: a.id, ownerID: owner.id, name: a.short + " - " + product + " 2026", stage: stage,
				oppType: connectortest.Pick(g.rng, []string{"New Business", "Existing Business", "Existing Business"}), region: a.region,
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
// won (as often as the owner wins) or lost, and open deals closing after it.
func (g *acmeGenerator) dealOutcome(owner *acmePerson) (string, sfDate) {
	if g.rng.Chance(0.5) {
		closeDate := sfDate{periodStart.AddDate(0, 0, g.rng.Intn(180))}
		if g.rng.Chance(owner.winRate) {
			return "Closed Won", closeDate
		}
		return "Closed Lost", closeDate
	}
	return connectortest.Pick(g.rng, openStages), sfDate{periodEnd.AddDate(0, 0, g.rng.Intn(120))}
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
	steps := append([]string{}, stages[:min(last, 1)]...)
	steps = append(steps, finalStage)
	span := closeDate.Sub(created)
	prev := sfDate{}
	for i, stage := range steps {
		at := created.Add(span * time.Duration(i) / time.Duration(len(steps)))
		cd := closeDate
		if i < len(steps)-1 && g.rng.Chance(0.25) {
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
		"en": {"Customer meeting {acct}", "Product demo at {acct}", "Account review {acct}", "QBR with {acct}", "Negotiation {acct}", "Site visit {acct}"},
		"nl": {"Klantbezoek {acct}", "Demo bij {acct}", "Jaargesprek {acct}", "Offertebespreking {acct}", "Bedrijfsbezoek {acct}"},
		"de": {"Kundentermin {acct}", "Präsentation bei {acct}", "Jahresgespräch {acct}", "Verhandlung {acct}", "Besuch vor Ort {acct}"},
		"fr": {"Rendez-vous client {acct}", "Revue de compte {acct}", "Présentation offre {acct}", "Négociation {acct}"},
		"es": {"Visita cliente {acct}", "Presentación a {acct}", "Revisión de cuenta {acct}", "Negociación {acct}"},
		"pt": {"Visita ao cliente {acct}", "Apresentação {acct}", "Revisão de conta {acct}"},
	},
	"oneonone": {
		"en": {"1:1 {rep}", "One-on-one with {rep}", "Call review with {rep}", "Coaching session {rep}"},
		"nl": {"1-op-1 {rep}", "1-op-1 met {rep}", "Coachinggesprek {rep}"},
		"de": {"1:1 mit {rep}", "Coaching-Gespräch {rep}", "Feedbackgespräch {rep}"},
		"fr": {"Entretien individuel {rep}", "Point 1:1 {rep}", "Coaching {rep}"},
		"es": {"Reunión 1:1 con {rep}", "Sesión de coaching {rep}"},
		"pt": {"Reunião 1:1 com {rep}"},
	},
	"pipeline": {
		"en": {"Pipeline review {rep}", "Forecast call {rep}", "Deal review: {acct}"},
		"nl": {"Pipelinebespreking {rep}", "Pipelinereview {rep}"},
		"de": {"Pipeline-Review mit {rep}", "Forecast-Call {rep}", "Deal-Review {acct}"},
		"fr": {"Revue du pipeline {rep}", "Revue de pipeline {rep}"},
		"es": {"Reunión de pipeline {rep}", "Revisión de forecast {rep}"},
		"pt": {"Revisão de pipeline {rep}"},
	},
	"team": {
		"en": {"Team meeting {team}"}, "nl": {"Teamoverleg {team}"}, "de": {"Team-Meeting {team}"},
		"fr": {"Réunion d'équipe {team}"}, "es": {"Reunión de equipo {team}"}, "pt": {"Reunião de equipa {team}"},
	},
	"training": {
		"en": {"Sales training: objection handling", "Training: negotiating price increases", "Product training: conveyor spares"},
		"nl": {"Training onderhandelen", "Training gespreksvoering met inkopers"},
		"de": {"Schulung: Einwandbehandlung", "Produktschulung Fördertechnik"},
		"fr": {"Formation équipe : négociation"}, "es": {"Formación del equipo: negociación"}, "pt": {"Formação de equipa"},
	},
	"recruiting": {
		"en": {"Interview candidate AE {team}", "Onboarding new Account Executive"}, "nl": {"Sollicitatiegesprek AE {team}"},
		"de": {"Vorstellungsgespräch Account Executive", "Onboarding neue Kollegin"}, "fr": {"Entretien candidat commercial"},
		"es": {"Entrevista candidato {team}"}, "pt": {"Entrevista candidato"},
	},
	"planning": {
		"en": {"QBR prep", "Territory planning", "Account planning Tier 1", "Forecast submission"},
		"nl": {"Accountplanning Q2", "Kwartaalplanning {team}"}, "de": {"Jahresplanung Gebiet", "Forecast-Abgabe"},
		"fr": {"Planification territoire", "Préparation QBR"}, "es": {"Planificación de territorio", "Preparación QBR"},
		"pt": {"Planeamento de território"},
	},
	"hq": {
		"en": {"Sales leadership meeting", "EMEA leadership sync", "Strategy update from HQ"},
		"nl": {"Directieoverleg sales"}, "de": {"Führungskreis Vertrieb"}, "fr": {"Comité de direction commerciale"},
		"es": {"Reunión con dirección comercial", "Comité de dirección"}, "pt": {"Reunião de direção comercial"},
	},
	"admin": {
		"en": {"Expense report", "CRM clean-up", "Salesforce data hygiene", "Travel booking", "Approve discount requests", "Monthly sales report"},
		"nl": {"Declaraties indienen", "Reisplanning"}, "de": {"Spesenabrechnung", "Reisekostenabrechnung"},
		"fr": {"Note de frais", "Réservation déplacement"},
		"es": {"Informe de gastos", "Reserva de viaje", "Limpieza de datos CRM", "Informe mensual de ventas", "Aprobación de descuentos"},
		"pt": {"Relatório de despesas"},
	},
	"internal": {
		"en": {"Marketing alignment", "Product update webinar", "Ops sync", "Pricing committee", "Logistics escalation"},
		"nl": {"Overleg met marketing"}, "de": {"Abstimmung mit Einkauf", "IT-Schulung neues CPQ"},
		"fr": {"Réunion logistique"},
		"es": {"Reunión con finanzas", "Reunión de operaciones", "Comité de precios", "Coordinación con logística", "Reunión con marketing", "Seguimiento proyecto CPQ"},
		"pt": {"Reunião com logística"},
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
	"internalemail": {
		"en": {"Email: Re: month-end close", "Email: Fwd: new discount policy"},
		"es": {"Email: Re: cierre de mes", "Email: Fwd: nueva política de descuentos", "Email: Re: dietas y kilometraje"},
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
	lang := connectortest.Pick(g.rng, langs)
	options, ok := byLang[lang]
	if !ok {
		options = byLang["en"]
	}
	s := connectortest.Pick(g.rng, options)
	for k, v := range fill {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

func (g *acmeGenerator) description(p float64) string {
	if g.rng.Chance(p) {
		return connectortest.Pick(g.rng, descriptions)
	}
	return ""
}

// workdays are the working days of the week starting on monday that fall
// in the period and on which all of people work.
func workdays(monday time.Time, people ...*acmePerson) []time.Time {
	var days []time.Time
	for i := range 5 {
		d := monday.AddDate(0, 0, i)
		if d.Before(periodStart) || !d.Before(periodEnd) || isHoliday(d) {
			continue
		}
		works := true
		for _, p := range people {
			works = works && p.activeOn(d)
		}
		if works {
			days = append(days, d)
		}
	}
	return days
}

// shortWeek says whether something that happens once a week is skipped
// in a week with only some working days: as often as the week is short.
func (g *acmeGenerator) shortWeek(days []time.Time) bool {
	return len(days) == 0 || !g.rng.Chance(float64(len(days))/5)
}

// workday is a random working day of the week starting on monday on which
// p works, or false (more often in short weeks).
func (g *acmeGenerator) workday(monday time.Time, p *acmePerson) (time.Time, bool) {
	days := workdays(monday, p)
	if g.shortWeek(days) {
		return time.Time{}, false
	}
	return connectortest.Pick(g.rng, days), true
}

// slot books a meeting of minutes in the calendars of people: a working
// day of the week and a start between fromHour and toHour (UTC) at which
// none of them is busy, ending by 17:30; false in a full or short week.
func (g *acmeGenerator) slot(monday time.Time, minutes, fromHour, toHour int, people ...*acmePerson) (time.Time, bool) {
	days := workdays(monday, people...)
	if g.shortWeek(days) {
		return time.Time{}, false
	}
	for i := len(days) - 1; i > 0; i-- {
		j := g.rng.Intn(i + 1)
		days[i], days[j] = days[j], days[i]
	}
	for _, d := range days {
		for range 6 {
			start := g.at(d, fromHour, toHour)
			end := start.Add(time.Duration(minutes) * time.Minute)
			if end.After(d.Add(17*time.Hour + 30*time.Minute)) {
				continue
			}
			if g.free(start, end, people) {
				g.reserve(start, end, people)
				return start, true
			}
		}
	}
	return time.Time{}, false
}

func (g *acmeGenerator) free(start, end time.Time, people []*acmePerson) bool {
	for _, p := range people {
		for _, b := range g.busy[p.id+start.Format(time.DateOnly)] {
			if start.Before(b[1]) && b[0].Before(end) {
				return false
			}
		}
	}
	return true
}

func (g *acmeGenerator) reserve(start, end time.Time, people []*acmePerson) {
	for _, p := range people {
		key := p.id + start.Format(time.DateOnly)
		g.busy[key] = append(g.busy[key], [2]time.Time{start, end})
	}
}

func isHoliday(d time.Time) bool {
	return d.Equal(day(2026, 1, 1)) || d.Equal(day(2026, 4, 6)) || d.Equal(day(2026, 5, 1))
}

// at is a time of day on d, on the hour or half hour (UTC; the offices are
// one or two hours ahead).
func (g *acmeGenerator) at(d time.Time, fromHour, toHour int) time.Time {
	return d.Add(time.Duration(g.rng.Between(fromHour, toHour))*time.Hour + time.Duration(30*g.rng.Intn(2))*time.Minute)
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
			case "Lucía":
				g.adminWeek(team, monday, week)
			default:
				g.rescuerWeek(team, monday, week)
			}
			for _, rep := range team.reps {
				g.repWeek(rep, monday)
			}
		}
		g.opsWeek(monday)
	}
}

// directorWeek: a leadership meeting every other week and a monthly
// forecast review with the managers who report to the director, and the
// sales kickoff.
func (g *acmeGenerator) directorWeek(monday time.Time, week int) {
	d := g.director
	attendees := []*acmePerson{d}
	var managers []invitee
	for _, t := range g.teams {
		if g.facts.managerOf[t.manager.id] == d.id {
			managers = append(managers, invitee{t.manager.id, g.response()})
			attendees = append(attendees, t.manager)
		}
	}
	if week%2 == 1 {
		if start, ok := g.slot(monday, 90, 7, 8, attendees...); ok {
			g.addEvent(eventSpec{ownerID: d.id, subject: g.subject("hq", []string{"en"}, nil), start: start,
				minutes: 90, location: "Microsoft Teams", eventType: "Meeting", invitees: managers,
				group: true, meetingType: "Internal"})
		}
	}
	if week%4 == 2 {
		if start, ok := g.slot(monday, 120, 12, 14, attendees...); ok {
			g.addEvent(eventSpec{ownerID: d.id, subject: "EMEA forecast review", start: start, minutes: 120,
				location: "Utrecht HQ", eventType: "Meeting", invitees: managers, group: true, meetingType: "Internal"})
		}
	}
	if monday.Equal(day(2026, 1, 12)) {
		// The sales kickoff: an all-day event with everyone invited.
		kickoff := day(2026, 1, 14)
		var everyone []invitee
		for _, p := range g.people {
			if p != d && p.activeOn(kickoff) {
				everyone = append(everyone, invitee{p.id, "Accepted"})
			}
		}
		g.reserve(kickoff, kickoff.Add(24*time.Hour), g.people)
		g.addEvent(eventSpec{ownerID: d.id, subject: "Sales kickoff 2026", start: day(2026, 1, 14), minutes: 1440,
			allDay: true, location: "Amsterdam", eventType: "Meeting", invitees: everyone, group: true, meetingType: "Internal"})
	}
	for range g.rng.Times(0.1) {
		g.customerMeeting(d, connectortest.Pick(g.rng, g.customers), monday, nil, 0)
	}
	for range g.rng.Times(0.3) {
		g.importantTask(d, monday, 0.1)
	}
}

// coachWeek: 1:1s with every rep every other week, two field days (joint
// visits, mostly on the reps' key accounts), a team meeting every other
// week and a monthly training, some pipeline reviews and planning, QBRs
// with key accounts, little admin.
func (g *acmeGenerator) coachWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	for i, rep := range reps {
		if i%2 == week%2 {
			g.oneOnOne(m, rep, monday, 45)
		}
	}
	for range g.rng.Times(3.1) {
		var rep *acmePerson
		var a *acmeAccount
		if g.rng.Chance(0.88) {
			a = g.nextOf("field "+team.name, team.keyAccountsOfReps())
			rep = a.owner
		} else {
			rep = connectortest.Pick(g.rng, reps)
			if len(rep.otherAccounts()) == 0 {
				continue
			}
			a = connectortest.Pick(g.rng, rep.otherAccounts())
		}
		g.jointVisit(m, rep, a, monday, connectortest.Pick(g.rng, []int{180, 240, 240, 300}))
	}
	if week%2 == 1 {
		g.teamMeeting(team, monday, 60)
	}
	if week%4 == 2 {
		g.teamTraining(team, monday, 150)
	}
	for range g.rng.Times(0.4) {
		g.pipelineReview(m, connectortest.Pick(g.rng, reps), monday, 45)
	}
	for range g.rng.Times(0.5) {
		g.internalEvent(m, "planning", monday, connectortest.Pick(g.rng, []int{60, 90}))
	}
	for range g.rng.Times(0.7) {
		g.customerMeeting(m, g.nextOf("qbr "+team.name, team.keyAccountsOfReps()), monday, nil, connectortest.Pick(g.rng, []int{150, 180, 240}))
	}
	for range g.rng.Times(0.25) {
		g.internalEvent(m, connectortest.Pick(g.rng, []string{"admin", "internal"}), monday, 60)
	}
	for range g.rng.Times(0.7) {
		g.importantTask(m, monday, 0.05)
	}
	for range g.rng.Times(0.8) {
		g.callTask(m, connectortest.Pick(g.rng, team.keyAccountsOfReps()), monday)
	}
	for range g.rng.Times(0.4) {
		g.emailTask(m, connectortest.Pick(g.rng, team.keyAccountsOfReps()), monday)
	}
}

// playerCoachWeek: long customer meetings alone, mostly on his own key
// accounts and Lena's, calls, pipeline reviews and forecast calls; 1:1s
// now and then, a team meeting every other week.
func (g *acmeGenerator) playerCoachWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	for range g.rng.Times(3.7) {
		g.customerMeeting(m, g.playerCoachAccount(team), monday, nil, connectortest.Pick(g.rng, []int{240, 240, 300, 300}))
	}
	for range g.rng.Times(0.12) {
		rep := connectortest.Pick(g.rng, reps)
		if len(rep.accounts) > 0 {
			g.jointVisit(m, rep, connectortest.Pick(g.rng, rep.accounts), monday, 150)
		}
	}
	for _, rep := range reps {
		if g.rng.Chance(0.06) {
			g.oneOnOne(m, rep, monday, 30)
		}
	}
	if week%2 == 0 {
		g.teamMeeting(team, monday, 60)
	}
	for range g.rng.Times(1.6) {
		g.pipelineReview(m, connectortest.Pick(g.rng, reps), monday, connectortest.Pick(g.rng, []int{45, 60, 60}))
	}
	// Replacing Felix, who left in March, and onboarding Sophie.
	if monday.After(day(2026, 2, 1)) && monday.Before(day(2026, 3, 16)) && g.rng.Chance(0.6) {
		g.internalEvent(m, "recruiting", monday, 60)
	}
	if monday.Equal(day(2026, 3, 16)) {
		g.internalEvent(m, "recruiting", monday, 120)
	}
	for range g.rng.Times(0.3) {
		g.internalEvent(m, "planning", monday, 60)
	}
	for range g.rng.Times(1.2) {
		g.callTask(m, g.playerCoachAccount(team), monday)
	}
	for range g.rng.Times(0.6) {
		g.emailTask(m, g.playerCoachAccount(team), monday)
	}
	for range g.rng.Times(0.3) {
		g.todoTask(m, connectortest.Pick(g.rng, m.accounts), monday)
	}
	for range g.rng.Times(0.4) {
		g.importantTask(m, monday, 0.2)
	}
}

// playerCoachAccount is where the player-coach sells: his own key
// accounts, his reps' key account, now and then another account.
func (g *acmeGenerator) playerCoachAccount(team *acmeTeam) *acmeAccount {
	m := team.manager
	switch x := g.rng.Float(); {
	case x < 0.68:
		return connectortest.Pick(g.rng, m.keyAccounts())
	case x < 0.72:
		return connectortest.Pick(g.rng, m.otherAccounts())
	case x < 0.95:
		return connectortest.Pick(g.rng, team.keyAccountsOfReps())
	}
	var others []*acmeAccount
	for _, a := range team.accounts {
		if !a.key && a.claimed.IsZero() && a.owner != m {
			others = append(others, a)
		}
	}
	return connectortest.Pick(g.rng, others)
}

// nextOf goes round items, one a call, keeping its place under name.
func (g *acmeGenerator) nextOf(name string, items []*acmeAccount) *acmeAccount {
	i := g.turns[name] % len(items)
	g.turns[name]++
	return items[i]
}

// adminWeek: internal meetings, admin blocks and e-mails, headquarters
// meetings, a team meeting every other week; rare 1:1s and customer meetings (never
// on key accounts); important tasks late.
func (g *acmeGenerator) adminWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	for range g.rng.Times(3.7) {
		g.internalEvent(m, "internal", monday, connectortest.Pick(g.rng, []int{90, 120, 150, 180, 180}))
	}
	for range g.rng.Times(2.2) {
		g.internalEvent(m, "admin", monday, connectortest.Pick(g.rng, []int{120, 150, 180}))
	}
	for range g.rng.Times(1.0) {
		g.internalEvent(m, "hq", monday, connectortest.Pick(g.rng, []int{90, 120}))
	}
	if week%2 == 0 {
		g.teamMeeting(team, monday, 90)
	}
	for range g.rng.Times(0.2) {
		g.oneOnOne(m, connectortest.Pick(g.rng, reps), monday, 45)
	}
	for range g.rng.Times(0.4) {
		g.pipelineReview(m, connectortest.Pick(g.rng, reps), monday, 45)
	}
	for range g.rng.Times(0.3) {
		g.internalEvent(m, "planning", monday, 60)
	}
	var small []*acmeAccount
	for _, a := range team.accounts {
		if !a.key {
			small = append(small, a)
		}
	}
	for range g.rng.Times(0.6) {
		g.customerMeeting(m, connectortest.Pick(g.rng, small), monday, nil, connectortest.Pick(g.rng, []int{60, 90, 120}))
	}
	for range g.rng.Times(0.3) {
		g.callTask(m, connectortest.Pick(g.rng, small), monday)
	}
	for range g.rng.Times(0.1) {
		g.internalEvent(m, "recruiting", monday, 45)
	}
	for range g.rng.Times(1.0) {
		g.adminTask(m, monday)
	}
	for range g.rng.Times(0.7) {
		g.internalEmail(m, monday)
	}
	for range g.rng.Times(0.6) {
		g.importantTask(m, monday, 0.85)
	}
}

// rescuerWeek: a weekly 1:1 and two or three joint visits with his
// weakest rep (a recent hire), some joint visits with the other recent
// hire, rare 1:1s with the rest, visits to rescue struggling deals; he
// plans in January and June and owes a forecast in April.
func (g *acmeGenerator) rescuerWeek(team *acmeTeam, monday time.Time, week int) {
	m := team.manager
	reps := team.repsOn(monday.AddDate(0, 0, 2))
	weakest, newer := team.rep("Ryan"), team.rep("Priya")
	g.oneOnOne(m, weakest, monday, connectortest.Pick(g.rng, []int{60, 60, 90}))
	for range g.rng.Times(0.25) {
		g.coachingSession(m, weakest, monday, connectortest.Pick(g.rng, []int{60, 90}))
	}
	for range g.rng.Times(2.8) {
		g.jointVisit(m, weakest, connectortest.Pick(g.rng, weakest.accounts), monday, connectortest.Pick(g.rng, []int{180, 240, 240, 300}))
	}
	for range g.rng.Times(0.7) {
		g.jointVisit(m, newer, connectortest.Pick(g.rng, newer.accounts), monday, connectortest.Pick(g.rng, []int{120, 180}))
	}
	for _, rep := range reps {
		if rep != weakest && rep != newer && g.rng.Chance(0.2) {
			g.oneOnOne(m, rep, monday, 45)
		}
	}
	if week%2 == 1 {
		g.teamMeeting(team, monday, 90)
	}
	for range g.rng.Times(0.3) {
		g.pipelineReview(m, connectortest.Pick(g.rng, reps), monday, 45)
	}
	for range g.rng.Times(1.1) {
		g.customerMeeting(m, connectortest.Pick(g.rng, append(weakest.otherAccounts(), newer.otherAccounts()...)), monday, nil, connectortest.Pick(g.rng, []int{120, 150, 180, 240}))
	}
	for range g.rng.Times(1.4) {
		g.internalEvent(m, "internal", monday, connectortest.Pick(g.rng, []int{60, 90, 120}))
	}
	for range g.rng.Times(0.4) {
		g.internalEvent(m, "admin", monday, 60)
	}
	for range g.rng.Times(0.8) {
		g.callTask(m, connectortest.Pick(g.rng, weakest.accounts), monday)
	}
	for range g.rng.Times(0.4) {
		g.emailTask(m, connectortest.Pick(g.rng, weakest.accounts), monday)
	}
	switch {
	case monday.Equal(day(2026, 1, 5)):
		g.internalEvent(m, "planning", monday, 120)
	case monday.Equal(day(2026, 4, 13)), monday.Equal(day(2026, 6, 22)):
		g.importantTask(m, monday, 0.6)
	case monday.Equal(day(2026, 6, 15)):
		g.internalEvent(m, "planning", monday, 120)
	}
}

// repWeek: long meetings, calls and e-mails on the rep's key accounts
// (unless the team stopped working one), and a little on the others.
func (g *acmeGenerator) repWeek(rep *acmePerson, monday time.Time) {
	if len(rep.accounts) == 0 && rep.left.IsZero() {
		return
	}
	// pushing is whether the rep is working towards the deal the manager
	// books on the account.
	pushing := func(a *acmeAccount) bool {
		return !a.claimed.IsZero() && !monday.Before(a.claimed.AddDate(0, 0, -91)) && monday.Before(a.claimed)
	}
	worked := rep.keyAccounts()
	for _, a := range rep.otherAccounts() {
		if pushing(a) {
			worked = append(worked, a)
		}
	}
	for _, a := range worked {
		if !a.quietFrom.IsZero() && !monday.Before(a.quietFrom) {
			continue
		}
		for range g.rng.Times(rep.team.keyRate) {
			g.customerMeeting(rep, a, monday, nil, connectortest.Pick(g.rng, []int{180, 240, 240, 300}))
		}
		calls, emails := 0.25, 0.1
		if pushing(a) {
			// The rep works the account whose deal the manager books.
			calls, emails = 1.2, 0.8
		}
		for range g.rng.Times(calls) {
			g.callTask(rep, a, monday)
		}
		for range g.rng.Times(emails) {
			g.emailTask(rep, a, monday)
		}
	}
	var accounts []*acmeAccount
	for _, a := range rep.otherAccounts() {
		if !pushing(a) {
			accounts = append(accounts, a)
		}
	}
	if len(rep.accounts) == 0 {
		accounts = rep.team.accounts
	}
	if len(accounts) == 0 {
		return
	}
	for range g.rng.Times(0.05) {
		g.customerMeeting(rep, connectortest.Pick(g.rng, accounts), monday, nil, 0)
	}
	for range g.rng.Times(0.15) {
		g.callTask(rep, connectortest.Pick(g.rng, accounts), monday)
	}
	for range g.rng.Times(0.06) {
		g.emailTask(rep, connectortest.Pick(g.rng, accounts), monday)
	}
	for range g.rng.Times(0.04) {
		g.todoTask(rep, connectortest.Pick(g.rng, accounts), monday)
	}
}

func (g *acmeGenerator) opsWeek(monday time.Time) {
	for range g.rng.Times(0.3) {
		g.adminTask(g.ops, monday)
	}
}

func (g *acmeGenerator) response() string {
	return connectortest.Pick(g.rng, []string{"Accepted", "Accepted", "Accepted", "New", "Declined"})
}

func (g *acmeGenerator) oneOnOne(m, rep *acmePerson, monday time.Time, minutes int) {
	start, ok := g.slot(monday, minutes, 7, 15, m, rep)
	if !ok {
		return
	}
	g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("oneonone", m.langs, map[string]string{"rep": rep.first}),
		start: start, minutes: minutes, location: "Microsoft Teams",
		eventType: "Meeting", invitees: []invitee{{rep.id, "Accepted"}}, description: g.description(0.1), meetingType: "1:1"})
}

// coachingSession is a call review or training with one rep.
func (g *acmeGenerator) coachingSession(m, rep *acmePerson, monday time.Time, minutes int) {
	start, ok := g.slot(monday, minutes, 7, 15, m, rep)
	if !ok {
		return
	}
	subject := connectortest.Pick(g.rng, []string{"Call review with " + rep.first, "Product training with " + rep.first,
		"Coaching: discovery questions (" + rep.first + ")", "Objection handling practice " + rep.first})

	g.addEvent(eventSpec{ownerID: m.id, subject: subject, start: start, minutes: minutes,
		location: connectortest.Pick(g.rng, []string{"Office", "Microsoft Teams"}), eventType: "Meeting",
		invitees: []invitee{{rep.id, "Accepted"}}, meetingType: "1:1"})
}

func (g *acmeGenerator) pipelineReview(m, rep *acmePerson, monday time.Time, minutes int) {
	if len(rep.accounts) == 0 {
		return
	}
	start, ok := g.slot(monday, minutes, 7, 15, m, rep)
	if !ok {
		return
	}
	a := connectortest.Pick(g.rng, rep.accounts)
	g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("pipeline", m.langs, map[string]string{"rep": rep.first, "acct": a.short}),
		start: start, minutes: minutes, location: "Microsoft Teams", eventType: "Meeting",
		invitees: []invitee{{rep.id, "Accepted"}}, meetingType: "Internal"})
}

func (g *acmeGenerator) teamMeeting(team *acmeTeam, monday time.Time, minutes int) {
	m := team.manager
	start, ok := g.slot(monday, minutes, 7, 8, m)
	if !ok {
		return
	}
	var invitees []invitee
	for _, r := range team.repsOn(start) {
		invitees = append(invitees, invitee{r.id, g.response()})
	}
	rows := g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("team", m.langs, map[string]string{"team": team.name}),
		start: start, minutes: minutes, location: "Microsoft Teams", eventType: "Meeting", invitees: invitees,
		group: true, description: g.description(0.15), meetingType: "Team"})
	team.teamMeetings = append(team.teamMeetings, rows)
}

// teamTraining is a half-day training of the whole team, in the office.
func (g *acmeGenerator) teamTraining(team *acmeTeam, monday time.Time, minutes int) {
	m := team.manager
	start, ok := g.slot(monday, minutes, 7, 12, m)
	if !ok {
		return
	}
	var invitees []invitee
	for _, r := range team.repsOn(start) {
		invitees = append(invitees, invitee{r.id, "Accepted"})
	}
	g.addEvent(eventSpec{ownerID: m.id, subject: g.subject("training", m.langs, nil), start: start,
		minutes: minutes, location: "Office", eventType: "Meeting", invitees: invitees, group: true, meetingType: "Team"})
}

func (g *acmeGenerator) internalEvent(p *acmePerson, category string, monday time.Time, minutes int) {
	start, ok := g.slot(monday, minutes, 7, 15, p)
	if !ok {
		return
	}
	var invitees []invitee
	if (category == "internal" || category == "hq") && g.rng.Chance(0.35) {
		invitees = append(invitees, invitee{g.ops.id, g.response()})
	}
	fill := map[string]string{}
	if p.team != nil {
		fill["team"] = p.team.name
	}
	g.addEvent(eventSpec{ownerID: p.id, subject: g.subject(category, p.langs, fill), start: start,
		minutes: minutes, location: connectortest.Pick(g.rng, []string{"Microsoft Teams", "Office", ""}), eventType: connectortest.Pick(g.rng, []string{"Meeting", "Other", ""}),
		invitees: invitees, private: category == "admin" && g.rng.Chance(0.3), description: g.description(0.05), meetingType: "Internal"})
}

// customerMeeting is a meeting of p with a customer, with a colleague when
// with is set; minutes 0 picks a usual length.
func (g *acmeGenerator) customerMeeting(p *acmePerson, a *acmeAccount, monday time.Time, with *acmePerson, minutes int) {
	if minutes == 0 {
		minutes = connectortest.Pick(g.rng, []int{60, 60, 90, 120})
	}
	people := []*acmePerson{p}
	if with != nil {
		people = append(people, with)
	}
	start, ok := g.slot(monday, minutes, 7, 13, people...)
	if !ok {
		return
	}
	contact := connectortest.Pick(g.rng, a.contacts)
	if with == nil && p.team != nil && p != p.team.manager && g.rng.Chance(0.4) {
		contact = "" // logged against the account, nobody named
	}
	what := a.id
	if len(a.opportunities) > 0 && g.rng.Chance(0.4) {
		what = connectortest.Pick(g.rng, a.opportunities)
	}
	var invitees []invitee
	if with != nil {
		invitees = append(invitees, invitee{with.id, "Accepted"})
	}
	if contact != "" && len(a.contacts) > 1 && g.rng.Chance(0.2) {
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
		start: start, minutes: minutes, location: a.city, eventType: "Meeting",
		whoID: contact, whatID: what, accountID: a.id, invitees: invitees, description: g.description(0.2),
		meetingType: meetingType})
}

// jointVisit is a customer meeting of a manager and a rep together, in the
// rep's calendar or the manager's.
func (g *acmeGenerator) jointVisit(m, rep *acmePerson, a *acmeAccount, monday time.Time, minutes int) {
	if g.rng.Chance(0.6) {
		g.customerMeeting(rep, a, monday, m, minutes)
	} else {
		g.customerMeeting(m, a, monday, rep, minutes)
	}
}

func (g *acmeGenerator) callTask(p *acmePerson, a *acmeAccount, monday time.Time) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	at := g.at(d, 7, 15).Add(time.Duration(g.rng.Intn(1800)) * time.Second)
	who, what, account := connectortest.Pick(g.rng, a.contacts), a.id, a.id
	if leads := g.leadsByRegion[a.region]; g.rng.Chance(0.1) && len(leads) > 0 {
		who, what, account = connectortest.Pick(g.rng, leads), "", ""
	} else if len(a.opportunities) > 0 && g.rng.Chance(0.3) {
		what = connectortest.Pick(g.rng, a.opportunities)
	}
	contactName := g.nameOf(who)
	subtype, taskType := "Call", "Call"
	if g.rng.Chance(0.1) {
		subtype = "Cadence" // a Sales Engagement step: Type says it is a call
	}
	seconds := g.rng.Between(120, 1800)
	outcome := connectortest.Pick(g.rng, []string{"Connected", "Connected", "Connected", "Left voicemail", "No answer"})
	if outcome != "Connected" {
		seconds = g.rng.Between(15, 60)
	}
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("call", p.langs, map[string]string{"acct": a.short, "contact": contactName}),
		status: "Completed", priority: "Normal", taskType: taskType, subtype: subtype, whoID: who, whatID: what,
		accountID: account, due: sfDate{d}, completed: at.Add(time.Duration(seconds) * time.Second), created: at,
		callSeconds: seconds, callType: connectortest.Pick(g.rng, []string{"Outbound", "Outbound", "Inbound"}), disposition: outcome,
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
	at := g.at(d, 7, 16).Add(time.Duration(g.rng.Intn(1800)) * time.Second)
	subtype, taskType, createdBy := "Email", "Email", p.id
	switch x := g.rng.Float(); {
	case x < 0.1:
		subtype = "ListEmail"
	case x < 0.25:
		// Logged by an integration as a plain task: only the subject
		// says it is an e-mail.
		subtype, taskType, createdBy = "Task", "", g.automatedProcessID()
	}
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("email", p.langs, map[string]string{"acct": a.short}),
		status: "Completed", priority: "Normal", taskType: taskType, subtype: subtype, whoID: connectortest.Pick(g.rng, a.contacts),
		whatID: a.id, accountID: a.id, due: sfDate{d}, completed: at, created: at, createdByID: createdBy})
}

// internalEmail is an e-mail to colleagues, logged without a customer.
func (g *acmeGenerator) internalEmail(p *acmePerson, monday time.Time) {
	d, ok := g.workday(monday, p)
	if !ok {
		return
	}
	at := g.at(d, 7, 16).Add(time.Duration(g.rng.Intn(1800)) * time.Second)
	g.addTask(taskSpec{ownerID: p.id, subject: g.subject("internalemail", p.langs, nil), status: "Completed",
		priority: "Normal", taskType: "Email", subtype: "Email", due: sfDate{d}, completed: at, created: at})
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
	if g.rng.Chance(0.2) {
		priority = "High"
	}
	created := g.at(d.AddDate(0, 0, -g.rng.Between(1, 7)), 7, 16)
	status, completed := g.taskOutcome(d, 0.15, 0.1)
	taskType := connectortest.Pick(g.rng, []string{"Other", "", "Meeting"})
	subject := g.subject("todo", p.langs, map[string]string{"acct": a.short})
	if taskType == "Meeting" {
		subject = "Meeting notes " + a.short
	}
	what := a.id
	if len(a.opportunities) > 0 && g.rng.Chance(0.5) {
		what = connectortest.Pick(g.rng, a.opportunities)
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
		created: g.at(d.AddDate(0, 0, -g.rng.Between(0, 5)), 7, 16)})
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
		created: g.at(d.AddDate(0, 0, -g.rng.Between(3, 14)), 7, 16), description: g.description(0.1)})
}

// taskOutcome decides whether a task due on due was done on time, done late
// or is still open.
func (g *acmeGenerator) taskOutcome(due time.Time, lateShare, openShare float64) (string, time.Time) {
	switch x := g.rng.Float(); {
	case x < openShare:
		return connectortest.Pick(g.rng, []string{"Not Started", "In Progress", "Waiting on someone else"}), time.Time{}
	case x < openShare+lateShare:
		done := g.at(due.AddDate(0, 0, g.rng.Between(2, 15)), 7, 17)
		if !done.Before(acmeExport) {
			return "In Progress", time.Time{}
		}
		return "Completed", done
	}
	return "Completed", g.at(due.AddDate(0, 0, -g.rng.Intn(2)), 7, 16)
}

// plantSkips marks the rows the connector must skip: a few deleted tasks
// and events, and child copies of group events.
func (g *acmeGenerator) plantSkips() {
	for _, i := range g.distinct(len(g.tasks.rows), 3) {
		g.tasks.rows[i].values["IsDeleted"] = true
		g.tasks.rows[i].Skip = skipDeleted
	}
	var candidates []*eventRows
	for _, er := range g.eventList {
		if !er.spec.group && !er.spec.allDay && len(er.relations) > 0 {
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
		i := g.rng.Intn(size)
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}
