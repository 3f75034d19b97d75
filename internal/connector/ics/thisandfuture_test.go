package ics

import (
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

const nadia = "nadia.haddad@acme-industrial.example"

// want is an occurrence as a test expects it, in UTC.
type wantOcc struct{ start, end, subject string }

func checkSeries(t *testing.T, got []plugin.Activity, wants []wantOcc) {
	t.Helper()
	if len(got) != len(wants) {
		var have []wantOcc
		for _, a := range got {
			have = append(have, wantOcc{a.StartAt.Format("2006-01-02T15:04Z"), a.EndAt.Format("2006-01-02T15:04Z"), a.Subject})
		}
		t.Fatalf("%d occurrences, want %d:\n got %v\nwant %v", len(got), len(wants), have, wants)
	}
	for i, w := range wants {
		a := got[i]
		if !a.StartAt.Equal(utc(w.start)) || !a.EndAt.Equal(utc(w.end)) || a.Subject != w.subject {
			t.Errorf("occurrence %d: %s to %s %q, want %s to %s %q", i, a.StartAt.Format(time.RFC3339), a.EndAt.Format(time.RFC3339), a.Subject,
				w.start, w.end, w.subject)
		}
		if dur := int64(a.EndAt.Sub(a.StartAt) / time.Second); a.DurationSeconds != dur {
			t.Errorf("occurrence %d: %d seconds, want %d", i, a.DurationSeconds, dur)
		}
	}
}

func ownedBy(got []plugin.Activity, owner, uid string) []plugin.Activity {
	var out []plugin.Activity
	for _, a := range got {
		if a.OwnerID == owner && len(a.ID) > len(uid) && a.ID[:len(uid)+1] == uid+"/" {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].StartAt.Before(out[j].StartAt) })
	return out
}

// Apple Calendar's "all future events": the 16 March call moved from
// 10:00–10:30 to 14:00–15:00 Paris with a new subject, which the later
// Mondays take too (RFC 5545 §3.8.4.4), at 14:00 Paris also after the
// change to summer time on the 29th; the 6 April one, moved on its own
// to Tuesday 7 April 11:00–11:45, keeps its own values.
func TestThisAndFutureOverrideMovesTheLaterInstances(t *testing.T) {
	got, summary := read(t, fixture("thisandfuture"), withOptions(march2026, optionTo, "2026-04-30"))
	if len(got.Rejected) != 0 {
		t.Fatalf("rejects: %v", got.Rejected)
	}
	checkSeries(t, ownedBy(got.Activities, nadia, "6E2F1A3C-9B4D-4C7E-8F21-0A5B6C7D8E9F"), []wantOcc{
		{"2026-03-02T09:00Z", "2026-03-02T09:30Z", "Pipeline call"},
		{"2026-03-09T09:00Z", "2026-03-09T09:30Z", "Pipeline call"},
		{"2026-03-16T13:00Z", "2026-03-16T14:00Z", "Pipeline call (afternoon)"},
		{"2026-03-23T13:00Z", "2026-03-23T14:00Z", "Pipeline call (afternoon)"},
		{"2026-03-30T12:00Z", "2026-03-30T13:00Z", "Pipeline call (afternoon)"},
		{"2026-04-07T09:00Z", "2026-04-07T09:45Z", "Pipeline call (Tuesday)"},
		{"2026-04-13T12:00Z", "2026-04-13T13:00Z", "Pipeline call (afternoon)"},
		{"2026-04-20T12:00Z", "2026-04-20T13:00Z", "Pipeline call (afternoon)"},
	})
	// Each instance keeps the key of its place in the series: the same
	// meeting in another calendar has the same ID.
	if a := ownedBy(got.Activities, nadia, "6E2F1A3C-9B4D-4C7E-8F21-0A5B6C7D8E9F")[3]; a.ID != "6E2F1A3C-9B4D-4C7E-8F21-0A5B6C7D8E9F/20260323T090000Z/"+nadia {
		t.Errorf("the 23 March instance's ID is %s", a.ID)
	}
	if f := fileSummary(t, summary, "apple-nadia.ics"); len(f.RowsSkipped) != 0 {
		t.Errorf("rows skipped: %v", f.RowsSkipped)
	}
}

// The window is compared with the moved starts: a Monday series moved
// to Fridays from 9 March on, read over Friday 20 March alone, has the
// 16 March instance there, generated four days before the window; moved
// back to Mondays from 23 March, read over Monday 23 March alone, the
// instance generated on Friday 27 March.
func TestThisAndFutureShiftIsAppliedBeforeTheWindow(t *testing.T) {
	for _, c := range []struct {
		name, from, to, rid, start, end string
		want                            wantOcc
	}{
		{"later", "2026-03-20", "2026-03-20", "20260309T090000Z", "20260313T090000Z", "20260313T100000Z",
			wantOcc{"2026-03-20T09:00Z", "2026-03-20T10:00Z", "Moved"}},
		{"earlier", "2026-03-23", "2026-03-23", "20260313T090000Z", "20260309T090000Z", "20260309T100000Z",
			wantOcc{"2026-03-23T09:00Z", "2026-03-23T10:00Z", "Moved"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			first := "20260302T090000Z"
			if c.name == "earlier" {
				first = "20260306T090000Z" // a Friday series
			}
			connectortest.WriteFile(t, dir, "ana.ics", calendar(`X-WR-CALNAME:`+ana,
				event(`UID:weekly`, `DTSTART:`+first, `DURATION:PT1H`, `RRULE:FREQ=WEEKLY;COUNT=6`, `SUMMARY:Weekly`),
				event(`UID:weekly`, `RECURRENCE-ID;RANGE=THISANDFUTURE:`+c.rid, `DTSTART:`+c.start, `DTEND:`+c.end, `SUMMARY:Moved`),
			))
			got, _ := read(t, filepath.Join(dir, "ana.ics"), withOptions(march2026, optionFrom, c.from, optionTo, c.to, optionTimezone, "UTC"))
			checkSeries(t, ownedBy(got.Activities, ana, "weekly"), []wantOcc{c.want})
		})
	}
}

// A THISANDFUTURE override without a CLASS of its own, of a private
// series, is private, and so are the instances it moves: times only.
func TestThisAndFutureOverrideOfAPrivateSeriesIsPrivate(t *testing.T) {
	got, _ := read(t, fixture("thisandfuture"), march2026)
	acts := ownedBy(got.Activities, nadia, "A47C0E55-1D2B-4F3A-B6C8-2E9D7F1A0B34")
	checkSeries(t, acts, []wantOcc{
		{"2026-03-04T07:00Z", "2026-03-04T08:00Z", ""},
		{"2026-03-11T17:00Z", "2026-03-11T18:00Z", ""},
		{"2026-03-18T17:00Z", "2026-03-18T18:00Z", ""},
		{"2026-03-25T17:00Z", "2026-03-25T18:00Z", ""},
	})
	for _, a := range acts {
		if !a.Private || len(a.Attendees) != 0 {
			t.Errorf("%s: private %v, attendees %v: want private, no one", a.StartAt, a.Private, a.Attendees)
		}
	}
}
