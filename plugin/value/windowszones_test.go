package value

import (
	"testing"
	"time"
)

func TestZoneReadsIANAAndWindowsNames(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Europe/Berlin", "Europe/Berlin"},
		{"UTC", "UTC"},
		{"W. Europe Standard Time", "Europe/Berlin"},
		{"  w. europe standard time ", "Europe/Berlin"},
		{"AUS Eastern Standard Time", "Australia/Sydney"},
		{"Aus Eastern Standard Time", "Australia/Sydney"},
		{"Pacific Standard Time", "America/Los_Angeles"},
	} {
		loc, err := Zone(tc.name)
		if err != nil || loc.String() != tc.want {
			t.Errorf("Zone(%q) = %v, %v; want %s", tc.name, loc, err, tc.want)
		}
	}
}

func TestZoneRefusesUnknownAndMachineDependentNames(t *testing.T) {
	for _, name := range []string{"", "Local", "local", "Mars Standard Time", "GMT+1 Berlin"} {
		if loc, err := Zone(name); err == nil {
			t.Errorf("Zone(%q) = %v, want an error", name, loc)
		}
	}
}

// A Windows name mapped to a zone Go's database lacks would make every
// event in that zone a reject: each must load.
func TestEveryWindowsZoneLoads(t *testing.T) {
	for windows, iana := range windowsZones {
		if _, err := time.LoadLocation(iana); err != nil {
			t.Errorf("%s maps to %s, which does not load: %v", windows, iana, err)
		}
	}
}

// A winter and a summer time in W. Europe Standard Time: the zone's
// daylight-saving rules apply, not a fixed offset.
func TestWindowsZoneKeepsDaylightSaving(t *testing.T) {
	loc, err := Zone("W. Europe Standard Time")
	if err != nil {
		t.Fatal(err)
	}
	winter := time.Date(2026, 2, 2, 9, 0, 0, 0, loc).UTC()
	summer := time.Date(2026, 4, 6, 9, 0, 0, 0, loc).UTC()
	if winter.Hour() != 8 || summer.Hour() != 7 {
		t.Errorf("09:00 Berlin is %s in February and %s in April UTC; want 08:00 and 07:00", winter, summer)
	}
}
