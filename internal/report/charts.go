package report

// The HTML report's charts: the geometry is computed here, in units of
// each chart's viewBox, and report.html.tmpl writes it as inline SVG. No
// SVG library: those the module proxy offers (go-analyze/charts,
// gonum.org/v1/plot, tdewolff/canvas) draw whole images of a fixed size,
// with their own fonts and colours written into every shape; these charts
// must scale with the page (viewBox and width: 100 %), take their colours
// from the page's stylesheet (dark mode, print), carry a title and a
// description for screen readers, and link into the page. That is a few
// rectangles and lines, which a template writes plainly.

import (
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/internal/audit"
)

// Every manager chart is 400 units wide (the template's viewBoxes): at a
// phone's 360 px of text, its 13-unit labels are still 12 px.

// coord writes a coordinate for an SVG attribute: two decimals at most.
func coord(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// segment is one role's part of a stacked bar, in percent of the bar.
type segment struct {
	Role    string
	X, W    float64
	Percent float64
}

// stackedSegments lays a manager's role shares end to end across a bar
// 100 units wide, in the order given. The shares are rounded, so they are
// scaled to fill the bar exactly; roles with no time get no segment.
func stackedSegments(shares []audit.Share) []segment {
	total := 0.0
	for _, s := range shares {
		total += max(s.Percent, 0)
	}
	if total == 0 {
		return nil
	}
	var out []segment
	x := 0.0
	for _, s := range shares {
		if s.Percent <= 0 {
			continue
		}
		w := 100 * s.Percent / total
		out = append(out, segment{Role: s.Name, X: x, W: w, Percent: s.Percent})
		x += w
	}
	return out
}

// span is a stretch of an axis: a target band, in the units of its chart.
type span struct {
	X, W float64
	Set  bool
}

// targetSpan is a share's target band on an axis of percent from 0 at x0
// to 100 at x0+width; a bound the target leaves open is the axis' end.
func targetSpan(s audit.Share, x0, width float64) span {
	if s.TargetMin == nil && s.TargetMax == nil {
		return span{}
	}
	lo, hi := 0.0, 100.0
	if s.TargetMin != nil {
		lo = *s.TargetMin
	}
	if s.TargetMax != nil {
		hi = *s.TargetMax
	}
	return span{X: x0 + width*lo/100, W: width * (hi - lo) / 100, Set: true}
}

// tick is a labelled mark on an axis, at Pos in chart units.
type tick struct {
	Pos   float64
	Label string
}

// niceScale is an axis from 0 to at least top, in steps of 1, 2 or 5
// times a power of ten, about `steps` of them: it returns the axis' end
// and its step.
func niceScale(top float64, steps int) (end, step float64) {
	if top <= 0 {
		return 1, 1
	}
	raw := top / float64(steps)
	magnitude := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if step = m * magnitude; step >= raw {
			break
		}
	}
	return step * math.Ceil(top/step-1e-9), step
}

// ticksAlong marks 0, step, … end on an axis where value v is at pos(v).
func ticksAlong(end, step float64, pos func(float64) float64, label func(float64) string) []tick {
	var out []tick
	for v := 0.0; v <= end+step/1e6; v += step {
		out = append(out, tick{Pos: pos(v), Label: label(v)})
	}
	return out
}

// shorten cuts a label to n characters, with an ellipsis: SVG text does
// not wrap. The full text stays in the chart's table and title.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// --- role split against the targets ----------------------------------------

// splitChart is a manager's share of time per role, each a bar on an axis
// of 0 to 100 % over the role's target band.
type splitChart struct {
	Rows []splitRow
	// Compared says the rows mark the period compared with (--compare).
	Compared bool
	Ticks    []tick
	Left     float64 // where 0 % is
	Width    float64 // of 100 %
	Axis     float64 // y of the axis
	Height   float64
}

type splitRow struct {
	Role, Label    string
	Y              float64 // the bar's top
	W              float64 // the bar's width
	Band           span
	Percent        float64
	Target         string
	OffTarget      bool
	LabelX, LabelY float64 // where the percent is written
	// Was is where the share of the period compared with is marked (the
	// second series, --compare); Previous says there is one.
	Was      float64
	Previous *float64
}

const (
	splitLeft     = 86.0
	splitWidth    = 250.0
	splitRowH     = 26.0
	splitBarH     = 14.0
	splitTopSpace = 6.0
)

func newSplitChart(t audit.TimeSplit) splitChart {
	c := splitChart{Left: splitLeft, Width: splitWidth}
	for i, s := range t.ByRole {
		y := splitTopSpace + float64(i)*splitRowH
		w := splitWidth * min(max(s.Percent, 0), 100) / 100
		row := splitRow{
			Role: s.Name, Label: roleShort(s.Name), Y: y, W: w,
			Band: targetSpan(s, splitLeft, splitWidth), Percent: s.Percent, Target: s.Target, OffTarget: s.OffTarget,
			LabelX: splitLeft + w + 4, LabelY: y + splitBarH - 3, Previous: s.PreviousPercent,
		}
		if p := s.PreviousPercent; p != nil {
			row.Was = splitLeft + splitWidth*min(max(*p, 0), 100)/100
			c.Compared = true
		}
		c.Rows = append(c.Rows, row)
	}
	c.Axis = splitTopSpace + float64(len(t.ByRole))*splitRowH
	c.Height = c.Axis + 18
	c.Ticks = ticksAlong(100, 25, func(v float64) float64 { return splitLeft + splitWidth*v/100 },
		func(v float64) string { return number(v, 0) + " %" })
	return c
}

// --- coaching per rep against PM2's line -------------------------------------

// coachingChart is each rep's coaching minutes per week as a bar, with
// the threshold as a vertical line. The axis ends at four times the
// threshold: a rep far above it is drawn to the end, marked as cut, with
// the number written after it; what matters is who is under the line.
type coachingChart struct {
	Rows       []coachingRow
	Ticks      []tick
	Left       float64
	Width      float64
	Threshold  float64
	ThresholdX float64
	Axis       float64
	Height     float64
	Under      int
}

type coachingRow struct {
	Name, Short    string
	Y, W           float64
	Minutes        float64
	Under, Cut     bool
	LabelX, LabelY float64
}

const (
	coachingLeft  = 118.0
	coachingWidth = 236.0
	coachingRowH  = 20.0
	coachingBarH  = 12.0
	coachingTop   = 16.0 // room for the threshold's label
)

// coachingAxisEnd is where the coaching axis ends: four times the
// threshold, or the largest value when there is no threshold.
func coachingAxisEnd(c audit.Coaching) float64 {
	if c.ThresholdMinutesPerWeek > 0 {
		return 4 * c.ThresholdMinutesPerWeek
	}
	top := 0.0
	for _, r := range c.Reps {
		top = max(top, r.MinutesPerWeek)
	}
	end, _ := niceScale(top, 4)
	return end
}

func newCoachingChart(c audit.Coaching) coachingChart {
	end := coachingAxisEnd(c)
	x := func(v float64) float64 { return coachingLeft + coachingWidth*min(v, end)/end }
	ch := coachingChart{Left: coachingLeft, Width: coachingWidth, Threshold: c.ThresholdMinutesPerWeek}
	for i, r := range c.Reps {
		y := coachingTop + float64(i)*coachingRowH
		row := coachingRow{
			Name: r.Name, Short: shorten(r.Name, 17), Y: y, W: x(r.MinutesPerWeek) - coachingLeft,
			Minutes: r.MinutesPerWeek, Under: r.MinutesPerWeek < c.ThresholdMinutesPerWeek, Cut: r.MinutesPerWeek > end,
			LabelX: x(r.MinutesPerWeek) + 4, LabelY: y + coachingBarH - 2,
		}
		if row.Under {
			ch.Under++
		}
		ch.Rows = append(ch.Rows, row)
	}
	ch.ThresholdX = x(c.ThresholdMinutesPerWeek)
	ch.Axis = coachingTop + float64(len(c.Reps))*coachingRowH + 2
	ch.Height = ch.Axis + 18
	step := end / 4
	ch.Ticks = ticksAlong(end, step, x, func(v float64) string { return number(v, 0) })
	return ch
}

// --- weeks ----------------------------------------------------------------------

// weekFrame places a manager's weeks side by side across a chart: week i
// takes a slot of Step units from Left.
type weekFrame struct {
	Left, Step       float64
	Top, Bottom      float64
	PlotH            float64 // Bottom - Top
	Partial          []span  // the partial weeks' slots, shaded
	Months           []tick  // the first week of each month, labelled
	YTicks           []tick
	yEnd             float64
	Height, AxisText float64
}

const (
	weekLeft   = 34.0
	weekRight  = 392.0
	weekTop    = 8.0
	weekBottom = 150.0
)

func newWeekFrame(weeks []audit.Week, top float64, unit string) weekFrame {
	f := weekFrame{Left: weekLeft, Top: weekTop, Bottom: weekBottom, PlotH: weekBottom - weekTop,
		Height: weekBottom + 22, AxisText: weekBottom + 14}
	if len(weeks) > 0 {
		f.Step = (weekRight - weekLeft) / float64(len(weeks))
	}
	end, step := niceScale(top, 4)
	f.yEnd = end
	f.YTicks = ticksAlong(end, step, f.y, func(v float64) string { return number(v, 1) + unit })
	for i, w := range weeks {
		if w.Days < 7 {
			f.Partial = append(f.Partial, span{X: f.Left + float64(i)*f.Step, W: f.Step, Set: true})
		}
		// A month is named at the week that holds its first day.
		if sunday := w.Start.AddDate(0, 0, 6); sunday.Day() <= 7 {
			f.Months = append(f.Months, tick{Pos: f.x(i), Label: sunday.Format("Jan")})
		}
	}
	return f
}

// x is the middle of week i's slot.
func (f weekFrame) x(i int) float64 { return f.Left + (float64(i)+0.5)*f.Step }

// y is where value v is.
func (f weekFrame) y(v float64) float64 {
	return f.Bottom - (f.Bottom-f.Top)*v/f.yEnd
}

// trendChart is a manager's hours per role, week by week, one line a role.
type trendChart struct {
	weekFrame
	Lines []trendLine
}

type trendLine struct {
	Role, Label string
	Points      string // for <polyline points>
	Dots        []point
}

type point struct{ X, Y float64 }

func newTrendChart(weeks []audit.Week, roles []string) trendChart {
	top := 0.0
	for _, w := range weeks {
		for _, r := range roles {
			top = max(top, w.HoursByRole[r])
		}
	}
	c := trendChart{weekFrame: newWeekFrame(weeks, top, " h")}
	for _, r := range roles {
		line := trendLine{Role: r, Label: roleWord(r)}
		for i, w := range weeks {
			p := point{c.x(i), c.y(w.HoursByRole[r])}
			line.Dots = append(line.Dots, p)
			if i > 0 {
				line.Points += " "
			}
			line.Points += coord(p.X) + "," + coord(p.Y)
		}
		c.Lines = append(c.Lines, line)
	}
	return c
}

// touchChart is the key-account touches per week: a column for the
// team's, the manager's own part of it darker.
type touchChart struct {
	weekFrame
	Columns []touchColumn
}

type touchColumn struct {
	Start    time.Time
	X, W     float64
	Y, H     float64 // the team's column
	ManagerY float64 // the manager's part, from the bottom
	ManagerH float64
	Touches  int64
	Mine     int64
}

func newTouchChart(weeks []audit.Week) touchChart {
	top := 0.0
	for _, w := range weeks {
		top = max(top, float64(w.KeyAccountTouches))
	}
	c := touchChart{weekFrame: newWeekFrame(weeks, max(top, 1), "")}
	for i, w := range weeks {
		y, mine := c.y(float64(w.KeyAccountTouches)), c.y(float64(w.KeyAccountTouchesByManager))
		c.Columns = append(c.Columns, touchColumn{
			Start: w.Start, X: c.Left + float64(i)*c.Step + c.Step*0.15, W: c.Step * 0.7,
			Y: y, H: c.Bottom - y, ManagerY: mine, ManagerH: c.Bottom - mine,
			Touches: w.KeyAccountTouches, Mine: w.KeyAccountTouchesByManager,
		})
	}
	return c
}

// roleWord is a role's words, unclassified included.
func roleWord(role string) string {
	if role == audit.Unclassified {
		return "unclassified"
	}
	return audit.RoleLabel(role)
}

// roleShort is a role in a word, where a chart has little room.
func roleShort(role string) string {
	switch role {
	case audit.RoleLowValue:
		return "low-value"
	case audit.Unclassified:
		return "unclassified"
	}
	return role
}

// trendRoles are the roles a manager's trend draws: the four, and
// unclassified when some of the time is.
func trendRoles(t audit.TimeSplit) []string {
	roles := append([]string(nil), audit.Roles...)
	for _, s := range t.ByRole {
		if s.Name == audit.Unclassified && s.Hours > 0 {
			roles = append(roles, audit.Unclassified)
		}
	}
	return roles
}

// trendSentence says in words how a role's weekly hours moved: the mean of
// the first four whole weeks against the last four's.
func trendSentence(weeks []audit.Week, role string) string {
	var whole []audit.Week
	for _, w := range weeks {
		if w.Days == 7 {
			whole = append(whole, w)
		}
	}
	if len(whole) < 8 {
		return ""
	}
	mean := func(ws []audit.Week) float64 {
		sum := 0.0
		for _, w := range ws {
			sum += w.HoursByRole[role]
		}
		return sum / float64(len(ws))
	}
	first, last := mean(whole[:4]), mean(whole[len(whole)-4:])
	return fmt.Sprintf("%s: %s h a week in the first four whole weeks, %s h in the last four.",
		capitalise(roleWord(role)), number(first, 1), number(last, 1))
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
