package apipages

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func collect(t *testing.T, text string, keys ...string) ([]Record, error) {
	t.Helper()
	var out []Record
	_, err := Each(strings.NewReader(text), keys, func(r Record) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

func TestRecordsComeWithTheirLines(t *testing.T) {
	text := `{
  "paging": {"next": {"after": "2"}},
  "results": [
    {"id": "1", "properties": {"hs_meeting_title": "Kick-off"}},
    {
      "id": "2",
      "properties": {"hs_meeting_title": "QBR \"Acme\""}
    },
    {"id": "3"}
  ]
}`
	got, err := collect(t, text, "results")
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []int64{4, 5, 9}
	if len(got) != 3 {
		t.Fatalf("got %d records", len(got))
	}
	for i, r := range got {
		if r.Line != wantLines[i] {
			t.Errorf("record %d at line %d, want %d", i+1, r.Line, wantLines[i])
		}
	}
	var rec struct{ Properties map[string]string }
	if err := json.Unmarshal(got[1].Raw, &rec); err != nil || rec.Properties["hs_meeting_title"] != `QBR "Acme"` {
		t.Errorf("record 2 = %s (%v)", got[1].Raw, err)
	}
}

func TestTheFirstMatchingKeyAndBareArrays(t *testing.T) {
	got, err := collect(t, `{"@odata.context": "x", "value": [{"a": 1}, {"a": 2}], "@odata.nextLink": "y"}`, "results", "value", "data")
	if err != nil || len(got) != 2 {
		t.Fatalf("odata: %d records, %v", len(got), err)
	}
	got, err = collect(t, "[\n{\"a\": 1}\n]", "data")
	if err != nil || len(got) != 1 || got[0].Line != 2 {
		t.Fatalf("bare array: %+v, %v", got, err)
	}
	if _, err := collect(t, `{"info": {}}`, "data"); !errors.Is(err, ErrNoRecords) {
		t.Errorf("no array: %v", err)
	}
}

func TestMalformedJSONNamesItsLine(t *testing.T) {
	text := "{\"data\": [\n{\"a\": 1},\n{\"a\": tru},\n{\"a\": 3}\n]}"
	got, err := collect(t, text, "data")
	var syn *SyntaxError
	if !errors.As(err, &syn) || syn.Line != 3 {
		t.Fatalf("err = %v, want a syntax error at line 3", err)
	}
	if len(got) != 1 {
		t.Errorf("read %d records before the error, want 1", len(got))
	}
	if _, err := collect(t, "{\"data\": [\n{\"a\": 1},\n{\"a\"", "data"); !errors.As(err, &syn) {
		t.Errorf("truncated file: %v", err)
	}
}

func TestLargeFilesKeepLineNumbers(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\"results\": [\n")
	const n = 50000
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"id": "x", "note": "` + strings.Repeat("y", i%100) + `"}`)
	}
	b.WriteString("\n]}")
	count := 0
	_, err := Each(strings.NewReader(b.String()), []string{"results"}, func(r Record) error {
		count++
		if r.Line != int64(count+1) {
			t.Fatalf("record %d at line %d, want %d", count, r.Line, count+1)
		}
		return nil
	})
	if err != nil || count != n {
		t.Fatalf("%d records, %v", count, err)
	}
}

// failingEnd is a file whose end fails, as a zip entry whose checksum
// does not match fails once read whole.
type failingEnd struct{ err error }

func (f failingEnd) Read([]byte) (int, error) { return 0, f.err }

// TestAPageWhoseEndFailsIsNotRead: a page's records are all read before
// its file ends, so the file must be read to its end, where a damaged zip
// entry says so, or a damaged page would load as it reads.
func TestAPageWhoseEndFailsIsNotRead(t *testing.T) {
	for name, page := range map[string]string{
		"records":      `{"data": [{"id": 1}, {"id": 2}], "additional_data": {}}` + "\n",
		"a bare array": `[{"id": 1}]`,
	} {
		_, err := Each(io.MultiReader(strings.NewReader(page), failingEnd{zip.ErrChecksum}), []string{"data"}, func(Record) error { return nil })
		if !errors.Is(err, zip.ErrChecksum) {
			t.Errorf("%s: %v, want the end's checksum error", name, err)
		}
	}
}
