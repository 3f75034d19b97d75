package pipedrive

import (
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// dealsPage is a page of GET /v1/deals holding deals in the currencies
// given, each deal's value in its own currency as Pipedrive keeps it.
func dealsPage(deals string) string {
	return `{"success":true,"data":[` + deals + `],
"additional_data":{"pagination":{"start":0,"limit":100,"more_items_in_collection":false}}}`
}

const (
	dealInEuros = `{"id":3401,"user_id":{"id":13051205,"name":"Bram Jansen","value":13051205},"stage_id":5,
 "title":"Van der Berg Transport – fleet rollout","value":83000,"currency":"EUR","add_time":"2024-11-20 11:00:00",
 "status":"open","expected_close_date":"2025-03-31","active":true,"deleted":false}`
	otherDealInEuros = `{"id":3402,"user_id":{"id":13051205,"name":"Bram Jansen","value":13051205},"stage_id":5,
 "title":"Hendriks Logistiek – telematics","value":41000,"currency":"EUR","add_time":"2024-11-22 09:30:00",
 "status":"open","expected_close_date":"2025-04-30","active":true,"deleted":false}`
	dealInCrowns = `{"id":3403,"user_id":{"id":13051205,"name":"Bram Jansen","value":13051205},"stage_id":5,
 "title":"Doprava Novák – fleet pilot","value":825000,"currency":"CZK","add_time":"2024-12-02 10:00:00",
 "status":"open","expected_close_date":"2025-05-31","active":true,"deleted":false}`
)

func warningsReading(t *testing.T, page string) []string {
	var heard []string
	saved := warn
	warn = func(msg string, _ ...any) { heard = append(heard, msg) }
	t.Cleanup(func() { warn = saved })
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "deals.json", page)
	got, _ := readFixture(t, dir, nil)
	if len(got.Opportunities) != 3 || len(got.Rejected) != 0 {
		t.Fatalf("deals %+v, rejects %+v; want the 3 deals", got.Opportunities, got.Rejected)
	}
	return heard
}

// TestDealsInSeveralCurrenciesAreWarnedOf: Pipedrive exports carry no
// exchange rates, so the user is told, once, that the amounts of deals in
// euros and crowns are compared as they are.
func TestDealsInSeveralCurrenciesAreWarnedOf(t *testing.T) {
	heard := warningsReading(t, dealsPage(dealInEuros+","+dealInCrowns+","+otherDealInEuros))
	want := "the deals come in 2 currencies (1 in CZK, 2 in EUR); the export has no exchange rates, so their amounts " +
		"are compared as they are, unconverted: export the deals in one currency, or filter them to one"
	if len(heard) != 1 || heard[0] != want {
		t.Errorf("warnings %q; want only %q", heard, want)
	}
}

func TestDealsInOneCurrencyAreNotWarnedOf(t *testing.T) {
	crowns := `{"id":3404,"user_id":{"id":13051205,"name":"Bram Jansen","value":13051205},"stage_id":5,
 "title":"Autodoprava Dvořák","value":310000,"currency":"CZK","add_time":"2024-12-03 10:00:00",
 "status":"open","expected_close_date":"2025-06-30","active":true,"deleted":false}`
	if heard := warningsReading(t, dealsPage(dealInCrowns+","+crowns+","+
		`{"id":3405,"user_id":{"id":13051205,"name":"Bram Jansen","value":13051205},"stage_id":5,"title":"Deal without a value",`+
		`"value":0,"currency":"EUR","add_time":"2024-12-04 10:00:00","status":"open","active":true,"deleted":false}`)); len(heard) != 0 {
		t.Errorf("warnings %q; want none: every deal of some value is in crowns", heard)
	}
}
