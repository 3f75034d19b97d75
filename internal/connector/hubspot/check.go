package hubspot

import (
	"context"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Confidence in an export with HubSpot's own record shapes and labels:
// high, with owners (the export is complete enough to audit) a little
// higher than without, leaving room for a connector made for one
// account's customised export.
const (
	confidenceWithOwners    = 90
	confidenceWithoutOwners = 85
)

// check accepts a directory or .zip holding HubSpot meetings, calls, tasks
// or e-mails, as saved API pages or UI exports. Anything else is refused
// with the reason, never an error, so that the host can ask every
// connector.
func check(ctx context.Context, path string) (plugin.CheckResult, error) {
	src, err := export.Open(path)
	if err != nil {
		return plugin.Refuse(export.OpenRefusal(path, err, "the HubSpot connector reads a whole export "+
			"(API pages and/or UI CSV exports, one file per object), not a single file")), nil
	}
	defer src.Close()
	inv, err := takeInventory(ctx, src)
	if err != nil {
		return plugin.CheckResult{}, err
	}
	switch {
	case inv.empty():
		return plugin.Refuse("no HubSpot files: no saved API pages ({\"results\": [...]} of HubSpot objects) " +
			"and no CSV exports from the HubSpot UI (\"Record ID\" first, property labels as headers)"), nil
	case !inv.hasActivities():
		return plugin.Refuse("HubSpot files, but no meetings, calls, tasks or e-mails: there are no activities to audit"), nil
	}
	files, err := matchFiles(ctx, src, inv)
	if err != nil {
		return plugin.CheckResult{}, err
	}
	confidence := confidenceWithOwners
	if len(inv.owners) == 0 {
		confidence = confidenceWithoutOwners
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     describe(inv, files),
		Confidence: confidence,
		Files:      files,
	}, nil
}

// matchFiles lists the files read, with their kind and estimated rows.
func matchFiles(ctx context.Context, src *export.Source, inv *inventory) ([]plugin.FileMatch, error) {
	var files []plugin.FileMatch
	all := append(append([]exportFile(nil), inv.owners...), inv.objects...)
	if inv.hierarchy != nil {
		all = append(all, exportFile{file: *inv.hierarchy, form: formUI, object: owners})
	}
	for _, f := range all {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// A file cut short still belongs to the export (its estimate is
		// 0); reading it will say where it breaks.
		var estimate int64
		if f.form == formAPI {
			estimate = apipages.EstimateRecords(src, f.file, resultsKeys)
		} else if n, err := csvfile.EstimateRows(src, f.file); err == nil {
			estimate = n
		}
		files = append(files, plugin.FileMatch{File: f.file.Name, Kind: f.object.kind, SizeBytes: f.file.Size, EstimatedRows: estimate})
	}
	return files, nil
}

// describe is the reason an export is accepted, with what it lacks.
func describe(inv *inventory, files []plugin.FileMatch) string {
	var api, ui int
	for _, f := range append(append([]exportFile(nil), inv.owners...), inv.objects...) {
		if f.form == formAPI {
			api++
		} else {
			ui++
		}
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = fmt.Sprintf("%s (~%d rows)", f.File, f.EstimatedRows)
	}
	reason := fmt.Sprintf("a HubSpot export: %d saved API page(s) and %d UI export(s): %s", api, ui, strings.Join(names, ", "))
	if ui > 0 {
		reason += "; UI exports give times in the HubSpot account's time zone: pass the " + optionTimezone +
			" option unless it is UTC"
	}
	if len(inv.owners) == 0 {
		reason += "; no owners page (/crm/v3/owners): there are no users, and owners are known only by the names or IDs the activities give"
	}
	if inv.hierarchy == nil {
		reason += "; no " + hierarchyFileName + ": unless the " + optionHierarchy +
			" option names one, users have no manager and the audit finds no managers"
	}
	return reason
}
