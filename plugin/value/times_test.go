package value

import (
	"strings"
	"testing"
	"time"
)

func utcDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDateTimeAndDate(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	for _, tt := range []struct {
		s    string
		zone *time.Location
		want time.Time
	}{
		{"2024-12-05 11:02:00", time.UTC, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
		{"2024-12-05 11:02", time.UTC, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
		{"2024-12-05", time.UTC, utcDate(2024, 12, 5)},
		{"2024-12-05 12:02:00", paris, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
		{"2024-12-05T12:02:00+01:00", time.UTC, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
		{"2024-12-05T11:02:00.000Z", paris, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
	} {
		got, ok := DateTime(tt.s, tt.zone)
		if !ok || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("DateTime(%q) = %v, %v; want %v UTC", tt.s, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "2024-13-45", "31/12/2024", "2024-12-05 25:00:00", "2024-12-05T11:02:00", "45631"} {
		if got, ok := DateTime(bad, time.UTC); ok {
			t.Errorf("DateTime(%q) = %v, want it refused", bad, got)
		}
	}
	for s, want := range map[string]time.Time{"2024-12-05": utcDate(2024, 12, 5), "2024-12-05 00:00:00": utcDate(2024, 12, 5)} {
		if got, ok := Date(s); !ok || !got.Equal(want) {
			t.Errorf("Date(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, bad := range []string{"2024-12-05 10:30", "2024-12-05T00:00:00+01:00", "05.12.2024"} {
		if got, ok := Date(bad); ok {
			t.Errorf("Date(%q) = %v, want it refused", bad, got)
		}
	}
}

func TestClockAndDayFraction(t *testing.T) {
	const h, m, sec = time.Hour, time.Minute, time.Second
	clocks := []want[time.Duration]{
		{"10:30", 10*h + 30*m, true}, {"9:30", 9*h + 30*m, true}, {"00:00", 0, true}, {"23:59:59", 24*h - sec, true},
		{"26:00", 26 * h, true}, {"01:30:15", 5415 * sec, true},
		{"", 0, false}, {"9.30", 0, false}, {"10h30", 0, false}, {"10:5", 0, false}, {"10:60", 0, false},
		{"-1:00", 0, false}, {"1:00:00:00", 0, false}, {"12345:00", 0, false},
	}
	for _, c := range clocks {
		if v, ok := Clock(c.in); v != c.v || ok != c.ok {
			t.Errorf("Clock(%q) = %v, %v; want %v, %v", c.in, v, ok, c.v, c.ok)
		}
	}
	fractions := []want[time.Duration]{
		{"0.4375", 10*h + 30*m, true}, {"0.0208333333333333", 30 * m, true}, {"1", 24 * h, true}, {"1.5", 36 * h, true},
		{"", 0, false}, {"-0.5", 0, false}, {".5", 0, false}, {"1.", 0, false}, {"1e2", 0, false},
		{"200000", 0, false}, {"10:30", 0, false},
	}
	for _, c := range fractions {
		if v, ok := DayFraction(c.in); v != c.v || ok != c.ok {
			t.Errorf("DayFraction(%q) = %v, %v; want %v, %v", c.in, v, ok, c.v, c.ok)
		}
	}
}

func TestSerialTime(t *testing.T) {
	tests := []struct {
		serial float64
		want   time.Time
	}{
		{1, utcDate(1900, 1, 1)},
		{59, utcDate(1900, 2, 28)},
		// Serial 60 is the 29 February 1900 that Excel invents; the
		// day after it is 1 March.
		{61, utcDate(1900, 3, 1)},
		{44927, utcDate(2023, 1, 1)},
		{45631, utcDate(2024, 12, 5)},
		{45631.4375, time.Date(2024, 12, 5, 10, 30, 0, 0, time.UTC)},
		// Fifteen significant digits, as a spreadsheet writes 11:02.
		{45631.4597222222, time.Date(2024, 12, 5, 11, 2, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := SerialTime(tt.serial)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("SerialTime(%v) = %v, %v; want %v", tt.serial, got, err, tt.want)
		}
	}
	for _, bad := range []float64{0, 0.5, 60, 60.25, -3} {
		if got, err := SerialTime(bad); err == nil {
			t.Errorf("SerialTime(%v) = %v, want an error", bad, got)
		}
	}
}

func TestSerialDate(t *testing.T) {
	for s, want := range map[string]time.Time{"45631": utcDate(2024, 12, 5), "45631.0": utcDate(2024, 12, 5),
		"45631.4375": time.Date(2024, 12, 5, 10, 30, 0, 0, time.UTC)} {
		if got, serial, err := SerialDate(s); !serial || err != nil || !got.Equal(want) {
			t.Errorf("SerialDate(%q) = %v, %v, %v; want %v", s, got, serial, err, want)
		}
	}
	for _, notSerial := range []string{"", "2024-12-05", "-45631", "45631,5", "x"} {
		if _, serial, err := SerialDate(notSerial); serial || err != nil {
			t.Errorf("SerialDate(%q) took it for a serial (%v)", notSerial, err)
		}
	}
	for _, implausible := range []string{"60", "123456", "25568", "73052"} {
		if _, serial, err := SerialDate(implausible); !serial || err == nil || !strings.Contains(err.Error(), "serial date") {
			t.Errorf("SerialDate(%q): %v %v, want a serial that is no date", implausible, serial, err)
		}
	}
}

// Go's zero time is what the records take for "not given": a value that
// parses to it is refused, so that the row is rejected for that value
// rather than for one missing.
func TestTheZeroTimeIsRefusedNotTakenForEmpty(t *testing.T) {
	for _, s := range []string{"0001-01-01 00:00:00", "0001-01-01", "0001-01-01T00:00:00Z", "0001-01-01T01:00:00+01:00"} {
		if got, ok := DateTime(s, time.UTC); ok {
			t.Errorf("DateTime(%q) = %v, want it refused", s, got)
		}
		if got, ok := Date(s); ok {
			t.Errorf("Date(%q) = %v, want it refused", s, got)
		}
	}
	if got, ok := DateTime("0001-01-01 00:00:01", time.UTC); !ok || got.IsZero() {
		t.Errorf("a second later is a time: %v, %v", got, ok)
	}
}
