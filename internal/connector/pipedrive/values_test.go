package pipedrive

import (
	"strings"
	"testing"
	"time"
)

func TestExcelSerialTime(t *testing.T) {
	tests := []struct {
		serial float64
		want   time.Time
	}{
		{1, date(1900, 1, 1)},
		{59, date(1900, 2, 28)},
		// Serial 60 is the 29 February 1900 that Excel invents; the
		// day after it is 1 March.
		{61, date(1900, 3, 1)},
		{44927, date(2023, 1, 1)},
		{45631, date(2024, 12, 5)},
		{45631.4375, time.Date(2024, 12, 5, 10, 30, 0, 0, time.UTC)},
		// Fifteen significant digits, as a spreadsheet writes 11:02.
		{45631.4597222222, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := excelSerialTime(tt.serial)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("excelSerialTime(%v) = %v, %v; want %v", tt.serial, got, err, tt.want)
		}
	}
	for _, bad := range []float64{0, 0.5, 60, 60.25, -3} {
		if got, err := excelSerialTime(bad); err == nil {
			t.Errorf("excelSerialTime(%v) = %v, want an error", bad, got)
		}
	}
}

func TestDateAndTimeFields(t *testing.T) {
	dates := map[string]time.Time{
		"2024-12-05":          date(2024, 12, 5),
		"2024-12-05 00:00:00": date(2024, 12, 5),
		"45631":               date(2024, 12, 5),
		"45631.0":             date(2024, 12, 5),
		" 45631.75 ":          date(2024, 12, 5), // a date cell that kept a time
	}
	for text, want := range dates {
		var v values
		if got := v.date(field{"d", text}); v.err != nil || !got.Equal(want) {
			t.Errorf("date(%q) = %v, %v; want %v", text, got, v.err, want)
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
		var v values
		got := v.dateTime(field{"t", text})
		if v.err != nil || !got.Equal(want) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("dateTime(%q) = %v, %v; want %v UTC", text, got, v.err, want)
		}
	}
	for _, bad := range []string{"2024-13-45", "31/12/2024", "60", "123456", "yesterday", "2024-12-05 25:00:00"} {
		var v values
		v.dateTime(field{"Activity - Due date", bad})
		if v.err == nil || v.err.Field != "Activity - Due date" || !strings.Contains(v.err.Reason, bad) {
			t.Errorf("dateTime(%q): error %v, want one naming the field and the value", bad, v.err)
		}
	}
}

func TestClockAndDuration(t *testing.T) {
	clocks := map[string]time.Duration{
		"10:30": 10*time.Hour + 30*time.Minute, "9:30": 9*time.Hour + 30*time.Minute, "00:00": 0,
		"23:59:59": 24*time.Hour - time.Second, "0.4375": 10*time.Hour + 30*time.Minute,
	}
	for text, want := range clocks {
		var v values
		if got, ok := v.clock(field{"due_time", text}); v.err != nil || !ok || got != want {
			t.Errorf("clock(%q) = %v, %v, %v; want %v", text, got, ok, v.err, want)
		}
	}
	var empty values
	if _, ok := empty.clock(field{"due_time", " "}); ok || empty.err != nil {
		t.Error("an empty due time is a date-only activity, not an error")
	}
	for _, bad := range []string{"25:00", "24:00", "9.30", "10h30", "10:5", "10:60", "-1:00", "1.5"} {
		var v values
		if _, ok := v.clock(field{"due_time", bad}); ok || v.err == nil {
			t.Errorf("clock(%q) was accepted", bad)
		}
	}

	durations := map[string]int64{
		"": 0, "00:30": 1800, "1:00": 3600, "01:30:15": 5415, "26:00": 93600, "0.0208333333333333": 1800,
	}
	for text, want := range durations {
		var v values
		if got := v.duration(field{"duration", text}); v.err != nil || got != want {
			t.Errorf("duration(%q) = %d, %v; want %d", text, got, v.err, want)
		}
	}
	for _, bad := range []string{"1h30", "-00:30", "30 min", "1:5"} {
		var v values
		if v.duration(field{"duration", bad}); v.err == nil {
			t.Errorf("duration(%q) was accepted", bad)
		}
	}
}

func TestDoneAndFlags(t *testing.T) {
	for text, want := range map[string]bool{
		"1": true, "0": false, "true": true, "false": false, "Done": true, "To do": false, "": false, "DONE": true,
	} {
		var v values
		if got := v.done(field{"done", text}); v.err != nil || got != want {
			t.Errorf("done(%q) = %v, %v; want %v", text, got, v.err, want)
		}
	}
	var v values
	if v.done(field{"Activity - Done", "Maybe"}); v.err == nil || v.err.Field != "Activity - Done" {
		t.Errorf("done(Maybe): %v", v.err)
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
