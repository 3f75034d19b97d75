package zoho

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// TestAMissingPageRefusesTheExport: Calls.json says more_records, and
// without Calls_page2.json its 4 calls would be lost without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "cortado"), "Calls_page2.json")
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir})
	want := "Calls.json says more records follow (info.more_records is true: the same request with page=2 returns them), " +
		"but Calls_page2.json, the page after it, is not in the export"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("reading without Calls_page2.json: %v, want %q", err, want)
	}
}
