package zoho

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// Confidence in an export: pages named after Zoho's modules and holding
// their fields are a clear match; pages known by their fields alone leave
// room for a lookalike.
const (
	confidenceByNameAndFields = 90
	confidenceByFields        = 80
)

// pages is the connector's Check and Read: it accepts a directory or .zip holding Zoho CRM API pages of
// users or activities.
var pages = apipages.Pages[module]{
	What: "Zoho CRM API pages",
	NotAnExport: "the Zoho connector reads a directory (or .zip) of saved API pages, " +
		"one file per page of a module (Users.json, Calls.json…)",
	NoPages: "no Zoho CRM API pages ({\"data\": […], \"info\": {…}} with Zoho's fields) of the modules this connector reads (" +
		strings.Join(filePatterns(), ", ") + ")",
	NoPeople: "Zoho CRM pages, but neither Users nor Calls, Events or Tasks: there is no one's time to audit",
	Patterns: filePatterns(),
	Response: "Zoho CRM API response",
	Keys:     recordKeys,
	Find:     identifyFiles,
	// A page known by name but unreadable is no evidence either way.
	Weights: map[int]int{int(byName): -1, int(byFields): confidenceByFields, int(byNameAndFields): confidenceByNameAndFields},
}
