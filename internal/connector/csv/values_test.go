package csv

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
)

func TestNumbers(t *testing.T) {
	cases := []struct {
		in      string
		decimal byte
		want    float64
		ok      bool
	}{
		{"1250000", '.', 1250000, true},
		{"1,250,000.50", '.', 1250000.5, true},
		{"1.250.000,50", ',', 1250000.5, true},
		{"45.000,00", ',', 45000, true},
		{"€ 12.500", ',', 12500, true},
		{"12 500 EUR", ',', 12500, true},
		{"$1,250,000", '.', 1250000, true},
		{"12\u00a0500,75", ',', 12500.75, true},
		{"1'250'000.00", '.', 1250000, true},
		{"-3,5", ',', -3.5, true},
		{"0,5", ',', 0.5, true},
		{"1.5E+06", '.', 1.5e6, true},
		// A separator in the wrong place is not guessed at.
		{"1,5", '.', 0, false},
		{"1.5", ',', 0, false},
		{"1.25,0", ',', 0, false},
		{"12,34,567", '.', 0, false},
		{"abc12", '.', 0, false},
		{"lots", '.', 0, false},
		{"NaN", '.', 0, false},
		{"Inf", '.', 0, false},
		{"0x1p4", '.', 0, false},
		{"", '.', 0, false},
	}
	for _, c := range cases {
		got, err := parseNumber(c.in, c.decimal)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseNumber(%q, %q) = %v, %v; want %v (ok %v)", c.in, c.decimal, got, err, c.want, c.ok)
		}
	}
}

func TestDurations(t *testing.T) {
	cases := []struct {
		format durationFormat
		in     string
		want   int64
		ok     bool
	}{
		{durationInSeconds, "95", 95, true},
		{durationInMinutes, "30", 1800, true},
		{durationInMinutes, "1,5", 90, true}, // the decimal separator is ","
		{durationInHours, "1,25", 4500, true},
		{durationHHMM, "1:30", 5400, true},
		{durationHHMM, "01:30", 5400, true},
		{durationHHMM, "0:45", 2700, true},
		{durationHHMM, "1:30:15", 5415, true}, // a cell formatted as a time adds seconds
		{durationHHMM, "27:00", 97200, true},
		{durationHHMMSS, "00:02:30", 150, true},
		{durationMMSS, "12:30", 750, true},
		{durationMMSS, "95:00", 5700, true},
		{durationHHMM, "1:75", 0, false},
		{durationHHMM, "90", 0, false},
		{durationHHMM, "1:-5", 0, false},
		{durationHHMMSS, "1:30", 0, false},
		{durationMMSS, "1:02:03", 0, false},
		{durationMMSS, "12:60", 0, false},
		{durationInMinutes, "-5", 0, false},
		{durationInMinutes, "ten", 0, false},
	}
	for _, c := range cases {
		got, err := c.format.seconds(c.in, ',')
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%s.seconds(%q) = %v, %v; want %v (ok %v)", c.format, c.in, got, err, c.want, c.ok)
		}
	}
	if f, err := parseDurationFormat("hh:mm"); err != nil || f != durationHHMM {
		t.Errorf("duration formats are read ignoring case: %v, %v", f, err)
	}
}

func TestBooleans(t *testing.T) {
	for _, v := range []string{"Ja", "JA", " ja ", "yes", "Y", "1", "x", "oui", "Sí", "sim", "true", "TRUE"} {
		if b, err := defaultBooleans.parse(v); err != nil || !b {
			t.Errorf("%q = %v, %v; want true", v, b, err)
		}
	}
	for _, v := range []string{"Nee", "nein", "N", "0", "non", "não", "false"} {
		if b, err := defaultBooleans.parse(v); err != nil || b {
			t.Errorf("%q = %v, %v; want false", v, b, err)
		}
	}
	custom := booleanWords{yes: []string{"Aktiv"}, no: []string{"Inaktiv"}}
	if _, err := custom.parse("ja"); err == nil || !strings.Contains(err.Error(), "neither true (Aktiv) nor false (Inaktiv)") {
		t.Errorf("a mapping's words replace the defaults: %v", err)
	}
	if b, err := custom.parse("true"); err != nil || !b {
		t.Error("true and false are always understood")
	}
}

func TestValueMaps(t *testing.T) {
	yaml := minimal + `      title: {column: T, values: {Done: completed, "Phone call": call}}
      role: {column: R, values: {A: Alpha}, strict: true}
      email: {column: E, values: {none: ""}, otherwise: unknown@example.com, default: nobody@example.com}
`
	m, err := parseMapping("m.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	fields := m.files[0].fields
	cases := []struct {
		field, cell, want string
		ok                bool
	}{
		{"title", "Done", "completed", true},
		{"title", " DONE ", "completed", true},
		{"title", "phone CALL", "call", true},
		{"title", "Something else", "Something else", true}, // not strict: kept as written
		{"title", "", "", true},
		{"role", "a", "Alpha", true},
		{"role", "B", "", false}, // strict
		{"role", "", "", true},   // an empty cell is not checked against the map
		{"email", "x@example.com", "unknown@example.com", true},
		{"email", "none", "", true},
		{"email", "", "nobody@example.com", true}, // the default is the value, not a cell to look up
	}
	for _, c := range cases {
		got, err := fields[c.field].resolveText(c.cell)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%s %q = %q, %v; want %q (ok %v)", c.field, c.cell, got, err, c.want, c.ok)
		}
	}
	if _, err := fields["role"].resolveText("B"); err == nil || !strings.Contains(err.Error(), `"B" is not one of the values the mapping lists (A)`) {
		t.Errorf("strict error = %v", err)
	}
}

func TestActivityKindsAndPriorities(t *testing.T) {
	if k, err := parseActivityKind(" Meeting "); err != nil || k != plugin.ActivityMeeting {
		t.Errorf("kind = %v, %v", k, err)
	}
	if _, err := parseActivityKind("Telefoongesprek"); err == nil || !strings.Contains(err.Error(), "list it under values:") {
		t.Errorf("an unknown kind says how to map it: %v", err)
	}
	if p, err := parsePriority("LOW"); err != nil || p != plugin.PriorityLow {
		t.Errorf("priority = %v, %v", p, err)
	}
	if _, err := parsePriority("Urgent"); err == nil {
		t.Error("Urgent is not a priority until mapped")
	}
}
