package graph

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/calendars/calendarstest"
)

// privateTexts are every subject, place and attendee of the fixtures'
// private and confidential events (generate.py, broken/): none may leave
// the connector.
var privateTexts = []string{
	"Arzttermin", "Feldmann", "Lindenstraße", "termine@praxis-feldmann.example",
	"Gehaltsgespräch", "Büro Mira",
	"Physiotherapie", "Hafenklinik", "Am Strom 9", "empfang@hafenklinik.example",
}

// TestNothingOfAPrivateEventLeaves searches every string the connector
// sent for the private events' texts.
func TestNothingOfAPrivateEventLeaves(t *testing.T) {
	for _, path := range []string{nordlicht, filepath.Join(fixturesRoot, "broken")} {
		calendarstest.NothingSent(t, New(), path, privateTexts)
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
