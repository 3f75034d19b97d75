package corpus

import (
	"fmt"
	"io"
	"slices"
	"sort"
)

// Score is how many of a group of cases the classification got right.
type Score struct{ Right, Total int }

// Percent is the share right, 0 for no cases.
func (s Score) Percent() float64 {
	if s.Total == 0 {
		return 0
	}
	return 100 * float64(s.Right) / float64(s.Total)
}

func (s Score) String() string {
	if s.Total == 0 {
		return "-"
	}
	return fmt.Sprintf("%5.1f %% (%d/%d)", s.Percent(), s.Right, s.Total)
}

// Tally scores the cases by a key of each (its language, its category...).
func Tally(placed []Placed, key func(Placed) string) map[string]Score {
	out := map[string]Score{}
	for _, p := range placed {
		s := out[key(p)]
		s.Total++
		if p.Right() {
			s.Right++
		}
		out[key(p)] = s
	}
	return out
}

// Overall scores all the cases.
func Overall(placed []Placed) Score { return Tally(placed, func(Placed) string { return "" })[""] }

// Write prints the scores by language and set, by category (the share of
// each labelled category found), and every miss.
func Write(w io.Writer, placed []Placed) {
	bySet := map[string]map[string]Score{}
	for _, set := range Sets {
		bySet[set] = Tally(only(placed, set), func(p Placed) string { return p.Lang })
	}
	all := Tally(placed, func(p Placed) string { return p.Lang })
	row := func(name string, cells ...string) {
		fmt.Fprintf(w, "%-8s", name)
		for _, c := range cells {
			fmt.Fprintf(w, " %-20s", c)
		}
		fmt.Fprintln(w)
	}
	row("language", append(slices.Clone(Sets), "all")...)
	for _, lang := range sortedKeys(all) {
		var cells []string
		for _, set := range Sets {
			cells = append(cells, bySet[set][lang].String())
		}
		row(lang, append(cells, all[lang].String())...)
	}
	var totals []string
	for _, set := range Sets {
		totals = append(totals, Overall(only(placed, set)).String())
	}
	row("all", append(totals, Overall(placed).String())...)
	fmt.Fprintln(w)
	byCategory := Tally(placed, func(p Placed) string { return p.Want })
	fmt.Fprintf(w, "%-18s %s\n", "category", "found")
	for _, c := range sortedKeys(byCategory) {
		fmt.Fprintf(w, "%-18s %s\n", c, byCategory[c])
	}
	fmt.Fprintln(w)
	for _, p := range placed {
		if !p.Right() {
			fmt.Fprintf(w, "miss %s:%d %s %s %s %q: %s by %q, want %s\n", p.File, p.Line, p.Set, p.Lang, p.Kind, p.Subject, p.Got, p.Rule, p.Want)
		}
	}
}

// only is the cases of a set.
func only(placed []Placed, set string) []Placed {
	return slices.DeleteFunc(slices.Clone(placed), func(p Placed) bool { return p.Set != set })
}

func sortedKeys(m map[string]Score) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
