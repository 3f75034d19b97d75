package pipedrive

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// knownOptions are the Read options the connector declares.
var knownOptions = readOptions(&options{}).Names()

func TestInfo(t *testing.T) {
	info, err := plugintest.Connect(t, New()).Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "pipedrive" || info.Version != connectorVersion || info.ProtocolVersion != plugin.ProtocolVersion {
		t.Errorf("info = %s %s protocol %d", info.Name, info.Version, info.ProtocolVersion)
	}
	if !info.AcceptsDirectory || !info.AcceptsArchive {
		t.Error("the connector reads directories and archives")
	}
	for _, option := range knownOptions {
		if info.Options[option] == "" {
			t.Errorf("option %s is not described", option)
		}
	}
	if len(info.Options) != len(knownOptions) {
		t.Errorf("Info describes options %v, the connector knows %v", info.Options, knownOptions)
	}
	if slices.Contains(info.Kinds, plugin.KindAttendee) || !slices.Contains(info.Kinds, plugin.KindActivity) {
		t.Errorf("kinds = %v: attendees come with their activities", info.Kinds)
	}
}

func TestCheckAcceptsTheFixtures(t *testing.T) {
	remote := plugintest.Connect(t, New())
	for _, name := range []string{"api", "api-v2.zip", "csv"} {
		t.Run(name, func(t *testing.T) {
			export := fixtureByName(name)
			res, err := remote.Check(context.Background(), export.path())
			if err != nil {
				t.Fatal(err)
			}
			if !res.Accepted || res.Confidence != confidenceWithUsers || !strings.Contains(res.Reason, "activities") {
				t.Fatalf("refused: %+v", res)
			}
			want := connectortest.ExpectedSummary(export.files)
			if len(res.Files) != len(want) {
				t.Errorf("files %v, want %v", res.Files, slices.Sorted(maps.Keys(want)))
			}
			for _, f := range res.Files {
				w, ok := want[f.File]
				if !ok {
					t.Errorf("%s is not a file the connector reads", f.File)
					continue
				}
				if kind := export.file(f.File).kind; kind != "" && f.Kind != kind {
					t.Errorf("%s: kind %s, want %s", f.File, f.Kind, kind)
				}
				if f.SizeBytes <= 0 || !connectortest.PageEstimateFits(f.EstimatedRows, w.RowsRead, f.SizeBytes) {
					t.Errorf("%s: %d bytes, ~%d rows; it has %d", f.File, f.SizeBytes, f.EstimatedRows, w.RowsRead)
				}
			}
		})
	}
}

func TestCheckAcceptsActivitiesAlone(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "csv"), "users.json", hierarchyFileName)
	res, err := plugintest.Connect(t, New()).Check(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted || res.Confidence != confidenceActivitiesAlone ||
		!strings.Contains(res.Reason, "no users page") || !strings.Contains(res.Reason, "no "+hierarchyFileName) {
		t.Errorf("CSV activities without users: %+v", res)
	}
}

func TestCheckRefuses(t *testing.T) {
	hubspot := t.TempDir()
	connectortest.WriteFile(t, hubspot, "activities.json", `{"results": [{"id": "1", "properties": {"hs_meeting_title": "QBR"}}], "paging": {}}`)
	connectortest.WriteFile(t, hubspot, "hubspot-crm-exports-all-deals-2025-01-31.csv", "\"Record ID\",\"Deal Name\"\n\"1\",\"Big deal\"\n")
	zoho := t.TempDir()
	connectortest.WriteFile(t, zoho, "Calls.json", `{"data": [{"id": "1", "Subject": "Call", "Call_Start_Time": "2025-01-07T09:00:00+01:00"}], "info": {"more_records": false}}`)
	usersOnly := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "api"),
		"activities-0.json", "activities-100.json", "activities-200.json", "activities-300.json")
	noIDs := t.TempDir()
	connectortest.WriteFile(t, noIDs, "activities.csv", "\"Activity - Subject\",\"Activity - Type\"\n\"Klantbezoek\",\"Meeting\"\n")
	notAZip := connectortest.WriteFile(t, t.TempDir(), "export.zip", "not a zip")

	tests := []struct {
		name, path, reason string
	}{
		{"an empty directory", t.TempDir(), "no Pipedrive activities"},
		{"a Salesforce export", filepath.Join("..", "..", "..", "testdata", "salesforce", "acme"), "no Pipedrive activities"},
		{"a HubSpot export", hubspot, "no Pipedrive activities"},
		{"a Zoho page", zoho, "no Pipedrive activities"},
		{"users without activities", usersOnly, "no Pipedrive activities"},
		{"a plain file", filepath.Join(fixturesRoot, "csv", csvActivities), "give the directory"},
		{"a missing path", filepath.Join(t.TempDir(), "missing"), "does not exist"},
		{"an export without IDs", noIDs, `no "Activity - ID"`},
		{"a broken archive", notAZip, "cannot open"},
	}
	remote := plugintest.Connect(t, New())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { connectortest.CheckRefusal(t, remote, tt.path, tt.reason) })
	}
}

func TestRecogniseRecords(t *testing.T) {
	tests := []struct {
		file, page string
		want       entity
	}{
		{"a.json", `{"success": true, "data": [{"id": 1, "subject": "x", "due_date": "2025-01-07"}]}`, entityActivities},
		{"a.json", `[{"id": 1, "title": "x", "status": "open", "stage_id": 2}]`, entityDeals},
		{"a.json", `{"success": true, "data": [{"id": 1, "name": "Qualified", "order_nr": 1, "pipeline_id": 1}]}`, entityStages},
		{"a.json", `{"success": true, "data": [{"id": 1, "name": "Ann", "email": "a@x", "role_id": 1}]}`, entityUsers},
		{"a.json", `{"success": true, "data": [{"id": 1, "name": "Ann", "emails": [], "org_id": 2}]}`, entityPersons},
		{"a.json", `{"success": true, "data": [{"id": 1, "name": "Acme", "owner_id": 7}]}`, entityOrganizations},
		{"organizationFields.json", `{"success": true, "data": [{"key": "name", "name": "Name", "field_type": "varchar"}]}`, entityOrgFields},
		// v1 answers "data": null for an empty list: the name tells.
		{"activities_500.json", `{"success": true, "data": null}`, entityActivities},
	}
	for _, tt := range tests {
		first, isPage := apipages.PeekIn(strings.NewReader(tt.page), apiPage)
		var got entity
		var ok bool
		if first == nil {
			got, ok = entityFromName(tt.file)
		} else {
			got, ok = entityFromKeys(first, tt.file)
		}
		if !isPage || !ok || got != tt.want {
			t.Errorf("%s %s: %v %v, want %v", tt.file, tt.page, got, ok, tt.want)
		}
	}
	for _, page := range []string{
		`{"success": true, "data": [{"key": "name", "name": "Name", "field_type": "varchar"}]}`, // dealFields.json
		`{"results": [{"id": "1"}]}`,
		`"data"`,
	} {
		first, isPage := apipages.PeekIn(strings.NewReader(page), apiPage)
		if isPage && first != nil {
			if e, ok := entityFromKeys(first, "dealFields.json"); ok {
				t.Errorf("%s recognised as %v", page, e)
			}
		} else if isPage {
			t.Errorf("%s taken for a page", page)
		}
	}
}

// TestAFileThatCannotBeReadRefusesTheExportWithoutAPanic: an export whose
// folder holds a link leaving it is refused with the reason, in Check and
// in Read; the connector used to panic sorting the files, as a file that
// cannot be read holds nothing.
func TestAFileThatCannotBeReadRefusesTheExportWithoutAPanic(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "api"))
	outside := connectortest.WriteFile(t, t.TempDir(), "notes.json", `{"data": []}`)
	if err := os.Symlink(outside, filepath.Join(dir, "notes.json")); err != nil {
		t.Fatal(err)
	}
	host := plugintest.Connect(t, New())
	res, err := host.Check(context.Background(), dir)
	if err != nil {
		t.Fatalf("Check failed instead of answering: %v", err)
	}
	if res.Accepted || !strings.Contains(res.Reason, "notes.json") {
		t.Errorf("Check: accepted %v, reason %q; want a refusal naming notes.json", res.Accepted, res.Reason)
	}
	if _, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir}); err == nil || !strings.Contains(err.Error(), "notes.json") {
		t.Errorf("Read: %v, want a refusal naming notes.json", err)
	}
}
