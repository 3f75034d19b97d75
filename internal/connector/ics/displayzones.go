package ics

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/value"
)

// Outlook and Exchange sometimes write a time zone's display name as the
// TZID instead of its Windows ID, and often without a VTIMEZONE:
//
//	(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna   Windows 7 and later
//	(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna   Windows XP
//	(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien      a German Windows
//	Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna               Exchange 2003 (CDO)
//	(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna  Zimbra
//
// Such a name is read by the places it lists: each place of Windows'
// English display names below belongs to one Windows zone, which
// value.WindowsZone maps to an IANA zone. Places the table does not know (Rom,
// Wien) are passed over, but the known ones must all name the same zone,
// and a stated UTC offset must be that zone's standard offset: a name that
// contradicts itself is refused rather than read as a guess.

// windowsDisplayPlaces are the places of Windows' English display names,
// by Windows zone ID ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris" is
// Romance Standard Time), as tzutil /l lists them. Zones whose display
// name says nothing but the offset are left out.
var windowsDisplayPlaces = map[string]string{
	"Dateline Standard Time":          "International Date Line West",
	"Hawaiian Standard Time":          "Hawaii",
	"Alaskan Standard Time":           "Alaska",
	"Pacific Standard Time":           "Pacific Time (US & Canada); Pacific Time; Tijuana",
	"US Mountain Standard Time":       "Arizona",
	"Mountain Standard Time":          "Mountain Time (US & Canada); Mountain Time",
	"Central America Standard Time":   "Central America",
	"Central Standard Time":           "Central Time (US & Canada); Central Time",
	"Central Standard Time (Mexico)":  "Guadalajara, Mexico City, Monterrey",
	"Canada Central Standard Time":    "Saskatchewan",
	"SA Pacific Standard Time":        "Bogota, Lima, Quito, Rio Branco",
	"Eastern Standard Time":           "Eastern Time (US & Canada); Eastern Time",
	"US Eastern Standard Time":        "Indiana (East)",
	"Atlantic Standard Time":          "Atlantic Time (Canada); Atlantic Time",
	"SA Western Standard Time":        "Georgetown, La Paz, Manaus, San Juan",
	"Pacific SA Standard Time":        "Santiago",
	"Newfoundland Standard Time":      "Newfoundland",
	"E. South America Standard Time":  "Brasilia",
	"Argentina Standard Time":         "City of Buenos Aires, Buenos Aires",
	"GMT Standard Time":               "Dublin, Edinburgh, Lisbon, London",
	"Greenwich Standard Time":         "Monrovia, Reykjavik",
	"Morocco Standard Time":           "Casablanca",
	"W. Europe Standard Time":         "Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
	"Central Europe Standard Time":    "Belgrade, Bratislava, Budapest, Ljubljana, Prague",
	"Romance Standard Time":           "Brussels, Copenhagen, Madrid, Paris",
	"Central European Standard Time":  "Sarajevo, Skopje, Warsaw, Zagreb",
	"W. Central Africa Standard Time": "West Central Africa",
	"GTB Standard Time":               "Athens, Bucharest",
	"Egypt Standard Time":             "Cairo",
	"South Africa Standard Time":      "Harare, Pretoria",
	"FLE Standard Time":               "Helsinki, Kyiv, Kiev, Riga, Sofia, Tallinn, Vilnius",
	"Israel Standard Time":            "Jerusalem",
	"Turkey Standard Time":            "Istanbul",
	"Arab Standard Time":              "Kuwait, Riyadh",
	"Russian Standard Time":           "Moscow, St. Petersburg",
	"E. Africa Standard Time":         "Nairobi",
	"Iran Standard Time":              "Tehran",
	"Arabian Standard Time":           "Abu Dhabi, Muscat",
	"Pakistan Standard Time":          "Islamabad, Karachi",
	"India Standard Time":             "Chennai, Kolkata, Mumbai, New Delhi",
	"Nepal Standard Time":             "Kathmandu",
	"SE Asia Standard Time":           "Bangkok, Hanoi, Jakarta",
	"China Standard Time":             "Beijing, Chongqing, Hong Kong, Urumqi",
	"Singapore Standard Time":         "Kuala Lumpur, Singapore",
	"W. Australia Standard Time":      "Perth",
	"Taipei Standard Time":            "Taipei",
	"Tokyo Standard Time":             "Osaka, Sapporo, Tokyo",
	"Korea Standard Time":             "Seoul",
	"Cen. Australia Standard Time":    "Adelaide",
	"AUS Central Standard Time":       "Darwin",
	"E. Australia Standard Time":      "Brisbane",
	"AUS Eastern Standard Time":       "Canberra, Melbourne, Sydney",
	"Tasmania Standard Time":          "Hobart",
	"New Zealand Standard Time":       "Auckland, Wellington",
}

// displayNameAliases are whole names, seen in Outlook and Exchange
// exports, that list no place the table knows, by Windows zone ID.
var displayNameAliases = map[string]string{
	"western/central europe":           "W. Europe Standard Time",
	"coordinated universal time":       "UTC",
	"(utc) coordinated universal time": "UTC",
	"universal coordinated time":       "UTC",
}

// windowsZoneByPlace is windowsDisplayPlaces turned around: Windows zone
// ID by lower-cased place.
var windowsZoneByPlace = func() map[string]string {
	m := map[string]string{}
	for id, places := range windowsDisplayPlaces {
		for _, place := range splitPlaces(places) {
			m[place] = id
		}
	}
	return m
}()

// displayOffset is the "(UTC+01:00)" or "(GMT+01.00)" a display name
// begins with; "(UTC)" and "(GMT)" are UTC+00:00.
var displayOffset = regexp.MustCompile(`^\(\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?:[:.](\d{2}))?)?\s*\)`)

// splitPlaces cuts a list of places at commas, slashes, semicolons and
// colons, lower-cased and trimmed.
func splitPlaces(list string) []string {
	var out []string
	for _, place := range strings.FieldsFunc(list, func(r rune) bool { return strings.ContainsRune(",/;:", r) }) {
		if place = strings.ToLower(strings.Join(strings.Fields(place), " ")); place != "" {
			out = append(out, place)
		}
	}
	return out
}

// displayNameZone reads an Outlook display name: the IANA zone, or why
// the name cannot be trusted (problem), or neither when it is not a
// display name the table knows.
func displayNameZone(tzid string) (iana, problem string) {
	if id, ok := displayNameAliases[strings.ToLower(strings.Join(strings.Fields(tzid), " "))]; ok {
		return windowsOrUTC(id), ""
	}
	offsetText, offset, hasOffset := "", 0, false
	rest := tzid
	if m := displayOffset.FindStringSubmatch(tzid); m != nil {
		offsetText, rest, hasOffset = m[0], tzid[len(m[0]):], true
		offset = offsetSeconds(m[1], m[2], m[3])
	}
	id, problem := windowsZoneOfPlaces(splitPlaces(rest))
	if id == "" {
		return "", problem
	}
	iana = windowsOrUTC(id)
	if hasOffset {
		if std, ok := standardOffset(iana); !ok || std != offset {
			return "", fmt.Sprintf("its places are in %s (%s), whose standard offset is not %s", id, iana, offsetText)
		}
	}
	return iana, ""
}

// windowsZoneOfPlaces is the one Windows zone the known places name.
func windowsZoneOfPlaces(places []string) (id, problem string) {
	for _, place := range places {
		found, ok := windowsZoneByPlace[place]
		switch {
		case !ok:
		case id == "":
			id = found
		case found != id:
			return "", fmt.Sprintf("its places belong to different zones (%s, %s)", id, found)
		}
	}
	return id, ""
}

func windowsOrUTC(id string) string {
	if id == "UTC" {
		return "UTC"
	}
	iana, _ := value.WindowsZone(id)
	return iana
}

func offsetSeconds(sign, hours, minutes string) int {
	h, _ := strconv.Atoi(hours)
	m, _ := strconv.Atoi(minutes)
	seconds := h*3600 + m*60
	if sign == "-" {
		return -seconds
	}
	return seconds
}

// standardOffset is a zone's offset outside summer time: the smaller of
// its January and July offsets (summer is in January south of the
// equator). 2025 stands for the present rules.
func standardOffset(iana string) (int, bool) {
	loc, err := loadIANA(iana)
	if err != nil {
		return 0, false
	}
	_, january := time.Date(2025, time.January, 1, 12, 0, 0, 0, loc).Zone()
	_, july := time.Date(2025, time.July, 1, 12, 0, 0, 0, loc).Zone()
	return min(january, july), true
}
