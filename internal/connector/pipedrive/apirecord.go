package pipedrive

import (
	"encoding/json"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// apiRecord is one element of the data array of a saved API page, its
// values read as fields under the first of the keys it has (v1 and v2
// name some differently).
type apiRecord struct{ *apipages.Fields }

// text is a plain value (a string, number or boolean) as text.
func (r apiRecord) text(keys ...string) field {
	k := r.FirstOf(keys...)
	s, _ := r.Scalar(k, false)
	return field{k, s, r.Fields}
}

// ref is a reference to another record, as its ID: v2 writes the ID
// itself, v1 often an object that carries it as "value" (or "id").
func (r apiRecord) ref(keys ...string) field {
	k := r.FirstOf(keys...)
	return field{k, r.Ref(k, "value", "id"), r.Fields}
}

const skipDeleted = "deleted in Pipedrive"

// deleted reports whether the record is deleted: v1 clears active_flag (a
// deal sets "deleted" and the status "deleted": its "active" only says it
// is open), v2 sets is_deleted.
func (r apiRecord) deleted() bool {
	return !r.text("active_flag").flag(true) || r.text("is_deleted", "deleted").flag(false) ||
		strings.EqualFold(r.text("status").value(), "deleted")
}

// custom is a custom field's value, and whether the record has the field
// at all: v1 writes custom fields among the others under their
// 40-character key, v2 in a "custom_fields" object. The value is plain,
// an option ID, a list of option IDs ("set" fields, written "1,2" by v1
// and [1,2] by v2), or a monetary object {"value": 1000, "currency":
// "EUR"} (v2).
func (r apiRecord) custom(key string) (field, bool) {
	in, name := r.Fields, key
	if v, ok := r.Value("custom_fields"); !r.Has(key) && ok && v[0] == '{' {
		in, _ = r.Nested("custom_fields", v)
		name = "custom_fields." + key
	}
	raw, _ := in.Value(key)
	text := apipages.Text(raw)
	var items []json.RawMessage
	if money, err := in.Nested(key, raw); err == nil {
		text, _ = money.Scalar("value", true)
	} else if json.Unmarshal(raw, &items) == nil {
		var parts []string
		for _, item := range items {
			if s := apipages.Text(item); s != "" {
				parts = append(parts, s)
			}
		}
		text = strings.Join(parts, ",")
	}
	return field{name, text, r.Fields}, in.Has(key)
}
