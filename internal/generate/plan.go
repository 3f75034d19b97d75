package generate

import (
	"fmt"
	"math"
	"slices"

	"github.com/salesaudit/salesaudit/internal/audit"
)

// A manager's week is planned as minutes per stream: a stream is one kind
// of activity (a 1:1 held as a Teams call, a planning task, a customer
// visit alone…) whose category under the default classification and whose
// kind are fixed. A healthy manager gets the default shares; a planted
// mistake changes the shares it is about and lets the others make room,
// so that each rule's metric can be computed from the plan before a single
// activity is written, and checked to sit clearly on the intended side of
// every default threshold.

type stream int

const (
	oneOnOneMeeting stream = iota
	oneOnOneCall
	jointVisit
	reviewMeeting
	reviewCall
	teamMeeting
	recruitMeeting
	recruitCall
	keyAlone
	otherAlone
	leadWork
	planningEvent
	planningCall
	planningTask
	hqMeeting
	hqCall
	adminTask
	adminEmail
	adminEvent
	adminCall
	internalMeeting
	internalCall
	accountTask
	numStreams
)

type streamInfo struct {
	category string
	// meeting: an internal meeting as BM5 counts them (a meeting or
	// calendar event with no customer).
	meeting bool
	// asMeeting is the meeting a call stream becomes for a manager who
	// holds everything as meetings (BM5); -1 for streams that stay.
	asMeeting stream
}

var streams = [numStreams]streamInfo{
	oneOnOneMeeting: {audit.CategoryCoaching, true, -1},
	oneOnOneCall:    {audit.CategoryCoaching, false, oneOnOneMeeting},
	jointVisit:      {audit.CategoryFieldCoaching, false, -1},
	reviewMeeting:   {audit.CategoryPipelineReview, true, -1},
	reviewCall:      {audit.CategoryPipelineReview, false, reviewMeeting},
	teamMeeting:     {audit.CategoryTeam, true, -1},
	recruitMeeting:  {audit.CategoryRecruiting, true, -1},
	recruitCall:     {audit.CategoryRecruiting, false, recruitMeeting},
	keyAlone:        {audit.CategoryKeyAccount, false, -1},
	otherAlone:      {audit.CategoryCustomerOther, false, -1},
	leadWork:        {audit.CategoryCustomerOther, false, -1},
	planningEvent:   {audit.CategoryPlanning, true, -1},
	planningCall:    {audit.CategoryPlanning, false, planningEvent},
	planningTask:    {audit.CategoryPlanning, false, -1},
	hqMeeting:       {audit.CategoryHQ, true, -1},
	hqCall:          {audit.CategoryHQ, false, hqMeeting},
	adminTask:       {audit.CategoryAdmin, false, -1},
	adminEmail:      {audit.CategoryAdmin, false, -1},
	adminEvent:      {audit.CategoryAdmin, true, -1},
	adminCall:       {audit.CategoryAdmin, false, adminEvent},
	internalMeeting: {audit.CategoryInternalOther, true, -1},
	internalCall:    {audit.CategoryInternalOther, false, internalMeeting},
	accountTask:     {audit.CategoryAccountInternal, false, -1},
}

// defaultShares is a healthy first-line manager's week, in percent: about
// 28 % coaching, 10 % alone with customers (mostly key accounts), a third
// on planning and headquarters work, 16 % low-value time and a quarter in
// internal meetings.
var defaultShares = [numStreams]float64{
	oneOnOneMeeting: 4, oneOnOneCall: 12, jointVisit: 12,
	reviewMeeting: 2, reviewCall: 2,
	teamMeeting:    5,
	recruitMeeting: 2, recruitCall: 1,
	keyAlone: 8, otherAlone: 0.7, leadWork: 1.3,
	planningEvent: 3, planningCall: 14, planningTask: 6,
	hqMeeting: 5, hqCall: 5,
	adminTask: 7, adminEmail: 1, adminEvent: 1, adminCall: 1,
	internalMeeting: 3, internalCall: 3,
	accountTask: 1,
}

// weeklyMinutes is a manager's logged time in a week, about 35 hours.
const weeklyMinutes = 2100

// directorMeetingMinutes is the director's leadership meeting (an hour
// every other week) in a manager's average week: the manager's own hq
// meetings come on top.
const directorMeetingMinutes = 30

// pm1CoachingPerRep is the coaching a rep gets per week from a manager who
// under-coaches: well under PM2's 15 minutes, so PM1 implies PM2.
const pm1CoachingPerRep = 6

// timePlan is a manager's planned week.
type timePlan struct {
	// minutes per stream in a full week.
	minutes [numStreams]float64
	total   float64
	// jointOnNonKey sends joint visits to reps' smaller accounts (BM2).
	jointOnNonKey bool
	// crowded: the mistakes' fixed shares leave almost no room for the
	// rest of a manager's week; such a plan is not used.
	crowded bool
	// traits are what the export format can say, which decides what the
	// audit counts as a meeting.
	traits exportTraits
	// lateShare is the share of important tasks done late (BM3).
	lateShare float64
}

func (p *timePlan) share(s ...stream) float64 {
	var sum float64
	for _, x := range s {
		sum += p.minutes[x]
	}
	return 100 * sum / p.total
}

func (p *timePlan) category(category string) float64 {
	var sum float64
	for s, info := range streams {
		if info.category == category {
			sum += p.minutes[s]
		}
	}
	return 100 * sum / p.total
}

// coachingMinutes is the weekly 1:1 and joint-visit time the reps share.
func (p *timePlan) coachingMinutes() float64 {
	return p.minutes[oneOnOneMeeting] + p.minutes[oneOnOneCall] + p.minutes[jointVisit]
}

// exportTraits are what an export format can say that the plan depends
// on.
type exportTraits struct {
	// colleagueCalls: a call can name the colleague on the other end.
	// Salesforce logs a Teams call as an event of type Call with the rep
	// invited; a HubSpot call names only contacts, so there a 1:1 or a
	// pipeline review held as a call is written as a meeting (as
	// HubSpot's calendar sync logs it), and the audit counts it as one.
	colleagueCalls bool
}

// colleagueCallStreams are the calls with a rep: meetings where the
// format cannot log a call with a colleague.
var colleagueCallStreams = []stream{oneOnOneCall, reviewCall}

// colleagueCallsToJointVisits is the share of the week moved from 1:1
// calls to joint visits where 1:1s are all meetings.
const colleagueCallsToJointVisits = 3.0

// soloMeetingStreams are the internal meetings with no rep in them.
var soloMeetingStreams = []stream{recruitMeeting, planningEvent, hqMeeting, adminEvent, internalMeeting}

// isMeeting says whether the audit counts a stream's activities as
// internal meetings (BM5).
func (p *timePlan) isMeeting(s stream) bool {
	return streams[s].meeting || !p.traits.colleagueCalls && slices.Contains(colleagueCallStreams, s)
}

// planTime builds the week of a manager of reps reps with the mistakes
// planted. Shares fixed by a mistake stay; the others are scaled to fill
// the week.
func planTime(planted ruleSet, reps int, total float64, traits exportTraits) timePlan {
	shares := defaultShares
	var fixed [numStreams]bool
	set := func(s stream, v float64) { shares[s], fixed[s] = v, true }
	p := timePlan{lateShare: 0.03, traits: traits}
	if !traits.colleagueCalls {
		// Every 1:1 is a meeting here: a little of the coaching goes to
		// joint visits instead, so that a manager planted with weeks
		// without business work (BM4), whose week is then mostly
		// people time, keeps a clean meeting share.
		shares[oneOnOneCall] -= colleagueCallsToJointVisits
		shares[jointVisit] += colleagueCallsToJointVisits
	}
	if planted.has(BM1) {
		set(adminTask, 13)
		set(adminEmail, 3)
		set(adminEvent, 3)
		set(adminCall, 7)
		set(internalMeeting, 7)
		set(internalCall, 12)
	}
	if planted.has(BM2) {
		set(keyAlone, 2)
		set(otherAlone, 8)
		p.jointOnNonKey = true
	}
	if planted.has(BM3) {
		p.lateShare = 0.7
	}
	coaching := shares[oneOnOneMeeting] + shares[oneOnOneCall] + shares[jointVisit]
	if planted.has(PM1) {
		// A set number of minutes per rep, so that every rep falls under
		// PM2's floor whatever the team's size.
		perWeek := math.Min(0.03*total, pm1CoachingPerRep*float64(max(reps, 1)))
		before := coaching + shares[reviewMeeting] + shares[reviewCall]
		coaching = 100 * perWeek / total
		set(oneOnOneMeeting, coaching*0.4)
		set(oneOnOneCall, coaching*0.6)
		set(jointVisit, 0)
		set(reviewMeeting, 0)
		set(reviewCall, 0.25*coaching)
		// The time not spent with reps goes to the desk, headquarters and
		// customers, not to admin: under-coaching is its own mistake.
		freed := before - 1.25*coaching
		for s, part := range map[stream]float64{planningCall: 0.4, planningTask: 0.1, hqCall: 0.15,
			keyAlone: 0.15, recruitCall: 0.1, teamMeeting: 0.05, accountTask: 0.05} {
			set(s, shares[s]+part*freed)
		}
	}
	if planted.has(PM4) {
		if !planted.has(PM1) {
			set(oneOnOneMeeting, 3)
			set(oneOnOneCall, 9)
			set(jointVisit, 6)
			coaching = 18
		}
		set(reviewMeeting, 0.45*coaching)
		set(reviewCall, 1.55*coaching)
	}
	if planted.has(CM3) {
		alone := shares[keyAlone] + shares[otherAlone]
		set(leadWork, 45-alone)
		set(keyAlone, shares[keyAlone])
		set(otherAlone, shares[otherAlone])
	}
	p.crowded = !fill(&shares, &fixed)
	if !traits.colleagueCalls {
		// The 1:1s and reviews held as calls count as meetings here: the
		// manager holds the internal meetings without reps as calls
		// instead, so that a healthy week has the meeting share it has
		// in Salesforce.
		for _, s := range soloMeetingStreams {
			shares[callOf(s)] += shares[s]
			shares[s] = 0
		}
	}
	if planted.has(BM5) {
		for s, info := range streams {
			if info.asMeeting >= 0 {
				shares[info.asMeeting] += shares[s]
				shares[s] = 0
			}
		}
	}
	for s := range shares {
		p.minutes[s] = shares[s] / 100 * total
	}
	// The director's leadership meeting happens whatever the plan says.
	p.minutes[hqMeeting] = math.Max(p.minutes[hqMeeting], directorMeetingMinutes)
	for _, m := range p.minutes {
		p.total += m
	}
	return p
}

// callOf is the call stream a meeting stream becomes when held as calls.
func callOf(meeting stream) stream {
	for s, info := range streams {
		if info.asMeeting == meeting {
			return stream(s)
		}
	}
	panic(fmt.Sprintf("generator bug: no call stream for meeting stream %d", meeting))
}

// fill scales the shares not fixed so that all add up to 100. It says
// whether the fixed shares left a tenth of the week for the others.
func fill(shares *[numStreams]float64, fixed *[numStreams]bool) bool {
	var fixedSum, flexSum float64
	for s, v := range shares {
		if fixed[s] {
			fixedSum += v
		} else {
			flexSum += v
		}
	}
	scale := math.Max(0, 100-fixedSum) / flexSum
	for s := range shares {
		if !fixed[s] {
			shares[s] *= scale
		}
	}
	return fixedSum <= 90
}

// Margins: where a plan must put each time-share metric, so that neither
// the discreteness of activities nor a partial week can move a manager
// across a threshold. A clean manager stays well inside the warning
// threshold, a planted one well past it.
const (
	bm1CleanMax, bm1PlantedMin = 20.0, 35.0 // warn > 25
	bm2CleanMax, bm2PlantedMin = 12.0, 55.0 // warn > 20 points
	bm4CleanMinShare           = 8.0        // warn < 5 %
	bm5CleanMax, bm5PlantedMin = 29.0, 45.0 // warn ≥ 35
	pm1CleanMin, pm1PlantedMax = 15.0, 5.0  // warn < 10
	pm2CleanMinPerWeek         = 25.0       // 15 minutes a week
	pm4CleanMax, pm4PlantedMin = 0.6, 1.7   // warn > 1
	cm3CleanMax, cm3PlantedMin = 19.0, 38.0 // warn > 25
)

// planMetrics are what the plan makes of the time-share rules.
type planMetrics struct {
	bm1, bm2, bm4Share, bm5, pm1, pm4, cm3 float64
	crowded                                bool
}

// metrics computes the time-share metrics of a plan in which business
// work (planning, hq) stops for gapShare of the period (BM4).
func (p timePlan) metrics(gapShare float64) planMetrics {
	q := p
	for s := range streams {
		if stream(s).business() {
			q.total -= q.minutes[s] * gapShare
			q.minutes[s] *= 1 - gapShare
		}
	}
	customer := q.minutes[jointVisit] + q.minutes[keyAlone] + q.minutes[otherAlone]
	nonKey := q.minutes[otherAlone]
	if q.jointOnNonKey {
		nonKey += q.minutes[jointVisit]
	}
	var meetings float64
	for s := range streams {
		if q.isMeeting(stream(s)) {
			meetings += q.minutes[s]
		}
	}
	coaching := q.coachingMinutes()
	return planMetrics{
		crowded:  p.crowded,
		bm1:      q.category(audit.CategoryAdmin) + q.category(audit.CategoryInternalOther),
		bm2:      100 * nonKey / customer,
		bm4Share: q.category(audit.CategoryPlanning) + q.category(audit.CategoryHQ),
		bm5:      100 * meetings / q.total,
		pm1:      100 * coaching / q.total,
		pm4:      (q.minutes[reviewMeeting] + q.minutes[reviewCall]) / coaching,
		cm3:      q.share(keyAlone, otherAlone, leadWork),
	}
}

// check says why a plan does not put every time-share rule clearly on
// its intended side, or nil.
func (m planMetrics) check(planted ruleSet) error {
	if m.crowded {
		return fmt.Errorf("the mistakes leave no room for the rest of the week")
	}
	checks := []struct {
		rule            Rule
		value           float64
		clean, plantedV float64
		above           bool // the mistake is a high value
	}{
		{BM1, m.bm1, bm1CleanMax, bm1PlantedMin, true},
		{BM2, m.bm2, bm2CleanMax, bm2PlantedMin, true},
		{BM5, m.bm5, bm5CleanMax, bm5PlantedMin, true},
		{PM1, m.pm1, pm1CleanMin, pm1PlantedMax, false},
		{PM4, m.pm4, pm4CleanMax, pm4PlantedMin, true},
		{CM3, m.cm3, cm3CleanMax, cm3PlantedMin, true},
	}
	for _, c := range checks {
		ok := c.value <= c.clean
		if planted.has(c.rule) {
			ok = c.value >= c.plantedV
		}
		if !c.above {
			ok = c.value >= c.clean
			if planted.has(c.rule) {
				ok = c.value <= c.plantedV
			}
		}
		if !ok {
			return fmt.Errorf("%s at %.1f (planted: %v)", c.rule, c.value, planted.has(c.rule))
		}
	}
	if !planted.has(BM4) && m.bm4Share < bm4CleanMinShare {
		return fmt.Errorf("BM4: business share %.1f", m.bm4Share)
	}
	return nil
}
