package gcal

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// TestAMissingPageRefusesTheExport: Ana's first events page has a
// nextPageToken, and without her second page its 29 events would be lost
// without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	const events = ana + "_events"
	dir := connectortest.CopyDir(t, kestrel, events+"-2.json")
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir})
	want := events + ".json says more records follow (it has a nextPageToken: the same events.list request with pageToken set to it returns them), " +
		"but " + events + "-2.json, the page after it, is not in the export"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("reading without Ana's second page: %v, want %q", err, want)
	}
}
