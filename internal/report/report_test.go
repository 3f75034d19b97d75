package report

import (
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
	"github.com/salesaudit/salesaudit/internal/render"
)

func TestMetricsReadWithTheirUnits(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	cases := []struct {
		f    audit.Finding
		want string
	}{
		{audit.Finding{Unit: "%", Metric: v(32.349)}, "32.3 %"},
		{audit.Finding{Unit: "points", Metric: v(74.59)}, "74.6 points"},
		{audit.Finding{Unit: "ratio", Metric: v(1.534)}, "1.53"},
		{audit.Finding{Unit: "ratio"}, "no coaching to compare with"},
		{audit.Finding{Unit: "weeks", Metric: v(1)}, "1 week"},
		{audit.Finding{Unit: "reps", Metric: v(4)}, "4 reps"},
		{audit.Finding{Unit: "accounts", Metric: v(1)}, "1 account"},
		{audit.Finding{Unit: "%"}, "n/a"},
	}
	for _, c := range cases {
		if got := metric(c.f); got != c.want {
			t.Errorf("metric(%s %v) = %q, want %q", c.f.Unit, c.f.Metric, got, c.want)
		}
	}
}

func TestNumbersDropNoiseDigits(t *testing.T) {
	for in, want := range map[float64]string{2: "2", 2.04: "2", 2.25: "2.3", -0.01: "0", 1234.5: "1234.5"} {
		if got := number(in, 1); got != want {
			t.Errorf("number(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestAReportWithoutActivitiesSaysSoOnce: no time tables of zeros and no
// "No findings." where nothing could be measured, in every text format.
func TestAReportWithoutActivitiesSaysSoOnce(t *testing.T) {
	rep := &audit.Report{NoActivities: true, Managers: []audit.Manager{{
		Name: "Mia", Level: audit.LevelFirstLine, TeamSize: 1, Team: []string{"Ana"},
		Time: audit.TimeSplit{ByRole: []audit.Share{{Name: "people", Target: "≥ 35 %"}}},
		Findings: []audit.Finding{{Rule: "PM1", Name: "under_coaching", Severity: audit.SeverityNotEnoughData,
			Missing: "no activities in the period: no one's time is in the data"}},
	}}}
	for _, format := range []render.Format{render.FormatTable, render.FormatMarkdown, render.FormatHTML} {
		var out strings.Builder
		if err := Write(&out, format, rep, Options{}); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		if n := strings.Count(text, "No activities in the period"); n != 1 {
			t.Errorf("%s: the banner appears %d times, want once", format, n)
		}
		for _, absent := range []string{"Logged", "No findings.", "people management", "≥ 35 %"} {
			if strings.Contains(text, absent) {
				t.Errorf("%s: %q is shown though nothing was measured", format, absent)
			}
		}
		if !strings.Contains(text, "PM1 under coaching") {
			t.Errorf("%s: the rule without data is not listed with its reason", format)
		}
	}
}

// TestMarkdownKeepsTheReportsLinesApart: Markdown joins lines with no
// blank line between them into one paragraph, which ran the team, the
// hours and the weakest role together, and a finding's description,
// recommendation and source.
func TestMarkdownKeepsTheReportsLinesApart(t *testing.T) {
	rep := evidenceReport()
	m := &rep.Managers[0]
	m.Time = audit.TimeSplit{Hours: 10, HoursPerWeek: 1, WeakestRole: "people"}
	f := &m.Findings[0]
	f.Measures, f.Recommendation, f.Source = "Share of time.", "Cut it.", "A study."
	var out strings.Builder
	if err := Write(&out, render.FormatMarkdown, rep, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Team of 1: Ana.\n\nLogged 10 h",
		"are estimated.\n\nWeakest role: people management.\n",
		"Share of time.\n\nRecommendation: Cut it.\n\nSource: A study.\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the Markdown has no %q:\n%s", want, out.String())
		}
	}
}

// TestTheTerminalReportKeepsToItsWidth: paragraphs and tables alike wrap
// to Options.Width, the terminal's.
func TestTheTerminalReportKeepsToItsWidth(t *testing.T) {
	rep := evidenceReport()
	f := &rep.Managers[0].Findings[0]
	f.Measures = strings.Repeat("Share of the manager's time spent on admin. ", 4)
	for _, width := range []int{60, 80} {
		var out strings.Builder
		if err := Write(&out, render.FormatTable, rep, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if n := len([]rune(line)); n > width {
				t.Errorf("width %d: a line of %d: %q", width, n, line)
			}
		}
	}
}

// TestNoOneIsRankedWithoutLoggedTime: data without activities ranked
// every manager at 0 % in each role, against the report's own banner.
func TestNoOneIsRankedWithoutLoggedTime(t *testing.T) {
	idle := func(name string) audit.Manager {
		return audit.Manager{Name: name, Level: audit.LevelFirstLine, TeamSize: 1,
			Time: audit.TimeSplit{ByRole: []audit.Share{{Name: "people"}}}}
	}
	cases := []struct {
		rep  *audit.Report
		want string
	}{
		{&audit.Report{NoActivities: true, Managers: []audit.Manager{idle("Ada"), idle("Bo")},
			Organisation: []audit.RoleRanking{{Role: "people"}}},
			"No ranking by role: no manager logged any time in the period"},
		{&audit.Report{Managers: []audit.Manager{idle("Ada"), {Name: "Cy", Level: audit.LevelFirstLine,
			Time: audit.TimeSplit{ByRole: []audit.Share{{Name: "people", Percent: 100}}}}},
			Organisation: []audit.RoleRanking{{Role: "people", Managers: []audit.RankedShare{{Name: "Cy", Percent: 100}}}}},
			"Not ranked, with no time logged in the period: Ada."},
	}
	for _, c := range cases {
		for _, format := range []render.Format{render.FormatTable, render.FormatMarkdown, render.FormatHTML} {
			var out strings.Builder
			if err := Write(&out, format, c.rep, Options{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), c.want) {
				t.Errorf("%s: no %q", format, c.want)
			}
			if strings.Contains(out.String(), "Ada 0 %") {
				t.Errorf("%s: Ada, who logged no time, is ranked at 0 %%", format)
			}
		}
	}
}

// TestAComparisonWithNoTimeThenShowsNoChange: against a period without
// activities the report read "0 h before" and "▲ 71.4 pts", and said
// "was n/a", the report's word for a rule not judged at a level.
func TestAComparisonWithNoTimeThenShowsNoChange(t *testing.T) {
	rep := evidenceReport()
	rep.ComparedWith, rep.ComparedNoActivities = &audit.Period{}, true
	m := &rep.Managers[0]
	m.Time = audit.TimeSplit{Hours: 10, HoursPerWeek: 1, PreviousNoTime: true,
		ByRole: []audit.Share{{Name: "people", Percent: 71.4}}, ByCategory: []audit.Share{{Name: "coaching", Percent: 71.4}}}
	m.Findings[0].Previous = &audit.PreviousFinding{Severity: audit.SeverityNotEnoughData}
	for _, format := range []render.Format{render.FormatTable, render.FormatMarkdown, render.FormatHTML} {
		var out strings.Builder
		if err := Write(&out, format, rep, Options{}); err != nil {
			t.Fatal(err)
		}
		text := out.String()
		for _, want := range []string{"no activities in the earlier period", "1 h a week (no time then)", "then: not enough data"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %q", format, want)
			}
		}
		for _, absent := range []string{"▲", "h before", "was n/a", `class="was"`} {
			if strings.Contains(text, absent) {
				t.Errorf("%s: %q though there was no time then", format, absent)
			}
		}
	}
	if got := shareChange(m.Time, m.Time.ByRole[0]); got != "no time then" {
		t.Errorf("the change of a share with no time then is %q", got)
	}
}

// TestNoChangeColumnWithoutTimeThen: compared with a period without any
// activity, a change column would say "no time then" in every cell.
func TestNoChangeColumnWithoutTimeThen(t *testing.T) {
	rep := evidenceReport()
	rep.ComparedWith, rep.ComparedNoActivities = &audit.Period{}, true
	m := &rep.Managers[0]
	m.Time = audit.TimeSplit{Hours: 10, PreviousNoTime: true, ByCategory: []audit.Share{{Name: "coaching", Percent: 50}}}
	for _, format := range []render.Format{render.FormatTable, render.FormatHTML} {
		var out strings.Builder
		if err := Write(&out, format, rep, Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), "change") {
			t.Errorf("%s: a change column with no time then", format)
		}
	}
}

// TestTheTeamLineSaysWhoJoinedOrLeft: "Team of 5" counted a rep who left
// during the period without saying so, beside a PM3 that counted 4.
func TestTheTeamLineSaysWhoJoinedOrLeft(t *testing.T) {
	day := func(s string) *time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	m := audit.Manager{Name: "Mia", TeamSize: 3, Team: []string{"Ana", "Bo", "Cy"}, TeamChanges: []audit.TeamChange{
		{Name: "Ana", Joined: day("2026-02-03")}, {Name: "Cy", Joined: day("2026-01-05"), Left: day("2026-06-12")}}}
	want := "Team of 3, of whom Ana joined on 3 Feb 2026 and Cy joined on 5 Jan 2026 and left on 12 Jun 2026: Ana, Bo, Cy."
	if got := teamLine(m); got != want {
		t.Errorf("team line\n%q, want\n%q", got, want)
	}
	m.TeamChanges = m.TeamChanges[1:]
	m.TeamChanges[0].Joined = nil
	if got, want := teamLine(m), "Team of 3, of whom Cy left on 12 Jun 2026: Ana, Bo, Cy."; got != want {
		t.Errorf("team line %q, want %q", got, want)
	}
}
