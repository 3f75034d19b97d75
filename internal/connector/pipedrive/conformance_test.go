package pipedrive

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{
			filepath.Join(fixturesRoot, "api"),
			filepath.Join(fixturesRoot, "api-v2.zip"),
			filepath.Join(fixturesRoot, "csv"),
		},
		Foreign: []string{
			filepath.Join(root, "golden"),
			filepath.Join(root, "salesforce", "acme"),
			filepath.Join(root, "salesforce", "acme.zip"),
			filepath.Join(fixturesRoot, "csv", "users.json"),
		},
		Broken:  []string{filepath.Join(fixturesRoot, "broken")},
		Options: map[string]string{"org_tier_field": "Tier", "org_revenue_field": "Annual revenue"},
	})
}
