package gcal

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

var (
	testdata     = filepath.Join("..", "..", "..", "testdata")
	fixturesRoot = filepath.Join(testdata, "gcal")
	kestrel      = filepath.Join(fixturesRoot, "kestrel")
)

func TestConformance(t *testing.T) {
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{kestrel},
		Foreign: []string{
			filepath.Join(testdata, "graph", "nordlicht"),
			filepath.Join(testdata, "dynamics", "lumen"),
			filepath.Join(testdata, "zoho", "cortado"),
			filepath.Join(testdata, "hubspot", "api"),
			filepath.Join(testdata, "pipedrive", "api"),
			filepath.Join(testdata, "ics", "team"),
		},
		Broken: []string{filepath.Join(fixturesRoot, "broken")},
	})
}
