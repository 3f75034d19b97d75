package audit

import (
	"slices"
	"time"
)

// Severity of a finding.
type Severity string

const (
	SeverityHigh          Severity = "high"
	SeverityWarning       Severity = "warning"
	SeverityNotEnoughData Severity = "not_enough_data"
	SeverityOK            Severity = "ok"
	// SeverityNotApplicable is a rule that does not judge managers of
	// this level (a rule about a team of reps, for a second-line manager).
	SeverityNotApplicable Severity = "not_applicable"
)

// rank orders severities for sorting: the worst first.
func (s Severity) rank() int {
	switch s {
	case SeverityHigh:
		return 0
	case SeverityWarning:
		return 1
	case SeverityNotEnoughData:
		return 2
	case SeverityOK:
		return 3
	default:
		return 4
	}
}

// Report is the audit's result: what package report renders and the
// audit and report commands print, so "report" names one thing in three
// forms. Its JSON shape is documented in docs/audit.md (Formats).
type Report struct {
	Period Period `json:"period"`
	// ComparedWith is the earlier period the report's numbers are
	// compared with (--compare); the previous values sit beside each
	// number (Share.PreviousPercent, Finding.Previous...).
	ComparedWith *Period `json:"compared_with,omitempty"`
	// ComparedNoActivities says the period compared with holds no activity
	// of the audited sources: no time then, so no change to show.
	ComparedNoActivities bool `json:"compared_no_activities,omitempty"`
	// NoActivities says the audited sources hold deals but no activity at
	// all (a team sheet and its opportunities): no one's time is measured,
	// and the rules that read activities have "not enough data".
	NoActivities bool          `json:"no_activities,omitempty"`
	Managers     []Manager     `json:"managers"`
	Organisation []RoleRanking `json:"organisation"`
	DataQuality  DataQuality   `json:"data_quality"`
	// Activities are the classified activities behind the numbers, as
	// Explain lists them; filled only with Options.WithActivities.
	Activities []ClassifiedActivity `json:"-"`
}

// Period is the span audited; To is exclusive.
type Period struct {
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	Weeks float64   `json:"weeks"`
}

// Manager is one manager's scorecard and findings.
type Manager struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Name   string `json:"name"`
	Title  string `json:"title,omitempty"`
	// Level is LevelFirstLine or LevelSecondLine.
	Level    string   `json:"level"`
	TeamSize int      `json:"team_size"`
	Team     []string `json:"team"`
	// TeamFrom says where the team's links to the manager come from:
	// plugin.ManagerFromField, ManagerFromRoleHierarchy,
	// ManagerFromTeamSheet, or "" where the connector does not say.
	TeamFrom []string `json:"team_from"`
	// TeamChanges are the reps of Team who joined or left during the
	// period: the team counts everyone in it during some of the period.
	TeamChanges []TeamChange `json:"team_changes,omitempty"`
	Time        TimeSplit    `json:"time"`
	Findings    []Finding    `json:"findings"`
	// Series are the manager's time week by week and the coaching per
	// rep, for the charts (series.go).
	Series Series `json:"series"`
	key    string
	// reportsEver are everyone who reports to the manager in the data,
	// in the team during the period or not (a hire who left before it is
	// in PM6's evidence): the names a pseudonymized report hides.
	reportsEver []string
}

// TeamChange is a rep who joined or left the team during the period, on
// the day given (nil: before the period, or not in it).
type TeamChange struct {
	Name   string     `json:"name"`
	Joined *time.Time `json:"joined,omitempty"`
	Left   *time.Time `json:"left,omitempty"`
}

// TimeSplit is how a manager's logged time divides.
type TimeSplit struct {
	Hours          float64 `json:"hours"`
	HoursPerWeek   float64 `json:"hours_per_week"`
	EstimatedShare float64 `json:"estimated_percent"`
	// PrivateHours are the hours of events marked private: counted, never
	// classified, and left out of Hours and of every share.
	PrivateHours        float64 `json:"private_hours"`
	PrivateHoursPerWeek float64 `json:"private_hours_per_week"`
	ByRole              []Share `json:"by_role"`
	ByCategory          []Share `json:"by_category"`
	WeakestRole         string  `json:"weakest_role"`
	// PreviousHoursPerWeek is HoursPerWeek in the period compared with;
	// nil without a comparison or when the manager was not audited then.
	PreviousHoursPerWeek *float64 `json:"previous_hours_per_week,omitempty"`
	// PreviousNoTime says the manager was audited in the period compared
	// with but logged no time then: no hours or shares to compare with
	// (0 % of nothing), unlike a manager not audited then.
	PreviousNoTime bool `json:"previous_no_time,omitempty"`
}

// Logged says whether the manager logged any time in the period: without,
// every share is 0 % of nothing, no measure to rank or compare. (The
// largest share of any time logged is far above 0.)
func (t TimeSplit) Logged() bool {
	return slices.ContainsFunc(t.ByRole, func(s Share) bool { return s.Percent > 0 })
}

// Share is a role's or category's part of a manager's time.
type Share struct {
	Name         string  `json:"name"`
	Role         string  `json:"role,omitempty"`
	Hours        float64 `json:"hours"`
	HoursPerWeek float64 `json:"hours_per_week"`
	Percent      float64 `json:"percent"`
	// Target is the target profile's range for a role ("≥ 35 %").
	Target string `json:"target,omitempty"`
	// OffTarget says whether the share is outside its target.
	OffTarget bool `json:"off_target,omitempty"`
	// TargetMin and TargetMax are the target's bounds in percent, as the
	// configuration's targets give them; nil where the target has none.
	TargetMin *float64 `json:"target_min,omitempty"`
	TargetMax *float64 `json:"target_max,omitempty"`
	// PreviousPercent is Percent in the period compared with (see
	// TimeSplit.PreviousHoursPerWeek).
	PreviousPercent *float64 `json:"previous_percent,omitempty"`
}

// Finding is one rule's verdict on one manager.
type Finding struct {
	Rule     string   `json:"rule"`
	Name     string   `json:"name"`
	Role     string   `json:"role"`
	Severity Severity `json:"severity"`
	// Metric is the rule's measure rounded to two decimals, the JSON's and
	// CSV's precision; nil where it cannot be computed, and whenever the
	// verdict is not_enough_data or not_applicable (a BI tool would count
	// it as a measure).
	Metric *float64 `json:"metric"`
	// exact is Metric unrounded, for the formats a person reads to round
	// once (ExactMetric): 72.546 reads 72.5 %, not 72.55's 72.6 %.
	exact          *float64
	Unit           string   `json:"unit"`
	Threshold      string   `json:"threshold"`
	Measures       string   `json:"measures"`
	Missing        string   `json:"missing,omitempty"`
	Evidence       Evidence `json:"evidence"`
	Recommendation string   `json:"recommendation"`
	Source         string   `json:"source"`
	// Previous is the rule's verdict in the period compared with; nil
	// without a comparison or when the manager was not audited then.
	Previous *PreviousFinding `json:"previous,omitempty"`
}

// PreviousFinding is a rule's verdict on a manager in an earlier period.
type PreviousFinding struct {
	Severity Severity `json:"severity"`
	Metric   *float64 `json:"metric"`
	exact    *float64
}

// ExactMetric is the finding's metric unrounded, nil where Metric is: what
// the text formats round, once, to their own precision.
func (f Finding) ExactMetric() *float64 { return exactOr(f.exact, f.Metric) }

// ExactMetric is the earlier verdict's metric unrounded (Finding's).
func (p PreviousFinding) ExactMetric() *float64 { return exactOr(p.exact, p.Metric) }

// exactOr is exact, unless the rounded value was withheld since (nil) or
// the finding was made without one (a test's).
func exactOr(exact, rounded *float64) *float64 {
	if rounded == nil || exact == nil {
		return rounded
	}
	return exact
}

// RoleRanking ranks the managers by their share of time in one role.
type RoleRanking struct {
	Role     string        `json:"role"`
	Managers []RankedShare `json:"managers"`
}

// RankedShare is a manager's place in a role ranking.
type RankedShare struct {
	Name    string  `json:"name"`
	Percent float64 `json:"percent"`
}

// DataQuality says what the audit could not see well.
type DataQuality struct {
	// Scope is the manager (--manager) whose team's activities the counts
	// are of; empty for the whole organisation. Rejects and decoding are
	// the export's either way.
	Scope               string  `json:"scope,omitempty"`
	Activities          int64   `json:"activities"`
	ManagerHours        float64 `json:"manager_hours"`
	UnclassifiedPercent float64 `json:"unclassified_percent"`
	EstimatedPercent    float64 `json:"estimated_percent"`
	CappedActivities    int64   `json:"capped_activities"`
	WithoutOwner        int64   `json:"activities_without_owner"`
	UnknownOwner        int64   `json:"activities_with_unknown_owner"`
	WithoutAccount      int64   `json:"activities_without_account"`
	UnknownAttendees    int64   `json:"attendees_unknown_users"`
	Rejects             int64   `json:"rejects"`
	// MixedEncodingLines are lines read as UTF-8 in files otherwise in a
	// single-byte encoding (Windows-1252): one file, two encodings.
	MixedEncodingLines int64 `json:"lines_utf8_in_single_byte_files"`
	// C1BytesKept are bytes Windows-1252 leaves undefined, loaded as C1
	// control characters rather than rejected.
	C1BytesKept          int64                 `json:"c1_bytes_kept"`
	UnclassifiedSubjects []UnclassifiedSubject `json:"unclassified_subjects"`
	OrgNotes             []OrgNote             `json:"organisation_notes"`
	// allActivities are the period's activities of the audited sources,
	// whatever the scope: none means no one's time can be measured.
	allActivities int64
}

// ManagerFromOrgFile is Manager.TeamFrom's word for links from the org
// file (--org); the others are the connectors' (plugin.ManagerFrom*).
const ManagerFromOrgFile = "org_file"

// OrgNote is something the audit could not tie to one person or one team:
// a shared or system mailbox, a titled manager with no team in the data
// (the kinds are listed in queries/report/org_notes.sql).
type OrgNote struct {
	Kind    string   `json:"kind"`
	Source  string   `json:"source"`
	Subject string   `json:"subject"`
	People  []string `json:"people"`
	Detail  string   `json:"detail"`
}

// UnclassifiedSubject is a subject no classification rule matched.
type UnclassifiedSubject struct {
	Subject    string  `json:"subject"`
	Kind       string  `json:"kind"`
	Activities int64   `json:"activities"`
	Hours      float64 `json:"hours"`
}
