package dynamics

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func readFixture(t *testing.T, path string, options map[string]string) (*plugintest.Collector, plugin.Summary) {
	return connectortest.Read(t, New(), path, options)
}

func TestReadLumenCounts(t *testing.T) {
	export, _ := generateLumen()
	got, summary := readFixture(t, export.path(), nil)
	want := connectortest.ExpectedSummary(export.pages)
	connectortest.CheckSummary(t, summary, want)
	if len(got.Rejected) != 0 {
		t.Errorf("the lumen export has no bad records, got rejects %v", got.Rejected)
	}
	connectortest.CheckRecordCounts(t, got, want)
	inline := 0
	for _, a := range got.Activities {
		inline += len(a.Attendees)
	}
	if planted := connectortest.PlantedAttendees(export.pages); inline != planted {
		t.Errorf("%d attendees carried by the activities, the generator planted %d", inline, planted)
	}
	// The planted skips are there, so the counts above are not trivial.
	skips := connectortest.Skipped(summary)
	for _, reason := range []string{skipCanceled, skipApplicationUser, skipNonInteractiveUser, nonAttendeeRoles[9],
		skipPartyExpanded, skipPartyActivityAbsent, skipPartyUnloaded, skipPartyRepeated} {
		if skips[reason] == 0 {
			t.Errorf("no record skipped as %q (skips %v)", reason, skips)
		}
	}
	if planted := connectortest.PlantedRecords(want); planted[plugin.KindActivity] < 250 || planted[plugin.KindUser] < 15 {
		t.Errorf("the company is too small: %v", planted)
	}
}

func TestReadLumenUsers(t *testing.T) {
	export, facts := generateLumen()
	got, _ := readFixture(t, export.path(), nil)
	users := map[string]plugin.User{}
	for _, u := range got.Users {
		users[u.ID] = u
	}
	if len(users) != len(facts.managerOf)+1 { // the director reports to no one
		t.Errorf("%d users, want %d people", len(users), len(facts.managerOf)+1)
	}
	for id, manager := range facts.managerOf {
		if users[id].ManagerID != manager {
			t.Errorf("%s: manager %q, want %q", users[id].Name, users[id].ManagerID, manager)
		}
	}
	lotte := users[facts.users["Lotte"].id]
	want := plugin.User{
		ID: facts.users["Lotte"].id, Name: "Lotte Mertens", Email: "lotte.mertens@lumen-optics.eu", Title: "Account Manager",
		Role: "Account Manager", ManagerID: facts.users["Pieter"].id, Active: false,
		JoinedAt: facts.users["Lotte"].created, LeftAt: time.Date(2026, 3, 13, 17, 22, 0, 0, time.UTC), Line: 1,
	}
	if !reflect.DeepEqual(lotte, want) {
		t.Errorf("Lotte\n got %+v\nwant %+v", lotte, want)
	}
	elodie := users[facts.users["Élodie"].id]
	if elodie.Name != "Élodie Moreau" || elodie.Title != "Sales Manager France" || !elodie.Active || !elodie.LeftAt.IsZero() ||
		elodie.ManagerID != facts.users["Sofie"].id {
		t.Errorf("Élodie: %+v", elodie)
	}
}

func TestReadLumenShowcase(t *testing.T) {
	export, facts := generateLumen()
	got, _ := readFixture(t, export.path(), nil)
	activities := map[string]plugin.Activity{}
	for _, a := range got.Activities {
		activities[a.ID] = a
	}
	u := func(first string) string { return facts.users[first].id }
	utc := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, time.UTC) }

	qbr := activities[facts.qbr]
	wantQBR := plugin.Activity{
		ID: facts.qbr, Kind: plugin.ActivityMeeting, Subject: "Quarterly business review Brouwer Retail", OwnerID: u("Pieter"),
		AccountID: facts.brouwer, OpportunityID: facts.wonDeal, StartAt: utc(2, 12, 13, 0), EndAt: utc(2, 12, 14, 30),
		DurationSeconds: 90 * 60, Status: "Completed", IsClosed: true, Priority: plugin.PriorityNormal,
		CompletedAt: utc(2, 12, 14, 30), RawType: "appointment", Line: 1,
		Attendees: []plugin.Attendee{
			{UserID: u("Pieter"), Email: "pieter.de.vries@lumen-optics.eu", Internal: true, Organizer: true, Line: 1},
			{UserID: u("Daan"), Email: "daan.bakker@lumen-optics.eu", Internal: true, Line: 1},
			{ContactID: facts.brouwerContact.id, Email: facts.brouwerContact.email, Line: 1},
			{Email: "inkoop@brouwer-retail.nl", Line: 1},
		},
	}
	if !reflect.DeepEqual(qbr, wantQBR) {
		t.Errorf("QBR\n got %+v\nwant %+v", qbr, wantQBR)
	}

	call := activities[facts.call]
	wantCall := plugin.Activity{
		ID: facts.call, Kind: plugin.ActivityCall, Subject: "Nabellen offerte lensslijpers", OwnerID: u("Emma"), AccountID: facts.brouwer,
		StartAt: utc(3, 3, 10, 0), EndAt: utc(3, 3, 10, 12), DurationSeconds: 12 * 60, Status: "Completed", IsClosed: true,
		Priority: plugin.PriorityHigh, CompletedAt: utc(3, 3, 10, 12), RawType: "phonecall", Line: 1,
	}
	if !reflect.DeepEqual(call, wantCall) {
		t.Errorf("call\n got %+v\nwant %+v", call, wantCall)
	}

	expense := activities[facts.expense]
	wantExpense := plugin.Activity{
		ID: facts.expense, Kind: plugin.ActivityTask, Subject: "Expense report January", OwnerID: u("Javier"),
		StartAt: utc(2, 11, 16, 30), DurationSeconds: 45 * 60, Status: "Completed", IsClosed: true, Priority: plugin.PriorityHigh,
		// The due date is a day: the host keeps the day of scheduledend.
		DueDate: utc(2, 6, 0, 0), CompletedAt: utc(2, 11, 16, 30), RawType: "task", Line: 1,
	}
	if !reflect.DeepEqual(expense, wantExpense) {
		t.Errorf("expense report\n got %+v\nwant %+v", expense, wantExpense)
	}

	email := activities[facts.email]
	wantEmail := plugin.Activity{
		ID: facts.email, Kind: plugin.ActivityEmail, Subject: "AW: Angebot Brillengläser Augenoptik Schäfer", OwnerID: u("Jonas"),
		AccountID: facts.schaefer, StartAt: utc(3, 10, 8, 45), Status: "Completed", IsClosed: true, Priority: plugin.PriorityNormal,
		CompletedAt: utc(3, 10, 8, 45), RawType: "email", Line: 1,
	}
	if !reflect.DeepEqual(email, wantEmail) {
		t.Errorf("email\n got %+v\nwant %+v", email, wantEmail)
	}

	// The parties of the call and the e-mail come from activityparties.json.
	byActivity := map[string][]plugin.Attendee{}
	for _, a := range got.Attendees {
		a.Line = 0
		byActivity[a.ActivityID] = append(byActivity[a.ActivityID], a)
	}
	wantCallParties := []plugin.Attendee{
		{ActivityID: facts.call, UserID: u("Emma"), Email: "emma.visser@lumen-optics.eu", Internal: true, Organizer: true},
		{ActivityID: facts.call, ContactID: facts.brouwerContact.id, Email: facts.brouwerContact.email},
	}
	if !reflect.DeepEqual(byActivity[facts.call], wantCallParties) {
		t.Errorf("call parties\n got %+v\nwant %+v", byActivity[facts.call], wantCallParties)
	}
	var emailParties []string
	for _, a := range byActivity[facts.email] {
		emailParties = append(emailParties, a.UserID+a.ContactID)
	}
	if want := []string{u("Jonas"), facts.schaeferContact.id, u("Katrin")}; !slices.Equal(emailParties, want) {
		t.Errorf("e-mail parties %v, want %v (Katrin once, though in To and Cc)", emailParties, want)
	}
}

func TestReadLumenAccountsAndDeals(t *testing.T) {
	export, facts := generateLumen()
	got, _ := readFixture(t, export.path(), nil)
	accounts := map[string]plugin.Account{}
	tiers := map[string]int{}
	for _, a := range got.Accounts {
		accounts[a.ID] = a
		tiers[a.Tier]++
	}
	brouwer := accounts[facts.brouwer]
	if brouwer.Name != "Brouwer Retail B.V." || brouwer.Tier != "Preferred Customer" || brouwer.Type != "Customer" ||
		brouwer.OwnerID != facts.users["Daan"].id || brouwer.AnnualRevenue == nil || brouwer.Industry == "" {
		t.Errorf("Brouwer: %+v", brouwer)
	}
	if tiers["Preferred Customer"] == 0 || tiers["Standard"] == 0 || tiers[""] == 0 {
		t.Errorf("tiers %v: want preferred, standard and none", tiers)
	}
	if owner := accounts[facts.teamOwned].OwnerID; owner != "" {
		t.Errorf("the team-owned account has owner %q", owner)
	}
	var won plugin.Opportunity
	states := map[string]int{}
	for _, o := range got.Opportunities {
		if o.ID == facts.wonDeal {
			won = o
		}
		states[o.Stage]++
		if o.IsWon != (o.Stage == "Won") || o.IsClosed != (o.Stage == "Won" || o.Stage == "Lost") {
			t.Errorf("%s: stage %q won %v closed %v", o.Name, o.Stage, o.IsWon, o.IsClosed)
		}
	}
	wantWon := plugin.Opportunity{
		ID: facts.wonDeal, AccountID: facts.brouwer, OwnerID: facts.users["Daan"].id, Name: "Brouwer Retail – 40 lens edgers",
		Stage: "Won", Amount: ptr(184000), IsClosed: true, IsWon: true, CloseDate: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC),
		CreatedAt: time.Date(2025, 11, 4, 10, 12, 0, 0, time.UTC), Line: 1,
	}
	if !reflect.DeepEqual(won, wantWon) {
		t.Errorf("won deal\n got %+v\nwant %+v", won, wantWon)
	}
	if states["Lost"] == 0 || states["1-Qualify"]+states["2-Develop"]+states["3-Propose"] == 0 {
		t.Errorf("stages %v", states)
	}
}

func ptr(f float64) *float64 { return &f }

func TestReadLumenActivities(t *testing.T) {
	export, _ := generateLumen()
	got, _ := readFixture(t, export.path(), nil)
	kinds := map[plugin.ActivityKind]int{}
	var subjects []string
	for _, a := range got.Activities {
		kinds[a.Kind]++
		subjects = append(subjects, a.Subject)
		if a.StartAt.Before(lumenStart.AddDate(0, -1, 0)) || a.StartAt.After(lumenStart.AddDate(0, 0, 7*lumenWeeks+7)) {
			t.Errorf("%s %q starts %v, outside the period", a.ID, a.Subject, a.StartAt)
		}
		if a.OpportunityID != "" && a.AccountID == "" {
			t.Errorf("%q regards a deal but has no account", a.Subject)
		}
		if a.Kind == plugin.ActivityTask && a.DueDate.IsZero() {
			t.Errorf("task %q has no due date", a.Subject)
		}
		if a.Kind == plugin.ActivityMeeting && (a.DurationSeconds <= 0 || len(a.Attendees) == 0) {
			t.Errorf("meeting %q: %d s, %d attendees", a.Subject, a.DurationSeconds, len(a.Attendees))
		}
		if a.IsClosed != !a.CompletedAt.IsZero() {
			t.Errorf("%q: closed %v, completed %v", a.Subject, a.IsClosed, a.CompletedAt)
		}
	}
	for _, k := range []plugin.ActivityKind{plugin.ActivityMeeting, plugin.ActivityCall, plugin.ActivityTask, plugin.ActivityEmail} {
		if kinds[k] < 20 {
			t.Errorf("%d %s activities (kinds %v)", kinds[k], k, kinds)
		}
	}
	for _, want := range []string{"1:1 with Ana", "Reunión de pipeline Iberia", "Wekelijks teamoverleg Benelux", "Team-Meeting DACH",
		"Réunion d'équipe France", "Interview candidate – Account Manager DACH", "Sollicitatiegesprek accountmanager", "Forecast bijwerken",
		"Expense report January", "Spesenabrechnung Januar", "Note de frais janvier"} {
		if !slices.Contains(subjects, want) {
			t.Errorf("no activity %q", want)
		}
	}
	for _, prefix := range []string{"Klantbezoek ", "Kundentermin ", "Visite client ", "Visita cliente ", "Reunião com ", "QBR prep ", "Ligação de acompanhamento "} {
		if !slices.ContainsFunc(subjects, func(s string) bool { return strings.HasPrefix(s, prefix) }) {
			t.Errorf("no activity starting %q", prefix)
		}
	}
	// Internal and external attendees both come through.
	internal, external := 0, 0
	for _, at := range got.Attendees {
		if at.Internal {
			internal++
		} else {
			external++
		}
	}
	if internal == 0 || external == 0 {
		t.Errorf("%d internal and %d external attendees from the parties page", internal, external)
	}
}

func TestReadMinimal(t *testing.T) {
	export := generateMinimal()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.pages))
	if len(got.Rejected) != 0 {
		t.Errorf("rejects %v", got.Rejected)
	}
	activities := map[string]plugin.Activity{}
	for _, a := range got.Activities {
		activities[a.ID] = a
	}
	// Without annotations, the regarding object is known by the records
	// read before: the deal, and through it the account.
	if visit := activities[minVisit]; visit.Kind != plugin.ActivityMeeting || visit.OpportunityID != minDeal || visit.AccountID != minNordlys ||
		visit.DurationSeconds != 3600 || visit.Status != "Completed" {
		t.Errorf("visit: %+v", visit)
	}
	if call := activities[minCall]; call.AccountID != minSjosyn || call.DurationSeconds != 480 ||
		!call.EndAt.Equal(time.Date(2026, 2, 4, 13, 38, 0, 0, time.UTC)) {
		t.Errorf("call: %+v", call)
	}
	if task := activities[minTask]; task.IsClosed || task.Status != "Open" || task.Priority != plugin.PriorityNormal ||
		!task.DueDate.Equal(time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC)) || !task.StartAt.Equal(time.Date(2026, 2, 27, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("task: %+v", task)
	}
	if letter := activities[minLetter]; letter.Kind != plugin.ActivityOther || letter.RawType != "letter" ||
		!letter.StartAt.Equal(time.Date(2026, 2, 6, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("letter: %+v", letter)
	}
	if email := activities[minEmail]; !email.StartAt.Equal(email.CompletedAt) || email.StartAt.IsZero() {
		t.Errorf("email: %+v", email)
	}
	attendees := map[string][]plugin.Attendee{}
	for _, a := range got.Attendees {
		attendees[a.ActivityID] = append(attendees[a.ActivityID], a)
	}
	visitors := attendees[minVisit]
	if len(visitors) != 2 || visitors[0].UserID != minNils || !visitors[0].Internal || !visitors[0].Organizer ||
		visitors[1].ContactID != minContact || visitors[1].Internal {
		t.Errorf("visit attendees: %+v", visitors)
	}
	// An address Dataverse did not resolve is a colleague's when a user
	// has it, whatever its case.
	mails := attendees[minEmail]
	if len(mails) != 3 || mails[1].Email != "post@sjosyn.no" || mails[1].Internal || mails[2].UserID != minGreta || !mails[2].Internal {
		t.Errorf("e-mail attendees: %+v", mails)
	}
	if n := len(attendees[minWeekly]); n != 3 {
		t.Errorf("weekly meeting: %d attendees, want 3", n)
	}
}

func TestReadBrokenRejects(t *testing.T) {
	export := generateBroken()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.pages))
	connectortest.CheckRejects(t, got.Rejected, connectortest.PlantedRejects(export.pages))
	for _, r := range got.Rejected {
		for field, says := range map[string]string{
			"revenue": `"1,2 Mio" is not a number`, "scheduledstart": "2026-02-30", "scheduledend": "before it starts",
			"statecode": "not an", "actualdurationminutes": "negative", "participationtypemask": "2.5 is not a whole number",
		} {
			if r.Field == field && !strings.Contains(r.Reason, says) {
				t.Errorf("%s:%d: the %s reject says %q", r.File, r.Line, field, r.Reason)
			}
		}
	}
	var subjects []string
	for _, a := range got.Activities {
		subjects = append(subjects, a.Subject)
	}
	if want := []string{"Visita cliente Ottica Milano", "1:1 with Giulia", "Llamada de seguimiento Ottica Milano", "Nota spese febbraio"}; !slices.Equal(subjects, want) {
		t.Errorf("loaded %q, want the good records %q", subjects, want)
	}
}

func TestReadOptions(t *testing.T) {
	dir := filepath.Join(fixturesRoot, "lumen")
	none, _ := readFixture(t, dir, map[string]string{"account_tier_field": "none"})
	for _, a := range none.Accounts {
		if a.Tier != "" {
			t.Fatalf("account %s has tier %q though account_tier_field=none", a.Name, a.Tier)
		}
	}
	industry, _ := readFixture(t, dir, map[string]string{"account_tier_field": "IndustryCode"})
	for _, a := range industry.Accounts {
		if a.Tier != a.Industry || a.Tier == "" {
			t.Fatalf("account %s: tier %q, want its industry %q", a.Name, a.Tier, a.Industry)
		}
	}
	for options, says := range map[string]string{
		`{"account_tier_field": "new_tier"}`: `no attribute "new_tier"`,
		`{"encoding": "utf-8"}`:              "knows account_tier_field",
	} {
		opts := map[string]string{}
		key, value, _ := strings.Cut(strings.Trim(options, "{}"), ": ")
		opts[strings.Trim(key, `"`)] = strings.Trim(value, `"`)
		_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir, Options: opts})
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("options %s: %v, want an error saying %q", options, err, says)
		}
	}
}

func TestReadDamagedPageNamesFileAndLine(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "broken"))
	// Cut the page inside its third record.
	connectortest.CheckCutPage(t, New(), dir, "appointments.json", "Riunione di pipeline")
}

func TestReadRefusesWhatIsNotAnExport(t *testing.T) {
	for _, path := range []string{t.TempDir(), filepath.Join(fixturesRoot, "lumen", "tasks.json"), filepath.Join(t.TempDir(), "missing")} {
		if _, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path}); err == nil {
			t.Errorf("reading %s did not fail", path)
		}
	}
}

func TestReadZipMatchesItsDirectory(t *testing.T) {
	dir := filepath.Join(fixturesRoot, "minimal")
	archive := connectortest.ZipDir(t, dir, "dataverse-export/")
	fromZip, zipSummary := readFixture(t, archive, nil)
	fromDir, dirSummary := readFixture(t, dir, nil)
	fromZip.Progressed, fromDir.Progressed = nil, nil
	fromZip.Files, fromDir.Files = nil, nil
	for i := range fromZip.Activities {
		fromZip.Activities[i].Line = fromDir.Activities[i].Line
	}
	if !reflect.DeepEqual(fromZip.Activities, fromDir.Activities) || !reflect.DeepEqual(fromZip.Attendees, fromDir.Attendees) {
		t.Error("the archive reads differently from its directory")
	}
	if len(zipSummary.Files) != len(dirSummary.Files) || zipSummary.Files[0].File != "dataverse-export/systemusers.json" {
		t.Errorf("summaries differ:\n zip %+v\n dir %+v", zipSummary, dirSummary)
	}
}

// TestReadCancelledByTheHost cancels through the protocol, as the host
// does when the user presses Ctrl-C, part-way through a large page.
func TestReadCancelledByTheHost(t *testing.T) {
	dir := t.TempDir()
	writeLargeExport(t, dir, 20000)
	connectortest.CheckReadCancels(t, New(), dir, 20000)
}

func writeLargeExport(t *testing.T, dir string, tasks int) {
	t.Helper()
	const owner = "0a1b2c3d-0000-ef11-a671-000d3a000001"
	users := fmt.Sprintf(`{"@odata.context":"%s$metadata#systemusers","value":[{"systemuserid":"%s","fullname":"Bram Bakker"}]}`, orgURL, owner)
	var b strings.Builder
	fmt.Fprintf(&b, `{"@odata.context":"%s$metadata#tasks","value":[`, orgURL)
	for i := range tasks {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"activityid":"0a1b2c3d-%04x-ef11-a671-%012x","subject":"Offerte nabellen %d","scheduledend":"2026-02-02T17:00:00Z","statecode":0,"_ownerid_value":"%s"}`,
			i%0x10000, i, i, owner)
	}
	b.WriteString("]}")
	for name, text := range map[string]string{"systemusers.json": users, "tasks.json": b.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
