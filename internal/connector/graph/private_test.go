package graph

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// privateTexts are every subject, place and attendee of the fixtures'
// private and confidential events (generate.py, broken/): none may leave
// the connector.
var privateTexts = []string{
	"Arzttermin", "Feldmann", "Lindenstraße", "termine@praxis-feldmann.example",
	"Gehaltsgespräch", "Büro Mira",
	"Physiotherapie", "Hafenklinik", "Am Strom 9", "empfang@hafenklinik.example",
}

// TestNothingOfAPrivateEventLeaves reads everything the connector sent
// (records, attendees, rejects, progress, the summary) over the real
// protocol and searches every string of it.
func TestNothingOfAPrivateEventLeaves(t *testing.T) {
	for _, path := range []string{nordlicht, filepath.Join(fixturesRoot, "broken")} {
		got, summary, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path})
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
		for _, text := range privateTexts {
			if strings.Contains(string(sent), text) {
				t.Errorf("%s: %q of a private event was sent", path, text)
			}
		}
	}
}

// The private event that fails is rejected all the same, its reject
// showing its id and times, not the rest.
func TestPrivateEventRejectIsRedacted(t *testing.T) {
	got, _ := readFixture(t, filepath.Join(fixturesRoot, "broken"), nil)
	for _, r := range got.Rejected {
		if r.Field != "start.dateTime" {
			continue
		}
		if !strings.Contains(r.Raw, "AAMkAGKarl0004AAA=") || !strings.Contains(r.Raw, "private event") {
			t.Errorf("redacted excerpt %q should keep the id and say why the rest is not shown", r.Raw)
		}
		return
	}
	t.Fatal("the private event with a bad start was not rejected")
}
