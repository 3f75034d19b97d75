package ics

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseFile feeds arbitrary bytes through everything a Read does to a
// calendar file: decoding, framing, the library's parsing, time zones,
// recurrence expansion and attendees. It must never panic nor hang, every
// row must end as exactly one of an event, a reject or a skip, and every
// string must be valid UTF-8 (protobuf refuses anything else).
//
// The seeds are the fixtures; crashers found are kept in
// testdata/fuzz/FuzzParseFile. Run with:
//
//	go test ./internal/connector/ics -run '^$' -fuzz FuzzParseFile -fuzztime 20s
func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{fixture("team"), fixture("broken"), fixture("quirks")} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260302T090000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=X:20260302T090000\nEND:VEVENT\nBEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:STANDARD\nEND:VTIMEZONE\nEND:VCALENDAR\n"))
	// Shapes that crash or hang other parsers: parameters cut off or
	// followed by garbage, deep nesting, rules that never match.
	for _, body := range []string{
		"ATTENDEE;CN=Ana",
		"ATTENDEE;CN=\"A\"x:mailto:a@b.example",
		"ATTENDEE;CN=\"unterminated:mailto:a@b.example",
		"DTSTART:20260302T090000Z\nRRULE:FREQ=HOURLY;INTERVAL=2;BYHOUR=5",
		"DTSTART:20260302T090000Z\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31;COUNT=3",
		"DTSTART:17000101T090000Z\nRRULE:FREQ=DAILY",
		"DTSTART;TZID=\"\":20260302T090000\nRDATE;VALUE=PERIOD:20260303T090000Z/P",
		strings.Repeat("BEGIN:X-DEEP\n", 5000),
	} {
		f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\n" + body + "\nEND:VEVENT\nEND:VCALENDAR\n"))
	}
	w := window{from: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), to: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	c := company{domains: []string{"acme-industrial.example"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _ := decodeText(data)
		cf := parseFile(text, nil)
		for _, u := range cf.units {
			outcomes := 0
			for _, set := range []bool{u.event != nil, u.problem != nil, u.skip != ""} {
				if set {
					outcomes++
				}
			}
			if outcomes != 1 {
				t.Fatalf("unit at line %d has %d outcomes: %+v", u.line, outcomes, u)
			}
			if u.problem != nil {
				checkUTF8(t, u.problem.reason, u.problem.raw, u.problem.field)
			}
			if u.event == nil {
				continue
			}
			e := u.event
			checkUTF8(t, e.uid, e.summary)
			for _, a := range c.attendees(e) {
				checkUTF8(t, a.Email, a.Name, a.Response)
			}
			if e.recurring() {
				occs, err := e.expand(u.overridden, u.futureFrom, w)
				if err == nil {
					checkOccurrences(t, occs)
				}
				continue
			}
			checkOccurrences(t, []occurrence{instanceOf(e, u.master)})
		}
	})
}

func checkUTF8(t *testing.T, values ...string) {
	t.Helper()
	for _, v := range values {
		if !utf8.ValidString(v) {
			t.Fatalf("invalid UTF-8: %q", v)
		}
	}
}

func checkOccurrences(t *testing.T, occs []occurrence) {
	t.Helper()
	for _, o := range occs {
		if o.end.Before(o.start) {
			t.Fatalf("occurrence %s ends %s before it starts %s", o.key, o.end, o.start)
		}
	}
}
