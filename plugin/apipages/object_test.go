package apipages

import (
	"bytes"
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestObjectReadsTheMembersByLowerCasedName(t *testing.T) {
	for _, c := range []struct {
		name, raw string
		want      map[string]string // nil: not an object
	}{
		{"members as written", `{"Id": "7", "properties": {"a": [1, 2]}, "n": null}`,
			map[string]string{"id": `"7"`, "properties": `{"a": [1, 2]}`, "n": "null"}},
		{"empty", ` { } `, map[string]string{}},
		{"a name written twice keeps its last value", `{"id": 1, "id": 2}`, map[string]string{"id": "2"}},
		{"also in two cases", `{"OwnerId": 1, "ownerid": 2}`, map[string]string{"ownerid": "2"}},
		{"an escaped name", `{"na\u006De": "x"}`, map[string]string{"name": `"x"`}},
		{"a name that is not UTF-8", "{\"caf\xe9\": 1}", map[string]string{"caf\ufffd": "1"}},
		{"null", `null`, nil},
		{"an array", `[{"id": 1}]`, nil},
		{"a string", `"{}"`, nil},
		{"cut short", `{"id": 1`, nil},
		{"something after it", `{"id": 1} {"id": 2}`, nil},
		{"not JSON", `{id: 1}`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Object(json.RawMessage(c.raw))
			if ok != (c.want != nil) {
				t.Fatalf("ok = %v for %s", ok, c.raw)
			}
			text := map[string]string{}
			for name, value := range got {
				text[name] = string(value)
			}
			if ok && !maps.Equal(text, c.want) {
				t.Errorf("%s read as %q, want %q", c.raw, text, c.want)
			}
		})
	}
}

// The members do not change when the record's bytes are reused.
func TestObjectKeepsItsOwnCopy(t *testing.T) {
	raw := []byte(`{"id": "7"}`)
	got, _ := Object(raw)
	copy(raw, `{"id": "8"}`)
	if string(got["id"]) != `"7"` {
		t.Errorf("id is %s after the record's bytes changed", got["id"])
	}
}

// hubspotCall is a record of a HubSpot calls page as the API returns it.
var hubspotCall = json.RawMessage(`{"id": "61020026100", "properties": {"hs_activity_type": null, "hs_call_body": "Spoke with the buyer.\nSends the PO next week.", "hs_call_direction": "OUTBOUND", "hs_call_disposition": "73a0d17f-1163-4015-bdd5-ec830791da20", "hs_call_duration": "0", "hs_call_status": "NO_ANSWER", "hs_call_title": "Appel de suivi Groupe M\u00e9ridien SA", "hs_createdate": "2026-01-06T20:21:29.212Z", "hs_lastmodifieddate": "2026-01-06T20:22:59.212Z", "hs_object_id": "61020026100", "hs_timestamp": "2026-01-06T16:45:00.000Z", "hubspot_owner_id": "412103115"}, "createdAt": "2026-01-06T20:21:29.212Z", "updatedAt": "2026-01-06T20:22:59.212Z", "archived": false, "associations": {"companies": {"results": [{"id": "28374006217", "type": "call_to_company"}]}, "contacts": {"results": [{"id": "98120009655", "type": "call_to_contact"}]}}}`)

func BenchmarkObject(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		record, ok := Object(hubspotCall)
		if !ok {
			b.Fatal("not an object")
		}
		if _, ok := Object(record["properties"]); !ok {
			b.Fatal("properties are not an object")
		}
	}
}

// FuzzObject checks Object against encoding/json on the same bytes: for
// every input encoding/json takes as one JSON object, Object reads it too,
// with the same members by lower-cased name (the last one written wins)
// and the same values; for anything else, Object refuses it. The inputs
// are kept to valid UTF-8, where the two agree on what a name is (each
// replaces bad bytes its own way). Run longer by hand with:
//
//	go test ./plugin/apipages -run '^$' -fuzz '^FuzzObject$' -fuzztime 5m
func FuzzObject(f *testing.F) {
	for _, seed := range []string{
		string(hubspotCall),
		`{"Id": 1, "id": 2, "ID": {"a": [1, "x"]}}`,
		`{"na\u006De": "\ud83d\ude00", "n": null, "e": 1e400}`,
		`{"id": 1} x`,
		`{"a": 1,}`,
		` [ ] `,
		`{}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return
		}
		got, ok := Object(data)
		want, isObject := objectByEncodingJSON(data)
		if ok != isObject {
			t.Fatalf("Object(%q) ok = %v, encoding/json reads an object: %v", data, ok, isObject)
		}
		if len(got) != len(want) {
			t.Fatalf("Object(%q) has %d members, encoding/json %d", data, len(got), len(want))
		}
		for name, value := range want {
			if !sameJSON(got[name], value) {
				t.Fatalf("Object(%q)[%q] = %s, encoding/json %s", data, name, got[name], value)
			}
		}
	})
}

// objectByEncodingJSON reads data as one JSON object with encoding/json's
// tokenizer, its names lower-cased and the last of a name kept; ok is
// false for anything that is not one valid JSON object.
func objectByEncodingJSON(data []byte) (map[string]json.RawMessage, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if open, err := dec.Token(); err != nil || open != json.Delim('{') {
		return nil, false
	}
	members := map[string]json.RawMessage{}
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return nil, false
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, false
		}
		members[strings.ToLower(name.(string))] = value
	}
	return members, true
}

// sameJSON reports whether two JSON values are the same once compacted.
func sameJSON(a, b json.RawMessage) bool {
	var ca, cb bytes.Buffer
	return json.Compact(&ca, a) == nil && json.Compact(&cb, b) == nil && bytes.Equal(ca.Bytes(), cb.Bytes())
}
