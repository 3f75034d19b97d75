package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The combined fixture: Acme's Salesforce export and its four first-line
// managers' calendars, written from it by
// internal/connector/ics/fixtures_acme_test.go. The calendars copy some
// CRM meetings (same start and subject) and add meetings the CRM lacks,
// which acme-calendars-planted.csv lists occurrence by occurrence.
var (
	acmeExport      = filepath.Join("..", "..", "testdata", "salesforce", "acme")
	acmeCalendars   = filepath.Join("..", "..", "testdata", "ics", "acme-calendars")
	acmePlantedFile = filepath.Join("..", "..", "testdata", "ics", "acme-calendars-planted.csv")
	// Both audits cover the export's half year: by default the period
	// would grow with the calendars' meetings of December and July.
	acmePeriod      = []string{"--from", "2026-01-01", "--to", "2026-06-30"}
	acmePeriodStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	acmePeriodEnd   = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) // exclusive
)

// auditedManager is a manager of the audit's JSON report.
type auditedManager struct {
	ID, Name, Source string
	TeamSize         int `json:"team_size"`
	Time             struct{ Hours float64 }
}

// explainedActivity is a row of explain's JSON output.
type explainedActivity struct {
	Manager, When, Kind, Subject, Category, Rule, Origin string
	Minutes                                              float64
}

// auditInto audits the paths into a database file over the fixture's
// period and returns the managers, by ID.
func auditInto(t *testing.T, db string, paths ...string) map[string]auditedManager {
	t.Helper()
	args := append([]string{"audit", "--db", db, "--format", "json", "--quiet"}, acmePeriod...)
	return managersOf(t, run(t, append(args, paths...)...).mustSucceed(t).stdout)
}

// reportOn reports on a loaded database over the fixture's period and
// returns the managers, by ID.
func reportOn(t *testing.T, db string) map[string]auditedManager {
	t.Helper()
	args := append([]string{"report", "--db", db, "--format", "json"}, acmePeriod...)
	return managersOf(t, run(t, args...).mustSucceed(t).stdout)
}

// managersOf reads the managers of a JSON report, by ID.
func managersOf(t *testing.T, out string) map[string]auditedManager {
	t.Helper()
	var rep struct{ Managers []auditedManager }
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	managers := byID(rep.Managers)
	if len(managers) != len(rep.Managers) {
		t.Errorf("%d managers in the report, %d people", len(rep.Managers), len(managers))
	}
	return managers
}

func byID(managers []auditedManager) map[string]auditedManager {
	out := map[string]auditedManager{}
	for _, m := range managers {
		out[m.ID] = m
	}
	return out
}

// explainAll explains every manager's activities over the fixture's
// period, by manager name: one audit for them all.
func explainAll(t *testing.T, db string) map[string][]explainedActivity {
	t.Helper()
	args := append([]string{"explain", "--db", db, "--format", "json"}, acmePeriod...)
	out := run(t, args...).mustSucceed(t).stdout
	var rows []explainedActivity
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	byManager := map[string][]explainedActivity{}
	for _, r := range rows {
		byManager[r.Manager] = append(byManager[r.Manager], r)
	}
	return byManager
}

// plantedMeeting is an occurrence of a meeting only the calendars have.
type plantedMeeting struct {
	start   time.Time
	minutes float64
	subject string
	people  map[string]bool // e-mails of the company's people taking part
}

func readPlanted(t *testing.T) []plantedMeeting {
	t.Helper()
	rows := readCSVFile(t, acmePlantedFile)
	var out []plantedMeeting
	for _, r := range rows {
		start, err := time.Parse(time.RFC3339, r["start"])
		if err != nil {
			t.Fatal(err)
		}
		minutes, err := strconv.ParseFloat(r["minutes"], 64)
		if err != nil {
			t.Fatal(err)
		}
		p := plantedMeeting{start: start, minutes: minutes, subject: r["subject"], people: map[string]bool{}}
		for _, email := range strings.Fields(r["people"]) {
			p.people[email] = true
		}
		out = append(out, p)
	}
	return out
}

func readCSVFile(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range records[0] {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// crmEmails are the CRM users' e-mails by Salesforce ID: the report names
// managers by CRM ID, the planted meetings name people by e-mail.
func crmEmails(t *testing.T) map[string]string {
	t.Helper()
	emails := map[string]string{}
	for _, u := range readCSVFile(t, filepath.Join(acmeExport, "User.csv")) {
		emails[u["Id"]] = strings.ToLower(u["Email"])
	}
	return emails
}

// meetingKey is how the audit tells one meeting logged twice: the start
// minute and the case- and accent-folded subject.
func meetingKey(when time.Time, subject string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), subject)
	if err != nil {
		panic(err)
	}
	return when.UTC().Format("2006-01-02 15:04") + " " + strings.ToLower(folded)
}

func explainedKey(t *testing.T, a explainedActivity) string {
	t.Helper()
	when, err := time.Parse(time.DateTime, a.When)
	if err != nil { // a time at midnight is written as a date
		if when, err = time.Parse(time.DateOnly, a.When); err != nil {
			t.Fatalf("explain's when %q: %v", a.When, err)
		}
	}
	return meetingKey(when, a.Subject)
}

// TestAuditCombinesCRMAndCalendars reports on the CRM export alone, then
// audits it with the managers' calendars, and checks that the calendars
// add exactly the meetings only they have: the managers stay the same
// people, the copies of CRM meetings count once, and a 1:1 only the
// calendar knows counts as coaching.
func TestAuditCombinesCRMAndCalendars(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	crmDB, combinedDB := loadedDB(t, acmeExport), filepath.Join(dir, "combined.duckdb")
	crmOnly := reportOn(t, crmDB)
	combined := auditInto(t, combinedDB, acmeExport, acmeCalendars)

	// (i) The same managers: the calendar owners are merged into their
	// CRM users by e-mail, not audited a second time.
	if got, want := managerList(combined), managerList(crmOnly); got != want {
		t.Fatalf("managers with the calendars:\n%s\nwant those of the CRM alone:\n%s", got, want)
	}
	for _, m := range combined {
		if m.Source != "salesforce" || m.TeamSize != crmOnly[m.ID].TeamSize {
			t.Errorf("%s: source %s, team of %d; want the CRM user with the team of %d", m.Name, m.Source, m.TeamSize, crmOnly[m.ID].TeamSize)
		}
	}
	// Also without a period, which then spans the calendars' meetings
	// before and after the CRM's (a report on the same load: loading it
	// again would test the ingest twice).
	var unbounded struct{ Managers []auditedManager }
	out := run(t, "report", "--db", combinedDB, "--format", "json").mustSucceed(t).stdout
	if err := json.Unmarshal([]byte(out), &unbounded); err != nil {
		t.Fatal(err)
	}
	if got := managerList(byID(unbounded.Managers)); got != managerList(crmOnly) {
		t.Errorf("managers audited without a period:\n%s\nwant:\n%s", got, managerList(crmOnly))
	}

	planted := readPlanted(t)
	emails := crmEmails(t)
	// Every manager's activities, without and with the calendars; the
	// managers are then checked in parallel, and the 1:1s counted once
	// they are all done.
	crmExplained, combinedExplained := explainAll(t, crmDB), explainAll(t, combinedDB)
	var oneToOnes atomic.Int64
	t.Cleanup(func() {
		if oneToOnes.Load() == 0 {
			t.Error("no 1:1 only the calendars have was checked")
		}
	})
	for _, id := range sortedIDs(combined) {
		m := combined[id]
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			// What the calendars alone hold for this manager, inside the period.
			want := map[string]plantedMeeting{}
			var wantMinutes float64
			for _, p := range planted {
				if p.people[emails[id]] && !p.start.Before(acmePeriodStart) && p.start.Before(acmePeriodEnd) {
					want[meetingKey(p.start, p.subject)] = p
					wantMinutes += p.minutes
				}
			}
			before, after := crmExplained[m.Name], combinedExplained[m.Name]
			if len(before) == 0 || len(after) == 0 {
				t.Fatalf("explain shows %d activities of %s without the calendars and %d with them", len(before), m.Name, len(after))
			}

			// (ii) The hours added are the planted meetings' minutes; the
			// copies of CRM meetings add nothing.
			added := minutesOf(after) - minutesOf(before)
			if math.Abs(added-wantMinutes) > 0.01 {
				t.Errorf("the calendars add %.1f minutes, want %.1f (the meetings only they have)", added, wantMinutes)
			}
			if hours := m.Time.Hours - crmOnly[id].Time.Hours; math.Abs(hours-wantMinutes/60) > 0.1 {
				t.Errorf("the report's hours grow by %.1f, want %.2f", hours, wantMinutes/60)
			}
			// Activity by activity: every CRM one is still there once, and
			// the others are exactly the planted ones.
			remaining := map[string]int{}
			for _, a := range before {
				remaining[explainedKey(t, a)]++
			}
			for _, a := range after {
				key := explainedKey(t, a)
				switch {
				case remaining[key] > 0:
					remaining[key]--
				case want[key].subject != "":
					delete(want, key)
					if strings.HasPrefix(a.Subject, "1:1 ") {
						oneToOnes.Add(1)
						// (iii) A 1:1 with a rep only the calendar has is coaching.
						if a.Category != "coaching" {
							t.Errorf("%s %q is %s (rule %q), want coaching", a.When, a.Subject, a.Category, a.Rule)
						}
					}
					if !strings.HasPrefix(a.Origin, "ics:") {
						t.Errorf("%s %q comes from %s, want a calendar", a.When, a.Subject, a.Origin)
					}
				default:
					t.Errorf("%s %q (%.0f min, from %s) is neither a CRM activity nor a planted meeting: a copy counted twice?",
						a.When, a.Subject, a.Minutes, a.Origin)
				}
			}
			for key, n := range remaining {
				if n > 0 {
					t.Errorf("CRM activity %s is gone with the calendars", key)
				}
			}
			for key := range want {
				t.Errorf("planted meeting %s is not counted", key)
			}
		})
	}
}

func managerList(managers map[string]auditedManager) string {
	var lines []string
	for _, m := range managers {
		lines = append(lines, fmt.Sprintf("%s %s (%s)", m.ID, m.Name, m.Source))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func sortedIDs(managers map[string]auditedManager) []string {
	var ids []string
	for id := range managers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func minutesOf(activities []explainedActivity) float64 {
	var total float64
	for _, a := range activities {
		total += a.Minutes
	}
	return total
}
