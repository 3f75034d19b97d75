// Package gcal is the built-in connector for Google Workspace calendars
// read through the Google Calendar API: responses of events.list
// (GET /calendars/{calendarId}/events?singleEvents=true&timeMin=…&timeMax=…)
// saved as JSON files, one per page ({"kind": "calendar#events",
// "summary": "<calendar name>", "timeZone": "…", "items": [event…],
// "nextPageToken": "…"}), in a directory or a .zip. A page with a
// nextPageToken must be followed by the next page (events.json,
// events-2.json…), or the Read is refused naming it
// (apipages.Pages.Continued).
//
// Whose calendar a page is: its summary when that is an e-mail address
// (a primary calendar is named after its owner), else the address its
// file is saved under (anna@acme.com_events-2.json, or a folder of an
// archive named so), else, event by event, the attendee, organizer or
// creator marked "self". An event whose owner none of these give is
// rejected, naming what to do.
//
// What the connector streams:
//   - one plugin.Activity per event: ID "<event id>/<owner>" (Google gives
//     the copies of one meeting in several calendars the same id), times
//     in UTC from start/end dateTime (RFC 3339 with its offset; a time
//     without one is taken in start.timeZone, else the calendar's
//     timeZone, IANA names). All-day events (start.date) are kind event
//     with no duration, on their dates at midnight UTC.
//   - one plugin.User per internal person (calendar owners, attendees of
//     the company's domains), in a file of their own (calendars.UsersFile).
//
// What does not count as the owner's time, skipped with the reason: a
// cancelled event (status cancelled, as singleEvents lists a deleted
// occurrence), one the owner declined (the responseStatus of the attendee
// with the owner's address; that of the attendee marked "self" only when
// the page does not say whose calendar it is, as self is whoever saved
// the pages, not always the owner), one shown as free (transparency "transparent"), a
// working location (eventType workingLocation: where someone works, not
// an event) or birthday, and a copy of an event already read.
// Out-of-office and focus-time events count, flagged so in RawType
// (out-of-office, focus-time), as Outlook's are by the graph and ics
// connectors.
//
// A recurring series saved without singleEvents=true is one event with a
// recurrence array (RRULE…) and no occurrences: each such series is
// rejected, naming the field and how to save the calendar again, since
// Google's own expansion (with its exceptions and deleted occurrences) is
// what singleEvents returns and a second one here could only disagree.
//
// Private events (visibility "private" or "confidential") count as time
// with Private set: the connector reads neither their summary, location
// nor attendees, and a reject of one shows only its id, status and times.
package gcal

import (
	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
)

// New returns the Google Calendar connector.
func New() plugin.Connector {
	return calendars.Connector(plugin.Info{Name: "gcal", Version: "1.0.0",
		Description: "Google Workspace calendars as Google Calendar API events.list pages saved as JSON (singleEvents=true), " +
			"one or more per calendar (a directory or .zip): users are the calendar owners and attendees of the company's domains."},
		"the Google Calendar connector", pages, startRun)
}
