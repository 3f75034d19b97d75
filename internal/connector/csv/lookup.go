package csv

import (
	"errors"
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// references resolve the references a mapping matches by name or e-mail
// (a spreadsheet's "Manager: Anna de Vries") to the IDs of the records
// read before. Only the lookups the mapping uses are kept, so that a large
// file costs no memory when nothing refers to it by name.
//
// They also remember the rows rejected, by ID, name and e-mail, so that a
// reference to one is never loaded pointing at nothing: it fails with that
// row's reason (see row.ref for what the failure does to the record).
type references struct {
	lookups map[lookupKey]map[string]*lookupEntry
	// loadedIDs are the IDs of the records loaded of the kinds others
	// refer to, so that a rejected row's ID also held by a loaded record
	// is not taken for the rejected one.
	loadedIDs map[plugin.RecordKind]map[string]bool
	rejected  map[lookupKey]map[string]rejection
}

// rejection is a row rejected, as a record referring to it explains it.
type rejection struct {
	file   string
	line   int64
	reason string
}

// referredKinds are the kinds a reference can point at, whose rejected
// rows are remembered. Activities are left out: an attendee of one not
// loaded is skipped (skipActivityNotLoaded).
var referredKinds = []plugin.RecordKind{plugin.KindUser, plugin.KindAccount, plugin.KindOpportunity}

type lookupKey struct {
	kind  plugin.RecordKind
	match matchKey
}

// lookupEntry is the record a name stands for; count > 1 means the name
// is ambiguous, and places says where each record so named is, for the
// person who must tell them apart.
type lookupEntry struct {
	id     string
	count  int
	places []place
}

// place is where a record was read: the file (as the summary names it)
// and the line.
type place struct {
	file string
	line int64
}

func newReferences(m *mapping) *references {
	refs := &references{lookups: map[lookupKey]map[string]*lookupEntry{},
		loadedIDs: map[plugin.RecordKind]map[string]bool{}, rejected: map[lookupKey]map[string]rejection{}}
	for _, kind := range referredKinds {
		refs.loadedIDs[kind] = map[string]bool{}
		for _, match := range []matchKey{matchID, matchName, matchEmail} {
			refs.rejected[lookupKey{kind, match}] = map[string]rejection{}
		}
	}
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
func (refs *references) add(kind plugin.RecordKind, id, name, email string, at place) {
	if ids, kept := refs.loadedIDs[kind]; kept {
		ids[id] = true
	}
	refs.addKey(lookupKey{kind, matchName}, name, id, at)
	refs.addKey(lookupKey{kind, matchEmail}, email, id, at)
}

func (refs *references) addKey(key lookupKey, text, id string, at place) {
	table, used := refs.lookups[key]
	text = lookupText(text)
	if !used || text == "" {
		return
	}
	if e, ok := table[text]; ok {
		if e.id != id {
			e.count++
			e.places = append(e.places, at)
		}
		return
	}
	table[text] = &lookupEntry{id: id, count: 1, places: []place{at}}
}

// noSuchRecord means no record read answers to a name or e-mail.
type noSuchRecord struct {
	kind  plugin.RecordKind
	match matchKey
	text  string
}

func (e *noSuchRecord) Error() string {
	return fmt.Sprintf("no %s has the %s %q", e.kind, e.match, e.text)
}

// ambiguousName means several records answer to a name or e-mail: the
// reference cannot say which one it means.
type ambiguousName struct {
	kind   plugin.RecordKind
	match  matchKey
	text   string
	places []place
}

func (e *ambiguousName) Error() string {
	// An e-mail tells users of one name apart; only an ID tells apart
	// users who share an address, or accounts and deals of one name.
	hint := fmt.Sprintf("give the %s's ID instead (match: id)", e.kind)
	if e.kind == plugin.KindUser && e.match == matchName {
		hint = "give the user's ID or e-mail instead (match: id or email)"
	}
	return fmt.Sprintf("%d %s records have the %s %q: %s; %s",
		len(e.places), e.kind, e.match, e.text, describePlaces(e.places), hint)
}

// describePlaces lists places by file, as "users.csv lines 3 and 19" or
// "a.csv line 3 and b.csv line 9".
func describePlaces(places []place) string {
	var parts []string
	for i := 0; i < len(places); {
		j := i
		var lines []string
		for ; j < len(places) && places[j].file == places[i].file; j++ {
			lines = append(lines, fmt.Sprint(places[j].line))
		}
		word := "line "
		if len(lines) > 1 {
			word = "lines "
		}
		parts = append(parts, places[i].file+" "+word+andList(lines))
		i = j
	}
	return andList(parts)
}

// andList joins items as a sentence does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// resolve returns the ID a reference stands for: the ID itself when the
// mapping matches by ID, else the ID of the record so named. A reference
// to a row that was rejected is an error that says why that row was.
func (refs *references) resolve(kind plugin.RecordKind, match matchKey, text, role string) (string, error) {
	if match == matchID {
		return text, refs.wasRejected(kind, match, text, role)
	}
	id, err := refs.find(kind, match, text)
	var missing *noSuchRecord
	if errors.As(err, &missing) {
		if rejected := refs.wasRejected(kind, match, text, role); rejected != nil {
			return "", rejected
		}
	}
	return id, err
}

// find returns the ID of the record of the kind whose name or e-mail is
// text.
func (refs *references) find(kind plugin.RecordKind, match matchKey, text string) (string, error) {
	e, ok := refs.lookups[lookupKey{kind, match}][lookupText(text)]
	switch {
	case !ok:
		return "", &noSuchRecord{kind, match, text}
	case e.count > 1:
		return "", &ambiguousName{kind, match, text, e.places}
	}
	return e.id, nil
}

// reject remembers a row not loaded by the ID, name and e-mail it has.
func (refs *references) reject(kind plugin.RecordKind, id, name, email string, why rejection) {
	for match, text := range map[matchKey]string{matchID: id, matchName: name, matchEmail: email} {
		table, kept := refs.rejected[lookupKey{kind, match}]
		key := lookupText(text)
		if match == matchID {
			key = strings.TrimSpace(text)
		}
		if !kept || key == "" {
			continue
		}
		if _, seen := table[key]; !seen {
			table[key] = why
		}
	}
}

// wasRejected returns the rejection of the row a reference points at,
// when no record loaded answers to it. role names the reference in the
// reason ("owner", "account").
func (refs *references) wasRejected(kind plugin.RecordKind, match matchKey, text, role string) error {
	key := lookupText(text)
	if match == matchID {
		key = strings.TrimSpace(text)
		if refs.loadedIDs[kind][key] {
			return nil
		}
	}
	why, ok := refs.rejected[lookupKey{kind, match}][key]
	if !ok {
		return nil
	}
	return fmt.Errorf("%s %s was rejected at %s line %d: %s", role, text, why.file, why.line, why.reason)
}

// roleOf is how a reason names what a reference field points at: the
// owner of owner_id, the manager of manager_id.
func roleOf(field string) string { return strings.TrimSuffix(field, "_id") }
