package graph

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"github.com/salesaudit/salesaudit/internal/connector/calendars"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// calendarPage is what a saved page holds: events of one mailbox, as a
// calendar view (recurring series expanded into occurrences) or as an
// events listing (series as their masters).
type calendarPage struct {
	// mailbox is the owner's address, lower-cased; "" when unknown.
	mailbox string
	// view: a calendarView (or instances) page, whose series are
	// expanded.
	view bool
}

// RecordKind and Rank make a calendarPage an apipages.Collection.
func (calendarPage) RecordKind() plugin.RecordKind { return plugin.KindActivity }
func (calendarPage) Rank() int                     { return 0 }

// Owner makes it a calendars.Calendar.
func (p calendarPage) Owner() string { return p.mailbox }

// Confidence in an export: a page whose @odata.context names a user's
// calendar view or events is as clear as a saved response gets; one known
// by its name and its events' members leaves room for a lookalike.
const (
	confidenceByContext = 90
	confidenceByShape   = 80
)

var (
	recordKeys   = []string{"value"}
	filePatterns = []string{"calendarView*.json", "events*.json", "*.json"}
)

var pages = apipages.Pages[calendarPage]{
	What: "Microsoft Graph calendar pages", Response: "Microsoft Graph calendarView or events response",
	Keys: recordKeys, Patterns: filePatterns,
	NotAnExport: "the Microsoft Graph connector reads a directory (or .zip) of saved calendarView or events pages, " +
		"one folder per mailbox",
	NoPages: "no Microsoft Graph calendar pages ({\"@odata.context\": \"…/calendarView\", \"value\": [events…]})",
	// Every page holds activities, so NoPeople is never said.
	NoPeople: "no calendar events",
	Find:     findPages,
	Weights: map[int]int{apipages.ByName: -1, apipages.ByMembers: confidenceByShape,
		apipages.ByNameAndMembers: confidenceByShape, apipages.ByHead: confidenceByContext},
	// Pages are saved as calendarView.json, calendarView-2.json.
	Continued: apipages.NextLink, PageSuffix: "-%d",
}

var recognizer = apipages.Recognizer[calendarPage]{Keys: recordKeys, Named: pageNamed, Fits: isEvent,
	ByMembers: func(members map[string]bool) (calendarPage, bool) {
		return calendarPage{}, isEvent(calendarPage{}, members)
	},
	ByHead: pageFromContext}

// findPages lists the Graph pages of src, each with its mailbox: the one
// its @odata.context names, else the one its file is saved under.
var findPages = calendars.Find(recognizer, func(p calendarPage, mailbox string) calendarPage {
	p.mailbox = mailbox
	return p
})

// pageNamed knows a page by the name Graph gives the listing, as a saving
// script names its files: calendarView-2.json, events.json.
func pageNamed(stem string) (calendarPage, bool) {
	switch strings.ToLower(stem) {
	case "calendarview", "instances":
		return calendarPage{view: true}, true
	case "events":
		return calendarPage{}, true
	}
	return calendarPage{}, false
}

// isEvent tells a Graph event by members only it has together: start and
// end objects beside Outlook's showAs or isAllDay. Dataverse appointments
// (scheduledstart) and Google's events (no showAs) have neither pair.
func isEvent(_ calendarPage, members map[string]bool) bool {
	return members["start"] && members["end"] && (members["showas"] || members["isallday"])
}

// contextListing reads the listing and the user from an @odata.context:
// …/$metadata#users('anna.berg%40acme.com')/calendarView or
// …/$metadata#users('…')/calendar/events.
var contextListing = regexp.MustCompile(`(?i)\$metadata#users\('([^']*)'\)(?:/calendars?\('[^']*'\)|/calendar)?/(calendarView|events|instances)\b`)

func pageFromContext(members map[string]json.RawMessage) (calendarPage, bool) {
	m := contextListing.FindStringSubmatch(apipages.Text(members["@odata.context"]))
	if m == nil {
		return calendarPage{}, false
	}
	page := calendarPage{view: !strings.EqualFold(m[2], "events")}
	if user, err := url.PathUnescape(m[1]); err == nil && calendars.IsAddress(user) {
		page.mailbox = strings.ToLower(user)
	}
	return page, true
}
