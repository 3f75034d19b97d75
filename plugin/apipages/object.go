package apipages

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/value"
)

// Fields reads the members of one record of a page by name, matched
// without regard to case as CRM APIs' own tools match them, for a mapping
// that follows the SDK's row protocol: the first value that cannot be read
// is kept in Err, a *plugin.RowError naming the member, so that a mapping
// reads every field and checks once. A connector adds the readers its
// API's values need (IDs, lookups, times) on top of these.
type Fields struct {
	// Line is the line of the page the record starts on.
	Line    int64
	members map[string]json.RawMessage
	// prefix names a nested record ("Participants[2].") in errors.
	prefix string
	Err    *plugin.RowError
}

// NewFields decodes a record; prefix names it in errors when it is nested
// in another ("" for a page's own records). A value that is not a JSON
// object is a *plugin.RowError.
func NewFields(line int64, raw json.RawMessage, prefix string) (*Fields, error) {
	members, ok := Object(raw)
	if !ok {
		return nil, plugin.FieldError(strings.TrimSuffix(prefix, "."), "%.40s is not a JSON object", raw)
	}
	return &Fields{Line: line, members: members, prefix: prefix}, nil
}

// Fail keeps the first value that cannot be read, naming the member.
func (r *Fields) Fail(name, format string, args ...any) {
	if r.Err == nil {
		r.Err = plugin.FieldError(r.prefix+name, format, args...)
		// A reason quotes the value as written, which may not be UTF-8;
		// protobuf would refuse the reject, failing the whole Read.
		r.Err.Reason = strings.ToValidUTF8(r.Err.Reason, "\uFFFD")
		r.Err.Field = strings.ToValidUTF8(r.Err.Field, "\uFFFD")
	}
}

// FailWith keeps err, the *plugin.RowError of a nested record, as the
// record's first error.
func (r *Fields) FailWith(err error) {
	var bad *plugin.RowError
	if errors.As(err, &bad) && r.Err == nil {
		r.Err = bad
	}
}

// Value is the member's JSON value; null and absent are both missing.
func (r *Fields) Value(name string) (json.RawMessage, bool) {
	v, ok := r.members[strings.ToLower(name)]
	if !ok || IsNull(v) {
		return nil, false
	}
	return v, true
}

// Required is id, the record's own key read from the member name, which
// every record must have: an empty one fails the record.
func (r *Fields) Required(name, id string) string {
	if id == "" {
		r.Fail(name, "the record has no %s", name)
	}
	return id
}

// Has reports whether the record has the member, even null.
func (r *Fields) Has(name string) bool {
	_, ok := r.members[strings.ToLower(name)]
	return ok
}

// Names lists the record's member names, lower-cased, in order.
func (r *Fields) Names() []string {
	names := make([]string, 0, len(r.members))
	for k := range r.members {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Float reads a JSON number, or a string holding one, as some tools save
// amounts; ok is false when the member is missing or empty.
func (r *Fields) Float(name string) (float64, bool) {
	v, ok := r.Value(name)
	if !ok {
		return 0, false
	}
	text := string(bytes.TrimSpace(v))
	var s string
	if json.Unmarshal(v, &s) == nil {
		text = strings.TrimSpace(s)
		if text == "" {
			return 0, false
		}
	}
	f, ok := value.Number(text)
	if !ok {
		r.Fail(name, "%.40s is not a number", v)
	}
	return f, ok
}

// Number reads an optional amount; missing is nil.
func (r *Fields) Number(name string) *float64 {
	f, ok := r.Float(name)
	if !ok {
		return nil
	}
	return &f
}

// Bool reads true/false; missing is false.
func (r *Fields) Bool(name string) bool {
	v, ok := r.Value(name)
	if !ok {
		return false
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		r.Fail(name, "%.40s is not true or false", v)
	}
	return b
}

// List reads a member holding an array (of nested records, usually);
// missing is nil. noun names what it must be in the reason: "an array",
// "a list".
func (r *Fields) List(name, noun string) []json.RawMessage {
	v, ok := r.Value(name)
	if !ok {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		r.Fail(name, "%.40s is not %s", v, noun)
		return nil
	}
	return items
}

// Scalar reads a JSON string as it is and a number or boolean as written;
// an object or an array is a failure unless object is set, when ok is
// false and the caller reads it its own way (a lookup's name).
func (r *Fields) Scalar(name string, object bool) (s string, ok bool) {
	v, present := r.Value(name)
	if !present {
		return "", true
	}
	if json.Unmarshal(v, &s) == nil {
		return s, true
	}
	switch {
	case v[0] == '{' && object:
		return "", false
	case v[0] == '{' || v[0] == '[':
		r.Fail(name, "%.40s is not a text value", v)
		return "", true
	}
	return string(bytes.TrimSpace(v)), true
}

// Nested decodes raw, a record held in the member name ("Owner",
// "Participants[2]"), as fields whose errors name it by its path.
func (r *Fields) Nested(name string, raw json.RawMessage) (*Fields, error) {
	return NewFields(r.Line, raw, r.prefix+name+".")
}

// OptionMember is a member a Read option names (the field that holds a
// tier, say), checked against the first record of the page it is read
// from: a misspelt name would otherwise silently give nothing.
type OptionMember struct {
	// Option is the option's name, Member the member it names ("" for
	// none, which is never checked).
	Option, Member string
	checked        bool
}

// Check fails the Read, once, when r lacks the member under its name and
// every one of also (its formatted value, say). records says whose
// member it is ("the accounts of Accounts.json"), noun what the product
// calls one ("field", "attribute").
func (m *OptionMember) Check(r *Fields, records, noun string, also ...string) error {
	if m.checked || m.Member == "" {
		return nil
	}
	m.checked = true
	for _, name := range append([]string{m.Member}, also...) {
		if r.Has(name) {
			return nil
		}
	}
	return fmt.Errorf("option %s: %s have no %s %q", m.Option, records, noun, m.Member)
}
