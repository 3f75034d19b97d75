package dynamics

import (
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// An appointments page as the Web API returns it for a $select of the
// schedule attributes: one appointment only planned, one held at other
// times than planned without a recorded duration, and one whose actual
// duration was recorded.
const heldAppointments = `{"@odata.context":"https://lumenoptics.crm4.dynamics.com/api/data/v9.2/$metadata#appointments(activityid,subject,scheduledstart,scheduledend,scheduleddurationminutes,actualstart,actualend,actualdurationminutes,statecode,_ownerid_value)",
"value":[
{"@odata.etag":"W/\"910301\"","activityid":"c2a1b3d4-6e7f-ef11-a671-000d3a3e8001","subject":"Forecast call","scheduledstart":"2026-02-12T09:00:00Z","scheduledend":"2026-02-12T10:00:00Z","scheduleddurationminutes":60,"actualstart":null,"actualend":null,"actualdurationminutes":null,"statecode":3,"_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"systemuser","_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"},
{"@odata.etag":"W/\"910302\"","activityid":"c2a1b3d4-6e7f-ef11-a671-000d3a3e8002","subject":"Quarterly business review","scheduledstart":"2026-02-12T13:00:00Z","scheduledend":"2026-02-12T14:30:00Z","scheduleddurationminutes":90,"actualstart":"2026-02-12T13:00:00Z","actualend":"2026-02-12T13:30:00Z","actualdurationminutes":null,"statecode":1,"_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"systemuser","_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"},
{"@odata.etag":"W/\"910303\"","activityid":"c2a1b3d4-6e7f-ef11-a671-000d3a3e8003","subject":"Site visit","scheduledstart":"2026-02-12T15:00:00Z","scheduledend":"2026-02-12T16:00:00Z","scheduleddurationminutes":60,"actualstart":"2026-02-12T15:00:00Z","actualend":"2026-02-12T15:45:00Z","actualdurationminutes":40,"statecode":1,"_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"systemuser","_ownerid_value":"1a7c0e52-0b6f-ef11-a671-000d3a3e1002"}
]}`

// TestTheDurationFollowsTheTimesUsed: an appointment placed at its actual
// times lasted those times, not the 90 minutes it was booked for.
func TestTheDurationFollowsTheTimesUsed(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "appointments.json", heldAppointments)
	got, _ := readFixture(t, dir, nil)
	at := func(hour, minute int) time.Time { return time.Date(2026, 2, 12, hour, minute, 0, 0, time.UTC) }
	want := map[string]struct {
		start, end time.Time
		seconds    int64
	}{
		"Forecast call":             {at(9, 0), at(10, 0), 60 * 60},
		"Quarterly business review": {at(13, 0), at(13, 30), 30 * 60},
		"Site visit":                {at(15, 0), at(15, 45), 40 * 60},
	}
	if len(got.Activities) != len(want) || len(got.Rejected) != 0 {
		t.Fatalf("activities %+v, rejects %+v; want the 3 appointments", got.Activities, got.Rejected)
	}
	for _, a := range got.Activities {
		w := want[a.Subject]
		if !a.StartAt.Equal(w.start) || !a.EndAt.Equal(w.end) || a.DurationSeconds != w.seconds {
			t.Errorf("%s: %s–%s, %d s; want %s–%s, %d s", a.Subject, a.StartAt.Format(time.RFC3339), a.EndAt.Format(time.RFC3339),
				a.DurationSeconds, w.start.Format(time.RFC3339), w.end.Format(time.RFC3339), w.seconds)
		}
	}
}
