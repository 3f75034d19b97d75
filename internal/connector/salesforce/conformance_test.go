package salesforce

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func TestConformance(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{
			filepath.Join(root, "salesforce", "acme"),
			filepath.Join(root, "salesforce", "acme.zip"),
			filepath.Join(root, "salesforce", "dataloader"),
			filepath.Join(root, "salesforce", "acme-win1252"),
		},
		Foreign: []string{filepath.Join(root, "golden")},
		Broken:  []string{filepath.Join(root, "salesforce", "broken")},
	})
}
