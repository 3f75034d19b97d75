package csv

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/salesaudit/salesaudit/plugin"
)

// fold is how values are compared with the mapping's words: trimmed and
// case-insensitive, so that "Ja", "ja " and "JA" are one word.
func fold(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// booleanWords are the words a file writes for true and for false.
type booleanWords struct {
	yes, no []string
}

// defaultBooleans are the words of the languages a team's spreadsheet is
// likely to be in; a mapping's booleans: replaces them.
var defaultBooleans = booleanWords{
	yes: []string{"true", "yes", "y", "1", "x", "ja", "j", "oui", "si", "sí", "sim", "wahr"},
	no:  []string{"false", "no", "n", "0", "nee", "nein", "non", "não", "nao", "falsch"},
}

// parse reads a boolean. "true" and "false" are always understood, so that
// a value map can say true: and false: whatever the file's words.
func (b booleanWords) parse(v string) (bool, error) {
	word := fold(v)
	switch word {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	for _, w := range b.yes {
		if fold(w) == word {
			return true, nil
		}
	}
	for _, w := range b.no {
		if fold(w) == word {
			return false, nil
		}
	}
	return false, fmt.Errorf("%q is neither true (%s) nor false (%s)", v, strings.Join(b.yes, ", "), strings.Join(b.no, ", "))
}

// parseNumber reads an amount as spreadsheets write it: with thousands
// separators ("1.250.000,00" when the decimal separator is a comma), spaces
// and a currency ("€ 12.500", "12 500 EUR"). A separator in the wrong place
// is an error rather than a guess: "1,5" in a file whose decimal separator
// is a point would otherwise be read as fifteen.
func parseNumber(v string, decimal byte) (float64, error) {
	s := stripCurrency(v)
	thousands := byte(',')
	if decimal == ',' {
		thousands = '.'
	}
	whole, fraction, _ := strings.Cut(s, string(decimal))
	if strings.IndexByte(fraction, thousands) >= 0 || !validGrouping(whole, thousands) {
		return 0, fmt.Errorf("%q is not a number (the decimal separator is %q)", v, decimal)
	}
	plain := strings.ReplaceAll(whole, string(thousands), "")
	if fraction != "" {
		plain += "." + fraction
	}
	f, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(plain, "xXpP_") {
		return 0, fmt.Errorf("%q is not a number (the decimal separator is %q)", v, decimal)
	}
	return f, nil
}

// currencyCode is an ISO 4217 code written before or after an amount.
var currencyCode = regexp.MustCompile(`^[A-Z]{3}\s*|\s*[A-Z]{3}$`)

// stripCurrency drops a currency code at either end, currency symbols and
// spaces (including the no-break spaces that spreadsheets put between
// thousands, and the apostrophes of Swiss amounts).
func stripCurrency(v string) string {
	s := currencyCode.ReplaceAllString(strings.TrimSpace(v), "")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u202f' || r == '\'' || r == '’' || unicode.Is(unicode.Sc, r) {
			return -1
		}
		return r
	}, s)
}

// validGrouping checks the thousands separators of a number's whole part:
// groups of three digits after the first.
func validGrouping(whole string, thousands byte) bool {
	groups := strings.Split(strings.TrimLeft(whole, "+-"), string(thousands))
	if len(groups) == 1 {
		return true
	}
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// durationFormat says how a duration is written.
type durationFormat string

const (
	durationInSeconds durationFormat = "seconds"
	durationInMinutes durationFormat = "minutes"
	durationInHours   durationFormat = "hours"
	durationHHMM      durationFormat = "HH:MM"
	durationHHMMSS    durationFormat = "HH:MM:SS"
	durationMMSS      durationFormat = "MM:SS"
)

var durationFormats = []durationFormat{
	durationInSeconds, durationInMinutes, durationInHours, durationHHMM, durationHHMMSS, durationMMSS,
}

func parseDurationFormat(name string) (durationFormat, error) {
	for _, f := range durationFormats {
		if strings.EqualFold(strings.TrimSpace(name), string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(durationFormats))
	for i, f := range durationFormats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown duration format %q (use %s)", name, strings.Join(names, ", "))
}

// seconds reads a duration in the format.
func (f durationFormat) seconds(v string, decimal byte) (int64, error) {
	switch f {
	case durationInSeconds, durationInMinutes, durationInHours:
		return f.fromNumber(v, decimal)
	}
	return f.fromClock(v)
}

var secondsPer = map[durationFormat]float64{durationInSeconds: 1, durationInMinutes: 60, durationInHours: 3600}

func (f durationFormat) fromNumber(v string, decimal byte) (int64, error) {
	n, err := parseNumber(v, decimal)
	if err != nil {
		return 0, err
	}
	seconds := math.Round(n * secondsPer[f])
	if seconds < 0 || seconds > math.MaxInt32 {
		return 0, fmt.Errorf("%q is not a duration in %s (it must be zero or more)", v, f)
	}
	return int64(seconds), nil
}

// fromClock reads "1:30" (HH:MM), "1:30:00" (HH:MM:SS) or "12:30" (MM:SS).
// HH:MM also takes a trailing :SS, as spreadsheets add it when a cell is
// formatted as a time.
func (f durationFormat) fromClock(v string) (int64, error) {
	parts := strings.Split(strings.TrimSpace(v), ":")
	var units []int64
	switch {
	case f == durationHHMM && len(parts) == 2:
		units = []int64{3600, 60}
	case (f == durationHHMM || f == durationHHMMSS) && len(parts) == 3:
		units = []int64{3600, 60, 1}
	case f == durationMMSS && len(parts) == 2:
		units = []int64{60, 1}
	default:
		return 0, fmt.Errorf("%q is not a duration in the format %s", v, f)
	}
	var total int64
	for i, p := range parts {
		n, err := clockNumber(p, i > 0)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration in the format %s: %w", v, f, err)
		}
		total += n * units[i]
	}
	return total, nil
}

var errClockPart = errors.New("each part must be a whole number, minutes and seconds below 60")

func clockNumber(p string, belowSixty bool) (int64, error) {
	if p == "" || len(p) > 6 || strings.TrimLeft(p, "0123456789") != "" {
		return 0, errClockPart
	}
	n, err := strconv.ParseInt(p, 10, 64)
	if err != nil || (belowSixty && n >= 60) {
		return 0, errClockPart
	}
	return n, nil
}

var activityKinds = []plugin.ActivityKind{
	plugin.ActivityCall, plugin.ActivityMeeting, plugin.ActivityEmail,
	plugin.ActivityTask, plugin.ActivityEvent, plugin.ActivityOther,
}

func parseActivityKind(v string) (plugin.ActivityKind, error) {
	for _, k := range activityKinds {
		if fold(v) == string(k) {
			return k, nil
		}
	}
	return "", fmt.Errorf("%q is not an activity kind: list it under values: with one of call, meeting, email, task, event, other", v)
}

func parsePriority(v string) (plugin.Priority, error) {
	for _, p := range []plugin.Priority{plugin.PriorityHigh, plugin.PriorityNormal, plugin.PriorityLow} {
		if fold(v) == string(p) {
			return p, nil
		}
	}
	return plugin.PriorityNone, fmt.Errorf("%q is not a priority: list it under values: with one of high, normal, low", v)
}
