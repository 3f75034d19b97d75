package salesforce

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestInfo(t *testing.T) {
	info, err := plugintest.Connect(t, New()).Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "salesforce" || info.Version != "1.0.0" || info.ProtocolVersion != plugin.ProtocolVersion {
		t.Errorf("info = %s %s protocol %d", info.Name, info.Version, info.ProtocolVersion)
	}
	if !info.AcceptsDirectory || !info.AcceptsArchive {
		t.Error("the connector reads directories and archives")
	}
	for _, option := range []string{"encoding", "account_tier_field"} {
		if info.Options[option] == "" {
			t.Errorf("option %s is not described", option)
		}
	}
	for _, file := range []string{"Task.csv", "Event.csv", "EventRelation.csv", "Account.csv", "Opportunity.csv", "User.csv", "UserRole.csv"} {
		if !slices.Contains(info.FilePatterns, file) {
			t.Errorf("file pattern %s is missing", file)
		}
	}
	if !slices.Equal(info.Kinds, plugin.RecordKinds) {
		t.Errorf("kinds = %v", info.Kinds)
	}
}

func TestCheckAcceptsTheFixtures(t *testing.T) {
	remote := plugintest.Connect(t, New())
	for _, e := range allFixtures() {
		for _, path := range []string{e.path(), filepath.Join(fixturesRoot, zipFixtureName)} {
			if path != e.path() && e.dir != zipFixtureSource {
				continue // the archive holds the acme-win1252 export
			}
			t.Run(filepath.Base(path), func(t *testing.T) {
				res, err := remote.Check(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				if !res.Accepted || res.Confidence <= 0 || res.Reason == "" {
					t.Fatalf("refused: %+v", res)
				}
				checkFileMatches(t, e, res.Files)
			})
		}
	}
}

// checkFileMatches wants every file the connector reads, with its kind and
// a fair row estimate, and none of the files it ignores.
func checkFileMatches(t *testing.T, e *fixtureExport, files []plugin.FileMatch) {
	t.Helper()
	want := connectortest.ExpectedSummary(e.planted())
	if len(files) != len(want) {
		t.Errorf("files %v, want %v", files, slices.Sorted(maps.Keys(want)))
	}
	for _, f := range files {
		w, ok := want[f.File]
		if !ok {
			t.Errorf("%s is not a file the connector reads", f.File)
			continue
		}
		if kind, _ := kindOfFile(f.File); f.Kind != kind {
			t.Errorf("%s: kind %s, want %s", f.File, f.Kind, kind)
		}
		if f.SizeBytes <= 0 || f.EstimatedRows < w.RowsRead*3/4 || f.EstimatedRows > w.RowsRead*5/4 {
			t.Errorf("%s: %d bytes, ~%d rows; it has %d", f.File, f.SizeBytes, f.EstimatedRows, w.RowsRead)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	hubspot := t.TempDir()
	connectortest.WriteFile(t, hubspot, "hubspot-crm-exports-all-deals-2025-01-31.csv",
		"\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Amount\",\"Close Date\"\n\"9840123\",\"Big deal\",\"closedwon\",\"1000\",\"2025-01-31\"\n")
	connectortest.WriteFile(t, hubspot, "hubspot-crm-exports-all-meetings-2025-01-31.csv", "\"Record ID\",\"Meeting name\"\n")
	lookalike := t.TempDir()
	connectortest.WriteFile(t, lookalike, "User.csv", "\"Record ID\",\"Email\"\n\"1\",\"a@b.example\"\n")
	connectortest.WriteFile(t, lookalike, "Task.csv", "\"Id\",\"OwnerId\",\"Subject\"\n")
	usersOnly := t.TempDir()
	connectortest.WriteFile(t, usersOnly, "User.csv", "\"Id\",\"LastName\",\"IsActive\"\n\"0055g000000qZ6LAAU\",\"Vos\",\"1\"\n")
	notAZip := connectortest.WriteFile(t, t.TempDir(), "export.zip", "not a zip")

	tests := []struct {
		name, path, reason string
	}{
		{"a HubSpot export", hubspot, "no User.csv"},
		{"an empty directory", t.TempDir(), "no User.csv"},
		{"a plain file", filepath.Join(fixturesRoot, "acme", "Task.csv"), "not a directory or a .zip"},
		{"a missing path", filepath.Join(t.TempDir(), "missing"), "does not exist"},
		{"a User.csv with other columns", lookalike, "lacks the Id, IsActive"},
		{"users without activities", usersOnly, "no Task.csv or Event.csv"},
		{"a broken archive", notAZip, "cannot open"},
	}
	remote := plugintest.Connect(t, New())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { connectortest.CheckRefusal(t, remote, tt.path, tt.reason) })
	}
}
