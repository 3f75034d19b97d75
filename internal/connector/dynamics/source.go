package dynamics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// recordsKey is where the Web API puts the records of a list response.
const recordsKey = "value"

// identification says how a file was recognised, from the surest sign.
type identification int

const (
	unidentified identification = iota
	// byName: the file name says the entity set, but the file could not
	// be looked into (cut short, damaged): it is read so that the damage
	// is reported, but it is no evidence for Check.
	byName
	// byShape: a "value" array whose records have the entity's primary
	// key, the entity said by the file name or the key itself.
	byShape
	// byContext: @odata.context names the entity set.
	byContext
)

// inputFile is a page of the export the connector reads, with its entity.
type inputFile = apipages.PageFile[entity]

// identifyFiles finds the Dataverse pages among the export's files, in
// reading order: by entity, then page by page.
func identifyFiles(ctx context.Context, src *export.Source) ([]inputFile, error) {
	return apipages.FindPages(ctx, src, func(f export.File) (entity, int) {
		e, how := identify(src, f)
		return e, int(how)
	})
}

func identify(src *export.Source, f export.File) (entity, identification) {
	named, hasName := entityFromFileName(f.Name)
	head, err := sniffFile(src, f)
	if err != nil || !head.hasRecords {
		if hasName && err != nil {
			return named, byName
		}
		return entity{}, unidentified
	}
	if e, ok := entityFromContext(head.context); ok && head.fits(e) {
		return e, byContext
	}
	if hasName && head.fits(named) {
		return named, byShape
	}
	if head.firstKeys != nil {
		if e, ok := entityFromKeys(head.firstKeys); ok {
			return e, byShape
		}
	}
	return entity{}, unidentified
}

// head is what the start of a file says about it.
type head struct {
	context    string
	hasRecords bool
	// firstKeys are the lower-cased attribute names of the first record;
	// nil when the page is empty.
	firstKeys map[string]bool
}

// fits reports whether the first record, if any, is a record of e.
func (h head) fits(e entity) bool {
	return h.firstKeys == nil || h.firstKeys[e.primaryKey]
}

func sniffFile(src *export.Source, f export.File) (head, error) {
	rc, err := src.Open(f)
	if err != nil {
		return head{}, err
	}
	defer rc.Close()
	return sniff(rc)
}

// sniff reads the top-level members up to the records array and the first
// record. The Web API writes @odata.context first, so the rest of a large
// page is never read.
func sniff(r io.Reader) (head, error) {
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return head{}, errors.New("not a JSON object")
	}
	var h head
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return head{}, err
		}
		key, _ := tok.(string)
		switch key {
		case "@odata.context":
			if err := dec.Decode(&h.context); err != nil {
				return head{}, err
			}
		case recordsKey:
			return sniffRecords(dec, h)
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return head{}, err
			}
		}
	}
	return h, nil
}

func sniffRecords(dec *json.Decoder, h head) (head, error) {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return head{}, fmt.Errorf("%q is not an array", recordsKey)
	}
	h.hasRecords = true
	if !dec.More() {
		return h, nil
	}
	var first map[string]json.RawMessage
	if err := dec.Decode(&first); err != nil {
		// Not an object: no keys to recognise, and Read rejects it.
		h.firstKeys = map[string]bool{}
		return h, nil
	}
	h.firstKeys = make(map[string]bool, len(first))
	for k := range first {
		h.firstKeys[strings.ToLower(k)] = true
	}
	return h, nil
}
