package audit

import (
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// metric is a rule result with only a metric.
func metric(v float64) map[string]float64 { return map[string]float64{"metric": v} }

// with adds a measure to a result.
func with(m map[string]float64, name string, v float64) map[string]float64 {
	m[name] = v
	return m
}

// Every rule's bands at, just below and just above its default
// thresholds, as the rule's documentation (threshold_text) says them.
// The scenario tests of each rule check that its SQL computes the metric
// these bands are given.
func TestRuleBandsAtTheirThresholds(t *testing.T) {
	const (
		ok   = SeverityOK
		warn = SeverityWarning
		high = SeverityHigh
	)
	cases := []struct {
		rule     string
		measures map[string]float64
		want     Severity
	}{
		// BM1: warning above 25 %, high above 35 %.
		{"BM1", metric(25), ok}, {"BM1", metric(25.01), warn}, {"BM1", metric(35), warn}, {"BM1", metric(35.01), high},
		// BM2: warning above 20 points, high above 40 points.
		{"BM2", metric(20), ok}, {"BM2", metric(20.01), warn}, {"BM2", metric(40), warn}, {"BM2", metric(40.01), high},
		{"BM2", metric(-60), ok},
		// BM3: warning at 30 % or more, high at 50 % or more.
		{"BM3", metric(29.99), ok}, {"BM3", metric(30), warn}, {"BM3", metric(49.99), warn}, {"BM3", metric(50), high},
		// BM4: warning at 4 weeks or more, or under 5 % of time; high at 8 weeks or more.
		{"BM4", with(metric(3), "business_share", 5), ok},
		{"BM4", with(metric(4), "business_share", 5), warn},
		{"BM4", with(metric(3), "business_share", 4.99), warn},
		{"BM4", with(metric(7), "business_share", 20), warn},
		{"BM4", with(metric(8), "business_share", 20), high},
		{"BM4", with(metric(8), "business_share", 0), high},
		// BM5: warning at 35 % or more, high at 50 % or more.
		{"BM5", metric(34.99), ok}, {"BM5", metric(35), warn}, {"BM5", metric(49.99), warn}, {"BM5", metric(50), high},
		// PM1: warning below 10 %, high below 5 % (lower is worse).
		{"PM1", metric(10), ok}, {"PM1", metric(9.99), warn}, {"PM1", metric(5), warn}, {"PM1", metric(4.99), high},
		{"PM1", metric(0), high},
		// PM2: warning for any rep under the minutes, high when 30 % of the team or more.
		{"PM2", with(metric(0), "under_share", 0), ok},
		{"PM2", with(metric(1), "under_share", 25), warn},
		{"PM2", with(metric(2), "under_share", 29.99), warn},
		{"PM2", with(metric(3), "under_share", 30), high},
		// PM3: warning above 1.5, high above 3; no coaching of the middle is high.
		{"PM3", with(metric(1.5), "middle_coaching", 10), ok},
		{"PM3", with(metric(1.51), "middle_coaching", 10), warn},
		{"PM3", with(metric(3), "middle_coaching", 10), warn},
		{"PM3", with(metric(3.01), "middle_coaching", 10), high},
		{"PM3", map[string]float64{"middle_coaching": 0}, high},
		// PM4: warning above 1, high above 2; reviews without any coaching are high.
		{"PM4", with(metric(1), "coaching_minutes", 60), ok},
		{"PM4", with(metric(1.01), "coaching_minutes", 60), warn},
		{"PM4", with(metric(2), "coaching_minutes", 60), warn},
		{"PM4", with(metric(2.01), "coaching_minutes", 60), high},
		{"PM4", map[string]float64{"coaching_minutes": 0}, high},
		// PM5: warning at 10 % or more, high at 25 % or more.
		{"PM5", metric(9.99), ok}, {"PM5", metric(10), warn}, {"PM5", metric(24.99), warn}, {"PM5", metric(25), high},
		// PM6: warning at 30 % or more, high at 50 % or more.
		{"PM6", metric(29.99), ok}, {"PM6", metric(30), warn}, {"PM6", metric(49.99), warn}, {"PM6", metric(50), high},
		// CM1: warning above 20 %, high above 40 %.
		{"CM1", metric(20), ok}, {"CM1", metric(20.01), warn}, {"CM1", metric(40), warn}, {"CM1", metric(40.01), high},
		// CM2: warning for any account hoarded from a rep, high when 25 % of the key accounts or more.
		{"CM2", with(with(metric(0), "hoarded_share", 0), "hoarded_from_reps", 0), ok},
		{"CM2", with(with(metric(1), "hoarded_share", 20), "hoarded_from_reps", 0), ok},
		{"CM2", with(with(metric(1), "hoarded_share", 20), "hoarded_from_reps", 1), warn},
		{"CM2", with(with(metric(1), "hoarded_share", 24.99), "hoarded_from_reps", 1), warn},
		{"CM2", with(with(metric(1), "hoarded_share", 25), "hoarded_from_reps", 0), high},
		// CM3: warning above 25 %, high above 40 %.
		{"CM3", metric(25), ok}, {"CM3", metric(25.01), warn}, {"CM3", metric(40), warn}, {"CM3", metric(40.01), high},
	}
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, c := range cases {
		rule, found := RuleByID(c.rule)
		if !found {
			t.Fatalf("no rule %s", c.rule)
		}
		tested[c.rule] = true
		threshold := func(name string) float64 { return cfg.Threshold(rule, name) }
		if got := rule.Severity("", c.measures, threshold); got != c.want {
			t.Errorf("%s with %v = %s, want %s (high: %s; warning: %s)", c.rule, c.measures, got, c.want, rule.High, rule.Warning)
		}
	}
	for _, r := range Rules {
		if !tested[r.ID] {
			t.Errorf("%s's bands are not tested here", r.ID)
		}
	}
}

func TestMissingDataWinsOverEveryBand(t *testing.T) {
	for _, r := range Rules {
		measures := map[string]float64{"metric": 1e9}
		for _, m := range r.bandMeasures() {
			measures[m] = 0
		}
		if got := r.Severity("no activities", measures, func(string) float64 { return 0 }); got != SeverityNotEnoughData {
			t.Errorf("%s with a missing-data reason = %s", r.ID, got)
		}
	}
}

// A measure the SQL left NULL compares as in SQL: not at all.
func TestANullMeasureHoldsNoBand(t *testing.T) {
	pm1, _ := RuleByID("PM1")
	if got := pm1.Severity("", map[string]float64{}, func(string) float64 { return 10 }); got != SeverityOK {
		t.Errorf("PM1 without a metric = %s, want ok", got)
	}
}

func TestAConfiguredThresholdMovesTheBand(t *testing.T) {
	defaults, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := parseConfig("test.yaml", []byte("rules:\n  BM1: {warn: 12}\n"), defaults)
	if err != nil {
		t.Fatal(err)
	}
	bm1, _ := RuleByID("BM1")
	threshold := func(name string) float64 { return cfg.Threshold(bm1, name) }
	for _, c := range []struct {
		metric float64
		want   Severity
	}{{12, SeverityOK}, {12.5, SeverityWarning}, {35, SeverityWarning}, {35.5, SeverityHigh}} {
		if got := bm1.Severity("", metric(c.metric), threshold); got != c.want {
			t.Errorf("BM1 at %v with warn 12 = %s, want %s", c.metric, got, c.want)
		}
	}
}

func TestBandsSayWhatIsWrong(t *testing.T) {
	thresholds := map[string]float64{"warn": 1, "high": 2}
	for _, c := range []struct{ band, problem string }{
		{"", "empty"},
		{"metric >> warn", "is not a comparison"},
		{"metric > warn and share < 5", "is not a comparison"},
		{"metric > hgh", "hgh is not one of the rule's thresholds"},
		{"metric > inf", "inf is not one of the rule's thresholds"},
		{"Metric > warn", "is not a comparison"},
	} {
		_, err := parseBand(c.band, thresholds)
		if err == nil || !strings.Contains(err.Error(), c.problem) {
			t.Errorf("parseBand(%q) = %v, want an error saying %q", c.band, err, c.problem)
		}
	}
	b, err := parseBand("metric >= warn or share < 5 or count = 0", thresholds)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.measures(); strings.Join(got, ",") != "metric,share,count" {
		t.Errorf("measures = %v", got)
	}
}

// A threshold with digits in its name is one name everywhere: in a band,
// and as the SQL's $p90.
func TestAThresholdNamedWithDigitsIsOneName(t *testing.T) {
	b, err := parseBand("metric > p90", map[string]float64{"p90": 4, "p": 1})
	if err != nil {
		t.Fatal(err)
	}
	if b.comparisons[0].threshold != "p90" {
		t.Errorf("band compares with %+v", b.comparisons[0])
	}
	args, err := bind("x.sql", "SELECT $p90", map[string]any{"p90": 4.0, "p": 1.0})
	if err != nil || len(args) != 1 || fmt.Sprint(args[0]) != fmt.Sprint(sql.Named("p90", 4.0)) {
		t.Errorf("bind = %v, %v; want p90 alone", args, err)
	}
}

// The audit's parameters are those a rule's thresholds may not shadow.
func TestTheGlobalParametersAreTheAuditsParameters(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	params, err := (&runner{cfg: cfg}).params()
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(params)); !slices.Equal(got, slices.Sorted(slices.Values(globalParameters))) {
		t.Errorf("params %v, globalParameters %v", got, globalParameters)
	}
}
