package audit

import (
	"testing"
	"time"
)

// TestDealsWithoutActivitiesAreAuditedHonestly: a team sheet and its deals,
// no activity at all. The period defaults to the deals' close dates, the
// report says there are no activities, and every rule that reads them has
// "not enough data" with that reason; PM6, about deals and the team alone,
// is judged.
func TestDealsWithoutActivitiesAreAuditedHonestly(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.account("Acme", person{})
	b.won("Acme renewal", ana, acme, 50_000, time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC))
	b.won("Acme upsell", mia, acme, 20_000, time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC))
	opts := b.options()
	opts.From, opts.To = time.Time{}, time.Time{}
	rep, err := Run(t.Context(), b.load().SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.NoActivities {
		t.Error("the report should say there are no activities")
	}
	from, to := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 21, 0, 0, 0, 0, time.UTC)
	if !rep.Period.From.Equal(from) || !rep.Period.To.Equal(to) {
		t.Errorf("period %s – %s, want the deals' close dates %s – %s", rep.Period.From, rep.Period.To, from, to)
	}
	for _, rule := range Rules {
		f := findingOf(t, rep, mia, rule.ID)
		switch {
		case rule.NeedsActivities && (f.Severity != SeverityNotEnoughData || f.Missing != "no activities in the period: no one's time is in the data"):
			t.Errorf("%s: %s (%q), want not enough data for want of activities", rule.ID, f.Severity, f.Missing)
		case !rule.NeedsActivities && f.Missing == "no activities in the period: no one's time is in the data":
			t.Errorf("%s does not read activities, yet says it lacks them", rule.ID)
		}
	}
}

// TestAnAccountWithoutOwnerBelongsToItsDealsOwner: an account a team sheet
// knows only by name has no owner; the owner of its won deals owns it, so
// its revenue is the team's (BM2 measures rather than saying the team's
// accounts have no revenue).
func TestAnAccountWithoutOwnerBelongsToItsDealsOwner(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	acme := b.account("Acme", person{})
	small := b.account("Small Co", person{})
	b.won("Acme renewal", ana, acme, 90_000, b.day(3))
	b.won("Small order", ana, small, 10_000, b.day(4))
	b.meeting(mia, "Klantbezoek Small Co", 2*time.Hour, on(small), withContact("Eva"))
	f := b.finding(mia, "BM2")
	if f.Severity == SeverityNotEnoughData {
		t.Fatalf("BM2 has not enough data (%s): the deals' owner should own the accounts", f.Missing)
	}
	// All customer time on the non-key account, which makes 10 % of the
	// team's revenue: 100 - 10 points.
	expect(t, f, SeverityHigh, 90)
}
