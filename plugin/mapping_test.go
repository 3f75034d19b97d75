package plugin

import (
	"testing"
	"time"
)

func TestFirstSetAndFirstNonBlank(t *testing.T) {
	day := time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)
	if got := FirstSet(time.Time{}, day, day.Add(time.Hour)); !got.Equal(day) {
		t.Errorf("FirstSet = %v", got)
	}
	if got := FirstNonBlank("", "  ", "Vos", "Bakker"); got != "Vos" {
		t.Errorf("FirstNonBlank = %q", got)
	}
}

func TestAddAttendeeMergesTheSamePerson(t *testing.T) {
	byUser := func(a Attendee) string { return a.UserID + "|" + a.ContactID }
	list := AddAttendee(nil, Attendee{UserID: "u1", Organizer: true}, byUser)
	list = AddAttendee(list, Attendee{UserID: "u1", Name: "Eva", Response: "accepted"}, byUser)
	list = AddAttendee(list, Attendee{ContactID: "c1"}, byUser)
	if len(list) != 2 || !list[0].Organizer || list[0].Name != "Eva" || list[0].Response != "accepted" {
		t.Errorf("list = %+v", list)
	}
}
