package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Privacy says how a report names people (--pseudonymize), for a report
// that goes beyond the managers it is about: to a works council, a DPO or
// a wider management team.
type Privacy struct {
	// Managers pseudonymizes the managers too, not only their reps.
	Managers bool
	// Key keys the pseudonyms: the same person gets the same pseudonym in
	// every report of one database, and nobody without the key (kept in
	// the database, never in a report) can compute who is who.
	Key []byte
	// MinGroupSize is the smallest team whose team-level findings (the
	// rules that judge the team: Rule.NeedsTeam) a pseudonymized report
	// shows: in a smaller team a pseudonym no longer hides who is who.
	MinGroupSize int
}

// Pseudonymize replaces, in the report, every rep's name (and with
// p.Managers every manager's name and ID) by a stable keyed pseudonym
// ("Rep 3F9A2C"), wherever it appears: teams, evidence, rankings, data
// quality and the subjects shown; and withholds the team-level findings
// of teams smaller than p.MinGroupSize, saying why.
func Pseudonymize(rep *Report, p Privacy) {
	names := p.pseudonyms(rep)
	replace := names.replacer()
	for i := range rep.Managers {
		m := &rep.Managers[i]
		if p.Managers {
			m.ID, m.Name, m.Title = names.of(m.Name), names.of(m.Name), ""
		}
		for j := range m.Team {
			m.Team[j] = replace(m.Team[j])
		}
		for j := range m.TeamChanges {
			m.TeamChanges[j].Name = replace(m.TeamChanges[j].Name)
		}
		for j := range m.Series.Coaching.Reps {
			r := &m.Series.Coaching.Reps[j]
			r.Name = replace(r.Name)
		}
		for j := range m.Findings {
			f := &m.Findings[j]
			f.Missing = replace(f.Missing)
			for _, row := range f.Evidence.Rows {
				for k, v := range row {
					if s, ok := v.(string); ok {
						row[k] = replace(s)
					}
				}
			}
		}
		withholdSmallTeam(m, p.MinGroupSize)
	}
	for i := range rep.Organisation {
		for j := range rep.Organisation[i].Managers {
			r := &rep.Organisation[i].Managers[j]
			r.Name = names.of(r.Name)
		}
	}
	dq := &rep.DataQuality
	dq.Scope = names.of(dq.Scope)
	for i := range dq.UnclassifiedSubjects {
		dq.UnclassifiedSubjects[i].Subject = replace(dq.UnclassifiedSubjects[i].Subject)
	}
	for i := range dq.OrgNotes {
		n := &dq.OrgNotes[i]
		n.Subject, n.Detail = replace(n.Subject), replace(n.Detail)
		for j := range n.People {
			n.People[j] = replace(n.People[j])
		}
	}
}

// withholdSmallTeam turns the team-level findings of a team smaller than
// min into "not enough data", with the reason, and drops their evidence
// and the coaching per rep.
func withholdSmallTeam(m *Manager, min int) {
	if m.TeamSize == 0 || m.TeamSize >= min {
		return
	}
	// The coaching each rep got is a figure about each rep.
	m.Series.Coaching.Reps = nil
	for i := range m.Findings {
		f := &m.Findings[i]
		rule, ok := RuleByID(f.Rule)
		if !ok || !rule.NeedsTeam || f.Severity == SeverityNotApplicable {
			continue
		}
		f.Severity, f.Metric, f.Evidence.Rows, f.Previous = SeverityNotEnoughData, nil, nil, nil
		f.Missing = fmt.Sprintf("withheld for privacy: a team of %d is below the minimum of %d for a pseudonymized report", m.TeamSize, min)
	}
}

// pseudonymSet maps each person's name to their pseudonym.
type pseudonymSet map[string]string

// pseudonyms are those of the report's people: the managers' reps (in
// the team during the period, or ever in the data) and the people of the
// organisation notes as reps, the managers as
// managers (kept by name unless p.Managers).
func (p Privacy) pseudonyms(rep *Report) pseudonymSet {
	out := pseudonymSet{}
	add := func(name, role string) {
		if name != "" && out[name] == "" {
			mac := hmac.New(sha256.New, p.Key)
			mac.Write([]byte(role + "\x00" + fold(strings.TrimSpace(name))))
			out[name] = role + " " + strings.ToUpper(hex.EncodeToString(mac.Sum(nil))[:6])
		}
	}
	managers := map[string]bool{}
	for _, m := range rep.Managers {
		managers[m.Name] = true
		if p.Managers {
			add(m.Name, "Manager")
		}
	}
	for _, m := range rep.Managers {
		for _, name := range slices.Concat(m.Team, m.reportsEver) {
			if !managers[name] || p.Managers {
				add(name, "Rep")
			}
		}
	}
	for _, n := range rep.DataQuality.OrgNotes {
		for _, name := range n.People {
			if !managers[name] || p.Managers {
				add(name, "Rep")
			}
		}
	}
	return out
}

func (s pseudonymSet) of(name string) string {
	if p, ok := s[name]; ok {
		return p
	}
	return name
}

// replacer returns a function replacing, in a text, each whole name by its
// pseudonym, then each part of a name (a first or last name of three
// letters or more, "1:1 Ana") by the pseudonym of the one person it
// belongs to, or by "[name]" when several people share it.
func (s pseudonymSet) replacer() func(string) string {
	if len(s) == 0 {
		return func(text string) string { return text }
	}
	parts := map[string]string{}
	for name, pseudonym := range s {
		for _, part := range strings.Fields(name) {
			if utf8.RuneCountInString(part) < 3 {
				continue
			}
			if other, seen := parts[part]; seen && other != pseudonym {
				parts[part] = "[name]"
			} else {
				parts[part] = pseudonym
			}
		}
	}
	full, partial := longestFirst(sortedKeys(s)), longestFirst(sortedKeys(parts))
	return func(text string) string {
		if p, ok := s[text]; ok {
			return p
		}
		for _, name := range full {
			text = replaceWord(text, name, s[name])
		}
		for _, part := range partial {
			text = replaceWord(text, part, parts[part])
		}
		return text
	}
}

// longestFirst orders words so that "Ana Lima" is replaced before "Ana".
func longestFirst(words []string) []string {
	sort.Slice(words, func(i, j int) bool {
		return len(words[i]) > len(words[j]) || len(words[i]) == len(words[j]) && words[i] < words[j]
	})
	return words
}

// replaceWord replaces each occurrence of word in text that stands as a
// whole word (no letter or digit touching it) by with.
func replaceWord(text, word, with string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, word)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := i + len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		b.WriteString(text[:i])
		if isWordRune(before) || isWordRune(after) {
			b.WriteString(word)
		} else {
			b.WriteString(with)
		}
		text = text[end:]
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
