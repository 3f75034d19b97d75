package ics

import "testing"

// evidenceOf is what a file says when its people go by the given names,
// each on one event.
func evidenceOf(calName string, people map[string]string) *ownerEvidence {
	ev := &ownerEvidence{file: "calendar.ics", calName: calName, appearances: map[string]int{}, names: map[string]string{}}
	for email, name := range people {
		ev.events++
		ev.appearances[email]++
		ev.seeName(name, email)
	}
	return ev
}

const (
	ines  = "ines.ortega@nordvale.example"
	tomas = "tomas.beltran@nordvale.example"
)

func TestCalendarNamedAfterAnAttendee(t *testing.T) {
	decomposed := "Ine\u0301s Ortega" // é as e + combining acute, as macOS may type it
	cases := map[string]map[string]string{
		"Inés Ortega":   {ines: "Inés Ortega", tomas: "Tomás Beltrán"},
		"inés  ORTEGA":  {ines: "Inés Ortega", tomas: "Tomás Beltrán"},
		decomposed:      {ines: "Inés Ortega", tomas: "Tomás Beltrán"},
		"Ortega, Inés":  {ines: "Inés Ortega", tomas: "Tomás Beltrán"},
		"Inés Ortega ":  {ines: "Ortega, Inés", tomas: "Tomás Beltrán"},
		`"Inés Ortega"`: {ines: "Inés Ortega", tomas: "Tomás Beltrán"},
	}
	for calName, people := range cases {
		got := evidenceOf(calName, people).infer()
		if got.email != ines || got.how != "X-WR-CALNAME matching an attendee's name" {
			t.Errorf("X-WR-CALNAME %q with %v: owner %+v, want %s by its name", calName, people, got, ines)
		}
	}
}

func TestCalendarNameNeverGuessesAnOwner(t *testing.T) {
	cases := map[string]map[string]string{
		// Nobody in the file goes by the calendar's name.
		"Marta Jiménez": {ines: "Inés Ortega", tomas: "Tomás Beltrán"},
		// Two people go by it: which one owns the calendar is unknown.
		"Inés Ortega": {ines: "Inés Ortega", "ines.ortega@gmail.example": "Inés Ortega"},
	}
	for calName, people := range cases {
		if got := evidenceOf(calName, people).infer(); got.email != "" || got.problem == "" {
			t.Errorf("X-WR-CALNAME %q with %v: owner %+v, want none and a problem", calName, people, got)
		}
	}
}
