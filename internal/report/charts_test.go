package report

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/audit"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestStackedSegmentsFillTheBarEndToEnd(t *testing.T) {
	// Rounded shares that add up to 99.9 %, and a role with no time.
	shares := []audit.Share{{Name: "people", Percent: 33.3}, {Name: "customer", Percent: 0},
		{Name: "business", Percent: 33.3}, {Name: "low_value", Percent: 33.3}}
	segments := stackedSegments(shares)
	if len(segments) != 3 {
		t.Fatalf("%d segments, want 3 (none for a role without time): %+v", len(segments), segments)
	}
	end := 0.0
	for _, s := range segments {
		if !near(s.X, end) {
			t.Errorf("%s starts at %v, want %v where the one before ends", s.Role, s.X, end)
		}
		end = s.X + s.W
	}
	if !near(end, 100) {
		t.Errorf("the segments end at %v, want 100", end)
	}
	if !near(segments[0].W, segments[2].W) {
		t.Errorf("equal shares, unequal widths: %v and %v", segments[0].W, segments[2].W)
	}
	if stackedSegments([]audit.Share{{Name: "people"}}) != nil {
		t.Error("a manager without time has segments")
	}
}

func TestTargetBandsSpanTheirBounds(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	// An axis of 0–100 % from x = 10 to x = 210: 2 units a percent.
	cases := []struct {
		name     string
		min, max *float64
		want     span
	}{
		{"a range", v(20), v(30), span{X: 50, W: 20, Set: true}},
		{"a floor runs to 100 %", v(35), nil, span{X: 80, W: 130, Set: true}},
		{"a ceiling runs from 0 %", nil, v(10), span{X: 10, W: 20, Set: true}},
		{"no target, no band", nil, nil, span{}},
	}
	for _, c := range cases {
		got := targetSpan(audit.Share{TargetMin: c.min, TargetMax: c.max}, 10, 200)
		if got.Set != c.want.Set || !near(got.X, c.want.X) || !near(got.W, c.want.W) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestSplitBarsAreTheSharesOfTheAxis(t *testing.T) {
	c := newSplitChart(audit.TimeSplit{ByRole: []audit.Share{{Name: "people", Percent: 50}, {Name: "customer", Percent: 100}}})
	if !near(c.Rows[0].W, splitWidth/2) || !near(c.Rows[1].W, splitWidth) {
		t.Errorf("bars %v and %v wide, want half the axis and all of it (%v)", c.Rows[0].W, c.Rows[1].W, splitWidth)
	}
	if c.Rows[1].Y <= c.Rows[0].Y || c.Axis <= c.Rows[1].Y {
		t.Errorf("rows at %v and %v, axis at %v: not one below the other", c.Rows[0].Y, c.Rows[1].Y, c.Axis)
	}
	if last := c.Ticks[len(c.Ticks)-1]; !near(last.Pos, c.Left+c.Width) || last.Label != "100 %" {
		t.Errorf("the last tick is %+v, want 100 %% at the axis' end", last)
	}
}

func TestTheCoachingLineIsAtTheThreshold(t *testing.T) {
	for _, threshold := range []float64{15, 20} {
		c := newCoachingChart(audit.Coaching{ThresholdMinutesPerWeek: threshold, Reps: []audit.RepCoaching{
			{Name: "Ana", MinutesPerWeek: threshold / 3}, {Name: "Ben", MinutesPerWeek: threshold},
			{Name: "Cy", MinutesPerWeek: 50 * threshold},
		}})
		// The axis runs to four times the threshold: the line is a quarter in.
		if want := c.Left + c.Width/4; !near(c.ThresholdX, want) {
			t.Errorf("threshold %v: line at x = %v, want %v", threshold, c.ThresholdX, want)
		}
		ana, ben, cy := c.Rows[0], c.Rows[1], c.Rows[2]
		if !near(ben.W, c.ThresholdX-c.Left) || ben.Under {
			t.Errorf("threshold %v: a rep at it is %v wide (under: %v), want to end on the line and not be under", threshold, ben.W, ben.Under)
		}
		if !near(ana.W, (c.ThresholdX-c.Left)/3) || !ana.Under {
			t.Errorf("threshold %v: a rep at a third of it is %v wide (under: %v)", threshold, ana.W, ana.Under)
		}
		if !cy.Cut || !near(cy.W, c.Width) {
			t.Errorf("threshold %v: a rep far above is %v wide (cut: %v), want the whole axis, cut", threshold, cy.W, cy.Cut)
		}
		if c.Under != 1 {
			t.Errorf("threshold %v: %d under, want 1", threshold, c.Under)
		}
		if last := c.Ticks[len(c.Ticks)-1]; last.Label != number(4*threshold, 0) {
			t.Errorf("threshold %v: the axis ends at %q, want %v", threshold, last.Label, 4*threshold)
		}
	}
}

func TestNiceScalesEndOnARoundStep(t *testing.T) {
	cases := []struct{ top, end, step float64 }{
		{17, 20, 5}, {6, 6, 2}, {0.4, 0.4, 0.1},
		{100, 100, 50}, // four steps would be 25, which is no 1-2-5 step
		{0, 1, 1},
	}
	for _, c := range cases {
		end, step := niceScale(c.top, 4)
		if !near(end, c.end) || !near(step, c.step) {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", c.top, end, step, c.end, c.step)
		}
	}
}

// weeksFrom makes n calendar weeks from a Monday, the first and last of
// them partial.
func weeksFrom(monday time.Time, n int, hours func(i int) float64) []audit.Week {
	var out []audit.Week
	for i := range n {
		w := audit.Week{Start: monday.AddDate(0, 0, 7*i), Days: 7,
			HoursByRole: map[string]float64{audit.RolePeople: hours(i)}, KeyAccountTouches: int64(i), KeyAccountTouchesByManager: int64(i / 2)}
		if i == 0 || i == n-1 {
			w.Days = 3
		}
		out = append(out, w)
	}
	return out
}

func TestTrendPointsSitOnTheirWeeksAndHours(t *testing.T) {
	monday := time.Date(2025, 12, 29, 0, 0, 0, 0, time.UTC)
	weeks := weeksFrom(monday, 10, func(i int) float64 { return float64(i) })
	c := newTrendChart(weeks, []string{audit.RolePeople})
	dots := c.Lines[0].Dots
	if len(dots) != 10 {
		t.Fatalf("%d points for 10 weeks", len(dots))
	}
	if !near(dots[0].Y, c.Bottom) {
		t.Errorf("0 h is at y = %v, want the bottom %v", dots[0].Y, c.Bottom)
	}
	// 9 h, the most, on an axis that runs to 10.
	if want := c.Bottom - (c.Bottom-c.Top)*9/10; !near(dots[9].Y, want) {
		t.Errorf("9 h is at y = %v, want %v", dots[9].Y, want)
	}
	step := dots[1].X - dots[0].X
	if !near(dots[0].X, c.Left+step/2) || !near(dots[9].X, weekRight-step/2) {
		t.Errorf("the weeks run from x = %v to %v, want the middles of slots from %v to %v", dots[0].X, dots[9].X, c.Left, weekRight)
	}
	if len(c.Partial) != 2 || !near(c.Partial[0].X, c.Left) || !near(c.Partial[1].X+c.Partial[1].W, weekRight) {
		t.Errorf("partial weeks shaded: %+v, want the first and the last", c.Partial)
	}
	// 29 Dec holds 1 January, 26 January holds 1 February, 23 February 1 March.
	var months []string
	for _, m := range c.Months {
		months = append(months, m.Label)
	}
	if got := strings.Join(months, " "); got != "Jan Feb Mar" {
		t.Errorf("months %q, want Jan Feb Mar", got)
	}
}

func TestTouchColumnsStandOnTheAxis(t *testing.T) {
	weeks := weeksFrom(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), 5, func(int) float64 { return 0 })
	c := newTouchChart(weeks)
	for i, col := range c.Columns {
		if !near(col.Y+col.H, c.Bottom) || !near(col.ManagerY+col.ManagerH, c.Bottom) {
			t.Errorf("week %d: columns end at %v and %v, not on the axis at %v", i, col.Y+col.H, col.ManagerY+col.ManagerH, c.Bottom)
		}
		if col.ManagerH > col.H {
			t.Errorf("week %d: the manager's part (%v) is taller than the team's (%v)", i, col.ManagerH, col.H)
		}
	}
	// 4 touches, the most, on an axis that runs to 4.
	if last := c.Columns[4]; !near(last.Y, c.Top) {
		t.Errorf("the highest column tops at %v, want the top %v", last.Y, c.Top)
	}
}

func TestTheTrendIsSaidFromWholeWeeksOnly(t *testing.T) {
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	// Partial weeks of 100 h at both ends would skew the means if counted.
	weeks := weeksFrom(monday, 10, func(i int) float64 {
		if i == 0 || i == 9 {
			return 100
		}
		return float64(i)
	})
	// Whole weeks 1–8: the first four average 2.5 h, the last four 6.5 h.
	want := "People management: 2.5 h a week in the first four whole weeks, 6.5 h in the last four."
	if got := trendSentence(weeks, audit.RolePeople); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := trendSentence(weeks[:8], audit.RolePeople); got != "" {
		t.Errorf("with 6 whole weeks: %q, want nothing (no four against four)", got)
	}
}

func TestTheSplitChartMarksThePreviousShare(t *testing.T) {
	was := 40.0
	c := newSplitChart(audit.TimeSplit{ByRole: []audit.Share{{Name: audit.RolePeople, Percent: 20, PreviousPercent: &was},
		{Name: audit.RoleCustomer, Percent: 80}}})
	if !c.Compared || c.Rows[0].Was != splitLeft+splitWidth*0.4 || c.Rows[1].Previous != nil {
		t.Errorf("compared %v, people's mark at %v (want %v), customer's previous %v", c.Compared, c.Rows[0].Was,
			splitLeft+splitWidth*0.4, c.Rows[1].Previous)
	}
	if plain := newSplitChart(audit.TimeSplit{ByRole: []audit.Share{{Name: audit.RolePeople, Percent: 20}}}); plain.Compared {
		t.Error("a report without --compare marks a previous share")
	}
}
