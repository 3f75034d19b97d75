package hubspot

import (
	"fmt"
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

// uiOptions are the options the UI exports need: their times are in the
// account's time zone.
var uiOptions = map[string]string{optionTimezone: uiTimezone}

func TestReadCountsMatchTheFixtures(t *testing.T) {
	c := generateCompany()
	for _, e := range []*fixtureExport{apiExport(c), uiExport(c)} {
		t.Run(e.dir, func(t *testing.T) {
			got, summary := readFixture(t, e.path(), uiOptions)
			want := connectortest.ExpectedSummary(e.files)
			connectortest.CheckSummary(t, summary, want)
			if len(got.Rejected) != 0 {
				t.Errorf("the %s export has no bad records, got rejects %v", e.dir, got.Rejected)
			}
			connectortest.CheckRecordCounts(t, got, want)
			// The owners the generator made, less none: the one who left
			// is an inactive user.
			if len(got.Users) != len(c.owners) {
				t.Errorf("%d users, want %d owners", len(got.Users), len(c.owners))
			}
		})
	}
}

func TestReadSkipsArchivedCanceledAndRepeatedRecords(t *testing.T) {
	c := generateCompany()
	_, apiSummary := readFixture(t, apiExport(c).path(), nil)
	skips := connectortest.Skipped(apiSummary)
	for _, reason := range []string{skipArchived, skipDuplicate, skipCanceledMeeting, skipHierarchyRow} {
		if skips[reason] == 0 {
			t.Errorf("API export: no record skipped as %q", reason)
		}
	}
	_, uiSummary := readFixture(t, uiExport(c).path(), uiOptions)
	uiSkips := connectortest.Skipped(uiSummary)
	if uiSkips[skipArchived] != 0 || uiSkips[skipDuplicate] != 0 {
		t.Errorf("UI export: skipped %v; the UI exports no deleted records and no page overlaps", uiSkips)
	}
	if uiSkips[skipCanceledMeeting] != skips[skipCanceledMeeting] {
		t.Errorf("UI export: %d canceled meetings skipped, the API export %d", uiSkips[skipCanceledMeeting], skips[skipCanceledMeeting])
	}
}

func TestReadBrokenRejectsNameFileLineAndField(t *testing.T) {
	broken := brokenExport()
	got, summary := readFixture(t, broken.path(), uiOptions)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(broken.files))

	want := map[string]bool{} // file:line:field
	for _, r := range connectortest.PlantedRejects(broken.files) {
		want[r] = true
	}
	if len(want) < 25 {
		t.Fatalf("the generator planted only %d rejects", len(want))
	}
	for _, r := range got.Rejected {
		k := fmt.Sprintf("%s:%d:%s", r.File, r.Line, r.Field)
		if !want[k] {
			t.Errorf("unexpected reject %s: %s", k, r.Reason)
		}
		delete(want, k)
		if r.Reason == "" || r.Raw == "" {
			t.Errorf("reject %s lacks a reason or an excerpt: %+v", k, r)
		}
	}
	for k := range want {
		t.Errorf("missing reject %s", k)
	}
}

func TestReadBrokenRejectReasons(t *testing.T) {
	got, _ := readFixture(t, brokenExport().path(), uiOptions)
	reasons := map[string]string{}
	for _, r := range got.Rejected {
		reasons[r.File+":"+r.Field] += r.Reason + "\n"
	}
	for where, fragment := range map[string]string{
		"owner-managers.csv:Manager":                             "their own manager",
		"owner-managers.csv:Owner":                               "already has a manager, from line 3",
		"meetings-page-1.json:hs_meeting_end_time":               "ends",
		"meetings-page-1.json:hs_timestamp":                      "no date",
		"meetings-page-1.json:":                                  "not an object",
		"meetings-page-1.json:hs_meeting_title":                  "HubSpot writes a string or null",
		"calls-page-1.json:hs_call_duration":                     `"12 min" is not a call duration`,
		"companies-page-1.json:annualrevenue":                    `"480.000.000" is not a number`,
		"hubspot-crm-exports-all-calls-2026-05-04.csv:Record ID": "spreadsheet",
		"hubspot-crm-exports-all-calls-2026-05-04.csv:":          "stray double quote",
	} {
		if !strings.Contains(reasons[where], fragment) {
			t.Errorf("%s: reasons %q do not say %q", where, reasons[where], fragment)
		}
	}
}

// lineOf is the line the generator wrote a record on.
func (e *fixtureExport) lineOf(file, id string) int64 {
	for _, r := range e.file(file).records {
		if r.id == id {
			return r.line
		}
	}
	panic(fmt.Sprintf("fixture bug: %s has no record %s", file, id))
}

// fileOf is the file holding a record of an object, by ID.
func (e *fixtureExport) fileOf(prefix, id string) string {
	for _, f := range e.files {
		if !strings.HasPrefix(f.name, prefix) {
			continue
		}
		for _, r := range f.records {
			if r.id == id {
				return f.name
			}
		}
	}
	panic(fmt.Sprintf("fixture bug: no %s file holds %s", prefix, id))
}

func byID[T any](records []T, id func(T) string) map[string]T {
	out := map[string]T{}
	for _, r := range records {
		out[id(r)] = r
	}
	return out
}

func activitiesByID(got *plugintest.Collector) map[string]plugin.Activity {
	return byID(got.Activities, func(a plugin.Activity) string { return a.ID })
}

func utc(y int, m time.Month, d, hour, minute, second int) time.Time {
	return time.Date(y, m, d, hour, minute, second, 0, time.UTC)
}

// TestReadMapsTheAPIFieldByField checks the anchor records, whose values
// the generator writes literally.
func TestReadMapsTheAPIFieldByField(t *testing.T) {
	c := generateCompany()
	api := apiExport(c)
	got, _ := readFixture(t, api.path(), nil)
	activities := activitiesByID(got)
	k := c.byKey

	m := c.anchors.meeting
	file := api.fileOf("meetings", m.id)
	line := api.lineOf(file, m.id)
	wantMeeting := plugin.Activity{
		ID: "60990000101", Kind: plugin.ActivityMeeting, Subject: "Klantbezoek Van Dijk Logistiek B.V.",
		OwnerID: k["joris"].id, AccountID: m.company.id, OpportunityID: m.deal.id,
		StartAt: utc(2026, 2, 10, 8, 30, 0), EndAt: utc(2026, 2, 10, 9, 45, 0), DurationSeconds: 75 * 60,
		Status: "COMPLETED", RawType: "Customer visit",
		Attendees: []plugin.Attendee{
			{UserID: k["joris"].id, Internal: true, Organizer: true, Line: line},
			{UserID: k["pieter"].id, Internal: true, Line: line},
			{ContactID: m.contacts[0], Line: line},
			{ContactID: m.contacts[1], Line: line},
		},
		Line: line,
	}
	checkActivity(t, activities[m.id], wantMeeting)
	if got.Files[m.id] != file {
		t.Errorf("the meeting came from %s, want %s", got.Files[m.id], file)
	}

	call := c.anchors.call
	line = api.lineOf(api.fileOf("calls", call.id), call.id)
	checkActivity(t, activities[call.id], plugin.Activity{
		ID: "60990000202", Kind: plugin.ActivityCall, Subject: "Llamada de seguimiento Bodegas del Duero",
		OwnerID: k["carmen"].id, AccountID: call.company.id,
		// 754 321 ms, to the nearest second.
		StartAt: utc(2026, 3, 31, 8, 15, 0), EndAt: utc(2026, 3, 31, 8, 27, 34), DurationSeconds: 754,
		Status: "COMPLETED", RawType: "Follow-up",
		Attendees: []plugin.Attendee{{ContactID: call.contacts[0], Line: line}},
		Line:      line,
	})

	task := c.anchors.completedTask
	line = api.lineOf(api.fileOf("tasks", task.id), task.id)
	checkActivity(t, activities[task.id], plugin.Activity{
		ID: "60990000303", Kind: plugin.ActivityTask, Subject: "QBR prep Brouwerij De Klok", OwnerID: k["pieter"].id,
		AccountID: task.company.id, Status: "COMPLETED", IsClosed: true, Priority: plugin.PriorityHigh, RawType: "TODO",
		// Done three days late: placed in time when it was done.
		// The due date is a day (the host keeps the day of hs_timestamp).
		DueDate: utc(2026, 3, 2, 0, 0, 0), CompletedAt: utc(2026, 3, 5, 16, 12, 0), StartAt: utc(2026, 3, 5, 16, 12, 0),
		Line: line,
	})

	reopened := c.anchors.reopenedTask
	line = api.lineOf(api.fileOf("tasks", reopened.id), reopened.id)
	checkActivity(t, activities[reopened.id], plugin.Activity{
		ID: "60990000304", Kind: plugin.ActivityTask, Subject: "Informe de gastos febrero", OwnerID: k["marta"].id,
		Status: "IN_PROGRESS", Priority: plugin.PriorityNormal, RawType: "TODO",
		// Its old completion date does not count: the task is open.
		DueDate: utc(2026, 3, 6, 0, 0, 0), StartAt: utc(2026, 3, 6, 16, 0, 0),
		Line: line,
	})

	email := c.anchors.email
	line = api.lineOf(api.fileOf("emails", email.id), email.id)
	checkActivity(t, activities[email.id], plugin.Activity{
		ID: "60990000405", Kind: plugin.ActivityEmail, Subject: "Angebot Nordlicht Energie GmbH", OwnerID: k["lena"].id,
		AccountID: email.company.id, OpportunityID: email.deal.id, StartAt: utc(2026, 1, 20, 13, 5, 0),
		Status: "SENT", RawType: "EMAIL",
		Attendees: []plugin.Attendee{{ContactID: email.contacts[0], Line: line}, {ContactID: email.contacts[1], Line: line}},
		Line:      line,
	})
}

func checkActivity(t *testing.T, got, want plugin.Activity) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("activity %s:\n got %+v\nwant %+v", want.ID, got, want)
	}
}

func TestReadMapsAccountsDealsAndOwnersFieldByField(t *testing.T) {
	c := generateCompany()
	api := apiExport(c)
	got, _ := readFixture(t, api.path(), nil)

	alpenland := c.anchors.company
	revenue := 480_000_000.0
	wantAccount := plugin.Account{
		ID: alpenland.id, Name: "Alpenland Versicherung AG", OwnerID: c.byKey["katrin"].id, AnnualRevenue: &revenue,
		Type: "customer", Tier: "tier1", Industry: "INSURANCE",
		Line: api.lineOf(api.fileOf("companies", alpenland.id), alpenland.id),
	}
	if a := byID(got.Accounts, func(a plugin.Account) string { return a.ID })[alpenland.id]; !reflect.DeepEqual(a, wantAccount) {
		t.Errorf("account:\n got %+v\nwant %+v", a, wantAccount)
	}
	for _, a := range got.Accounts {
		if a.Name == "Apotheek Keizersgracht" && (a.AnnualRevenue != nil || a.Tier != "") {
			t.Errorf("%s has no revenue and no tier in HubSpot, got %v and %q", a.Name, a.AnnualRevenue, a.Tier)
		}
	}

	deals := byID(got.Opportunities, func(o plugin.Opportunity) string { return o.ID })
	renewal := c.anchors.renewal
	amount := 96000.0
	wantDeal := plugin.Opportunity{
		ID: renewal.id, AccountID: alpenland.id, OwnerID: c.byKey["katrin"].id,
		Name: "Alpenland Versicherung AG – Renewal 2026", Stage: stageRenewed, Amount: &amount,
		// A pipeline of its own: won because hs_is_closed_won says so.
		IsClosed: true, IsWon: true,
		// The close date is a day: the host keeps the day of closedate.
		CloseDate: utc(2026, 3, 20, 0, 0, 0), CreatedAt: time.Date(2026, 1, 12, 9, 14, 51, 203_000_000, time.UTC),
		Line: api.lineOf(api.fileOf("deals", renewal.id), renewal.id),
	}
	if d := deals[renewal.id]; !reflect.DeepEqual(d, wantDeal) {
		t.Errorf("deal:\n got %+v\nwant %+v", d, wantDeal)
	}
	for _, d := range c.deals {
		o, ok := deals[d.id]
		if d.archived {
			if ok {
				t.Errorf("archived deal %s loaded", d.id)
			}
			continue
		}
		wantWon, wantClosed := d.isClosedWon == "true", d.isClosed == "true"
		if o.IsWon != wantWon || o.IsClosed != wantClosed || o.AccountID != d.company.id {
			t.Errorf("deal %s (%s): won %v closed %v account %s; want %v, %v, %s", d.id, d.stage, o.IsWon, o.IsClosed, o.AccountID, wantWon, wantClosed, d.company.id)
		}
	}

	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	felix := c.anchors.felix
	wantFelix := plugin.User{
		ID: felix.id, Name: "Felix Wagner", Email: "felix.wagner@brightwave.example", ManagerID: c.byKey["katrin"].id,
		Active: false, JoinedAt: utc(2025, 5, 5, 9, 17, 3), LeftAt: time.Date(2026, 3, 13, 16, 40, 5, 117_000_000, time.UTC),
		Line: 1, // owners-archived.json is one line, as curl saves it
	}
	if u := users[felix.id]; !reflect.DeepEqual(u, wantFelix) {
		t.Errorf("owner who left:\n got %+v\nwant %+v", u, wantFelix)
	}
	if sofie := users[c.byKey["sofie"].id]; sofie.Role != "Sales Leadership" || sofie.ManagerID != "" || !sofie.Active {
		t.Errorf("the VP: role %q (want her primary team), manager %q, active %v", sofie.Role, sofie.ManagerID, sofie.Active)
	}
	for _, o := range c.owners {
		want := ""
		if o.manager != nil {
			want = o.manager.id
		}
		if users[o.id].ManagerID != want {
			t.Errorf("%s: manager %q, want %q from %s", o.name(), users[o.id].ManagerID, want, hierarchyFileName)
		}
	}
}

// TestUIAndAPIExportsAgree reads the same company from both forms: every
// record of the UI export must map to what its API record maps to, up to
// what the UI writes differently (labels for values, times to the minute,
// close dates without a time).
func TestUIAndAPIExportsAgree(t *testing.T) {
	c := generateCompany()
	api, _ := readFixture(t, apiExport(c).path(), nil)
	ui, _ := readFixture(t, uiExport(c).path(), uiOptions)
	apiActivities := activitiesByID(api)
	if len(ui.Activities) == 0 {
		t.Fatal("no activities from the UI export")
	}
	for _, u := range ui.Activities {
		a, ok := apiActivities[u.ID]
		if !ok {
			t.Errorf("UI activity %s is not in the API export", u.ID)
			continue
		}
		if diff := activityDifference(a, u); diff != "" {
			t.Errorf("activity %s %q: %s", u.ID, u.Subject, diff)
		}
	}
	apiDeals := byID(api.Opportunities, func(o plugin.Opportunity) string { return o.ID })
	for _, u := range ui.Opportunities {
		a := apiDeals[u.ID]
		if u.OwnerID != a.OwnerID || u.AccountID != a.AccountID || u.IsWon != a.IsWon || u.IsClosed != a.IsClosed ||
			normalised(u.Stage) != normalised(a.Stage) && u.Stage != specialLabels[a.Stage] ||
			!u.CloseDate.Equal(a.CloseDate.Truncate(24*time.Hour)) || !u.CreatedAt.Equal(a.CreatedAt.Truncate(time.Minute)) {
			t.Errorf("deal %s:\n  UI %+v\n API %+v", u.ID, u, a)
		}
	}
	apiAccounts := byID(api.Accounts, func(a plugin.Account) string { return a.ID })
	for _, u := range ui.Accounts {
		a := apiAccounts[u.ID]
		if u.Name != a.Name || u.OwnerID != a.OwnerID || normalised(u.Tier) != normalised(a.Tier) ||
			normalised(u.Type) != normalised(a.Type) || normalised(u.Industry) != normalised(a.Industry) ||
			!reflect.DeepEqual(u.AnnualRevenue, a.AnnualRevenue) {
			t.Errorf("account %s:\n  UI %+v\n API %+v", u.ID, u, a)
		}
	}
}

// activityDifference says how a UI record differs from its API record in
// what both forms hold alike.
func activityDifference(api, ui plugin.Activity) string {
	var diffs []string
	check := func(what string, same bool, a, u any) {
		if !same {
			diffs = append(diffs, fmt.Sprintf("%s: API %v, UI %v", what, a, u))
		}
	}
	check("kind", api.Kind == ui.Kind, api.Kind, ui.Kind)
	check("subject", api.Subject == ui.Subject, api.Subject, ui.Subject)
	check("owner", api.OwnerID == ui.OwnerID, api.OwnerID, ui.OwnerID)
	check("account", api.AccountID == ui.AccountID, api.AccountID, ui.AccountID)
	check("deal", api.OpportunityID == ui.OpportunityID, api.OpportunityID, ui.OpportunityID)
	check("start", api.StartAt.Equal(ui.StartAt), api.StartAt, ui.StartAt)
	check("end", api.EndAt.Equal(ui.EndAt), api.EndAt, ui.EndAt)
	check("due", api.DueDate.Equal(ui.DueDate), api.DueDate, ui.DueDate)
	check("completed", api.CompletedAt.Equal(ui.CompletedAt), api.CompletedAt, ui.CompletedAt)
	check("duration", api.DurationSeconds == ui.DurationSeconds, api.DurationSeconds, ui.DurationSeconds)
	check("status", normalised(api.Status) == normalised(ui.Status), api.Status, ui.Status)
	check("closed", api.IsClosed == ui.IsClosed, api.IsClosed, ui.IsClosed)
	check("priority", api.Priority == ui.Priority, api.Priority, ui.Priority)
	check("attendees", reflect.DeepEqual(attendeeKeys(api), attendeeKeys(ui)), attendeeKeys(api), attendeeKeys(ui))
	return strings.Join(diffs, "; ")
}

func attendeeKeys(a plugin.Activity) []string {
	var out []string
	for _, at := range a.Attendees {
		out = append(out, fmt.Sprintf("%s/%s/%v/%v", at.UserID, at.ContactID, at.Internal, at.Organizer))
	}
	slices.Sort(out)
	return out
}
