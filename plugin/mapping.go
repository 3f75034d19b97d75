package plugin

import (
	"strings"
	"time"
)

// Helpers for the mapping functions, which every connector needed.

// FirstSet is the first of times that is set (not the zero time), or the
// zero time: for a time an export keeps in one of several fields (a
// task's completion, else its due date, else its creation).
func FirstSet(times ...time.Time) time.Time {
	for _, t := range times {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// FirstNonBlank is the first of values that is not blank, as written, or
// "".
func FirstNonBlank(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// AddAttendee adds a to list, or merges it into the entry key says is the
// same person's: exports often name a person twice for one activity (an
// organizer again among the required attendees, a contact that is both
// the activity's "who" and a participant). The merged entry is an
// organizer if either was, and keeps its e-mail, name and response,
// taking a's where it had none.
func AddAttendee(list []Attendee, a Attendee, key func(Attendee) string) []Attendee {
	k := key(a)
	for i := range list {
		if key(list[i]) == k {
			list[i].Organizer = list[i].Organizer || a.Organizer
			list[i].Email = FirstNonBlank(list[i].Email, a.Email)
			list[i].Name = FirstNonBlank(list[i].Name, a.Name)
			list[i].Response = FirstNonBlank(list[i].Response, a.Response)
			return list
		}
	}
	return append(list, a)
}
