package audit

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// A Suggestion is a group of near-identical subjects the classification
// left unclassified, or only its catch-all put in internal_other, with a
// keyword the existing rules' words suggest for them.
type Suggestion struct {
	// Pattern is the subjects' shared form: folded, reply and type
	// prefixes dropped, numbers as #, names of people and accounts as …
	Pattern string
	// Examples are up to three of the subjects as typed.
	Examples   []string
	Activities int
	Minutes    float64
	// Category is where they are now: unclassified or internal_other.
	Category string
	// Proposal is the keyword to add, nil when no rule's words come near.
	Proposal *Proposal
}

// A Proposal adds a keyword to a classification rule.
type Proposal struct {
	Rule, Category string
	// Keyword is the keyword to add, as the configuration writes it.
	Keyword string
	// Why says which existing keyword it comes from and how.
	Why string
}

// Suggest lists the groups of subjects the classification did not place
// (or placed only by its catch-all), most manager minutes first, at most
// top of them, each with a proposed keyword where the rules' words
// suggest one (salesaudit classify suggest).
func Suggest(ctx context.Context, db *sql.DB, opts Options, top int) ([]Suggestion, error) {
	r, conn, err := start(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	params := maps.Clone(r.values)
	params["manager"] = opts.Manager
	rows, err := r.queryFile(ctx, "report/suggest.sql", params)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	groups := map[string]*Suggestion{}
	// fits are the rules (by position) that would take every activity of
	// a group, were their words to match.
	fits := map[*Suggestion][]int{}
	var order []*Suggestion
	var names nameWords
	for rows.Next() {
		var subject, category string
		var activities int
		var minutes float64
		var fitting, nameList []any
		if err := rows.Scan(&subject, &category, &activities, &minutes, &fitting, &nameList); err != nil {
			return nil, fmt.Errorf("reading the subjects to suggest for: %w", err)
		}
		if names == nil {
			names = newNameWords(nameList)
		}
		pattern := subjectShape(subject, names)
		g := groups[pattern+"\x00"+category]
		if g == nil {
			g = &Suggestion{Pattern: pattern, Category: category}
			groups[pattern+"\x00"+category] = g
			order = append(order, g)
			fits[g] = positions(fitting)
		} else {
			fits[g] = slices.DeleteFunc(fits[g], func(p int) bool { return !slices.Contains(positions(fitting), p) })
		}
		g.Activities += activities
		g.Minutes += minutes
		if len(g.Examples) < 3 {
			g.Examples = append(g.Examples, subject)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(order, func(a, b *Suggestion) int {
		switch {
		case a.Minutes > b.Minutes:
			return -1
		case a.Minutes < b.Minutes:
			return 1
		}
		return strings.Compare(a.Pattern, b.Pattern)
	})
	out := make([]Suggestion, 0, min(top, len(order)))
	for _, g := range order[:min(top, len(order))] {
		g.Proposal = r.cfg.propose(g.Pattern, fits[g])
		out = append(out, *g)
	}
	return out, nil
}

// positions reads a list of rule positions.
func positions(list []any) []int {
	out := make([]int, 0, len(list))
	for _, v := range list {
		if p, ok := v.(int32); ok {
			out = append(out, int(p))
		}
	}
	return out
}

// nameWords are the folded words of the organisation's people and
// accounts ("hoffmann", "maschinenbau"): a subject's word that is one is
// a name, and subjects differing only by names group together.
type nameWords map[string]bool

func newNameWords(names []any) nameWords {
	out := nameWords{}
	for _, n := range names {
		s, _ := n.(string)
		for _, w := range words(fold(s)) {
			if len([]rune(w)) >= 3 {
				out[w] = true
			}
		}
	}
	return out
}

// leadingPrefixes are the reply, forward and type prefixes mail clients
// and CRMs put before a subject, in the six languages: they say nothing
// of what the activity was.
var leadingPrefixes = regexp.MustCompile(`^\s*(re|aw|wg|fw|fwd|tr|rv|enc|res|sv|vs|antw|doorst|email|e-mail|call|task|anruf|appel|llamada|ligacao)\s*:\s*`)

var (
	wordSplit = regexp.MustCompile(`[^` + wordChars + `]+`)
	hasDigit  = regexp.MustCompile(`[0-9]`)
)

func words(folded string) []string {
	return slices.DeleteFunc(wordSplit.Split(folded, -1), func(w string) bool { return w == "" })
}

// subjectShape is a subject's shared form: folded, its leading prefixes
// dropped, each word with a digit as #, each name as …, runs of either
// as one.
func subjectShape(subject string, names nameWords) string {
	s := fold(subject)
	for {
		trimmed := leadingPrefixes.ReplaceAllString(s, "")
		if trimmed == s {
			break
		}
		s = trimmed
	}
	var out []string
	for _, w := range words(s) {
		switch {
		case hasDigit.MatchString(w):
			w = "#"
		case names[w]:
			w = "…"
		}
		if len(out) > 0 && out[len(out)-1] == w && (w == "#" || w == "…") {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// propose finds, in rule order among the rules that would take the
// activities (fitting, by position), the first keyword that one of the
// pattern's words comes near: holding it as a compound's part, starting
// with it, or being it mistyped by one letter.
func (c *Config) propose(pattern string, fitting []int) *Proposal {
	for i, r := range c.Classification {
		if len(r.Keywords) == 0 || r.Category == Unclassified || !slices.Contains(fitting, i+1) {
			continue
		}
		for _, kw := range r.Keywords {
			for _, w := range words(pattern) {
				if keyword, why, ok := nearKeyword(kw, w); ok {
					return &Proposal{Rule: r.Name, Category: r.Category, Keyword: keyword,
						Why: fmt.Sprintf("%s, a keyword of %q", why, r.Name)}
				}
			}
		}
	}
	return nil
}

// minNearKeyword is the shortest keyword a word is compared with, and
// minCompoundPart the shortest looked for inside a word: shorter ones are
// found in too many unrelated words ("plan" in "airplane").
const (
	minNearKeyword  = 4
	minCompoundPart = 5
)

// headEnding matches what may follow a compound's head: nothing, or a
// plural or genitive ending (headEndings).
var headEnding = regexp.MustCompile(`^` + headEndings + `$`)

// nearKeyword says whether word comes near the configured keyword kw
// (which did not match it), and the keyword that would.
func nearKeyword(kw, word string) (string, string, bool) {
	folded := fold(strings.TrimSpace(kw))
	base := strings.Trim(folded, "*")
	if len(base) < minNearKeyword || strings.ContainsAny(base, " -:'") || word == base {
		return "", "", false
	}
	prefix := strings.HasSuffix(folded, "*")
	i := strings.Index(word, base)
	if i >= minModifier && len(base) >= minCompoundPart {
		switch rest := word[i+len(base):]; {
		case headEnding.MatchString(rest):
			return "*" + base, fmt.Sprintf("%q ends with %q", word, base), true
		case len(rest) >= minModifier:
			return "*" + base + "*", fmt.Sprintf("%q holds %q", word, base), true
		}
	}
	if i == 0 && !prefix {
		return base + "*", fmt.Sprintf("%q starts with %q", word, base), true
	}
	if len(base) >= minNearKeyword+1 && levenshtein.ComputeDistance(word, base) == 1 {
		keyword := word
		if prefix {
			keyword += "*"
		}
		return keyword, fmt.Sprintf("%q looks like %q mistyped", word, base), true
	}
	return "", "", false
}
