package hubspot

import (
	"github.com/salesaudit/salesaudit/plugin/value"
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2026-01-12T08:30:00Z", utc(2026, 1, 12, 8, 30, 0)},
		{"2026-01-12T08:30:00.000Z", utc(2026, 1, 12, 8, 30, 0)},
		{"2026-01-12T08:30:00.512Z", time.Date(2026, 1, 12, 8, 30, 0, 512_000_000, time.UTC)},
		{"2026-01-12T09:30:00+01:00", utc(2026, 1, 12, 8, 30, 0)},
		{"1768206600000", utc(2026, 1, 12, 8, 30, 0)},
		// UI exports: local times, here in Amsterdam, winter and summer.
		{"2026-01-12 09:30", utc(2026, 1, 12, 8, 30, 0)},
		{"2026-07-12 09:30", utc(2026, 7, 12, 7, 30, 0)},
		{"2026-01-12 09:30:15", utc(2026, 1, 12, 8, 30, 15)},
		// A date is the day, whatever the zone.
		{"2026-03-31", utc(2026, 3, 31, 0, 0, 0)},
	}
	for _, c := range cases {
		got, ok := parseTimestamp(c.in, amsterdam)
		if !ok || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("parseTimestamp(%q) = %v, %v; want %v UTC", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "31/03/2026", "31.03.2026 10:00", "2026-02-30T10:00:00Z", "1768206600", "2026-13-01 09:00", "12"} {
		if got, ok := parseTimestamp(bad, amsterdam); ok {
			t.Errorf("parseTimestamp(%q) = %v, want refused", bad, got)
		}
	}
}

func TestParseCallDuration(t *testing.T) {
	for in, want := range map[string]int64{
		"754321": 754, "754500": 755, "0": 0, "384000.0": 384, "999": 1, "00:12:34": 754, "12:34": 754, "1:02:03": 3723,
	} {
		if got, ok := parseCallDuration(in); !ok || got != want {
			t.Errorf("parseCallDuration(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"-5000", "12 min", "abc", "1:60", "1:2:3:4", ":30", "NaN"} {
		if got, ok := parseCallDuration(bad); ok {
			t.Errorf("parseCallDuration(%q) = %d, want refused", bad, got)
		}
	}
}

func TestParseNumberRefusesWhatItWouldHaveToGuess(t *testing.T) {
	if f, ok := value.Number("49500.5"); !ok || f != 49500.5 {
		t.Errorf("value.Number(49500.5) = %v, %v", f, ok)
	}
	for _, bad := range []string{"1.2M", "€12.000", "480.000.000", "12,500.00", "NaN", "Inf"} {
		if f, ok := value.Number(bad); ok {
			t.Errorf("value.Number(%q) = %v, want refused", bad, f)
		}
	}
}

func TestNormalisedValuesMatchAcrossForms(t *testing.T) {
	for api, label := range map[string]string{
		"NOT_STARTED": "Not started", "closedwon": "Closed Won", "TODO": "To-do", "tier1": "Tier 1",
		"decisionmakerboughtin": "Decision Maker Bought-In", "CANCELED": "Canceled",
	} {
		if normalised(api) != normalised(label) {
			t.Errorf("%q and %q do not compare equal", api, label)
		}
	}
}

func TestTaskPriority(t *testing.T) {
	for in, want := range map[string]string{"HIGH": "high", "Medium": "normal", "LOW": "low", "NONE": "", "": "", "URGENT": ""} {
		if got := taskPriority(in); string(got) != want {
			t.Errorf("taskPriority(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestObjectFromName(t *testing.T) {
	for name, want := range map[string]*objectType{
		"meetings-page-2.json": meetings, "hubspot-crm-exports-all-deals-2026-05-04.csv": deals,
		"company_export.csv": companies, "owners-archived.json": owners, "emails.json": emails,
		"contacts-page-1.json": nil, "notes.json": nil,
	} {
		got, ok := objectFromName(name)
		if got != want || ok != (want != nil) {
			t.Errorf("objectFromName(%q) = %v, %v", name, got, ok)
		}
	}
}
