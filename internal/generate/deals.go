package generate

import (
	"math"
	"time"
)

// addDeals writes the team's opportunities: each member's won deals
// adding up to the member's planned won amount (which makes the ranking
// PM3 and PM6 see), lost and open deals around them, the manager's own
// deals on house accounts and, for a manager who claims the credit
// (PM5), big deals booked on the manager's name on accounts the reps
// worked. It returns what PM5 will measure.
func (g *generator) addDeals(t *team) (claimedShare float64) {
	r := t.rng
	var teamWon float64
	for _, m := range t.members {
		g.addWon(t, m)
		teamWon += m.won
		for range r.between(1, 2) {
			g.addDeal(t, m.id, pick(r, m.workedAccounts()), "Closed Lost", g.closeIn(r, m, nil), r.jitter(m.won/3, 0.5))
		}
		for range r.between(1, 3) {
			if !m.staying() {
				break
			}
			close := g.period.end.AddDate(0, 0, r.between(5, 150))
			g.addDeal(t, m.id, pick(r, m.ownedAccounts()), pick(r, openStages), close, r.jitter(m.won/3, 0.5))
		}
	}
	for _, a := range t.house {
		amount := math.Round(r.jitter(8000*float64(g.opts.Months), 0.3)/100) * 100
		g.addDeal(t, t.manager.id, a, "Closed Won", g.closeIn(r, nil, a), amount)
		teamWon += amount
	}
	if !t.planted.has(PM5) {
		return 0
	}
	// Booked on the manager so that they make 45 % of the team's won
	// revenue: well past the 25 % of PM5's high threshold.
	want := teamWon * 0.45 / 0.55
	targets := g.claimTargets(t)
	var claimed float64
	for i, a := range targets {
		amount := math.Round(want/float64(len(targets))/100) * 100
		if i == len(targets)-1 {
			amount = math.Round(want - claimed)
		}
		claimed += g.addDeal(t, t.manager.id, a, "Closed Won", g.claimClose(r, a), amount)
	}
	return 100 * claimed / (teamWon + claimed)
}

// addWon splits a member's won amount into deals on their accounts,
// bigger on key accounts, closed while they worked the account.
func (g *generator) addWon(t *team, m *member) {
	r := t.rng
	n := r.between(2, 4)
	if m.kind == newHire || m.kind == veteranLeaver {
		n = r.between(1, 2)
	}
	weights := make([]float64, n)
	var sum float64
	for i := range weights {
		weights[i] = 0.5 + r.float()
		sum += weights[i]
	}
	left := m.won
	accounts := m.workedAccounts()
	for i, w := range weights {
		amount := math.Round(m.won*w/sum/100) * 100
		if i == n-1 {
			amount = left
		}
		a := pick(r, accounts)
		// Most of a team's revenue comes from its key accounts; all of it,
		// where it can, for a manager who spends customer time elsewhere
		// (BM2 compares that time with the revenue of the accounts).
		if keys := m.keyAccountsWorked(); len(keys) > 0 && (t.plan.jointOnNonKey || r.chance(0.6)) {
			a = pick(r, keys)
		}
		left -= g.addDeal(t, m.id, a, "Closed Won", g.closeIn(r, m, a), amount)
	}
}

// closeIn is a close date in the period while the member (if any) was
// in the team and before the account (if any) went quiet.
func (g *generator) closeIn(r rng, m *member, a *account) time.Time {
	from, to := g.period.start.AddDate(0, 0, 3), g.period.end.AddDate(0, 0, -1)
	if m != nil {
		if j := m.joined.AddDate(0, 0, 21); j.After(from) {
			from = j
		}
		if !m.left.IsZero() && m.left.Before(to) {
			to = m.left.AddDate(0, 0, -1)
		}
	}
	if a != nil && !a.quietFrom.IsZero() && a.quietFrom.Before(to) {
		to = a.quietFrom.AddDate(0, 0, -1)
	}
	return randomDay(r, from, to)
}

// claimClose is when a claimed deal closes: late enough that the reps
// have worked the account for weeks in the period.
func (g *generator) claimClose(r rng, a *account) time.Time {
	span := g.period.end.Sub(g.period.start)
	from := g.period.start.Add(min(42*day, span/2))
	to := g.period.end.AddDate(0, 0, -3)
	if !a.quietFrom.IsZero() && a.quietFrom.Before(to) {
		to = a.quietFrom.AddDate(0, 0, -1)
	}
	return randomDay(r, from, to)
}

// claimTargets are the accounts whose deals a credit-claiming manager
// books: key accounts that reps work all period and that the manager
// neither hoards nor lets go quiet, else the veterans' other accounts.
func (g *generator) claimTargets(t *team) []*account {
	var out []*account
	for _, a := range t.keyAccounts() {
		if !a.hoarded && a.quietFrom.IsZero() {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		for _, a := range t.accounts {
			if a.owner != nil && a.owner.kind == veteran && a.formerOwner == nil && !a.key {
				out = append(out, a)
			}
		}
	}
	t.rng.shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:min(2, len(out))]
}

func randomDay(r rng, from, to time.Time) time.Time {
	from, to = midnight(from), midnight(to)
	days := int(to.Sub(from).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, r.intn(days+1))
}

// addDeal writes a deal and returns its amount as written.
func (g *generator) addDeal(t *team, owner sfID, a *account, stage string, close time.Time, amount float64) float64 {
	r := t.rng
	amount = math.Max(1000, math.Round(amount/100)*100)
	product := pick(r, products)
	d := deal{id: t.ids.id(kindOpportunity), account: a, owner: owner, stage: stage, amount: amount, close: close,
		name:     a.short + " - " + product + " " + itoa(close.Year()),
		dealType: pick(r, []string{"New Business", "Existing Business", "Existing Business"})}
	d.created = close.AddDate(0, 0, -r.between(30, 150)).Add(time.Duration(r.between(8, 17)) * time.Hour)
	d.modified = close.Add(time.Duration(r.between(9, 18)) * time.Hour)
	if d.modified.After(g.period.end) {
		d.modified = g.period.end.Add(-time.Duration(r.between(1, 48)) * time.Hour)
	}
	if r.chance(0.3) {
		d.description = "Scope: " + product + "\nCompetitor: " + pick(r, competitors) + "\nDecision maker: \"procurement\""
	}
	if !stageFacts[stage].isClosed {
		a.openDeals = append(a.openDeals, d.id)
	}
	if stageFacts[stage].isWon && !close.Before(g.period.start) && close.Before(g.period.end) {
		a.won += amount
	}
	g.out.opportunity(&d, t.region.name)
	return amount
}

// workedAccounts are the accounts the member works at some time in the
// period; ownedAccounts those they own at export.
func (m *member) workedAccounts() []*account { return m.accounts }

func (m *member) ownedAccounts() []*account {
	var out []*account
	for _, a := range m.accounts {
		if a.owner == m {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return m.accounts
	}
	return out
}

func (m *member) keyAccountsWorked() []*account {
	var out []*account
	for _, a := range m.accounts {
		if a.key {
			out = append(out, a)
		}
	}
	return out
}
