package dynamics

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Confidence in an export: pages whose @odata.context names Dataverse
// entity sets are as clear as a saved response gets; pages known by file
// names and attribute names alone leave room for a lookalike.
const (
	confidenceByContext = 90
	confidenceByShape   = 80
)

// Check accepts a directory or .zip holding Dataverse Web API pages of
// system users or activities. Anything else is refused with the reason,
// never an error, so that the host can ask every connector.
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
	confidence := confidenceByShape
	hasPeopleOrActivities := false
	for _, f := range files {
		if f.how == byName {
			continue // unreadable: no evidence either way
		}
		if f.how == byContext {
			confidence = confidenceByContext
		}
		if f.entity.kind == plugin.KindUser || f.entity.kind == plugin.KindActivity {
			hasPeopleOrActivities = true
		}
		matches = append(matches, plugin.FileMatch{File: f.Name, Kind: f.entity.kind, SizeBytes: f.Size, EstimatedRows: estimateRows(src, f.File)})
	}
	switch {
	case len(matches) == 0:
		return refuse("no Dataverse Web API pages ({\"@odata.context\": …, \"value\": […]}) of the entity sets this connector reads (" +
			strings.Join(filePatterns(), ", ") + ")"), nil
	case !hasPeopleOrActivities:
		return refuse("Dataverse pages, but neither systemusers nor activities: there is no one's time to audit"), nil
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     "Dataverse Web API pages: " + describeFiles(matches),
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
		return "not a directory or a .zip archive: the Dynamics connector reads a directory (or .zip) of saved Web API pages, " +
			"one file per page of an entity set"
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
