package generate

import "github.com/salesaudit/salesaudit/internal/audit"

// Rule is one of the audit's rules, by its ID.
type Rule int

// The audit's rules the generator can plant, in the order of audit.Rules
// (queries/rules; a test checks the two agree).
const (
	BM1 Rule = iota
	BM2
	BM3
	BM4
	BM5
	PM1
	PM2
	PM3
	PM4
	PM5
	PM6
	CM1
	CM2
	CM3
	numRules
)

var ruleIDs = [numRules]string{"BM1", "BM2", "BM3", "BM4", "BM5", "PM1", "PM2", "PM3", "PM4", "PM5", "PM6", "CM1", "CM2", "CM3"}

func (r Rule) String() string { return ruleIDs[r] }

// unit is the unit of the audit's metric of the rule, as its file gives it.
func (r Rule) unit() string {
	rule, ok := audit.RuleByID(r.String())
	if !ok {
		panic("the audit has no rule " + r.String())
	}
	return rule.Unit
}

// Rules lists the rules' IDs in the audit's order.
func Rules() []string { return append([]string(nil), ruleIDs[:]...) }

// ruleSet is a set of rules.
type ruleSet uint32

func (s ruleSet) has(r Rule) bool { return s&(1<<r) != 0 }

func (s ruleSet) with(r Rule) ruleSet { return s | 1<<r }

func (s ruleSet) count() int {
	n := 0
	for r := range numRules {
		if s.has(r) {
			n++
		}
	}
	return n
}

func (s ruleSet) ids() []string {
	var out []string
	for r := range numRules {
		if s.has(r) {
			out = append(out, r.String())
		}
	}
	return out
}
