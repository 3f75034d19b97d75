package csv

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	plugintest.Run(t, New(), plugintest.Fixtures{
		// namesakes: its records go without the references no one can
		// resolve, so none dangles.
		Valid: []string{fixturePath("vandijk"), fixturePath("sheets"), fixturePath("namesakes")},
		Foreign: []string{
			filepath.Join(fixturesRoot, "..", "salesforce", "acme"),
			filepath.Join(fixturesRoot, "..", "golden"),
			fixturePath("bad-mapping"),
		},
		Broken: []string{fixturePath("broken"), fixturePath("bad-mapping")},
	})
}

// TestTeamSheetConformance runs the kit on the team sheet with its
// mapping beside it: Check is given no options, so the kit's Valid input
// must hold its mapping (TestTheMappingMayLiveOutsideTheInputFolder reads
// it from elsewhere).
func TestTeamSheetConformance(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"sales_teams.csv", "accounts.csv", "sales_pipeline.csv"} {
		copyTo(t, fixturePath("team-sheet", name), filepath.Join(dir, name))
	}
	copyTo(t, teamSheetMapping, filepath.Join(dir, MappingFileName))
	plugintest.Run(t, New(), plugintest.Fixtures{Valid: []string{dir}})
}
