package hubspot

// Brightwave Analytics, the fictional company of the HubSpot fixtures: a
// VP of sales, three first-line managers (Benelux, DACH, Iberia) with ten
// reps, a RevOps analyst outside the hierarchy, 24 companies, their deals
// and sixteen weeks of meetings, calls, tasks and e-mails (2026-01-05 to
// 2026-04-24), with subjects in Dutch, French, German, Spanish, Portuguese
// and English.

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

var amsterdam = mustLoadZone("Europe/Amsterdam")

func mustLoadZone(name string) *time.Location {
	zone, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return zone
}

// Fixed dates: the fixtures must not depend on when they are generated.
var (
	periodMonday = time.Date(2026, 1, 5, 0, 0, 0, 0, amsterdam)
	exportedAt   = time.Date(2026, 5, 4, 7, 12, 0, 0, time.UTC)
	felixLeft    = time.Date(2026, 3, 13, 16, 40, 5, 117_000_000, time.UTC)
)

const periodWeeks = 16

type fxOwner struct {
	key, id, userID       string
	first, last, email    string
	team                  string
	manager               *fxOwner
	archived              bool
	created, updated      time.Time
	language              string // of the team's subjects: nl, de, es
	managerChanceOnVisits float64
}

func (o *fxOwner) name() string { return o.first + " " + o.last }

type fxContact struct{ id, first, last, email string }

type fxCompany struct {
	id, name, domain, lifecycle, tier, industry string
	language                                    string // nl, fr, de, es, pt
	owner                                       *fxOwner
	revenue                                     *float64
	contacts                                    []fxContact
	created                                     time.Time
	archived                                    bool
}

type fxDeal struct {
	id, name, stage, pipeline string
	owner                     *fxOwner
	company                   *fxCompany
	amount                    *float64
	closeDate, created        time.Time
	// isClosedWon and isClosed are the API values, "true" or "false".
	isClosedWon, isClosed string
	archived              bool
}

// fxActivity is a meeting, call, task or e-mail, with the API's values.
type fxActivity struct {
	object  string // meetings, calls, tasks, emails
	id      string
	owner   *fxOwner
	subject string
	// at is hs_timestamp: the start, or a task's due date.
	at, end      time.Time
	durationMs   int64
	outcome      string
	activityType string
	location     string
	attendees    []*fxOwner
	company      *fxCompany
	deal         *fxDeal
	contacts     []string
	status       string
	direction    string
	priority     string
	taskType     string
	completed    time.Time
	created      time.Time
	notes        string
	archived     bool
	// Broken fixtures only: values written instead of the real ones, by
	// property name or label as the file writes it, a whole record
	// replaced, or a CSV line rewritten.
	bad         map[string]string
	rawJSON     string
	mangle      func(line string) string
	rejectField *string
}

// company is the generated company: everything both export forms hold.
type company struct {
	owners     []*fxOwner
	byKey      map[string]*fxOwner
	companies  []*fxCompany
	deals      []*fxDeal
	activities map[string][]*fxActivity
	anchors    anchors
}

// anchors are records with literal values, which the mapping tests check
// field by field.
type anchors struct {
	meeting, call, completedTask, reopenedTask, email *fxActivity
	company                                           *fxCompany
	renewal                                           *fxDeal
	felix                                             *fxOwner
}

// idMaker makes HubSpot-like numeric IDs, increasing as records are
// created, as HubSpot's do.
type idMaker struct {
	rng  *connectortest.Rand
	next map[string]int64
}

func (m *idMaker) id(space string, start int64) string {
	if m.next[space] == 0 {
		m.next[space] = start
	}
	m.next[space] += int64(m.rng.Between(1, 4000))
	return fmt.Sprint(m.next[space])
}

func generateCompany() *company {
	r := connectortest.NewRand(20260504)
	ids := &idMaker{rng: r, next: map[string]int64{}}
	c := &company{byKey: map[string]*fxOwner{}, activities: map[string][]*fxActivity{}}
	c.addOwners(ids)
	c.addCompanies(r, ids)
	c.addDeals(r, ids)
	g := &activityGenerator{c: c, r: r, ids: ids}
	g.generate()
	c.addAnchors()
	return c
}

// ownerSpec is one person of the sales organisation.
type ownerSpec struct {
	key, first, last, email, team, manager, language string
	created                                          time.Time
}

func (c *company) addOwners(ids *idMaker) {
	specs := []ownerSpec{
		{"sofie", "Sofie", "Vermeulen", "sofie.vermeulen", "Sales Leadership", "", "en", day(2019, 3, 4)},
		{"pieter", "Pieter", "de Vries", "pieter.devries", "Sales Benelux", "sofie", "nl", day(2020, 9, 1)},
		{"katrin", "Katrin", "Müller", "katrin.mueller", "Sales DACH", "sofie", "de", day(2021, 2, 15)},
		{"marta", "Marta", "Oliveira", "marta.oliveira", "Sales Iberia", "sofie", "es", day(2022, 6, 1)},
		{"joris", "Joris", "Bakker", "joris.bakker", "Sales Benelux", "pieter", "nl", day(2021, 1, 11)},
		{"emma", "Emma", "Janssens", "emma.janssens", "Sales Benelux", "pieter", "nl", day(2023, 4, 3)},
		{"lotte", "Lotte", "Peeters", "lotte.peeters", "Sales Benelux", "pieter", "nl", day(2025, 9, 1)},
		{"jonas", "Jonas", "Weber", "jonas.weber", "Sales DACH", "katrin", "de", day(2022, 1, 10)},
		{"lena", "Lena", "Schmidt", "lena.schmidt", "Sales DACH", "katrin", "de", day(2023, 10, 2)},
		{"felix", "Felix", "Wagner", "felix.wagner", "Sales DACH", "katrin", "de", day(2025, 5, 5)},
		{"javier", "Javier", "Ruiz", "javier.ruiz", "Sales Iberia", "marta", "es", day(2022, 9, 5)},
		{"carmen", "Carmen", "López", "carmen.lopez", "Sales Iberia", "marta", "es", day(2024, 2, 1)},
		{"tiago", "Tiago", "Santos", "tiago.santos", "Sales Iberia", "marta", "pt", day(2024, 11, 4)},
		{"ana", "Ana", "Costa", "ana.costa", "Sales Iberia", "marta", "pt", day(2025, 6, 2)},
		{"chloe", "Chloé", "Dubois", "chloe.dubois", "Revenue Operations", "", "en", day(2023, 1, 16)},
	}
	for _, s := range specs {
		o := &fxOwner{
			key: s.key, id: ids.id("owner", 412_093_000), userID: ids.id("user", 9_586_000),
			first: s.first, last: s.last, email: s.email + "@brightwave.example", team: s.team,
			language: s.language, created: s.created.Add(9*time.Hour + 17*time.Minute + 3*time.Second),
		}
		o.updated = o.created.AddDate(0, 0, 3)
		if s.manager != "" {
			o.manager = c.byKey[s.manager]
		}
		c.owners = append(c.owners, o)
		c.byKey[s.key] = o
	}
	felix := c.byKey["felix"]
	felix.archived, felix.updated = true, felixLeft
	c.byKey["pieter"].managerChanceOnVisits = 0.4
	c.byKey["katrin"].managerChanceOnVisits = 0.15
	c.byKey["marta"].managerChanceOnVisits = 0.1
	c.anchors.felix = felix
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// companySpec is one customer or prospect.
type companySpec struct {
	name, domain, language, owner, tier, lifecycle, industry string
	revenueMillions                                          float64
	contacts                                                 []string // "First Last"
}

func (c *company) addCompanies(r *connectortest.Rand, ids *idMaker) {
	specs := []companySpec{
		{"Van Dijk Logistiek B.V.", "vandijklogistiek.example", "nl", "joris", "tier1", "customer", "LOGISTICS_AND_SUPPLY_CHAIN", 210, []string{"Henk van Dijk", "Sanne de Boer", "Ruud Smit"}},
		{"Brouwerij De Klok", "brouwerijdeklok.example", "nl", "pieter", "tier1", "customer", "FOOD_BEVERAGES", 95, []string{"Wim Claes", "Inge Maes"}},
		{"Groupe Méridien SA", "groupe-meridien.example", "fr", "emma", "tier2", "customer", "CONSTRUCTION", 340, []string{"Camille Lefèvre", "Julien Moreau"}},
		{"Hoogeveen Bouwgroep", "hoogeveenbouw.example", "nl", "emma", "tier2", "customer", "CONSTRUCTION", 58, []string{"Kees Hoogeveen"}},
		{"Zeeland Havendiensten", "zeelandhaven.example", "nl", "joris", "tier3", "opportunity", "MARITIME", 31, []string{"Bram Verhoef", "Eva Mulder"}},
		{"Apotheek Keizersgracht", "apotheekkeizersgracht.example", "nl", "lotte", "", "salesqualifiedlead", "PHARMACEUTICALS", 0, []string{"Noor Jansen"}},
		{"Café Rouge Bruxelles", "caferouge.example", "fr", "lotte", "tier3", "customer", "RESTAURANTS", 4.2, []string{"Sophie Dupont"}},
		{"Delta Vastgoed N.V.", "deltavastgoed.example", "nl", "joris", "tier2", "opportunity", "REAL_ESTATE", 120, []string{"Maarten Kok", "Femke Bos"}},
		{"Alpenland Versicherung AG", "alpenland-versicherung.example", "de", "katrin", "tier1", "customer", "INSURANCE", 480, []string{"Thomas Gruber", "Sabine Hofer", "Markus Steiner"}},
		{"Schmidt & Partner GmbH", "schmidt-partner.example", "de", "jonas", "tier2", "customer", "MANAGEMENT_CONSULTING", 36, []string{"Andreas Schmidt", "Julia Neumann"}},
		{"Nordlicht Energie GmbH", "nordlicht-energie.example", "de", "lena", "tier1", "customer", "RENEWABLES_ENVIRONMENT", 260, []string{"Stefan Krüger", "Anja Becker"}},
		{"Bäckerei Huber KG", "baeckerei-huber.example", "de", "felix", "tier3", "customer", "FOOD_PRODUCTION", 12, []string{"Josef Huber"}},
		{"Rheintal Maschinenbau GmbH", "rheintal-maschinenbau.example", "de", "jonas", "tier2", "opportunity", "MACHINERY", 150, []string{"Uwe Fischer", "Petra Wolf"}},
		{"Wiener Kaffeehaus Holding", "wiener-kaffeehaus.example", "de", "lena", "", "salesqualifiedlead", "HOSPITALITY", 0, []string{"Lukas Bauer"}},
		{"Zürcher Privatklinik AG", "zuercher-privatklinik.example", "de", "katrin", "tier1", "customer", "HOSPITAL_HEALTH_CARE", 390, []string{"Claudia Meier", "Reto Keller"}},
		{"Construcciones Ibéricas S.A.", "construcciones-ibericas.example", "es", "javier", "tier1", "customer", "CONSTRUCTION", 310, []string{"Alejandro García", "Lucía Martín"}},
		{"Bodegas del Duero", "bodegasdelduero.example", "es", "carmen", "tier2", "customer", "WINE_AND_SPIRITS", 27, []string{"Pablo Sánchez", "Elena Romero"}},
		{"Lusitânia Seguros", "lusitania-seguros.example", "pt", "tiago", "tier1", "customer", "INSURANCE", 275, []string{"João Pereira", "Mariana Silva"}},
		{"Ferreira Têxteis Lda", "ferreira-texteis.example", "pt", "ana", "tier3", "customer", "TEXTILES", 18, []string{"Rui Ferreira"}},
		{"Hospital San Rafael", "hospitalsanrafael.example", "es", "javier", "tier2", "opportunity", "HOSPITAL_HEALTH_CARE", 88, []string{"Carmen Ortega", "Diego Navarro"}},
		{"Transportes Atlántico", "transportes-atlantico.example", "es", "carmen", "", "salesqualifiedlead", "TRANSPORTATION_TRUCKING_RAILROAD", 0, []string{"Raúl Molina"}},
		{"Banco Minho", "bancominho.example", "pt", "marta", "tier1", "customer", "BANKING", 1200, []string{"Inês Carvalho", "Pedro Sousa"}},
		{"Supermercados Sol", "supermercados-sol.example", "es", "ana", "tier3", "opportunity", "RETAIL", 64, []string{"Marta Gil"}},
	}
	for _, s := range specs {
		co := &fxCompany{
			id: ids.id("company", 28_374_000_000), name: s.name, domain: s.domain, language: s.language,
			owner: c.byKey[s.owner], tier: s.tier, lifecycle: s.lifecycle, industry: s.industry,
			created: time.Date(2024, time.Month(r.Between(1, 12)), r.Between(1, 28), r.Between(7, 17), r.Between(0, 59), r.Between(0, 59), r.Between(0, 999)*1_000_000, time.UTC),
		}
		if s.revenueMillions > 0 {
			revenue := s.revenueMillions * 1_000_000
			co.revenue = &revenue
		}
		for _, name := range s.contacts {
			first, last, _ := strings.Cut(name, " ")
			co.contacts = append(co.contacts, fxContact{
				id: ids.id("contact", 98_120_000_000), first: first, last: last,
				email: asciiFold(strings.ToLower(first+"."+strings.ReplaceAll(last, " ", ""))) + "@" + s.domain,
			})
		}
		c.companies = append(c.companies, co)
	}
	// A copy merged away: HubSpot keeps it archived, and an API export of
	// archived records brings it along.
	dup := *c.companies[0]
	dup.id, dup.name, dup.archived, dup.contacts = ids.id("company", 0), "Van Dijk Logistiek BV", true, nil
	c.companies = append(c.companies, &dup)
}

// asciiFold spells a name as an e-mail address does.
func asciiFold(s string) string {
	return strings.NewReplacer("é", "e", "è", "e", "ü", "ue", "ö", "oe", "ä", "ae", "á", "a", "í", "i", "ó", "o",
		"ú", "u", "ã", "a", "ç", "c", "ê", "e", "â", "a", "ñ", "n", "ß", "ss", "ô", "o").Replace(s)
}

func (c *company) companyByName(name string) *fxCompany {
	for _, co := range c.companies {
		if co.name == name && !co.archived {
			return co
		}
	}
	panic("fixture bug: no company " + name)
}

// Deal stages of the default pipeline, in order.
var openStages = []string{"appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent"}

// The renewals pipeline has stage IDs of its own, as every pipeline but
// the default one does: only hs_is_closed_won and hs_is_closed tell a won
// or lost renewal.
const (
	renewalsPipeline = "81234567"
	stageRenewalDue  = "81234568"
	stageRenewed     = "81234569"
	stageChurned     = "81234570"
)

var dealKinds = map[string][]string{
	"nl": {"Uitbreiding licenties", "Nieuwe vestiging", "Jaarcontract"},
	"fr": {"Extension de licences", "Nouveau site"},
	"de": {"Lizenzerweiterung", "Rahmenvertrag", "Neuer Standort"},
	"es": {"Ampliación de licencias", "Contrato anual"},
	"pt": {"Expansão de licenças", "Contrato anual"},
}

func (c *company) addDeals(r *connectortest.Rand, ids *idMaker) {
	for _, co := range c.companies {
		if co.archived {
			continue
		}
		for i := range r.Between(1, 2) {
			d := &fxDeal{
				id: ids.id("deal", 31_904_000_000), owner: co.owner, company: co, pipeline: "default",
				name:    co.name + " – " + dealKinds[co.language][i%len(dealKinds[co.language])],
				created: time.Date(2025, time.Month(r.Between(9, 12)), r.Between(1, 28), r.Between(7, 17), r.Between(0, 59), r.Between(0, 59), r.Between(0, 999)*1_000_000, time.UTC),
			}
			amount := float64(r.Between(8, 240)) * 1000
			if r.Chance(0.15) {
				amount += 500
			}
			d.amount = &amount
			switch x := r.Intn(10); {
			case x < 3:
				d.stage, d.isClosedWon, d.isClosed = "closedwon", "true", "true"
				d.closeDate = periodMonday.AddDate(0, 0, r.Between(3, periodWeeks*7-10)).Add(11 * time.Hour).UTC()
			case x < 5:
				d.stage, d.isClosedWon, d.isClosed = "closedlost", "false", "true"
				d.closeDate = periodMonday.AddDate(0, 0, r.Between(3, periodWeeks*7-10)).Add(11 * time.Hour).UTC()
			default:
				d.stage, d.isClosedWon, d.isClosed = connectortest.Pick(r, openStages), "false", "false"
				d.closeDate = periodMonday.AddDate(0, 0, r.Between(periodWeeks*7, periodWeeks*7+120)).Add(11 * time.Hour).UTC()
			}
			c.deals = append(c.deals, d)
		}
	}
	// A deal with no amount yet, and a manager's deal on a rep's account.
	c.deals[3].amount = nil
	big := 185000.0
	c.deals = append(c.deals, &fxDeal{
		id: ids.id("deal", 0), name: "Nordlicht Energie GmbH – Konzernlizenz", stage: "closedwon", pipeline: "default",
		owner: c.byKey["katrin"], company: c.companyByName("Nordlicht Energie GmbH"), amount: &big,
		closeDate: time.Date(2026, 4, 9, 11, 0, 0, 0, time.UTC), created: time.Date(2025, 11, 18, 10, 3, 44, 871_000_000, time.UTC),
		isClosedWon: "true", isClosed: "true",
	})
	renewal := func(co *fxCompany, stage, won, closed string, amount float64, closeDate time.Time) *fxDeal {
		d := &fxDeal{
			id: ids.id("deal", 0), name: co.name + " – Renewal 2026", stage: stage, pipeline: renewalsPipeline,
			owner: co.owner, company: co, amount: &amount, closeDate: closeDate,
			created: time.Date(2026, 1, 12, 9, 14, 51, 203_000_000, time.UTC), isClosedWon: won, isClosed: closed,
		}
		c.deals = append(c.deals, d)
		return d
	}
	c.anchors.renewal = renewal(c.companyByName("Alpenland Versicherung AG"), stageRenewed, "true", "true", 96000, time.Date(2026, 3, 20, 11, 0, 0, 0, time.UTC))
	renewal(c.companyByName("Café Rouge Bruxelles"), stageChurned, "false", "true", 4800, time.Date(2026, 2, 27, 11, 0, 0, 0, time.UTC))
	renewal(c.companyByName("Banco Minho"), stageRenewalDue, "false", "false", 240000, time.Date(2026, 6, 30, 11, 0, 0, 0, time.UTC))
	// Deleted after a mistaken import: archived, only in an API export.
	lost := 1000.0
	c.deals = append(c.deals, &fxDeal{
		id: ids.id("deal", 0), name: "TEST – do not use", stage: "appointmentscheduled", pipeline: "default",
		owner: c.byKey["chloe"], company: c.companies[0], amount: &lost, closeDate: time.Date(2026, 2, 1, 11, 0, 0, 0, time.UTC),
		created: time.Date(2026, 1, 7, 8, 0, 12, 4_000_000, time.UTC), isClosedWon: "false", isClosed: "false", archived: true,
	})
}

func (c *company) dealsOf(co *fxCompany) []*fxDeal {
	var out []*fxDeal
	for _, d := range c.deals {
		if d.company == co && !d.archived && d.pipeline == "default" {
			out = append(out, d)
		}
	}
	return out
}

// addAnchors plants the records the mapping tests spell out: literal
// values, IDs apart from the generated ones.
func (c *company) addAnchors() {
	vanDijk := c.companyByName("Van Dijk Logistiek B.V.")
	c.anchors.meeting = c.add(&fxActivity{
		object: "meetings", id: "60990000101", owner: c.byKey["joris"], subject: "Klantbezoek Van Dijk Logistiek B.V.",
		at: time.Date(2026, 2, 10, 8, 30, 0, 0, time.UTC), end: time.Date(2026, 2, 10, 9, 45, 0, 0, time.UTC),
		outcome: "COMPLETED", activityType: "Customer visit", location: "Waalhaven Oostzijde 1, Rotterdam",
		attendees: []*fxOwner{c.byKey["joris"], c.byKey["pieter"]}, company: vanDijk, deal: c.dealsOf(vanDijk)[0],
		contacts: []string{vanDijk.contacts[0].id, vanDijk.contacts[1].id},
		created:  time.Date(2026, 2, 3, 11, 2, 13, 512_000_000, time.UTC),
		notes:    "Rondleiding magazijn.\nVolgende stap: offerte voor 40 extra licenties.",
	})
	bodegas := c.companyByName("Bodegas del Duero")
	c.anchors.call = c.add(&fxActivity{
		object: "calls", id: "60990000202", owner: c.byKey["carmen"], subject: "Llamada de seguimiento Bodegas del Duero",
		at: time.Date(2026, 3, 31, 8, 15, 0, 0, time.UTC), durationMs: 754_321, status: "COMPLETED", direction: "OUTBOUND",
		activityType: "Follow-up", company: bodegas, contacts: []string{bodegas.contacts[0].id},
		created: time.Date(2026, 3, 31, 8, 28, 41, 96_000_000, time.UTC),
	})
	deKlok := c.companyByName("Brouwerij De Klok")
	c.anchors.completedTask = c.add(&fxActivity{
		object: "tasks", id: "60990000303", owner: c.byKey["pieter"], subject: "QBR prep Brouwerij De Klok",
		at: time.Date(2026, 3, 2, 16, 0, 0, 0, time.UTC), completed: time.Date(2026, 3, 5, 16, 12, 0, 0, time.UTC),
		status: "COMPLETED", priority: "HIGH", taskType: "TODO", company: deKlok,
		created: time.Date(2026, 2, 23, 7, 45, 9, 330_000_000, time.UTC),
	})
	c.anchors.reopenedTask = c.add(&fxActivity{
		object: "tasks", id: "60990000304", owner: c.byKey["marta"], subject: "Informe de gastos febrero",
		at: time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC), completed: time.Date(2026, 3, 9, 10, 2, 0, 0, time.UTC),
		status: "IN_PROGRESS", priority: "MEDIUM", taskType: "TODO",
		created: time.Date(2026, 2, 27, 15, 20, 0, 0, time.UTC),
	})
	nordlicht := c.companyByName("Nordlicht Energie GmbH")
	c.anchors.email = c.add(&fxActivity{
		object: "emails", id: "60990000405", owner: c.byKey["lena"], subject: "Angebot Nordlicht Energie GmbH",
		at: time.Date(2026, 1, 20, 13, 5, 0, 0, time.UTC), direction: "EMAIL", status: "SENT",
		company: nordlicht, deal: c.dealsOf(nordlicht)[0], contacts: []string{nordlicht.contacts[0].id, nordlicht.contacts[1].id},
		created: time.Date(2026, 1, 20, 13, 5, 2, 800_000_000, time.UTC),
	})
	c.anchors.company = c.companyByName("Alpenland Versicherung AG")
}

func (c *company) add(a *fxActivity) *fxActivity {
	c.activities[a.object] = append(c.activities[a.object], a)
	return a
}
