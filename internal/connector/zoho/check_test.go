package zoho

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
	if info.Name != "zoho" || info.Version == "" || info.ProtocolVersion != plugin.ProtocolVersion {
		t.Errorf("info = %s %s protocol %d", info.Name, info.Version, info.ProtocolVersion)
	}
	if !info.AcceptsDirectory || !info.AcceptsArchive || info.Options["account_tier_field"] == "" {
		t.Errorf("info = %+v", info)
	}
	for _, pattern := range []string{"Users*.json", "Calls*.json", "Events*.json", "Meetings*.json", "Tasks*.json", "Deals*.json", "Accounts*.json"} {
		if !slices.Contains(info.FilePatterns, pattern) {
			t.Errorf("file pattern %s is missing from %v", pattern, info.FilePatterns)
		}
	}
	if slices.Contains(info.Kinds, plugin.KindAttendee) {
		t.Error("the connector streams no attendees of their own, yet declares them")
	}
}

func TestCheckAcceptsTheFixtures(t *testing.T) {
	remote := plugintest.Connect(t, New())
	cortado, _ := generateCortado()
	for _, e := range []*fxExport{cortado, generateBroken()} {
		t.Run(e.dir, func(t *testing.T) {
			res, err := remote.Check(context.Background(), e.path())
			if err != nil {
				t.Fatal(err)
			}
			if !res.Accepted || res.Confidence != confidenceByNameAndFields || res.Reason == "" {
				t.Fatalf("refused: %+v", res)
			}
			connectortest.CheckFileMatches(t, res.Files, e.pages)
		})
	}
	res, err := remote.Check(context.Background(), connectortest.ZipDir(t, cortado.path(), "zoho-export/"))
	if err != nil || !res.Accepted || len(res.Files) != len(connectortest.ExpectedSummary(cortado.pages)) {
		t.Errorf("the zipped export: %+v, %v", res, err)
	}
}

func TestCheckRefuses(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	pipedrive := t.TempDir()
	connectortest.WriteFile(t, pipedrive, "deals.json", `{"success":true,"data":[{"id":3401,"title":"Fleet renewal","value":48000,"status":"won"}],"additional_data":{"pagination":{"more_items_in_collection":false}}}`)
	connectortest.WriteFile(t, pipedrive, "activities.json", `{"success":true,"data":[{"id":1,"subject":"Call","type":"call","due_date":"2026-02-02","done":true}]}`)
	contactsOnly := t.TempDir()
	connectortest.WriteFile(t, contactsOnly, "Contacts.json", `{"data":[{"Owner":{"name":"A","id":"1"},"Full_Name":"Jordi Puig","Account_Name":{"name":"Hotel Arts","id":"2"},"id":"3"}],"info":{"more_records":false}}`)
	accountsOnly := t.TempDir()
	connectortest.WriteFile(t, accountsOnly, "Accounts.json", `{"data":[{"Account_Name":"Hotel Arts","Account_Type":"Customer","id":"2"}],"info":{"more_records":false}}`)
	emptyPages := t.TempDir()
	connectortest.WriteFile(t, emptyPages, "Calls.json", "")
	connectortest.WriteFile(t, emptyPages, "Users.json", "")
	notAZip := connectortest.WriteFile(t, t.TempDir(), "export.zip", "not a zip")

	tests := []struct {
		name, path, reason string
	}{
		{"a Dynamics export", filepath.Join(root, "dynamics", "lumen"), "no Zoho CRM API pages"},
		{"a Dynamics export without annotations", filepath.Join(root, "dynamics", "minimal"), "no Zoho CRM API pages"},
		{"a Salesforce export", filepath.Join(root, "salesforce", "acme"), "no Zoho CRM API pages"},
		{"Pipedrive pages", pipedrive, "no Zoho CRM API pages"},
		{"contacts alone", contactsOnly, "no Zoho CRM API pages"},
		{"empty pages alone", emptyPages, "no Zoho CRM API pages"},
		{"an empty directory", t.TempDir(), "no Zoho CRM API pages"},
		{"accounts alone", accountsOnly, "neither Users nor Calls"},
		{"a plain file", filepath.Join(fixturesRoot, "cortado", "Calls.json"), "not a directory or a .zip"},
		{"a missing path", filepath.Join(t.TempDir(), "missing"), "does not exist"},
		{"a broken archive", notAZip, "cannot open"},
	}
	remote := plugintest.Connect(t, New())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { connectortest.CheckRefusal(t, remote, tt.path, tt.reason) })
	}
}

func TestCheckKnowsPagesByFields(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "response.json", `{"data":[{"Subject":"Call","Call_Type":"Inbound","Call_Start_Time":"2026-02-03T10:00:00+01:00","id":"1"}],"info":{"more_records":false}}`)
	connectortest.WriteFile(t, dir, "Contacts.json", `{"data":[{"Full_Name":"Jordi Puig","Account_Name":{"name":"Hotel Arts","id":"2"},"id":"3"}],"info":{"more_records":false}}`)
	res, err := plugintest.Connect(t, New()).Check(context.Background(), dir)
	if err != nil || !res.Accepted || res.Confidence != confidenceByFields || len(res.Files) != 1 || res.Files[0].File != "response.json" {
		t.Errorf("%+v, %v", res, err)
	}
}

func TestPageNames(t *testing.T) {
	for name, want := range map[string]struct {
		module string
		page   int
	}{
		"Calls.json":             {"Calls", 1},
		"Calls_page2.json":       {"Calls", 2},
		"calls (3).json":         {"Calls", 3},
		"Meetings-2.json":        {"Events", 2},
		"export/Potentials.json": {"Deals", 1},
	} {
		m, ok := moduleFromFileName(name)
		_, page := apipages.StemAndPage(name)
		if !ok || m.name != want.module || page != want.page {
			t.Errorf("%s: %s page %d, want %s page %d", name, m.name, page, want.module, want.page)
		}
	}
}
