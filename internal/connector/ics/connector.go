// Package ics is the built-in connector for iCalendar (.ics) calendars as
// Outlook/Exchange, Google Calendar, Apple Calendar and Zimbra export them,
// and for iTIP invitations: a single .ics file, a directory of them or a
// .zip. One file is one person's calendar, its owner.
//
// Content lines are parsed by github.com/arran4/golang-ical and recurrence
// rules expanded by github.com/teambition/rrule-go. This package adds what
// neither does: line numbers for every reject (see framing.go), Windows and
// custom VTIMEZONE time zones (zones.go), the expansion of recurring events
// inside the audit period only, with RDATE, EXDATE and RECURRENCE-ID
// (recurrence.go), and whose calendar a file is and who is internal
// (owners.go, people.go).
//
// What the connector streams:
//   - one plugin.User per internal person (calendar owners and attendees of
//     the company's domains): ID and Email are the lower-cased e-mail, Name
//     the CN. No manager: the hierarchy comes from the CRM the calendars are
//     combined with, matched by e-mail.
//   - one plugin.Activity per occurrence inside the audit period, owned by
//     the file's owner: ID "UID/START/OWNER" (START is the occurrence's
//     original start, its RECURRENCE-ID: 20260302T090000Z, or 20260302 for
//     an all-day event), so that the copies of one meeting in several
//     people's calendars share the prefix "UID/START".
//
// Rows, for the host's accounting, are counted per file: every occurrence
// inside the audit period, every VEVENT that yields none (rejected, or
// skipped as cancelled, declined, outside the period, superseded), every
// VTODO, VJOURNAL or VFREEBUSY (skipped), and every person whose user
// record the file carries (the first file that names them).
package ics

import (
	"fmt"
	"time"
	// Time zone names must resolve on any machine, Windows included, where
	// Go finds no zoneinfo of the system's.
	_ "time/tzdata"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options.
const (
	optionFrom     = "from"
	optionTo       = "to"
	optionTimezone = "timezone"
	optionDomains  = "domains"
	optionOwners   = "owners"
)

// mappingFileName is the owners mapping the connector looks for in a
// directory or archive when the owners option is not given.
const mappingFileName = "calendars.csv"

// New returns the iCalendar connector.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "ics", Version: "1.0.0",
		Description: "iCalendar (.ics) calendars from Outlook/Exchange, Google, Apple and Zimbra, and iTIP " +
			"invitations: one file per person; recurring meetings expanded inside the audit period; " +
			"users are the calendar owners and attendees of the company's domains.",
		Kinds:        []plugin.RecordKind{plugin.KindUser, plugin.KindActivity},
		FilePatterns: append(append([]string(nil), calendarPatterns...), mappingFileName), AcceptsDirectory: true, AcceptsArchive: true},
		Options: readOptions(&options{}), CheckExport: check, ReadExport: readCalendars}
}

// options are the parsed Read options.
type options struct {
	from, to time.Time // whole UTC days; to is exclusive; zero when not given
	floating *time.Location
	domains  []string
	owners   string
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	return plugin.Options{
		{Name: optionFrom, Help: "first day of the audit period, YYYY-MM-DD (UTC); recurring events are expanded inside the period only " +
			"(default: audit and ingest pass --from, else the days the other exports' activities span; " +
			"else the span of the non-recurring events, or one year from the first recurring one)",
			Set: func(v string) (err error) { opts.from, err = parseDay(v); return err }},
		{Name: optionTo, Help: "last day of the audit period, YYYY-MM-DD (UTC), inclusive (default: one year after from, or see from)",
			Set: func(v string) (err error) {
				opts.to, err = parseDay(v)
				opts.to = opts.to.AddDate(0, 0, 1) // inclusive day, exclusive bound
				return err
			}},
		{Name: optionTimezone, Help: "IANA time zone for floating times and all-day dates, e.g. Europe/Madrid (default: the calendar's X-WR-TIMEZONE, else UTC)",
			Set: func(v string) (err error) { opts.floating, err = loadIANA(v); return err }},
		{Name: optionDomains, Help: "the company's e-mail domains, comma-separated, e.g. acme.com,acme.de: attendees of other domains are external " +
			"(default: the domains of the calendar owners)",
			Set: func(v string) (err error) { opts.domains, err = calendars.ParseDomains(v); return err }},
		{Name: optionOwners, Help: "CSV file with columns file,email[,name] naming each calendar file's owner " +
			"(default: calendars.csv in the directory or archive, else inferred from each file)",
			Set: func(v string) error { opts.owners = v; return nil }},
	}
}

func parseOptions(raw map[string]string) (options, error) {
	var opts options
	if err := readOptions(&opts).Parse("the iCalendar connector", raw); err != nil {
		return options{}, err
	}
	if !opts.from.IsZero() && !opts.to.IsZero() && !opts.from.Before(opts.to) {
		return options{}, fmt.Errorf("option %s (%s) is after option %s", optionFrom, opts.from.Format(time.DateOnly), optionTo)
	}
	return opts, nil
}

func parseDay(value string) (time.Time, error) {
	day, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", value)
	}
	return day, nil
}
