package graph

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// TestAMissingPageRefusesTheExport: Greta's first calendarView page has
// an @odata.nextLink, and without her second page its events would be
// lost without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	const greta = "greta.hansen@nordlicht-mb.example_calendarView"
	dir := connectortest.CopyDir(t, nordlicht, greta+"-2.json")
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir})
	want := greta + ".json says more records follow (it has an @odata.nextLink: a GET of that link returns them), " +
		"but " + greta + "-2.json, the page after it, is not in the export"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("reading without Greta's second page: %v, want %q", err, want)
	}
}
