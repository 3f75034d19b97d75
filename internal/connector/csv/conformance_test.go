package csv

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{fixturePath("vandijk"), fixturePath("sheets")},
		Foreign: []string{
			filepath.Join(fixturesRoot, "..", "salesforce", "acme"),
			filepath.Join(fixturesRoot, "..", "golden"),
			fixturePath("bad-mapping"),
		},
		Broken: []string{fixturePath("broken"), fixturePath("bad-mapping")},
	})
}
