package csv

import (
	"fmt"
	"strings"
	"time"
)

// resolveText turns a cell's text into the field's text: the default for
// an empty cell, then the value map. It returns "" for a field left
// empty.
func (f *fieldMapping) resolveText(cell string) (string, error) {
	v := strings.TrimSpace(cell)
	if v == "" {
		// A default is the field's value as it is, not a cell to look up.
		if f.fallback != nil {
			return strings.TrimSpace(*f.fallback), nil
		}
		return "", nil
	}
	if f.values == nil {
		return v, nil
	}
	if mapped, ok := f.values[fold(v)]; ok {
		return strings.TrimSpace(mapped), nil
	}
	switch {
	case f.otherwise != nil:
		return strings.TrimSpace(*f.otherwise), nil
	case f.strict:
		return "", fmt.Errorf("%q is not one of the values the mapping lists (%s)", v, strings.Join(f.valueNames, ", "))
	}
	return v, nil
}

// check reports whether a value the mapping itself writes (a constant, a
// default, a value map's result) fits the field.
func (f *fieldMapping) check(v string) error {
	var err error
	switch f.def.typ {
	case boolValue:
		_, err = f.booleans.parse(v)
	case numberValue:
		_, err = parseNumber(v, f.decimal)
	case instantValue, dateValue:
		_, err = f.parseTime(v)
	case secondsValue, minutesValue, durationValue:
		_, err = f.duration.seconds(v, f.decimal)
	case activityKindValue:
		_, err = parseActivityKind(v)
	case priorityValue:
		_, err = parsePriority(v)
	}
	return err
}

// parseTime reads a date or a time in the field's formats: a moment is
// returned in UTC, a calendar day as its midnight in UTC (a deal closes on
// the 31st wherever the reader is).
func (f *fieldMapping) parseTime(v string) (time.Time, error) {
	for _, format := range f.timeFormats {
		t, ok := format.parse(v, f.location)
		if !ok {
			continue
		}
		if f.def.typ == dateValue {
			y, m, d := t.In(f.location).Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
		}
		return t.UTC(), nil
	}
	what := "date or time"
	if f.def.typ == dateValue {
		what = "date"
	}
	return time.Time{}, fmt.Errorf("%q is not a valid %s in the format %s", v, what, formatNames(f.timeFormats))
}
