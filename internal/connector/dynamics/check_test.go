package dynamics

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestInfo(t *testing.T) {
	info, err := plugintest.Connect(t, New()).Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "dynamics" || info.Version == "" || info.ProtocolVersion != plugin.ProtocolVersion {
		t.Errorf("info = %s %s protocol %d", info.Name, info.Version, info.ProtocolVersion)
	}
	if !info.AcceptsDirectory || !info.AcceptsArchive || info.Options["account_tier_field"] == "" {
		t.Errorf("info = %+v", info)
	}
	for _, pattern := range []string{"systemusers*.json", "appointments*.json", "activityparties*.json", "activitypointers*.json"} {
		if !slices.Contains(info.FilePatterns, pattern) {
			t.Errorf("file pattern %s is missing from %v", pattern, info.FilePatterns)
		}
	}
}

func TestCheckAcceptsTheFixtures(t *testing.T) {
	remote := plugintest.Connect(t, New())
	lumen, _ := generateLumen()
	for _, e := range []*fxExport{lumen, generateMinimal(), generateBroken()} {
		t.Run(e.dir, func(t *testing.T) {
			res, err := remote.Check(context.Background(), e.path())
			if err != nil {
				t.Fatal(err)
			}
			if !res.Accepted || res.Confidence != confidenceByContext || res.Reason == "" {
				t.Fatalf("refused: %+v", res)
			}
			connectortest.CheckFileMatches(t, res.Files, e.pages)
		})
	}
	res, err := remote.Check(context.Background(), connectortest.ZipDir(t, lumen.path(), "lumen/"))
	if err != nil || !res.Accepted || len(res.Files) != len(connectortest.ExpectedSummary(lumen.pages)) {
		t.Errorf("the zipped export: %+v, %v", res, err)
	}
}

func TestCheckEstimatesLargePages(t *testing.T) {
	dir := t.TempDir()
	writeLargeExport(t, dir, 20000)
	res, err := plugintest.Connect(t, New()).Check(context.Background(), dir)
	if err != nil || !res.Accepted {
		t.Fatalf("%+v, %v", res, err)
	}
	for _, f := range res.Files {
		if f.File == "tasks.json" && (f.EstimatedRows < 18000 || f.EstimatedRows > 22000) {
			t.Errorf("~%d tasks, the page has 20000", f.EstimatedRows)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	graph := t.TempDir()
	connectortest.WriteFile(t, graph, "users.json", `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"Adele Vance"}]}`)
	connectortest.WriteFile(t, graph, "tasks.json", `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.todoTask)","value":[{"id":"AAMkADA","title":"Expense report"}]}`)
	accountsOnly := t.TempDir()
	connectortest.WriteFile(t, accountsOnly, "accounts.json", `{"@odata.context":"`+orgURL+`$metadata#accounts","value":[{"accountid":"a1","name":"Brouwer"}]}`)
	notAZip := connectortest.WriteFile(t, t.TempDir(), "export.zip", "not a zip")

	tests := []struct {
		name, path, reason string
	}{
		{"a Zoho export", filepath.Join(root, "zoho", "cortado"), "no Dataverse Web API pages"},
		{"a Salesforce export", filepath.Join(root, "salesforce", "acme"), "no Dataverse Web API pages"},
		{"a Salesforce archive", filepath.Join(root, "salesforce", "acme.zip"), "no Dataverse Web API pages"},
		{"Microsoft Graph pages", graph, "no Dataverse Web API pages"},
		{"an empty directory", t.TempDir(), "no Dataverse Web API pages"},
		{"accounts alone", accountsOnly, "neither systemusers nor activities"},
		{"a plain file", filepath.Join(fixturesRoot, "lumen", "tasks.json"), "not a directory or a .zip"},
		{"a missing path", filepath.Join(t.TempDir(), "missing"), "does not exist"},
		{"a broken archive", notAZip, "cannot open"},
	}
	remote := plugintest.Connect(t, New())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { connectortest.CheckRefusal(t, remote, tt.path, tt.reason) })
	}
}

// TestCheckKnowsPagesByNameAndKeys: pages whose @odata.context names no
// entity set (saved by a tool that rewrote it) are known by their file
// name or their records' keys, with less confidence.
func TestCheckKnowsPagesByNameAndKeys(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "Phonecalls (2).json", `{"value":[{"activityid":"c1","subject":"Nabellen","_ownerid_value":"u1"}]}`)
	connectortest.WriteFile(t, dir, "export-users.json", `{"value":[{"systemuserid":"u1","fullname":"Daan Bakker"}]}`)
	connectortest.WriteFile(t, dir, "notes.json", `{"value":[{"annotationid":"n1"}]}`)
	res, err := plugintest.Connect(t, New()).Check(context.Background(), dir)
	if err != nil || !res.Accepted || res.Confidence != confidenceByShape {
		t.Fatalf("%+v, %v", res, err)
	}
	got := map[string]plugin.RecordKind{}
	for _, f := range res.Files {
		got[f.File] = f.Kind
	}
	want := map[string]plugin.RecordKind{"Phonecalls (2).json": plugin.KindActivity, "export-users.json": plugin.KindUser}
	if len(got) != len(want) || got["Phonecalls (2).json"] != want["Phonecalls (2).json"] || got["export-users.json"] != want["export-users.json"] {
		t.Errorf("files %v, want %v", got, want)
	}
}

func TestPageNames(t *testing.T) {
	for name, want := range map[string]struct {
		stem string
		page int
	}{
		"appointments.json":        {"appointments", 1},
		"appointments_page2.json":  {"appointments", 2},
		"Appointments (3).json":    {"appointments", 3},
		"phonecalls-12.json":       {"phonecalls", 12},
		"export/tasks.page-4.json": {"tasks", 4},
	} {
		stem, page := apipages.StemAndPage(name)
		if e, ok := entityNamed(stem); !ok || e.set != want.stem || page != want.page {
			t.Errorf("%s: %s (%s) page %d, want %s page %d", name, stem, e.set, page, want.stem, want.page)
		}
	}
	for context, want := range map[string]string{
		orgURL + "$metadata#appointments(activityid,subject)": "appointment",
		orgURL + "$metadata#systemusers/$entity":              "systemuser",
		orgURL + "$metadata#activityparties":                  "activityparty",
		"https://graph.microsoft.com/v1.0/$metadata#users":    "",
	} {
		e, _ := entityFromContext(context)
		if e.name != want {
			t.Errorf("%s: entity %q, want %q", context, e.name, want)
		}
	}
}
