package audit

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Band is when a rule's result is at least one severity: comparisons of
// a measure with a threshold (or a number), joined by "or", as
// "metric >= warn_weeks or business_share < warn_share". A comparison
// with a measure the SQL left NULL does not hold, as in SQL.
type Band struct {
	text        string
	comparisons []comparison
}

type comparison struct {
	measure   string // "metric" or another column of the rule's result
	op        string
	threshold string // a threshold's name, or "" when value is a number
	value     float64
}

// identifier is how parameters, thresholds and measures are named, in a
// band, in a rule's texts ({name}) and in its SQL ($name).
const identifier = `[a-z_][a-z0-9_]*`

var (
	identifierPattern = regexp.MustCompile(`^` + identifier + `$`)
	comparisonPattern = regexp.MustCompile(`^(` + identifier + `)\s*(>=|<=|>|<|=)\s*(` + identifier + `|-?[0-9]+(?:\.[0-9]+)?)$`)
)

// parseBand reads a band, checking that it names only known thresholds.
func parseBand(text string, thresholds map[string]float64) (Band, error) {
	b := Band{text: strings.TrimSpace(text)}
	if b.text == "" {
		return b, fmt.Errorf("empty: say when the rule is this severe, as \"metric > warn\"")
	}
	for part := range strings.SplitSeq(b.text, " or ") {
		m := comparisonPattern.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return b, fmt.Errorf("%q is not a comparison such as \"metric > warn\" or \"share < 5\"", strings.TrimSpace(part))
		}
		c := comparison{measure: m[1], op: m[2]}
		switch _, isThreshold := thresholds[m[3]]; {
		case isThreshold:
			c.threshold = m[3]
		case identifierPattern.MatchString(m[3]):
			return b, fmt.Errorf("%q: %s is not one of the rule's thresholds", strings.TrimSpace(part), m[3])
		default:
			var err error
			if c.value, err = strconv.ParseFloat(m[3], 64); err != nil {
				return b, fmt.Errorf("%q: %w", strings.TrimSpace(part), err)
			}
		}
		b.comparisons = append(b.comparisons, c)
	}
	return b, nil
}

// String is the band as the rule's file gives it.
func (b Band) String() string { return b.text }

// measures are the measures the band compares.
func (b Band) measures() []string {
	var out []string
	for _, c := range b.comparisons {
		if !slices.Contains(out, c.measure) {
			out = append(out, c.measure)
		}
	}
	return out
}

// holds says whether any comparison holds, given the measures (absent or
// NULL ones are not there) and the thresholds in force.
func (b Band) holds(measures map[string]float64, threshold func(name string) float64) bool {
	for _, c := range b.comparisons {
		v, ok := measures[c.measure]
		if !ok {
			continue
		}
		limit := c.value
		if c.threshold != "" {
			limit = threshold(c.threshold)
		}
		if compare(v, c.op, limit) {
			return true
		}
	}
	return false
}

func compare(v float64, op string, limit float64) bool {
	switch op {
	case ">":
		return v > limit
	case ">=":
		return v >= limit
	case "<":
		return v < limit
	case "<=":
		return v <= limit
	default: // "="
		return v == limit
	}
}

// Measures are the columns the rule's bands compare, besides "metric".
func (r Rule) bandMeasures() []string {
	var out []string
	for _, m := range append(r.High.measures(), r.Warning.measures()...) {
		if m != "metric" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// Severity bands a rule's result for one manager: not enough data when
// the SQL gave a reason, else high, warning or ok by the thresholds in
// force.
func (r Rule) Severity(missing string, measures map[string]float64, threshold func(name string) float64) Severity {
	switch {
	case missing != "":
		return SeverityNotEnoughData
	case r.High.holds(measures, threshold):
		return SeverityHigh
	case r.Warning.holds(measures, threshold):
		return SeverityWarning
	}
	return SeverityOK
}
