package csv

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// unresolvedPart is appended to a file's name for the references its rows
// make that could not be resolved, though the rows were loaded: each such
// reference is a "row" of that part, rejected with the row's line, field
// and reason. The SDK has no warning for a row that loads, and a reject is
// what the person fixing the export reads; counting the references apart
// keeps the file's own rows adding up to its records.
const unresolvedPart = " (unresolved references)"

// unresolvedRef is an optional reference (fieldDef.optional) that a row's
// record is loaded without; err says why, naming the column.
type unresolvedRef struct {
	field string
	err   error
}

// reject is the reference's reject, for the unresolved part of the file
// the row was read from.
func (u unresolvedRef) reject(kind plugin.RecordKind, line int64, raw string) plugin.Reject {
	role := roleOf(u.field)
	article := "a "
	if strings.ContainsRune("aeiou", rune(role[0])) {
		article = "an "
	}
	reason := u.err.Error() + "; the " + string(kind) + " is loaded without " + article + role
	return plugin.Reject{Line: line, Field: u.field, Reason: reason, Raw: raw, Kind: kind}
}

// fileParts are the parts of files a Read adds, "(managers)" and
// "(unresolved references)": records or rejects that are no row of the
// file itself, each counted as a "row" of its part so that the file's own
// rows still add up to its records, rejects and skips.
type fileParts struct {
	w *plugin.Writer
	// open are the parts written to since the last done, in the order
	// first written to, and rows how many "rows" each has.
	open []*plugin.FileWriter
	rows map[*plugin.FileWriter]int64
}

func newFileParts(w *plugin.Writer) *fileParts {
	return &fileParts{w: w, rows: map[*plugin.FileWriter]int64{}}
}

// row is the writer of a file's part (its name and suffix), counting one
// more "row" of it: the caller writes that row's record or reject.
func (p *fileParts) row(file, suffix string) *plugin.FileWriter {
	out := p.w.File(file + suffix)
	if _, seen := p.rows[out]; !seen {
		p.open = append(p.open, out)
	}
	p.rows[out]++
	return out
}

// unresolved rejects the references a loaded row's record goes without,
// in the unresolved part of the file the row was read from.
func (p *fileParts) unresolved(file string, kind plugin.RecordKind, line int64, raw string, refs []unresolvedRef) error {
	for _, u := range refs {
		if err := p.row(file, unresolvedPart).Reject(u.reject(kind, line, raw)); err != nil {
			return err
		}
	}
	return nil
}

// done marks the parts written to since the last call done, with their
// rows: once every row of their files has been accounted for.
func (p *fileParts) done() error {
	for _, out := range p.open {
		if err := out.Done(p.rows[out]); err != nil {
			return err
		}
		delete(p.rows, out)
	}
	p.open = nil
	return nil
}
