package audit

import (
	"reflect"
	"testing"
)

// keyAccounts are the names of the accounts the audit takes as key.
func (b *org) keyAccounts() []string {
	b.t.Helper()
	return b.prepared().strings("SELECT name FROM audit_accounts WHERE is_key ORDER BY name")
}

func expectKeyAccounts(t *testing.T, b *org, want ...string) {
	t.Helper()
	if got := b.keyAccounts(); !reflect.DeepEqual(got, want) {
		t.Errorf("key accounts = %v, want %v", got, want)
	}
}

func TestKeyAccountsFromTiers(t *testing.T) {
	t.Parallel()
	// The default tier values include "Tier 1" and "Key account"; case,
	// accents, spaces, hyphens and underscores do not matter (HubSpot's
	// internal value is "tier1"). Where tiers mark key accounts, revenue
	// makes none.
	b := newOrg(t)
	mia := b.manager("Mia")
	b.rep(mia, "Ana")
	b.account("Upper", mia, tier("TIER 1"))
	b.account("Lower", mia, tier("tier 1"))
	b.account("Accented", mia, tier("Tiér 1"))
	b.account("Key", mia, tier("Key Account"))
	b.account("HubSpot", mia, tier("tier1"))
	b.account("Snake", mia, tier("KEY_ACCOUNT"))
	b.account("No-break space", mia, tier("Tier\u00a01"))
	b.account("Second tier", mia, tier("Tier 2"))
	b.account("Second, HubSpot", mia, tier("tier2"))
	rich := b.account("Rich, no tier", mia, annualRevenue(1e9))
	b.won("Huge deal", mia, rich, 1e7, b.day(3))
	expectKeyAccounts(t, b, "Accented", "HubSpot", "Key", "Lower", "No-break space", "Snake", "Upper")

	t.Run("configured tier values", func(t *testing.T) {
		t.Parallel()
		b := newOrg(t)
		mia := b.manager("Mia")
		b.rep(mia, "Ana")
		b.cfg.KeyAccounts.TierValues = []string{"Clé"}
		b.account("Cle", mia, tier("CLE"))
		b.account("Cle accented", mia, tier("clé"))
		b.account("Tier one", mia, tier("Tier 1"))
		expectKeyAccounts(t, b, "Cle", "Cle accented")
	})
}

func TestKeyAccountsFromWonRevenue(t *testing.T) {
	t.Parallel()
	// No tiers: the smallest set of accounts making 80 % of the revenue
	// won in the period.
	build := func(t *testing.T, won map[string]float64) *org {
		b := newOrg(t)
		mia := b.manager("Mia")
		b.rep(mia, "Ana")
		for _, name := range []string{"A", "B", "C", "D"} {
			acc := b.account(name, mia, tier("Tier 2"), annualRevenue(1e6))
			b.won(name+" deal", mia, acc, won[name], b.day(5))
		}
		// Won before the period: not this period's revenue.
		old := b.account("Old", mia, annualRevenue(1e9))
		b.won("Old deal", mia, old, 1e7, b.from.AddDate(0, -2, 0))
		return b
	}
	t.Run("the first two make exactly 80 %", func(t *testing.T) {
		t.Parallel()
		expectKeyAccounts(t, build(t, map[string]float64{"A": 500, "B": 300, "C": 150, "D": 50}), "A", "B")
	})
	t.Run("the first two make 79 %", func(t *testing.T) {
		t.Parallel()
		expectKeyAccounts(t, build(t, map[string]float64{"A": 500, "B": 290, "C": 160, "D": 50}), "A", "B", "C")
	})
	t.Run("a configured share", func(t *testing.T) {
		t.Parallel()
		b := build(t, map[string]float64{"A": 500, "B": 300, "C": 150, "D": 50})
		b.cfg.KeyAccounts.RevenueShare = 0.5
		expectKeyAccounts(t, b, "A")
	})
}

func TestKeyAccountsFromAnnualRevenue(t *testing.T) {
	t.Parallel()
	// No tiers and nothing won in the period: annual revenue decides.
	build := func(t *testing.T) *org {
		b := newOrg(t)
		mia := b.manager("Mia")
		b.rep(mia, "Ana")
		for name, revenue := range map[string]float64{"A": 5e6, "B": 3e6, "C": 1.5e6, "D": 0.5e6} {
			b.account(name, mia, annualRevenue(revenue))
		}
		none := b.account("No revenue", mia)
		b.won("Last year's deal", mia, none, 1e7, b.from.AddDate(-1, 0, 0))
		b.lost("This month's lost deal", mia, none, 1e7, b.day(3))
		return b
	}
	t.Run("80 %", func(t *testing.T) {
		t.Parallel()
		expectKeyAccounts(t, build(t), "A", "B")
	})
	t.Run("50 %", func(t *testing.T) {
		t.Parallel()
		b := build(t)
		b.cfg.KeyAccounts.RevenueShare = 0.5
		expectKeyAccounts(t, b, "A")
	})
}
