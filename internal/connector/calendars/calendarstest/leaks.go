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

// RejectsAre fails the test unless rejects are one per field of want, each
// at a line and with a reason holding want's fragment for its field.
func RejectsAre(t *testing.T, rejects []plugin.Reject, want map[string]string) {
	t.Helper()
	if len(rejects) != len(want) {
		t.Errorf("%d rejects, want %d: %+v", len(rejects), len(want), rejects)
	}
	for _, r := range rejects {
		if fragment, ok := want[r.Field]; !ok || !strings.Contains(r.Reason, fragment) || r.Line == 0 {
			t.Errorf("reject %s line %d: %q; want a reason with %q", r.Field, r.Line, r.Reason, want[r.Field])
		}
	}
}
