package zoho

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// TestAMissingPageRefusesTheExport: Calls.json says more_records, and
// without Calls_page2.json its 4 calls would be lost without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	connectortest.CheckReadRefused(t, New(), filepath.Join(fixturesRoot, "cortado"), []string{"Calls_page2.json"},
		"Calls.json says more records follow (info.more_records is true: the same request with page=2 returns them), "+
			"but Calls_page2.json, the page after it, is not in the export")
}
