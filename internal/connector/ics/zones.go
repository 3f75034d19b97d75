package ics

import (
	"fmt"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/salesaudit/salesaudit/plugin/value"
)

// zone converts between the wall-clock times of a time zone and instants.
// Wall times are time.Time values in UTC whose fields are the reading.
type zone interface {
	toUTC(wall time.Time) time.Time
	toWall(instant time.Time) time.Time
}

// locationZone is a zone Go knows: an IANA name, or a Windows name mapped
// to one.
type locationZone struct{ loc *time.Location }

var utcZone zone = locationZone{time.UTC}

func (z locationZone) toUTC(wall time.Time) time.Time {
	y, m, d := wall.Date()
	h, mi, s := wall.Clock()
	return time.Date(y, m, d, h, mi, s, wall.Nanosecond(), z.loc).UTC()
}

func (z locationZone) toWall(instant time.Time) time.Time {
	local := instant.In(z.loc)
	y, m, d := local.Date()
	h, mi, s := local.Clock()
	return time.Date(y, m, d, h, mi, s, local.Nanosecond(), time.UTC)
}

// loadIANA loads an IANA zone by name. "Local" and "" are refused: they
// would make the result depend on the machine the connector runs on.
func loadIANA(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "local") {
		return nil, fmt.Errorf("%q is not an IANA time zone name such as Europe/Madrid", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not an IANA time zone name such as Europe/Madrid", name)
	}
	return loc, nil
}

// zoneSet resolves the TZIDs of one file: IANA names first, then Windows
// names (Outlook, Exchange), then the file's own VTIMEZONE definitions
// (Zimbra's "(GMT+01.00) Amsterdam / Berlin…", Outlook's "Customized Time
// Zone"), then Outlook's display names ("(UTC+01:00) Amsterdam, Berlin…",
// see displayzones.go) for those the file does not define. An IANA or Windows name is trusted over the file's VTIMEZONE
// because Outlook's VTIMEZONE carries only the current year's rule, where
// the IANA database knows every past change.
type zoneSet struct {
	defined map[string]*ical.ComponentBase // VTIMEZONE by TZID
	lines   map[string]int64               // line of each VTIMEZONE
	broken  map[string]string              // TZID -> why its VTIMEZONE is unusable
	known   map[string]zone
}

func newZoneSet() *zoneSet {
	return &zoneSet{
		defined: map[string]*ical.ComponentBase{},
		lines:   map[string]int64{},
		broken:  map[string]string{},
		known:   map[string]zone{},
	}
}

// define adds a file's VTIMEZONE; the first definition of a TZID wins.
func (zs *zoneSet) define(vtimezone *ical.ComponentBase, line int64) {
	tzid := cleanTZID(props{vtimezone}.text("TZID"))
	if _, dup := zs.defined[tzid]; tzid == "" || dup {
		return
	}
	zs.defined[tzid] = vtimezone
	zs.lines[tzid] = line
}

// defineBroken remembers a VTIMEZONE the library could not read, to say so
// when an event refers to it.
func (zs *zoneSet) defineBroken(tzid, reason string) {
	if tzid = cleanTZID(tzid); tzid != "" {
		zs.broken[tzid] = reason
	}
}

func (zs *zoneSet) byTZID(raw string) (zone, error) {
	tzid := cleanTZID(raw)
	if z, ok := zs.known[tzid]; ok {
		return z, nil
	}
	z, err := zs.resolve(tzid)
	if err != nil {
		return nil, err
	}
	zs.known[tzid] = z
	return z, nil
}

func (zs *zoneSet) resolve(tzid string) (zone, error) {
	if loc, err := loadIANA(tzid); err == nil {
		return locationZone{loc}, nil
	}
	if name, ok := value.WindowsZone(tzid); ok {
		if loc, err := loadIANA(name); err == nil {
			return locationZone{loc}, nil
		}
	}
	if def, ok := zs.defined[tzid]; ok {
		z, err := newCustomZone(def)
		if err != nil {
			return nil, fmt.Errorf("the VTIMEZONE %q at line %d cannot be used: %w", tzid, zs.lines[tzid], err)
		}
		return z, nil
	}
	iana, displayProblem := displayNameZone(tzid)
	if iana != "" {
		if loc, err := loadIANA(iana); err == nil {
			return locationZone{loc}, nil
		}
	}
	if reason, ok := zs.broken[tzid]; ok {
		return nil, fmt.Errorf("the VTIMEZONE %q cannot be read: %s", tzid, reason)
	}
	// Lotus Notes, Mozilla and Citadel prefix the IANA name with a path:
	// /mozilla.org/20070129_1/Europe/Berlin.
	if loc, ok := ianaSuffix(tzid); ok {
		return locationZone{loc}, nil
	}
	if loc, ok := dashedLegacyZone(tzid); ok {
		return locationZone{loc}, nil
	}
	if displayProblem != "" {
		return nil, fmt.Errorf("time zone %q cannot be trusted: %s, and the file has no VTIMEZONE for it", tzid, displayProblem)
	}
	// An unknown zone is refused, never read as UTC or the calendar's
	// zone: that would move the event by hours without anyone knowing.
	return nil, fmt.Errorf("unknown time zone %q: not an IANA or Windows name nor an Outlook display name listing known places, "+
		"and the file has no VTIMEZONE for it", tzid)
}

func cleanTZID(tzid string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(tzid), `"`))
}

func ianaSuffix(tzid string) (*time.Location, bool) {
	parts := strings.Split(strings.Trim(tzid, "/"), "/")
	for n := 3; n >= 2; n-- {
		if len(parts) <= n {
			continue
		}
		if loc, err := loadIANA(strings.Join(parts[len(parts)-n:], "/")); err == nil {
			return loc, true
		}
	}
	return nil, false
}

// legacyAreas are the areas of the tz database's old country zones
// (backward links such as US/Eastern, Canada/Pacific).
var legacyAreas = map[string]bool{"US": true, "Canada": true, "Mexico": true, "Brazil": true, "Chile": true}

// dashedLegacyZone reads Apple iCal 1.0's TZIDs, which write the old
// country zones with a dash (US-Eastern, US-Pacific) and give no
// VTIMEZONE: US-Eastern is US/Eastern.
func dashedLegacyZone(tzid string) (*time.Location, bool) {
	area, rest, ok := strings.Cut(tzid, "-")
	if !ok || !legacyAreas[area] || rest == "" || strings.ContainsAny(rest, "/ ") {
		return nil, false
	}
	loc, err := loadIANA(area + "/" + rest)
	return loc, err == nil
}
