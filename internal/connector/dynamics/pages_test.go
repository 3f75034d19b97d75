package dynamics

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// TestAMissingPageRefusesTheExport: appointments.json has an
// @odata.nextLink, and without appointments_page2.json its appointments
// would be lost without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "lumen"), "appointments_page2.json")
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir})
	want := "appointments.json says more records follow (it has an @odata.nextLink: a GET of that link returns them), " +
		"but appointments_page2.json, the page after it, is not in the export"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("reading without appointments_page2.json: %v, want %q", err, want)
	}
}
