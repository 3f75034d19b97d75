package ics

import (
	"strings"
	"testing"
)

func TestCleanRule(t *testing.T) {
	cases := []struct{ in, want, refusal string }{
		// Exchange 2010 and CDO: spaces after the commas of a list.
		{in: "FREQ=WEEKLY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO, TU, WE, TH, FR;WKST=SU",
			want: "FREQ=WEEKLY;UNTIL=20150722T080000Z;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU"},
		{in: "RRULE:FREQ=MONTHLY;BYMONTHDAY=1, 15", want: "FREQ=MONTHLY;BYMONTHDAY=1,15"},
		{in: "FREQ=MONTHLY;BYMONTH=3, 6, 9, 12;BYDAY=TU;BYSETPOS= -1", want: "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=TU;BYSETPOS=-1"},
		{in: "FREQ=YEARLY ; BYMONTH = 1 ,;;", want: "FREQ=YEARLY;BYMONTH=1"},
		// RFC 7529: the Gregorian calendar and SKIP=OMIT are RFC 5545's
		// rules; other calendars and SKIP modes are refused, named.
		{in: "RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31;SKIP=OMIT", want: "FREQ=MONTHLY;BYMONTHDAY=31"},
		{in: "rscale=gregorian;freq=daily", want: "FREQ=DAILY"},
		{in: "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD", refusal: "RSCALE=HEBREW"},
		{in: "RSCALE=CHINESE;FREQ=YEARLY", refusal: "RSCALE=CHINESE"},
		{in: "RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;SKIP=BACKWARD", refusal: "SKIP=BACKWARD"},
	}
	for _, c := range cases {
		got, err := cleanRule(c.in)
		refused := err != nil && c.refusal != "" && strings.Contains(err.Error(), c.refusal)
		if (c.refusal == "" && (err != nil || got != c.want)) || (c.refusal != "" && !refused) {
			t.Errorf("cleanRule(%q) = %q, %v; want %q or a refusal naming %q", c.in, got, err, c.want, c.refusal)
		}
	}
}

func TestWeekdaysWithSpacesExpand(t *testing.T) {
	e := &vevent{
		rule:  "FREQ=WEEKLY;UNTIL=20260612T071500Z;INTERVAL=1;BYDAY=MO, TU, WE, TH, FR;WKST=SU",
		start: icalTime{wall: utc("2026-06-01T09:15Z"), zone: mustZone(t, "Europe/Berlin")},
	}
	occs, err := e.expand(nil, "", window{from: utc("2026-06-01T00:00Z"), to: utc("2026-07-01T00:00Z")})
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
