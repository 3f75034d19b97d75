package csv

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

const skipEmptyRow = "empty row"

// row reads the fields of one CSV row as its file's mapping says. The
// first value that cannot be read is kept in err, so that a record is
// built from every field and checked once.
type row struct {
	csvfile.Row
	file *boundFile
	refs *references
	err  *plugin.RowError
	// unresolved are the optional references the record goes without.
	unresolved []unresolvedRef
}

// failField records the first problem of the row.
func (r *row) failField(field, format string, args ...any) {
	if r.err == nil {
		r.err = plugin.FieldError(field, format, args...)
	}
}

// fail records a value that does not fit, naming where it came from.
func (r *row) fail(f *fieldMapping, err error) {
	r.failField(f.def.name, "%s: %v", r.source(f), err)
}

// source names where a field's value comes from, for messages.
func (r *row) source(f *fieldMapping) string {
	if f.constant != nil {
		return "the mapping's value:"
	}
	return "column " + f.column
}

// cell is the field's text as written in the row, or its constant.
func (r *row) cell(f *fieldMapping) string {
	if f.constant != nil {
		return *f.constant
	}
	return r.Field(r.file.fieldColumns[f])
}

// value is a field's text once the default and the value map have been
// applied: "" for an empty field or one the mapping leaves out. An empty
// required field is a problem.
func (r *row) value(name string) (string, *fieldMapping) {
	f := r.file.mapping.fields[name]
	if f == nil {
		return "", nil
	}
	v, err := f.resolveText(r.cell(f))
	if err != nil {
		r.fail(f, err)
		return "", f
	}
	if v == "" && f.required {
		r.failField(name, "%s is empty, and %s is required", r.source(f), name)
	}
	return v, f
}

// parsed reads a field with a parser of its type; ok is false for an
// empty field or a value that does not fit.
func parsed[T any](r *row, name string, parse func(*fieldMapping, string) (T, error)) (value T, ok bool) {
	v, f := r.value(name)
	if v == "" {
		return value, false
	}
	value, err := parse(f, v)
	if err != nil {
		r.fail(f, err)
		return value, false
	}
	return value, true
}

func (r *row) text(name string) string {
	v, _ := r.value(name)
	return v
}

// ref reads a reference, finding the record it names when the mapping
// matches it by name or e-mail. A reference that cannot be resolved (no
// record or several so named, a row rejected) rejects the row when the
// record cannot do without it; an optional one is left out of the
// record and kept, with why, in unresolved.
func (r *row) ref(name string) string {
	v, f := r.value(name)
	if v == "" {
		return v
	}
	id, err := r.refs.resolve(f.def.refersTo, f.match, v, roleOf(name))
	switch {
	case err == nil:
		return id
	case f.def.optional:
		r.unresolved = append(r.unresolved, unresolvedRef{field: name, err: fmt.Errorf("%s: %w", r.source(f), err)})
		return ""
	}
	r.fail(f, err)
	return ""
}

// boolean reads a boolean; set is false when the field is empty or
// unmapped, so that the caller can derive it.
func (r *row) boolean(name string) (value, set bool) {
	return parsed(r, name, func(f *fieldMapping, v string) (bool, error) { return f.booleans.parse(v) })
}

func (r *row) number(name string) *float64 {
	n, ok := parsed(r, name, func(f *fieldMapping, v string) (float64, error) { return parseNumber(v, f.decimal) })
	if !ok {
		return nil
	}
	return &n
}

func (r *row) time(name string) time.Time {
	t, _ := parsed(r, name, (*fieldMapping).parseTime)
	return t
}

// duration reads whichever duration field the file maps, in seconds.
func (r *row) duration() (seconds int64, set bool) {
	for _, name := range durationFields {
		if r.file.mapping.fields[name] != nil {
			return parsed(r, name, func(f *fieldMapping, v string) (int64, error) { return f.duration.seconds(v, f.decimal) })
		}
	}
	return 0, false
}

func (r *row) activityKind() plugin.ActivityKind {
	kind, _ := parsed(r, "kind", func(_ *fieldMapping, v string) (plugin.ActivityKind, error) { return parseActivityKind(v) })
	return kind
}

func (r *row) priority() plugin.Priority {
	p, _ := parsed(r, "priority", func(_ *fieldMapping, v string) (plugin.Priority, error) { return parsePriority(v) })
	return p
}

// isEmpty reports a row with nothing in it, as spreadsheets write below
// the data (";;;;;").
func (r *row) isEmpty() bool {
	for _, f := range r.Fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// skipReason is the reason of the first skip rule the row meets, or "".
func (r *row) skipReason() string {
	for i, rule := range r.file.mapping.skips {
		cell := fold(r.Field(r.file.skipColumns[i]))
		for _, v := range rule.values {
			if fold(v) == cell {
				return rule.reason
			}
		}
	}
	return ""
}
