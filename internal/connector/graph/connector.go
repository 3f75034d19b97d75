// Package graph is the built-in connector for Microsoft 365 / Exchange
// Online calendars read through Microsoft Graph: responses of
// GET /users/{id}/calendarView?startDateTime=…&endDateTime=… (or
// /users/{id}/events, /users/{id}/calendar/events) saved as JSON files, one
// per page ({"@odata.context": "…", "value": [event…], "@odata.nextLink":
// "…"}), in a directory or a .zip. A page with an @odata.nextLink must be
// followed by the next page (calendarView.json, calendarView-2.json…), or
// the Read is refused naming it (apipages.Pages.Continued).
//
// Whose calendar a page is: the mailbox named in the page's
// @odata.context (…$metadata#users('anna.berg%40acme.com')/calendarView,
// as Graph answers a request made with the address) when it names one by
// address, else the address the file is saved under
// (anna.berg@acme.com_calendarView-2.json, or a folder of a .zip named so,
// calendars.MailboxOf), else the export's own directory or archive when so
// named. Events of a page whose owner none of these give are rejected,
// naming what to do.
//
// What the connector streams:
//   - one plugin.Activity per event of a mailbox: ID the event's Graph id,
//     owned by the mailbox, times in UTC from start/end {dateTime,
//     timeZone} (IANA or Windows zone names, value.Zone). All-day events
//     are kind event with no duration, on their dates at midnight UTC.
//   - one plugin.User per internal person (mailbox owners, attendees of the
//     company's domains), in a file of their own (calendars.UsersFile).
//
// What does not count as the owner's time, skipped with the reason: a
// cancelled event (isCancelled), one the owner declined
// (responseStatus.response), one shown as free (showAs "free": the owner
// said the time is available), a copy of an event already read (same id).
// A seriesMaster (an /events page lists a recurring series once, with its
// pattern) is skipped when the mailbox also has a calendarView page, which
// lists its occurrences; otherwise it is rejected, saying to save the
// calendarView: the connector does not expand Graph's recurrence patterns
// itself, as calendarView does it with the mailbox's own exceptions.
//
// Private events (sensitivity "private" or "confidential") count as time
// with Private set: the connector reads neither their subject, location
// nor attendees, and a reject of one shows only its id, type, times and
// sensitivity.
package graph

import (
	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
)

// New returns the Microsoft Graph calendars connector.
func New() plugin.Connector {
	return calendars.Connector(plugin.Info{Name: "graph", Version: "1.0.0",
		Description: "Microsoft 365 / Exchange calendars as Microsoft Graph calendarView or events pages saved as JSON, " +
			"one file or archive folder per mailbox (a directory or .zip): users are the mailbox owners and attendees of the company's domains."},
		"the Microsoft Graph connector", pages, startRun)
}
