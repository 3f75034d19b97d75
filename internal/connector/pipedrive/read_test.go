package pipedrive

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
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

// The options that read the fixtures' custom organization fields.
var orgFieldOptions = map[string]string{"org_tier_field": "Tier", "org_revenue_field": "Annual revenue"}

func readError(t *testing.T, path string, options map[string]string) error {
	t.Helper()
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path, Options: options})
	return err
}

func TestReadCounts(t *testing.T) {
	c := generateCompany()
	var deals int
	for _, d := range c.deals {
		if !d.deleted {
			deals++
		}
	}
	for _, name := range []string{"api", "api-v2.zip", "csv"} {
		t.Run(name, func(t *testing.T) {
			export := fixtureByName(name)
			got, summary := readFixture(t, export.path(), orgFieldOptions)
			connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.files))
			if len(got.Rejected) != 0 {
				t.Errorf("the export has no bad rows, got rejects %v", got.Rejected)
			}
			counts := map[plugin.RecordKind]int{
				plugin.KindUser: len(got.Users), plugin.KindAccount: len(got.Accounts),
				plugin.KindOpportunity: len(got.Opportunities), plugin.KindActivity: len(got.Activities),
			}
			// The company model says what there is; the rendering
			// says what each file holds: both must agree.
			model := map[plugin.RecordKind]int{
				plugin.KindUser: len(c.users), plugin.KindAccount: len(c.orgs),
				plugin.KindOpportunity: deals, plugin.KindActivity: len(c.loadedActivities()),
			}
			for kind, n := range counts {
				if n != model[kind] || n != export.records(kind) {
					t.Errorf("%d %s records; the company has %d, the files %d", n, kind, model[kind], export.records(kind))
				}
			}
			if len(got.Attendees) != 0 {
				t.Errorf("%d attendees streamed on their own; Pipedrive's come with their activities", len(got.Attendees))
			}
		})
	}
}

func TestReadBrokenRejects(t *testing.T) {
	export := fixtureByName("broken")
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.files))

	var gotRejects []string
	for _, r := range got.Rejected {
		gotRejects = append(gotRejects, fmt.Sprintf("%s:%d:%s", r.File, r.Line, r.Field))
		if r.Raw == "" || r.Reason == "" {
			t.Errorf("reject %s:%d has no excerpt or reason: %+v", r.File, r.Line, r)
		}
	}
	sort.Strings(gotRejects)
	if want := connectortest.PlantedRejects(export.files); !slices.Equal(gotRejects, want) {
		t.Errorf("rejects\n got %v\nwant %v", gotRejects, want)
	}
	reasons := map[string]string{}
	for _, r := range got.Rejected {
		reasons[r.File+":"+r.Field] += r.Reason + "; "
	}
	for key, want := range map[string]string{
		"deals-8823014-91.csv:Deal - Value":                     `"12,5k"`,
		"activities-8823014-90.csv:Activity - Due date":         "serial date",
		"activities-8823014-90.csv:Activity - Assigned to user": "Max Mustermann",
		"activities-8823014-90.csv:":                            "quote",
		"activities.json:due_time":                              `"25:00"`,
		"activities.json:":                                      "not an object",
		"user-managers.csv:user":                                "ghost@",
		"user-managers.csv:manager":                             "loop",
		"organizations.json:owner_id":                           "array",
	} {
		if !strings.Contains(reasons[key], want) {
			t.Errorf("%s: reasons %q do not say %q", key, reasons[key], want)
		}
	}
	// The good rows around the bad ones are loaded, each once.
	loaded := map[plugin.RecordKind]int{plugin.KindUser: len(got.Users), plugin.KindAccount: len(got.Accounts),
		plugin.KindOpportunity: len(got.Opportunities), plugin.KindActivity: len(got.Activities)}
	for kind, n := range loaded {
		if n == 0 || n != export.records(kind) {
			t.Errorf("%d %s records loaded, want %d", n, kind, export.records(kind))
		}
	}
	// The hierarchy rows that were not rejected still apply.
	users := usersByName(got.Users)
	if users["Bram Jansen"].ManagerID != users["Sanne de Vries"].ID || users["Diego Ruiz"].ManagerID != users["Lucía Morales"].ID {
		t.Errorf("managers: Bram %q, Diego %q", users["Bram Jansen"].ManagerID, users["Diego Ruiz"].ManagerID)
	}
	if users["Sanne de Vries"].ManagerID != "" || users["Noor El Amrani"].ManagerID != "" {
		t.Error("a rejected hierarchy row gave a manager")
	}
}

func usersByName(users []plugin.User) map[string]plugin.User {
	out := map[string]plugin.User{}
	for _, u := range users {
		out[u.Name] = u
	}
	return out
}

func activitiesByID(activities []plugin.Activity) map[string]plugin.Activity {
	out := map[string]plugin.Activity{}
	for _, a := range activities {
		out[a.ID] = a
	}
	return out
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// activityCore is what every form of the export says of an activity.
type activityCore struct {
	Kind                                 plugin.ActivityKind
	Subject                              string
	OwnerID, AccountID, OpportunityID    string
	StartAt, EndAt, DueDate, CompletedAt time.Time
	DurationSeconds                      int64
	IsClosed                             bool
	Status                               string
}

func coreOf(a plugin.Activity) activityCore {
	return activityCore{
		Kind: a.Kind, Subject: a.Subject, OwnerID: a.OwnerID, AccountID: a.AccountID, OpportunityID: a.OpportunityID,
		StartAt: a.StartAt, EndAt: a.EndAt, DueDate: a.DueDate, CompletedAt: a.CompletedAt,
		DurationSeconds: a.DurationSeconds, IsClosed: a.IsClosed, Status: a.Status,
	}
}

// TestReadShowcaseActivities checks the planted activities field by
// field, in every form of the export.
func TestReadShowcaseActivities(t *testing.T) {
	c := generateCompany()
	lucia, bram, sanne, jonas := "13051204", "13051205", "13051202", "13051203"
	vanDerBergDeal := fmt.Sprint(c.dealOf(c.org("Van der Berg Transport B.V.")).id)
	atlanticaDeal := fmt.Sprint(c.dealOf(c.org("Logística Atlântica Lda.")).id)
	want := map[int]activityCore{
		showOneOnOne: {Kind: plugin.ActivityMeeting, Subject: "1:1 with Ana", OwnerID: lucia,
			StartAt: utc(2024, 12, 5, 10, 30), EndAt: utc(2024, 12, 5, 11, 0), DurationSeconds: 1800,
			IsClosed: true, Status: "Done", CompletedAt: utc(2024, 12, 5, 11, 2)},
		showCustomer: {Kind: plugin.ActivityMeeting, Subject: "Reunião com Logística Atlântica", OwnerID: lucia,
			AccountID: "1218", OpportunityID: atlanticaDeal, StartAt: utc(2025, 1, 14, 9, 0), EndAt: utc(2025, 1, 14, 10, 30),
			DurationSeconds: 5400, IsClosed: true, Status: "Done", CompletedAt: utc(2025, 1, 14, 11, 0)},
		// A date alone: the activity is due that day, from midnight.
		showDeadline: {Kind: plugin.ActivityTask, Subject: "Contract renewal deadline Van der Berg", OwnerID: bram,
			AccountID: "1201", OpportunityID: vanDerBergDeal, StartAt: utc(2024, 11, 15, 0, 0), DueDate: utc(2024, 11, 15, 0, 0),
			IsClosed: true, Status: "Done", CompletedAt: utc(2024, 11, 18, 15, 45)},
		showOverdue: {Kind: plugin.ActivityTask, Subject: "Expense report", OwnerID: sanne,
			StartAt: utc(2025, 1, 10, 14, 0), DueDate: utc(2025, 1, 10, 0, 0), Status: "To do"},
		showCustomType: {Kind: plugin.ActivityOther, Subject: "Demo Spedition Köhler", OwnerID: "13051208", AccountID: "1209",
			StartAt: utc(2025, 2, 12, 13, 0), EndAt: utc(2025, 2, 12, 14, 0), DurationSeconds: 3600, Status: "To do"},
		// No date at all: it counts when it was done.
		showNoDate: {Kind: plugin.ActivityTask, Subject: "CRM hygiene: duplicate organisations", OwnerID: jonas,
			StartAt: utc(2025, 1, 29, 17, 20), IsClosed: true, Status: "Done", CompletedAt: utc(2025, 1, 29, 17, 20)},
	}
	for _, name := range []string{"api", "api-v2.zip", "csv"} {
		t.Run(name, func(t *testing.T) {
			got, _ := readFixture(t, fixtureByName(name).path(), nil)
			byID := activitiesByID(got.Activities)
			for id, w := range want {
				a, ok := byID[fmt.Sprint(id)]
				if !ok {
					t.Errorf("activity %d was not read", id)
					continue
				}
				if g := coreOf(a); g != w {
					t.Errorf("activity %d:\n got %+v\nwant %+v", id, g, w)
				}
			}
			if _, ok := byID[fmt.Sprint(showDeleted)]; ok {
				t.Error("the deleted activity was loaded")
			}
			rawTypes := map[int]string{showDeadline: "deadline", showCustomType: "demo", showOneOnOne: "meeting"}
			for id, raw := range rawTypes {
				if a := byID[fmt.Sprint(id)]; !strings.EqualFold(a.RawType, raw) {
					t.Errorf("activity %d: raw type %q, want %q", id, a.RawType, raw)
				}
			}
		})
	}
}

func TestReadAPIAttendees(t *testing.T) {
	c := generateCompany()
	contact := c.personsOf(c.org("Logística Atlântica Lda."))[0]
	for _, name := range []string{"api", "api-v2.zip"} {
		t.Run(name, func(t *testing.T) {
			got, _ := readFixture(t, fixtureByName(name).path(), nil)
			byID := activitiesByID(got.Activities)
			meeting := byID[fmt.Sprint(showCustomer)]
			want := []plugin.Attendee{
				{UserID: "13051204", Email: "lucia.morales@meridianfleet.example", Name: "Lucía Morales", Internal: true,
					Organizer: true, Response: "accepted"},
				// Known to the calendar by e-mail only: a user all the same.
				{UserID: "13051211", Email: "ana.sousa@meridianfleet.example", Name: "Ana Sousa", Internal: true, Response: "accepted"},
				{ContactID: fmt.Sprint(contact.id), Email: contact.email, Name: contact.name, Response: "accepted"},
				{Email: "compras@logisticaatlantica.example", Name: "Compras", Response: "noreply"},
			}
			for i := range want {
				want[i].Line = meeting.Line
			}
			if !reflect.DeepEqual(meeting.Attendees, want) {
				t.Errorf("attendees of %d:\n got %+v\nwant %+v", showCustomer, meeting.Attendees, want)
			}
			oneOnOne := byID[fmt.Sprint(showOneOnOne)]
			if len(oneOnOne.Attendees) != 2 || !oneOnOne.Attendees[0].Organizer || oneOnOne.Attendees[1].UserID != "13051211" {
				t.Errorf("1:1 attendees: %+v", oneOnOne.Attendees)
			}
			// A call is about its participant, who is not in the
			// calendar's attendees.
			for _, a := range got.Activities {
				if a.Kind == plugin.ActivityCall && (len(a.Attendees) != 1 || a.Attendees[0].Internal || a.Attendees[0].ContactID == "" || a.Attendees[0].Email == "") {
					t.Errorf("call %s: attendees %+v, want its contact person", a.ID, a.Attendees)
				}
			}
		})
	}
}

func TestReadUsersAndManagers(t *testing.T) {
	c := generateCompany()
	for _, name := range []string{"api", "csv"} {
		t.Run(name, func(t *testing.T) {
			got, _ := readFixture(t, fixtureByName(name).path(), nil)
			users := usersByName(got.Users)
			for _, u := range c.users {
				wantManager := ""
				if u.manager != nil {
					wantManager = fmt.Sprint(u.manager.id)
				}
				if g := users[u.name]; g.ManagerID != wantManager {
					t.Errorf("%s (named by %s in %s): manager %q, want %q", u.name, u.hierarchyByRef, hierarchyFileName, g.ManagerID, wantManager)
				}
			}
			thomas := users["Thomas Müller"]
			want := plugin.User{ID: "13051214", Name: "Thomas Müller", Email: "thomas.muller@meridianfleet.example",
				ManagerID: "13051203", Active: false, JoinedAt: utc(2022, 8, 1, 9, 0), LeftAt: utc(2024, 11, 29, 16, 5), Line: thomas.Line}
			if !reflect.DeepEqual(thomas, want) {
				t.Errorf("the rep who left:\n got %+v\nwant %+v", thomas, want)
			}
			if lucia := users["Lucía Morales"]; !lucia.Active || !lucia.LeftAt.IsZero() || lucia.Line < 2 {
				t.Errorf("Lucía: %+v", lucia)
			}
		})
	}
}

func TestReadOrganizationsAndDeals(t *testing.T) {
	c := generateCompany()
	got, _ := readFixture(t, filepath.Join(fixturesRoot, "api"), orgFieldOptions)
	accounts := map[string]plugin.Account{}
	for _, a := range got.Accounts {
		accounts[a.ID] = a
	}
	for _, o := range c.orgs {
		a := accounts[fmt.Sprint(o.id)]
		if a.Name != o.name || a.OwnerID != fmt.Sprint(o.owner.id) || a.Tier != o.tier.label {
			t.Errorf("organization %d: %+v; want %q owned by %d, tier %q", o.id, a, o.name, o.owner.id, o.tier.label)
		}
		if (o.revenue == 0) != (a.AnnualRevenue == nil) || (a.AnnualRevenue != nil && *a.AnnualRevenue != o.revenue) {
			t.Errorf("organization %d: revenue %v, want %v", o.id, a.AnnualRevenue, o.revenue)
		}
	}
	deals := map[string]plugin.Opportunity{}
	for _, o := range got.Opportunities {
		deals[o.ID] = o
	}
	var won, lost, open int
	for _, d := range c.deals {
		o, ok := deals[fmt.Sprint(d.id)]
		if d.deleted {
			if ok {
				t.Errorf("deleted deal %d was loaded", d.id)
			}
			continue
		}
		want := plugin.Opportunity{
			ID: fmt.Sprint(d.id), AccountID: fmt.Sprint(d.org.id), OwnerID: fmt.Sprint(d.owner.id), Name: d.title,
			Stage: d.stage.name, Amount: &d.value, IsClosed: d.status != "open", IsWon: d.status == "won",
			CloseDate: d.expectedClose, CreatedAt: d.added, Line: o.Line,
		}
		switch d.status {
		case "won", "lost":
			want.CloseDate = day(d.closed) // the day it was won or lost
			if d.status == "won" {
				won++
			} else {
				lost++
			}
		default:
			open++
		}
		if o.Amount == nil || *o.Amount != d.value {
			t.Errorf("deal %d: amount %v, want %v", d.id, o.Amount, d.value)
		}
		want.Amount = o.Amount
		if !reflect.DeepEqual(o, want) {
			t.Errorf("deal %d:\n got %+v\nwant %+v", d.id, o, want)
		}
	}
	if won == 0 || lost == 0 || open == 0 {
		t.Errorf("%d won, %d lost, %d open deals: the fixture should have all three", won, lost, open)
	}
}

// zeroLines clears what differs between two renderings of one export: the
// lines records start on.
func zeroLines(c *plugintest.Collector) *plugintest.Collector {
	out := *c
	out.Progressed, out.Files = nil, nil
	out.Users = slices.Clone(c.Users)
	for i := range out.Users {
		out.Users[i].Line = 0
	}
	out.Accounts = slices.Clone(c.Accounts)
	for i := range out.Accounts {
		out.Accounts[i].Line = 0
	}
	out.Opportunities = slices.Clone(c.Opportunities)
	for i := range out.Opportunities {
		out.Opportunities[i].Line = 0
	}
	out.Activities = slices.Clone(c.Activities)
	for i := range out.Activities {
		a := &out.Activities[i]
		a.Line = 0
		a.Attendees = slices.Clone(a.Attendees)
		for j := range a.Attendees {
			a.Attendees[j].Line = 0
		}
	}
	sort.Slice(out.Activities, func(i, j int) bool { return out.Activities[i].ID < out.Activities[j].ID })
	return &out
}

func TestAPIVersionsReadAlike(t *testing.T) {
	v1, _ := readFixture(t, filepath.Join(fixturesRoot, "api"), orgFieldOptions)
	v2, _ := readFixture(t, filepath.Join(fixturesRoot, "api-v2.zip"), orgFieldOptions)
	a, b := zeroLines(v1), zeroLines(v2)
	if !reflect.DeepEqual(a.Users, b.Users) || !reflect.DeepEqual(a.Accounts, b.Accounts) || !reflect.DeepEqual(a.Opportunities, b.Opportunities) {
		t.Error("v1 and v2 pages give different users, organizations or deals")
	}
	if len(a.Activities) != len(b.Activities) {
		t.Fatalf("%d activities from v1, %d from v2", len(a.Activities), len(b.Activities))
	}
	for i := range a.Activities {
		if !reflect.DeepEqual(a.Activities[i], b.Activities[i]) {
			t.Errorf("activity %s:\n v1 %+v\n v2 %+v", a.Activities[i].ID, a.Activities[i], b.Activities[i])
		}
	}
}

func TestCSVExportReadsLikeTheAPI(t *testing.T) {
	api, _ := readFixture(t, filepath.Join(fixturesRoot, "api"), orgFieldOptions)
	csv, _ := readFixture(t, filepath.Join(fixturesRoot, "csv"), orgFieldOptions)
	a, b := zeroLines(api), zeroLines(csv)
	if !reflect.DeepEqual(a.Users, b.Users) || !reflect.DeepEqual(a.Accounts, b.Accounts) || !reflect.DeepEqual(a.Opportunities, b.Opportunities) {
		t.Error("the CSV export gives different users, organizations or deals from the API pages")
	}
	fromAPI := activitiesByID(a.Activities)
	for _, x := range b.Activities {
		y, ok := fromAPI[x.ID]
		if !ok {
			t.Errorf("activity %s is in the CSV export only", x.ID)
			continue
		}
		if coreOf(x) != coreOf(y) || !strings.EqualFold(x.RawType, y.RawType) {
			t.Errorf("activity %s:\n csv %+v\n api %+v", x.ID, coreOf(x), coreOf(y))
		}
	}
	if len(b.Activities) != len(a.Activities) {
		t.Errorf("%d activities from the CSV export, %d from the API", len(b.Activities), len(a.Activities))
	}
}

// TestReadSpreadsheetEditedExport looks at the file saved by a
// spreadsheet: serial dates, h:mm times, Windows-1252.
func TestReadSpreadsheetEditedExport(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixturesRoot, "csv", csvActivitiesEdit))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), ",45631,10:30,0:30,Done,45631.4597222222,") {
		t.Fatal("the fixture no longer holds the 1:1 of 5 December 2024 as serial 45631: the test looks at the wrong thing")
	}
	got, _ := readFixture(t, filepath.Join(fixturesRoot, "csv"), nil)
	byID := activitiesByID(got.Activities)
	oneOnOne := byID[fmt.Sprint(showOneOnOne)]
	if !oneOnOne.StartAt.Equal(utc(2024, 12, 5, 10, 30)) || !oneOnOne.CompletedAt.Equal(utc(2024, 12, 5, 11, 2)) {
		t.Errorf("1:1 from serial dates: %+v", oneOnOne)
	}
	subjects := map[string]bool{}
	for _, a := range got.Activities {
		subjects[a.Subject] = true
	}
	for _, s := range []string{"Reunião com Logística Atlântica", "Demo Spedition Köhler", "Réunion d'équipe Sud"} {
		if !subjects[s] {
			t.Errorf("%q did not come through the Windows-1252 file", s)
		}
	}
	customer := byID[fmt.Sprint(showCustomer)]
	if len(customer.Attendees) != 1 || customer.Attendees[0].Internal || customer.Attendees[0].Name == "" {
		t.Errorf("the contact person of a CSV activity: %+v", customer.Attendees)
	}
	if deadline := byID[fmt.Sprint(showDeadline)]; deadline.Priority != plugin.PriorityHigh {
		t.Errorf("deadline priority %q, want high", deadline.Priority)
	}
	if overdue := byID[fmt.Sprint(showOverdue)]; overdue.Priority != plugin.PriorityLow {
		t.Errorf("overdue task priority %q, want low", overdue.Priority)
	}
}

func TestReadOptions(t *testing.T) {
	api := filepath.Join(fixturesRoot, "api")
	t.Run("unknown", func(t *testing.T) {
		err := readError(t, api, map[string]string{"org_teir_field": "Tier"})
		if err == nil || !strings.Contains(err.Error(), "org_teir_field") || !strings.Contains(err.Error(), "org_tier_field") {
			t.Errorf("an unknown option: %v", err)
		}
	})
	t.Run("field by key", func(t *testing.T) {
		c := generateCompany()
		got, _ := readFixture(t, api, map[string]string{"org_tier_field": c.tierField.key})
		for _, a := range got.Accounts {
			if a.AnnualRevenue != nil || (a.Tier != "" && !strings.HasPrefix(a.Tier, "Tier ")) {
				t.Errorf("account %s: tier %q revenue %v", a.ID, a.Tier, a.AnnualRevenue)
			}
		}
	})
	t.Run("no such field", func(t *testing.T) {
		err := readError(t, api, map[string]string{"org_tier_field": "Segment"})
		if err == nil || !strings.Contains(err.Error(), `"Segment"`) || !strings.Contains(err.Error(), "Annual revenue") {
			t.Errorf("a field organizationFields.json does not have: %v", err)
		}
		err = readError(t, filepath.Join(fixturesRoot, "csv"), map[string]string{"org_revenue_field": "Turnover"})
		if err == nil || !strings.Contains(err.Error(), `"Organization - Turnover"`) {
			t.Errorf("a column the CSV export does not have: %v", err)
		}
	})
	t.Run("without organizationFields.json", func(t *testing.T) {
		dir := connectortest.CopyDir(t, api, "organizationFields.json")
		err := readError(t, dir, map[string]string{"org_tier_field": "Tier"})
		if err == nil || !strings.Contains(err.Error(), "API key") {
			t.Errorf("a field name with no definitions to find its key: %v", err)
		}
		// By key the values are read, but option IDs stay IDs.
		got, _ := readFixture(t, dir, map[string]string{"org_tier_field": generateCompany().tierField.key})
		tiers := map[string]bool{}
		for _, a := range got.Accounts {
			tiers[a.Tier] = true
		}
		if !tiers["61"] || tiers["Tier 1"] {
			t.Errorf("tiers without definitions: %v", tiers)
		}
	})
	t.Run("hierarchy", func(t *testing.T) {
		mapping := connectortest.WriteFile(t, t.TempDir(), "org-chart.csv", "User,Manager,Note\nbram.jansen@meridianfleet.example,Lucía Morales,moved in January\n")
		got, summary := readFixture(t, filepath.Join(fixturesRoot, "csv"), map[string]string{"hierarchy": mapping})
		users := usersByName(got.Users)
		if users["Bram Jansen"].ManagerID != users["Lucía Morales"].ID || users["Ana Sousa"].ManagerID != "" {
			t.Errorf("managers from the option's file: Bram %q, Ana %q", users["Bram Jansen"].ManagerID, users["Ana Sousa"].ManagerID)
		}
		for _, f := range summary.Files {
			if f.File == hierarchyFileName {
				t.Errorf("the export's %s was read though the option names another file", hierarchyFileName)
			}
			if f.File == mapping && f.RowsSkipped[skipManagerMapping] != 1 {
				t.Errorf("%s: %+v", mapping, f)
			}
		}
		err := readError(t, filepath.Join(fixturesRoot, "csv"), map[string]string{"hierarchy": filepath.Join(t.TempDir(), "missing.csv")})
		if err == nil || !strings.Contains(err.Error(), "option hierarchy") {
			t.Errorf("a missing hierarchy file: %v", err)
		}
	})
	t.Run("encoding", func(t *testing.T) {
		// The option applies to every CSV file: this export holds the
		// spreadsheet's Windows-1252 file alone.
		csv := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "csv"), csvActivities, csvOrganizations, csvPeople, csvDeals)
		forced, _ := readFixture(t, csv, map[string]string{"encoding": "windows-1252"})
		auto, _ := readFixture(t, csv, nil)
		if len(auto.Activities) == 0 || !reflect.DeepEqual(zeroLines(forced).Activities, zeroLines(auto).Activities) {
			t.Error("forcing windows-1252 reads the edited file differently from detecting it")
		}
		err := readError(t, csv, map[string]string{"encoding": "utf-8"})
		if err == nil || !strings.Contains(err.Error(), csvActivitiesEdit+" line") {
			t.Errorf("forcing utf-8 on a Windows-1252 file: %v", err)
		}
		if err := readError(t, csv, map[string]string{"encoding": "ebcdic"}); err == nil || !strings.Contains(err.Error(), "ebcdic") {
			t.Errorf("an unknown encoding: %v", err)
		}
	})
}

func TestReadCSVWithoutUsers(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "csv"), "users.json")
	got, summary := readFixture(t, dir, nil)
	if len(got.Users) != 0 || len(got.Rejected) != 0 {
		t.Fatalf("%d users, rejects %v", len(got.Users), got.Rejected)
	}
	// With no users to match, names stand in for IDs.
	owners := map[string]bool{}
	for _, a := range got.Activities {
		owners[a.OwnerID] = true
	}
	if !owners["Lucía Morales"] || !owners["Bram Jansen"] {
		t.Errorf("owners %v, want the names of the CSV export", owners)
	}
	for _, f := range summary.Files {
		if f.File == hierarchyFileName && f.RowsSkipped[skipNoUsers] != f.RowsRead {
			t.Errorf("%s without users: %+v", hierarchyFileName, f)
		}
	}
}

func TestReadResolvesNamesAndIDColumns(t *testing.T) {
	dir := t.TempDir()
	users, err := os.ReadFile(filepath.Join(fixturesRoot, "csv", "users.json"))
	if err != nil {
		t.Fatal(err)
	}
	connectortest.WriteFile(t, dir, "users.json", string(users))
	connectortest.WriteFile(t, dir, "organizations-1-1.csv", `"Organization - ID","Organization - Name","Organization - Owner"
"1","Twins B.V.","Bram Jansen"
"2","Twins B.V.","Noor El Amrani"
"3","Solo GmbH","lena.fischer@meridianfleet.example"
`)
	connectortest.WriteFile(t, dir, "activities-1-2.csv", `"Activity - ID","Activity - Subject","Activity - Type","Activity - Due date","Activity - Assigned to user","Activity - Organization","Organization - ID"
"10","Klantbezoek","Meeting","2025-01-07","Bram Jansen","Twins B.V.","2"
"11","Klantbezoek","Meeting","2025-01-08","Bram Jansen","Twins B.V.",""
"12","Kundentermin","Meeting","2025-01-09","Lena Fischer","Solo GmbH",""
`)
	got, _ := readFixture(t, dir, nil)
	byID := activitiesByID(got.Activities)
	if byID["10"].AccountID != "2" || byID["12"].AccountID != "3" || byID["12"].OwnerID != "13051208" {
		t.Errorf("accounts by ID column and by name: %+v %+v", byID["10"], byID["12"])
	}
	if len(got.Rejected) != 1 || got.Rejected[0].Line != 3 || got.Rejected[0].Field != "Activity - Organization" ||
		!strings.Contains(got.Rejected[0].Reason, "Organization - ID") {
		t.Errorf("an ambiguous organization name: %+v", got.Rejected)
	}
	accounts := map[string]plugin.Account{}
	for _, a := range got.Accounts {
		accounts[a.ID] = a
	}
	if accounts["3"].OwnerID != "13051208" {
		t.Errorf("an owner named by e-mail: %+v", accounts["3"])
	}
}

func TestReadEmptyAndTruncatedPages(t *testing.T) {
	dir := connectortest.CopyDir(t, filepath.Join(fixturesRoot, "api"))
	// Pipedrive v1 answers "data": null when there is nothing to list.
	connectortest.WriteFile(t, dir, "activities-400.json",
		"{\n  \"success\": true,\n  \"data\": null,\n  \"additional_data\": {\"pagination\": {\"start\": 400, \"limit\": 100, \"more_items_in_collection\": false}}\n}\n")
	_, summary := readFixture(t, dir, nil)
	found := false
	for _, f := range summary.Files {
		if f.File == "activities-400.json" {
			found = f.RowsRead == 0
		}
	}
	if !found {
		t.Error("the empty page was not read as an empty page")
	}

	data, err := os.ReadFile(filepath.Join(dir, "activities-100.json"))
	if err != nil {
		t.Fatal(err)
	}
	cut := data[:len(data)/2]
	connectortest.WriteFile(t, dir, "activities-100.json", string(cut))
	err = readError(t, dir, nil)
	wantLine := fmt.Sprintf("line %d", strings.Count(string(cut), "\n")+1)
	if err == nil || !strings.Contains(err.Error(), "activities-100.json") || !strings.Contains(err.Error(), wantLine) {
		t.Errorf("a page cut short: %v, want an error naming the file and %s", err, wantLine)
	}
}

func TestReadRefusesWhatIsNotAnExport(t *testing.T) {
	for _, path := range []string{t.TempDir(), filepath.Join(fixturesRoot, "csv", "users.json"), filepath.Join(t.TempDir(), "missing")} {
		if err := readError(t, path, nil); err == nil {
			t.Errorf("reading %s did not fail", path)
		}
	}
}

// germanSpreadsheetCSV is how Excel saves "CSV" in a locale whose decimal
// separator is the comma: semicolons, Windows-1252, CRLF, quotes only
// where needed.
var germanSpreadsheetCSV = csvStyle{lineEnd: "\r\n", windows1252: true, semicolons: true}

// Every file of the CSV export opened in a German Excel and saved again
// (values unchanged) reads the same records, at the same lines, as the
// comma-separated export: the delimiter is sniffed from the header.
func TestASemicolonExportReadsAsTheCommaOne(t *testing.T) {
	c := generateCompany()
	german := csvExportStyled(c, "csv-semicolons", germanSpreadsheetCSV, germanSpreadsheetCSV)
	dir := t.TempDir()
	for name, data := range german.contents() {
		connectortest.WriteFile(t, dir, name, string(data))
	}
	if data := german.file(csvDeals).data; !bytes.HasPrefix(data, []byte("Deal - ID;Deal - Title;")) {
		t.Fatalf("the deals file starts %.40q: the test no longer reads semicolons", data)
	}
	commas, _ := readFixture(t, filepath.Join(fixturesRoot, "csv"), orgFieldOptions)
	semicolons, _ := readFixture(t, dir, orgFieldOptions)
	if len(semicolons.Rejected) != len(commas.Rejected) {
		t.Errorf("%d rejects from semicolons, %d from commas: %v", len(semicolons.Rejected), len(commas.Rejected), semicolons.Rejected)
	}
	// Progress reports come with the clock; all else must be the same.
	commas.Progressed, semicolons.Progressed = nil, nil
	if !reflect.DeepEqual(commas, semicolons) {
		t.Error("the semicolon export gives other records or rejects than the comma one")
	}
	if len(semicolons.Activities) == 0 {
		t.Error("no activities read")
	}
}

// A German Excel may also write numbers with a decimal comma: a serial
// date so written is no date the connector reads, and its row is
// rejected naming the file, the line and the column, the rows around it
// loaded.
func TestADecimalCommaIsRejectedWithItsField(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "activities-edited.csv",
		"Activity - ID;Activity - Subject;Activity - Type;Activity - Due date;Activity - Due time;Activity - Duration;Activity - Done;Activity - Assigned to user\r\n"+
			"9001;Kundenbesuch Köhler;Meeting;45631;10:30;0:30;Done;Bram Jansen\r\n"+
			"9002;Angebot nachfassen;Call;45632,4375;;0:15;Done;Bram Jansen\r\n"+
			"9003;Teambesprechung;Meeting;45633;09:00;1:00;Done;Bram Jansen\r\n")
	got, _ := readFixture(t, dir, nil)
	if len(got.Activities) != 2 {
		t.Errorf("%d activities, want the 2 without a decimal comma", len(got.Activities))
	}
	if len(got.Rejected) != 1 {
		t.Fatalf("rejects %v, want one", got.Rejected)
	}
	r := got.Rejected[0]
	if r.File != "activities-edited.csv" || r.Line != 3 || r.Field != "Activity - Due date" {
		t.Errorf("reject %+v, want activities-edited.csv line 3, field Activity - Due date", r)
	}
}

// TestReadCancelledByTheHost cancels through the protocol, as the host
// does when the user presses Ctrl-C, and wants the connector to stop.
func TestReadCancelledByTheHost(t *testing.T) {
	dir := t.TempDir()
	const total = 20000
	var b strings.Builder
	b.WriteString("{\"success\": true, \"data\": [\n")
	for i := range total {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": %d, "user_id": 1, "done": 0, "type": "call", "subject": "Nabellen %d", "due_date": "2025-01-07", "due_time": "09:00", "duration": "00:15"}`, i+1, i)
	}
	b.WriteString("\n]}\n")
	connectortest.WriteFile(t, dir, "activities.json", b.String())
	remote := plugintest.Connect(t, New())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &plugintest.CancellingSink{Cancel: cancel}
	if _, err := remote.Read(ctx, plugin.ReadRequest{Path: dir}, sink); err == nil {
		t.Fatal("a cancelled read succeeded")
	}
	if len(sink.Activities) >= total {
		t.Errorf("all %d activities arrived despite the cancel", len(sink.Activities))
	}
}
