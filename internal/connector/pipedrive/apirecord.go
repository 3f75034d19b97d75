package pipedrive

import (
	"bytes"
	"encoding/json"
	"github.com/salesaudit/salesaudit/plugin"
	"strings"
)

// apiRecord is one element of the data array of a saved API page: an
// activity, a deal, a user... Its values are read by key, each as text,
// so that a value of the wrong type becomes a reject naming its key.
type apiRecord struct {
	values
	line   int64
	fields map[string]json.RawMessage
}

// newAPIRecord reads one element of a page. An element that is not a JSON
// object is a *plugin.RowError: the page is readable, the element is not.
func newAPIRecord(line int64, raw json.RawMessage) (*apiRecord, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return nil, &plugin.RowError{Reason: "the element is " + describeJSON(raw) + ", not an object"}
	}
	return &apiRecord{line: line, fields: fields}, nil
}

// has reports whether the record has key with a value other than null.
func (r *apiRecord) has(key string) bool {
	raw, ok := r.fields[key]
	return ok && !isNull(raw)
}

// key is the first of keys the record has (v1 and v2 name some fields
// differently), or the first of keys when it has none.
func (r *apiRecord) key(keys ...string) string {
	for _, k := range keys {
		if r.has(k) {
			return k
		}
	}
	return keys[0]
}

// text is a plain value (a string, number or boolean) as text, under the
// first of keys the record has. Null and absent are empty; an object or
// an array is a bad value.
func (r *apiRecord) text(keys ...string) field {
	k := r.key(keys...)
	s, ok := scalarText(r.fields[k])
	if !ok {
		r.fail(k, "the value is %s, not a plain value", describeJSON(r.fields[k]))
	}
	return field{name: k, text: s}
}

// ref is a reference to another record, as its ID: v2 writes the ID
// itself, v1 often an object that carries it as "value" (or "id")
// beside the record's name and other details.
func (r *apiRecord) ref(keys ...string) field {
	k := r.key(keys...)
	raw := r.fields[k]
	if isObject(raw) {
		var inner map[string]json.RawMessage
		_ = json.Unmarshal(raw, &inner) // it is an object: it decodes
		for _, idKey := range []string{"value", "id"} {
			if id, ok := scalarText(inner[idKey]); ok && id != "" {
				return field{name: k, text: id}
			}
		}
		r.fail(k, "the object has no \"value\" or \"id\"")
		return field{name: k}
	}
	s, ok := scalarText(raw)
	if !ok {
		r.fail(k, "the value is %s, not an ID", describeJSON(raw))
	}
	return field{name: k, text: s}
}

// list is the elements of an array under key; null and absent are none.
func (r *apiRecord) list(key string) []json.RawMessage {
	raw := r.fields[key]
	if len(raw) == 0 || isNull(raw) {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		r.fail(key, "the value is %s, not an array", describeJSON(raw))
		return nil
	}
	return items
}

// nested reads an element of one of the record's arrays (an attendee, an
// e-mail address) as a record of its own on the same line. ok is false
// when the element is not an object, which fails the record.
func (r *apiRecord) nested(key string, raw json.RawMessage) (*apiRecord, bool) {
	inner, err := newAPIRecord(r.line, raw)
	if err != nil {
		r.fail(key, "an element is %s, not an object", describeJSON(raw))
		return nil, false
	}
	return inner, true
}

// absorb passes a bad value of an element (an attendee, an option) on to
// the record, named key.field; it reports whether there was one.
func (r *apiRecord) absorb(key string, element *apiRecord) bool {
	if element.err == nil {
		return false
	}
	r.fail(key+"."+element.err.Field, "%s", element.err.Reason)
	return true
}

// custom is a custom field's value, and whether the record has the field
// at all: v1 writes custom fields among the others under their
// 40-character key, v2 in a "custom_fields" object.
func (r *apiRecord) custom(key string) (field, bool) {
	if raw, ok := r.fields[key]; ok {
		return r.customValue(key, raw), true
	}
	custom := r.fields["custom_fields"]
	if !isObject(custom) {
		return field{name: key}, false
	}
	var inner map[string]json.RawMessage
	_ = json.Unmarshal(custom, &inner)
	raw, ok := inner[key]
	return r.customValue("custom_fields."+key, raw), ok
}

// customValue reads a custom field's value: plain, an option ID, a list
// of option IDs ("set" fields, written "1,2" by v1 and [1,2] by v2), or
// a monetary object {"value": 1000, "currency": "EUR"} (v2).
func (r *apiRecord) customValue(name string, raw json.RawMessage) field {
	switch {
	case isObject(raw):
		var money struct{ Value json.RawMessage }
		_ = json.Unmarshal(raw, &money)
		s, _ := scalarText(money.Value)
		return field{name: name, text: s}
	case len(raw) > 0 && raw[0] == '[':
		var items []json.RawMessage
		_ = json.Unmarshal(raw, &items)
		parts := make([]string, 0, len(items))
		for _, item := range items {
			if s, ok := scalarText(item); ok {
				parts = append(parts, s)
			}
		}
		return field{name: name, text: strings.Join(parts, ",")}
	}
	s, _ := scalarText(raw)
	return field{name: name, text: s}
}

// isDeleted reports whether an API record is deleted: v1 clears
// active_flag (deals set "deleted" and the status "deleted"), v2 sets
// is_deleted. A v1 deal's "active" only says it is open.
func isDeleted(r *apiRecord) bool {
	return !r.flag(r.text("active_flag"), true) || r.flag(r.text("is_deleted", "deleted"), false) ||
		strings.EqualFold(r.text("status").value(), "deleted")
}

// scalarText is a JSON string, number or boolean as text; null and
// absent are "". ok is false for objects and arrays.
func scalarText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || isNull(raw) {
		return "", true
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return s, true
	case '{', '[':
		return "", false
	}
	// A number, true or false: the literal is the text.
	return string(raw), true
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

// describeJSON names the type of a JSON value, for messages.
func describeJSON(raw json.RawMessage) string {
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
