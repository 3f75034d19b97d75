package salesforce

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

// checkConfidence is how sure the connector is of an export whose files have
// Salesforce's names and columns: high, but leaving room for a connector
// made for one org's customised export.
const checkConfidence = 90

// Check accepts a directory or .zip that holds User.csv and Task.csv or
// Event.csv with Salesforce's columns. Anything else is refused with the
// reason, never an error, so that the host can ask every connector.
func (c *Connector) Check(ctx context.Context, path string) (plugin.CheckResult, error) {
	src, err := export.Open(path)
	if err != nil {
		return refuse(openRefusal(path, err)), nil
	}
	defer src.Close()

	var files []plugin.FileMatch
	found := map[string]bool{}
	for _, o := range objects {
		if err := ctx.Err(); err != nil {
			return plugin.CheckResult{}, err
		}
		f, ok := src.Find(o.file)
		if !ok {
			continue
		}
		if problem := checkHeader(src, f, o); problem != "" {
			if o.file == userObject.file {
				return refuse(problem), nil
			}
			continue
		}
		estimate, err := csvfile.EstimateRows(src, f)
		if err != nil {
			return refuse(fmt.Sprintf("cannot read %s: %v", f.Name, err)), nil
		}
		found[o.file] = true
		files = append(files, plugin.FileMatch{File: f.Name, Kind: o.kind, SizeBytes: f.Size, EstimatedRows: estimate})
	}

	switch {
	case !found[userObject.file]:
		return refuse("no User.csv: a Salesforce export has one CSV per object, User.csv among them"), nil
	case !found[taskObject.file] && !found[eventObject.file]:
		return refuse("no Task.csv or Event.csv with Salesforce's columns: there are no activities to audit"), nil
	}
	return plugin.CheckResult{
		Accepted:   true,
		Reason:     fmt.Sprintf("a Salesforce export: %s", describeFiles(files)),
		Confidence: checkConfidence,
		Files:      files,
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
		return "not a directory or a .zip archive: the Salesforce connector reads a whole export (one CSV per object), not a single file"
	}
	return fmt.Sprintf("cannot open %s as an export: %v", path, err)
}

// checkHeader says what is wrong with a file's header, or "" if it has
// the object's identifying columns.
func checkHeader(src *export.Source, f export.File, o object) string {
	r, err := csvfile.Open(src, f, csvfile.Options{})
	if err != nil {
		return fmt.Sprintf("%s is not a readable CSV file: %v", f.Name, err)
	}
	defer r.Close()
	if missing := o.missingColumns(r); len(missing) > 0 {
		return fmt.Sprintf("%s lacks the %s column(s) of a Salesforce export", f.Name, strings.Join(missing, ", "))
	}
	return ""
}

func describeFiles(files []plugin.FileMatch) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = fmt.Sprintf("%s (~%d rows)", f.File, f.EstimatedRows)
	}
	return strings.Join(names, ", ")
}
