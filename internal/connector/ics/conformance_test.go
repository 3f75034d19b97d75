package ics

import (
	"path/filepath"
	"testing"

	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// testdata is the repository's testdata directory.
var testdata = filepath.Join("..", "..", "..", "testdata")

func fixture(parts ...string) string {
	return filepath.Join(append([]string{testdata, "ics"}, parts...)...)
}

// march2026 is the audit period of the fixtures.
var march2026 = map[string]string{optionFrom: "2026-03-01", optionTo: "2026-03-31", optionTimezone: "Europe/Paris"}

func TestConformance(t *testing.T) {
	plugintest.Run(t, New(), plugintest.Fixtures{
		Valid: []string{
			fixture("team"),
			fixture("team.zip"),
			fixture("team", "outlook-marta.ics"),
		},
		Foreign: []string{
			filepath.Join(testdata, "golden"),
			filepath.Join(testdata, "salesforce", "acme"),
			filepath.Join(testdata, "salesforce", "acme.zip"),
		},
		Broken:  []string{fixture("broken"), fixture("broken", "binary.ics"), fixture("broken", "nesting.ics")},
		Options: march2026,
	})
}
