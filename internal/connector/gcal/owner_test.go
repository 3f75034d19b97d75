package gcal

import (
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
)

// ownerPage is a page of Ana's primary calendar as events.list returns it,
// listed with the credentials of Dana, her colleague: Google marks Dana's
// entries self.
const ownerPage = `{
 "kind": "calendar#events",
 "etag": "\"p33c9ht7rl6ro20o\"",
 "summary": "ana.ferreira@kestrel-outdoor.example",
 "updated": "2026-03-06T08:00:00.000Z",
 "timeZone": "America/Denver",
 "accessRole": "reader",
 "defaultReminders": [],
 "nextSyncToken": "CPjY3ZSVqIQDEPjY3ZSVqIQDGAUggICAgK",
 "items": [
  {
   "kind": "calendar#event",
   "etag": "\"3481923846000000\"",
   "id": "7kq2v1m3a0ownacc",
   "status": "confirmed",
   "htmlLink": "https://www.google.com/calendar/event?eid=N2txMnYxbTNhMG93bmFjYw",
   "created": "2026-02-20T16:00:00.000Z",
   "updated": "2026-02-21T09:00:00.000Z",
   "summary": "Summit Retail: spring order",
   "creator": {"email": "ana.ferreira@kestrel-outdoor.example"},
   "organizer": {"email": "ana.ferreira@kestrel-outdoor.example"},
   "start": {"dateTime": "2026-03-05T10:00:00-07:00", "timeZone": "America/Denver"},
   "end": {"dateTime": "2026-03-05T10:45:00-07:00", "timeZone": "America/Denver"},
   "iCalUID": "7kq2v1m3a0ownacc@google.com",
   "sequence": 0,
   "attendees": [
    {"email": "ana.ferreira@kestrel-outdoor.example", "organizer": true, "responseStatus": "accepted"},
    {"email": "priya.raman@summitretail.example", "responseStatus": "accepted"},
    {"email": "dana.whitfield@kestrel-outdoor.example", "self": true, "responseStatus": "declined"}
   ]
  },
  {
   "kind": "calendar#event",
   "etag": "\"3481923846000001\"",
   "id": "5hd8s0c2b9owndec",
   "status": "confirmed",
   "htmlLink": "https://www.google.com/calendar/event?eid=NWhkOHMwYzJiOW93bmRlYw",
   "created": "2026-02-18T17:00:00.000Z",
   "updated": "2026-02-25T09:00:00.000Z",
   "summary": "Fjällbutik: range review",
   "creator": {"email": "buyer@fjallbutik.example"},
   "organizer": {"email": "buyer@fjallbutik.example"},
   "start": {"dateTime": "2026-03-03T10:00:00-07:00", "timeZone": "America/Denver"},
   "end": {"dateTime": "2026-03-03T10:45:00-07:00", "timeZone": "America/Denver"},
   "iCalUID": "5hd8s0c2b9owndec@google.com",
   "sequence": 0,
   "attendees": [
    {"email": "ana.ferreira@kestrel-outdoor.example", "responseStatus": "declined"},
    {"email": "lars@fjallbutik.example", "responseStatus": "accepted"}
   ]
  }
 ]
}`

// TestTheOwnerDecidesWhatSheDeclined: the meeting Ana organised and
// accepted is her time though Dana, marked self, declined it; the one Ana
// declined is not, though no attendee is marked self.
func TestTheOwnerDecidesWhatSheDeclined(t *testing.T) {
	got, summary := connectortest.Read(t, New(), connectortest.TempDir(t, map[string]string{"anas-calendar.json": ownerPage}), nil)
	if len(got.Activities) != 1 {
		t.Fatalf("%d activities, want Ana's accepted meeting alone: %+v", len(got.Activities), got.Activities)
	}
	a := got.Activities[0]
	if a.Subject != "Summit Retail: spring order" || a.OwnerID != ana || a.DurationSeconds != 45*60 {
		t.Errorf("activity %q of %s, %d s: want Ana's 45-minute Summit Retail meeting", a.Subject, a.OwnerID, a.DurationSeconds)
	}
	if n := skippedAs(summary, skipDeclined); n != 1 {
		t.Errorf("%d skipped as declined, want the Fjällbutik review Ana declined", n)
	}
}

// TestSelfAnswersWhenTheOwnerIsUnknown: a page that says neither in its
// summary nor its file name whose calendar it is belongs, event by event,
// to the attendee marked self, whose answer is then the owner's.
func TestSelfAnswersWhenTheOwnerIsUnknown(t *testing.T) {
	page := `{"kind": "calendar#events", "summary": "Sales team", "timeZone": "America/Denver", "items": [
  {"kind": "calendar#event", "id": "9ab1selfdeclined", "status": "confirmed",
   "htmlLink": "https://www.google.com/calendar/event?eid=OWFiMXNlbGZkZWNsaW5lZA",
   "summary": "Pipeline review", "organizer": {"email": "ben.okafor@kestrel-outdoor.example"},
   "start": {"dateTime": "2026-03-04T09:00:00-07:00"}, "end": {"dateTime": "2026-03-04T09:30:00-07:00"},
   "attendees": [
    {"email": "ben.okafor@kestrel-outdoor.example", "organizer": true, "responseStatus": "accepted"},
    {"email": "cole.rivera@kestrel-outdoor.example", "self": true, "responseStatus": "declined"}]}]}`
	got, summary := connectortest.Read(t, New(), connectortest.TempDir(t, map[string]string{"team.json": page}), nil)
	if len(got.Activities) != 0 || skippedAs(summary, skipDeclined) != 1 {
		t.Errorf("activities %+v, %d skipped as declined: want Cole's declined review skipped", got.Activities, skippedAs(summary, skipDeclined))
	}
}
