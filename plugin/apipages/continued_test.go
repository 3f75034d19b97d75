package apipages

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest/hostile"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// TestMembersAfterTheRecordsAreKept: Zoho's info and Dataverse's
// @odata.nextLink come after the records.
func TestMembersAfterTheRecordsAreKept(t *testing.T) {
	text := `{"@odata.context": "ctx", "value": [{"a": 1}], "@odata.nextLink": "https://x/next", "info": {"more_records": true}}`
	r := NewReader(strings.NewReader(text), Page{Keys: []string{"value"}, KeepMembers: true})
	for {
		if _, err := r.Next(); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]string{}
	for k, v := range r.Members() {
		got[k] = string(v)
	}
	want := map[string]string{"@odata.context": `"ctx"`, "@odata.nextLink": `"https://x/next"`, "info": `{"more_records": true}`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("members %v, want %v", got, want)
	}
}

// TestAPageCutAfterItsRecords: its records are all there, but not what
// says whether more follow, so a Reader that keeps the members fails the
// page; one that does not (HubSpot's, Pipedrive's) reads it as before.
func TestAPageCutAfterItsRecords(t *testing.T) {
	text := "{\"data\": [{\"a\": 1}],\n\"info\": {\"more_rec"
	for keep, wantErr := range map[bool]bool{true: true, false: false} {
		r := NewReader(strings.NewReader(text), Page{Name: "Calls.json", Keys: []string{"data"}, KeepMembers: keep})
		var err error
		for err == nil {
			_, err = r.Next()
		}
		if got := !errors.Is(err, io.EOF); got != wantErr {
			t.Errorf("keeping the members %v: %v", keep, err)
		}
		if wantErr && !strings.Contains(err.Error(), "Calls.json line 2") {
			t.Errorf("the error does not name the file and line: %v", err)
		}
	}
}

// morePages reads a zip of pages whose "more" member says more follow.
func morePages(t *testing.T, files map[string]string) error {
	t.Helper()
	var entries []hostile.ZipEntry
	for name, text := range files {
		entries = append(entries, hostile.ZipEntry{Name: name, Content: text})
	}
	path := filepath.Join(t.TempDir(), "export.zip")
	hostile.WriteZip(t, path, entries...)
	pages := Pages[users]{What: "test pages", Keys: []string{"data"}, Response: "test response", PageSuffix: "-%d",
		Find: func(ctx context.Context, src *export.Source) ([]PageFile[users], error) {
			return FindPages(ctx, src, func(export.File) (users, int) { return users{}, 1 })
		},
		Continued: func(members map[string]json.RawMessage) string {
			if Text(members["more"]) == "true" {
				return "more is true"
			}
			return ""
		}}
	// The error as Read returns it, before the protocol makes it text.
	var readErr error
	c := &export.Connector{About: plugin.Info{Name: "test"}, ReadExport: func(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
		readErr = pages.Read(ctx, req.Path, w, (&skipRun{reason: "read"}).Mapper)
		return readErr
	}}
	if _, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: path}); (err == nil) != (readErr == nil) {
		t.Fatalf("the Read's error %v came to the host as %v", readErr, err)
	}
	return readErr
}

func TestAPageThatSaysMoreFollowIsFollowed(t *testing.T) {
	const more, last = `{"data": [{"id": "1"}], "more": true}`, `{"data": [{"id": "2"}], "more": false}`
	for _, c := range []struct {
		name  string
		files map[string]string
		// missing are the pages the error names, as "after → want".
		missing []string
	}{
		{"the last page", map[string]string{"Calls.json": more, "Calls_page2.json": last}, nil},
		{"no next page", map[string]string{"Calls.json": more}, []string{"Calls.json → Calls-2.json"}},
		{"named as the others", map[string]string{"Calls_page1.json": more, "Calls_page2.json": more},
			[]string{"Calls_page2.json → Calls_page3.json"}},
		{"a gap", map[string]string{"Calls.json": more, "Calls_page3.json": last}, []string{"Calls.json → Calls_page2.json"}},
		{"a gap and no last page", map[string]string{"Calls.json": more, "Calls_page3.json": more},
			[]string{"Calls.json → Calls_page2.json", "Calls_page3.json → Calls_page4.json"}},
		// A browser saves the same URL again as "Calls (1).json".
		{"saved by a browser", map[string]string{"Calls.json": more, "Calls (1).json": last}, nil},
		{"saved by a browser, the last missing", map[string]string{"Calls.json": more, "Calls (1).json": more},
			[]string{"Calls.json → Calls (2).json"}},
		{"numbered from 0", map[string]string{"events-0.json": more, "events-1.json": last}, nil},
		{"numbered with zeros", map[string]string{"events-01.json": more}, []string{"events-01.json → events-02.json"}},
		// Each folder is a listing of its own: Ben's second page is not Ana's.
		{"a folder per calendar", map[string]string{"ana/events.json": more, "ben/events.json": more, "ben/events-2.json": last},
			[]string{"ana/events.json → ana/events-2.json"}},
		{"several listings", map[string]string{"Calls.json": more, "Calls_page2.json": last, "Tasks.json": last}, nil},
	} {
		err := morePages(t, c.files)
		var missing *MissingPagesError
		if len(c.missing) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !errors.As(err, &missing) {
			t.Errorf("%s: %v, want the missing pages %v", c.name, err, c.missing)
			continue
		}
		var got []string
		for _, p := range missing.Pages {
			got = append(got, p.After+" → "+p.Want)
			if p.Says != "more is true" {
				t.Errorf("%s: %s says %q", c.name, p.After, p.Says)
			}
		}
		if !reflect.DeepEqual(got, c.missing) {
			t.Errorf("%s: missing %v, want %v", c.name, got, c.missing)
		}
	}
}

func TestTheMissingPageErrorSaysWhatToDo(t *testing.T) {
	err := &MissingPagesError{Pages: []MissingPage{{After: "Calls.json", Says: "info.more_records is true", Want: "Calls_page2.json"}}}
	for _, want := range []string{"Calls.json says more records follow (info.more_records is true), but Calls_page2.json, the page after it, is not in the export",
		"save the pages that follow", "rename it"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
}
