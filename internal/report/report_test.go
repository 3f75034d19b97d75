package report

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/audit"
)

func TestWrapKeepsLinesWithinTheWidth(t *testing.T) {
	text := strings.Repeat("word ", 50) + "a-very-long-unbreakable-token-" + strings.Repeat("x", 120)
	for _, line := range strings.Split(wrap(text, 40), "\n") {
		if n := len([]rune(line)); n > 40 && strings.Contains(line, " ") {
			t.Errorf("line of %d runes: %q", n, line)
		}
	}
	if got := strings.Join(strings.Fields(wrap(text, 40)), " "); got != strings.Join(strings.Fields(text), " ") {
		t.Error("wrapping changed the words")
	}
}

func TestMetricsReadWithTheirUnits(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	cases := []struct {
		f    audit.Finding
		want string
	}{
		{audit.Finding{Unit: "%", Metric: v(32.349)}, "32.3 %"},
		{audit.Finding{Unit: "points", Metric: v(74.59)}, "74.6 points"},
		{audit.Finding{Unit: "ratio", Metric: v(1.534)}, "1.53"},
		{audit.Finding{Unit: "ratio"}, "no coaching to compare with"},
		{audit.Finding{Unit: "weeks", Metric: v(1)}, "1 week"},
		{audit.Finding{Unit: "reps", Metric: v(4)}, "4 reps"},
		{audit.Finding{Unit: "accounts", Metric: v(1)}, "1 account"},
		{audit.Finding{Unit: "%"}, "n/a"},
	}
	for _, c := range cases {
		if got := metric(c.f); got != c.want {
			t.Errorf("metric(%s %v) = %q, want %q", c.f.Unit, c.f.Metric, got, c.want)
		}
	}
}

func TestNumbersDropNoiseDigits(t *testing.T) {
	for in, want := range map[float64]string{2: "2", 2.04: "2", 2.25: "2.3", -0.01: "0", 1234.5: "1234.5"} {
		if got := number(in, 1); got != want {
			t.Errorf("number(%v) = %q, want %q", in, got, want)
		}
	}
}
