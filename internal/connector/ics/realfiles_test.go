package ics

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// realFilesDir names a folder of real calendars (public exports of
// Exchange, Outlook, Google, Apple, Thunderbird...) to measure the
// connector on. They are third-party files, so they are not in the
// repository: the measurement runs only when the variable is set.
const realFilesDir = "SALESAUDIT_REAL_ICS_DIR"

// missingData are the reasons that blame the calendar for leaving out
// what an activity needs, rather than the connector for misreading it.
var missingData = regexp.MustCompile(`(?i)no DTSTART|has no start|no owner|whose calendar`)

// TestRealCalendars reads every .ics file of SALESAUDIT_REAL_ICS_DIR on
// its own, with an owner given by a mapping (real files rarely name one)
// and a period wide enough for all their events, and reports the events,
// the activities and the rejects by reason. It fails when more than 0.1 %
// of the events are rejected for anything but missing data.
func TestRealCalendars(t *testing.T) {
	dir := os.Getenv(realFilesDir)
	if dir == "" {
		t.Skipf("set %s to a folder of real .ics files to measure the connector on them", realFilesDir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.ics"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .ics files in %s (%v)", dir, err)
	}
	var events, activities, missing, failures int
	reasons := map[string]int{}
	for _, file := range files {
		fileEvents, got := readRealCalendar(t, file)
		events += fileEvents
		activities += len(got.Activities)
		for _, r := range got.Rejected {
			reason := reasonShape(r.Reason)
			if missingData.MatchString(r.Reason) {
				missing++
				reason = "missing data: " + reason
			} else {
				failures++
				t.Logf("%s:%d %s: %s", filepath.Base(file), r.Line, r.Field, r.Reason)
			}
			reasons[reason]++
		}
	}
	t.Logf("%d files, %d VEVENTs, %d activities, %d rejected for missing data, %d rejected otherwise (%.3f %%)",
		len(files), events, activities, missing, failures, 100*float64(failures)/float64(max(events, 1)))
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%5d  %s", reasons[k], k)
	}
	if failures*1000 > events {
		t.Errorf("%d of %d events rejected for something else than missing data: more than 0.1 %%", failures, events)
	}
}

// readRealCalendar reads one file alone, owned by an invented person,
// and counts its VEVENTs.
func readRealCalendar(t *testing.T, file string) (int, *plugintest.Collector) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	name := filepath.Base(file)
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(t.TempDir(), "owners.csv")
	if err := os.WriteFile(mapping, []byte("file,email\n"+name+",owner@real.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := read(t, dir, map[string]string{optionFrom: "1970-01-01", optionTo: "2040-12-31", optionOwners: mapping})
	return strings.Count(string(data), "BEGIN:VEVENT"), got
}

// reasonShape is a reject reason without its quoted values, so that
// rejects of one kind are counted together.
func reasonShape(reason string) string {
	reason = regexp.MustCompile(`"[^"]*"|\d+`).ReplaceAllString(reason, "…")
	if len(reason) > 120 {
		reason = reason[:120]
	}
	return strings.TrimSpace(reason)
}
