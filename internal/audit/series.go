package audit

import (
	"context"
	"fmt"
	"time"
)

// Series are a manager's numbers over time and per rep, for the charts of
// the HTML report (and whoever reads the JSON): the weekly time per role
// (is coaching growing?), the key-account touches per week, and the
// coaching each rep got against PM2's threshold.
type Series struct {
	// Weeks are the period's calendar weeks, Monday to Sunday, the
	// partial weeks at either end included (Days says how partial).
	Weeks    []Week   `json:"weeks"`
	Coaching Coaching `json:"coaching"`
}

// Week is one calendar week of a manager's time.
type Week struct {
	// Start is the week's Monday, which may be before the period's first day.
	Start time.Time `json:"start"`
	// Days are the week's days in the period: 7 but at the period's ends.
	Days int `json:"days"`
	// HoursByRole are the hours the manager logged that week in each role
	// (Roles and Unclassified, every one of them, 0 when none).
	HoursByRole map[string]float64 `json:"hours_by_role"`
	// KeyAccountTouches are the customer-facing activities on the team's
	// key accounts that week, by anyone in the team (CM1's touches);
	// KeyAccountTouchesByManager those of them the manager logged.
	KeyAccountTouches          int64 `json:"key_account_touches"`
	KeyAccountTouchesByManager int64 `json:"key_account_touches_by_manager"`
}

// Coaching is the coaching each direct report got, as PM2 measures it.
type Coaching struct {
	// ThresholdMinutesPerWeek is PM2's minutes_per_week as configured:
	// a rep under it is a rep without coaching.
	ThresholdMinutesPerWeek float64       `json:"threshold_minutes_per_week"`
	Reps                    []RepCoaching `json:"reps"`
}

// RepCoaching is one rep's coaching minutes per week in the team.
type RepCoaching struct {
	Name           string  `json:"name"`
	MinutesPerWeek float64 `json:"minutes_per_week"`
}

// coachingRule is the rule whose threshold the coaching series is drawn
// against.
const coachingRule = "PM2"

// querySeries fills in each manager's series.
func (r *runner) querySeries(ctx context.Context, managers map[string]*Manager) error {
	threshold := 0.0
	if rule, ok := RuleByID(coachingRule); ok {
		threshold = r.cfg.Threshold(rule, "minutes_per_week")
	}
	for _, m := range managers {
		m.Series = Series{Weeks: []Week{}, Coaching: Coaching{ThresholdMinutesPerWeek: threshold, Reps: []RepCoaching{}}}
	}
	if err := r.queryWeeks(ctx, managers); err != nil {
		return err
	}
	return r.queryCoaching(ctx, managers)
}

func (r *runner) queryWeeks(ctx context.Context, managers map[string]*Manager) error {
	rows, err := r.query(ctx, "report/weekly.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var roles []any
		var w Week
		if err := rows.Scan(&key, &w.Start, &w.Days, &roles, &w.KeyAccountTouches, &w.KeyAccountTouchesByManager); err != nil {
			return fmt.Errorf("reading the weekly series: %w", err)
		}
		m, ok := managers[key]
		if !ok {
			continue
		}
		if w.HoursByRole, err = weekHours(roles); err != nil {
			return fmt.Errorf("reading the weekly series of %s: %w", m.Name, err)
		}
		w.Start = w.Start.UTC()
		m.Series.Weeks = append(m.Series.Weeks, w)
	}
	return rows.Err()
}

// weekHours turns the list of {role, minutes} of one week into hours per
// role, with every role present.
func weekHours(roles []any) (map[string]float64, error) {
	hours := map[string]float64{Unclassified: 0}
	for _, role := range Roles {
		hours[role] = 0
	}
	for _, item := range roles {
		entry, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("a role's minutes are %T, not a struct", item)
		}
		role, _ := entry["role"].(string)
		minutes, ok := entry["minutes"].(float64)
		if !ok {
			return nil, fmt.Errorf("the minutes of %q are %T, not a number", role, entry["minutes"])
		}
		hours[role] = round1(minutes / 60)
	}
	return hours, nil
}

func (r *runner) queryCoaching(ctx context.Context, managers map[string]*Manager) error {
	rows, err := r.query(ctx, "report/coaching.sql")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var rep RepCoaching
		if err := rows.Scan(&key, &rep.Name, &rep.MinutesPerWeek); err != nil {
			return fmt.Errorf("reading the coaching per rep: %w", err)
		}
		if m, ok := managers[key]; ok {
			rep.MinutesPerWeek = round1(rep.MinutesPerWeek)
			m.Series.Coaching.Reps = append(m.Series.Coaching.Reps, rep)
		}
	}
	return rows.Err()
}
