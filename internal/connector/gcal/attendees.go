package gcal

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// attendees are an event's people: its attendees (rooms and other
// resources are not people) with their responseStatus as Google says it
// (needsAction, declined, tentative, accepted), declined ones kept, and
// its organizer, whom Google lists among them only when invited.
func (run *readRun) attendees(f *apipages.Fields) []plugin.Attendee {
	organizer := f.Member("organizer")
	f.FailWith(organizer.Err)
	var out []plugin.Attendee
	listed := false
	f.EachNested("attendees", "an array", func(at *apipages.Fields) {
		if at.Bool("resource") {
			return
		}
		a := run.people.Attendee(at.Text("email"), at.Text("displayName"), f.Line)
		if a.Email == "" && a.Name == "" {
			return // an empty entry names no one
		}
		a.Response = at.Text("responseStatus")
		a.Organizer = at.Bool("organizer") || a.Email != "" && strings.EqualFold(a.Email, organizer.Text("email"))
		listed = listed || a.Organizer
		out = append(out, a)
	})
	if !listed && (organizer.Text("email") != "" || organizer.Text("displayName") != "") {
		a := run.people.Attendee(organizer.Text("email"), organizer.Text("displayName"), f.Line)
		a.Organizer = true
		out = append(out, a)
	}
	return out
}

// ownerResponse is the calendar owner's answer: that of the attendee with
// the owner's address; "" when the owner is not listed. Google marks self
// the account whose credentials listed the events, which need not be the
// owner (an assistant or a service account saving a colleague's
// calendar), so self's answer stands only when the page does not say whose
// calendar it is (ownerKnown false).
func ownerResponse(f *apipages.Fields, owner string, ownerKnown bool) string {
	response, bySelf := "", ""
	f.EachNested("attendees", "an array", func(at *apipages.Fields) {
		switch {
		case owner != "" && strings.EqualFold(strings.TrimSpace(at.Text("email")), owner):
			response = strings.ToLower(at.Text("responseStatus"))
		case !ownerKnown && at.Bool("self"):
			bySelf = strings.ToLower(at.Text("responseStatus"))
		}
	})
	return plugin.FirstNonBlank(response, bySelf)
}

// selfAddress is the calendar owner's address, for a page that does not
// say whose it is: the attendee, organizer or creator Google marks self.
func selfAddress(f *apipages.Fields) string {
	address := ""
	f.EachNested("attendees", "an array", func(at *apipages.Fields) {
		if at.Bool("self") && address == "" {
			address = at.Text("email")
		}
	})
	for _, member := range []string{"organizer", "creator"} {
		if m := f.Member(member); address == "" && m.Bool("self") {
			address = m.Text("email")
		}
	}
	address = strings.ToLower(address)
	if strings.HasSuffix(address, ".calendar.google.com") {
		// A group or resource calendar's own address: no one's time.
		return ""
	}
	return address
}
