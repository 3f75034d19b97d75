package apipages

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReaderIsARowSource(t *testing.T) {
	page := `{"data": [{"id": 1},
{"id": 2}]}`
	r := NewReader(strings.NewReader(page), Page{Name: "p.json", Size: int64(len(page)), Keys: []string{"data"}, What: "test page"})
	var lines []int64
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, r.Line(rec))
		if r.Excerpt(rec) != `{"id":1}` && r.Excerpt(rec) != `{"id":2}` {
			t.Errorf("excerpt %q", r.Excerpt(rec))
		}
	}
	if read, size := r.Position(); len(lines) != 2 || lines[1] != 2 || read != size {
		t.Fatalf("lines %v, position %d of %d", lines, read, size)
	}
	if err := PageError("p.json", "test page", context.Canceled); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	_, err := NewReader(strings.NewReader(`{"info": {}}`), Page{Name: "Users.json", Keys: []string{"data"}, What: "Zoho CRM API response"}).Next()
	if err == nil || !strings.Contains(err.Error(), "Users.json: no records array") {
		t.Errorf("err = %v", err)
	}
}

func TestPageError(t *testing.T) {
	_, err := Each(strings.NewReader(`{"info": {}}`), []string{"data"}, func(Record) error { return nil })
	got := PageError("Users.json", "Zoho CRM API response", err).Error()
	if !strings.HasPrefix(got, "Users.json: no records array") || !strings.HasSuffix(got, ": not a Zoho CRM API response") {
		t.Errorf("got %q", got)
	}
	_, err = Each(strings.NewReader("{\"data\": [\n{\"id\": 1},\n{"), []string{"data"}, func(Record) error { return nil })
	if got := PageError("Calls.json", "x", err).Error(); !strings.HasPrefix(got, "Calls.json line 3: invalid JSON: ") {
		t.Errorf("got %q", got)
	}
	if got := Excerpt([]byte("{\n  \"a\": 1\n}")); got != `{"a":1}` {
		t.Errorf("Excerpt = %q", got)
	}
}

func TestRequiredFailsARecordWithoutItsKey(t *testing.T) {
	r, err := NewFields(3, json.RawMessage(`{"id": "", "name": "x"}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if id := r.Required("name", "x"); id != "x" || r.Err != nil {
		t.Errorf("got %q, %v", id, r.Err)
	}
	if r.Required("id", ""); r.Err == nil || r.Err.Field != "id" || r.Err.Reason != "the record has no id" {
		t.Errorf("got %v", r.Err)
	}
}

func TestNullRecordsAreAnEmptyPageOnlyWhenAskedFor(t *testing.T) {
	const empty = "{\n  \"success\": true,\n  \"data\": null,\n  \"additional_data\": {}\n}\n"
	page := Page{Name: "activities-400.json", Keys: []string{"data"}, What: "Pipedrive API response"}
	var syn *SyntaxError
	if _, err := NewReader(strings.NewReader(empty), page).Next(); err == nil || !strings.Contains(err.Error(), "activities-400.json line 3: invalid JSON") {
		t.Errorf("without NullIsEmpty: %v, want invalid JSON at line 3", err)
	}
	if first, err := FirstIn(strings.NewReader(empty), page); first != nil || !errors.As(err, &syn) {
		t.Errorf("FirstIn without NullIsEmpty: %s, %v", first, err)
	}
	page.NullIsEmpty = true
	if rec, err := NewReader(strings.NewReader(empty), page).Next(); !errors.Is(err, io.EOF) {
		t.Errorf("with NullIsEmpty: %+v, %v, want io.EOF", rec, err)
	}
	if first, err := FirstIn(strings.NewReader(empty), page); first != nil || err != nil {
		t.Errorf("FirstIn with NullIsEmpty: %s, %v", first, err)
	}
	// Only null: another value where the records should be is still wrong.
	if _, err := NewReader(strings.NewReader(`{"data": {}}`), page).Next(); err == nil || !strings.Contains(err.Error(), "is not an array") {
		t.Errorf(`"data": {} with NullIsEmpty: %v`, err)
	}
	if first, err := FirstIn(strings.NewReader(`{"data": [{"id": 1}, {"id": 2}]}`), page); string(first) != `{"id": 1}` || err != nil {
		t.Errorf("FirstIn: %s, %v", first, err)
	}
}
