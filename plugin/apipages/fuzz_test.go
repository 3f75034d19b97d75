package apipages

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"
)

// FuzzPageReader feeds arbitrary bytes to the saved-page reader and to
// the Fields of every record it yields: it must never panic nor loop,
// every record must come with a line inside the page and lines that never
// go back, and every reject's excerpt and reason must be valid UTF-8
// (protobuf refuses anything else). Crashers found are kept in
// testdata/fuzz/FuzzPageReader. Run longer by hand with:
//
//	go test ./plugin/apipages -run '^$' -fuzz '^FuzzPageReader$' -fuzztime 5m
func FuzzPageReader(f *testing.F) {
	for _, seed := range []string{
		`{"results": [{"id": "1", "properties": {"hs_meeting_title": "Kick-off"}}, {"id": 2}]}`,
		`{"@odata.context": "x", "value": [{"activityid": "a", "scheduledstart": "2026-03-02T09:00:00Z"}], "@odata.nextLink": "y"}`,
		`{"data": null, "info": {"more_records": false}}`,
		`[{"id": 1}, {"id": 2.5}, {"id": 9223372036854775807}, {"id": "0001-01-01T00:00:00Z"}]`,
		"{\"results\": [\n{\"id\": \"caf\xe9\"},\n{\"id\": \"\\ud800\"}\n",
		`{"results": [{"id": 1}`,
		`{"results": {"id": 1}}`,
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), Page{Name: "fuzz.json", What: "page", Keys: []string{"results", "value", "data"}, NullIsEmpty: true})
		lines := bytes.Count(data, []byte{'\n'}) + 1
		var last int64
		for i := 0; ; i++ {
			if i > len(data) {
				t.Fatalf("more records than bytes in %q", data)
			}
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !utf8.ValidString(err.Error()) {
					t.Fatalf("error %q is not UTF-8", err)
				}
				return
			}
			if rec.Line < max(last, 1) || rec.Line > int64(lines) {
				t.Fatalf("record at line %d after line %d in a page of %d lines", rec.Line, last, lines)
			}
			last = rec.Line
			checkFields(t, rec)
		}
	})
}

// checkFields reads a record's members the way mappings do: a value that
// cannot be read is a reject whose reason is valid UTF-8.
func checkFields(t *testing.T, rec Record) {
	t.Helper()
	if !utf8.ValidString(Excerpt(rec.Raw)) {
		t.Fatalf("excerpt of %q is not UTF-8", rec.Raw)
	}
	fields, err := NewFields(rec.Line, rec.Raw, "")
	if err != nil {
		return
	}
	for _, name := range []string{"id", "properties", "scheduledstart"} {
		_ = fields.Text(name)
		_, _ = fields.Int(name)
		_ = fields.Time(name, fields.Text(name), "ISO 8601")
	}
	if fields.Err != nil && !utf8.ValidString(fields.Err.Reason) {
		t.Fatalf("reason %q is not UTF-8", fields.Err.Reason)
	}
}
