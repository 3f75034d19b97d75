package csv

import (
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// references resolve the references a mapping matches by name or e-mail
// (a spreadsheet's "Manager: Anna de Vries") to the IDs of the records
// read before. Only the lookups the mapping uses are kept, so that a large
// file costs no memory when nothing refers to it by name.
type references struct {
	lookups map[lookupKey]map[string]*lookupEntry
}

type lookupKey struct {
	kind  plugin.RecordKind
	match matchKey
}

// lookupEntry is the record a name stands for; count > 1 means the name
// is ambiguous.
type lookupEntry struct {
	id    string
	count int
}

func newReferences(m *mapping) *references {
	refs := &references{lookups: map[lookupKey]map[string]*lookupEntry{}}
	for _, fm := range m.files {
		for _, f := range fm.fields {
			if f.match != matchID {
				refs.lookups[lookupKey{f.def.refersTo, f.match}] = map[string]*lookupEntry{}
			}
		}
	}
	return refs
}

// lookupText is how names and e-mails are compared: case and spacing
// differ between the files of a spreadsheet kept by hand.
func lookupText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// add makes a record findable by its name and e-mail.
func (refs *references) add(kind plugin.RecordKind, id, name, email string) {
	refs.addKey(lookupKey{kind, matchName}, name, id)
	refs.addKey(lookupKey{kind, matchEmail}, email, id)
}

func (refs *references) addKey(key lookupKey, text, id string) {
	table, used := refs.lookups[key]
	text = lookupText(text)
	if !used || text == "" {
		return
	}
	if e, ok := table[text]; ok {
		if e.id != id {
			e.count++
		}
		return
	}
	table[text] = &lookupEntry{id: id, count: 1}
}

// find returns the ID of the record of the kind whose name or e-mail is
// text.
func (refs *references) find(kind plugin.RecordKind, match matchKey, text string) (string, error) {
	e, ok := refs.lookups[lookupKey{kind, match}][lookupText(text)]
	switch {
	case !ok:
		return "", fmt.Errorf("no %s has the %s %q", kind, match, text)
	case e.count > 1:
		return "", fmt.Errorf("%d %s records have the %s %q: match by id instead", e.count, kind, match, text)
	}
	return e.id, nil
}
