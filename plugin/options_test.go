package plugin

import (
	"errors"
	"strings"
	"testing"
)

func TestOptionsParseSetsAndRefuses(t *testing.T) {
	var tier, zone string
	opts := Options{
		{Name: "tier", Help: "the tier field", Set: func(v string) error { tier = v; return nil }},
		{Name: "zone", Help: "a time zone", Set: func(v string) error {
			if v == "Atlantis" {
				return errors.New("no such zone")
			}
			zone = v
			return nil
		}},
	}
	if err := opts.Parse("the test connector", map[string]string{"tier": " Rating ", "zone": "UTC"}); err != nil || tier != "Rating" || zone != "UTC" {
		t.Fatalf("err %v, tier %q, zone %q", err, tier, zone)
	}
	err := opts.Parse("the test connector", map[string]string{"teir": "x", "managers": "y"})
	if err == nil || !strings.Contains(err.Error(), "unknown option managers, teir (the test connector knows tier and zone)") {
		t.Errorf("unknown options: %v", err)
	}
	if err := opts.Parse("the test connector", map[string]string{"zone": "Atlantis"}); err == nil || !strings.HasPrefix(err.Error(), "option zone: ") {
		t.Errorf("a bad value: %v", err)
	}
	if help := opts.Help(); len(help) != 2 || help["zone"] != "a time zone" {
		t.Errorf("help %v", help)
	}
}
