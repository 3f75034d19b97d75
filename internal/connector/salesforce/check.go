package salesforce

import (
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
	Name:        "Salesforce export",
	Files:       objectPatterns(),
	NotAnExport: "the Salesforce connector reads a whole export (one CSV per object), not a single file",
	Confidence:  checkConfidence,
	Require: []export.Requirement{
		{AnyOf: []string{userObject.file}, Missing: "no User.csv: a Salesforce export has one CSV per object, User.csv among them"},
		{AnyOf: []string{taskObject.file, eventObject.file}, Missing: "no Task.csv or Event.csv with Salesforce's columns: there are no activities to audit"},
	},
}

func objectPatterns() []export.FilePattern {
	patterns := make([]export.FilePattern, len(objects))
	for i, o := range objects {
		patterns[i] = export.FilePattern{
			Name: o.file, Kind: o.kind, Estimate: csvfile.EstimateRows,
			Sniff: csvfile.HasColumns("Salesforce export", o.identifying...), MustFit: o.file == userObject.file,
		}
	}
	return patterns
}
