package generate

import (
	"math"
	"sort"
	"time"
)

// slotKind is how a member came to be in the team.
type slotKind int

const (
	// veteran: in the team for years.
	veteran slotKind = iota
	// recentHire: joined in the 24 months before the end, before the
	// period (a hire for PM6).
	recentHire
	// newHire: joined during the period (a hire for PM6).
	newHire
	// veteranLeaver: in the team for years, left during the period.
	veteranLeaver
	// earlyLeaver: a hire who left within a year, before the period;
	// not in the team during the period.
	earlyLeaver
)

func (k slotKind) isHire() bool { return k == recentHire || k == newHire || k == earlyLeaver }

// member is a direct report of the team's manager.
type member struct {
	person
	kind slotKind
	// rank is the member's place by won amount in the period, 1 the
	// lowest.
	rank int
	// won is what the member's deals won in the period add up to.
	won float64
	// weight is the member's share of the manager's coaching; neglected
	// members (PM2) get a single 1:1 in the whole period.
	weight    float64
	neglected bool
	// rankedLow: a hire planted in the team's bottom 20 % (PM6).
	rankedLow bool
	accounts  []*account
}

// team is a first-line manager, their reps and what they sell to.
type team struct {
	name     string
	lang     string
	region   *region
	director *person
	manager  person
	// managerFromRole and repsFromRole leave ManagerId empty: the
	// manager comes from the role hierarchy.
	managerFromRole, repsFromRole bool
	managerRole, repRole          sfID

	members []*member
	// extras are former members, not in the team during the period.
	extras []*member

	planted ruleSet
	// implied are mistakes that follow from planted ones (PM2 from PM1).
	implied ruleSet
	hiring  hiring
	plan    timePlan
	// gapFrom and gapTo are the weeks (indexes) without business work
	// (BM4); equal when there is no gap.
	gapFrom, gapTo int
	// oneOnOne is the length of the manager's recurring 1:1s.
	oneOnOne int

	accounts []*account
	house    []*account
	leads    []lead

	rng rng
	ids *idMaker
}

func (t *team) mistakes() ruleSet { return t.planted | t.implied }

func (t *team) inGap(w int) bool { return w >= t.gapFrom && w < t.gapTo }

// hiring is the design of a team's hires for PM6.
type hiring struct {
	status Status
	// early hires left within a year, before the period.
	early int
	// slots are the hires in the team during the period.
	slots []slotKind
	// rankedLow is how many of those sit at the bottom (0 or 1).
	rankedLow int
}

func (h hiring) hires() int { return h.early + len(h.slots) }

func (h hiring) metric() float64 {
	if h.hires() == 0 {
		return 0
	}
	return 100 * float64(h.early+h.rankedLow) / float64(h.hires())
}

// plantedHirings are the designs of a manager who hires the wrong people:
// at least half of the hires left within a year or sit at the bottom.
var plantedHirings = []hiring{
	{status: StatusPlanted, early: 2, slots: []slotKind{recentHire}, rankedLow: 0},
	{status: StatusPlanted, early: 2, slots: []slotKind{recentHire}, rankedLow: 1},
	{status: StatusPlanted, early: 1, slots: []slotKind{recentHire}, rankedLow: 1},
	{status: StatusPlanted, early: 1, slots: []slotKind{recentHire, newHire}, rankedLow: 1},
	{status: StatusPlanted, early: 2, slots: []slotKind{recentHire, recentHire}, rankedLow: 1},
}

// chooseHiring designs a team's hires. A hire at the bottom counts as a
// miss only where PM6 ranks, in teams of at least five staying reps.
func chooseHiring(r rng, planted, ranked bool) hiring {
	switch {
	case planted:
		for {
			h := pick(r, plantedHirings)
			if ranked || h.rankedLow == 0 || h.early*2 >= h.hires() {
				if !ranked {
					h.rankedLow = 0
				}
				return h
			}
		}
	case r.chance(0.6):
		h := hiring{status: StatusClean}
		for range r.between(2, 3) {
			h.slots = append(h.slots, pick(r, []slotKind{recentHire, newHire}))
		}
		return h
	default:
		h := hiring{status: StatusNotEnoughData}
		if r.chance(0.5) {
			h.slots = []slotKind{pick(r, []slotKind{recentHire, newHire})}
		}
		return h
	}
}

// teamSize draws how many reps report to a manager: about the size asked
// for, and now and then a small team, too small for PM3's ranking.
func teamSize(r rng, reps int) int {
	if reps >= 5 && r.chance(0.15) {
		return r.between(3, 4)
	}
	return max(2, reps+r.between(-1, 1))
}

// designTeam decides a team: its people, its mistakes, its hires and how
// its reps rank. Accounts and deals come later (fillTeam).
func (g *generator) designTeam(index int, dir *director) *team {
	r := newRNG(g.opts.Seed, streamTeam+uint64(index))
	t := &team{region: dir.region, director: &dir.person, rng: r,
		ids: newIDMaker(r, g.idBases, blockTeam+uint64(index))}
	t.lang = pick(r, t.region.langs)
	t.name = t.region.name + " " + t.region.areas[index%len(t.region.areas)]
	if n := index / len(t.region.areas); n > 0 {
		t.name += " " + string(rune('A'+n%26))
	}
	size := teamSize(r, g.opts.RepsPerManager)
	// A veteran who leaves during the period is in the team but not
	// among the reps PM3 and PM6 rank.
	leaver := size >= 4 && len(g.period.weeks) >= 8 && r.chance(0.2)
	stayers := size
	if leaver {
		stayers--
	}
	total := r.jitter(weeklyMinutes, 0.1)
	t.planted = g.choosePlanted(r, size, stayers, total)
	t.implied = g.implied(t.planted)
	t.hiring = chooseHiring(r, t.planted.has(PM6), stayers >= minGroupSize)
	t.oneOnOne = pick(r, []int{30, 30, 45})
	g.addPeople(t, size, leaver)
	t.plan = planTime(t.planted, len(t.members), total, g.traits)
	g.placeGap(t)
	rankMembers(t, g.period.end)
	g.setWeights(t)
	g.setWon(t)
	return t
}

// choosePlanted picks a manager's mistakes: a third of the managers have
// none, the others one to three, each kept only if the plan can show it
// clearly without tipping another rule.
func (g *generator) choosePlanted(r rng, size, stayers int, total float64) ruleSet {
	if r.chance(1.0 / 3) {
		return 0
	}
	want := r.between(1, 3)
	candidates := make([]Rule, 0, numRules)
	for rule := range numRules {
		if g.plantable(rule, stayers) {
			candidates = append(candidates, rule)
		}
	}
	r.shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	var set ruleSet
	for _, rule := range candidates {
		if set.count() == want {
			break
		}
		if g.planWorks(set.with(rule), size, total) {
			set = set.with(rule)
		}
	}
	return set
}

// plantable says whether a rule can be planted in a team with stayers
// reps staying to the end, in this period.
func (g *generator) plantable(rule Rule, stayers int) bool {
	switch rule {
	case PM3:
		return stayers >= minGroupSize
	case BM4:
		return len(g.period.weeks) >= bm4MinWeeks
	}
	return true
}

// minGroupSize is the audit's default minimum of reps to rank (PM3).
const minGroupSize = 5

// bm4MinWeeks is the shortest period a business-duties gap is planted in:
// a gap of bm4GapMin weeks with room around it.
const (
	bm4MinWeeks = 14
	bm4GapMin   = 9
	bm4GapMax   = 14
)

func (g *generator) gapWeeks() int {
	return min(bm4GapMax, max(bm4GapMin, int(math.Round(0.4*float64(len(g.period.weeks))))))
}

// planWorks says whether a manager with the mistakes planted can be
// planned with every rule clearly on its intended side.
func (g *generator) planWorks(planted ruleSet, size int, total float64) bool {
	p := planTime(planted, size, total, g.traits)
	gapShare := 0.0
	if planted.has(BM4) {
		gapShare = float64(g.gapWeeks()) / float64(len(g.period.weeks))
	}
	if p.metrics(gapShare).check(planted|g.implied(planted)) != nil {
		return false
	}
	if planted.has(PM1) {
		return true
	}
	// The reps coached normally must get well over PM2's floor.
	weights := float64(size)
	if planted.has(PM3) {
		weights += 3 * math.Round(0.2*float64(size))
	}
	if planted.has(PM2) {
		weights--
	}
	return p.coachingMinutes()/weights >= pm2CleanMinPerWeek
}

// impliedBy names, for each mistake that can come with another, the
// mistake it comes with.
var impliedBy = map[Rule]Rule{PM2: PM1, BM5: PM4}

// implied are the mistakes the planted ones bring with them: PM1 leaves
// every rep without coaching (PM2); where a call with a rep is a meeting
// (HubSpot), pipeline reviews twice as long as the coaching fill the week
// with internal meetings (BM5).
func (g *generator) implied(planted ruleSet) ruleSet {
	var out ruleSet
	if planted.has(PM1) {
		out = out.with(PM2)
	}
	if planted.has(PM4) && !planted.has(BM5) && !g.traits.colleagueCalls {
		out = out.with(BM5)
	}
	return out
}

func (g *generator) placeGap(t *team) {
	if !t.planted.has(BM4) {
		return
	}
	n := g.gapWeeks()
	t.gapFrom = t.rng.between(2, len(g.period.weeks)-2-n)
	t.gapTo = t.gapFrom + n
}

// addPeople makes the manager and the members: the hires the hiring
// design asks for, perhaps a veteran who leaves during the period, and
// veterans for the rest (at least two, who own the key accounts).
func (g *generator) addPeople(t *team, size int, leaver bool) {
	r := t.rng
	t.managerRole = t.ids.id(kindRole)
	t.repRole = t.ids.id(kindRole)
	t.managerFromRole = r.chance(0.3)
	t.repsFromRole = r.chance(0.3)
	t.manager = newPerson(r, t.ids, g.emails, t.lang, t.region)
	t.manager.title = "Sales Manager " + t.name
	t.manager.roleID = t.managerRole
	t.manager.joined = g.period.end.AddDate(-r.between(3, 9), -r.between(0, 11), 0).Add(8 * time.Hour)
	if !t.managerFromRole {
		t.manager.managerID = t.director.id
	}
	kinds := append([]slotKind(nil), t.hiring.slots...)
	if leaver {
		kinds = append(kinds, veteranLeaver)
	}
	for len(kinds) < size || countKind(kinds, veteran) < 2 {
		kinds = append(kinds, veteran)
	}
	for _, k := range kinds {
		t.members = append(t.members, g.newMember(t, k))
	}
	for range t.hiring.early {
		t.extras = append(t.extras, g.newMember(t, earlyLeaver))
	}
	// The hires sitting at the bottom must have been there six months.
	for i := 0; i < t.hiring.rankedLow; i++ {
		for _, m := range t.members {
			if m.kind == recentHire && !m.rankedLow {
				m.rankedLow = true
				latest := g.period.end.AddDate(0, -6, -7)
				if limit := g.period.start.AddDate(0, 0, -7); limit.Before(latest) {
					latest = limit
				}
				m.joined = midnight(g.hireBefore(r, latest)).Add(8 * time.Hour)
				break
			}
		}
	}
}

func (g *generator) newMember(t *team, k slotKind) *member {
	r := t.rng
	p := newPerson(r, t.ids, g.emails, pick(r, t.region.langs), t.region)
	p.roleID = t.repRole
	p.title = pick(r, []string{"Account Executive", "Account Executive", "Senior Account Executive", "Account Manager"})
	if !t.repsFromRole {
		p.managerID = t.manager.id
	}
	start, end := g.period.start, g.period.end
	span := end.Sub(start)
	switch k {
	case veteran, veteranLeaver:
		p.joined = end.AddDate(-r.between(3, 10), -r.between(0, 11), -r.between(0, 27))
		if k == veteranLeaver {
			p.left = start.Add(time.Duration(r.between(60, 85)) * span / 100)
		}
	case recentHire:
		p.joined = g.hireBefore(r, start.AddDate(0, 0, -7))
	case newHire:
		p.joined = start.Add(time.Duration(r.between(3, 45)) * span / 100)
	case earlyLeaver:
		p.joined = g.hireBefore(r, start.AddDate(0, 0, -45))
		room := int(start.Sub(p.joined).Hours()/24) - 7
		p.left = p.joined.AddDate(0, 0, r.between(min(60, room), min(330, room)))
	}
	p.joined = midnight(p.joined).Add(time.Duration(r.between(7, 9)) * time.Hour)
	if !p.left.IsZero() {
		p.left = midnight(p.left).Add(time.Duration(r.between(15, 18)) * time.Hour)
	}
	return &member{person: p, kind: k, weight: 1}
}

func countKind(kinds []slotKind, k slotKind) int {
	n := 0
	for _, x := range kinds {
		if x == k {
			n++
		}
	}
	return n
}

// hireBefore is a join date inside PM6's 24 months and before latest.
func (g *generator) hireBefore(r rng, latest time.Time) time.Time {
	earliest := g.period.end.AddDate(-2, 0, 14)
	days := int(latest.Sub(earliest).Hours() / 24)
	if days <= 0 {
		return latest
	}
	return earliest.AddDate(0, 0, r.intn(days))
}

// staying says whether the member is still in the team at the end.
func (m *member) staying() bool { return m.left.IsZero() }

// eligibleForRank says whether PM6 ranks the member: six months in.
func (m *member) eligibleForRank(end time.Time) bool {
	return !m.joined.After(end.AddDate(0, -6, 0))
}

// rankMembers orders the members by performance. New hires and leavers
// tend to win less; a hire planted at the bottom is last; a hire of a
// manager who hires well is kept out of the bottom 20 %.
func rankMembers(t *team, end time.Time) {
	r := t.rng
	score := map[*member]float64{}
	for _, m := range t.members {
		s := r.float()
		switch {
		case m.rankedLow:
			s = -10
		case m.kind == newHire || m.kind == veteranLeaver:
			s -= 0.4
		}
		score[m] = s
	}
	order := append([]*member(nil), t.members...)
	sort.SliceStable(order, func(i, j int) bool { return score[order[i]] < score[order[j]] })
	keepHiresOutOfBottom(order, end)
	for i, m := range order {
		m.rank = i + 1
	}
}

// keepHiresOutOfBottom swaps hires PM6 would rank low with veterans
// above them, unless the hire is planted there.
func keepHiresOutOfBottom(order []*member, end time.Time) {
	for {
		var stayers []int
		for i, m := range order {
			if m.staying() {
				stayers = append(stayers, i)
			}
		}
		bottom := max(1, int(math.Round(0.2*float64(len(stayers)))))
		swapped := false
		for _, i := range stayers[:bottom] {
			m := order[i]
			if m.rankedLow || !m.kind.isHire() || !m.eligibleForRank(end) {
				continue
			}
			for _, j := range stayers[bottom:] {
				if order[j].kind == veteran {
					order[i], order[j] = order[j], order[i]
					swapped = true
					break
				}
			}
			if swapped {
				break
			}
		}
		if !swapped {
			return
		}
	}
}

// setWeights shares the manager's coaching: the bottom 20 % get four
// times as much from a manager who focuses on the weakest (PM3); the
// best rep gets next to nothing from one who leaves reps without coaching
// (PM2).
func (g *generator) setWeights(t *team) {
	stayers := t.stayersByRank()
	bottom := int(math.Round(0.2 * float64(len(stayers))))
	for i, m := range stayers {
		if t.planted.has(PM3) && i < bottom {
			m.weight = 4
		}
		if t.planted.has(PM2) && i == len(stayers)-1 {
			m.weight, m.neglected = 0, true
		}
	}
}

// stayersByRank are the members still in the team at the end, weakest
// first: the reps PM3 and PM6 rank.
func (t *team) stayersByRank() []*member {
	var out []*member
	for _, m := range t.members {
		if m.staying() {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rank < out[j].rank })
	return out
}

// setWon gives each member a won amount for the period that keeps the
// ranking: about 8,000 a month for the weakest and more by rank.
func (g *generator) setWon(t *team) {
	unit := 8000 * float64(g.opts.Months)
	for _, m := range t.members {
		m.won = math.Round(t.rng.jitter(unit*(2+0.6*float64(m.rank)), 0.02)/100) * 100
	}
}
