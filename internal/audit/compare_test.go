package audit

import (
	"context"
	"testing"
	"time"
)

// TestAManagerWhoFixedAFindingSeesIt: with --compare, each share carries
// its value in the period before, and each finding its verdict then.
func TestAManagerWhoFixedAFindingSeesIt(t *testing.T) {
	t.Parallel()
	// Two periods of four weeks. Before: 1 h of coaching in 20 (5 %, PM1
	// warning at the 5 % boundary); now: 6 h in 20 (30 %, ok).
	b := newOrg(t)
	b.from = periodStart.AddDate(0, 0, -28)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.account("Acme", ana)
	before, now := periodStart.AddDate(0, 0, -27).Add(9*time.Hour), periodStart.AddDate(0, 0, 1).Add(9*time.Hour)
	b.meeting(mia, "1:1 Ana (before)", time.Hour, withReps(ana), at(before))
	// Two visits of 9.5 h: an activity counts at most 10 h (max_minutes).
	b.meeting(mia, "Visit Acme (before)", 570*time.Minute, on(acme), withContact("Alice"), at(before.Add(2*time.Hour)))
	b.meeting(mia, "Visit Acme again (before)", 570*time.Minute, on(acme), withContact("Alice"), at(before.Add(26*time.Hour)))
	b.meeting(mia, "1:1 Ana", 6*time.Hour, withReps(ana), at(now))
	b.meeting(mia, "Visit Acme", 7*time.Hour, on(acme), withContact("Alice"), at(now.Add(7*time.Hour)))
	b.meeting(mia, "Visit Acme again", 7*time.Hour, on(acme), withContact("Alice"), at(now.Add(26*time.Hour)))
	opts := b.options()
	opts.From, opts.To = periodStart, periodStart.AddDate(0, 0, 28)
	opts.Compare = Comparison{Previous: true}
	rep, err := Run(context.Background(), b.load().SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if p := rep.ComparedWith; p == nil || !p.From.Equal(periodStart.AddDate(0, 0, -28)) || !p.To.Equal(periodStart) {
		t.Fatalf("compared with %+v, want the four weeks before %s", p, periodStart)
	}
	m := rep.Managers[0]
	if h := m.Time.PreviousHoursPerWeek; h == nil || *h != 5 || m.Time.HoursPerWeek != 5 {
		t.Errorf("hours a week %v, before %v; want 5 and 5", m.Time.HoursPerWeek, deref(h))
	}
	for _, s := range m.Time.ByCategory {
		want := map[string]float64{CategoryCoaching: 5, CategoryCustomerOther: 95}[s.Name]
		if s.PreviousPercent == nil || *s.PreviousPercent != want {
			t.Errorf("%s: previous share %v, want %v", s.Name, deref(s.PreviousPercent), want)
		}
	}
	pm1 := findingOf(t, rep, mia, "PM1")
	if pm1.Severity != SeverityOK || pm1.Previous == nil || pm1.Previous.Severity != SeverityWarning ||
		pm1.Previous.Metric == nil || *pm1.Previous.Metric != 5 {
		t.Errorf("PM1 now %s, before %+v; want ok now and warning at 5 %% before", pm1.Severity, pm1.Previous)
	}
}

func TestTheComparedPeriodIsAsLongAndJustBefore(t *testing.T) {
	t.Parallel()
	audited := Period{From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	from, to := Comparison{Previous: true}.period(audited)
	if want := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC); !from.Equal(want) || !to.Equal(audited.From) {
		t.Errorf("previous of %v: %v to %v, want %v to %v", audited, from, to, want, audited.From)
	}
	given := Comparison{From: audited.From.AddDate(-1, 0, 0), To: audited.To.AddDate(-1, 0, 0)}
	if from, to := given.period(audited); !from.Equal(given.From) || !to.Equal(given.To) {
		t.Errorf("a given period became %v to %v", from, to)
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
