package csv

import (
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// testdata/csv/namesakes is written by hand: an HR staff list in which two
// people share a name, one manager is no one on the list and one team
// leader manages herself, with sheets of customers, deals and activities
// naming their owners, customers and deals: one customer owned by the
// shared name, one whose revenue is an estimate in words, a deal owned by
// the shared name, an activity naming a deal no sheet has.

const namesakesUnresolved = "medewerkers.csv" + unresolvedPart

// namesakesAmbiguous is why "Pieter Janssen" names no one.
const namesakesAmbiguous = `2 user records have the name "Pieter Janssen": medewerkers.csv lines 3 and 6; ` +
	"give the user's ID or e-mail instead (match: id or email)"

func TestAManagerNamedAmbiguouslyOrUnknownLeavesTheRepLoadedWithoutOne(t *testing.T) {
	got, _ := readInput(t, fixturePath("namesakes"), nil)
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
	checkRejectReasons(t, rejectsIn(got.Rejected, namesakesUnresolved), map[string]string{
		namesakesUnresolved + ":4:manager_id": "column Leidinggevende: " + namesakesAmbiguous + "; the user is loaded without a manager",
		namesakesUnresolved + ":5:manager_id": "column Leidinggevende: " + namesakesAmbiguous + "; the user is loaded without a manager",
		namesakesUnresolved + ":8:manager_id": `column Leidinggevende: no user has the name "Piet Onbekend"; the user is loaded without a manager`,
	})
	activities := byID(got.Activities, func(a plugin.Activity) string { return a.ID })
	for id, owner := range map[string]string{"A-2026-001": "1003", "A-2026-002": "1004", "A-2026-004": "1007", "A-2026-005": "1006"} {
		if a := activities[id]; a.OwnerID != owner {
			t.Errorf("activity %s = %+v; want owned by %s", id, a, owner)
		}
	}
}

// TestAReferenceARecordCanDoWithoutIsLeftOutNotTheRecord: a customer
// owned by an ambiguous name, a customer rejected for its revenue, a deal
// rejected for its ambiguous owner and a deal no sheet has each cost the
// records naming them that reference only, reported once each; an owner
// that names no one still rejects the deal or activity.
func TestAReferenceARecordCanDoWithoutIsLeftOutNotTheRecord(t *testing.T) {
	got, summary := readInput(t, fixturePath("namesakes"), nil)

	accounts := byID(got.Accounts, func(a plugin.Account) string { return a.ID })
	type account struct {
		name, owner, industry string
		revenue               float64
		line                  int64
	}
	wantAccounts := map[string]account{
		"K-101": {"Bouwbedrijf Hendriks", "1003", "Bouw", 4_500_000, 2},
		// Loaded without the owner no one can tell.
		"K-102": {"Gemeente Zwolle", "", "Overheid", 0, 3},
		"K-104": {"Advocatenkantoor Bos & Partners", "1006", "Juridisch", 1_200_000, 5},
	}
	for id, w := range wantAccounts {
		a, ok := accounts[id]
		revenue := 0.0
		if a.AnnualRevenue != nil {
			revenue = *a.AnnualRevenue
		}
		if !ok || a.Name != w.name || a.OwnerID != w.owner || a.Industry != w.industry || revenue != w.revenue || a.Line != w.line {
			t.Errorf("account %s = %+v (loaded: %v); want %+v", id, a, ok, w)
		}
	}
	if len(accounts) != len(wantAccounts) {
		t.Errorf("%d accounts, want %d: K-103 is rejected", len(accounts), len(wantAccounts))
	}

	deals := byID(got.Opportunities, func(o plugin.Opportunity) string { return o.ID })
	type deal struct {
		name, account, owner, stage string
		amount                      float64
		closes                      string
		line                        int64
	}
	wantDeals := map[string]deal{
		"D-501": {"Kantoorinrichting nieuwbouw", "K-101", "1003", "Offerte", 85_000, "2026-02-27", 2},
		// Its customer, K-103, was rejected: the deal stays, without it.
		"D-502": {"Behandelkamers herinrichten", "", "1004", "Onderhandeling", 42_500, "2026-03-13", 3},
		"D-504": {"Flexplekken 2e verdieping", "K-104", "1006", "Offerte", 36_000, "2026-03-31", 5},
	}
	for id, w := range wantDeals {
		o, ok := deals[id]
		amount := 0.0
		if o.Amount != nil {
			amount = *o.Amount
		}
		if !ok || o.Name != w.name || o.AccountID != w.account || o.OwnerID != w.owner || o.Stage != w.stage ||
			amount != w.amount || o.CloseDate.Format(time.DateOnly) != w.closes || o.IsClosed || o.IsWon || o.Line != w.line {
			t.Errorf("deal %s = %+v (loaded: %v); want %+v, open", id, o, ok, w)
		}
	}
	if len(deals) != len(wantDeals) {
		t.Errorf("%d deals, want %d: D-503, whose owner no one can tell, is rejected", len(deals), len(wantDeals))
	}

	activities := byID(got.Activities, func(a plugin.Activity) string { return a.ID })
	type activity struct {
		owner, account, deal string
		line                 int64
	}
	wantActivities := map[string]activity{
		"A-2026-001": {"1003", "K-101", "D-501", 2},
		"A-2026-002": {"1004", "", "", 3},
		"A-2026-004": {"1007", "", "", 5},
		// A customer loaded without its owner is still found by name.
		"A-2026-005": {"1006", "K-102", "", 6},
		// A deal loaded without its customer is still found by name.
		"A-2026-006": {"1004", "", "D-502", 7},
		// D-503 was rejected for its owner: the activity loads without it.
		"A-2026-007": {"1003", "K-102", "", 8},
		"A-2026-008": {"1006", "K-104", "", 9},
	}
	for id, w := range wantActivities {
		a, ok := activities[id]
		if !ok || a.OwnerID != w.owner || a.AccountID != w.account || a.OpportunityID != w.deal || a.Line != w.line {
			t.Errorf("activity %s = %+v (loaded: %v); want %+v", id, a, ok, w)
		}
	}
	if len(activities) != len(wantActivities) {
		t.Errorf("%d activities, want %d: A-2026-003, whose owner no one can tell, is rejected", len(activities), len(wantActivities))
	}

	const revenue = `column Omzet (EUR): "ca. 2 mln" is not a number (the decimal separator is ',')`
	const customerRejected = "account Tandartspraktijk De Molen was rejected at klanten.csv line 4: annual_revenue: " + revenue
	checkRejectReasons(t, rejectsIn(got.Rejected, "klanten.csv", "klanten.csv"+unresolvedPart, "deals.csv", "deals.csv"+unresolvedPart,
		"activiteiten.csv", "activiteiten.csv"+unresolvedPart), map[string]string{
		"klanten.csv:4:annual_revenue": revenue,
		"klanten.csv" + unresolvedPart + ":3:owner_id": "column Accountmanager: " + namesakesAmbiguous +
			"; the account is loaded without an owner",
		// A deal or an activity without its owner would count as no one's.
		"deals.csv:4:owner_id":        "column Eigenaar: " + namesakesAmbiguous,
		"activiteiten.csv:4:owner_id": "column Medewerker: " + namesakesAmbiguous,
		"deals.csv" + unresolvedPart + ":3:account_id": "column Klant: " + customerRejected +
			"; the opportunity is loaded without an account",
		"activiteiten.csv" + unresolvedPart + ":7:account_id": "column Klant: " + customerRejected +
			"; the activity is loaded without an account",
		"activiteiten.csv" + unresolvedPart + ":8:opportunity_id": "column Deal: opportunity Raadzaal stoelen was rejected at deals.csv line 4: " +
			"owner_id: column Eigenaar: " + namesakesAmbiguous + "; the activity is loaded without an opportunity",
		"activiteiten.csv" + unresolvedPart + ":9:opportunity_id": `column Deal: no opportunity has the name "Kantine Bos & Partners"` +
			"; the activity is loaded without an opportunity",
	})
	for _, r := range got.Rejected {
		if r.File == "activiteiten.csv"+unresolvedPart && r.Line == 9 &&
			(r.Kind != plugin.KindActivity || r.Raw != "A-2026-008;Telefoongesprek;Herinrichting kantine bespreken;Eva Smit;"+
				"Advocatenkantoor Bos & Partners;Kantine Bos & Partners;22-01-2026;30") {
			t.Errorf("reject of the unknown deal = %+v; want the activity's kind and row", r)
		}
	}

	// Each file's own rows add up to its records and rejects; each
	// reference left out is a "row" of the file's unresolved part.
	none := map[plugin.RecordKind]int64{}
	connectortest.CheckSummary(t, summary, map[string]plugin.FileSummary{
		"medewerkers.csv":                   {RowsRead: 7, Records: map[plugin.RecordKind]int64{plugin.KindUser: 7}, RowsSkipped: map[string]int64{}},
		namesakesUnresolved:                 {RowsRead: 3, RowsRejected: 3, Records: none, RowsSkipped: map[string]int64{}},
		"klanten.csv":                       {RowsRead: 4, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindAccount: 3}, RowsSkipped: map[string]int64{}},
		"klanten.csv" + unresolvedPart:      {RowsRead: 1, RowsRejected: 1, Records: none, RowsSkipped: map[string]int64{}},
		"deals.csv":                         {RowsRead: 4, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindOpportunity: 3}, RowsSkipped: map[string]int64{}},
		"deals.csv" + unresolvedPart:        {RowsRead: 1, RowsRejected: 1, Records: none, RowsSkipped: map[string]int64{}},
		"activiteiten.csv":                  {RowsRead: 8, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 7}, RowsSkipped: map[string]int64{}},
		"activiteiten.csv" + unresolvedPart: {RowsRead: 3, RowsRejected: 3, Records: none, RowsSkipped: map[string]int64{}},
	})
}
