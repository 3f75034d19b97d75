package generate

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// Status is what the generator did about one rule for one manager.
type Status string

const (
	// StatusPlanted: the mistake is in the data, clearly past the rule's
	// default warning threshold. An audit must report it (warning or
	// high).
	StatusPlanted Status = "planted"
	// StatusClean: the manager clearly keeps inside the default
	// threshold. An audit must say ok.
	StatusClean Status = "clean"
	// StatusNotEnoughData: the data lacks what the rule needs (a team
	// too small to rank, too few hires). An audit must say so.
	StatusNotEnoughData Status = "not_enough_data"
)

// Truth is what the generator planted, written as truth.json next to the
// export.
type Truth struct {
	Generator      string `json:"generator"`
	Format         string `json:"format"`
	Seed           uint64 `json:"seed"`
	Managers       int    `json:"managers"`
	RepsPerManager int    `json:"reps_per_manager"`
	Months         int    `json:"months"`
	// Period is the span of the activities: From inclusive, To exclusive
	// (dates, UTC). An audit over the whole export audits exactly it.
	Period TruthPeriod `json:"period"`
	// Thresholds says which thresholds the planting is robust for.
	Thresholds string `json:"thresholds"`
	// Rows counts the rows written per file (headers not counted); for
	// HubSpot, the records per object, over all its pages.
	Rows map[string]int64 `json:"rows"`
	// Directors manage the first-line managers. The audit reports on
	// them too (they have direct reports), but nothing is planted in
	// them.
	Directors []TruthPerson `json:"directors"`
	// FirstLineManagers are the managers the mistakes are planted in.
	FirstLineManagers []ManagerTruth `json:"first_line_managers"`
}

// TruthPeriod is the period of the export.
type TruthPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// TruthPerson names a user.
type TruthPerson struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ManagerTruth is one first-line manager and, for every rule, what was
// planted.
type ManagerTruth struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Team  string `json:"team"`
	Title string `json:"title"`
	// DirectorID is the manager's manager.
	DirectorID string `json:"director_id"`
	// ManagerFrom says how the export tells who manages the reps: the
	// ManagerId field or only the role hierarchy (Salesforce), the
	// manager mapping owner-managers.csv (HubSpot).
	ManagerFrom string `json:"reps_managed_via"`
	// TeamSize is how many reps the audit counts in the team over the
	// period (including those who joined or left during it).
	TeamSize int    `json:"team_size"`
	Language string `json:"language"`
	// Planted lists the rules planted, including those implied by another
	// (PM1 leaves reps without coaching: PM2).
	Planted []string `json:"planted"`
	// Rules holds every rule of the audit, by ID.
	Rules map[string]RuleTruth `json:"rules"`
}

// RuleTruth is what the generator did about a rule for a manager.
type RuleTruth struct {
	Status Status `json:"status"`
	// Metric is the value the generator planned for the rule's metric,
	// in Unit; absent where the rule has none to compute.
	Metric *float64 `json:"planned_metric,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	// ImpliedBy names the planted rule that brings this one with it.
	ImpliedBy string `json:"implied_by,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Manager finds a first-line manager by ID.
func (t *Truth) Manager(id string) (ManagerTruth, bool) {
	for _, m := range t.FirstLineManagers {
		if m.ID == id {
			return m, true
		}
	}
	return ManagerTruth{}, false
}

// ReadTruth reads a truth.json.
func ReadTruth(path string) (*Truth, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the ground truth: %w", err)
	}
	var t Truth
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("reading the ground truth %s: %w", path, err)
	}
	return &t, nil
}

// managerTruth records a written team: for each rule, planted, clean or
// not enough data, with the metric the plan gives it.
func (g *generator) managerTruth(t *team, claimedShare float64) ManagerTruth {
	mt := ManagerTruth{
		ID: g.out.recordID(t.manager.id), Name: t.manager.name(), Team: t.name, Title: t.manager.title,
		DirectorID: g.out.recordID(t.director.id), ManagerFrom: "ManagerId", TeamSize: len(t.members),
		Language: t.lang, Planted: t.mistakes().ids(), Rules: map[string]RuleTruth{},
	}
	switch {
	case g.opts.Format == FormatHubSpot:
		mt.ManagerFrom = hubspotHierarchyFile
	case t.repsFromRole:
		mt.ManagerFrom = "role hierarchy"
	}
	if mt.Planted == nil {
		mt.Planted = []string{}
	}
	gapShare := float64(t.gapTo-t.gapFrom) / float64(len(g.period.weeks))
	m := t.plan.metrics(gapShare)
	n := len(t.members)
	keys := len(t.keyAccounts())
	var quiet, hoarded int
	for _, a := range t.keyAccounts() {
		if !a.quietFrom.IsZero() {
			quiet++
		}
		if a.hoarded {
			hoarded++
		}
	}
	set := func(r Rule, metric float64, note string) {
		rt := RuleTruth{Status: StatusClean, Metric: rounded(metric), Unit: r.unit()}
		if t.mistakes().has(r) {
			rt.Status, rt.Note = StatusPlanted, note
		}
		if t.implied.has(r) {
			rt.ImpliedBy = impliedBy[r].String()
		}
		mt.Rules[r.String()] = rt
	}
	set(BM1, m.bm1, "admin and internal meetings of no role take a large share of the week")
	set(BM2, m.bm2-t.nonKeyRevenueShare(), "customer time goes to the reps' small accounts and the manager's own, which make little of the team's revenue")
	set(BM3, 100*t.plan.lateShare, "important tasks (planning, high priority) are mostly done late or left overdue")
	set(BM4, float64(t.gapTo-t.gapFrom), "no planning or headquarters work for weeks in a row")
	set(BM5, m.bm5, "1:1s, reviews, planning and headquarters work are all held as meetings")
	set(PM1, m.pm1, "a few minutes of coaching per rep per week")
	under := 0.0
	switch {
	case t.planted.has(PM1):
		under = float64(n)
	case t.planted.has(PM2):
		under = 1
	}
	set(PM2, under, "the best rep gets a single 1:1 in the whole period")
	ratio := 1.0
	if t.planted.has(PM3) {
		ratio = 4
	}
	set(PM3, ratio, "the bottom 20 % of reps by won amount get four times the coaching of the middle 60 %")
	if stayers := len(t.stayersByRank()); stayers < minGroupSize {
		mt.Rules[PM3.String()] = RuleTruth{Status: StatusNotEnoughData, Unit: PM3.unit(),
			Note: fmt.Sprintf("%d reps still in the team at the end; ranking needs %d", stayers, minGroupSize)}
	}
	set(PM4, m.pm4, "pipeline reviews take twice the time of coaching")
	set(PM5, claimedShare, "big deals on accounts the reps worked are booked on the manager")
	set(PM6, t.hiring.metric(), fmt.Sprintf("%d of %d hires left within a year or sit at the bottom", t.hiring.early+t.hiring.rankedLow, t.hiring.hires()))
	if t.hiring.status == StatusNotEnoughData {
		mt.Rules[PM6.String()] = RuleTruth{Status: StatusNotEnoughData, Unit: PM6.unit(),
			Note: fmt.Sprintf("%d hire(s) in the last 24 months; the rule needs 2", t.hiring.hires())}
	}
	set(CM1, 100*float64(quiet)/float64(keys), fmt.Sprintf("%d of %d key accounts untouched for six weeks or more", quiet, keys))
	set(CM2, float64(hoarded), "the manager does most of the customer work on a rep's key account")
	set(CM3, m.cm3, "the manager sells alone to prospects much of the week")
	return mt
}

func rounded(v float64) *float64 {
	r := math.Round(v*10) / 10
	return &r
}
