package pipedrive

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// field is one value of a record as text, with the name the export gives
// it and the record that keeps its first bad value (*apipages.Fields or
// *csvfile.Cells), so that API values and CSV cells share one set of
// parsers.
type field struct {
	name, text string
	rec        interface {
		Fail(name, format string, args ...any)
	}
}

func (f field) value() string { return strings.TrimSpace(f.text) }

func (f field) empty() bool { return f.value() == "" }

func (f field) fail(format string, args ...any) { f.rec.Fail(f.name, format, args...) }

// csvRow is a row of a CSV export, its cells read as fields.
type csvRow struct{ *csvfile.Cells }

func (r csvRow) field(c csvfile.Column) field { return field{c.Name, r.Field(c.Index), r.Cells} }

// requiredID is a record's own ID, which every record must have.
func (f field) requiredID() string {
	if f.empty() {
		f.fail("the record has no ID")
	}
	return f.value()
}

// parsed is the value read by read, ok false when it is empty or cannot
// be read, which fails the record: the value is not want.
func parsed[T any](f field, read func(string) (T, bool), want string) (v T, ok bool) {
	if s := f.value(); s != "" {
		if v, ok = read(s); !ok {
			f.fail("%q is not %s", s, want)
		}
	}
	return v, ok
}

// date reads a calendar date as midnight UTC; a spreadsheet's serial date
// may carry a time of day, which a date does not keep.
func (f field) date() time.Time {
	return f.when(value.Date, "a date (want YYYY-MM-DD or a spreadsheet serial date)").Truncate(24 * time.Hour)
}

// dateTime reads a timestamp: API v1 and the CSV export write
// "YYYY-MM-DD HH:MM:SS" in UTC, API v2 ISO 8601, a spreadsheet a serial
// date.
func (f field) dateTime() time.Time {
	return f.when(func(s string) (time.Time, bool) { return value.DateTime(s, time.UTC) },
		"a date and time (want YYYY-MM-DD HH:MM:SS, ISO 8601 or a spreadsheet serial date)")
}

// when reads a date or time as read does, or as a spreadsheet serial date
// (a CSV file saved again in a spreadsheet); empty is the zero time.
func (f field) when(read func(string) (time.Time, bool), want string) time.Time {
	t, _ := parsed(f, func(s string) (time.Time, bool) {
		if t, ok := read(s); ok {
			return t, true
		}
		t, serial, err := value.SerialDate(s)
		if err != nil {
			f.fail("%v", err) // a number that is no date, said before the want
		}
		return t, serial && err == nil
	}, want)
	return t
}

// hours reads H:MM[:SS], or the fraction of a day a spreadsheet leaves.
func hours(s string) (time.Duration, bool) {
	if d, ok := value.Clock(s); ok {
		return d, true
	}
	return value.DayFraction(s)
}

// clock reads a time of day. ok is false when the field is empty: the
// activity has a date but no time.
func (f field) clock() (since time.Duration, ok bool) {
	return parsed(f, func(s string) (time.Duration, bool) {
		d, ok := hours(s)
		return d, ok && d < 24*time.Hour
	}, "a time of day (want HH:MM)")
}

// duration reads a duration, whose hours may pass 24, in whole seconds;
// empty is 0.
func (f field) duration() int64 {
	d, _ := parsed(f, hours, "a duration (want HH:MM)")
	return int64(d / time.Second)
}

// done reads whether an activity is done: Pipedrive's API writes 0/1 (v1)
// or true/false (v2), its CSV export "Done" or "To do".
func (f field) done() bool {
	switch strings.ToLower(f.value()) {
	case "1", "true", "done", "yes":
		return true
	case "", "0", "false", "to do", "todo", "not done", "no":
		return false
	}
	f.fail("%q is neither done nor to do (want 0/1, true/false, Done or To do)", f.value())
	return false
}

// flag reads an API boolean (true/false or 0/1); empty is otherwise.
func (f field) flag(otherwise bool) bool {
	flags := map[string]bool{"1": true, "true": true, "0": false, "false": false}
	if b, ok := parsed(f, func(s string) (b, ok bool) { b, ok = flags[strings.ToLower(s)]; return }, "a boolean"); ok {
		return b
	}
	return otherwise
}

// number reads an amount; empty is nil.
func (f field) number() *float64 {
	if n, ok := parsed(f, value.Number, "a number"); ok {
		return &n
	}
	return nil
}

// nameKey is how names are compared: case, accents kept, spacing not.
func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
