package csv

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func readInput(t *testing.T, path string, options map[string]string) (*plugintest.Collector, plugin.Summary) {
	t.Helper()
	got, summary, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path, Options: options})
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return got, summary
}

func TestFixturesReadAsPlanted(t *testing.T) {
	for _, e := range allFixtures() {
		t.Run(e.dir, func(t *testing.T) {
			got, summary := readInput(t, e.path(), nil)
			connectortest.CheckSummary(t, summary, e.expectedSummary())
			for _, r := range got.Rejected {
				t.Errorf("unexpected reject: %s line %d %s: %s (%s)", r.File, r.Line, r.Field, r.Reason, r.Raw)
			}
		})
	}
}

func fixturePath(parts ...string) string {
	return filepath.Join(append([]string{fixturesRoot}, parts...)...)
}

// byID indexes records by their ID.
func byID[T any](records []T, id func(T) string) map[string]T {
	out := make(map[string]T, len(records))
	for _, r := range records {
		out[id(r)] = r
	}
	return out
}

func TestVanDijkRecords(t *testing.T) {
	got, _ := readInput(t, fixturePath("vandijk"), nil)
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	activities := byID(got.Activities, func(a plugin.Activity) string { return a.ID })

	// Managers are named, not numbered, in the sheet.
	if u := users["M011"]; u.ManagerID != "M010" || u.Name != "Lotte Bakker" || !u.Active || u.Role != "Benelux" {
		t.Errorf("M011 = %+v", u)
	}
	if u := users["M020"]; u.Name != "Jürgen Müller" || u.ManagerID != "M001" {
		t.Errorf("Windows-1252 names and managers: %+v", u)
	}
	// 13/02/2026 is midnight in Amsterdam, an hour before midnight UTC (two
	// in summer).
	if u := users["M014"]; u.Active || !u.LeftAt.Equal(utc("2026-02-12 23:00:00")) || !u.JoinedAt.Equal(utc("2019-04-30 22:00:00")) {
		t.Errorf("a user who left: %+v", u)
	}

	meeting := activities["ACT-00001"]
	if meeting.Kind != plugin.ActivityMeeting || meeting.RawType != "Interne vergadering" || meeting.Status != "completed" || !meeting.IsClosed ||
		!meeting.StartAt.Equal(utc("2026-01-05 13:00:00")) || !meeting.EndAt.Equal(utc("2026-01-05 14:30:00")) || meeting.DurationSeconds != 5400 {
		t.Errorf("meeting = %+v", meeting)
	}
	call := activities["ACT-00016"]
	if call.Kind != plugin.ActivityCall || call.RawType != "Telefoongesprek" || call.DurationSeconds != 17*60 ||
		!call.StartAt.Equal(utc("2026-01-08 11:00:00")) || !call.EndAt.Equal(utc("2026-01-08 11:17:00")) ||
		call.AccountID != "K1005" || call.OpportunityID != "DL-0504" || call.OwnerID != "M011" {
		t.Errorf("call = %+v", call)
	}
	// A task happened when it was completed, an open one on its due date.
	done := activities["ACT-00012"]
	if done.Kind != plugin.ActivityTask || done.Priority != plugin.PriorityHigh || !done.IsClosed || done.Status != "completed" ||
		!done.DueDate.Equal(utc("2026-01-08 00:00:00")) || !done.StartAt.Equal(utc("2026-01-08 12:41:00")) || !done.StartAt.Equal(done.CompletedAt) {
		t.Errorf("done task = %+v", done)
	}
	if open := activities["ACT-00003"]; open.IsClosed || open.Status != "open" || open.Priority != plugin.PriorityHigh ||
		!open.StartAt.Equal(utc("2026-01-09 00:00:00")) || !open.CompletedAt.IsZero() {
		t.Errorf("open task = %+v", open)
	}
	if fair := activities["ACT-00718"]; fair.Kind != plugin.ActivityEvent || fair.Subject != "Messestand Orgatec Köln" || fair.DurationSeconds != 8*3600 {
		t.Errorf("trade fair = %+v", fair)
	}
	if s := activities["ACT-00299"].Subject; s != "Kwartaalplanning \u201cGroei 2026\u201d" {
		t.Errorf("curly quotes from Windows-1252: %q", s)
	}
	for _, id := range []string{"ACT-00017", "ACT-00088"} {
		if _, ok := activities[id]; ok {
			t.Errorf("%s is deleted or cancelled in the sheet, yet loaded", id)
		}
	}

	var attendees []plugin.Attendee
	for _, at := range got.Attendees {
		if at.ActivityID == "ACT-00001" {
			attendees = append(attendees, at)
		}
	}
	if len(attendees) != 4 || attendees[0].UserID != "M001" || !attendees[0].Organizer || !attendees[0].Internal ||
		attendees[1].Organizer || attendees[1].Response == "" {
		t.Errorf("attendees of ACT-00001 = %+v", attendees)
	}

	accounts := byID(got.Accounts, func(a plugin.Account) string { return a.ID })
	if a := accounts["K1001"]; a.AnnualRevenue == nil || *a.AnnualRevenue != 71_000_000 || a.Type != "Customer" || a.Tier != "B" || a.Industry != "Zorg" {
		t.Errorf("account = %+v", a)
	}
	deals := byID(got.Opportunities, func(o plugin.Opportunity) string { return o.ID })
	if o := deals["DL-0501"]; o.Amount == nil || *o.Amount != 211_000 || o.IsClosed || o.Stage != "Offerte" || o.AccountID != "K1001" ||
		!o.CloseDate.Equal(utc("2026-04-02 00:00:00")) || !o.CreatedAt.Equal(utc("2025-12-14 12:23:00")) {
		t.Errorf("open deal = %+v", o)
	}
	if o := deals["DL-0503"]; !o.IsClosed || !o.IsWon {
		t.Errorf("won deal = %+v", o)
	}
	if o := deals["DL-0524"]; !o.IsClosed || o.IsWon {
		t.Errorf("lost deal = %+v", o)
	}
}

func TestSheetsRecords(t *testing.T) {
	got, _ := readInput(t, fixturePath("sheets"), nil)
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	// Managers by e-mail, whatever its case; start dates as serial days,
	// midnight in New York.
	if u := users["R-123"]; u.ManagerID != "R-110" {
		t.Errorf("R-123 = %+v", u)
	}
	if u := users["R-100"]; u.ManagerID != "" || !u.JoinedAt.Equal(utc("2020-03-02 05:00:00")) {
		t.Errorf("R-100 = %+v", u)
	}
	if u := users["R-125"]; u.Active {
		t.Errorf("R-125 = %+v", u)
	}

	accounts := byID(got.Accounts, func(a plugin.Account) string { return a.ID })
	if a := accounts["ACC-1001"]; a.OwnerID != "R-121" || a.AnnualRevenue == nil || *a.AnnualRevenue != 11_050_000 || a.Type != "Customer" || a.Tier != "" {
		t.Errorf("account = %+v", a)
	}
	tiers := map[string]int{}
	for _, a := range got.Accounts {
		tiers[a.Tier]++
	}
	if tiers["Key"] == 0 || tiers["Key"]+tiers[""] != len(got.Accounts) {
		t.Errorf("tiers = %v", tiers)
	}

	deals := byID(got.Opportunities, func(o plugin.Opportunity) string { return o.ID })
	if o := deals["OPP-001"]; o.AccountID != "ACC-1001" || o.OwnerID != "R-121" || !o.CreatedAt.Equal(time.Unix(1768532400, 0)) || o.IsClosed {
		t.Errorf("deal matched by account name and owner e-mail = %+v", o)
	}
	if o := deals["OPP-002"]; !o.IsClosed || o.IsWon {
		t.Errorf("closed lost = %+v", o)
	}

	activities := byID(got.Activities, func(a plugin.Activity) string { return a.ID })
	if a := activities["A00001"]; a.Kind != plugin.ActivityEvent || a.RawType != "Webinar" || a.DurationSeconds != 3600 ||
		!a.StartAt.Equal(utc("2026-01-07 18:00:00")) || !a.EndAt.Equal(utc("2026-01-07 19:00:00")) || a.OwnerID != "R-100" {
		t.Errorf("webinar = %+v", a)
	}
	if a := activities["A00010"]; a.Kind != plugin.ActivityTask || !a.StartAt.Equal(utc("2026-01-09 00:00:00")) || a.OwnerID != "R-110" || a.IsClosed {
		t.Errorf("follow-up = %+v", a)
	}
	kinds := map[plugin.ActivityKind]int{}
	for _, a := range got.Activities {
		kinds[a.Kind]++
	}
	if kinds[plugin.ActivityOther] == 0 || kinds[plugin.ActivityCall] == 0 || kinds[plugin.ActivityEmail] == 0 {
		t.Errorf("kinds = %v (LinkedIn messages are other)", kinds)
	}
}

// rejectKey is where a reject is: file:line:field.
func rejectKey(r plugin.Reject) string { return fmt.Sprintf("%s:%d:%s", r.File, r.Line, r.Field) }

// rejectsIn are the rejects of the named files (or parts of files).
func rejectsIn(rejects []plugin.Reject, files ...string) []plugin.Reject {
	var out []plugin.Reject
	for _, r := range rejects {
		if slices.Contains(files, r.File) {
			out = append(out, r)
		}
	}
	return out
}

// checkRejectReasons wants exactly the rejects of want, by rejectKey, each
// with its reason, and an excerpt of its row.
func checkRejectReasons(t *testing.T, got []plugin.Reject, want map[string]string) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range got {
		key := rejectKey(r)
		if reason, expected := want[key]; !expected || r.Reason != reason || seen[key] || r.Raw == "" {
			t.Errorf("reject %s: %q (excerpt %q, again: %v)\nwant %q", key, r.Reason, r.Raw, seen[key], reason)
		}
		seen[key] = true
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("no reject %s", key)
		}
	}
}

func TestBrokenRowsAreRejectedWithFileLineAndField(t *testing.T) {
	got, summary := readInput(t, fixturePath("broken"), nil)
	want := []string{
		"users.csv:3:joined_at", "users.csv:4:name", "users.csv (unresolved references):5:manager_id",
		"accounts.csv:3:annual_revenue", "accounts.csv:4:annual_revenue", "accounts.csv:5:id",
		"activities.csv:3:end_at", "activities.csv:4:kind", "activities.csv:5:start_at", "activities.csv:6:", "activities.csv:7:",
		"activities.csv:8:duration_minutes", "activities.csv:9:id", "activities.csv:10:start_at", "activities.csv:11:priority",
		"activities.csv:12:is_closed", "activities.csv:13:due_date",
		"attendees.csv:4:user_id", "attendees.csv:5:activity_id", "attendees.csv:7:organizer",
	}
	var keys []string
	for _, r := range got.Rejected {
		keys = append(keys, rejectKey(r))
		if r.Reason == "" || r.Raw == "" {
			t.Errorf("%s: reject without reason or excerpt: %+v", rejectKey(r), r)
		}
	}
	slices.Sort(keys)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
	connectortest.CheckSummary(t, summary, map[string]plugin.FileSummary{
		"users.csv": {RowsRead: 5, RowsRejected: 2, Records: map[plugin.RecordKind]int64{plugin.KindUser: 3}, RowsSkipped: map[string]int64{}},
		// Cleo's manager, whom no one is, is rejected; Cleo is loaded.
		"users.csv (unresolved references)": {RowsRead: 1, RowsRejected: 1, Records: map[plugin.RecordKind]int64{}, RowsSkipped: map[string]int64{}},
		"accounts.csv":                      {RowsRead: 4, RowsRejected: 3, Records: map[plugin.RecordKind]int64{plugin.KindAccount: 1}, RowsSkipped: map[string]int64{}},
		"activities.csv":                    {RowsRead: 13, RowsRejected: 11, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 2}, RowsSkipped: map[string]int64{}},
		"attendees.csv": {RowsRead: 6, RowsRejected: 3, Records: map[plugin.RecordKind]int64{plugin.KindAttendee: 2},
			RowsSkipped: map[string]int64{skipActivityNotLoaded: 1}},
	})

	reasons := map[string]string{}
	for _, r := range got.Rejected {
		reasons[rejectKey(r)] = r.Reason
	}
	for key, want := range map[string]string{
		"users.csv:3:joined_at":                          `column joined: "2025-02-30" is not a valid date or time in the format YYYY-MM-DD`,
		"users.csv (unresolved references):5:manager_id": `column manager: no user has the name "Nobody Known"; the user is loaded without a manager`,
		"accounts.csv:3:annual_revenue":                  `column revenue: "12,5" is not a number (the decimal separator is '.')`,
		"activities.csv:4:kind":                          `column type: "Carrier pigeon" is not one of the values the mapping lists (Call, Meeting, Task)`,
		"activities.csv:9:id":                            "column id is empty, and id is required",
		"activities.csv:7:":                              "the row has 4 fields, the header 10",
	} {
		if reasons[key] != want {
			t.Errorf("%s: reason %q, want %q", key, reasons[key], want)
		}
	}
	if u := byID(got.Users, func(u plugin.User) string { return u.ID })["u4"]; u.Name != "Cleo Park" || u.ManagerID != "" {
		t.Errorf("u4 = %+v; want Cleo loaded without her unknown manager", u)
	}
	// The multi-line subject is one record, at the line where it starts.
	activities := byID(got.Activities, func(a plugin.Activity) string { return a.ID })
	if a := activities["a13"]; a.Line != 14 || a.Subject != "Kick-off\nagenda in two lines" {
		t.Errorf("a13 = %+v", a)
	}
}
