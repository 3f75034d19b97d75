package graph

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

var (
	testdata     = filepath.Join("..", "..", "..", "testdata")
	fixturesRoot = filepath.Join(testdata, "graph")
	nordlicht    = filepath.Join(fixturesRoot, "nordlicht")
)

func TestConformance(t *testing.T) {
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{nordlicht},
		Foreign: []string{
			filepath.Join(testdata, "dynamics", "lumen"),
			filepath.Join(testdata, "zoho", "cortado"),
			filepath.Join(testdata, "hubspot", "api"),
			filepath.Join(testdata, "ics", "team"),
			filepath.Join(testdata, "salesforce", "acme"),
			filepath.Join(testdata, "gcal", "kestrel"),
		},
		Broken: []string{filepath.Join(fixturesRoot, "broken")},
	})
}
