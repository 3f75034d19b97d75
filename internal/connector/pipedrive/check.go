package pipedrive

import (
	"fmt"
	"slices"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Confidence in an export: high when its activities come with the users
// they belong to, a little lower for activities alone (a lone CSV export
// is plausible for several connectors' lookalikes).
const (
	confidenceWithUsers       = 90
	confidenceActivitiesAlone = 80
)

// inventory is what the layout found: the files it can read, and why those
// that look like Pipedrive's but cannot be read as they are cannot.
func inventory(found []export.Found) (files []exportFile, problems []string) {
	for _, f := range found {
		if f.Problem != "" {
			problems = append(problems, f.Problem)
		} else {
			files = append(files, f.Holds.(exportFile))
		}
	}
	return files, problems
}

func holds(files []exportFile, e entity) bool {
	return slices.ContainsFunc(files, func(f exportFile) bool { return f.entity == e })
}

// judge refuses an export without Pipedrive activities.
func judge(found []export.Found) string {
	files, problems := inventory(found)
	if holds(files, entityActivities) {
		return ""
	}
	return strings.Join(append([]string{"no Pipedrive activities: no saved API page ({\"success\": true, \"data\": [...]}) of activities " +
		"and no CSV export with \"Activity - ID\" and \"Activity - Subject\" columns"}, problems...), "; ")
}

// describe says what an accepted export holds, entity by entity, and what
// it lacks that the audit would miss.
func describe(found []export.Found, matches []plugin.FileMatch) (string, int) {
	files, problems := inventory(found)
	var parts []string
	for e := entityUsers; e <= entityActivities; e++ {
		var n int
		var rows int64
		var api, csv bool
		for i, f := range files {
			if f.entity == e {
				n, rows = n+1, rows+matches[i].EstimatedRows
				api, csv = api || !f.csv, csv || f.csv
			}
		}
		if n > 0 {
			kinds := map[[2]bool]string{{true, false}: "API", {false, true}: "CSV", {true, true}: "API+CSV"}[[2]bool{api, csv}]
			parts = append(parts, fmt.Sprintf("%s (%d %s file%s, ~%d rows)", e, n, kinds, map[bool]string{true: "s"}[n > 1], rows))
		}
	}
	reason, confidence := "a Pipedrive export: "+strings.Join(parts, ", "), confidenceWithUsers
	if !holds(files, entityUsers) {
		reason += "; no users page (users.json), so users are known only by the names the CSV exports give"
		confidence = confidenceActivitiesAlone
	}
	if !holds(files, entityHierarchy) {
		reason += "; no " + hierarchyFileName + ": managers are unknown unless the hierarchy option names a mapping"
	}
	if len(problems) > 0 {
		reason += "; but it cannot be read as it is: " + strings.Join(problems, "; ")
	}
	return reason, confidence
}
