package apipages

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
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

type users struct{}

func (users) RecordKind() plugin.RecordKind { return plugin.KindUser }
func (users) Rank() int                     { return 0 }

// skipRun skips every record, saying which option the Read was given.
type skipRun struct{ reason string }

func (r *skipRun) Mapper(PageFile[users], *plugin.FileWriter) func(*Fields) error {
	return func(*Fields) error { return plugin.Skip(r.reason) }
}

func TestReadExportParsesTheOptionsOfEachRead(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Users.json"), []byte(`{"data": [{"id": "1"}, {"id": "2"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := Pages[users]{What: "test pages", Keys: []string{"data"}, Response: "test response",
		Find: func(ctx context.Context, src *export.Source) ([]PageFile[users], error) {
			return FindPages(ctx, src, func(export.File) (users, int) { return users{}, 1 })
		}}
	errBadOption := errors.New("bad option")
	parse := func(raw map[string]string) (string, error) {
		if raw["reason"] == "" {
			return "", errBadOption
		}
		return raw["reason"], nil
	}
	start := func(reason string, _ *plugin.Writer) *skipRun { return &skipRun{reason: reason} }
	c := &export.Connector{About: plugin.Info{Name: "test"}, ReadExport: ReadExport(pages, parse, start)}

	_, summary, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: dir, Options: map[string]string{"reason": "asked"}})
	if err != nil || len(summary.Files) != 1 || summary.Files[0].RowsSkipped["asked"] != 2 {
		t.Fatalf("summary %+v, %v: want both records skipped as asked", summary, err)
	}
	if _, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: dir}); err == nil || !strings.Contains(err.Error(), errBadOption.Error()) {
		t.Errorf("without the option: %v, want %v", err, errBadOption)
	}
}
