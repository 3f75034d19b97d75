package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestTheAuditRunsOnEveryConnectorsFixtures audits each built-in
// connector's test export end to end, through the real plugin processes:
// the connector is detected, the export loads, and the report finds
// managers with logged time and a verdict for every rule.
func TestTheAuditRunsOnEveryConnectorsFixtures(t *testing.T) {
	t.Parallel()
	fixtures := map[string]string{
		"salesforce": "salesforce/acme",
		"hubspot":    "hubspot/api",
		"pipedrive":  "pipedrive/api",
		"dynamics":   "dynamics/lumen",
		"zoho":       "zoho/cortado",
		"csv":        "csv/vandijk",
	}
	for connector, fixture := range fixtures {
		t.Run(connector, func(t *testing.T) {
			t.Parallel()
			// In memory: what is checked is the reading and the audit, and
			// a source is named after the connector that read it.
			out := run(t, "audit", "--db", ":memory:", "--format", "json", filepath.Join("..", "..", "testdata", fixture)).mustSucceed(t)
			if !strings.Contains(out.stderr, fmt.Sprintf("as source %q:", connector)) {
				t.Fatalf("%s was not read by the %s connector:\n%s", fixture, connector, out.stderr)
			}
			var rep struct {
				Managers []struct {
					Name     string
					Time     struct{ Hours float64 }
					Findings []struct{ Rule, Severity string }
				}
			}
			if err := json.Unmarshal([]byte(out.stdout), &rep); err != nil {
				t.Fatal(err)
			}
			if len(rep.Managers) == 0 {
				t.Fatalf("no managers in the %s audit", fixture)
			}
			for _, m := range rep.Managers {
				if m.Time.Hours <= 0 || len(m.Findings) != 14 {
					t.Errorf("%s: %s has %.1f hours and %d findings", fixture, m.Name, m.Time.Hours, len(m.Findings))
				}
			}
		})
	}
}

func TestCalendarsAloneSayWhyThereAreNoManagers(t *testing.T) {
	t.Parallel()
	r := run(t, "audit", "-q", "--db", ":memory:", filepath.Join("..", "..", "testdata", "ics", "team")).mustSucceed(t)
	if !strings.Contains(r.stdout, "No managers found") || !strings.Contains(r.stdout, "calendars alone carry none") {
		t.Errorf("report:\n%.800s", r.stdout)
	}
}
