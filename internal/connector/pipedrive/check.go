package pipedrive

import (
	"context"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Confidence in an export: high when its activities come with the users
// they belong to, a little lower for activities alone (a lone CSV export
// is plausible for several connectors' lookalikes).
const (
	confidenceWithUsers       = 90
	confidenceActivitiesAlone = 80
)

// check accepts a directory or .zip that holds Pipedrive activities, as
// API pages or a CSV export. Anything else is refused with the reason,
// never an error, so that the host can ask every connector.
func check(ctx context.Context, path string) (plugin.CheckResult, error) {
	src, err := export.Open(path)
	if err != nil {
		return plugin.Refuse(export.OpenRefusal(path, err, "the Pipedrive connector reads a whole export "+
			"(API pages or CSV exports with their users), so give the directory or .zip that holds the file")), nil
	}
	defer src.Close()
	inv, err := takeInventory(ctx, src, csvfile.EncodingAuto, true)
	if err != nil {
		return plugin.CheckResult{}, err
	}
	if !inv.has(entityActivities) {
		return plugin.Refuse(noActivitiesReason(inv)), nil
	}
	files, err := fileMatches(ctx, src, inv)
	if err != nil {
		return plugin.CheckResult{}, err
	}
	confidence := confidenceActivitiesAlone
	if inv.has(entityUsers) {
		confidence = confidenceWithUsers
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     acceptReason(inv, files),
		Confidence: confidence,
		Files:      files,
	}, nil
}

func noActivitiesReason(inv inventory) string {
	reason := "no Pipedrive activities: no saved API page ({\"success\": true, \"data\": [...]}) of activities " +
		"and no CSV export with \"Activity - ID\" and \"Activity - Subject\" columns"
	if len(inv.problems) > 0 {
		reason += "; " + strings.Join(inv.problems, "; ")
	}
	return reason
}

// fileMatches lists the files read with an estimate of their rows.
func fileMatches(ctx context.Context, src *export.Source, inv inventory) ([]plugin.FileMatch, error) {
	files := make([]plugin.FileMatch, 0, len(inv.files))
	for _, f := range inv.files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		estimate, err := estimateRows(src, f)
		if err != nil {
			return nil, fmt.Errorf("estimating the rows of %s: %w", f.name(), err)
		}
		files = append(files, plugin.FileMatch{
			File: f.name(), Kind: f.entity.recordKind(), SizeBytes: f.file.Size, EstimatedRows: estimate,
		})
	}
	return files, nil
}

func estimateRows(src *export.Source, f exportFile) (int64, error) {
	if f.format == formatAPI {
		return estimateRecords(src, f.file)
	}
	return csvfile.EstimateRows(src, f.file)
}

// acceptReason says what the export holds, entity by entity, and what it
// lacks that the audit would miss.
func acceptReason(inv inventory, files []plugin.FileMatch) string {
	var parts []string
	for e := entityUsers; e <= entityActivities; e++ {
		var n int
		var rows int64
		forms := map[format]bool{}
		for i, f := range inv.files {
			if f.entity == e {
				n++
				rows += files[i].EstimatedRows
				forms[f.format] = true
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s, ~%d rows)", e, describeForms(n, forms), rows))
		}
	}
	reason := "a Pipedrive export: " + strings.Join(parts, ", ")
	if !inv.has(entityUsers) {
		reason += "; no users page (users.json), so users are known only by the names the CSV exports give"
	}
	if !inv.has(entityHierarchy) {
		reason += "; no " + hierarchyFileName + ": managers are unknown unless the hierarchy option names a mapping"
	}
	if len(inv.problems) > 0 {
		reason += "; but it cannot be read as it is: " + strings.Join(inv.problems, "; ")
	}
	return reason
}

func describeForms(files int, forms map[format]bool) string {
	var kinds []string
	if forms[formatAPI] {
		kinds = append(kinds, "API")
	}
	if forms[formatCSV] {
		kinds = append(kinds, "CSV")
	}
	plural := ""
	if files > 1 {
		plural = "s"
	}
	return fmt.Sprintf("%d %s file%s", files, strings.Join(kinds, "+"), plural)
}
