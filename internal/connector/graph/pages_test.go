package graph

import (
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// TestAMissingPageRefusesTheExport: Greta's first calendarView page has
// an @odata.nextLink, and without her second page its events would be
// lost without a word.
func TestAMissingPageRefusesTheExport(t *testing.T) {
	const greta = "greta.hansen@nordlicht-mb.example_calendarView"
	connectortest.CheckReadRefused(t, New(), nordlicht, []string{greta + "-2.json"},
		greta+".json says more records follow (it has an @odata.nextLink: a GET of that link returns them), "+
			"but "+greta+"-2.json, the page after it, is not in the export")
}
