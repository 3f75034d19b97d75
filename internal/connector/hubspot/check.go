package hubspot

import (
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// judge refuses an export with a HubSpot file it cannot read, without
// HubSpot files, or without activities to audit.
func judge(found []export.Found) string {
	var problems []string
	for _, f := range found {
		if f.Problem != "" {
			problems = append(problems, f.Problem)
		}
	}
	if len(problems) > 0 {
		return strings.Join(problems, "; ")
	}
	switch inv := inventoryOf(found); {
	case inv.empty():
		return "no HubSpot files: no saved API pages ({\"results\": [...]} of HubSpot objects) " +
			"and no CSV exports from the HubSpot UI (\"Record ID\" first, property labels as headers)"
	case !inv.hasActivities():
		return "HubSpot files, but no meetings, calls, tasks or e-mails: there are no activities to audit"
	}
	return ""
}

// Confidence in an export with HubSpot's own record shapes and labels:
// high, with owners (complete enough to audit) a little higher than
// without, leaving room for a connector made for one account's customised
// export.
const confidenceWithOwners, confidenceWithoutOwners = 90, 85

// describe is the reason an export is accepted, with what it lacks, and
// the confidence in it.
func describe(found []export.Found, files []plugin.FileMatch) (string, int) {
	inv := inventoryOf(found)
	ui := 0
	for _, f := range append(inv.owners, inv.objects...) {
		if f.form == formUI {
			ui++
		}
	}
	what := fmt.Sprintf("a HubSpot export: %d saved API page(s) and %d UI export(s)", len(inv.owners)+len(inv.objects)-ui, ui)
	reason := export.Accept(what, "rows", 0, files).Reason
	if ui > 0 {
		reason += "; UI exports give times in the HubSpot account's time zone: pass the " + optionTimezone +
			" option unless it is UTC"
	}
	confidence := confidenceWithOwners
	if len(inv.owners) == 0 {
		reason += "; no owners page (/crm/v3/owners): there are no users, and owners are known only by the names or IDs the activities give"
		confidence = confidenceWithoutOwners
	}
	if inv.hierarchy == nil {
		reason += "; no " + hierarchyFileName + ": unless the " + optionHierarchy +
			" option names one, users have no manager and the audit finds no managers"
	}
	return reason, confidence
}
