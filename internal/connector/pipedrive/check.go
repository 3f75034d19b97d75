package pipedrive

import (
	"fmt"
	"path"
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

// judge refuses an export without Pipedrive activities.
func judge(found []export.Found) string {
	if inv := inventoryOf(found, true); !inv.has(entityActivities) {
		return noActivitiesReason(inv)
	}
	return ""
}

// describe is the reason and the confidence of an accepted export.
func describe(found []export.Found, files []plugin.FileMatch) (string, int) {
	inv := inventoryOf(found, true)
	if inv.has(entityUsers) {
		return acceptReason(inv, files), confidenceWithUsers
	}
	return acceptReason(inv, files), confidenceActivitiesAlone
}

func noActivitiesReason(inv inventory) string {
	reason := "no Pipedrive activities: no saved API page ({\"success\": true, \"data\": [...]}) of activities " +
		"and no CSV export with \"Activity - ID\" and \"Activity - Subject\" columns"
	if len(inv.problems) > 0 {
		reason += "; " + strings.Join(inv.problems, "; ")
	}
	return reason
}

// estimateRows counts or estimates the rows of an API page or a CSV
// export.
func estimateRows(src *export.Source, f export.File) (int64, error) {
	if strings.EqualFold(path.Ext(f.Name), ".json") {
		return estimateRecords(src, f)
	}
	return csvfile.EstimateRows(src, f)
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
