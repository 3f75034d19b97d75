package zoho

import (
	"fmt"
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

// lineOf is the line the generator wrote a record on.
func lineOf(e *fxExport, file, id string) int64 {
	for _, p := range e.pages {
		if p.name != file {
			continue
		}
		_, lines := p.render()
		for i, r := range p.records {
			if r.fields.get("id") == id {
				return lines[i]
			}
		}
	}
	panic("test bug: no record " + id + " in " + file)
}

func TestReadCortadoCounts(t *testing.T) {
	export, _ := generateCortado()
	got, summary := readFixture(t, export.path(), nil)
	want := connectortest.ExpectedSummary(export.pages)
	connectortest.CheckSummary(t, summary, want)
	if len(got.Rejected) != 0 {
		t.Errorf("the cortado export has no bad records, got rejects %v", got.Rejected)
	}
	connectortest.CheckRecordCounts(t, got, want)
	attendees := 0
	for _, a := range got.Activities {
		attendees += len(a.Attendees)
	}
	if planted := connectortest.PlantedAttendees(export.pages); attendees != planted {
		t.Errorf("%d attendees carried by the activities, the generator planted %d", attendees, planted)
	}
	if connectortest.Skipped(summary)[skipCancelledCall] == 0 {
		t.Errorf("no cancelled call skipped: %+v", summary.Files)
	}
	if skipped := connectortest.Skipped(summary)[skipMissedCall]; skipped != 1 {
		t.Errorf("%d missed calls skipped, want the 1 planted: %+v", skipped, summary.Files)
	}
	if planted := connectortest.PlantedRecords(want); planted[plugin.KindActivity] < 250 || planted[plugin.KindUser] < 15 {
		t.Errorf("the company is too small: %v", planted)
	}
}

func TestReadCortadoUsers(t *testing.T) {
	export, facts := generateCortado()
	got, _ := readFixture(t, export.path(), nil)
	users := map[string]plugin.User{}
	for _, u := range got.Users {
		users[u.ID] = u
	}
	if len(users) != len(facts.managerOf)+1 {
		t.Errorf("%d users, want %d", len(users), len(facts.managerOf)+1)
	}
	for id, manager := range facts.managerOf {
		if users[id].ManagerID != manager {
			t.Errorf("%s: manager %q, want %q", users[id].Name, users[id].ManagerID, manager)
		}
	}
	lara := facts.users["Lara"]
	want := plugin.User{
		ID: lara.id, Name: "Lara Vogt", Email: "lara.vogt@cortado-coffee.com", Role: "Sales Representative",
		ManagerID: facts.users["Joost"].id, Active: false, JoinedAt: lara.created, LeftAt: time.Date(2026, 3, 13, 16, 5, 0, 0, time.UTC),
		Line: lineOf(export, "Users.json", lara.id),
	}
	if got := users[lara.id]; !reflect.DeepEqual(got, want) {
		t.Errorf("Lara\n got %+v\nwant %+v", got, want)
	}
	if marta := users[facts.users["Marta"].id]; !marta.Active || marta.Role != "Sales Manager Spain" || marta.ManagerID != facts.users["Harriet"].id {
		t.Errorf("Marta: %+v", marta)
	}
}

func TestReadCortadoShowcase(t *testing.T) {
	export, facts := generateCortado()
	got, _ := readFixture(t, export.path(), nil)
	activities := map[string]plugin.Activity{}
	for _, a := range got.Activities {
		activities[a.ID] = a
	}
	u := func(first string) *cortadoUser { return facts.users[first] }
	utc := func(m time.Month, d, h, min, s int) time.Time { return time.Date(2026, m, d, h, min, s, 0, time.UTC) }
	line := func(file, id string) int64 { return lineOf(export, file, id) }

	qbrLine := line("Events.json", facts.qbr)
	wantQBR := plugin.Activity{
		ID: facts.qbr, Kind: plugin.ActivityMeeting, Subject: "Quarterly business review Hotel Arts", OwnerID: u("Marta").id,
		AccountID: facts.hotelArts, OpportunityID: facts.wonDeal, StartAt: utc(2, 12, 9, 0, 0), EndAt: utc(2, 12, 10, 30, 0),
		DurationSeconds: 90 * 60, Line: qbrLine,
		Attendees: []plugin.Attendee{
			{UserID: u("Marta").id, Name: "Marta Iglesias", Email: "marta.iglesias@cortado-coffee.com", Internal: true, Organizer: true, Response: "accepted", Line: qbrLine},
			{UserID: u("Pablo").id, Name: "Pablo Serrano", Email: "pablo.serrano@cortado-coffee.com", Internal: true, Response: "accepted", Line: qbrLine},
			{ContactID: facts.hotelContact.id, Name: facts.hotelContact.name, Email: facts.hotelContact.email, Response: "accepted", Line: qbrLine},
			{Name: "compras@hotelartsbcn.es", Email: "compras@hotelartsbcn.es", Response: "not_known", Line: qbrLine},
		},
	}
	if qbr := activities[facts.qbr]; !reflect.DeepEqual(qbr, wantQBR) {
		t.Errorf("QBR\n got %+v\nwant %+v", qbr, wantQBR)
	}

	callLine := line("Calls.json", facts.call)
	wantCall := plugin.Activity{
		ID: facts.call, Kind: plugin.ActivityCall, Subject: "Llamada de seguimiento Café Comercial", OwnerID: u("Nuria").id,
		AccountID: facts.cafe, StartAt: utc(3, 3, 10, 0, 0), EndAt: utc(3, 3, 10, 12, 30), DurationSeconds: 750,
		Status: "Completed", IsClosed: true, RawType: "Outbound", Line: callLine,
		Attendees: []plugin.Attendee{{ContactID: facts.cafeContact.id, Name: facts.cafeContact.name, Line: callLine}},
	}
	if call := activities[facts.call]; !reflect.DeepEqual(call, wantCall) {
		t.Errorf("call\n got %+v\nwant %+v", call, wantCall)
	}
	if clock := activities[facts.clockCall]; clock.DurationSeconds != 7*60+5 || !clock.EndAt.Equal(clock.StartAt.Add(425*time.Second)) {
		t.Errorf("a call with Call_Duration only: %+v", clock)
	}
	// Nobody answered the missed call: it is no customer time.
	if missed, loaded := activities[facts.missedCall]; loaded {
		t.Errorf("the missed call was loaded: %+v", missed)
	}

	wantExpense := plugin.Activity{
		ID: facts.expense, Kind: plugin.ActivityTask, Subject: "Expense report January", OwnerID: u("Harriet").id,
		StartAt: utc(2, 11, 16, 30, 0), Status: "Completed", IsClosed: true, Priority: plugin.PriorityHigh,
		DueDate: time.Date(2026, 2, 6, 0, 0, 0, 0, time.UTC), CompletedAt: utc(2, 11, 16, 30, 0), Line: line("Tasks.json", facts.expense),
	}
	if expense := activities[facts.expense]; !reflect.DeepEqual(expense, wantExpense) {
		t.Errorf("expense report\n got %+v\nwant %+v", expense, wantExpense)
	}

	kickOff := activities[facts.kickOff]
	if kickOff.DurationSeconds != 24*3600-60 || !kickOff.StartAt.Equal(time.Date(2026, 1, 14, 23, 0, 0, 0, time.UTC)) ||
		len(kickOff.Attendees) != 3 || kickOff.Attendees[2].Response != "declined" {
		t.Errorf("all-day kick-off: %+v", kickOff)
	}
}

func TestReadCortadoAccountsAndDeals(t *testing.T) {
	export, facts := generateCortado()
	plain, _ := readFixture(t, export.path(), nil)
	for _, a := range plain.Accounts {
		if a.Tier != "" {
			t.Fatalf("account %s has tier %q without the option", a.Name, a.Tier)
		}
	}
	got, _ := readFixture(t, export.path(), map[string]string{"account_tier_field": "account_tier"})
	tiers := map[string]int{}
	for _, a := range got.Accounts {
		tiers[a.Tier]++
		if a.ID == facts.hotelArts && (a.Name != "Hotel Arts Barcelona" || a.Tier != "Tier 1" || a.Type != "Customer" ||
			a.OwnerID != facts.users["Pablo"].id || a.AnnualRevenue == nil || a.Industry == "") {
			t.Errorf("Hotel Arts: %+v", a)
		}
	}
	if tiers["Tier 1"] == 0 || tiers["Tier 3"] == 0 || tiers[""] == 0 {
		t.Errorf("tiers %v", tiers)
	}
	rating, _ := readFixture(t, export.path(), map[string]string{"account_tier_field": "Rating"})
	for _, a := range rating.Accounts {
		if a.Tier == "" {
			t.Errorf("account %s has no tier from Rating", a.Name)
		}
	}
	var won plugin.Opportunity
	for _, o := range got.Opportunities {
		if o.ID == facts.wonDeal {
			won = o
		}
		closed := strings.HasPrefix(o.Stage, "Closed")
		if o.IsClosed != closed || o.IsWon != (o.Stage == "Closed Won") {
			t.Errorf("%s: stage %q closed %v won %v", o.Name, o.Stage, o.IsClosed, o.IsWon)
		}
	}
	wantWon := plugin.Opportunity{
		ID: facts.wonDeal, AccountID: facts.hotelArts, OwnerID: facts.users["Pablo"].id, Name: "Hotel Arts – 12 espresso machines",
		Stage: "Closed Won", Amount: ptr(86400), IsClosed: true, IsWon: true, CloseDate: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC),
		CreatedAt: time.Date(2025, 11, 4, 10, 12, 0, 0, time.UTC), Line: lineOf(export, "Deals.json", facts.wonDeal),
	}
	if !reflect.DeepEqual(won, wantWon) {
		t.Errorf("won deal\n got %+v\nwant %+v", won, wantWon)
	}
}

func ptr(f float64) *float64 { return &f }

func TestReadCortadoActivities(t *testing.T) {
	export, _ := generateCortado()
	got, _ := readFixture(t, export.path(), nil)
	kinds := map[plugin.ActivityKind]int{}
	var subjects []string
	for _, a := range got.Activities {
		kinds[a.Kind]++
		subjects = append(subjects, a.Subject)
		if a.StartAt.Before(cortadoStart.AddDate(0, -1, 0)) || a.StartAt.After(cortadoStart.AddDate(0, 0, 7*cortadoWeeks+7)) {
			t.Errorf("%s %q starts %v, outside the period", a.ID, a.Subject, a.StartAt)
		}
		if a.OpportunityID != "" && a.AccountID == "" {
			t.Errorf("%q is about a deal but has no account", a.Subject)
		}
		if a.Kind == plugin.ActivityMeeting && (a.DurationSeconds <= 0 || len(a.Attendees) == 0) {
			t.Errorf("meeting %q: %d s, %d attendees", a.Subject, a.DurationSeconds, len(a.Attendees))
		}
		if a.Kind == plugin.ActivityCall && a.IsClosed && a.DurationSeconds <= 0 {
			t.Errorf("call %q has no duration", a.Subject)
		}
	}
	for _, k := range []plugin.ActivityKind{plugin.ActivityMeeting, plugin.ActivityCall, plugin.ActivityTask} {
		if kinds[k] < 50 {
			t.Errorf("%d %s activities (kinds %v)", kinds[k], k, kinds)
		}
	}
	for _, want := range []string{"1:1 with Nuria", "Reunión de pipeline", "Reunião de equipa", "Réunion d'équipe", "Teamoverleg Benelux & DACH",
		"Interview candidate – Account Manager DACH", "Sollicitatiegesprek accountmanager", "Informe de gastos enero", "Relatório de despesas janeiro",
		"Note de frais janvier", "Declaratie januari", "Forecast bijwerken"} {
		if !slices.Contains(subjects, want) {
			t.Errorf("no activity %q", want)
		}
	}
	for _, prefix := range []string{"Visita cliente ", "Klantbezoek ", "Kundentermin ", "Visite client ", "Visita ao cliente ", "QBR prep ", "Rückruf wegen Angebot "} {
		if !slices.ContainsFunc(subjects, func(s string) bool { return strings.HasPrefix(s, prefix) }) {
			t.Errorf("no activity starting %q", prefix)
		}
	}
}

func TestReadBrokenRejects(t *testing.T) {
	export := generateBroken()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.pages))
	connectortest.CheckRejects(t, got.Rejected, connectortest.PlantedRejects(export.pages))
	for _, r := range got.Rejected {
		for field, says := range map[string]string{
			"Annual_Revenue": `"1,2 Mio €" is not a number`, "Call_Start_Time": "2026-02-30", "Call_Duration": `"5 min" is not a duration`,
			"End_DateTime": "before it starts", "Due_Date": "", "created_time": `"yesterday"`,
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
	if want := []string{"Chiamata di follow-up Bar Ottica", "Visita cliente Bar Ottica", "1:1 with Giulia", "Nota spese febbraio"}; !slices.Equal(subjects, want) {
		t.Errorf("loaded %q, want the good records %q", subjects, want)
	}
}

func TestReadOptions(t *testing.T) {
	dir := filepath.Join(fixturesRoot, "cortado")
	for name, test := range map[string]struct {
		options map[string]string
		says    string
	}{
		"a tier field the accounts lack": {map[string]string{"account_tier_field": "Tier__c"}, `no field "Tier__c"`},
		"an unknown option":              {map[string]string{"encoding": "utf-8"}, "knows account_tier_field"},
	} {
		_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir, Options: test.options})
		if err == nil || !strings.Contains(err.Error(), test.says) {
			t.Errorf("%s: %v, want an error saying %q", name, err, test.says)
		}
	}
	none, _ := readFixture(t, dir, map[string]string{"account_tier_field": "none"})
	for _, a := range none.Accounts {
		if a.Tier != "" {
			t.Fatalf("tier %q with account_tier_field=none", a.Tier)
		}
	}
}

// TestReadPagesOfAnyName: pages saved under other names are known by
// their fields; times with a summer offset are converted to UTC; an empty
// file named after a module (the API's "204 No Content") is a page without
// records.
func TestReadPagesOfAnyName(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "export-users.json", `{"users":[{"id":"531887000000225013","full_name":"Patricia Boyle","email":"p.boyle@zylker.example","status":"active","role":{"name":"CEO","id":"1"},"profile":{"name":"Administrator","id":"2"}}],"info":{"per_page":200,"count":1,"page":1,"more_records":false}}`)
	connectortest.WriteFile(t, dir, "response (3).json", `{"data":[{"Owner":{"name":"Patricia Boyle","id":"531887000000225013"},"Call_Type":"Outbound","Call_Start_Time":"2026-04-02T10:00:00+02:00","Call_Duration":"01:02:03","Subject":"Call Zylker","id":"531887000002792048"}],"info":{"more_records":false}}`)
	connectortest.WriteFile(t, dir, "Tasks.json", "")
	got, summary := readFixture(t, dir, nil)
	if len(got.Users) != 1 || len(got.Activities) != 1 || len(summary.Files) != 3 {
		t.Fatalf("users %v, activities %v, files %+v", got.Users, got.Activities, summary.Files)
	}
	call := got.Activities[0]
	if !call.StartAt.Equal(time.Date(2026, 4, 2, 8, 0, 0, 0, time.UTC)) || call.DurationSeconds != 3723 || call.OwnerID != "531887000000225013" {
		t.Errorf("call: %+v", call)
	}
}

func TestReadDamagedPageNamesFileAndLine(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "broken"))
	connectortest.CheckCutPage(t, New(), dir, "Events.json", "Riunione di pipeline")
}

func TestReadRefusesWhatIsNotAnExport(t *testing.T) {
	for _, path := range []string{t.TempDir(), filepath.Join(fixturesRoot, "cortado", "Calls.json"), filepath.Join(t.TempDir(), "missing"),
		filepath.Join("..", "..", "..", "testdata", "dynamics", "lumen")} {
		if _, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path}); err == nil {
			t.Errorf("reading %s did not fail", path)
		}
	}
}

func TestReadZipMatchesItsDirectory(t *testing.T) {
	dir := filepath.Join(fixturesRoot, "cortado")
	fromZip, zipSummary := readFixture(t, connectortest.ZipDir(t, dir, ""), nil)
	fromDir, dirSummary := readFixture(t, dir, nil)
	fromZip.Progressed, fromDir.Progressed = nil, nil
	if !reflect.DeepEqual(fromZip, fromDir) || !reflect.DeepEqual(zipSummary, dirSummary) {
		t.Error("the archive reads differently from its directory")
	}
}

// TestReadCancelledByTheHost cancels through the protocol, as the host
// does when the user presses Ctrl-C, part-way through a large page.
func TestReadCancelledByTheHost(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := range 20000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"Owner":{"name":"Bram","id":"1"},"Subject":"Nabellen %d","Due_Date":"2026-02-02","Status":"Not Started","id":"%d"}`, i, 5318870000000000000+i)
	}
	b.WriteString(`],"info":{"more_records":true}}`)
	connectortest.WriteFile(t, dir, "Tasks.json", b.String())
	connectortest.CheckReadCancels(t, New(), dir, 20000)
}
