package csv

import (
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// testdata/csv/namesakes is written by hand: an HR staff list in which two
// people share a name, one manager is no one on the list and one team
// leader manages herself, with an activities sheet naming its owners.

const namesakesUnresolved = "medewerkers.csv" + unresolvedPart

func TestAManagerNamedAmbiguouslyOrUnknownLeavesTheRepLoadedWithoutOne(t *testing.T) {
	got, summary := readInput(t, fixturePath("namesakes"), nil)
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	for id, manager := range map[string]string{
		"1001": "",
		"1002": "1001",
		"1003": "", // Pieter Janssen: 1002 or 1005?
		"1004": "",
		"1005": "1001",
		"1006": "1006", // her own manager: the audit's to judge, kept as written
		"1007": "",     // Piet Onbekend is no one
	} {
		u, ok := users[id]
		if !ok || u.ManagerID != manager {
			t.Errorf("user %s = %+v (loaded: %v); want manager %q", id, u, ok, manager)
		}
	}
	if len(users) != 7 {
		t.Errorf("%d users, want all 7", len(users))
	}

	const ambiguous = `2 user records have the name "Pieter Janssen": medewerkers.csv lines 3 and 6; ` +
		"give the user's ID or e-mail instead (match: id or email)"
	want := map[string]string{
		namesakesUnresolved + ":4:manager_id": "column Leidinggevende: " + ambiguous + "; the user is loaded without a manager",
		namesakesUnresolved + ":5:manager_id": "column Leidinggevende: " + ambiguous + "; the user is loaded without a manager",
		namesakesUnresolved + ":8:manager_id": `column Leidinggevende: no user has the name "Piet Onbekend"; the user is loaded without a manager`,
		// An activity without its owner would count as no one's time.
		"activiteiten.csv:4:owner_id": "column Medewerker: " + ambiguous,
	}
	checkRejectReasons(t, got.Rejected, want)

	activities := byID(got.Activities, func(a plugin.Activity) string { return a.ID })
	for id, owner := range map[string]string{"A-2026-001": "1003", "A-2026-002": "1004", "A-2026-004": "1007", "A-2026-005": "1006"} {
		if a := activities[id]; a.OwnerID != owner {
			t.Errorf("activity %s = %+v; want owned by %s", id, a, owner)
		}
	}
	connectortest.CheckSummary(t, summary, map[string]plugin.FileSummary{
		"medewerkers.csv":   {RowsRead: 7, Records: map[plugin.RecordKind]int64{plugin.KindUser: 7}, RowsSkipped: map[string]int64{}},
		namesakesUnresolved: {RowsRead: 3, RowsRejected: 3, Records: map[plugin.RecordKind]int64{}, RowsSkipped: map[string]int64{}},
		"activiteiten.csv":  {RowsRead: 5, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 4}, RowsSkipped: map[string]int64{}},
	})
}
