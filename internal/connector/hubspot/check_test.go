package hubspot

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

func TestCheckAcceptsHubSpotExportsAndListsTheirFiles(t *testing.T) {
	for _, e := range allFixtures() {
		t.Run(e.dir, func(t *testing.T) {
			res, err := New().Check(context.Background(), e.path())
			if err != nil || !res.Accepted {
				t.Fatalf("Check = %+v, %v", res, err)
			}
			if res.Confidence != confidenceWithOwners {
				t.Errorf("confidence %d, want %d", res.Confidence, confidenceWithOwners)
			}
			listed := map[string]plugin.FileMatch{}
			for _, f := range res.Files {
				listed[f.File] = f
			}
			for _, f := range e.files {
				m, ok := listed[f.name]
				switch {
				case f.kind == "" && ok:
					t.Errorf("%s is listed, but the connector does not read it", f.name)
				case f.kind == "":
				case !ok:
					t.Errorf("%s is not listed", f.name)
				case m.Kind != f.kind || m.SizeBytes != int64(len(f.data)):
					t.Errorf("%s: kind %s, %d bytes; want %s, %d", f.name, m.Kind, m.SizeBytes, f.kind, len(f.data))
				case !connectortest.PageEstimateFits(m.EstimatedRows, int64(len(f.records)), int64(len(f.data))):
					t.Errorf("%s: ~%d rows, it has %d", f.name, m.EstimatedRows, len(f.records))
				}
			}
			if !strings.HasPrefix(res.Reason, "a HubSpot export") {
				t.Errorf("reason %q", res.Reason)
			}
		})
	}
}

func TestCheckRefusesWhatIsNotAHubSpotExportWithAReason(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	api := apiExport(generateCompany())
	noActivities := map[string]string{}
	for _, name := range []string{"owners.json", "companies-page-1.json", "deals-page-1.json"} {
		noActivities[name] = string(api.file(name).data)
	}
	cases := map[string]string{
		"empty directory":     t.TempDir(),
		"missing path":        filepath.Join(t.TempDir(), "nothing-here"),
		"Salesforce export":   filepath.Join(root, "salesforce", "acme"),
		"Salesforce zip":      filepath.Join(root, "salesforce", "acme.zip"),
		"reports":             filepath.Join(root, "golden", "acme"),
		"a plain file":        filepath.Join(fixturesRoot, "README.md"),
		"a single API page":   filepath.Join(api.path(), "meetings-page-1.json"),
		"no activities":       connectortest.TempDir(t, noActivities),
		"contacts export":     connectortest.TempDir(t, map[string]string{uiFileName("contacts"): string(contactsTable(generateCompany()).render().data)}),
		"Dataverse Web API":   connectortest.TempDir(t, map[string]string{"appointments.json": `{"@odata.context": "x", "value": [{"activityid": "a", "subject": "Demo"}]}`}),
		"Zoho CRM API":        connectortest.TempDir(t, map[string]string{"Calls.json": `{"data": [{"id": "1", "Subject": "Call", "Call_Duration": "05:00"}], "info": {"more_records": false}}`}),
		"Pipedrive CSV":       connectortest.TempDir(t, map[string]string{"activities.csv": "Activity - ID,Activity - Type,Activity - Subject\n1,call,Follow-up\n"}),
		"unrelated JSON list": connectortest.TempDir(t, map[string]string{"tasks.json": `{"results": [{"title": "Buy milk", "done": false}]}`}),
	}
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := New().Check(context.Background(), path)
			if err != nil || res.Accepted || res.Reason == "" {
				t.Errorf("Check(%s) = %+v, %v; want refused with a reason", path, res, err)
			}
		})
	}
}

func TestCheckKnowsUIExportsByTheirHeaders(t *testing.T) {
	// Renamed files: the headers still tell the objects apart.
	c := generateCompany()
	dir := connectortest.TempDir(t, map[string]string{
		"export (3).csv": string(callsTable(c.activities["calls"]).render().data),
		"export (4).csv": string(companiesTable(c).render().data),
		"export (5).csv": string(contactsTable(c).render().data),
	})
	res, err := New().Check(context.Background(), dir)
	if err != nil || !res.Accepted {
		t.Fatalf("Check = %+v, %v", res, err)
	}
	kinds := map[string]plugin.RecordKind{}
	for _, f := range res.Files {
		kinds[f.File] = f.Kind
	}
	want := map[string]plugin.RecordKind{"export (3).csv": plugin.KindActivity, "export (4).csv": plugin.KindAccount}
	if len(kinds) != len(want) || kinds["export (3).csv"] != want["export (3).csv"] || kinds["export (4).csv"] != want["export (4).csv"] {
		t.Errorf("files %v, want %v (the contacts export left alone)", kinds, want)
	}
}
