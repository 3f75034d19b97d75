package ics

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"
	"github.com/teambition/rrule-go"
)

// customZone is a time zone defined only by a file's VTIMEZONE: a set of
// observances (STANDARD, DAYLIGHT), each taking effect at onsets given by
// its DTSTART, RRULE and RDATEs, in the local time in force before it.
type customZone struct {
	observances []*observance
	// offsets are the distinct offsets of the zone, largest first.
	offsets []time.Duration
}

type observance struct {
	start      time.Time // wall time of the first onset
	offsetFrom time.Duration
	offsetTo   time.Duration
	rule       *rrule.RRule
	rdates     []time.Time // wall times
	// onsets caches the rule's onsets per year.
	onsets map[int][]time.Time
}

// yearsSearched bounds how far back an onset is looked for: VTIMEZONE
// rules recur yearly.
const yearsSearched = 10

func newCustomZone(def *ical.ComponentBase) (*customZone, error) {
	z := &customZone{}
	for _, sub := range def.Components {
		name := subcomponentName(sub)
		if name != "STANDARD" && name != "DAYLIGHT" {
			continue
		}
		o, err := newObservance(props{baseOf(sub)})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		z.observances = append(z.observances, o)
	}
	if len(z.observances) == 0 {
		return nil, errors.New("it has no STANDARD or DAYLIGHT observance")
	}
	seen := map[time.Duration]bool{}
	for _, o := range z.observances {
		if !seen[o.offsetTo] {
			seen[o.offsetTo] = true
			z.offsets = append(z.offsets, o.offsetTo)
		}
	}
	sort.Slice(z.offsets, func(i, j int) bool { return z.offsets[i] > z.offsets[j] })
	return z, nil
}

func newObservance(p props) (*observance, error) {
	o := &observance{onsets: map[int][]time.Time{}}
	var err error
	if o.offsetFrom, err = parseOffset(p.text("TZOFFSETFROM")); err != nil {
		return nil, fmt.Errorf("TZOFFSETFROM: %w", err)
	}
	if o.offsetTo, err = parseOffset(p.text("TZOFFSETTO")); err != nil {
		return nil, fmt.Errorf("TZOFFSETTO: %w", err)
	}
	if o.start, _, _, err = parseDateTime(strings.ToUpper(p.text("DTSTART"))); err != nil {
		return nil, fmt.Errorf("DTSTART: %w", err)
	}
	if rule := p.text("RRULE"); rule != "" {
		if o.rule, err = newObservanceRule(rule, o.start); err != nil {
			return nil, fmt.Errorf("RRULE: %w", err)
		}
	}
	for _, prop := range p.all("RDATE") {
		for _, v := range strings.Split(prop.Value, ",") {
			wall, _, _, err := parseDateTime(strings.ToUpper(strings.TrimSpace(v)))
			if err != nil {
				return nil, fmt.Errorf("RDATE: %w", err)
			}
			o.rdates = append(o.rdates, wall)
		}
	}
	return o, nil
}

// newObservanceRule builds an onset rule. Only yearly and monthly rules are
// accepted: real zones change at most twice a year, and a finer rule would
// make every conversion enumerate thousands of onsets.
func newObservanceRule(rule string, start time.Time) (*rrule.RRule, error) {
	opt, err := rrule.StrToROption(strings.ToUpper(rule))
	if err != nil {
		return nil, err
	}
	if opt.Freq != rrule.YEARLY && opt.Freq != rrule.MONTHLY {
		return nil, fmt.Errorf("a time zone that changes %s is not supported", strings.ToLower(opt.Freq.String()))
	}
	opt.Dtstart = start
	if opt.Until.IsZero() {
		// The library's default UNTIL is DTSTART plus the longest
		// time.Duration, some 290 years: Windows and Zimbra zones start
		// in 1601, and their rules would end in 1891.
		opt.Until = endOfTime
	} else {
		// UNTIL is in UTC; a few hours' difference cannot move a
		// yearly onset.
		opt.Until = opt.Until.Add(24 * time.Hour)
	}
	return rrule.NewRRule(*opt)
}

// endOfTime stands for a rule without end.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// parseOffset reads a UTC offset: +0100, -0500, +053000.
func parseOffset(value string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a UTC offset such as +0100", value)
	if len(value) != 5 && len(value) != 7 || (value[0] != '+' && value[0] != '-') {
		return 0, bad
	}
	var parts [3]int
	for i := 0; i*2+1 < len(value); i++ {
		n, err := strconv.Atoi(value[1+i*2 : 3+i*2])
		if err != nil || n >= 60 || (i == 0 && n > 23) {
			return 0, bad
		}
		parts[i] = n
	}
	d := time.Duration(parts[0])*time.Hour + time.Duration(parts[1])*time.Minute + time.Duration(parts[2])*time.Second
	if value[0] == '-' {
		d = -d
	}
	return d, nil
}

// toUTC finds the offset that makes the wall time consistent with the
// observance in force at the resulting instant. An ambiguous time (the
// hour repeated when clocks go back) takes the earlier instant, a time in
// the gap when clocks go forward the offset before the gap, as RFC 5545
// says.
func (z *customZone) toUTC(wall time.Time) time.Time {
	for _, offset := range z.offsets {
		instant := wall.Add(-offset)
		if z.offsetAt(instant) == offset {
			return instant
		}
	}
	before := z.offsetAt(wall.Add(-z.offsets[0]))
	return wall.Add(-before)
}

func (z *customZone) toWall(instant time.Time) time.Time {
	return instant.Add(z.offsetAt(instant))
}

// offsetAt is the offset in force at an instant: that of the observance
// with the latest onset at or before it.
func (z *customZone) offsetAt(instant time.Time) time.Duration {
	var best *observance
	var bestOnset time.Time
	for _, o := range z.observances {
		onset, ok := o.latestOnset(instant)
		if ok && (best == nil || onset.After(bestOnset)) {
			best, bestOnset = o, onset
		}
	}
	if best != nil {
		return best.offsetTo
	}
	// Before every onset: the offset the earliest observance changes from.
	earliest := z.observances[0]
	for _, o := range z.observances[1:] {
		if o.start.Before(earliest.start) {
			earliest = o
		}
	}
	return earliest.offsetFrom
}

// latestOnset is the instant of the observance's last onset at or before
// instant.
func (o *observance) latestOnset(instant time.Time) (time.Time, bool) {
	wall := instant.Add(o.offsetFrom) // onsets are in the time before them
	if wall.Before(o.start) {
		return time.Time{}, false
	}
	best := o.start
	for _, r := range o.rdates {
		if !r.After(wall) && r.After(best) {
			best = r
		}
	}
	if o.rule != nil {
		for year := wall.Year(); year >= o.start.Year() && year > wall.Year()-yearsSearched; year-- {
			if onset, ok := o.latestOnsetIn(year, wall); ok {
				if onset.After(best) {
					best = onset
				}
				break
			}
		}
	}
	return best.Add(-o.offsetFrom), true
}

func (o *observance) latestOnsetIn(year int, wall time.Time) (time.Time, bool) {
	onsets, ok := o.onsets[year]
	if !ok {
		from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		onsets = o.rule.Between(from, from.AddDate(1, 0, 0), true)
		o.onsets[year] = onsets
	}
	for i := len(onsets) - 1; i >= 0; i-- {
		if !onsets[i].After(wall) {
			return onsets[i], true
		}
	}
	return time.Time{}, false
}
