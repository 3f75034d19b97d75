package apipages

import (
	"bytes"
	"encoding/json"
	"strings"
)

// FirstOf is the first of names the record has a value for (not null),
// or the first of names when it has none: versions of an API name some
// members differently (v1's "user_id", v2's "owner_id").
func (r *Fields) FirstOf(names ...string) string {
	for _, name := range names {
		if _, ok := r.Value(name); ok {
			return name
		}
	}
	return names[0]
}

// HasAny reports whether the record has any of names, even null: for
// telling a collection by the members only its records have, under any
// of the names an API's versions give them.
func (r *Fields) HasAny(names ...string) bool {
	for _, name := range names {
		if r.Has(name) {
			return true
		}
	}
	return false
}

// Ref reads a member that refers to another record, as that record's ID:
// the ID itself (a string or a number), or an object that holds it under
// the first of idKeys it has, beside the record's name and other details,
// as APIs that expand references write it ({"value": 7, "name": "Ada"}).
// Missing and null are "".
func (r *Fields) Ref(name string, idKeys ...string) string {
	v, ok := r.Value(name)
	switch {
	case !ok:
		return ""
	case v[0] == '{':
		inner, _ := r.Nested(name, v) // an object: it decodes
		for _, k := range idKeys {
			if id, ok := inner.Scalar(k, true); ok && id != "" {
				return id
			}
		}
		r.Fail(name, "the object has no %s", `"`+strings.Join(idKeys, `" or "`)+`"`)
		return ""
	case v[0] == '[':
		r.Fail(name, "the value is %s, not an ID", TypeName(v))
		return ""
	}
	id, _ := r.Scalar(name, false)
	return id
}

// EachNested reads every element of the array member name as a nested
// record, named by its path in errors ("attendees.email"), and keeps the
// first error of any element, or of an element that is not an object, as
// the record's own: for records that list others (a meeting's attendees,
// a field's options). noun names what the member must be, as for List.
func (r *Fields) EachNested(name, noun string, read func(element *Fields)) {
	for _, raw := range r.List(name, noun) {
		element, err := r.Nested(name, raw)
		if err != nil {
			r.FailWith(err)
			continue
		}
		read(element)
		if element.Err != nil {
			r.FailWith(element.Err)
		}
	}
}

// Text is a JSON string, number or boolean as text, the string unquoted
// and the others as written; "" for null, an object or an array, and for
// no value at all.
func Text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil || len(raw) == 0 || raw[0] == '{' || raw[0] == '[' || IsNull(raw) {
		return s
	}
	return string(bytes.TrimSpace(raw))
}

// TypeName names the type of a JSON value for a reason: "an object",
// "an array", "a string", "a number", "a boolean", "null", or "missing"
// for no value at all.
func TypeName(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "missing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
