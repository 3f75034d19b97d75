// Package csv is the built-in "csv" connector: it reads any CSV files,
// from a CRM salesaudit has no connector for or from a team's spreadsheet,
// as a YAML mapping file describes them: which file holds which records,
// which column holds which field, and how dates, numbers, booleans and
// the CRM's own words are written.
//
// The mapping is salesaudit-mapping.yaml in the export's directory or
// archive, or the file given with the mapping option. MappingTemplate is a
// commented template to start one from; README.md describes the format.
package csv

import (
	_ "embed"

	// The mapping names time zones by their IANA names; embedding the
	// database makes them work on machines that lack one (Windows).
	_ "time/tzdata"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Read options.
const (
	optionMapping  = "mapping"
	optionEncoding = "encoding"
)

// MappingTemplate is a commented mapping to fill in, as `salesaudit
// connectors mapping init` writes it: every option is explained, with
// examples, and it is a valid mapping once its <placeholders> are replaced
// by the names of the columns.
//
//go:embed mapping-template.yaml
var MappingTemplate []byte

// mappingHelp says how to give the connector a mapping.
const mappingHelp = "the csv connector reads CSV files that a mapping file describes " +
	"(which file holds which records, which column holds which field): put one named " + MappingFileName +
	" beside the CSV files (`salesaudit connectors mapping init` writes a template to fill in), " +
	"or give its path with --connector csv --option mapping=PATH"

// New returns the csv connector.
func New() plugin.Connector {
	return &export.Connector{About: plugin.Info{Name: "csv", Version: "1.0.0",
		Description: "any CSV files (a CRM without a connector, a team's spreadsheet) described by a YAML mapping, " +
			MappingFileName + ": users, accounts, opportunities, activities and attendees.",
		Kinds: plugin.RecordKinds, FilePatterns: []string{MappingFileName, "*.csv", "*.txt", "*.tsv"},
		AcceptsDirectory: true, AcceptsArchive: true},
		Options: readOptions(&options{}), CheckExport: check, ReadExport: read}
}

// options are the parsed Read options.
type options struct {
	mapping  string
	encoding csvfile.Encoding
}

// readOptions declares the Read options, each setting its field of opts.
func readOptions(opts *options) plugin.Options {
	encoding := csvfile.EncodingOption(&opts.encoding)
	encoding.Help = "character encoding of every CSV file, over the mapping's: auto (UTF-8 or Windows-1252), " +
		"utf-8, windows-1252 or iso-8859-1"
	setEncoding := encoding.Set
	encoding.Set = func(v string) error {
		if v == "" {
			return nil // the mapping's
		}
		return setEncoding(v)
	}
	return plugin.Options{
		{Name: optionMapping, Help: "path of the mapping file (default: " + MappingFileName +
			" in the directory or archive, or beside the single CSV file given)",
			Set: func(v string) error { opts.mapping = v; return nil }},
		encoding,
	}
}

func parseOptions(raw map[string]string) (options, error) {
	var opts options
	err := readOptions(&opts).Parse("the csv connector", raw)
	return opts, err
}
