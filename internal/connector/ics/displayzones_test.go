package ics

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/value"
)

func TestDisplayPlacesTableIsConsistent(t *testing.T) {
	owner := map[string]string{}
	for id, places := range windowsDisplayPlaces {
		if _, ok := value.WindowsZone(id); !ok {
			t.Errorf("%s is not a Windows zone of windowsZones", id)
		}
		for _, place := range splitPlaces(places) {
			if other, dup := owner[place]; dup {
				t.Errorf("%q is listed under %s and %s: it would name either", place, other, id)
			}
			owner[place] = id
		}
	}
	for alias, id := range displayNameAliases {
		if windowsOrUTC(id) == "" {
			t.Errorf("alias %q names %s, which maps to no IANA zone", alias, id)
		}
	}
}

func TestOutlookDisplayNames(t *testing.T) {
	cases := map[string]string{
		"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":      "Europe/Berlin",
		"(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":      "Europe/Berlin",
		"(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien":         "Europe/Berlin",
		"Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":                  "Europe/Berlin",
		"(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna": "Europe/Berlin",
		"Western/Central Europe":                                            "Europe/Berlin",
		"(UTC+01:00) Brussels, Copenhagen, Madrid, Paris":                   "Europe/Paris",
		"(UTC-05:00) Eastern Time (US & Canada)":                            "America/New_York",
		"(UTC) Dublin, Edinburgh, Lisbon, London":                           "Europe/London",
		"Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London":            "Europe/London",
		"(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi":                   "Asia/Calcutta",
		"(UTC+10:00) Canberra, Melbourne, Sydney":                           "Australia/Sydney",
		"(UTC-03:30) Newfoundland":                                          "America/St_Johns",
	}
	for tzid, want := range cases {
		got, problem := displayNameZone(tzid)
		if got != want || problem != "" {
			t.Errorf("displayNameZone(%q) = %q, %q; want %s", tzid, got, problem, want)
		}
	}
}

func TestDisplayNamesThatContradictThemselvesAreRefused(t *testing.T) {
	cases := map[string]string{
		"(UTC+05:00) Amsterdam, Berlin":  "standard offset",
		"(UTC+01:00) Berlin, Tokyo":      "different zones",
		"(UTC-08:00) Brussels, Atlantis": "standard offset",
	}
	for tzid, why := range cases {
		got, problem := displayNameZone(tzid)
		if got != "" || !strings.Contains(problem, why) {
			t.Errorf("displayNameZone(%q) = %q, %q; want a refusal saying %q", tzid, got, problem, why)
		}
	}
	for _, tzid := range []string{"Atlantis Standard Time", "Customized Time Zone", "(UTC+01:00)", ""} {
		if got, problem := displayNameZone(tzid); got != "" || problem != "" {
			t.Errorf("displayNameZone(%q) = %q, %q; want it not recognised", tzid, got, problem)
		}
	}
}

func TestUnknownZoneIsRefusedNotShifted(t *testing.T) {
	for _, tzid := range []string{"Atlantis Standard Time", "(UTC+05:00) Amsterdam, Berlin"} {
		if z, err := newZoneSet().byTZID(tzid); err == nil {
			t.Errorf("TZID %q resolved to %v: an unknown zone must be refused", tzid, z)
		}
	}
}
