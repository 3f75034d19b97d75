package csv

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest/hostile"
	"github.com/salesaudit/salesaudit/internal/connector/salesforce"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestInfo(t *testing.T) {
	info, err := plugintest.Connect(t, New()).Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "csv" || info.Version != "1.0.0" || info.ProtocolVersion != plugin.ProtocolVersion {
		t.Errorf("info = %s %s protocol %d", info.Name, info.Version, info.ProtocolVersion)
	}
	if !info.AcceptsDirectory || !info.AcceptsArchive || !slices.Equal(info.Kinds, plugin.RecordKinds) {
		t.Errorf("info = %+v", info)
	}
	for _, option := range []string{"mapping", "encoding"} {
		if info.Options[option] == "" {
			t.Errorf("option %s is not described", option)
		}
	}
	if !slices.Contains(info.FilePatterns, MappingFileName) || !slices.Contains(info.FilePatterns, "*.csv") {
		t.Errorf("file patterns = %v", info.FilePatterns)
	}
}

func TestCheckAcceptsTheFixtures(t *testing.T) {
	remote := plugintest.Connect(t, New())
	for _, e := range allFixtures() {
		t.Run(e.dir, func(t *testing.T) {
			res, err := remote.Check(context.Background(), e.path())
			if err != nil {
				t.Fatal(err)
			}
			if !res.Accepted || res.Confidence != checkConfidence || !strings.Contains(res.Reason, MappingFileName) {
				t.Fatalf("Check = %+v", res)
			}
			want := e.expectedSummary()
			if len(res.Files) != len(want) {
				t.Errorf("files %+v, want %d", res.Files, len(want))
			}
			for _, f := range res.Files {
				w, ok := want[f.File]
				if !ok || f.Kind != kindOf(w) || f.SizeBytes <= 0 || f.EstimatedRows < w.RowsRead*3/4 || f.EstimatedRows > w.RowsRead*5/4 {
					t.Errorf("%+v; want kind %s and about %d rows", f, kindOf(w), w.RowsRead)
				}
			}
		})
	}
}

// kindOf is the kind of the records a fixture file holds.
func kindOf(w plugin.FileSummary) plugin.RecordKind {
	for k := range w.Records {
		return k
	}
	return ""
}

func TestCheckRefusesWithAReason(t *testing.T) {
	remote := plugintest.Connect(t, New())
	cases := map[string]struct{ path, want string }{
		"an empty directory":      {t.TempDir(), "no " + MappingFileName + ": the csv connector reads CSV files that a mapping file describes"},
		"another CRM's export":    {filepath.Join(fixturesRoot, "..", "salesforce", "acme"), "salesaudit connectors mapping init"},
		"a CSV without a mapping": {filepath.Join(fixturesRoot, "..", "salesforce", "acme", "User.csv"), "--option mapping=PATH"},
		"a broken mapping":        {fixturePath("bad-mapping"), "salesaudit-mapping.yaml line 3: defaults: unknown key \"encodng\""},
		"a missing path":          {"/no/such/export", "/no/such/export does not exist"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := remote.Check(context.Background(), c.path)
			if err != nil {
				t.Fatal(err)
			}
			if res.Accepted || !strings.Contains(res.Reason, c.want) {
				t.Errorf("Check = %+v, want refused saying %q", res, c.want)
			}
		})
	}
}

// salesaudit calls Check in the host itself to detect the connector: a
// mapping that inflates to more than a mapping can be is refused unread.
func TestCheckRefusesAMappingTooLargeToBeOne(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "export.zip")
	hostile.WriteZip(t, archive, hostile.ZipEntry{Name: MappingFileName, Fill: '#', Size: 8 << 20})
	res, err := New().Check(context.Background(), archive)
	want := "the mapping " + MappingFileName + " is over 1 MB"
	if err != nil || res.Accepted || !strings.Contains(res.Reason, want) {
		t.Errorf("Check = %+v, %v; want refused saying %q", res, err, want)
	}
}

func TestCheckAcceptsASingleFileBesideItsMapping(t *testing.T) {
	res, err := New().Check(context.Background(), fixturePath("sheets", "team.csv"))
	if err != nil || !res.Accepted || len(res.Files) != 1 || res.Files[0].Kind != plugin.KindUser {
		t.Errorf("Check = %+v, %v", res, err)
	}
}

// A Salesforce export with a stray mapping file goes to the Salesforce
// connector: both accept it, the csv connector less surely.
func TestADedicatedConnectorWins(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(fixturesRoot, "..", "salesforce", "acme")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyTo(t, filepath.Join(src, e.Name()), filepath.Join(dir, e.Name()))
	}
	mapping := "files:\n  - file: User.csv\n    kind: user\n    fields: {id: Id, name: Name}\n"
	if err := os.WriteFile(filepath.Join(dir, MappingFileName), []byte(mapping), 0o644); err != nil {
		t.Fatal(err)
	}
	mine, err := New().Check(context.Background(), dir)
	if err != nil || !mine.Accepted {
		t.Fatalf("csv: %+v, %v", mine, err)
	}
	theirs, err := salesforce.New().Check(context.Background(), dir)
	if err != nil || !theirs.Accepted {
		t.Fatalf("salesforce: %+v, %v", theirs, err)
	}
	if mine.Confidence >= theirs.Confidence {
		t.Errorf("csv is %d%% sure, salesforce %d%%: the dedicated connector must win", mine.Confidence, theirs.Confidence)
	}
}
