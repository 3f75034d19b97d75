package value

import (
	"testing"
	"time"
)

// A value read and what it should read as; ok false for a refusal.
type want[T any] struct {
	in string
	v  T
	ok bool
}

func TestNumber(t *testing.T) {
	cases := []want[float64]{
		{"125000", 125000, true}, {"49.5", 49.5, true}, {"-3e2", -300, true},
		{"", 0, false}, {"1,250", 0, false}, {"€ 12", 0, false}, {"12 EUR", 0, false},
		{"NaN", 0, false}, {"Inf", 0, false}, {"-inf", 0, false},
		{"0x1p4", 0, false}, {"0x10", 0, false}, {"0b101", 0, false}, {"1_000", 0, false},
	}
	for _, c := range cases {
		if v, ok := Number(c.in); v != c.v || ok != c.ok {
			t.Errorf("Number(%q) = %v, %v; want %v, %v", c.in, v, ok, c.v, c.ok)
		}
	}
}

func TestTimestamp(t *testing.T) {
	at := time.Date(2026, 1, 12, 8, 30, 0, 0, time.UTC)
	cases := []want[time.Time]{
		{"2026-01-12T08:30:00Z", at, true}, {"2026-01-12T08:30:00.000Z", at, true},
		{"2026-01-12T09:30:00+01:00", at, true}, {"2026-01-12T08:30:00+0000", at, true},
		{"", time.Time{}, false}, {"2026-01-12", time.Time{}, false}, {"2026-01-12T08:30:00", time.Time{}, false},
		{"2026-01-12 08:30:00Z", time.Time{}, false}, {"2026-01-12T08:30Z", time.Time{}, false},
	}
	for _, c := range cases {
		// == on time.Time also says the location is UTC.
		if v, ok := Timestamp(c.in); v != c.v || ok != c.ok {
			t.Errorf("Timestamp(%q) = %v, %v; want %v, %v", c.in, v, ok, c.v, c.ok)
		}
	}
}
