package dynamics

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// TestAMissingPageRefusesTheExport: appointments.json has an
// @odata.nextLink, and without appointments_page2.json its appointments
// would be lost without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	connectortest.CheckReadRefused(t, New(), filepath.Join(fixturesRoot, "lumen"), []string{"appointments_page2.json"},
		"appointments.json says more records follow (it has an @odata.nextLink: a GET of that link returns them), "+
			"but appointments_page2.json, the page after it, is not in the export")
}
