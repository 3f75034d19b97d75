package audit

import (
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

func private() activityOpt { return func(_ *org, a *plugin.Activity) { a.Private = true } }

// TestPrivateTimeIsHoursAndNothingElse: an event marked private counts as
// the manager's private hours, is in no category and no share (the shares
// are of the rest), and its subject is nowhere in the store.
func TestPrivateTimeIsHoursAndNothingElse(t *testing.T) {
	t.Parallel()
	privateTime.check(t)
}

// privateTime is TestPrivateTimeIsHoursAndNothingElse's team in
// defaultOrg, and its checks. What the store holds is looked for across
// the whole organisation's store: the private event must be nowhere in it.
var privateTime = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	b.meeting(mia, "1:1 Ana", time.Hour, withReps(ana))
	b.meeting(mia, "Admin: expense reports", time.Hour)
	b.meeting(mia, "Hospital appointment Dr Visser", 2*time.Hour, private(), withReps(ana))
	return func(t *testing.T, rep *Report) {
		m := managerOf(t, rep, mia)
		if m.Time.PrivateHours != 2 || m.Time.Hours != 2 {
			t.Errorf("hours %v, private %v; want 2 and 2 apart", m.Time.Hours, m.Time.PrivateHours)
		}
		for _, s := range append(m.Time.ByCategory, m.Time.ByRole...) {
			if s.Name == RolePeople && s.Percent != 50 {
				t.Errorf("people share %v %%, want 50 (of the time that is not private)", s.Percent)
			}
		}
		p := defaultOrg.tables(t)
		if got := p.strings("SELECT count(*) FROM activities WHERE subject ILIKE '%Visser%' OR subject ILIKE '%hospital%'"); got[0] != "0" {
			t.Errorf("the private event's subject is in the store (%s rows)", got[0])
		}
		if got := p.strings("SELECT count(*) FROM activities AS a JOIN activity_attendees AS aa ON aa.activity_id = a.id WHERE a.private"); got[0] != "0" {
			t.Errorf("the private event's attendees are in the store (%s rows)", got[0])
		}
	}
})
