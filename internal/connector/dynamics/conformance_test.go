package dynamics

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{
			filepath.Join(fixturesRoot, "lumen"),
			filepath.Join(fixturesRoot, "minimal"),
		},
		Foreign: []string{
			filepath.Join(root, "salesforce", "acme"),
			filepath.Join(root, "salesforce", "acme.zip"),
			filepath.Join(root, "zoho", "cortado"),
			filepath.Join(root, "golden"),
			// Other connectors' exports, JSON ones among them.
			filepath.Join(root, "pipedrive", "api"),
			filepath.Join(root, "pipedrive", "api-v2.zip"),
			filepath.Join(root, "hubspot", "api"),
			filepath.Join(root, "ics", "team"),
			filepath.Join(root, "csv", "vandijk"),
			filepath.Join(fixturesRoot, "lumen", "appointments.json"),
		},
		Broken: []string{filepath.Join(fixturesRoot, "broken")},
	})
}
