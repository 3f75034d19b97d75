package zoho

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Confidence in an export: pages named after Zoho's modules and holding
// their fields are a clear match; pages known by their fields alone leave
// room for a lookalike.
const (
	confidenceByNameAndFields = 90
	confidenceByFields        = 80
)

// Check accepts a directory or .zip holding Zoho CRM API pages of users or
// activities. Anything else is refused with the reason, never an error,
// so that the host can ask every connector.
func (c *Connector) Check(ctx context.Context, path string) (plugin.CheckResult, error) {
	src, err := export.Open(path)
	if err != nil {
		return refuse(openRefusal(path, err)), nil
	}
	defer src.Close()
	files, err := identifyFiles(ctx, src)
	if err != nil {
		return plugin.CheckResult{}, err
	}
	var matches []plugin.FileMatch
	confidence := confidenceByFields
	evidence, peopleOrActivities := false, false
	for _, f := range files {
		if f.how == byName {
			continue // unreadable: no evidence either way
		}
		if f.how == byNameAndFields || f.how == byFields {
			evidence = true
		}
		if f.how == byNameAndFields {
			confidence = confidenceByNameAndFields
		}
		if f.module.kind == plugin.KindUser || f.module.kind == plugin.KindActivity {
			peopleOrActivities = true
		}
		matches = append(matches, plugin.FileMatch{File: f.Name, Kind: f.module.kind, SizeBytes: f.Size, EstimatedRows: estimateRows(src, f.File)})
	}
	switch {
	case !evidence:
		return refuse("no Zoho CRM API pages ({\"data\": […], \"info\": {…}} with Zoho's fields) of the modules this connector reads (" +
			strings.Join(filePatterns(), ", ") + ")"), nil
	case !peopleOrActivities:
		return refuse("Zoho CRM pages, but neither Users nor Calls, Events or Tasks: there is no one's time to audit"), nil
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     "Zoho CRM API pages: " + describeFiles(matches),
		Confidence: confidence,
		Files:      matches,
	}, nil
}

func refuse(reason string) plugin.CheckResult {
	return plugin.CheckResult{Accepted: false, Reason: reason}
}

func openRefusal(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist", path)
	case errors.Is(err, export.ErrNotExport):
		return "not a directory or a .zip archive: the Zoho connector reads a directory (or .zip) of saved API pages, " +
			"one file per page of a module (Users.json, Calls.json…)"
	}
	return fmt.Sprintf("cannot open %s as an export: %v", path, err)
}

func describeFiles(files []plugin.FileMatch) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = fmt.Sprintf("%s (~%d records)", f.File, f.EstimatedRows)
	}
	return strings.Join(names, ", ")
}
