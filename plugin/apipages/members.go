package apipages

import "strings"

// Text reads a member as text, as Scalar does (a string as it is, a number
// or boolean as written), with surrounding spaces trimmed; missing, null
// and a value that fails are empty.
func (r *Fields) Text(name string) string {
	s, _ := r.Scalar(name, false)
	return strings.TrimSpace(s)
}

// Member is the record held in the member name ("associations",
// "Owner"), its errors naming it by its path; an empty record when the
// member is missing or null. A value that is not an object fails r and
// gives an empty record too, so that a mapping reads on and checks once.
// The nested record keeps its own first error: r.FailWith(n.Err) makes it
// r's.
func (r *Fields) Member(name string) *Fields {
	raw, ok := r.Value(name)
	if !ok {
		raw = emptyObject
	}
	n, err := r.Nested(name, raw)
	if err != nil {
		r.FailWith(err)
		n, _ = r.Nested(name, emptyObject)
	}
	return n
}

var emptyObject = []byte("{}")
