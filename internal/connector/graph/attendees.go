package graph

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// attendees are an event's people: its attendees (rooms and equipment,
// type "resource", are not people) with their response as Graph says it
// (accepted, declined, tentativelyAccepted, none, notResponded,
// organizer), declined ones kept, and its organizer, who Graph does not
// always list among them.
func (run *readRun) attendees(f *apipages.Fields) []plugin.Attendee {
	organizer := f.Member("organizer").Member("emailAddress")
	f.FailWith(organizer.Err)
	organizerEmail := strings.ToLower(organizer.Text("address"))
	var out []plugin.Attendee
	listed := false
	f.EachNested("attendees", "an array", func(at *apipages.Fields) {
		if strings.EqualFold(at.Text("type"), "resource") {
			return
		}
		address := at.Member("emailAddress")
		status := at.Member("status")
		at.FailWith(address.Err)
		at.FailWith(status.Err)
		a := run.people.Attendee(address.Text("address"), address.Text("name"), f.Line)
		if a.Email == "" && a.Name == "" {
			return // an empty entry names no one
		}
		a.Response = status.Text("response")
		a.Organizer = a.Email != "" && a.Email == organizerEmail
		listed = listed || a.Organizer
		out = append(out, a)
	})
	if !listed && (organizerEmail != "" || organizer.Text("name") != "") {
		a := run.people.Attendee(organizerEmail, organizer.Text("name"), f.Line)
		a.Organizer, a.Response = true, "organizer"
		out = append(out, a)
	}
	return out
}
