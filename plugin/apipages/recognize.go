package apipages

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/salesaudit/salesaudit/plugin/export"
)

// Head is what the start of a saved page says about it, read without
// reading the rest of a large page.
type Head struct {
	// Members are the page's top-level members before its records array
	// (a Dataverse page's @odata.context), by their names as written;
	// none for a bare array.
	Members map[string]json.RawMessage
	// First is the first record; nil for a page without records.
	First json.RawMessage
}

// ReadHead reads the head of the page in f, whose records are under the
// first of keys it has. A page without a records array is ErrNoRecords
// (wrapped), malformed JSON before the end of the first record a
// *SyntaxError.
func ReadHead(src *export.Source, f export.File, keys []string) (Head, error) {
	rc, err := src.Open(f)
	if err != nil {
		return Head{}, err
	}
	defer rc.Close()
	it := newIterator(rc, keys, false)
	it.head = map[string]json.RawMessage{}
	rec, err := it.next()
	var syn *SyntaxError
	if errors.Is(err, io.EOF) && !errors.As(err, &syn) { // a page without records, not one cut short
		err = nil
	}
	return Head{Members: it.head, First: rec.Raw}, err
}

// How a Recognizer recognised a page, from the least sure sign to the
// surest: a PageFile's How, which Pages.Weights turns into confidence.
const (
	Unrecognized = iota
	// EmptyFile: a file named after a collection, with no bytes at all
	// (see Recognizer.EmptyFiles).
	EmptyFile
	// ByName: named after a collection, but the page could not be looked
	// into (cut short, damaged). It is read so that the damage is
	// reported, but it is no evidence of what the export is.
	ByName
	// ByMembers: its first record has the members of a collection it is
	// not named after.
	ByMembers
	// ByNameAndMembers: named after a collection, its first record fits
	// it (or it has none).
	ByNameAndMembers
	// ByHead: the page's own members name the collection, and its first
	// record fits it (or it has none).
	ByHead
)

// Recognizer recognises the pages of an export by the name of the file,
// the page's own members and those of its first record, for Pages.Find:
// a connector declares how its collections are known, and the
// recognition is the SDK's.
type Recognizer[C Collection] struct {
	// Keys are where the pages keep their records.
	Keys []string
	// Named is the collection a file's name stands for, given the stem
	// of its name as StemAndPage gives it (appointments for
	// Appointments_page2.json), if any.
	Named func(stem string) (C, bool)
	// Fits reports whether a page's first record, with these lower-cased
	// member names (none for a record that is not an object), is one of
	// c's.
	Fits func(c C, members map[string]bool) bool
	// ByMembers, when set, is the collection whose records have these
	// members, for a page that is not named after one.
	ByMembers func(members map[string]bool) (C, bool)
	// ByHead, when set, is the collection the page's own members name
	// (Dataverse's @odata.context), if any.
	ByHead func(members map[string]json.RawMessage) (C, bool)
	// EmptyFiles takes a file named after a collection with no bytes at
	// all for an empty page of it, as some tools save an API's "204 No
	// Content"; without it such a file is a damaged page.
	EmptyFiles bool
	// NamesDecide leaves out a page named after a collection whose first
	// record does not fit it, as another product's file of the same
	// name, instead of asking ByMembers.
	NamesDecide bool
}

// Find lists the pages of src it recognises, in reading order, for
// Pages.Find.
func (rc Recognizer[C]) Find(ctx context.Context, src *export.Source) ([]PageFile[C], error) {
	return FindPages(ctx, src, func(f export.File) (C, int) { return rc.Recognize(src, f) })
}

// Recognize says which collection the page in f holds and how it knows
// (Unrecognized for a file that is none of the connector's).
func (rc Recognizer[C]) Recognize(src *export.Source, f export.File) (of C, how int) {
	var none C
	stem, _ := StemAndPage(f.Name)
	named, hasName := rc.Named(stem)
	if hasName && rc.EmptyFiles && f.Size == 0 {
		return named, EmptyFile
	}
	head, err := ReadHead(src, f, rc.Keys)
	switch {
	case err != nil && hasName && !errors.Is(err, ErrNoRecords):
		return named, ByName
	case err != nil:
		return none, Unrecognized
	}
	members := map[string]bool{}
	object, _ := Object(head.First)
	for k := range object {
		members[k] = true
	}
	fits := func(c C) bool { return head.First == nil || rc.Fits(c, members) }
	if rc.ByHead != nil {
		if c, ok := rc.ByHead(head.Members); ok && fits(c) {
			return c, ByHead
		}
	}
	switch {
	case hasName && fits(named):
		return named, ByNameAndMembers
	case hasName && rc.NamesDecide, head.First == nil, rc.ByMembers == nil:
		return none, Unrecognized
	}
	if c, ok := rc.ByMembers(members); ok {
		return c, ByMembers
	}
	return none, Unrecognized
}
