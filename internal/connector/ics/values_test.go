package ics

import (
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
)

func TestParseDuration(t *testing.T) {
	good := map[string]icalDuration{
		"PT1H30M":  {exact: 90 * time.Minute},
		"P1D":      {days: 1},
		"P2W":      {days: 14},
		"P1DT2H":   {days: 1, exact: 2 * time.Hour},
		"+PT15M":   {exact: 15 * time.Minute},
		"pt45m":    {exact: 45 * time.Minute},
		"PT0S":     {},
		"PT3600S":  {exact: time.Hour},
		"P0DT0H0M": {},
	}
	for in, want := range good {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("parseDuration(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "P", "PT", "-PT15M", "P1H", "PT1D", "PT1H30", "1H", "P99999999D", "PT99999999999999999999H", "P1DT"} {
		if d, err := parseDuration(in); err == nil {
			t.Errorf("parseDuration(%q) = %+v, accepted", in, d)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	cases := []struct {
		in             string
		wall           time.Time
		allDay, isUTC  bool
		wantParseError bool
	}{
		{in: "20260302T090000Z", wall: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), isUTC: true},
		{in: "20260302T090000", wall: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
		{in: "20260302", wall: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), allDay: true},
		{in: "2026-03-02", wantParseError: true},
		{in: "20260230T090000", wantParseError: true},
		{in: "20260302T246000", wantParseError: true},
		{in: "20260302T0900", wantParseError: true},
		{in: "", wantParseError: true},
	}
	for _, c := range cases {
		wall, allDay, isUTC, err := parseDateTime(c.in)
		if c.wantParseError {
			if err == nil {
				t.Errorf("parseDateTime(%q) accepted", c.in)
			}
			continue
		}
		if err != nil || !wall.Equal(c.wall) || allDay != c.allDay || isUTC != c.isUTC {
			t.Errorf("parseDateTime(%q) = %s, %v, %v, %v", c.in, wall, allDay, isUTC, err)
		}
	}
}

func TestDurationCountsDaysInWallClock(t *testing.T) {
	paris, _ := loadIANA("Europe/Paris")
	start := icalTime{wall: wall("2026-03-28 10:00"), zone: locationZone{paris}}
	// One day after Saturday 10:00 is Sunday 10:00, summer time: 23 hours.
	if end := (icalDuration{days: 1}).end(start); !end.Equal(utc("2026-03-29T08:00Z")) {
		t.Errorf("P1D across the change to summer time ends %s", end)
	}
	if end := (icalDuration{exact: 24 * time.Hour}).end(start); !end.Equal(utc("2026-03-29T09:00Z")) {
		t.Errorf("PT24H across the change ends %s", end)
	}
}

func TestDateWithStrayZIsTheDate(t *testing.T) {
	for _, in := range []string{"20210527Z", "20210527z"} {
		wall, allDay, isUTC, err := parseDateTime(strings.ToUpper(in))
		if err != nil || !allDay || isUTC || !wall.Equal(time.Date(2021, 5, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("parseDateTime(%q) = %v, allDay %v, UTC %v, %v; want the day 2021-05-27", in, wall, allDay, isUTC, err)
		}
	}
	for _, in := range []string{"2021052Z", "20211327Z", "20210527ZZ", "Z20210527"} {
		if _, _, _, err := parseDateTime(in); err == nil {
			t.Errorf("parseDateTime(%q) accepted", in)
		}
	}
}

func TestEmptyDateListsHoldNoDates(t *testing.T) {
	tc := timeContext{zones: newZoneSet(), floating: utcZone}
	cases := map[string]int{
		"":                                  0,
		" ":                                 0,
		"20260610T140000,":                  1,
		"20260610T140000, ,20260617T140000": 2,
	}
	for value, want := range cases {
		prop := &ical.BaseProperty{IANAToken: "EXDATE", Value: value, ICalParameters: map[string][]string{}}
		got, err := tc.times(prop)
		if err != nil || len(got) != want {
			t.Errorf("EXDATE:%s = %d dates, %v; want %d", value, len(got), err, want)
		}
	}
	prop := &ical.BaseProperty{IANAToken: "RDATE", Value: "", ICalParameters: map[string][]string{"VALUE": {"PERIOD"}}}
	if got, err := tc.periods(prop); err != nil || len(got) != 0 {
		t.Errorf("empty RDATE;VALUE=PERIOD = %v, %v; want no period", got, err)
	}
}
