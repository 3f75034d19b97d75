package dynamics

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// Opportunities of an org whose base currency is the euro, one in Czech
// crowns and one won in US dollars, as the Web API returns them with their
// base-currency columns: Dataverse divides a money column by the record's
// exchangerate (units of its currency per euro) into the _base column.
const opportunitiesInTwoCurrencies = `{"@odata.context":"https://lumenoptics.crm4.dynamics.com/api/data/v9.2/$metadata#opportunities(opportunityid,name,estimatedvalue,estimatedvalue_base,actualvalue,actualvalue_base,exchangerate,_transactioncurrencyid_value,statecode,_ownerid_value)",
"value":[
{"@odata.etag":"W/\"920101\"","opportunityid":"d3b2c4e5-7f80-ef11-a671-000d3a3e9001","name":"Optika Praha – edger fleet","estimatedvalue":825000,"estimatedvalue_base":33000,"actualvalue":null,"actualvalue_base":null,"exchangerate":25,"_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue":"Czech Koruna","_transactioncurrencyid_value":"a1b2c3d4-0000-ef11-a671-000d3a3e0203","statecode":0,"_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"},
{"@odata.etag":"W/\"920102\"","opportunityid":"d3b2c4e5-7f80-ef11-a671-000d3a3e9002","name":"Lens Lab Boston – scanners","estimatedvalue":99000,"estimatedvalue_base":90000,"actualvalue":110000,"actualvalue_base":100000,"exchangerate":1.1,"_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue":"US Dollar","_transactioncurrencyid_value":"a1b2c3d4-0000-ef11-a671-000d3a3e0204","statecode":1,"_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"}
]}`

// The same opportunities saved with a $select that left the base columns
// out.
const opportunitiesWithoutBase = `{"@odata.context":"https://lumenoptics.crm4.dynamics.com/api/data/v9.2/$metadata#opportunities(opportunityid,name,estimatedvalue,actualvalue,statecode,_ownerid_value)",
"value":[
{"@odata.etag":"W/\"920101\"","opportunityid":"d3b2c4e5-7f80-ef11-a671-000d3a3e9001","name":"Optika Praha – edger fleet","estimatedvalue":825000,"actualvalue":null,"statecode":0,"_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"},
{"@odata.etag":"W/\"920102\"","opportunityid":"d3b2c4e5-7f80-ef11-a671-000d3a3e9002","name":"Lens Lab Boston – scanners","estimatedvalue":99000,"actualvalue":110000,"statecode":1,"_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"}
]}`

// hearWarnings collects what the connector warns the user of.
func hearWarnings(t *testing.T) *[]string {
	var heard []string
	saved := warn
	warn = func(msg string, _ ...any) { heard = append(heard, msg) }
	t.Cleanup(func() { warn = saved })
	return &heard
}

func amounts(t *testing.T, page string) map[string]float64 {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "opportunities.json", page)
	got, _ := readFixture(t, dir, nil)
	out := map[string]float64{}
	for _, o := range got.Opportunities {
		if o.Amount == nil {
			t.Fatalf("%s has no amount", o.Name)
		}
		out[o.Name] = *o.Amount
	}
	if len(got.Rejected) != 0 {
		t.Errorf("rejects %+v", got.Rejected)
	}
	return out
}

// TestAmountsAreReadInTheBaseCurrency: 825,000 CZK beside euro deals would
// make the Czech deal the largest by far; in euros it is 33,000.
func TestAmountsAreReadInTheBaseCurrency(t *testing.T) {
	heard := hearWarnings(t)
	got := amounts(t, opportunitiesInTwoCurrencies)
	want := map[string]float64{"Optika Praha – edger fleet": 33000, "Lens Lab Boston – scanners": 100000}
	if len(got) != len(want) || got["Optika Praha – edger fleet"] != 33000 || got["Lens Lab Boston – scanners"] != 100000 {
		t.Errorf("amounts %v; want %v", got, want)
	}
	if len(*heard) != 0 {
		t.Errorf("warnings %q; want none, every amount is in the base currency", *heard)
	}
}

// TestAmountsWithoutBaseColumnsAreWarnedOfOnce: the transaction amounts
// are all there is, and the user is told once that they are compared
// unconverted.
func TestAmountsWithoutBaseColumnsAreWarnedOfOnce(t *testing.T) {
	heard := hearWarnings(t)
	got := amounts(t, opportunitiesWithoutBase)
	if len(got) != 2 || got["Optika Praha – edger fleet"] != 825000 || got["Lens Lab Boston – scanners"] != 110000 {
		t.Errorf("amounts %v; want the transaction amounts 825000 and 110000", got)
	}
	if len(*heard) != 1 || !strings.Contains((*heard)[0], "no estimatedvalue_base") ||
		!strings.Contains((*heard)[0], "compared unconverted") {
		t.Errorf("warnings %q; want one saying the base amounts are missing", *heard)
	}
}
