package gcal

import (
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// TestAMissingPageRefusesTheExport: Ana's first events page has a
// nextPageToken, and without her second page its 29 events would be lost
// without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	const events = ana + "_events"
	connectortest.CheckReadRefused(t, New(), kestrel, []string{events + "-2.json"},
		events+".json says more records follow (it has a nextPageToken: the same events.list request with pageToken set to it returns them), "+
			"but "+events+"-2.json, the page after it, is not in the export")
}
