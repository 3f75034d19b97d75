package zoho

import (
	"encoding/json"
	"fmt"
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

// recordKeys are where Zoho puts a page's records: "data" for the modules,
// "users" for the users API.
var recordKeys = []string{"data", "users"}

// pages is the connector's Check and Read: it accepts a directory or .zip
// holding Zoho CRM API pages of users or activities. A page is known by
// its file's name (a module's, with a field of it, or empty as saved from
// the API's "204 No Content"), or else by its fields; a page named after
// a module but without its fields is another product's.
var pages = apipages.Pages[module]{
	What: "Zoho CRM API pages", Response: "Zoho CRM API response", Keys: recordKeys, Patterns: filePatterns(),
	NotAnExport: "the Zoho connector reads a directory (or .zip) of saved API pages, " +
		"one file per page of a module (Users.json, Calls.json…)",
	NoPages: "no Zoho CRM API pages ({\"data\": […], \"info\": {…}} with Zoho's fields) of the modules this connector reads (" +
		strings.Join(filePatterns(), ", ") + ")",
	NoPeople: "Zoho CRM pages, but neither Users nor Calls, Events or Tasks: there is no one's time to audit",
	Find: apipages.Recognizer[module]{Keys: recordKeys, Named: moduleNamed, ByMembers: moduleFromKeys, EmptyFiles: true, NamesDecide: true,
		// A first record that is not an object says nothing either way; Read rejects it.
		Fits: func(m module, fields map[string]bool) bool { return len(fields) == 0 || m.fits(fields) }}.Find,
	// A page known by name but unreadable is no evidence either way.
	Weights:   map[int]int{apipages.ByName: -1, apipages.ByMembers: confidenceByFields, apipages.ByNameAndMembers: confidenceByNameAndFields},
	Continued: moreRecords, PageSuffix: "_page%d",
}

// moreRecords says whether a page says more records follow it: Zoho's
// info.more_records, after the records, true on every page of a listing
// but the last.
func moreRecords(members map[string]json.RawMessage) string {
	var info struct {
		More bool  `json:"more_records"`
		Page int64 `json:"page"`
	}
	if json.Unmarshal(members["info"], &info) != nil || !info.More {
		return ""
	}
	if info.Page > 0 {
		return fmt.Sprintf("info.more_records is true: the same request with page=%d returns them", info.Page+1)
	}
	return "info.more_records is true: the same request with the next page returns them"
}
