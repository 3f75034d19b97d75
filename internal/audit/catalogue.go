package audit

import (
	"strconv"
	"strings"
)

// Rule is one of the audit's checks. Its SQL is queries/rules/<ID>.sql.
type Rule struct {
	ID   string
	Name string
	Role string
	// Measures says what the metric is, in a sentence.
	Measures string
	// Unit of the metric: "%", "points", "ratio", "weeks".
	Unit string
	// Thresholds are the defaults, by name.
	Thresholds map[string]float64
	// ThresholdText shows the thresholds; {name} stands for a threshold.
	ThresholdText  string
	Evidence       string
	Recommendation string
	Source         string
}

// Catalogue is every rule, in report order: business, people, customer.
var Catalogue = []Rule{
	{
		ID: "BM1", Name: "low_value_time", Role: "business", Unit: "%",
		Measures:       "Share of the manager's time spent on admin and on internal meetings that serve none of the three roles.",
		Thresholds:     map[string]float64{"warn": 25, "high": 35},
		ThresholdText:  "warning above {warn} %, high above {high} %",
		Evidence:       "the activities and recurring meetings that take the most of that time",
		Recommendation: "Cut, delegate or shorten the largest admin blocks and internal meetings; aim for about 10 % of time.",
		Source:         "Sales Management Association, Benchmarking Sales Manager Activity (2015): frontline managers spend 31 % of their time on administration and want 10 %.",
	},
	{
		ID: "BM2", Name: "effort_value_mismatch", Role: "business", Unit: "points",
		Measures:       "Share of the manager's customer time spent on non-key accounts, minus the share of the team's revenue that non-key accounts make.",
		Thresholds:     map[string]float64{"warn": 20, "high": 40},
		ThresholdText:  "warning above {warn} points, high above {high} points",
		Evidence:       "the non-key accounts with the most manager time, with their revenue",
		Recommendation: "Move customer time from small accounts to the key accounts that make most of the revenue; let reps run the small ones.",
		Source:         "Pareto concentration of revenue; ZS Associates on account prioritisation.",
	},
	{
		ID: "BM3", Name: "procrastination", Role: "business", Unit: "%",
		Measures:       "Share of important tasks (high priority, or planning and headquarters work) completed after their due date, or still open more than {overdue_days} days past it.",
		Thresholds:     map[string]float64{"warn": 30, "high": 50, "overdue_days": 7},
		ThresholdText:  "warning at {warn} % or more, high at {high} % or more; overdue after {overdue_days} days",
		Evidence:       "each late or overdue task with its days late",
		Recommendation: "Block time in the calendar for the important tasks before their due date, and close or re-plan the overdue ones this week.",
		Source:         "Zoltners, Sinha & Lorimer (HBR): poor time management shows as postponing important tasks.",
	},
	{
		ID: "BM4", Name: "neglected_business_duties", Role: "business", Unit: "weeks",
		Measures:       "Longest run of weeks without any planning or headquarters activity, and the share of time in the business role.",
		Thresholds:     map[string]float64{"warn_weeks": 4, "high_weeks": 8, "warn_share": 5},
		ThresholdText:  "warning at {warn_weeks} weeks or more, or under {warn_share} % of time; high at {high_weeks} weeks or more",
		Evidence:       "the dates of the longest gap",
		Recommendation: "Keep a weekly slot for forecasting and planning and a regular exchange with headquarters, so the team hears the strategy and HQ hears the field.",
		Source:         "Zoltners, Sinha & Lorimer (HBR): the manager is the information conduit between headquarters and reps.",
	},
	{
		ID: "BM5", Name: "meeting_overload", Role: "business", Unit: "%",
		Measures:       "Share of the manager's time in internal meetings (meetings with no customer present).",
		Thresholds:     map[string]float64{"warn": 35, "high": 50},
		ThresholdText:  "warning at {warn} % or more, high at {high} % or more",
		Evidence:       "the largest recurring internal meetings",
		Recommendation: "Review the recurring internal meetings: drop, shorten or send a delegate to the largest ones.",
		Source:         "Gartner: frontline sales managers spend about 35 % of their day in meetings.",
	},
	{
		ID: "PM1", Name: "under_coaching", Role: "people", Unit: "%",
		Measures:       "Share of the manager's time spent coaching reps (coaching and field coaching).",
		Thresholds:     map[string]float64{"warn": 10, "high": 5},
		ThresholdText:  "warning below {warn} %, high below {high} %",
		Evidence:       "coaching minutes per week",
		Recommendation: "Schedule recurring 1:1s and joint customer calls with every rep; top managers give coaching about 20 % of their time.",
		Source:         "Gartner: frontline managers spend about 9–10 % of their time developing reps; Sales Readiness Group: top managers about 20 %.",
	},
	{
		ID: "PM2", Name: "reps_without_coaching", Role: "people", Unit: "reps",
		Measures:       "Direct reports who get less than {minutes_per_week} minutes a week of coaching and field coaching from their manager.",
		Thresholds:     map[string]float64{"minutes_per_week": 15, "high_share": 30},
		ThresholdText:  "warning for any rep under {minutes_per_week} min/week, high when {high_share} % of the team or more",
		Evidence:       "each rep's coaching minutes per week",
		Recommendation: "Give every rep at least a short weekly 1:1; start with the reps listed.",
		Source:         "Microsoft Viva Insights' 15-minute 1:1 threshold; Gartner recommends 3–5 hours of coaching a month per seller.",
	},
	{
		ID: "PM3", Name: "weakest_link_focus", Role: "people", Unit: "ratio",
		Measures:       "Coaching minutes per rep and week for the bottom 20 % of reps (by won amount; reps still in the team), divided by the same for the middle 60 %.",
		Thresholds:     map[string]float64{"warn": 1.5, "high": 3},
		ThresholdText:  "warning above {warn}, high above {high} (teams of at least the minimum group size)",
		Evidence:       "coaching minutes per rep in each group",
		Recommendation: "Shift coaching time towards the core 60 % of the team, where it pays most.",
		Source:         "CEB Sales Executive Council (Dixon & Adamson, HBR 2011): coaching the core 60 % pays most; coaching the bottom 10 % is often wasted.",
	},
	{
		ID: "PM4", Name: "results_only", Role: "people", Unit: "ratio",
		Measures:       "Minutes of pipeline review divided by minutes of coaching and field coaching.",
		Thresholds:     map[string]float64{"warn": 1, "high": 2},
		ThresholdText:  "warning above {warn}, high above {high}",
		Evidence:       "pipeline review and coaching minutes per rep",
		Recommendation: "Turn part of the pipeline reviews into coaching on how the deals are worked, not only on the numbers.",
		Source:         "Zoltners, Sinha & Lorimer (HBR): managing only results; CommercialTribe: half of manager–rep time is pipeline review.",
	},
	{
		ID: "PM5", Name: "credit_claiming", Role: "people", Unit: "%",
		Measures:       "Share of the team's won revenue booked on deals owned by the manager where direct reports logged at least {rep_share} % of the account's activities in the {days_before_close} days before close.",
		Thresholds:     map[string]float64{"warn": 10, "high": 25, "rep_share": 50, "days_before_close": 90},
		ThresholdText:  "warning at {warn} % or more, high at {high} % or more",
		Evidence:       "each such deal with the reps' share of the activity",
		Recommendation: "Book won deals on the reps who worked them; recognise the team's work openly.",
		Source:         "Zoltners, Sinha & Lorimer (HBR): claiming the credit for every success.",
	},
	{
		ID: "PM6", Name: "hiring_misses", Role: "people", Unit: "%",
		Measures:       "Of the reps who joined under the manager in the last {months} months, the share that left within {left_within_months} months or sit in the team's bottom 20 % after {ranked_after_months} months.",
		Thresholds:     map[string]float64{"warn": 30, "high": 50, "min_hires": 2, "months": 24, "left_within_months": 12, "ranked_after_months": 6},
		ThresholdText:  "warning at {warn} % or more (at least {min_hires} hires), high at {high} % or more",
		Evidence:       "each hire with join date, leaving date and rank",
		Recommendation: "Review the hiring profile and interview process with HR; involve a second interviewer for every hire.",
		Source:         "Zoltners, Sinha & Lorimer (HBR): recruiting the wrong people.",
	},
	{
		ID: "CM1", Name: "key_accounts_neglected", Role: "customer", Unit: "%",
		Measures:       "Share of the team's key accounts (owned by the manager or a direct report) with no customer-facing activity by anyone in the team in the last {days} days of the period.",
		Thresholds:     map[string]float64{"warn": 20, "high": 40, "days": 30},
		ThresholdText:  "warning above {warn} %, high above {high} %",
		Evidence:       "each untouched key account with days since the last touch and its revenue",
		Recommendation: "Plan a customer contact with each listed key account this month, by its owner or with the manager.",
		Source:         "ForceManager's coverage measure (accounts with an interaction in 30 days); Zoltners, Sinha & Lorimer (HBR): not putting the customer first.",
	},
	{
		ID: "CM2", Name: "relationship_hoarding", Role: "customer", Unit: "accounts",
		Measures:       "Key accounts of the team where the manager logged (owns the activities of) at least {manager_share} % of the team's customer-facing minutes, or is the only one in the team with any.",
		Thresholds:     map[string]float64{"manager_share": 50, "high_share": 25},
		ThresholdText:  "warning for any such account owned by a rep, high when {high_share} % of the key accounts or more",
		Evidence:       "each account with the manager's share of the team's customer time",
		Recommendation: "Bring the account's owner into the relationship: joint meetings first, then let the rep lead.",
		Source:         "Zoltners, Sinha & Lorimer (HBR): the team becomes estranged from customers; Viva Insights' 50 % co-attendance threshold.",
	},
	{
		ID: "CM3", Name: "player_coach", Role: "customer", Unit: "%",
		Measures:       "Share of the manager's time in customer work without a direct report present.",
		Thresholds:     map[string]float64{"warn": 25, "high": 40},
		ThresholdText:  "warning above {warn} %, high above {high} %",
		Evidence:       "the accounts and deals the manager works alone",
		Recommendation: "Take a rep to customer meetings and hand over the deals you run alone; sell through the team.",
		Source:         "Alexander Group: first-line managers sell about 16–23 % of their time; Objective Management Group: 10 % of managers sell over 40 %.",
	},
}

// RuleByID finds a rule in the catalogue.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Catalogue {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return Rule{}, false
}

// Describe fills the rule's {threshold} placeholders in text with the
// values in force.
func (c *Config) Describe(r Rule, text string) string {
	for name := range r.Thresholds {
		text = strings.ReplaceAll(text, "{"+name+"}", formatNumber(c.Threshold(r, name)))
	}
	return text
}

func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
