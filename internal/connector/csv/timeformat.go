package csv

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// timeFormat is one way a file writes dates and times: a Go layout, or a
// number (a spreadsheet's serial day, a Unix timestamp).
type timeFormat struct {
	// name is the format as the mapping wrote it, for messages.
	name   string
	layout string
	number numericTime
}

type numericTime int

const (
	notNumeric numericTime = iota
	excelSerial
	unixSeconds
	unixMillis
)

// isoLayouts are the forms of ISO 8601 that exports write, tried when a
// mapping names no format: dates and times that are not ISO are too
// ambiguous to guess (is 02/03 the second of March or the third of
// February?).
var isoLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	time.DateOnly,
}

var defaultTimeFormats = layoutFormats("iso8601", isoLayouts)

func layoutFormats(name string, layouts []string) []timeFormat {
	out := make([]timeFormat, len(layouts))
	for i, l := range layouts {
		out[i] = timeFormat{name: name, layout: l}
	}
	return out
}

// parseTimeFormat reads a format as a mapping writes it: a name
// (iso8601, excel-serial, unix, unix-ms), a pattern (DD/MM/YYYY HH:mm) or a
// Go layout (02/01/2006 15:04).
func parseTimeFormat(name string) ([]timeFormat, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "iso8601", "iso-8601", "iso", "rfc3339":
		return layoutFormats(name, isoLayouts), nil
	case "excel-serial", "excel":
		return []timeFormat{{name: name, number: excelSerial}}, nil
	case "unix", "unix-seconds":
		return []timeFormat{{name: name, number: unixSeconds}}, nil
	case "unix-ms", "unix-millis":
		return []timeFormat{{name: name, number: unixMillis}}, nil
	}
	layout := name
	if isPattern(name) {
		layout = patternToLayout(name)
	}
	if err := checkLayout(layout); err != nil {
		return nil, fmt.Errorf("%q %w", name, err)
	}
	return []timeFormat{{name: name, layout: layout}}, nil
}

// reference is a moment whose every part differs, so that a layout that
// formats and parses it back keeps the date.
var reference = time.Date(2026, time.November, 28, 13, 45, 56, 0, time.UTC)

// checkLayout refuses a layout that cannot read a date: one with no year,
// month or day, as when "DD/MM/YYYY" is misspelt or a Go layout uses other
// numbers than Go's reference time.
func checkLayout(layout string) error {
	formatted := reference.Format(layout)
	parsed, err := time.Parse(layout, formatted)
	if err != nil || parsed.Year() != reference.Year() || parsed.Month() != reference.Month() || parsed.Day() != reference.Day() {
		return errors.New("does not give a year, month and day: write it with Go's reference date " +
			"(02/01/2006 15:04 for 31/01/2026 14:30) or as a pattern (DD/MM/YYYY HH:mm), " +
			"or use iso8601, excel-serial, unix or unix-ms")
	}
	return nil
}

// isPattern tells a pattern (DD/MM/YYYY) from a Go layout, which never
// writes the year with letters.
func isPattern(s string) bool {
	return strings.Contains(s, "YY") || strings.Contains(s, "yy")
}

// patternTokens translate a pattern's letters to Go's layout, longest
// first so that MM is a month before M is.
var patternTokens = []struct{ token, layout string }{
	{"YYYY", "2006"}, {"yyyy", "2006"}, {"YY", "06"}, {"yy", "06"},
	{"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "01"}, {"M", "1"},
	{"DD", "02"}, {"dd", "02"}, {"D", "2"}, {"d", "2"},
	{"HH", "15"}, {"H", "15"}, {"hh", "03"}, {"h", "3"},
	{"mm", "04"}, {"m", "4"}, {"ss", "05"}, {"s", "5"},
	{"SSS", "000"}, {"A", "PM"}, {"a", "pm"},
}

func patternToLayout(pattern string) string {
	var b strings.Builder
	// As in Excel, hh is the 24-hour clock unless the pattern has AM/PM.
	twelveHour := strings.ContainsAny(pattern, "Aa")
	afterHour := false
	for rest := pattern; rest != ""; {
		token, layout := nextPatternToken(rest)
		if token == "" {
			b.WriteByte(rest[0])
			rest = rest[1:]
			continue
		}
		rest = rest[len(token):]
		// As in Excel, a lower-case m is a month unless it follows an
		// hour or comes before seconds: dd/mm/yyyy hh:mm.
		if (token == "mm" || token == "m") && !afterHour && !strings.HasPrefix(strings.TrimLeft(rest, ":."), "s") {
			layout = strings.Repeat("0", len(token)-1) + "1"
		}
		if (token == "hh" || token == "h") && !twelveHour {
			layout = "15"
		}
		afterHour = strings.ContainsAny(token, "Hh")
		b.WriteString(layout)
	}
	return b.String()
}

func nextPatternToken(s string) (token, layout string) {
	for _, t := range patternTokens {
		if strings.HasPrefix(s, t.token) {
			return t.token, t.layout
		}
	}
	return "", ""
}

// parse reads v in the format; a time without a zone is in loc.
func (f timeFormat) parse(v string, loc *time.Location) (time.Time, bool) {
	switch f.number {
	case excelSerial:
		return parseExcelSerial(v, loc)
	case unixSeconds:
		return parseUnix(v, time.Second)
	case unixMillis:
		return parseUnix(v, time.Millisecond)
	}
	t, err := time.ParseInLocation(f.layout, v, loc)
	return t, err == nil
}

// excelEpoch is day 0 of spreadsheets' serial dates: 30 December 1899,
// so that Lotus 1-2-3's phantom 29 February 1900 cancels out for every
// date since March 1900.
const (
	maxExcelSerial = 2958466 // 1 January 10000
	secondsPerDay  = 24 * 60 * 60
)

// parseExcelSerial reads a serial day ("46053.6041666667": the day, and
// the time as a fraction of it) as a wall-clock time in loc.
func parseExcelSerial(v string, loc *time.Location) (time.Time, bool) {
	serial, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	if err != nil || serial < 1 || serial >= maxExcelSerial {
		return time.Time{}, false
	}
	days := math.Floor(serial)
	seconds := math.Round((serial - days) * secondsPerDay)
	// time.Date normalises the overflowing day and second, along the
	// calendar of loc, so that a serial is a wall-clock time even on the
	// days the clocks change.
	return time.Date(1899, time.December, 30+int(days), 0, 0, int(seconds), 0, loc), true
}

func parseUnix(v string, unit time.Duration) (time.Time, bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/int64(unit) {
		return time.Time{}, false
	}
	return time.Unix(0, 0).Add(time.Duration(n) * unit).UTC(), true
}

func formatNames(formats []timeFormat) string {
	var names []string
	for _, f := range formats {
		if len(names) == 0 || names[len(names)-1] != f.name {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, " or ")
}
