package ics

import (
	"strings"
	"testing"
)

func TestCleanRuleAcceptsExporterSpacing(t *testing.T) {
	cases := map[string]string{
		// Exchange 2010 and CDO: spaces after the commas of a list.
		"FREQ=WEEKLY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO, TU, WE, TH, FR;WKST=SU": "FREQ=WEEKLY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU",
		"RRULE:FREQ=MONTHLY;BYMONTHDAY=1, 15":                                            "FREQ=MONTHLY;BYMONTHDAY=1,15",
		"FREQ=MONTHLY;BYMONTH=3, 6, 9, 12;BYDAY=TU;BYSETPOS= -1":                         "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=TU;BYSETPOS=-1",
		"FREQ=YEARLY ; BYMONTH = 1 ,;;":                                                  "FREQ=YEARLY;BYMONTH=1",
		// RFC 7529: the Gregorian calendar and SKIP=OMIT are RFC 5545's rules.
		"RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31;SKIP=OMIT": "FREQ=MONTHLY;BYMONTHDAY=31",
		"rscale=gregorian;freq=daily":                           "FREQ=DAILY",
	}
	for in, want := range cases {
		if got, err := cleanRule(in); err != nil || got != want {
			t.Errorf("cleanRule(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestCleanRuleRefusesOtherCalendars(t *testing.T) {
	cases := map[string]string{
		"RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD":     "RSCALE=HEBREW",
		"RSCALE=CHINESE;FREQ=YEARLY":                                         "RSCALE=CHINESE",
		"RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;SKIP=BACKWARD": "SKIP=BACKWARD",
	}
	for in, field := range cases {
		if got, err := cleanRule(in); err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("cleanRule(%q) = %q, %v; want an error naming %s", in, got, err, field)
		}
	}
}

func TestWeekdaysWithSpacesExpand(t *testing.T) {
	e := &vevent{
		rule:  "FREQ=WEEKLY;UNTIL=20260612T071500Z;INTERVAL=1;BYDAY=MO, TU, WE, TH, FR;WKST=SU",
		start: icalTime{wall: utc("2026-06-01T09:15Z"), zone: mustZone(t, "Europe/Berlin")},
	}
	occs, err := e.expand(nil, window{from: utc("2026-06-01T00:00Z"), to: utc("2026-07-01T00:00Z")})
	if err != nil {
		t.Fatal(err)
	}
	if len(occs) != 10 {
		t.Fatalf("%d occurrences, want the 10 weekdays of 1–12 June", len(occs))
	}
	for _, o := range occs {
		if day := o.start.Weekday(); day == 0 || day == 6 {
			t.Errorf("an occurrence on %s", o.start)
		}
	}
}

func mustZone(t *testing.T, name string) zone {
	t.Helper()
	loc, err := loadIANA(name)
	if err != nil {
		t.Fatal(err)
	}
	return locationZone{loc}
}
