package generate

import (
	"math"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
)

// The week-by-week life of a team. Each planned stream owes minutes that
// grow with every week (in proportion to its workdays in the period) and
// are paid in whole activities as soon as half of the next one is owed,
// so that what is written stays within one activity of the plan, week
// after week, and the audit sees the shares the plan promised.

// actKind is what an activity is written as.
type actKind int

const (
	actMeeting   actKind = iota // an event of type Meeting
	actCallEvent                // an event of type Call (a Teams or phone call in the calendar)
	actCall                     // a logged call (a task with a call duration)
	actEmail                    // a logged e-mail
	actTask                     // a to-do
)

// draft is the next activity of a stream: what it will be and how many
// minutes the audit will count for it.
type draft struct {
	kind    actKind
	minutes int
}

// estimatedMinutes are the audit's default estimates for activities
// without a measured duration.
const (
	taskMinutes  = 15
	emailMinutes = 5
)

// teamRun writes one team's activities over the period.
type teamRun struct {
	g    *generator
	t    *team
	r    rng
	plan *timePlan
	// owed and next are the manager's streams: minutes owed and the
	// next activity of each.
	owed [numStreams]float64
	next [numStreams]draft
	reps []*repRun
	// coachingWeights is the sum of the members' coaching weights.
	coachingWeights float64
	// businessThisWeek says whether the manager did planning or hq work
	// in the week being written (BM4 wants some every week).
	businessThisWeek bool
	// taken are the start minutes of the manager's meetings: the audit
	// takes two meetings of a manager with the same subject starting the
	// same minute for one meeting logged twice, so no two start together.
	taken map[int64]bool
}

// repRun is a member's time with the manager.
type repRun struct {
	m *member
	// minutes of the manager's time a week, while in the team: coaching
	// (1:1s and joint visits), of it joint visits, and pipeline reviews.
	coachWeekly, jointWeekly, reviewWeekly float64
	coachOwed, jointOwed, reviewOwed       float64
	nextJoint                              int
	// gotSingleOneOnOne: a neglected rep's one 1:1 has been held (PM2).
	gotSingleOneOnOne bool
	// keys are the member's key accounts.
	keys []*account
}

// writeActivities writes a team's activities, week by week.
func (g *generator) writeActivities(t *team) {
	rn := &teamRun{g: g, t: t, r: t.rng, plan: &t.plan, taken: map[int64]bool{}}
	rn.prepareRates()
	for _, w := range g.period.weeks {
		rn.week(w)
	}
	rn.touchKeyAccountsLate()
}

// prepareRates shares the manager's coaching and pipeline reviews among
// the members, by the week (PM2 and PM3 measure minutes per week in the
// team), and plans each key account's minutes: the
// manager's, and the owner's, who must do three times as much unless the
// manager hoards the account.
func (rn *teamRun) prepareRates() {
	t, p := rn.t, rn.plan
	for _, m := range t.members {
		rn.coachingWeights += m.weight
	}
	coaching := p.coachingMinutes()
	jointShare := 0.0
	if coaching > 0 {
		jointShare = p.minutes[jointVisit] / coaching
	}
	review := p.minutes[reviewMeeting] + p.minutes[reviewCall]
	for _, m := range t.members {
		rr := &repRun{m: m}
		if rn.coachingWeights > 0 {
			rr.coachWeekly = coaching * m.weight / rn.coachingWeights
		}
		rr.jointWeekly = rr.coachWeekly * jointShare
		rr.reviewWeekly = review / float64(len(t.members))
		for _, a := range m.accounts {
			if a.key {
				rr.keys = append(rr.keys, a)
			}
		}
		rn.reps = append(rn.reps, rr)
	}
	targets := rn.keyAloneTargets(time.Time{})
	for _, a := range targets {
		a.mgrWeekly += p.minutes[keyAlone] / float64(len(targets))
	}
	if !p.jointOnNonKey {
		for _, rr := range rn.reps {
			if eligible := rn.jointAccounts(rr.m, time.Time{}); len(eligible) > 0 {
				for _, a := range eligible {
					a.mgrWeekly += rr.jointWeekly / float64(len(eligible))
				}
			}
		}
	}
	for _, a := range t.keyAccounts() {
		a.repWeekly = math.Max(150, 3*a.mgrWeekly)
		if a.hoarded {
			a.repWeekly = 0.25 * a.mgrWeekly
		}
	}
}

// keyAloneTargets are the key accounts the manager works alone on a day
// (zero: at the end of the period): the hoarded ones, else every key
// account not gone quiet.
func (rn *teamRun) keyAloneTargets(on time.Time) []*account {
	var hoarded, active, all []*account
	for _, a := range rn.t.keyAccounts() {
		all = append(all, a)
		if a.hoarded {
			hoarded = append(hoarded, a)
		}
		if on.IsZero() && a.quietFrom.IsZero() || !on.IsZero() && !a.quietOn(on) {
			active = append(active, a)
		}
	}
	switch {
	case len(hoarded) > 0:
		return hoarded
	case len(active) > 0:
		return active
	}
	return all
}

// jointAccounts are the accounts a member can take the manager to on a
// day (zero: at the end of the period): their key accounts the manager
// does not hoard, or their smaller accounts for a manager who spends
// customer time on them (BM2).
func (rn *teamRun) jointAccounts(m *member, on time.Time) []*account {
	var out []*account
	for _, a := range m.accounts {
		if a.key == rn.plan.jointOnNonKey || a.hoarded {
			continue
		}
		if on.IsZero() {
			if !a.quietFrom.IsZero() || a.owner != m {
				continue
			}
		} else if a.quietOn(on) || a.workerOn(on) != m {
			continue
		}
		out = append(out, a)
	}
	return out
}

// week writes a week: the manager's own streams, each member's time with
// the manager and alone, the team meeting, and the business touch a
// manager without a planted BM4 gap has every week.
func (rn *teamRun) week(w week) {
	rn.businessThisWeek = false
	if len(w.workdays) > 0 {
		for s := range numStreams {
			if s.perRep() {
				continue
			}
			rn.managerStream(s, w)
		}
		for _, rr := range rn.reps {
			rn.member(rr, w)
		}
	}
	if !rn.businessThisWeek && !rn.t.inGap(w.index) && len(w.days) > 0 {
		rn.planningCall(w.first(), 30)
	}
}

// perRep says whether a stream is paid per member rather than by the
// manager alone.
func (s stream) perRep() bool {
	switch s {
	case oneOnOneMeeting, oneOnOneCall, jointVisit, reviewMeeting, reviewCall:
		return true
	}
	return false
}

func (s stream) business() bool {
	return audit.RoleOf(streams[s].category) == audit.RoleBusiness
}

// managerStream pays what a stream of the manager owes this week.
func (rn *teamRun) managerStream(s stream, w week) {
	if s.business() && rn.t.inGap(w.index) {
		return
	}
	minutes := rn.plan.minutes[s]
	if s == hqMeeting {
		// The director's meeting is the rest of it.
		minutes = math.Max(0, minutes-directorMeetingMinutes)
	}
	rn.owed[s] += minutes * w.fraction()
	for {
		if rn.next[s].minutes == 0 {
			rn.next[s] = rn.draw(s)
		}
		d := rn.next[s]
		if rn.owed[s] < float64(d.minutes)/2 {
			return
		}
		rn.owed[s] -= float64(d.minutes)
		rn.next[s] = draft{}
		rn.emitManager(s, d, pick(rn.r, w.workdays))
	}
}

// draw decides the next activity of a manager's stream.
func (rn *teamRun) draw(s stream) draft {
	r := rn.r
	switch s {
	case teamMeeting:
		return draft{actMeeting, pick(r, []int{60, 60, 90})}
	case recruitMeeting:
		return draft{actMeeting, pick(r, []int{45, 60})}
	case recruitCall:
		return draft{actCall, r.between(15, 30)}
	case keyAlone, otherAlone:
		switch x := r.float(); {
		case x < 0.55:
			return draft{actMeeting, pick(r, []int{45, 60, 90, 120})}
		case x < 0.85:
			return draft{actCall, r.between(5, 30)}
		}
		return draft{actEmail, emailMinutes}
	case leadWork:
		if r.chance(0.5) {
			return draft{actMeeting, pick(r, []int{30, 45, 60})}
		}
		return draft{actCall, r.between(10, 30)}
	case planningEvent:
		return draft{actMeeting, pick(r, []int{60, 90, 120})}
	case planningCall:
		return draft{actCall, r.between(20, 60)}
	case hqMeeting:
		return draft{actMeeting, pick(r, []int{60, 90})}
	case hqCall:
		return draft{actCall, r.between(30, 60)}
	case adminEvent:
		return draft{actMeeting, pick(r, []int{30, 60, 90})}
	case adminCall:
		return draft{actCall, r.between(10, 30)}
	case adminEmail:
		return draft{actEmail, emailMinutes}
	case internalMeeting:
		return draft{actMeeting, pick(r, []int{30, 45, 60})}
	case internalCall:
		return draft{actCall, r.between(15, 45)}
	}
	return draft{actTask, taskMinutes} // planning, admin and other to-dos
}

// emitManager writes one activity of a manager's stream on a day.
func (rn *teamRun) emitManager(s stream, d draft, on time.Time) {
	t, r := rn.t, rn.r
	lang := t.manager.lang
	category := streams[s].category
	if s.business() {
		rn.businessThisWeek = true
	}
	switch s {
	case teamMeeting:
		rn.teamMeeting(on, d.minutes)
	case recruitMeeting:
		rn.internalEvent(subjects.pick(r, famRecruit, lang, t.name), on, d, "Office", category)
	case recruitCall:
		rn.internalCall(subjects.pick(r, famRecruitCall, lang, ""), on, d, category)
	case keyAlone:
		rn.customerAlone(pick(r, rn.keyAloneTargets(on)), on, d, category)
	case otherAlone:
		rn.customerAlone(pick(r, rn.otherAloneTargets(on)), on, d, category)
	case leadWork:
		rn.leadWork(on, d)
	case planningEvent:
		rn.internalEvent(subjects.pick(r, famPlanningEvent, lang, t.name), on, d, "Office", category)
	case planningCall:
		rn.internalCall(subjects.pick(r, famPlanningCall, lang, ""), on, d, category)
	case planningTask:
		rn.managerTask(subjects.pick(r, famPlanningTask, lang, ""), on, true, category)
	case hqMeeting:
		rn.internalEvent(subjects.pick(r, famHQMeeting, lang, ""), on, d, "Microsoft Teams", category)
	case hqCall:
		rn.internalCall(subjects.pick(r, famHQCall, lang, ""), on, d, category)
	case adminTask:
		rn.managerTask(subjects.pick(r, famAdmin, lang, ""), on, r.chance(0.15), category)
	case adminEmail:
		rn.internalEmail(subjects.pick(r, famAdminEmail, lang, ""), on, category)
	case adminEvent:
		rn.internalEvent(subjects.pick(r, famAdmin, lang, ""), on, d, "", category)
	case adminCall:
		rn.internalCall(subjects.pick(r, famAdminCall, lang, ""), on, d, category)
	case internalMeeting:
		rn.internalEvent(subjects.pick(r, famInternalMeeting, lang, ""), on, d, "Microsoft Teams", category)
	case internalCall:
		rn.internalCall(subjects.pick(r, famInternalCall, lang, ""), on, d, category)
	case accountTask:
		a := pick(r, t.house)
		rn.managerTaskOn(subjects.pick(r, famTodo, lang, a.short), on, false, category, a)
	}
}

// otherAloneTargets are the smaller accounts the manager works alone: the
// house accounts, and the reps' small accounts for a manager who spends
// customer time on them (BM2).
func (rn *teamRun) otherAloneTargets(on time.Time) []*account {
	if !rn.plan.jointOnNonKey {
		return rn.t.house
	}
	var out []*account
	for _, a := range rn.t.accounts {
		if !a.key && (a.owner == nil || a.workerOn(on) != nil) {
			out = append(out, a)
		}
	}
	return out
}

// member writes a member's week: coaching, joint visits and pipeline
// reviews with the manager, and their own work.
func (rn *teamRun) member(rr *repRun, w week) {
	var days []time.Time
	for _, d := range w.workdays {
		if rr.m.activeOn(d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return
	}
	share := float64(len(days)) / 5
	rn.coaching(rr, days, share)
	rn.review(rr, days, share)
	rn.repOwnWork(rr, days, share)
}

// coaching pays a member's 1:1s and joint visits for the week. Joint
// visits need an account to visit; without one the time goes to 1:1s.
func (rn *teamRun) coaching(rr *repRun, days []time.Time, share float64) {
	r, t := rn.r, rn.t
	if rr.m.neglected {
		if !rr.gotSingleOneOnOne && days[0].After(rn.g.period.start.AddDate(0, 0, 7)) {
			rr.gotSingleOneOnOne = true
			rn.oneOnOne(rr.m, days[0], t.oneOnOne, true)
		}
		return
	}
	rr.jointOwed += rr.jointWeekly * share
	rr.coachOwed += (rr.coachWeekly - rr.jointWeekly) * share
	for {
		if rr.nextJoint == 0 {
			rr.nextJoint = pick(r, []int{60, 90, 120, 150, 180})
		}
		if rr.jointOwed < float64(rr.nextJoint)/2 {
			break
		}
		day := pick(r, days)
		accounts := rn.jointAccounts(rr.m, day)
		if len(accounts) == 0 {
			rr.coachOwed += rr.jointOwed
			rr.jointOwed = 0
			break
		}
		rn.jointVisit(rr.m, pick(r, accounts), day, rr.nextJoint)
		rr.jointOwed -= float64(rr.nextJoint)
		rr.nextJoint = 0
	}
	asMeeting := rn.plan.minutes[oneOnOneMeeting] / math.Max(1e-9, rn.plan.minutes[oneOnOneMeeting]+rn.plan.minutes[oneOnOneCall])
	for rr.coachOwed >= float64(t.oneOnOne)/2 {
		rr.coachOwed -= float64(t.oneOnOne)
		rn.oneOnOne(rr.m, pick(r, days), t.oneOnOne, r.chance(asMeeting))
	}
}

func (rn *teamRun) review(rr *repRun, days []time.Time, share float64) {
	r := rn.r
	rr.reviewOwed += rr.reviewWeekly * share
	asMeeting := rn.plan.minutes[reviewMeeting] / math.Max(1e-9, rn.plan.minutes[reviewMeeting]+rn.plan.minutes[reviewCall])
	for rr.reviewOwed >= 22.5 {
		minutes := pick(r, []int{30, 45, 60})
		rr.reviewOwed -= float64(minutes)
		kind := actCallEvent
		if r.chance(asMeeting) {
			kind = actMeeting
		}
		rn.withRep(rr.m, subjects.pick(r, famReview, rn.t.manager.lang, rr.m.first), pick(r, days), minutes, kind, audit.CategoryPipelineReview)
	}
}

func (rn *teamRun) oneOnOne(m *member, day time.Time, minutes int, meeting bool) {
	kind := actCallEvent
	if meeting {
		kind = actMeeting
	}
	rn.withRep(m, subjects.pick(rn.r, famOneOnOne, rn.t.manager.lang, m.first), day, minutes, kind, audit.CategoryCoaching)
}

// withRep writes a manager's event with one member: a 1:1 or a pipeline
// review.
func (rn *teamRun) withRep(m *member, s subject, day time.Time, minutes int, kind actKind, category string) {
	t, r := rn.t, rn.r
	e := eventRow{id: t.ids.id(kindEvent), owner: t.manager.id, subject: s, start: rn.slot(rn.at(day)),
		minutes: minutes, eventType: "Meeting", location: "Microsoft Teams", meetingType: "1:1"}
	if kind == actCallEvent {
		e.eventType, e.location = "Call", ""
	} else if r.chance(0.3) {
		e.location = "Office"
	}
	e.created = e.start.AddDate(0, 0, -r.between(1, 14))
	rn.g.writeEvent(&e, category, t.manager.id)
	rn.g.invite(t.ids, &e, m.id, "Accepted")
}

// teamMeeting writes a team meeting with every member there that day.
func (rn *teamRun) teamMeeting(day time.Time, minutes int) {
	t, r := rn.t, rn.r
	var present []*member
	for _, m := range t.members {
		if m.activeOn(day) {
			present = append(present, m)
		}
	}
	if len(present) < 2 {
		return // with one rep it would be a 1:1
	}
	e := eventRow{id: t.ids.id(kindEvent), owner: t.manager.id, subject: subjects.pick(r, famTeam, t.manager.lang, t.name),
		start: rn.slot(midnight(day).Add(time.Duration(r.between(8, 10)) * time.Hour)), minutes: minutes, eventType: "Meeting",
		location: "Microsoft Teams", group: true, meetingType: "Team"}
	e.created = e.start.AddDate(0, 0, -r.between(1, 14))
	if r.chance(0.1) {
		e.description = "Agenda:\n1. Wins of the week\n2. Key accounts\n3. Any other business"
	}
	rn.g.writeEvent(&e, audit.CategoryTeam, t.manager.id)
	for _, m := range present {
		rn.g.invite(t.ids, &e, m.id, pick(r, []string{"Accepted", "Accepted", "New"}))
	}
}

// jointVisit writes a customer meeting of a member with the manager:
// owned by either, with one or two of the customer's contacts.
func (rn *teamRun) jointVisit(m *member, a *account, day time.Time, minutes int) {
	t, r := rn.t, rn.r
	owner, other := m.id, t.manager.id
	if r.chance(0.4) {
		owner, other = other, owner
	}
	e := rn.customerEvent(owner, a, rn.slot(rn.at(day)), minutes, subjects.pick(r, famCustomerMeeting, m.lang, a.short))
	e.meetingType = "Joint visit"
	rn.g.writeEvent(&e, audit.CategoryFieldCoaching, t.manager.id)
	rn.g.invite(t.ids, &e, other, "Accepted")
	rn.g.eventParties(t.ids, &e, a, r)
	rn.touch(a, day)
}

// customerEvent is a customer meeting of owner at the account.
func (rn *teamRun) customerEvent(owner sfID, a *account, start time.Time, minutes int, s subject) eventRow {
	r := rn.r
	c := pick(r, a.contacts)
	e := eventRow{id: rn.t.ids.id(kindEvent), owner: owner, subject: s, start: start, minutes: minutes,
		eventType: "Meeting", location: a.place.city, who: c.id, what: a.id, account: a.id, meetingType: "Customer"}
	if len(a.openDeals) > 0 && r.chance(0.4) {
		e.what = pick(r, a.openDeals)
	}
	if r.chance(0.1) {
		e.eventType = ""
	}
	if r.chance(0.05) {
		e.description = "Discussed pricing for next year.\nNext step: send revised quote."
	}
	e.created = e.start.AddDate(0, 0, -r.between(1, 14))
	return e
}

// customerAlone writes the manager's own customer work on an account: a
// meeting, a call or an e-mail, with no rep.
func (rn *teamRun) customerAlone(a *account, day time.Time, d draft, category string) {
	t, r := rn.t, rn.r
	lang := t.manager.lang
	switch d.kind {
	case actMeeting:
		e := rn.customerEvent(t.manager.id, a, rn.slot(rn.at(day)), d.minutes, subjects.pick(r, famCustomerMeeting, lang, a.short))
		rn.g.writeEvent(&e, category, t.manager.id)
		rn.g.eventParties(t.ids, &e, a, r)
	case actCall:
		c := pick(r, a.contacts)
		rn.customerCall(t.manager.id, a, c, day, d.minutes*60, subjects.pick(r, famCustomerCall, lang, callArg(r, a, c)), category)
	default:
		rn.customerEmail(t.manager.id, a, day, subjects.pick(r, famCustomerEmail, lang, a.short), category)
	}
	rn.touch(a, day)
}

func callArg(r rng, a *account, c contact) string {
	if r.chance(0.5) {
		return c.name()
	}
	return a.short
}

// leadWork is a manager selling to a prospect alone: no account yet.
func (rn *teamRun) leadWork(day time.Time, d draft) {
	t, r := rn.t, rn.r
	l := pick(r, t.leads)
	lang := t.manager.lang
	if d.kind == actMeeting {
		e := eventRow{id: t.ids.id(kindEvent), owner: t.manager.id, who: l.id,
			subject: subjects.pick(r, famLeadMeeting, lang, l.company.short), start: rn.slot(rn.at(day)), minutes: d.minutes,
			eventType: "Meeting", location: "Microsoft Teams", meetingType: "Customer"}
		e.created = e.start.AddDate(0, 0, -r.between(1, 10))
		rn.g.writeEvent(&e, audit.CategoryCustomerOther, t.manager.id)
		rn.g.out.relation(t.ids.id(kindRelation), e.id, l.id, 0, "", false, true, false, e.created, e.owner)
		return
	}
	start := rn.at(day)
	task := taskRow{id: t.ids.id(kindTask), who: l.id, owner: t.manager.id,
		subject: subjects.pick(r, famLeadCall, lang, l.company.short), due: midnight(day), status: "Completed",
		priority: "Normal", taskType: "Call", subtype: "Call", closed: true, created: start, completed: start,
		callSeconds: d.minutes * 60, callType: "Outbound", disposition: "Connected"}
	rn.g.writeTask(&task, audit.CategoryCustomerOther, t.manager.id)
}

func (rn *teamRun) customerCall(owner sfID, a *account, c contact, day time.Time, seconds int, s subject, category string) {
	r := rn.r
	start := rn.at(day)
	task := taskRow{id: rn.t.ids.id(kindTask), who: c.id, what: a.id, account: a.id, owner: owner, subject: s,
		due: midnight(day), status: "Completed", priority: "Normal", taskType: "Call", subtype: "Call", closed: true,
		created: start, completed: start, callSeconds: seconds,
		callType: pick(r, []string{"Outbound", "Outbound", "Inbound"}), disposition: pick(r, []string{"Connected", "Connected", "Left voicemail"})}
	if len(a.openDeals) > 0 && r.chance(0.3) {
		task.what = pick(r, a.openDeals)
	}
	rn.g.writeTask(&task, category, rn.managerOf(owner))
}

func (rn *teamRun) customerEmail(owner sfID, a *account, day time.Time, s subject, category string) {
	r := rn.r
	start := rn.at(day)
	task := taskRow{id: rn.t.ids.id(kindTask), who: pick(r, a.contacts).id, what: a.id, account: a.id, owner: owner,
		subject: s, due: midnight(day), status: "Completed", priority: "Normal", taskType: "Email", subtype: "Email",
		closed: true, created: start, completed: start}
	rn.g.writeTask(&task, category, rn.managerOf(owner))
}

// managerOf is the manager to trace an activity for: the team's manager
// when they own it, nobody for a rep's own work.
func (rn *teamRun) managerOf(owner sfID) sfID {
	if owner == rn.t.manager.id {
		return owner
	}
	return 0
}

// internalEvent is a calendar entry of the manager alone.
func (rn *teamRun) internalEvent(s subject, day time.Time, d draft, location, category string) {
	t, r := rn.t, rn.r
	e := eventRow{id: t.ids.id(kindEvent), owner: t.manager.id, subject: s, start: rn.slot(rn.at(day)), minutes: d.minutes,
		eventType: pick(r, []string{"Meeting", "Meeting", "Other", ""}), location: location, meetingType: "Internal"}
	e.created = e.start.AddDate(0, 0, -r.between(1, 14))
	rn.g.writeEvent(&e, category, t.manager.id)
}

// internalCall is a logged call with no customer: finance, HQ, a
// recruiter, the travel agency.
func (rn *teamRun) internalCall(s subject, day time.Time, d draft, category string) {
	t := rn.t
	start := rn.at(day)
	task := taskRow{id: t.ids.id(kindTask), owner: t.manager.id, subject: s, due: midnight(day), status: "Completed",
		priority: "Normal", taskType: "Call", subtype: "Call", closed: true, created: start, completed: start,
		callSeconds: d.minutes * 60, callType: "Outbound"}
	rn.g.writeTask(&task, category, t.manager.id)
}

func (rn *teamRun) internalEmail(s subject, day time.Time, category string) {
	t := rn.t
	start := rn.at(day)
	task := taskRow{id: t.ids.id(kindTask), owner: t.manager.id, subject: s, due: midnight(day), status: "Completed",
		priority: "Normal", taskType: "Email", subtype: "Email", closed: true, created: start, completed: start}
	rn.g.writeTask(&task, category, t.manager.id)
}

func (rn *teamRun) managerTask(s subject, due time.Time, important bool, category string) {
	rn.managerTaskOn(s, due, important, category, nil)
}

// managerTaskOn writes a to-do of the manager due on a day, done in time
// or late as the plan says (BM3 looks at the important ones).
func (rn *teamRun) managerTaskOn(s subject, due time.Time, important bool, category string, a *account) {
	t, r := rn.t, rn.r
	lateShare := 0.1
	if important {
		lateShare = rn.plan.lateShare
	}
	priority := "Normal"
	if important && category != audit.CategoryPlanning || category == audit.CategoryPlanning && r.chance(0.4) {
		priority = "High"
	}
	task := taskRow{id: t.ids.id(kindTask), owner: t.manager.id, subject: s, due: midnight(due), priority: priority,
		taskType: pick(r, []string{"Other", "Other", ""}), subtype: "Task"}
	if a != nil {
		task.what, task.account = a.id, a.id
	}
	rn.settle(&task, r.chance(lateShare), audit.RoleOf(category) == audit.RoleBusiness)
	rn.g.writeTask(&task, category, t.manager.id)
}

// settle decides when a task was done: on or a little before its due
// date, or days after it when late. A late task that cannot be completed
// inside the period (or, for business work, outside a planted BM4 gap)
// stays open and overdue; some tasks due in the last days are not started
// yet.
func (rn *teamRun) settle(task *taskRow, late, business bool) {
	r, p := rn.r, rn.g.period
	task.created = task.due.AddDate(0, 0, -r.between(3, 20)).Add(time.Duration(r.between(8, 17)) * time.Hour)
	hour := time.Duration(r.between(8, 17))*time.Hour + time.Duration(r.intn(60))*time.Minute
	allowed := func(t time.Time) bool { return t.Before(p.end) && !(business && rn.t.inGap(rn.g.weekOf(t))) }
	done := task.due.AddDate(0, 0, -r.between(0, 2)).Add(hour)
	if late {
		done = task.due.AddDate(0, 0, r.between(2, 15)).Add(hour)
	}
	if done.Before(p.start) || !late && !allowed(done) {
		done = task.due.Add(hour)
	}
	recent := !task.due.Before(p.end.AddDate(0, 0, -5))
	switch {
	case allowed(done) && (late || !recent || r.chance(0.7)):
		task.status, task.completed, task.closed = "Completed", done, true
	case late:
		task.status = pick(r, []string{"In Progress", "Not Started", "Waiting on someone else"})
	default:
		task.status = "Not Started"
	}
}

// planningCall is the business touch of a week that had none: a short
// call about the forecast.
func (rn *teamRun) planningCall(day time.Time, minutes int) {
	rn.businessThisWeek = true
	rn.internalCall(subjects.pick(rn.r, famPlanningCall, rn.t.manager.lang, ""), day, draft{actCall, minutes}, audit.CategoryPlanning)
}

// repOwnWork is a member's week without the manager: customer meetings,
// calls and e-mails on their accounts, their key accounts at the rate
// planned for them, to-dos, now and then an internal meeting or a call
// to a prospect.
func (rn *teamRun) repOwnWork(rr *repRun, days []time.Time, share float64) {
	r, m := rn.r, rr.m
	for _, a := range rr.keys {
		rn.keyAccountWork(m, a, days, share)
	}
	day := func() time.Time { return pick(r, days) }
	accounts := rn.workedOn(m, days[len(days)-1])
	if len(accounts) > 0 {
		for range times(r, 3*share) {
			a, d := pick(r, accounts), day()
			e := rn.customerEvent(m.id, a, rn.at(d), pick(r, []int{45, 60, 60, 90}), subjects.pick(r, famCustomerMeeting, m.lang, a.short))
			rn.g.writeEvent(&e, "", 0)
			rn.g.eventParties(rn.t.ids, &e, a, r)
		}
		for range times(r, 8*share) {
			a := pick(r, accounts)
			c := pick(r, a.contacts)
			rn.customerCall(m.id, a, c, day(), r.between(60, 900), subjects.pick(r, famCustomerCall, m.lang, callArg(r, a, c)), "")
		}
		for range times(r, 10*share) {
			a := pick(r, accounts)
			rn.customerEmail(m.id, a, day(), subjects.pick(r, famCustomerEmail, m.lang, a.short), "")
		}
		for range times(r, 3*share) {
			rn.repTodo(m, pick(r, accounts), day())
		}
	}
	for range times(r, 0.5*share) {
		e := eventRow{id: rn.t.ids.id(kindEvent), owner: m.id, subject: subjects.pick(r, famInternalMeeting, m.lang, ""),
			start: rn.at(day()), minutes: pick(r, []int{30, 60}), eventType: "Meeting", location: "Microsoft Teams", meetingType: "Internal"}
		e.created = e.start.AddDate(0, 0, -r.between(1, 14))
		rn.g.writeEvent(&e, "", 0)
	}
	if len(rn.t.leads) > 0 {
		for range times(r, 0.7*share) {
			l := pick(r, rn.t.leads)
			start := rn.at(day())
			task := taskRow{id: rn.t.ids.id(kindTask), who: l.id, owner: m.id,
				subject: subjects.pick(r, famLeadCall, m.lang, l.company.short), due: midnight(start), status: "Completed",
				priority: "Normal", taskType: "Call", subtype: "Call", closed: true, created: start, completed: start,
				callSeconds: r.between(60, 600), callType: "Outbound", disposition: pick(r, []string{"Connected", "No answer"})}
			rn.g.writeTask(&task, "", 0)
		}
	}
}

// keyAccountWork is what a member does alone on a key account in a week:
// meetings, calls and e-mails worth the minutes planned for it, none once
// the account has gone quiet (CM1).
func (rn *teamRun) keyAccountWork(m *member, a *account, days []time.Time, share float64) {
	r := rn.r
	var open []time.Time
	for _, d := range days {
		if !a.quietOn(d) && a.workerOn(d) == m {
			open = append(open, d)
		}
	}
	if len(open) == 0 {
		return
	}
	owed := a.repWeekly * share * float64(len(open)) / float64(len(days))
	for owed > 0 {
		d := pick(r, open)
		switch x := r.float(); {
		case x < 0.55 && owed >= 30:
			minutes := pick(r, []int{45, 60, 90})
			e := rn.customerEvent(m.id, a, rn.at(d), minutes, subjects.pick(r, famCustomerMeeting, m.lang, a.short))
			rn.g.writeEvent(&e, "", 0)
			rn.g.eventParties(rn.t.ids, &e, a, r)
			owed -= float64(minutes)
		case x < 0.85:
			c := pick(r, a.contacts)
			seconds := r.between(300, 1500)
			rn.customerCall(m.id, a, c, d, seconds, subjects.pick(r, famCustomerCall, m.lang, callArg(r, a, c)), "")
			owed -= float64(seconds) / 60
		default:
			rn.customerEmail(m.id, a, d, subjects.pick(r, famCustomerEmail, m.lang, a.short), "")
			owed -= emailMinutes
		}
		rn.touch(a, d)
	}
}

// workedOn are the smaller accounts a member works on a day.
func (rn *teamRun) workedOn(m *member, day time.Time) []*account {
	var out []*account
	for _, a := range m.accounts {
		if !a.key && a.workerOn(day) == m {
			out = append(out, a)
		}
	}
	return out
}

func (rn *teamRun) repTodo(m *member, a *account, day time.Time) {
	r := rn.r
	task := taskRow{id: rn.t.ids.id(kindTask), what: a.id, account: a.id, owner: m.id,
		subject: subjects.pick(r, famTodo, m.lang, a.short), due: midnight(day), priority: "Normal",
		taskType: pick(r, []string{"Other", ""}), subtype: "Task"}
	if r.chance(0.2) {
		task.priority = "High"
	}
	rn.settle(&task, r.chance(0.15), false)
	rn.g.writeTask(&task, "", 0)
}

// touchKeyAccountsLate makes sure that every key account not meant to go
// quiet was worked in the last two weeks (CM1 looks at the last 30 days):
// a call by its owner if nothing else happened.
func (rn *teamRun) touchKeyAccountsLate() {
	end := rn.g.period.end
	for _, a := range rn.t.keyAccounts() {
		if !a.quietFrom.IsZero() || !a.lastTouch.Before(end.AddDate(0, 0, -14)) {
			continue
		}
		day := lastWorkday(end.AddDate(0, 0, -rn.r.between(2, 6)))
		if day.Before(rn.g.period.start) {
			day = rn.g.period.start
		}
		c := pick(rn.r, a.contacts)
		rn.customerCall(a.owner.id, a, c, day, rn.r.between(300, 900), subjects.pick(rn.r, famCustomerCall, a.owner.lang, c.name()), "")
		rn.touch(a, day)
	}
}

func lastWorkday(t time.Time) time.Time {
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

func (rn *teamRun) touch(a *account, day time.Time) {
	if day.After(a.lastTouch) {
		a.lastTouch = day
	}
}

// slot is start, or the first quarter hour after it that no other meeting
// of the manager starts at.
func (rn *teamRun) slot(start time.Time) time.Time {
	day := midnight(start)
	for try := 0; rn.taken[start.Unix()/60]; try++ {
		start = start.Add(15 * time.Minute)
		if start.Sub(day) >= 18*time.Hour {
			start = day.Add(7 * time.Hour)
		}
		if try > 44 { // a full day: any free minute will do
			start = start.Add(time.Duration(1+rn.r.intn(14)) * time.Minute)
		}
	}
	rn.taken[start.Unix()/60] = true
	return start
}

// at is a time of day for an activity: office hours, on the half hour.
func (rn *teamRun) at(day time.Time) time.Time {
	return midnight(day).Add(time.Duration(rn.r.between(14, 32)) * 30 * time.Minute)
}

// times is how many of something happen when x are expected: x rounded up
// or down at random, so that the long-run count is x.
func times(r rng, x float64) int {
	n := int(x)
	if r.float() < x-float64(n) {
		n++
	}
	return n
}
