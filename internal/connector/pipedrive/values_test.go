package pipedrive

import (
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

func TestDateAndTimeFields(t *testing.T) {
	dates := map[string]time.Time{
		"2024-12-05":          date(2024, 12, 5),
		"2024-12-05 00:00:00": date(2024, 12, 5),
		"45631":               date(2024, 12, 5),
		"45631.0":             date(2024, 12, 5),
		" 45631.75 ":          date(2024, 12, 5), // a date cell that kept a time
	}
	for text, want := range dates {
		var v csvfile.Cells
		if got := (field{"d", text, &v}).date(); v.Err != nil || !got.Equal(want) {
			t.Errorf("date(%q) = %v, %v; want %v", text, got, v.Err, want)
		}
	}
	dateTimes := map[string]time.Time{
		"2024-12-05 11:02:00":       time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
		"2024-12-05 11:02":          time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
		"2024-12-05T11:02:00Z":      time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
		"2024-12-05T12:02:00+01:00": time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
		"2024-12-05T11:02:00.000Z":  time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
		"45631.4597222222":          time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC),
		"":                          {},
	}
	for text, want := range dateTimes {
		var v csvfile.Cells
		got := field{"t", text, &v}.dateTime()
		if v.Err != nil || !got.Equal(want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("dateTime(%q) = %v, %v; want %v UTC", text, got, v.Err, want)
		}
	}
	for _, bad := range []string{"2024-13-45", "31/12/2024", "60", "123456", "yesterday", "2024-12-05 25:00:00"} {
		var v csvfile.Cells
		field{"Activity - Due date", bad, &v}.dateTime()
		if v.Err == nil || v.Err.Field != "Activity - Due date" || !strings.Contains(v.Err.Reason, bad) {
			t.Errorf("dateTime(%q): error %v, want one naming the field and the value", bad, v.Err)
		}
	}
}

func TestClockAndDuration(t *testing.T) {
	clocks := map[string]time.Duration{
		"10:30": 10*time.Hour + 30*time.Minute, "9:30": 9*time.Hour + 30*time.Minute, "00:00": 0,
		"23:59:59": 24*time.Hour - time.Second, "0.4375": 10*time.Hour + 30*time.Minute,
	}
	for text, want := range clocks {
		var v csvfile.Cells
		if got, ok := (field{"due_time", text, &v}).clock(); v.Err != nil || !ok || got != want {
			t.Errorf("clock(%q) = %v, %v, %v; want %v", text, got, ok, v.Err, want)
		}
	}
	var empty csvfile.Cells
	if _, ok := (field{"due_time", " ", &empty}).clock(); ok || empty.Err != nil {
		t.Error("an empty due time is a date-only activity, not an error")
	}
	for _, bad := range []string{"25:00", "24:00", "9.30", "10h30", "10:5", "10:60", "-1:00", "1.5"} {
		var v csvfile.Cells
		if _, ok := (field{"due_time", bad, &v}).clock(); ok || v.Err == nil {
			t.Errorf("clock(%q) was accepted", bad)
		}
	}

	durations := map[string]int64{
		"": 0, "00:30": 1800, "1:00": 3600, "01:30:15": 5415, "26:00": 93600, "0.0208333333333333": 1800,
	}
	for text, want := range durations {
		var v csvfile.Cells
		if got := (field{"duration", text, &v}).duration(); v.Err != nil || got != want {
			t.Errorf("duration(%q) = %d, %v; want %d", text, got, v.Err, want)
		}
	}
	for _, bad := range []string{"1h30", "-00:30", "30 min", "1:5"} {
		var v csvfile.Cells
		if (field{"duration", bad, &v}).duration(); v.Err == nil {
			t.Errorf("duration(%q) was accepted", bad)
		}
	}
}

func TestDoneAndFlags(t *testing.T) {
	for text, want := range map[string]bool{
		"1": true, "0": false, "true": true, "false": false, "Done": true, "To do": false, "": false, "DONE": true,
	} {
		var v csvfile.Cells
		if got := (field{"done", text, &v}).done(); v.Err != nil || got != want {
			t.Errorf("done(%q) = %v, %v; want %v", text, got, v.Err, want)
		}
	}
	var v csvfile.Cells
	if (field{"Activity - Done", "Maybe", &v}).done(); v.Err == nil || v.Err.Field != "Activity - Done" {
		t.Errorf("done(Maybe): %v", v.Err)
	}
}

func TestActivityKinds(t *testing.T) {
	for typ, want := range map[string]string{
		"call": "call", "Call": "call", "meeting": "meeting", "lunch": "meeting", "Lunch": "meeting", "email": "email",
		"task": "task", "deadline": "task", "Deadline": "task", "demo": "other", "linkedin_message": "other", "": "other",
	} {
		if got := activityKind(typ); string(got) != want {
			t.Errorf("activityKind(%q) = %s, want %s", typ, got, want)
		}
	}
}
