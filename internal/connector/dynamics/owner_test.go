package dynamics

import (
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// A phone-call page as saved with a $select that left the owner out, and
// one team-owned call: neither can be anyone's time.
const ownerlessPhonecalls = `{"@odata.context":"https://lumenoptics.crm4.dynamics.com/api/data/v9.2/$metadata#phonecalls(activityid,subject,actualend,statecode)",
"value":[
{"@odata.etag":"W/\"900201\"","activityid":"b1f0a2c4-5d6e-ef11-a671-000d3a3e7001","subject":"Terugbellen Brouwer Optiek","actualend":"2026-02-05T10:15:00Z","statecode":1},
{"@odata.etag":"W/\"900202\"","activityid":"b1f0a2c4-5d6e-ef11-a671-000d3a3e7002","subject":"Bestelling nagaan","actualend":"2026-02-05T11:00:00Z","statecode":1,"_ownerid_value":null},
{"@odata.etag":"W/\"900203\"","activityid":"b1f0a2c4-5d6e-ef11-a671-000d3a3e7003","subject":"Inbound lead","actualend":"2026-02-05T12:00:00Z","statecode":1,
 "_ownerid_value":"7c2e4f10-8d3b-ef11-a72d-000d3a4b1e77","_ownerid_value@OData.Community.Display.V1.FormattedValue":"Inside Sales Benelux",
 "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"team","_owninguser_value":null},
{"@odata.etag":"W/\"900204\"","activityid":"b1f0a2c4-5d6e-ef11-a671-000d3a3e7004","subject":"Offerte besproken","actualend":"2026-02-05T14:00:00Z","statecode":1,
 "_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"}
]}`

func TestAnActivityWithoutAnOwnerIsRejected(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "phonecalls.json", ownerlessPhonecalls)
	got, summary := readFixture(t, dir, nil)
	if len(got.Activities) != 1 || got.Activities[0].OwnerID != "1a7c0e52-0b6f-ef11-a671-000d3a3e1002" {
		t.Errorf("activities = %+v; want only the owned call", got.Activities)
	}
	want := map[int64]string{
		3: "saved without _ownerid_value", 4: "saved without _ownerid_value",
		5: "owned by the team Inside Sales Benelux",
	}
	if len(got.Rejected) != len(want) {
		t.Errorf("rejects = %+v", got.Rejected)
	}
	for _, r := range got.Rejected {
		if r.Field != "_ownerid_value" || !strings.Contains(r.Reason, want[r.Line]) || want[r.Line] == "" {
			t.Errorf("reject = %+v; want _ownerid_value: %q", r, want[r.Line])
		}
	}
	if f := summary.Files[0]; f.RowsRead != 4 || f.RowsRejected != 3 {
		t.Errorf("summary = %+v", f)
	}
}
