package audit

import (
	"strings"
	"testing"
)

func samplePeopleReport() *Report {
	ana, ben := "Ana Lima", "Ben Okafor"
	metric := 50.0
	return &Report{
		Managers: []Manager{{
			ID: "005A", Name: "Mia Manager", Title: "Sales Manager", TeamSize: 2, Team: []string{ana, ben},
			Series: Series{Coaching: Coaching{Reps: []RepCoaching{{Name: ana, MinutesPerWeek: 0}, {Name: ben, MinutesPerWeek: 20}}}},
			Findings: []Finding{
				{Rule: "PM2", Severity: SeverityWarning, Metric: &metric,
					Evidence: Evidence{Columns: []string{"rep", "minutes a week"}, Rows: [][]any{{ana, 0.0}, {ben, 20.0}}}},
				{Rule: "BM1", Severity: SeverityHigh, Metric: &metric,
					Evidence: Evidence{Columns: []string{"subject", "hours"}, Rows: [][]any{{"1:1 Ana (with Ben Okafor)", 2.0}}}},
			},
		}},
		Organisation: []RoleRanking{{Role: RolePeople, Managers: []RankedShare{{Name: "Mia Manager", Percent: 40}}}},
		DataQuality: DataQuality{
			UnclassifiedSubjects: []UnclassifiedSubject{{Subject: "Lunch Ben"}},
			OrgNotes:             []OrgNote{{Kind: "shared_mailbox", Subject: "sales@", People: []string{ana, "Zoe Ng"}}},
		},
	}
}

func TestPseudonymsReplaceEveryRepsNameAndKeepTheManagers(t *testing.T) {
	t.Parallel()
	rep := samplePeopleReport()
	Pseudonymize(rep, Privacy{Key: []byte("key one"), MinGroupSize: 1})
	text := reportText(rep)
	for _, name := range []string{"Ana", "Lima", "Ben", "Okafor", "Zoe"} {
		if strings.Contains(text, name) {
			t.Errorf("%q is still in the pseudonymized report: %s", name, text)
		}
	}
	if m := rep.Managers[0]; m.Name != "Mia Manager" || m.ID != "005A" || m.Title != "Sales Manager" {
		t.Errorf("the manager became %q (%s); --pseudonymize keeps managers", m.Name, m.ID)
	}
	ana := rep.Managers[0].Team[0]
	if !strings.HasPrefix(ana, "Rep ") || rep.Managers[0].Findings[0].Evidence.Rows[0][0] != ana ||
		rep.DataQuality.OrgNotes[0].People[0] != ana {
		t.Errorf("Ana is %q in the team, %v in the evidence, %q in the notes: want one pseudonym", ana,
			rep.Managers[0].Findings[0].Evidence.Rows[0][0], rep.DataQuality.OrgNotes[0].People[0])
	}
	if got := rep.Managers[0].Findings[1].Evidence.Rows[0][0]; got != "1:1 "+ana+" (with "+rep.Managers[0].Team[1]+")" {
		t.Errorf("subject with names became %q", got)
	}

	again := samplePeopleReport()
	Pseudonymize(again, Privacy{Key: []byte("key one"), MinGroupSize: 1})
	other := samplePeopleReport()
	Pseudonymize(other, Privacy{Key: []byte("key two"), MinGroupSize: 1})
	if again.Managers[0].Team[0] != ana || other.Managers[0].Team[0] == ana {
		t.Errorf("same key %q, other key %q, first %q: want stable pseudonyms that depend on the key",
			again.Managers[0].Team[0], other.Managers[0].Team[0], ana)
	}
}

func TestPseudonymizingAllHidesTheManagersToo(t *testing.T) {
	t.Parallel()
	rep := samplePeopleReport()
	Pseudonymize(rep, Privacy{Managers: true, Key: []byte("k"), MinGroupSize: 1})
	text := reportText(rep)
	for _, s := range []string{"Mia", "005A", "Sales Manager"} {
		if strings.Contains(text, s) {
			t.Errorf("%q is still in the report: %s", s, text)
		}
	}
	if m := rep.Managers[0]; !strings.HasPrefix(m.Name, "Manager ") || m.ID != m.Name || rep.Organisation[0].Managers[0].Name != m.Name {
		t.Errorf("manager %q (%s), ranked as %q", m.Name, m.ID, rep.Organisation[0].Managers[0].Name)
	}
}

func TestASmallTeamsFindingsAreWithheld(t *testing.T) {
	t.Parallel()
	rep := samplePeopleReport()
	Pseudonymize(rep, Privacy{Key: []byte("k"), MinGroupSize: 5})
	pm2, bm1 := rep.Managers[0].Findings[0], rep.Managers[0].Findings[1]
	if pm2.Severity != SeverityNotEnoughData || pm2.Metric != nil || len(pm2.Evidence.Rows) != 0 ||
		!strings.Contains(pm2.Missing, "a team of 2 is below the minimum of 5") {
		t.Errorf("PM2 of a team of 2: %s %v %v %q; want withheld with the reason", pm2.Severity, pm2.Metric, pm2.Evidence.Rows, pm2.Missing)
	}
	if reps := rep.Managers[0].Series.Coaching.Reps; len(reps) != 0 {
		t.Errorf("the coaching of each rep of a team of 2 is shown: %v", reps)
	}
	if bm1.Severity != SeverityHigh || bm1.Metric == nil {
		t.Errorf("BM1, about the manager's own time, became %s", bm1.Severity)
	}
}

// reportText is every text of the report, to search for names.
func reportText(rep *Report) string {
	var b strings.Builder
	for _, m := range rep.Managers {
		b.WriteString(m.ID + " " + m.Name + " " + m.Title + " " + strings.Join(m.Team, " ") + " ")
		for _, r := range m.Series.Coaching.Reps {
			b.WriteString(r.Name + " ")
		}
		for _, f := range m.Findings {
			for _, row := range f.Evidence.Rows {
				for _, v := range row {
					if s, ok := v.(string); ok {
						b.WriteString(s + " ")
					}
				}
			}
		}
	}
	for _, r := range rep.Organisation {
		for _, m := range r.Managers {
			b.WriteString(m.Name + " ")
		}
	}
	for _, u := range rep.DataQuality.UnclassifiedSubjects {
		b.WriteString(u.Subject + " ")
	}
	for _, n := range rep.DataQuality.OrgNotes {
		b.WriteString(strings.Join(n.People, " ") + " " + n.Subject + " " + n.Detail + " ")
	}
	return b.String()
}
