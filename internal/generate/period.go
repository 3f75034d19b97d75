package generate

import "time"

const day = 24 * time.Hour

// period is the span the export covers, [start, end), cut into the
// Monday-to-Sunday weeks the audit's BM4 counts, including the partial
// weeks at either end.
type period struct {
	start, end time.Time
	weeks      []week
}

type week struct {
	index int
	// workdays are the weekdays of the week inside the period; days are
	// all its days inside the period.
	workdays []time.Time
	days     []time.Time
}

func newPeriod(end time.Time, months int) period {
	p := period{start: end.AddDate(0, -months, 0), end: end}
	monday := p.start.AddDate(0, 0, -int((p.start.Weekday()+6)%7))
	for i := 0; monday.Before(p.end); i++ {
		w := week{index: i}
		for d := range 7 {
			t := monday.AddDate(0, 0, d)
			if t.Before(p.start) || !t.Before(p.end) {
				continue
			}
			w.days = append(w.days, t)
			if d < 5 {
				w.workdays = append(w.workdays, t)
			}
		}
		p.weeks = append(p.weeks, w)
		monday = monday.AddDate(0, 0, 7)
	}
	return p
}

// fraction is the share of a full five-day week a week's workdays make.
func (w week) fraction() float64 { return float64(len(w.workdays)) / 5 }

// first is the week's first workday in the period, else its first day.
func (w week) first() time.Time {
	if len(w.workdays) > 0 {
		return w.workdays[0]
	}
	return w.days[0]
}

func midnight(t time.Time) time.Time { return t.Truncate(day) }
