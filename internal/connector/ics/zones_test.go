package ics

import (
	"strings"
	"testing"
	"time"
)

// zimbraZone is Zimbra's VTIMEZONE for Central Europe, with Windows' 1601
// epoch.
const zimbraZone = `BEGIN:VTIMEZONE
TZID:(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETTO:+0100
TZOFFSETFROM:+0200
RRULE:FREQ=YEARLY;WKST=MO;INTERVAL=1;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETTO:+0200
TZOFFSETFROM:+0100
RRULE:FREQ=YEARLY;WKST=MO;INTERVAL=1;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE`

// zoneOf parses one VTIMEZONE and resolves its TZID.
func zoneOf(t *testing.T, vtimezone, tzid string) (zone, error) {
	t.Helper()
	framed := frame("BEGIN:VCALENDAR\n" + vtimezone + "\nEND:VCALENDAR\n")
	zones := newZoneSet()
	defineZones(framed.calendars[0], zones)
	return zones.byTZID(tzid)
}

func wall(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCustomZoneConversions(t *testing.T) {
	z, err := zoneOf(t, zimbraZone, `"(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna"`)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, wall, utc string }{
		{"winter", "2026-01-15 09:00", "2026-01-15T08:00Z"},
		{"before the change to summer time", "2026-03-29 01:30", "2026-03-29T00:30Z"},
		{"in the gap: the offset before it", "2026-03-29 02:30", "2026-03-29T01:30Z"},
		{"summer", "2026-03-29 03:30", "2026-03-29T01:30Z"},
		{"repeated hour: the first one", "2026-10-25 02:30", "2026-10-25T00:30Z"},
		{"after the change to winter time", "2026-10-25 03:30", "2026-10-25T02:30Z"},
		{"a past year", "1999-07-01 12:00", "1999-07-01T10:00Z"},
	}
	for _, c := range cases {
		if got := z.toUTC(wall(c.wall)); !got.Equal(utc(c.utc)) {
			t.Errorf("%s: %s is %s, want %s", c.name, c.wall, got.Format(time.RFC3339), c.utc)
		}
	}
	if got := z.toWall(utc("2026-07-01T10:00Z")); !got.Equal(wall("2026-07-01 12:00")) {
		t.Errorf("toWall in summer: %s", got)
	}
}

func TestCustomZoneWithoutChanges(t *testing.T) {
	z, err := zoneOf(t, "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T000000\n"+
		"TZOFFSETFROM:+0530\nTZOFFSETTO:+0530\nEND:STANDARD\nEND:VTIMEZONE", "Customized Time Zone")
	if err != nil {
		t.Fatal(err)
	}
	if got := z.toUTC(wall("2026-03-02 10:00")); !got.Equal(utc("2026-03-02T04:30Z")) {
		t.Errorf("+0530: %s", got)
	}
}

func TestUnusableVTimezones(t *testing.T) {
	cases := map[string]string{
		"no observance":    "BEGIN:VTIMEZONE\nTZID:Empty\nEND:VTIMEZONE",
		"bad offset":       "BEGIN:VTIMEZONE\nTZID:Bad\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+1\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE",
		"too frequent":     "BEGIN:VTIMEZONE\nTZID:Busy\nBEGIN:STANDARD\nDTSTART:19700101T000000\nRRULE:FREQ=DAILY\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE",
		"no END:VTIMEZONE": "BEGIN:VTIMEZONE\nTZID:Cut\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD",
	}
	for name, vtimezone := range cases {
		t.Run(name, func(t *testing.T) {
			tzid := strings.SplitN(strings.SplitN(vtimezone, "TZID:", 2)[1], "\n", 2)[0]
			if _, err := zoneOf(t, vtimezone, tzid); err == nil || !strings.Contains(err.Error(), tzid) {
				t.Errorf("TZID %s resolved, or the error does not name it: %v", tzid, err)
			}
		})
	}
}

func TestTZIDResolution(t *testing.T) {
	zones := newZoneSet()
	cases := map[string]string{
		"Europe/Madrid":                          "2026-03-02T08:00Z",
		"W. Europe Standard Time":                "2026-03-02T08:00Z",
		`"Tokyo Standard Time"`:                  "2026-03-02T00:00Z",
		"/mozilla.org/20070129_1/Europe/Berlin":  "2026-03-02T08:00Z",
		"/citadel.org/20190101_1/America/Denver": "2026-03-02T16:00Z",
	}
	for tzid, want := range cases {
		z, err := zones.byTZID(tzid)
		if err != nil {
			t.Errorf("%s: %v", tzid, err)
			continue
		}
		if got := z.toUTC(wall("2026-03-02 09:00")); !got.Equal(utc(want)) {
			t.Errorf("%s: 09:00 is %s, want %s", tzid, got.Format(time.RFC3339), want)
		}
	}
	for _, tzid := range []string{"Local", "", "Mars Standard Time"} {
		if _, err := zones.byTZID(tzid); err == nil {
			t.Errorf("TZID %q resolved", tzid)
		}
	}
}

func TestParseOffset(t *testing.T) {
	good := map[string]time.Duration{"+0100": time.Hour, "-0500": -5 * time.Hour, "+0545": 5*time.Hour + 45*time.Minute, "+013000": time.Hour + 30*time.Minute, "+0000": 0}
	for in, want := range good {
		if got, err := parseOffset(in); err != nil || got != want {
			t.Errorf("parseOffset(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0100", "+1", "+2500", "+0160", "+01:00", "+01000"} {
		if _, err := parseOffset(in); err == nil {
			t.Errorf("parseOffset(%q) accepted", in)
		}
	}
}

// Apple iCal 1.0 names the old US zones with a dash and writes no
// VTIMEZONE: DTSTART;TZID=US-Eastern:20260302T090000.
func TestAppleDashedLegacyZones(t *testing.T) {
	for tzid, iana := range map[string]string{"US-Eastern": "America/New_York", "US-Pacific": "America/Los_Angeles", "Canada-Mountain": "America/Edmonton"} {
		z, err := newZoneSet().byTZID(tzid)
		if err != nil {
			t.Errorf("%s: %v", tzid, err)
			continue
		}
		loc, _ := time.LoadLocation(iana)
		want := time.Date(2026, 3, 2, 9, 0, 0, 0, loc).UTC()
		if got := z.toUTC(wall("2026-03-02 09:00")); !got.Equal(want) {
			t.Errorf("%s: 09:00 is %v, want %v", tzid, got, want)
		}
	}
	for _, tzid := range []string{"US-Atlantis", "Europe-Berlin", "GMT-5", "US-"} {
		if _, err := newZoneSet().byTZID(tzid); err == nil {
			t.Errorf("%s: resolved, want refused", tzid)
		}
	}
}
