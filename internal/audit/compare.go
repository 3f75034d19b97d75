package audit

import (
	"math"
	"time"
)

// Comparison says which earlier period a report is compared with
// (--compare): the one of the same length just before the audited period
// (Previous), or From to To (To exclusive).
type Comparison struct {
	Previous bool
	From, To time.Time
}

func (c Comparison) set() bool { return c.Previous || !c.From.IsZero() }

// period is the span to compare the audited period with: the given one,
// or as many days just before it.
func (c Comparison) period(audited Period) (from, to time.Time) {
	if !c.Previous {
		return c.From, c.To
	}
	days := int(math.Round(audited.To.Sub(audited.From).Hours() / 24))
	return audited.From.AddDate(0, 0, -days), audited.From
}

// Compare puts the numbers of previous, the same audit of an earlier
// period, beside those of current: each manager's hours a week, role and
// category shares, and each finding's verdict, matched by the manager's
// source and ID. A manager not audited in the earlier period gets none,
// and one who logged no time then gets the verdicts only: a share of no
// time is no share to compare with.
func Compare(current, previous *Report) {
	current.ComparedWith = &previous.Period
	current.ComparedNoActivities = previous.NoActivities
	earlier := map[string]*Manager{}
	for i := range previous.Managers {
		m := &previous.Managers[i]
		earlier[m.Source+"/"+m.ID] = m
	}
	for i := range current.Managers {
		m := &current.Managers[i]
		p, ok := earlier[m.Source+"/"+m.ID]
		if !ok {
			continue
		}
		compareTime(&m.Time, p.Time)
		for j := range m.Findings {
			f := &m.Findings[j]
			if pf := findingFor(p.Findings, f.Rule); pf != nil {
				f.Previous = &PreviousFinding{Severity: pf.Severity, Metric: pf.Metric, exact: pf.exact}
			}
		}
	}
}

// compareTime puts the earlier hours and shares beside the current ones,
// or says there was no time then.
func compareTime(current *TimeSplit, previous TimeSplit) {
	if !previous.Logged() {
		current.PreviousNoTime = true
		return
	}
	hours := previous.HoursPerWeek
	current.PreviousHoursPerWeek = &hours
	compareShares(current.ByRole, previous.ByRole)
	compareShares(current.ByCategory, previous.ByCategory)
}

func compareShares(current, previous []Share) {
	for i := range current {
		for _, p := range previous {
			if p.Name == current[i].Name {
				percent := p.Percent
				current[i].PreviousPercent = &percent
			}
		}
	}
}

func findingFor(findings []Finding, rule string) *Finding {
	for i := range findings {
		if findings[i].Rule == rule {
			return &findings[i]
		}
	}
	return nil
}
