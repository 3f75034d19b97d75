package salesforce

import (
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// A Data Loader export has the fields its user picked, so a file can lack
// a column the connector reads. Rows of such a file would load with the
// value empty, or all be rejected for it, one by one: instead the file's
// header is checked once, as the layout recognises the file.

// lacking is what a file's header lacks of an object's columns.
type lacking struct {
	required, optional []columnSet
}

// recognise reads the header of an object's file. A file without a
// required column is refused, naming the columns (Recognition.Problem);
// the optional ones it lacks are kept (Recognition.Holds) for the Check's
// reason and Read's warning.
func (o object) recognise(src *export.Source, f export.File) (export.Recognition, bool) {
	r, err := csvfile.Open(src, f, csvfile.Options{})
	if err != nil {
		// Read opens it again and says what is wrong with it.
		return export.Recognition{}, true
	}
	defer r.Close()
	missing := lacking{required: absent(r, o.required), optional: absent(r, o.optional)}
	return export.Recognition{Holds: missing, Problem: missing.problem(o, f.Name)}, true
}

// absent are the sets none of whose columns the header has.
func absent(r *csvfile.Reader, sets []columnSet) []columnSet {
	var missing []columnSet
	for _, set := range sets {
		if !hasAny(r, set) {
			missing = append(missing, set)
		}
	}
	return missing
}

func hasAny(r *csvfile.Reader, names []string) bool {
	for _, name := range names {
		if r.HasColumn(name) {
			return true
		}
	}
	return false
}

// problem refuses a file without a required column, "" for one with them.
func (l lacking) problem(o object, file string) string {
	if len(l.required) == 0 {
		return ""
	}
	them := "it"
	if len(l.required) > 1 || len(l.required[0]) > 1 {
		them = "them"
	}
	problem := fmt.Sprintf("%s lacks %s, without which its rows cannot be loaded: export %s again with %s",
		file, columnsPhrase(l.required), strings.TrimSuffix(o.file, ".csv"), them)
	if len(l.optional) > 0 {
		problem += fmt.Sprintf(" (it also lacks %s, whose values would read as empty)", columnsPhrase(l.optional))
	}
	return problem
}

// optionalNote says once that a file lacks optional columns, "" if it has
// them all or is refused anyway.
func optionalNote(f export.Found) string {
	l, _ := f.Holds.(lacking)
	if len(l.optional) == 0 || len(l.required) > 0 {
		return ""
	}
	return fmt.Sprintf("%s lacks %s: their values read as empty", f.Name, columnsPhrase(l.optional))
}

// columnsPhrase names the sets: "the OwnerId column", "the columns
// AccountId and Amount", "the OwnerId column and any of the columns
// StartDateTime, ActivityDateTime or ActivityDate".
func columnsPhrase(sets []columnSet) string {
	var singles, parts []string
	for _, set := range sets {
		if len(set) == 1 {
			singles = append(singles, set[0])
		} else {
			parts = append(parts, "any of the columns "+joinList(set, "or"))
		}
	}
	switch len(singles) {
	case 0:
	case 1:
		parts = append([]string{"the " + singles[0] + " column"}, parts...)
	default:
		parts = append([]string{"the columns " + joinList(singles, "and")}, parts...)
	}
	return joinList(parts, "and")
}

// joinList joins names as a sentence does: "a, b and c".
func joinList(names []string, conjunction string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conjunction + " " + names[len(names)-1]
}
