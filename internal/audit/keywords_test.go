package audit

import (
	"regexp"
	"strings"
	"testing"
)

func TestKeywordsMatchCompoundsOnlyWhereMarked(t *testing.T) {
	t.Parallel()
	cases := []struct {
		keyword, subject string
		match            bool
		parts            string // the compound split explained, if any
	}{
		// Whole words, as before.
		{"plan", "Plan Q3", true, ""},
		{"plan", "Planet fitness", false, ""},
		{"coach*", "Coaching Ana", true, ""},
		// A compound's head, where the keyword is marked.
		{"*planning", "Territoriumplanning 2027", true, "territorium + planning"},
		{"*planung", "Quartalsplanung Q4", true, "quartals + planung"},
		{"*planung", "Quartalsplanungen", true, "quartals + planungen"},
		{"*kosten", "Reiskosten declareren", true, "reis + kosten"},
		{"*kosten*", "Reisekostenabrechnung März", true, "reise + kosten + abrechnung"},
		{"*planning", "Planning", true, ""},
		// Not inside words where unmarked, nor after a mere prefix.
		{"planning", "Territoriumplanning", false, ""},
		{"drink", "Koffiedrinken met Jan", false, ""},
		{"drinks", "Koffiedrinken met Jan", false, ""},
		{"formation", "Digital transformation", false, ""},
		{"*planning", "Replanning", false, ""},
		// A head is the end of the word: "kostenplaats" is a place, not a cost.
		{"*kosten", "Kostenplaats wijzigen", false, ""},
	}
	for _, c := range cases {
		rule := ClassificationRule{Keywords: []string{c.keyword}}
		sqlSide := regexp.MustCompile(rule.pattern()).MatchString(fold(c.subject))
		m, goSide := rule.matchKeywords(c.subject)
		if sqlSide != c.match || goSide != c.match {
			t.Errorf("%q in %q: pattern %v, explanation %v; want %v", c.keyword, c.subject, sqlSide, goSide, c.match)
			continue
		}
		if got := strings.Join(m.Parts, " + "); got != c.parts {
			t.Errorf("%q in %q: split %q, want %q", c.keyword, c.subject, got, c.parts)
		}
	}
}

func TestASubjectRuleMatchesTheWholeSubjectOnly(t *testing.T) {
	t.Parallel()
	rule := ClassificationRule{Subjects: []string{"Call", "Réunion", "Termin"}}
	for subject, want := range map[string]bool{
		"Call": true, " call. ": true, "— Reunión —": true, "TERMIN": true,
		"Call mit der Zentrale": false, "Réunion d'équipe": false, "Termine": false,
	} {
		if _, got := rule.matchKeywords(subject); got != want {
			t.Errorf("%q: %v, want %v", subject, got, want)
		}
		if got := regexp.MustCompile(rule.pattern()).MatchString(fold(subject)); got != want {
			t.Errorf("%q: pattern %v, want %v", subject, got, want)
		}
	}
}
