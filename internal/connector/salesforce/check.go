package salesforce

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// checkConfidence is how sure the connector is of an export whose files have
// Salesforce's names and columns: high, but leaving room for a connector
// made for one org's customised export.
const checkConfidence = 90

// layout is what a Salesforce export looks like: User.csv and Task.csv or
// Event.csv with Salesforce's columns, the other objects if present. A
// User.csv with other columns is another product's export.
var layout = export.Layout{
	Name:        layoutName,
	Files:       objectPatterns(),
	NotAnExport: "the Salesforce connector reads a whole export (one CSV per object), not a single file",
	Confidence:  checkConfidence,
	Require: []export.Requirement{
		{AnyOf: []string{userObject.file}, Missing: "no User.csv: a Salesforce export has one CSV per object, User.csv among them"},
		{AnyOf: []string{taskObject.file, eventObject.file}, Missing: "no Task.csv or Event.csv with Salesforce's columns: there are no activities to audit"},
	},
	Describe: describe,
}

const layoutName = "Salesforce export"

func objectPatterns() []export.FilePattern {
	patterns := make([]export.FilePattern, len(objects))
	for i, o := range objects {
		patterns[i] = export.FilePattern{
			Name: o.file, Kind: o.kind, Estimate: csvfile.EstimateRows,
			Sniff: csvfile.HasColumns(layoutName, o.identifying...), MustFit: o.file == userObject.file,
			Recognize: o.recognise,
		}
	}
	return patterns
}

// describe is the reason an export is accepted: its files, the optional
// columns they lack, and the files that cannot be read as they are.
func describe(found []export.Found, files []plugin.FileMatch) (string, int) {
	reason := export.Accept("a "+layoutName, "rows", checkConfidence, files).Reason
	var problems []string
	for _, f := range found {
		if note := optionalNote(f); note != "" {
			reason += "; " + note
		}
		if f.Problem != "" {
			problems = append(problems, f.Problem)
		}
	}
	if len(problems) > 0 {
		reason += "; but it cannot be read as it is: " + strings.Join(problems, "; ")
	}
	return reason, checkConfidence
}
