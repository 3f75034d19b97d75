package audit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "salesaudit.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func defaults(t *testing.T) *Config {
	t.Helper()
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestLoadConfigOverridesOnlyTheSectionsItHas(t *testing.T) {
	def := defaults(t)
	cfg, err := LoadConfig(writeConfig(t, `
durations:
  estimate_minutes:
    email: 7
key_accounts:
  tier_values: [Gold]
rules:
  BM1: {warn: 20}
  PM2:
    minutes_per_week: 30
`))
	if err != nil {
		t.Fatal(err)
	}
	// What the file says.
	if got := cfg.Durations.EstimateMinutes["email"]; got != 7 {
		t.Errorf("email estimate = %v, want 7", got)
	}
	if !reflect.DeepEqual(cfg.KeyAccounts.TierValues, []string{"Gold"}) {
		t.Errorf("tier values = %v, want [Gold] (a list is replaced whole)", cfg.KeyAccounts.TierValues)
	}
	bm1, _ := RuleByID("BM1")
	pm2, _ := RuleByID("PM2")
	if cfg.Threshold(bm1, "warn") != 20 || cfg.Threshold(pm2, "minutes_per_week") != 30 {
		t.Errorf("BM1 warn = %v, PM2 minutes_per_week = %v; want 20 and 30",
			cfg.Threshold(bm1, "warn"), cfg.Threshold(pm2, "minutes_per_week"))
	}
	// Everything else as the defaults have it.
	for kind, mins := range def.Durations.EstimateMinutes {
		if kind != "email" && cfg.Durations.EstimateMinutes[kind] != mins {
			t.Errorf("%s estimate = %v, want the default %v", kind, cfg.Durations.EstimateMinutes[kind], mins)
		}
	}
	if cfg.Durations.MaxMinutes != def.Durations.MaxMinutes {
		t.Errorf("max minutes = %v, want the default %v", cfg.Durations.MaxMinutes, def.Durations.MaxMinutes)
	}
	if cfg.KeyAccounts.RevenueShare != def.KeyAccounts.RevenueShare {
		t.Errorf("revenue share = %v, want the default %v", cfg.KeyAccounts.RevenueShare, def.KeyAccounts.RevenueShare)
	}
	if cfg.Threshold(bm1, "high") != def.Threshold(bm1, "high") {
		t.Errorf("BM1 high = %v, want the default %v", cfg.Threshold(bm1, "high"), def.Threshold(bm1, "high"))
	}
	for _, r := range Rules {
		if r.ID == "BM1" || r.ID == "PM2" {
			continue
		}
		for name := range r.Thresholds {
			if cfg.Threshold(r, name) != def.Threshold(r, name) {
				t.Errorf("%s %s = %v, want the default %v", r.ID, name, cfg.Threshold(r, name), def.Threshold(r, name))
			}
		}
	}
	if !reflect.DeepEqual(cfg.Classification, def.Classification) {
		t.Errorf("classification changed though the file has none")
	}
	if !reflect.DeepEqual(cfg.Targets, def.Targets) || !reflect.DeepEqual(cfg.Organisation, def.Organisation) {
		t.Errorf("targets or organisation changed though the file has none")
	}
}

func TestLoadConfigReplacesTheClassificationWhole(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, `
classification:
  - name: everything internal
    category: internal_other
    external: false
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Classification) != 1 || cfg.Classification[0].Name != "everything internal" {
		t.Errorf("classification = %+v, want the file's one rule", cfg.Classification)
	}
}

func TestEmptyConfigMeansTheDefaults(t *testing.T) {
	def := defaults(t)
	for name, text := range map[string]string{
		"empty":         "",
		"only comments": "# nothing to change yet\n\n# really\n",
	} {
		t.Run(name, func(t *testing.T) {
			cfg, err := LoadConfig(writeConfig(t, text))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cfg, def) {
				t.Errorf("an %s file changed the configuration", name)
			}
		})
	}
	t.Run("no file", func(t *testing.T) {
		cfg, err := LoadConfig("")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cfg, def) {
			t.Errorf("no file changed the configuration")
		}
	})
}

func TestConfigErrorsNameTheFileAndLine(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		want []string // each must be in the error
	}{
		{"unknown field", `
durations:
  estimate_minutes:
    email: 7
  max_minute: 60
`, []string{"line 5", "max_minute"}},
		{"unknown field in a classification rule", `
classification:
  - name: coffee
    category: internal_other
    keyword: [coffee]
`, []string{"line 5", `"keyword"`}},
		{"unknown category", `
classification:
  - name: recruiting
    category: recruiting
    keywords: [interview*]
  - name: coffee
    category: coffee_breaks
    keywords: [coffee]
`, []string{"line 6", "coffee_breaks"}},
		{"unknown rule ID", `
rules:
  PM1:
    warn: 12
  XX1:
    warn: 3
`, []string{"line 5", `"XX1"`}},
		{"a rule ID in lower case", `
rules:
  pm1: {warn: 99}
`, []string{"line 3", "write pm1 as PM1"}},
		{"unknown rule ID, flow style", `
rules:
  BM9: {warn: 3}
`, []string{"line 3", `"BM9"`}},
		{"unknown threshold name", `
rules:
  BM1:
    warn: 20
    hihg: 40
`, []string{"line 5", `"hihg"`, "BM1 has high, warn"}},
		{"a threshold that is not a number", `
rules:
  CM1: {warn: lots}
`, []string{"line 3", "lots"}},
		{"unknown activity kind", `
durations:
  estimate_minutes:
    fax: 3
`, []string{"fax"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeConfig(t, c.text) // line 1 is the empty one after the backquote
			_, err := LoadConfig(path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range append([]string{path}, c.want...) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

func TestAnOverriddenThresholdChangesTheVerdict(t *testing.T) {
	t.Parallel()
	// The defaults: a team of defaultOrg.
	overriddenThresholdDefaults.check(t)
	t.Run("warning raised to 30 %", func(t *testing.T) {
		t.Parallel()
		b := newOrg(t)
		mia := thirtyPercentAdmin(b)
		b.cfg.Rules = RuleThresholds{"BM1": {Values: map[string]float64{"warn": 30}}}
		f := b.finding(mia, "BM1")
		expect(t, f, ok, 30)
		if f.Threshold != "warning above 30 %, high above 35 %" {
			t.Errorf("threshold text %q", f.Threshold)
		}
	})
	t.Run("high lowered to 29 % in a file", func(t *testing.T) {
		t.Parallel()
		b := newOrg(t)
		mia := thirtyPercentAdmin(b)
		cfg, err := LoadConfig(writeConfig(t, "rules:\n  BM1: {high: 29}\n"))
		if err != nil {
			t.Fatal(err)
		}
		b.cfg = cfg
		expect(t, b.finding(mia, "BM1"), high, 30)
	})
	// Ana's 70 minutes over four weeks are 17.5 a week: enough by default
	// ("defaults"), not with 20 minutes a week: a team of pm2At20MinutesOrg.
	t.Run("a threshold that is not a level", overriddenThresholdPM2.check)
}

// thirtyPercentAdmin plants a team whose manager spends 30 % of the time
// on admin: a BM1 warning by default (above 25 %, not above 35 %).
func thirtyPercentAdmin(b *org) person {
	mia := b.manager("Mia")
	ana := b.rep(mia, "Ana")
	b.meeting(mia, "Expense report", minutes(30))
	b.meeting(mia, "1:1 Ana", minutes(70), withReps(ana))
	return mia
}

// overriddenThresholdDefaults is TestAnOverriddenThresholdChangesTheVerdict's
// team audited with the defaults, in defaultOrg, and its checks.
var overriddenThresholdDefaults = defaultOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := thirtyPercentAdmin(b)
	return func(t *testing.T, rep *Report) {
		t.Run("defaults", func(t *testing.T) {
			expect(t, findingOf(t, rep, mia, "BM1"), warn, 30)
			expect(t, findingOf(t, rep, mia, "PM2"), ok, 0)
		})
	}
})

// overriddenThresholdPM2 is TestAnOverriddenThresholdChangesTheVerdict's
// team audited with PM2 at 20 minutes a week, and its checks.
var overriddenThresholdPM2 = pm2At20MinutesOrg.plant(func(b *org) func(*testing.T, *Report) {
	mia := thirtyPercentAdmin(b)
	return func(t *testing.T, rep *Report) {
		f := findingOf(t, rep, mia, "PM2")
		expect(t, f, high, 1)
		expectColumn(t, f, "under threshold", true)
	}
})
