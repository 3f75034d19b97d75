package generate

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// account is a customer (or prospect) of a team.
type account struct {
	id sfID
	company
	// owner is the member who owns it at export time; nil when the
	// manager owns it (a house account).
	owner   *member
	manager *person
	// formerOwner worked the account until handover, when they left and
	// Salesforce's owner was changed to owner.
	formerOwner *member
	handover    time.Time

	key               bool
	tier, accountType string
	rating, industry  string
	phone             string
	revenue           float64
	// won is what deals on the account won in the period.
	won                  float64
	employees            int
	place                place
	created, modified    time.Time
	contacts             []contact
	openDeals            []sfID
	quietFrom            time.Time
	hoarded              bool
	lastTouch            time.Time
	mgrWeekly, repWeekly float64
}

// ownerID is the OwnerId written for the account.
func (a *account) ownerID() sfID {
	if a.owner == nil {
		return a.manager.id
	}
	return a.owner.id
}

func (a *account) domain() string { return domainOf(a.short) }

// quietOn says whether the team has stopped working the account (CM1).
func (a *account) quietOn(t time.Time) bool { return !a.quietFrom.IsZero() && !t.Before(a.quietFrom) }

// workerOn is the member who works the account on a day, nil for none
// (the manager's house accounts, a new hire's accounts before they start).
func (a *account) workerOn(t time.Time) *member {
	if a.formerOwner != nil && t.Before(a.handover) {
		if a.formerOwner.activeOn(t) {
			return a.formerOwner
		}
		return nil
	}
	if a.owner != nil && a.owner.activeOn(t) {
		return a.owner
	}
	return nil
}

type contact struct {
	id                 sfID
	first, last, title string
	salutation         string
	created            time.Time
}

func (c *contact) name() string { return c.first + " " + c.last }

// lead is a prospect not yet converted: no account.
type lead struct {
	id          sfID
	first, last string
	title       string
	company     company
	country     string
	owner       sfID
	created     time.Time
}

// deal is an opportunity.
type deal struct {
	id                sfID
	account           *account
	owner             sfID
	name, stage       string
	dealType          string
	description       string
	amount            float64
	close             time.Time
	created, modified time.Time
}

// fillTeam gives the team its accounts (a long tail of revenue, the
// biggest as Tier 1 key accounts owned by reps who are there the whole
// period), contacts and leads, and writes them.
func (g *generator) fillTeam(t *team) {
	r := t.rng
	var owners []*member // one entry per account a member owns
	var keyOwners []*member
	for _, m := range t.members {
		n := r.between(6, 11)
		switch m.kind {
		case newHire:
			n = r.between(4, 7)
		case veteranLeaver:
			n = r.between(5, 8)
		}
		if m.kind == veteran || m.kind == recentHire {
			keys := 1
			if r.chance(0.4) {
				keys = 2
			}
			for range keys {
				keyOwners = append(keyOwners, m)
			}
			n -= keys
		}
		for range n {
			owners = append(owners, m)
		}
	}
	if len(keyOwners) < 2 {
		keyOwners = append(keyOwners, keyOwners[0])
	}
	houses := r.between(2, 3)
	revenues := make([]float64, len(keyOwners)+len(owners)+houses)
	for i := range revenues {
		revenues[i] = math.Round(math.Min(r.pareto(800_000, 1.16), 4e9)/10_000) * 10_000
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(revenues)))
	r.shuffle(len(owners), func(i, j int) { owners[i], owners[j] = owners[j], owners[i] })
	for i, m := range keyOwners {
		t.accounts = append(t.accounts, g.newAccount(t, m, revenues[i], "Tier 1"))
	}
	rest := revenues[len(keyOwners):]
	r.shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	for i, m := range owners {
		t.accounts = append(t.accounts, g.newAccount(t, m, rest[i], g.tierOf(rest[i])))
	}
	for _, rev := range rest[len(owners):] {
		a := g.newAccount(t, nil, rev, "Tier 2")
		t.house = append(t.house, a)
		t.accounts = append(t.accounts, a)
	}
	g.handOverLeavers(t)
	g.markQuietAndHoarded(t)
	for _, a := range t.accounts {
		g.out.account(a, g.adminID, t.region.name)
		for i := range a.contacts {
			g.out.contact(&a.contacts[i], a)
		}
	}
	g.addLeads(t)
}

func (g *generator) tierOf(revenue float64) string {
	switch {
	case revenue >= 2_000_000:
		return "Tier 2"
	default:
		return "Tier 3"
	}
}

func (g *generator) newAccount(t *team, owner *member, revenue float64, tier string) *account {
	r := t.rng
	a := &account{id: t.ids.id(kindAccount), company: newCompany(r, t.lang, t.region), owner: owner,
		manager: &t.manager, key: tier == "Tier 1", tier: tier, revenue: revenue,
		industry: pick(r, industries), place: pick(r, t.region.places)}
	a.accountType = "Customer"
	a.rating = pick(r, []string{"Hot", "Warm", "Warm", "Cold"})
	if tier == "Tier 3" && r.chance(0.25) {
		a.accountType, a.revenue, a.rating = "Prospect", 0, "Cold"
	}
	a.employees = int(revenue / float64(r.between(150_000, 400_000)))
	a.phone = dialCodes[a.place.country] + " " + strconv.Itoa(r.between(10, 99)) + " " + strconv.Itoa(r.between(1_000_000, 9_999_999))
	a.created = g.period.end.AddDate(-r.between(1, 9), -r.between(0, 11), -r.between(0, 27)).Add(time.Duration(r.between(8, 17)) * time.Hour)
	if owner != nil && owner.kind == newHire {
		a.created = owner.joined.AddDate(0, 0, r.between(0, 10))
	}
	a.modified = a.created.AddDate(0, r.between(0, 10), r.between(0, 27))
	contacts := r.between(1, 3)
	if a.key {
		contacts = r.between(3, 4)
	}
	lang := t.lang
	for range contacts {
		c := contact{id: t.ids.id(kindContact), first: pick(r, firstNames[lang]), last: pick(r, lastNames[lang]),
			title: pick(r, contactTitles), created: a.created.AddDate(0, r.between(0, 20), r.between(0, 27))}
		if c.created.After(g.period.end) {
			c.created = a.created
		}
		a.contacts = append(a.contacts, c)
	}
	return a
}

// handOverLeavers gives the accounts of a rep who leaves during the
// period to a veteran of the team: the export shows the new owner, the
// activities before the handover the leaver.
func (g *generator) handOverLeavers(t *team) {
	var veterans []*member
	for _, m := range t.members {
		if m.kind == veteran {
			veterans = append(veterans, m)
		}
	}
	for _, a := range t.accounts {
		if a.owner == nil || a.owner.kind != veteranLeaver {
			continue
		}
		a.formerOwner, a.handover = a.owner, a.owner.left
		a.owner = pick(t.rng, veterans)
	}
	for _, a := range t.accounts {
		if a.owner != nil {
			a.owner.accounts = append(a.owner.accounts, a)
		}
		if a.formerOwner != nil {
			a.formerOwner.accounts = append(a.formerOwner.accounts, a)
		}
	}
}

// markQuietAndHoarded plants the customer mistakes: key accounts the team
// stopped working six to eight weeks before the end (CM1), and rep-owned
// key accounts the manager keeps to themselves (CM2).
func (g *generator) markQuietAndHoarded(t *team) {
	r := t.rng
	keys := t.keyAccounts()
	r.shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	if t.planted.has(CM2) {
		n := 1
		if len(keys) >= 5 {
			n = 2
		}
		for _, a := range keys[:n] {
			a.hoarded = true
		}
		keys = keys[n:]
	}
	if t.planted.has(CM1) {
		n := max(1, int(math.Round(0.6*float64(len(t.keyAccounts())))))
		n = min(n, len(keys))
		quiet := g.period.end.AddDate(0, 0, -r.between(42, 56))
		for _, a := range keys[:n] {
			a.quietFrom = quiet
		}
	}
}

// nonKeyRevenueShare is the share of the team's won revenue that its
// non-key accounts make, in percent: BM2's revenue term.
func (t *team) nonKeyRevenueShare() float64 {
	var all, nonKey float64
	for _, a := range t.accounts {
		all += a.won
		if !a.key {
			nonKey += a.won
		}
	}
	if all == 0 {
		return 0
	}
	return 100 * nonKey / all
}

func (t *team) keyAccounts() []*account {
	var out []*account
	for _, a := range t.accounts {
		if a.key {
			out = append(out, a)
		}
	}
	return out
}

func (g *generator) addLeads(t *team) {
	r := t.rng
	for range r.between(6, 12) {
		owner := t.manager.id
		if r.chance(0.7) {
			owner = pick(r, t.members).id
		}
		l := lead{id: t.ids.id(kindLead), first: pick(r, firstNames[t.lang]), last: pick(r, lastNames[t.lang]),
			title: pick(r, contactTitles), company: newCompany(r, t.lang, t.region), owner: owner,
			country: pick(r, t.region.places).country,
			created: g.period.start.AddDate(0, -r.between(0, 6), -r.between(0, 27))}
		t.leads = append(t.leads, l)
		g.out.lead(&l)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
