package gcal

import (
	"encoding/json"
	"strings"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// calendarPage is what a saved page holds: events of one calendar.
type calendarPage struct {
	// owner is the calendar's owner's address, lower-cased; "" when the
	// page does not say.
	owner string
	// zone is the calendar's timeZone, for a dateTime without offset.
	zone string
}

// RecordKind and Rank make a calendarPage an apipages.Collection, Owner a
// calendars.Calendar.
func (calendarPage) RecordKind() plugin.RecordKind { return plugin.KindActivity }
func (calendarPage) Rank() int                     { return 0 }
func (p calendarPage) Owner() string               { return p.owner }

// Confidence in an export: a page that says it is "calendar#events" is as
// clear as a saved response gets; one known by its events' members (a
// tool that sorted the page's keys, putting items before kind) leaves
// room for a lookalike.
const (
	confidenceByKind  = 90
	confidenceByShape = 80
)

var (
	recordKeys   = []string{"items"}
	filePatterns = []string{"*.json"}
)

var pages = apipages.Pages[calendarPage]{
	What: "Google Calendar API pages", Response: "Google Calendar API events.list response",
	Keys: recordKeys, Patterns: filePatterns,
	NotAnExport: "the Google Calendar connector reads a directory (or .zip) of saved events.list pages",
	NoPages:     "no Google Calendar API events.list pages ({\"kind\": \"calendar#events\", \"items\": [events…]})",
	// Every page holds activities, so NoPeople is never said.
	NoPeople: "no calendar events",
	Find:     findPages,
	Weights: map[int]int{apipages.ByName: -1, apipages.ByMembers: confidenceByShape,
		apipages.ByNameAndMembers: confidenceByShape, apipages.ByHead: confidenceByKind},
	// Pages are saved as events.json, events-2.json.
	Continued: nextPageToken, PageSuffix: "-%d",
}

// nextPageToken says whether a page says more events follow it: Google
// writes a nextPageToken on every page of a listing but the last, which
// has a nextSyncToken instead.
func nextPageToken(members map[string]json.RawMessage) string {
	if apipages.Text(members["nextPageToken"]) == "" {
		return ""
	}
	return "it has a nextPageToken: the same events.list request with pageToken set to it returns them"
}

var recognizer = apipages.Recognizer[calendarPage]{Keys: recordKeys, Fits: isEvent,
	// Pages are known by what they hold, whatever a script named them.
	Named: func(string) (calendarPage, bool) { return calendarPage{}, false },
	ByMembers: func(members map[string]bool) (calendarPage, bool) {
		return calendarPage{}, isEvent(calendarPage{}, members)
	},
	ByHead: pageFromHead}

// findPages lists the pages of src, each with its calendar's owner.
var findPages = calendars.Find(recognizer, func(p calendarPage, owner string) calendarPage {
	p.owner = owner
	return p
})

// isEvent tells a Google event by its id beside its start (or, for a
// cancelled occurrence, which Google lists with little more, its
// originalStartTime), and Google's htmlLink or recurringEventId: Graph's
// events have webLink instead.
func isEvent(_ calendarPage, members map[string]bool) bool {
	return members["id"] && (members["start"] || members["originalstarttime"]) &&
		(members["htmllink"] || members["recurringeventid"])
}

// pageFromHead knows a page by its kind, and its owner by its summary
// when that is an address.
func pageFromHead(members map[string]json.RawMessage) (calendarPage, bool) {
	if apipages.Text(members["kind"]) != "calendar#events" {
		return calendarPage{}, false
	}
	page := calendarPage{zone: apipages.Text(members["timeZone"])}
	if summary := strings.TrimSpace(apipages.Text(members["summary"])); calendars.IsAddress(summary) {
		page.owner = strings.ToLower(summary)
	}
	return page, true
}
