package csv

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// checkConfidence is below the dedicated connectors': a mapping file can
// describe anything, so an export that a connector made for its CRM
// recognises (a Salesforce export with a stray mapping file) goes to that
// connector.
const checkConfidence = 60

// check accepts a directory or .zip whose mapping file describes its CSV
// files, or a single CSV file with a mapping file beside it. Anything else
// is refused with the reason, never an error, so that the host can ask
// every connector; a broken mapping is refused with its problems, which
// the user then sees.
func check(ctx context.Context, path string) (plugin.CheckResult, error) {
	in, err := openInput(path, "")
	if err != nil {
		return plugin.Refuse(openRefusal(path, err)), nil
	}
	defer in.Close()
	files, err := in.plan()
	if err != nil {
		return plugin.Refuse(err.Error()), nil
	}
	var matches []plugin.FileMatch
	for _, bf := range files {
		if err := ctx.Err(); err != nil {
			return plugin.CheckResult{}, err
		}
		estimate, err := csvfile.EstimateRows(in.src, bf.file)
		if err != nil {
			return plugin.Refuse(fmt.Sprintf("cannot read %s: %v", bf.file.Name, err)), nil
		}
		matches = append(matches, plugin.FileMatch{File: bf.name, Kind: bf.mapping.kind, SizeBytes: bf.file.Size, EstimatedRows: estimate})
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     fmt.Sprintf("CSV files described by %s: %s", in.mapping.name, describeFiles(matches)),
		Confidence: checkConfidence,
		Files:      matches,
	}, nil
}

func openRefusal(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist", path)
	case errors.Is(err, errNoMapping):
		return "no " + MappingFileName + ": " + mappingHelp
	case errors.Is(err, export.ErrNotExport):
		return "not a directory, a .zip archive or a CSV file"
	}
	return err.Error()
}

func describeFiles(files []plugin.FileMatch) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = fmt.Sprintf("%s (%s, ~%d rows)", f.File, f.Kind, f.EstimatedRows)
	}
	return strings.Join(names, ", ")
}
