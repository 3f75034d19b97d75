package audit

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/orgfile"
)

// TestTheOrgFileBeatsTheCRM: HR says Ana reports to Max, not to Mia as the
// CRM has it, with her real title and hire date. Rows that cannot be tied
// to exactly one person change nothing and are listed.
func TestTheOrgFileBeatsTheCRM(t *testing.T) {
	t.Parallel()
	b := newOrg(t)
	mia := b.manager("Mia")
	max := b.manager("Max Müller")
	b.rep(mia, "Ana")
	b.rep(mia, "Ben")
	b.rep(max, "Cem")
	b.manager("Dan Smith")
	b.manager("Dan Smith")
	b.meeting(mia, "Team meeting", time.Hour)
	opts := b.options()
	hired := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	opts.Org = []orgfile.Entry{
		{Line: 2, Person: "ana", Manager: "max muller", Title: "Account Executive", HireDate: hired},
		{Line: 3, Person: "Ana", Manager: "Mia"},
		{Line: 4, Person: "Zoe Nobody", Manager: "Mia"},
		{Line: 5, Person: "Dan Smith", Manager: "Mia"},
		{Line: 6, Email: emailOf(t, b, person{id: "005004"}), Manager: "Nobody Known"},
	}
	rep, err := Run(t.Context(), b.load().SQL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	teams := map[string]string{}
	from := map[string][]string{}
	for _, m := range rep.Managers {
		teams[m.Name] = strings.Join(m.Team, ", ")
		from[m.Name] = m.TeamFrom
	}
	if teams["Max Müller"] != "Ana, Cem" || teams["Mia"] != "Ben" {
		t.Errorf("teams %q: want Ana moved to Max by the org file", teams)
	}
	if !slices.Contains(from["Max Müller"], ManagerFromOrgFile) {
		t.Errorf("Max's team comes from %q, want the org file among them", from["Max Müller"])
	}
	var details []string
	for _, n := range rep.DataQuality.OrgNotes {
		if n.Kind == "org_file_row" {
			details = append(details, n.Subject+": "+n.Detail)
		}
	}
	want := []string{
		"line 3: Ana: this person has a row above it, which counts",
		"line 4: Zoe Nobody: no user of the audited sources is this person",
		"line 5: Dan Smith: several users match this person: give their e-mail or CRM ID",
		"line 6: " + emailOf(t, b, person{id: "005004"}) + ": no user is the manager Nobody Known",
	}
	if !slices.Equal(details, want) {
		t.Errorf("org file notes:\n got %q\nwant %q", details, want)
	}
}
