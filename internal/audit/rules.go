package audit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/salesaudit/salesaudit/queries"
)

// Rule is one of the audit's checks. A rule lives in one folder as two
// files named by its ID: <ID>.yaml describes it (see ruleFile) and <ID>.sql
// computes, for every manager, the metric, the reason when data is
// missing, the evidence and the measures its severity bands name.
type Rule struct {
	ID   string
	Name string
	Role string
	// Measures says what the metric is, in a sentence.
	Measures string
	// Unit of the metric: "%", "points", "ratio", "weeks".
	Unit string
	// Thresholds are the defaults, by name; ThresholdNames gives their
	// order in the rule's file.
	Thresholds     map[string]float64
	ThresholdNames []string
	// ThresholdText shows the thresholds; {name} stands for a threshold.
	ThresholdText string
	// High and Warning say when the result is that severe; High is tried
	// first.
	High, Warning Band
	Evidence      string
	// EvidenceColumns are the columns of the evidence the SQL returns.
	EvidenceColumns []string
	Recommendation  string
	Source          string
	// Levels are the levels of manager the rule judges (LevelFirstLine,
	// LevelSecondLine); a rule about a team of reps judges first-line
	// managers only.
	Levels []string
	// NeedsActivities says the rule reads activities (all but those about
	// deals and people alone): in a period without any, it has not enough
	// data.
	NeedsActivities bool
	// NeedsTeam says the rule judges the manager's team (all but those
	// about the manager's own time): for a manager audited with no team in
	// the data (--manager), it has not enough data.
	NeedsTeam bool
	// SQL is the rule's query.
	SQL string
}

// Levels of managers. A first-line manager's direct reports lead no one;
// a second-line manager leads at least one manager.
const (
	LevelFirstLine  = "first_line"
	LevelSecondLine = "second_line"
)

// Judges reports whether the rule judges managers of the level.
func (r Rule) Judges(level string) bool { return slices.Contains(r.Levels, level) }

// Rules are the audit's rules, every one of queries/rules, in report
// order: business, people, customer, then by ID. (The connectors are
// pluginhost's Catalog.)
var Rules = mustLoadRules()

func mustLoadRules() []Rule {
	dir, err := fs.Sub(queries.Audit, "rules")
	if err == nil {
		var rules []Rule
		if rules, err = LoadRules(dir); err == nil {
			return rules
		}
	}
	panic(fmt.Sprintf("the rules built into salesaudit do not load: %v", err))
}

// RuleByID finds one of Rules by its ID, in any case.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return Rule{}, false
}

// ruleFile is the YAML that describes a rule.
type ruleFile struct {
	Name          string    `yaml:"name"`
	Role          string    `yaml:"role"`
	Unit          string    `yaml:"unit"`
	Measures      string    `yaml:"measures"`
	Thresholds    yaml.Node `yaml:"thresholds"`
	ThresholdText string    `yaml:"threshold_text"`
	Severity      struct {
		High    string `yaml:"high"`
		Warning string `yaml:"warning"`
	} `yaml:"severity"`
	Evidence        string   `yaml:"evidence"`
	EvidenceColumns []string `yaml:"evidence_columns"`
	Recommendation  string   `yaml:"recommendation"`
	Source          string   `yaml:"source"`
	// Levels default to first_line.
	Levels []string `yaml:"levels"`
	// NeedsActivities and NeedsTeam default to true.
	NeedsActivities *bool `yaml:"needs_activities"`
	NeedsTeam       *bool `yaml:"needs_team"`
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z]+[0-9]+$`)

// LoadRules reads the rules of a folder: every <ID>.yaml with the <ID>.sql
// beside it, in report order.
func LoadRules(fsys fs.FS) ([]Rule, error) {
	files, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	var rules []Rule
	var problems []error
	for _, file := range files {
		r, err := loadRule(fsys, file)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		rules = append(rules, r)
	}
	if sqls, err := fs.Glob(fsys, "*.sql"); err == nil {
		for _, s := range sqls {
			if !slices.Contains(files, strings.TrimSuffix(s, ".sql")+".yaml") {
				problems = append(problems, fmt.Errorf("%s: no %s.yaml describes this rule", s, strings.TrimSuffix(s, ".sql")))
			}
		}
	}
	if err := errors.Join(problems...); err != nil {
		return nil, err
	}
	slices.SortFunc(rules, func(a, b Rule) int {
		return cmp.Or(cmp.Compare(slices.Index(ruleRoles, a.Role), slices.Index(ruleRoles, b.Role)), cmp.Compare(a.ID, b.ID))
	})
	return rules, nil
}

func loadRule(fsys fs.FS, file string) (Rule, error) {
	id := strings.TrimSuffix(path.Base(file), ".yaml")
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return Rule{}, err
	}
	var f ruleFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return Rule{}, fmt.Errorf("%s: %w", file, err)
	}
	sqlText, err := fs.ReadFile(fsys, id+".sql")
	if err != nil {
		return Rule{}, fmt.Errorf("%s: the rule's query: %w", file, err)
	}
	r := Rule{
		ID: id, Name: f.Name, Role: f.Role, Unit: f.Unit, Measures: f.Measures,
		ThresholdText: f.ThresholdText, Evidence: f.Evidence, EvidenceColumns: f.EvidenceColumns,
		Recommendation: f.Recommendation, Source: f.Source, Levels: f.Levels, SQL: string(sqlText),
	}
	if len(r.Levels) == 0 {
		r.Levels = []string{LevelFirstLine}
	}
	r.NeedsActivities = f.NeedsActivities == nil || *f.NeedsActivities
	r.NeedsTeam = f.NeedsTeam == nil || *f.NeedsTeam
	if r.ThresholdNames, r.Thresholds, err = thresholdsOf(f.Thresholds); err != nil {
		return Rule{}, fmt.Errorf("%s: thresholds: %w", file, err)
	}
	if r.High, err = parseBand(f.Severity.High, r.Thresholds); err != nil {
		return Rule{}, fmt.Errorf("%s: severity.high: %w", file, err)
	}
	if r.Warning, err = parseBand(f.Severity.Warning, r.Thresholds); err != nil {
		return Rule{}, fmt.Errorf("%s: severity.warning: %w", file, err)
	}
	if err := r.validate(); err != nil {
		return Rule{}, fmt.Errorf("%s: %w", file, err)
	}
	return r, nil
}

// thresholdsOf reads the thresholds mapping, keeping its order.
func thresholdsOf(node yaml.Node) ([]string, map[string]float64, error) {
	if node.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("line %d: want a mapping of names to numbers", node.Line)
	}
	values := map[string]float64{}
	var names []string
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		switch _, twice := values[key.Value]; {
		case !identifierPattern.MatchString(key.Value):
			return nil, nil, fmt.Errorf("line %d: %q is not a name (lower-case letters, digits and _)", key.Line, key.Value)
		case slices.Contains(globalParameters, key.Value):
			return nil, nil, fmt.Errorf("line %d: %s is a parameter of every audit query; name the threshold otherwise", key.Line, key.Value)
		case twice:
			return nil, nil, fmt.Errorf("line %d: %s is given twice", key.Line, key.Value)
		}
		v, err := strconv.ParseFloat(value.Value, 64)
		if err != nil || value.Kind != yaml.ScalarNode {
			return nil, nil, fmt.Errorf("line %d: %s is not a number", value.Line, key.Value)
		}
		names = append(names, key.Value)
		values[key.Value] = v
	}
	return names, values, nil
}

var placeholder = regexp.MustCompile(`\{(` + identifier + `)\}`)

func (r Rule) validate() error {
	var problems []string
	if !ruleIDPattern.MatchString(r.ID) {
		problems = append(problems, fmt.Sprintf("the file name %q is not a rule ID (letters then digits, as PM2)", r.ID))
	}
	for field, value := range map[string]string{"name": r.Name, "unit": r.Unit, "measures": r.Measures,
		"threshold_text": r.ThresholdText, "evidence": r.Evidence, "recommendation": r.Recommendation, "source": r.Source} {
		if strings.TrimSpace(value) == "" {
			problems = append(problems, field+" is empty")
		}
	}
	if !slices.Contains(ruleRoles, r.Role) {
		problems = append(problems, fmt.Sprintf("role %q is not one of %s", r.Role, strings.Join(ruleRoles, ", ")))
	}
	for _, level := range r.Levels {
		if level != LevelFirstLine && level != LevelSecondLine {
			problems = append(problems, fmt.Sprintf("level %q is not %s or %s", level, LevelFirstLine, LevelSecondLine))
		}
	}
	if len(r.EvidenceColumns) == 0 {
		problems = append(problems, "evidence_columns is empty")
	}
	for _, text := range []string{r.Measures, r.ThresholdText} {
		for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
			if _, ok := r.Thresholds[m[1]]; !ok {
				problems = append(problems, fmt.Sprintf("{%s} is not one of the thresholds", m[1]))
			}
		}
	}
	slices.Sort(problems)
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
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
