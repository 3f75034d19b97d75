package csv

import (
	"fmt"
	"testing"
	"time"
)

// fieldWithFormat compiles a one-field mapping: field of an opportunity
// (created_at, a moment, or close_date, a day) with the given keys.
func fieldWithFormat(t *testing.T, field, keys string) *fieldMapping {
	t.Helper()
	yaml := fmt.Sprintf("files:\n  - file: o.csv\n    kind: opportunity\n    fields:\n      id: Id\n      %s: {column: C%s}\n", field, keys)
	m, err := parseMapping("m.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return m.files[0].fields[field]
}

func utc(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTimeFormats(t *testing.T) {
	cases := []struct {
		name, field, keys, in string
		want                  time.Time
	}{
		{"ISO by default", "created_at", "", "2026-01-31 14:30", utc("2026-01-31 14:30:00")},
		{"ISO with a zone", "created_at", "", "2026-01-31T14:30:00+01:00", utc("2026-01-31 13:30:00")},
		{"ISO with fractions", "created_at", "", "2026-01-31T14:30:00.250Z", utc("2026-01-31 14:30:00").Add(250 * time.Millisecond)},
		{"ISO date only", "created_at", "", "2026-01-31", utc("2026-01-31 00:00:00")},
		{"European pattern", "created_at", ", format: DD/MM/YYYY HH:mm", "31/01/2026 14:30", utc("2026-01-31 14:30:00")},
		{"American pattern", "created_at", ", format: M/D/YYYY h:mm A", "1/31/2026 2:30 PM", utc("2026-01-31 14:30:00")},
		{"Go layout", "created_at", `, format: "02.01.2006 15:04"`, "31.01.2026 14:30", utc("2026-01-31 14:30:00")},
		{"month names", "created_at", ", format: DD MMM YYYY", "31 Jan 2026", utc("2026-01-31 00:00:00")},
		{"formats tried in order", "created_at", `, format: ["DD/MM/YYYY HH:mm", DD/MM/YYYY]`, "31/01/2026", utc("2026-01-31 00:00:00")},
		{"winter time in Amsterdam", "created_at", ", format: DD/MM/YYYY HH:mm, time_zone: Europe/Amsterdam", "31/01/2026 14:30", utc("2026-01-31 13:30:00")},
		{"summer time in Amsterdam", "created_at", ", format: DD/MM/YYYY HH:mm, time_zone: Europe/Amsterdam", "30/06/2026 14:30", utc("2026-06-30 12:30:00")},
		{"a stated zone wins", "created_at", ", time_zone: America/New_York", "2026-01-31T14:30:00Z", utc("2026-01-31 14:30:00")},
		{"New York", "created_at", ", time_zone: America/New_York", "2026-01-31 09:00", utc("2026-01-31 14:00:00")},
		{"excel serial day", "created_at", ", format: excel-serial", "46053", utc("2026-01-31 00:00:00")},
		{"excel serial time", "created_at", ", format: excel-serial", "46053.6041666667", utc("2026-01-31 14:30:00")},
		{"excel serial, decimal comma", "created_at", ", format: excel-serial", "46053,5", utc("2026-01-31 12:00:00")},
		{"excel serial in a zone", "created_at", ", format: excel-serial, time_zone: Europe/Amsterdam", "46053.6041666667", utc("2026-01-31 13:30:00")},
		// The clocks go forward at 02:00 on 29 March 2026 in Amsterdam: a
		// serial is a wall-clock time, not a number of hours.
		{"excel serial across a clock change", "created_at", ", format: excel-serial, time_zone: Europe/Amsterdam", "46110.5", utc("2026-03-29 10:00:00")},
		{"unix", "created_at", ", format: unix", "1769869800", utc("2026-01-31 14:30:00")},
		{"unix ignores the zone", "created_at", ", format: unix, time_zone: Asia/Tokyo", "1769869800", utc("2026-01-31 14:30:00")},
		{"unix-ms", "created_at", ", format: unix-ms", "1769869800250", utc("2026-01-31 14:30:00").Add(250 * time.Millisecond)},
		{"a day is kept as written", "close_date", ", format: DD/MM/YYYY, time_zone: Pacific/Auckland", "31/01/2026", utc("2026-01-31 00:00:00")},
		{"a day from a time, in its zone", "close_date", ", format: DD/MM/YYYY HH:mm, time_zone: Pacific/Auckland", "31/01/2026 23:30", utc("2026-01-31 00:00:00")},
		{"a day from a UTC time, in the zone", "close_date", ", format: iso8601, time_zone: Pacific/Auckland", "2026-01-31T20:00:00Z", utc("2026-02-01 00:00:00")},
		{"a day from an excel serial", "close_date", ", format: excel-serial", "46053.99", utc("2026-01-31 00:00:00")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := fieldWithFormat(t, c.field, c.keys)
			got, err := f.parseTime(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(c.want) || got.Location() != time.UTC {
				t.Errorf("%q = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestTimesThatDoNotFit(t *testing.T) {
	cases := []struct{ keys, in string }{
		{"", "31/01/2026"}, // not ISO, and not guessed
		{"", "2026-02-30"},
		{", format: DD/MM/YYYY", "2026-01-31"},
		{", format: DD/MM/YYYY", "31/13/2026"},
		{", format: excel-serial", "0"},
		{", format: excel-serial", "yesterday"},
		{", format: excel-serial", "9999999"},
		{", format: unix", "1.5e9"},
		{", format: unix", "-1"},
		{", format: unix-ms", "99999999999999999999"},
	}
	for _, c := range cases {
		f := fieldWithFormat(t, "created_at", c.keys)
		if got, err := f.parseTime(c.in); err == nil {
			t.Errorf("%q with%s = %s, want an error", c.in, c.keys, got)
		}
	}
}

func TestPatterns(t *testing.T) {
	for pattern, want := range map[string]string{
		"DD/MM/YYYY HH:mm":        "02/01/2006 15:04",
		"dd-mm-yyyy":              "02-01-2006",
		"dd/mm/yyyy hh:mm":        "02/01/2006 15:04",
		"dd/mm/yyyy hh:mm a":      "02/01/2006 03:04 pm",
		"yyyy-mm-dd HH:mm:ss":     "2006-01-02 15:04:05",
		"d/m/yyyy H:mm":           "2/1/2006 15:04",
		"YYYY-MM-DDTHH:mm:ss.SSS": "2006-01-02T15:04:05.000",
		"M/D/YY h:mm A":           "1/2/06 3:04 PM",
		"D MMMM YYYY":             "2 January 2006",
	} {
		if got := patternToLayout(pattern); got != want {
			t.Errorf("%s = %q, want %q", pattern, got, want)
		}
	}
	for _, bad := range []string{"31/01/2026", "DD/MM", "MM/YYYY", "HH:mm", "whenever"} {
		if _, err := parseTimeFormat(bad); err == nil {
			t.Errorf("%q is not a date format", bad)
		}
	}
}
