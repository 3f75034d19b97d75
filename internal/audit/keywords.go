package audit

import (
	"fmt"
	"regexp"
	"strings"
)

// How keywords match a subject. Subjects and keywords are folded (fold:
// lower case, no accents) and matched as whole words: a keyword is a word
// or a phrase of the subject, so "plan" is not found in "planet". Two marks
// widen a keyword:
//
//   - a trailing * makes it a prefix: "coach*" matches "coaching";
//   - a leading * lets it be the head of a compound, the last part of a
//     word glued together as Dutch and German do: "*planning" matches
//     "territoriumplanning", "*kosten" matches "reiskosten" (and the head
//     may take a plural or genitive ending, headEndings). Both marks
//     ("*kosten*") let it be any part: "reisekostenabrechnung".
//
// A compound is matched only where the keyword says so, and only after a
// part of at least minModifier letters: unmarked English or Romance
// keywords never match inside words ("formation" is not found in
// "transformation", nor "drink" in "koffiedrinken"), and a marked one
// not after a mere prefix ("*planning" is not found in "replanning"). No
// stemming library fits: Go's Snowball ports have no Dutch or German, and
// a stemmer does not split compounds anyway.

// wordChars are what a folded word is made of; anything else separates
// words.
const wordChars = `a-z0-9ßøæœðþ`

// minModifier is the shortest part a compound head may follow.
const minModifier = 3

// headEndings are the plural and genitive endings a Dutch or German
// compound's head may take: Quartalsplanungen, Onkostennota's (the
// apostrophe separates words already).
const headEndings = `(?:en|e|n|s|es|er)?`

// keywordAlternative is a keyword's regular expression, on a folded
// subject, without the word boundaries around it.
func keywordAlternative(keyword string) string {
	kw := fold(strings.TrimSpace(keyword))
	compound := strings.HasPrefix(kw, "*")
	kw = strings.TrimPrefix(kw, "*")
	prefix := strings.HasSuffix(kw, "*")
	re := regexp.QuoteMeta(strings.TrimSuffix(kw, "*"))
	switch {
	case prefix:
		re += `[` + wordChars + `]*`
	case compound:
		re += headEndings
	}
	if compound {
		re = fmt.Sprintf(`(?:[%s]{%d,})?`, wordChars, minModifier) + re
	}
	return re
}

// wholeWords is the regular expression matching any of the alternatives
// as whole words.
func wholeWords(alternatives []string) string {
	return `(^|[^` + wordChars + `])(` + strings.Join(alternatives, "|") + `)($|[^` + wordChars + `])`
}

// keywordPattern is the regular expression matching any of the keywords in
// a folded subject.
func keywordPattern(keywords []string) string {
	if len(keywords) == 0 {
		return ""
	}
	alts := make([]string, len(keywords))
	for i, kw := range keywords {
		alts[i] = keywordAlternative(kw)
	}
	return wholeWords(alts)
}

// subjectPattern is the regular expression matching a folded subject that
// is one of subjects, whole, but for spaces and punctuation around it
// ("Call", "Termin.", "— Meeting —").
func subjectPattern(subjects []string) string {
	if len(subjects) == 0 {
		return ""
	}
	return `^[^` + wordChars + `]*(` + literals(subjects) + `)[^` + wordChars + `]*$`
}

// prefixPattern is the regular expression matching a folded subject that
// starts with any of the prefixes (spaces before it aside).
func prefixPattern(prefixes []string) string {
	if len(prefixes) == 0 {
		return ""
	}
	return `^\s*(` + literals(prefixes) + `)`
}

// literals is the alternation of the texts, folded, matched as written.
func literals(texts []string) string {
	alts := make([]string, len(texts))
	for i, t := range texts {
		alts[i] = regexp.QuoteMeta(fold(strings.TrimSpace(t)))
	}
	return strings.Join(alts, "|")
}

// pattern is what the rule matches subjects with: its keywords, or its
// whole subjects ("" for a rule that looks at neither).
func (r ClassificationRule) pattern() string {
	if len(r.Subjects) > 0 {
		return subjectPattern(r.Subjects)
	}
	return keywordPattern(r.Keywords)
}

// KeywordMatch is what made a rule's words match a subject.
type KeywordMatch struct {
	// Keyword is the keyword as configured ("*planning").
	Keyword string
	// Word is the word or phrase of the folded subject it matched
	// ("territoriumplanning").
	Word string
	// Parts is the compound split, the modifier and the head
	// ("territorium", "planning"); empty when the word is not a compound.
	Parts []string
}

func (m KeywordMatch) String() string {
	s := fmt.Sprintf("keyword %q in %q", m.Keyword, m.Word)
	if len(m.Parts) > 0 {
		s += " (" + strings.Join(m.Parts, " + ") + ")"
	}
	return s
}

// compoundParts splits a word a compound keyword matched into the part
// before the keyword, the keyword (with its ending) and, for a keyword
// that may be any part ("*kosten*"), the part after it; nil when the word
// is no compound: it begins with the keyword.
func compoundParts(keyword, word string) []string {
	kw := fold(strings.TrimSpace(keyword))
	head := strings.Trim(kw, "*")
	if !strings.HasPrefix(kw, "*") || strings.HasPrefix(word, head) || len(word) <= minModifier {
		return nil
	}
	i := strings.Index(word[minModifier:], head)
	if i < 0 {
		return nil
	}
	i += minModifier
	parts := []string{word[:i], word[i:]}
	if strings.HasSuffix(kw, "*") && len(word) > i+len(head) {
		parts = []string{word[:i], head, word[i+len(head):]}
	}
	return parts
}

// matchKeywords says which of the rule's keywords (the first in its list
// that matches) or whole subjects matched subject, and how.
func (r ClassificationRule) matchKeywords(subject string) (KeywordMatch, bool) {
	folded := fold(subject)
	if len(r.Subjects) > 0 {
		if regexp.MustCompile(subjectPattern(r.Subjects)).MatchString(folded) {
			return KeywordMatch{Keyword: strings.TrimSpace(subject), Word: folded}, true
		}
		return KeywordMatch{}, false
	}
	for _, kw := range r.Keywords {
		m := regexp.MustCompile(wholeWords([]string{keywordAlternative(kw)})).FindStringSubmatch(folded)
		if m == nil {
			continue
		}
		return KeywordMatch{Keyword: kw, Word: m[2], Parts: compoundParts(kw, m[2])}, true
	}
	return KeywordMatch{}, false
}
