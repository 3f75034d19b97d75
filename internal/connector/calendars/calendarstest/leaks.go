// Package calendarstest holds the checks the calendar connectors' tests
// share.
package calendarstest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// NothingSent reads path with c over the real protocol and fails the test
// for every one of texts (a private event's subject, place, attendees)
// found in any string of what the connector sent: records, attendees,
// rejects, progress and the summary.
func NothingSent(t *testing.T, c plugin.Connector, path string, texts []string) {
	t.Helper()
	got, summary, err := plugintest.ReadAll(t, c, plugin.ReadRequest{Path: path})
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	sent, err := json.Marshal(struct {
		Got     *plugintest.Collector
		Summary plugin.Summary
	}{got, summary})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		if strings.Contains(string(sent), text) {
			t.Errorf("%s: %q of a private event was sent", path, text)
		}
	}
}
