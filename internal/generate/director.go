package generate

import (
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
)

// director is a sales director over first-line managers.
type director struct {
	person
	index int
	rng   rng
	ids   *idMaker
}

func (g *generator) newDirector(index int) *director {
	r := newRNG(g.opts.Seed, streamDirector+uint64(index))
	d := &director{index: index, rng: r, ids: newIDMaker(r, g.idBases, blockDirector+uint64(index))}
	reg := &regions[index%len(regions)]
	d.person = newPerson(r, d.ids, g.emails, pick(r, reg.langs), reg)
	d.title = "Sales Director " + reg.name
	if n := index / len(regions); n > 0 {
		d.title += " " + string(rune('A'+n%26))
	}
	d.roleID = d.ids.id(kindRole)
	d.joined = g.period.end.AddDate(-r.between(4, 12), -r.between(0, 11), 0).Add(8 * time.Hour)
	return d
}

// writeDirector writes the director's user and role, the leadership
// meeting every other week with the managers (not those planted with a
// run of weeks without business work), and the director's e-mails, among
// them one on the first and one on the last day of the period, so that an
// audit of the whole export spans exactly the period.
func (g *generator) writeDirector(d *director, teams []*team) {
	r := d.rng
	g.out.role(d.roleID, d.title, g.ceoRole, g.adminID, g.period.start.AddDate(-2, 0, 0))
	g.writeUser(r, &d.person, 0)
	g.truth.Directors = append(g.truth.Directors, TruthPerson{ID: g.out.recordID(d.id), Name: d.name()})
	for _, w := range g.period.weeks {
		if w.index%2 == 1 || len(w.workdays) == 0 {
			continue
		}
		var invited []*team
		for _, t := range teams {
			if !t.inGap(w.index) {
				invited = append(invited, t)
			}
		}
		if len(invited) == 0 {
			continue
		}
		e := eventRow{id: d.ids.id(kindEvent), owner: d.id, subject: subjects.pick(r, famDirectorMeeting, "en", d.region.name),
			start: midnight(w.first()).Add(8 * time.Hour), minutes: 60, eventType: "Meeting",
			location: "Microsoft Teams", group: true, meetingType: "Internal"}
		e.created = e.start.AddDate(0, 0, -r.between(7, 21))
		g.out.event(&e)
		for _, t := range invited {
			g.invite(d.ids, &e, t.manager.id, "Accepted")
			if g.hooks.trace != nil {
				g.hooks.trace(e.id, t.manager.id, audit.CategoryHQ)
			}
		}
	}
	g.directorEmail(d, g.period.start.Add(7*time.Hour))
	g.directorEmail(d, g.period.end.Add(-7*time.Hour))
	for _, w := range g.period.weeks {
		for range times(r, 2*w.fraction()) {
			g.directorEmail(d, midnight(pick(r, w.days)).Add(time.Duration(r.between(8, 17))*time.Hour))
		}
	}
}

func (g *generator) directorEmail(d *director, at time.Time) {
	r := d.rng
	task := taskRow{id: d.ids.id(kindTask), owner: d.id, subject: pick(r, []subject{
		{pre: "Email: Weekly sales update"}, {pre: "Email: Re: month-end close"}, {pre: "Email: Fwd: new discount policy"},
	}), due: midnight(at), status: "Completed", priority: "Normal", taskType: "Email", subtype: "Email",
		closed: true, created: at, completed: at}
	g.out.task(&task)
}
