package audit

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// defaultsYAML is the default configuration but for the rules' thresholds,
// which the rules' own files give (queries/rules/<ID>.yaml).
//
//go:embed defaults.yaml
var defaultsYAML []byte

// DefaultConfigYAML is the default configuration, as `salesaudit config
// init` writes it: defaults.yaml and every rule's default thresholds.
var DefaultConfigYAML = append(append([]byte(nil), defaultsYAML...), rulesSection(Rules)...)

// rulesSection writes the rules' default thresholds as a configuration's
// rules section, one line a rule, with what its thresholds mean.
func rulesSection(rules []Rule) []byte {
	var b bytes.Buffer
	b.WriteString("\n# Rule thresholds (see `salesaudit rules` for what each measures). Shares\n")
	b.WriteString("# are percent of the manager's logged time; other units as named. A rule\n")
	b.WriteString("# you leave out keeps its defaults, and so does a threshold you leave out.\n")
	b.WriteString("rules:\n")
	defaults := &Config{}
	for _, r := range rules {
		values := make([]string, len(r.ThresholdNames))
		for i, name := range r.ThresholdNames {
			values[i] = name + ": " + formatNumber(r.Thresholds[name])
		}
		fmt.Fprintf(&b, "  # %s: %s\n", r.Name, defaults.Describe(r, r.ThresholdText))
		fmt.Fprintf(&b, "  %s: {%s}\n", r.ID, strings.Join(values, ", "))
	}
	return b.Bytes()
}

// Config is what the audit can be told: how to classify time, and the
// thresholds of the rules.
type Config struct {
	Durations      Durations            `yaml:"durations"`
	KeyAccounts    KeyAccounts          `yaml:"key_accounts"`
	Organisation   Organisation         `yaml:"organisation"`
	CustomerFacing CustomerFacing       `yaml:"customer_facing"`
	Privacy        PrivacySettings      `yaml:"privacy"`
	MassEmails     MassEmails           `yaml:"mass_emails"`
	Targets        map[string]Target    `yaml:"targets"`
	Classification []ClassificationRule `yaml:"classification"`
	Rules          RuleThresholds       `yaml:"rules"`
}

// Durations say how long an activity without a measured duration counts.
type Durations struct {
	EstimateMinutes map[string]float64 `yaml:"estimate_minutes"`
	MaxMinutes      float64            `yaml:"max_minutes"`
}

// KeyAccounts say which accounts are key.
type KeyAccounts struct {
	TierValues   []string `yaml:"tier_values"`
	RevenueShare float64  `yaml:"revenue_share"`
}

// Organisation holds organisation-wide settings.
type Organisation struct {
	MinGroupSize    int      `yaml:"min_group_size"`
	SystemMailboxes []string `yaml:"system_mailboxes"`
	ManagerTitles   []string `yaml:"manager_titles"`
	RepTitles       []string `yaml:"rep_titles"`
}

// CustomerFacing says which activities faced a customer besides those a
// customer attended or was addressed by (a contact, an attendee from
// outside the company): the CRM activity types that are customer-facing
// by nature, and the words that, in the subject of an activity on an
// account, say it happened with the customer ("Visit Acme").
type CustomerFacing struct {
	Types    []string `yaml:"types"`
	Keywords []string `yaml:"keywords"`
}

// PrivacySettings are the configuration's privacy section.
type PrivacySettings struct {
	// MinGroupSize is the smallest team whose team-level findings a
	// pseudonymized report shows (Privacy.MinGroupSize).
	MinGroupSize int `yaml:"min_group_size"`
}

// MassEmails say which e-mails went to a list: each send counts once for
// the manager's time, however many recipients it logged a task for.
type MassEmails struct {
	Types           []string `yaml:"types"`
	SubjectPrefixes []string `yaml:"subject_prefixes"`
}

// Target is a role's target share of time, in percent.
type Target struct {
	Min *float64 `yaml:"min"`
	Max *float64 `yaml:"max"`
}

// ClassificationRule puts matching activities in a category.
type ClassificationRule struct {
	Name             string   `yaml:"name"`
	Category         string   `yaml:"category"`
	Kinds            []string `yaml:"kinds"`
	Keywords         []string `yaml:"keywords"`
	Subjects         []string `yaml:"subjects"`
	CustomerFacing   *bool    `yaml:"customer_facing"`
	External         *bool    `yaml:"external"`
	KeyAccount       *bool    `yaml:"key_account"`
	Account          *bool    `yaml:"account"`
	MassEmail        *bool    `yaml:"mass_email"`
	MinDirectReports *int     `yaml:"min_direct_reports"`
	MaxDirectReports *int     `yaml:"max_direct_reports"`
	MaxOtherInternal *int     `yaml:"max_other_internal"`
	line             int
}

// classificationFields are the fields a classification rule may have.
var classificationFields = yamlFields(reflect.TypeFor[ClassificationRule]())

// UnmarshalYAML keeps the rule's line for error messages. It refuses
// unknown fields itself: node.Decode does not inherit the decoder's
// KnownFields, and a misspelt condition would leave a rule that matches
// everything.
func (r *ClassificationRule) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(node.Content); i += 2 {
			if key := node.Content[i]; !contains(classificationFields, key.Value) {
				return fmt.Errorf("line %d: classification: unknown field %q (use %s)", key.Line, key.Value, strings.Join(classificationFields, ", "))
			}
		}
	}
	type plain ClassificationRule
	if err := node.Decode((*plain)(r)); err != nil {
		return err
	}
	r.line = node.Line
	return nil
}

func yamlFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// RuleThresholds are the configured thresholds, by rule ID.
type RuleThresholds map[string]Thresholds

// UnmarshalYAML decodes the rules one by one over those the map holds (a
// file's rules replace the defaults' rule by rule), keeping the line of
// each rule ID for error messages.
func (m *RuleThresholds) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.MappingNode {
		return node.Decode((*map[string]Thresholds)(m))
	}
	if *m == nil {
		*m = RuleThresholds{}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		if seen[key.Value] {
			return fmt.Errorf("line %d: rules: %s is given twice", key.Line, key.Value)
		}
		seen[key.Value] = true
		var t Thresholds
		if err := value.Decode(&t); err != nil {
			return err
		}
		t.line = key.Line
		(*m)[key.Value] = t
	}
	return nil
}

// Thresholds are a rule's named thresholds.
type Thresholds struct {
	Values map[string]float64
	line   int            // of the rule's ID
	lines  map[string]int // of each threshold
}

// UnmarshalYAML keeps the lines for error messages.
func (t *Thresholds) UnmarshalYAML(node *yaml.Node) error {
	if err := node.Decode(&t.Values); err != nil {
		return err
	}
	t.line = node.Line
	if node.Kind == yaml.MappingNode {
		t.lines = map[string]int{}
		for i := 0; i+1 < len(node.Content); i += 2 {
			t.lines[node.Content[i].Value] = node.Content[i].Line
		}
	}
	return nil
}

// lineOf is the line of a threshold, else of the rule.
func (t Thresholds) lineOf(name string) int {
	if l, ok := t.lines[name]; ok {
		return l
	}
	return t.line
}

// DefaultConfig is the configuration shipped with salesaudit.
func DefaultConfig() (*Config, error) {
	return parseConfig("defaults.yaml", DefaultConfigYAML, nil)
}

// LoadConfig reads configuration files over the defaults, each over the
// ones before it: each section a file has replaces the one before (maps
// key by key, lists whole), so a file of classification rules (classify
// suggest's) can follow a file of thresholds.
func LoadConfig(paths ...string) (*Config, error) {
	cfg, err := DefaultConfig()
	if err != nil {
		return nil, err
	}
	for _, path := range paths {
		if path == "" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading configuration: %w", err)
		}
		if cfg, err = parseConfig(path, data, cfg); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

func parseConfig(name string, data []byte, base *Config) (*Config, error) {
	cfg := &Config{}
	var before []ClassificationRule
	if base != nil {
		cfg = base
		before = cfg.Classification
		cfg.Classification = nil // a file's list replaces the one before
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	// An empty file (io.EOF) means all defaults.
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		if strings.Contains(err.Error(), "unknown anchor") {
			// YAML reads a bare *word as a reference to an anchor.
			return nil, fmt.Errorf("%s: %w (quote a keyword that starts with *, as in '*planning')", name, err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if cfg.Classification == nil {
		cfg.Classification = before
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return cfg, nil
}

func (c *Config) validate() error {
	var problems []string
	for i, r := range c.Classification {
		problems = append(problems, r.problems(i)...)
	}
	for kind := range c.Durations.EstimateMinutes {
		if !contains(activityKinds, kind) {
			problems = append(problems, fmt.Sprintf("durations.estimate_minutes: unknown activity kind %q (use %s)", kind, strings.Join(activityKinds, ", ")))
		}
	}
	for role := range c.Targets {
		if !slices.Contains(Roles, role) {
			problems = append(problems, fmt.Sprintf("targets: unknown role %q (use %s)", role, strings.Join(Roles, ", ")))
		}
	}
	if s := c.KeyAccounts.RevenueShare; s <= 0 || s > 1 {
		problems = append(problems, fmt.Sprintf("key_accounts.revenue_share: %v is not between 0 and 1", s))
	}
	if c.Privacy.MinGroupSize < 1 {
		problems = append(problems, "privacy.min_group_size must be at least 1")
	}
	if c.Organisation.MinGroupSize < 1 {
		problems = append(problems, "organisation.min_group_size must be at least 1")
	}
	problems = append(problems, c.thresholdProblems()...)
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func (r ClassificationRule) problems(i int) []string {
	where := fmt.Sprintf("line %d: classification rule %d (%s)", r.line, i+1, r.Name)
	var out []string
	if r.Name == "" {
		out = append(out, where+": has no name")
	}
	if RoleOf(r.Category) == "" && r.Category != Unclassified {
		out = append(out, fmt.Sprintf("%s: unknown category %q", where, r.Category))
	}
	if len(r.Keywords) > 0 && len(r.Subjects) > 0 {
		out = append(out, where+": has both keywords and subjects (a rule matches by words or by the whole subject)")
	}
	for _, k := range r.Kinds {
		if !contains(activityKinds, k) {
			out = append(out, fmt.Sprintf("%s: unknown activity kind %q", where, k))
		}
	}
	for _, kw := range slices.Concat(r.Keywords, r.Subjects) {
		if strings.Trim(strings.TrimSpace(kw), "*") == "" {
			out = append(out, where+": an empty keyword")
		}
	}
	return out
}

func (c *Config) thresholdProblems() []string {
	var out []string
	for id, t := range c.Rules {
		rule, ok := RuleByID(id)
		if !ok {
			out = append(out, fmt.Sprintf("line %d: rules: unknown rule %q", t.line, id))
			continue
		}
		if id != rule.ID {
			out = append(out, fmt.Sprintf("line %d: rules: write %s as %s", t.line, id, rule.ID))
			continue
		}
		for name := range t.Values {
			if _, ok := rule.Thresholds[name]; !ok {
				out = append(out, fmt.Sprintf("line %d: rules.%s: unknown threshold %q (%s has %s)", t.lineOf(name), id, name, id, strings.Join(sortedKeys(rule.Thresholds), ", ")))
			}
		}
	}
	sort.Strings(out)
	return out
}

// Threshold is a rule's threshold in force: the configured one, else the
// rule's default.
func (c *Config) Threshold(rule Rule, name string) float64 {
	if v, ok := c.Rules[rule.ID].Values[name]; ok {
		return v
	}
	return rule.Thresholds[name]
}

// tierKey is how tiers are compared: folded, without spaces, hyphens or
// underscores, so that "Tier 1" (Salesforce picklists, HubSpot's UI),
// "tier1" (HubSpot's internal value) and "TIER_1" are one tier.
// queries/audit/accounts.sql folds the accounts' tiers the same way;
// its pattern names the same spaces as unicode.IsSpace.
func tierKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '_' {
			return -1
		}
		return r
	}, fold(s))
}

// fold lower-cases s and strips its accents, as the SQL side does with
// lower(strip_accents(...)), so "Reunión" and "REUNION" compare equal.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
