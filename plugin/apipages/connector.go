package apipages

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Connector declares the whole connector of the pages pc declares: about
// is its Info (FilePatterns default to pc.Patterns; a directory and a
// .zip are accepted), Check is pc's, and every Read parses its options
// into a copy of defaults with the options declare declares
// (export.ParseOptions, who naming the connector in errors: "the Zoho
// connector") and reads the pages with the run start begins (ReadExport).
func Connector[O any, C Collection, R Run[C]](pc Pages[C], about plugin.Info, who string, defaults O,
	declare func(*O) plugin.Options, start func(O, *plugin.Writer) R) *export.Connector {
	if about.FilePatterns == nil {
		about.FilePatterns = pc.Patterns
	}
	about.AcceptsDirectory, about.AcceptsArchive = true, true
	return &export.Connector{About: about, Options: declare(new(O)), CheckExport: pc.Check,
		ReadExport: ReadExport(pc, export.ParseOptions(who, defaults, declare), start)}
}
