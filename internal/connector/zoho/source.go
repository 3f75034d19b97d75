package zoho

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// recordKeys are where Zoho puts a page's records: "data" for the modules,
// "users" for the users API.
var recordKeys = []string{"data", "users"}

// identification says how a file was recognised, from the surest sign.
type identification int

const (
	unidentified identification = iota
	// emptyPage: a file named after a module with nothing in it, as
	// saved from the API's "204 No Content" for a module without records.
	emptyPage
	// byName: the file name says the module, but the file could not be
	// looked into (cut short, damaged): it is read so that the damage is
	// reported, but it is no evidence for Check.
	byName
	// byFields: a records array whose first record has fields of a
	// module, the file not named after one.
	byFields
	// byNameAndFields: named after a module, with its fields.
	byNameAndFields
)

// inputFile is a page of the export the connector reads, with its module.
type inputFile = apipages.PageFile[module]

// identifyFiles finds the Zoho pages among the export's files, in reading
// order: by module, then page by page.
func identifyFiles(ctx context.Context, src *export.Source) ([]inputFile, error) {
	return apipages.FindPages(ctx, src, func(f export.File) (module, int) {
		m, how := identify(src, f)
		return m, int(how)
	})
}

func identify(src *export.Source, f export.File) (module, identification) {
	named, hasName := moduleFromFileName(f.Name)
	if hasName && f.Size == 0 {
		return named, emptyPage
	}
	keys, err := firstRecordKeys(src, f)
	switch {
	case err != nil && hasName && !errors.Is(err, apipages.ErrNoRecords):
		return named, byName
	case err != nil:
		return module{}, unidentified
	case hasName && (keys == nil || named.fits(keys)):
		return named, byNameAndFields
	case hasName:
		return module{}, unidentified // another product's file of the same name
	case keys != nil:
		if m, ok := moduleFromKeys(keys); ok {
			return m, byFields
		}
	}
	return module{}, unidentified
}

// firstRecordKeys reads the lower-cased fields of a page's first record;
// nil for a page without records or whose first record is no object.
func firstRecordKeys(src *export.Source, f export.File) (map[string]bool, error) {
	first, err := apipages.First(src, f, recordKeys)
	if err != nil || first == nil {
		return nil, err
	}
	// A first record that is not an object says nothing either way; Read
	// rejects it.
	var fields map[string]json.RawMessage
	if json.Unmarshal(first, &fields) != nil || fields == nil {
		return nil, nil
	}
	keys := make(map[string]bool, len(fields))
	for k := range fields {
		keys[strings.ToLower(k)] = true
	}
	return keys, nil
}
