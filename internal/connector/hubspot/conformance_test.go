package hubspot

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{
			filepath.Join(root, "hubspot", "api"),
			filepath.Join(root, "hubspot", "ui-csv"),
		},
		Foreign: []string{
			filepath.Join(root, "salesforce", "acme"),
			filepath.Join(root, "salesforce", "acme.zip"),
			filepath.Join(root, "golden", "acme"),
			filepath.Join(root, "hubspot", "README.md"),
		},
		Broken:  []string{filepath.Join(root, "hubspot", "broken")},
		Options: map[string]string{optionTimezone: uiTimezone},
	})
}
