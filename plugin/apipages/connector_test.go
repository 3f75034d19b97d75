package apipages

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConnectorIsThePagesDeclared(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Users.json"), []byte(`{"data": [{"id": "1"}, {"id": "2"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := Pages[users]{What: "test pages", Keys: []string{"data"}, Response: "test response", Patterns: []string{"Users*.json"},
		NoPages: "no pages", NoPeople: "no people", Weights: map[int]int{1: 70},
		Find: func(ctx context.Context, src *export.Source) ([]PageFile[users], error) {
			return FindPages(ctx, src, func(export.File) (users, int) { return users{}, 1 })
		}}
	declare := func(reason *string) plugin.Options {
		return plugin.Options{{Name: "reason", Help: "why records are skipped", Set: func(v string) error { *reason = v; return nil }}}
	}
	start := func(reason string, _ *plugin.Writer) *skipRun { return &skipRun{reason: reason} }
	c := Connector(pages, plugin.Info{Name: "test", Version: "0.1.0"}, "the test connector", "by default", declare, start)

	info, err := c.Info(context.Background())
	if err != nil || !info.AcceptsDirectory || !info.AcceptsArchive || strings.Join(info.FilePatterns, " ") != "Users*.json" || len(info.Options) != 1 {
		t.Errorf("info %+v, %v", info, err)
	}
	if res, err := c.Check(context.Background(), dir); err != nil || !res.Accepted || res.Confidence != 70 {
		t.Errorf("check %+v, %v", res, err)
	}
	for options, want := range map[string]string{"": "by default", "asked": "asked"} {
		req := plugin.ReadRequest{Path: dir}
		if options != "" {
			req.Options = map[string]string{"reason": options}
		}
		_, summary, err := plugintest.ReadAll(t, c, req)
		if err != nil || len(summary.Files) != 1 || summary.Files[0].RowsSkipped[want] != 2 {
			t.Errorf("options %q: summary %+v, %v: want both records skipped %s", options, summary, err, want)
		}
	}
	if _, _, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: dir, Options: map[string]string{"tier": "x"}}); err == nil ||
		!strings.Contains(err.Error(), "the test connector knows reason") {
		t.Errorf("an unknown option: %v", err)
	}
}
