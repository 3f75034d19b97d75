package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid:   []string{filepath.Join("testdata", "closely")},
		Foreign: []string{filepath.Join("..", "..", "..", "testdata", "salesforce", "acme")},
		Broken:  []string{filepath.Join("testdata", "broken")},
	})
}

func TestBrokenLinesAreRejectedWithTheirLine(t *testing.T) {
	got, summary, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: filepath.Join("testdata", "broken")})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{2: "start", 3: "", 4: "id", 5: "type"}
	if len(got.Rejected) != len(want) {
		t.Fatalf("rejects = %+v", got.Rejected)
	}
	for _, r := range got.Rejected {
		if field, ok := want[r.Line]; !ok || field != r.Field || r.File != "activities.jsonl" {
			t.Errorf("unexpected reject %+v", r)
		}
	}
	if len(got.Activities) != 2 || summary.Files[1].RowsRead != 6 {
		t.Errorf("%d activities, summary %+v", len(got.Activities), summary.Files[1])
	}
}

func TestDeletedLinesAreSkipped(t *testing.T) {
	got, summary, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: filepath.Join("testdata", "closely")})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Users) != 3 || summary.Files[0].RowsSkipped["deleted in Closely"] != 1 {
		t.Errorf("users %d, summary %+v", len(got.Users), summary.Files[0])
	}
	lines, deleted := countLines(t, filepath.Join("testdata", "closely", "activities.jsonl"))
	if len(got.Activities) != lines-deleted || summary.Files[1].RowsSkipped["deleted in Closely"] != int64(deleted) {
		t.Errorf("activities %d, summary %+v", len(got.Activities), summary.Files[1])
	}
}

// countLines counts the lines of a fixture and those marked deleted.
func countLines(t *testing.T, path string) (lines, deleted int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		lines++
		if strings.Contains(strings.ReplaceAll(l, " ", ""), `"deleted":true`) {
			deleted++
		}
	}
	return lines, deleted
}
