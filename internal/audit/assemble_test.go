package audit

import (
	"database/sql"
	"strings"
	"testing"
)

// TestAMetricIsRoundedOnceFromTheExactValue: the JSON's two decimals are
// one rounding of the rule's value; the text formats round the exact value
// again, not the rounded one (72.546 → 72.55 → 72.6 disagreed with the
// role share's 72.5).
func TestAMetricIsRoundedOnceFromTheExactValue(t *testing.T) {
	rounded, exact := metricOf(&sql.NullFloat64{Float64: 72.546, Valid: true}, SeverityHigh)
	if rounded == nil || *rounded != 72.55 {
		t.Errorf("rounded metric = %v, want 72.55", rounded)
	}
	f := Finding{Metric: rounded, exact: exact}
	if got := f.ExactMetric(); got == nil || *got != 72.546 {
		t.Errorf("ExactMetric() = %v, want 72.546", got)
	}
	p := PreviousFinding{Metric: rounded, exact: exact}
	if got := p.ExactMetric(); got == nil || *got != 72.546 {
		t.Errorf("previous ExactMetric() = %v, want 72.546", got)
	}
	// A metric withheld after the rule ran (privacy) stays withheld.
	f.Metric = nil
	if got := f.ExactMetric(); got != nil {
		t.Errorf("ExactMetric() of a withheld metric = %v, want nil", *got)
	}
}

// TestAFindingWithoutEnoughDataHasNoMetric: what a rule's SQL computed for
// a team too small to judge is no measure of it, and a BI tool reading the
// JSON or CSV would count it as one.
func TestAFindingWithoutEnoughDataHasNoMetric(t *testing.T) {
	if rounded, exact := metricOf(&sql.NullFloat64{Float64: 0.31, Valid: true}, SeverityNotEnoughData); rounded != nil || exact != nil {
		t.Errorf("not enough data: metric %v (exact %v), want none", rounded, exact)
	}
	for _, severity := range []Severity{SeverityOK, SeverityWarning, SeverityHigh} {
		if rounded, _ := metricOf(&sql.NullFloat64{Float64: 0.31, Valid: true}, severity); rounded == nil {
			t.Errorf("%s: no metric, want 0.31", severity)
		}
	}
}

// TestManagersWithoutLoggedTimeAreNotRanked: a manager who logged nothing
// has 0 % of nothing in every role, no place in a ranking by share.
func TestManagersWithoutLoggedTimeAreNotRanked(t *testing.T) {
	managers := []Manager{
		{Name: "Idle", Level: LevelFirstLine, Time: TimeSplit{ByRole: []Share{{Name: RolePeople}, {Name: RoleCustomer}}}},
		{Name: "Busy", Level: LevelFirstLine, Time: TimeSplit{ByRole: []Share{{Name: RolePeople, Percent: 40}, {Name: RoleCustomer, Percent: 60}}}},
	}
	for _, rr := range rankRoles(managers) {
		for _, m := range rr.Managers {
			if m.Name == "Idle" {
				t.Errorf("%s: Idle, who logged no time, is ranked at %v %%", rr.Role, m.Percent)
			}
		}
		if rr.Role == RolePeople && (len(rr.Managers) != 1 || rr.Managers[0].Name != "Busy") {
			t.Errorf("people: ranking %v, want Busy alone", rr.Managers)
		}
	}
}

// TestNoTimeBeforeIsNoChange: compared with a period without activities,
// each share went "▲ 71.4 pts" from 0 % of nothing, and the hours from
// "0 h before". A manager who logged nothing then has verdicts then, but
// no hours or shares to compare with.
func TestNoTimeBeforeIsNoChange(t *testing.T) {
	now := Manager{Source: "crm", ID: "1", Time: TimeSplit{HoursPerWeek: 21.6,
		ByRole: []Share{{Name: RolePeople, Percent: 71.4}}, ByCategory: []Share{{Name: CategoryCoaching, Percent: 8.2}}},
		Findings: []Finding{{Rule: "PM1", Severity: SeverityOK}}}
	then := Manager{Source: "crm", ID: "1", Time: TimeSplit{
		ByRole: []Share{{Name: RolePeople}}, ByCategory: []Share{{Name: CategoryCoaching}}},
		Findings: []Finding{{Rule: "PM1", Severity: SeverityNotEnoughData}}}
	current := &Report{Managers: []Manager{now}}
	Compare(current, &Report{NoActivities: true, Managers: []Manager{then}})
	m := current.Managers[0]
	if !current.ComparedNoActivities || !m.Time.PreviousNoTime {
		t.Errorf("compared_no_activities %v, previous_no_time %v; want both", current.ComparedNoActivities, m.Time.PreviousNoTime)
	}
	if m.Time.PreviousHoursPerWeek != nil || m.Time.ByRole[0].PreviousPercent != nil || m.Time.ByCategory[0].PreviousPercent != nil {
		t.Errorf("hours then %v, shares then %v, %v; want none", m.Time.PreviousHoursPerWeek,
			m.Time.ByRole[0].PreviousPercent, m.Time.ByCategory[0].PreviousPercent)
	}
	if p := m.Findings[0].Previous; p == nil || p.Severity != SeverityNotEnoughData {
		t.Errorf("PM1 then %+v, want not_enough_data", p)
	}
}

// TestNothingToAuditSaysWhatWasLoaded: after loading an export of users
// alone, "load an export first" misled.
func TestNothingToAuditSaysWhatWasLoaded(t *testing.T) {
	got := nothingToAuditMessage(5, 0)
	for _, want := range []string{"5 users and 0 accounts", "no activities and no deals", "calendars"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q does not say %q", got, want)
		}
	}
	if got := nothingToAuditMessage(0, 0); !strings.Contains(got, "load an export first") {
		t.Errorf("an empty database: %q", got)
	}
}
