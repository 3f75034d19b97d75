package csv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// testdata/csv/team-sheet is written by hand in a public team sheet's
// layout (its README.md); its mapping lives in another folder.
var teamSheetMapping = fixturePath("team-sheet-mapping", "team-sheet.yaml")

func readTeamSheet(t *testing.T) (*plugintest.Collector, plugin.Summary) {
	t.Helper()
	return readInput(t, fixturePath("team-sheet"), map[string]string{optionMapping: teamSheetMapping})
}

func TestTheTeamSheetLoadsItsManagersAndReps(t *testing.T) {
	got, summary := readTeamSheet(t)
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	managers := map[string]int64{"Marguerite Osei": 2, "Tobias Lindqvist": 5, "Priya Ramanathan": 9}
	if len(users) != 10+len(managers) {
		t.Errorf("%d users, want 10 reps and %d managers: %+v", len(users), len(managers), got.Users)
	}
	for name, line := range managers {
		m, ok := users[name]
		if !ok || m.Name != name || m.Line != line || m.ManagerID != "" || !m.Active {
			t.Errorf("manager %s = %+v; want created from sales_teams.csv line %d", name, m, line)
		}
	}
	reps := map[string]string{"Dario Fenwick": "Marguerite Osei", "Bram Hoekstra": "Tobias Lindqvist", "Nadia Kowalczyk": "Priya Ramanathan"}
	for rep, manager := range reps {
		if u := users[rep]; u.ManagerID != manager || u.ManagerFrom != plugin.ManagerFromTeamSheet || u.Role == "" {
			t.Errorf("rep %s = %+v; want managed by %s, from the team sheet", rep, u, manager)
		}
	}
	files := map[string]plugin.FileSummary{}
	for _, f := range summary.Files {
		files[f.File] = f
	}
	if f := files["sales_teams.csv"+managersPart]; f.RowsRead != 3 || f.Records[plugin.KindUser] != 3 {
		t.Errorf("managers part = %+v; want the 3 managers created", f)
	}
	if f := files["sales_teams.csv"]; f.RowsRead != 10 || f.Records[plugin.KindUser] != 10 || f.RowsRejected != 0 {
		t.Errorf("team sheet = %+v; want 10 rows, 10 reps", f)
	}
	if len(got.Rejected) != 0 {
		t.Errorf("the team sheet loads with rejects: %+v", got.Rejected)
	}
	if len(got.Accounts) != 40 || files["accounts.csv"].RowsRejected != 0 {
		t.Errorf("%d accounts, %+v", len(got.Accounts), files["accounts.csv"])
	}
}

// TestAMisspeltManagerLeavesTheRepWithoutAManager copies the team sheet
// and misspells Wendell Oakes's manager, as a sheet kept by hand does: the
// rep loads without a manager, and so do his deals, rather than a manager
// who is no one or a rejected rep whose deals go with him.
func TestAMisspeltManagerLeavesTheRepWithoutAManager(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"sales_teams.csv", "sales_pipeline.csv", "accounts.csv"} {
		data := string(readFile(t, fixturePath("team-sheet", name)))
		if name == "sales_teams.csv" {
			data = strings.Replace(data, "Wendell Oakes,Priya Ramanathan,", "Wendell Oakes,Priya Ramanathn,", 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, summary := readInput(t, dir, map[string]string{optionMapping: teamSheetMapping})
	if len(got.Rejected) != 1 {
		t.Fatalf("rejects = %+v; want Wendell Oakes's misspelt manager only", got.Rejected)
	}
	want := `column manager: no user has the name "Priya Ramanathn", which looks like a misspelling of "Priya Ramanathan" (the manager of 2 other rows)`
	if r := got.Rejected[0]; r.File != "sales_teams.csv (unresolved references)" || r.Line != 11 || r.Field != "manager_id" ||
		!strings.HasPrefix(r.Reason, want) || !strings.HasSuffix(r.Reason, "; the user is loaded without a manager") ||
		r.Raw != "Wendell Oakes,Priya Ramanathn,West" {
		t.Errorf("reject = %+v", r)
	}
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	if u, ok := users["Wendell Oakes"]; !ok || u.ManagerID != "" || u.ManagerFrom != "" || u.Line != 11 {
		t.Errorf("Wendell Oakes = %+v, loaded %v; want him without a manager", u, ok)
	}
	if _, created := users["Priya Ramanathn"]; created {
		t.Error("the misspelt name was made a manager")
	}
	wendells := strings.Count(string(readFile(t, fixturePath("team-sheet", "sales_pipeline.csv"))), ",Wendell Oakes,")
	owned := 0
	for _, o := range got.Opportunities {
		if o.OwnerID == "Wendell Oakes" {
			owned++
		}
	}
	if owned != wendells || owned == 0 {
		t.Errorf("%d deals owned by Wendell Oakes loaded; want all %d", owned, wendells)
	}
	for _, f := range summary.Files {
		if f.RecordsTotal()+f.RowsRejected+f.SkippedTotal() != f.RowsRead {
			t.Errorf("%s does not add up: %+v", f.File, f)
		}
	}
}

func TestAManagerNamedOnlyByAManagerColumn(t *testing.T) {
	mapping := `files:
  - file: team.csv
    kind: user
    fields:
      id: Rep
      name: Rep
      manager_id: {column: Boss, match: name, create: true}
`
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName: mapping,
		// Gus manages Ada and is a rep himself; Zoe has no row; Ivo's
		// boss Ana has a row of her own further down.
		"team.csv": "Rep,Boss\nAda,Gus\nGus,Zoe\nBen,zoe \nIvo,Ana\nAna,\n",
	})
	got, summary := readInput(t, dir, nil)
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	if len(users) != 6 || users["Zoe"].Line != 3 || users["Zoe"].Name != "Zoe" || users["Ben"].ManagerID != "Zoe" ||
		users["Ada"].ManagerID != "Gus" || users["Ivo"].ManagerID != "Ana" || users["Ana"].ManagerFrom != "" {
		t.Errorf("users = %+v", got.Users)
	}
	if len(summary.Files) != 2 || summary.Files[1].File != "team.csv (managers)" || summary.Files[1].RowsRead != 1 {
		t.Errorf("summary = %+v", summary.Files)
	}
}

func TestCreateAppliesOnlyToAManagerNamed(t *testing.T) {
	for mapping, want := range map[string]string{
		"{column: Boss, create: true}":              "create: needs match: name or match: email",
		"{column: Boss, match: name, create: yes!}": "create",
	} {
		m := "files:\n  - file: team.csv\n    kind: user\n    fields:\n      id: Rep\n      name: Rep\n      manager_id: " + mapping + "\n"
		_, err := parseMapping("m.yaml", []byte(m))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", mapping, err, want)
		}
	}
	m := "files:\n  - file: deals.csv\n    kind: opportunity\n    fields:\n      id: Id\n      owner_id: {column: Rep, match: name, create: true}\n" +
		"  - file: team.csv\n    kind: user\n    fields: {id: Rep, name: Rep}\n"
	if _, err := parseMapping("m.yaml", []byte(m)); err == nil || !strings.Contains(err.Error(), "create: applies only to manager_id") {
		t.Errorf("err = %v", err)
	}
}

// TestADealOfARejectedAccountLoadsWithoutIt: an account rejected for its
// revenue takes none of its deals with it, by name or by ID; each deal's
// account reference is rejected apart, with the account's reason.
func TestADealOfARejectedAccountLoadsWithoutIt(t *testing.T) {
	mapping := `files:
  - file: sheet.csv
    kind: account
    fields: {id: Account, name: Account, annual_revenue: Revenue}
  - file: sheet.csv
    kind: opportunity
    fields:
      id: Deal
      account_id: {column: Account, match: name}
  - file: more-deals.csv
    kind: opportunity
    fields: {id: Deal, account_id: Account}
`
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName:  mapping,
		"sheet.csv":      "Account,Revenue,Deal\nKestrel Foods,12.5,D1\nQuill Labs,lots,D2\n",
		"more-deals.csv": "Deal,Account\nD3,Quill Labs\nD4,Kestrel Foods\nD5,Nobody Inc\n",
	})
	got, summary := readInput(t, dir, nil)
	if len(got.Accounts) != 1 || got.Accounts[0].ID != "Kestrel Foods" {
		t.Errorf("accounts = %+v; want Kestrel Foods only", got.Accounts)
	}
	deals := byID(got.Opportunities, func(o plugin.Opportunity) string { return o.ID })
	// An ID that no row has is kept as written: the account may be in
	// another source.
	for id, account := range map[string]string{"D1": "Kestrel Foods", "D2": "", "D3": "", "D4": "Kestrel Foods", "D5": "Nobody Inc"} {
		if o, ok := deals[id]; !ok || o.AccountID != account {
			t.Errorf("deal %s = %+v (loaded: %v); want account %q", id, o, ok, account)
		}
	}
	const why = `account Quill Labs was rejected at sheet.csv (account) line 3: annual_revenue: column Revenue: "lots" is not a number (the decimal separator is '.')`
	checkRejectReasons(t, got.Rejected, map[string]string{
		"sheet.csv (account):3:annual_revenue":                       `column Revenue: "lots" is not a number (the decimal separator is '.')`,
		"sheet.csv (opportunity)" + unresolvedPart + ":3:account_id": "column Account: " + why + "; the opportunity is loaded without an account",
		"more-deals.csv" + unresolvedPart + ":2:account_id":          "column Account: " + why + "; the opportunity is loaded without an account",
	})
	connectortest.CheckSummary(t, summary, map[string]plugin.FileSummary{
		"sheet.csv (account)":                      {RowsRead: 2, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindAccount: 1}, RowsSkipped: map[string]int64{}},
		"sheet.csv (opportunity)":                  {RowsRead: 2, Records: map[plugin.RecordKind]int64{plugin.KindOpportunity: 2}, RowsSkipped: map[string]int64{}},
		"sheet.csv (opportunity)" + unresolvedPart: {RowsRead: 1, RowsRejected: 1, Records: map[plugin.RecordKind]int64{}, RowsSkipped: map[string]int64{}},
		"more-deals.csv":                           {RowsRead: 3, Records: map[plugin.RecordKind]int64{plugin.KindOpportunity: 3}, RowsSkipped: map[string]int64{}},
		"more-deals.csv" + unresolvedPart:          {RowsRead: 1, RowsRejected: 1, Records: map[plugin.RecordKind]int64{}, RowsSkipped: map[string]int64{}},
	})
}

// TestARejectedUserRejectsWhatTheyMustOwnOnly: a user rejected for a date
// that is none rejects the activity they own, whose time would be no
// one's, and leaves the account they own loaded without an owner.
func TestARejectedUserRejectsWhatTheyMustOwnOnly(t *testing.T) {
	mapping := `defaults: {date_format: YYYY-MM-DD}
files:
  - file: team.csv
    kind: user
    fields: {id: Email, email: Email, joined_at: Joined}
  - file: accounts.csv
    kind: account
    fields: {id: Account, name: Account, owner_id: {column: Owner, match: email}}
  - file: calls.csv
    kind: activity
    fields: {id: Call, kind: {value: call}, owner_id: {column: Rep, match: email}, start_at: Day}
`
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName: mapping,
		"team.csv":      "Email,Joined\nana@example.com,2025-01-15\nben@example.com,2025-02-30\n",
		"accounts.csv":  "Account,Owner\nKestrel Foods,ana@example.com\nQuill Labs,ben@example.com\n",
		"calls.csv":     "Call,Rep,Day\nC1,ana@example.com,2026-01-12\nC2,ben@example.com,2026-01-13\n",
	})
	got, summary := readInput(t, dir, nil)
	accounts := byID(got.Accounts, func(a plugin.Account) string { return a.ID })
	if len(accounts) != 2 || accounts["Kestrel Foods"].OwnerID != "ana@example.com" || accounts["Quill Labs"].OwnerID != "" {
		t.Errorf("accounts = %+v; want both, Quill Labs without an owner", got.Accounts)
	}
	if len(got.Activities) != 1 || got.Activities[0].ID != "C1" {
		t.Errorf("activities = %+v; want C1 only", got.Activities)
	}
	const why = `owner ben@example.com was rejected at team.csv line 3: joined_at: column Joined: "2025-02-30" is not a valid date or time in the format YYYY-MM-DD`
	checkRejectReasons(t, got.Rejected, map[string]string{
		"team.csv:3:joined_at":                          `column Joined: "2025-02-30" is not a valid date or time in the format YYYY-MM-DD`,
		"accounts.csv" + unresolvedPart + ":3:owner_id": "column Owner: " + why + "; the account is loaded without an owner",
		"calls.csv:3:owner_id":                          "column Rep: " + why,
	})
	connectortest.CheckSummary(t, summary, map[string]plugin.FileSummary{
		"team.csv":                      {RowsRead: 2, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindUser: 1}, RowsSkipped: map[string]int64{}},
		"accounts.csv":                  {RowsRead: 2, Records: map[plugin.RecordKind]int64{plugin.KindAccount: 2}, RowsSkipped: map[string]int64{}},
		"accounts.csv" + unresolvedPart: {RowsRead: 1, RowsRejected: 1, Records: map[plugin.RecordKind]int64{}, RowsSkipped: map[string]int64{}},
		"calls.csv":                     {RowsRead: 2, RowsRejected: 1, Records: map[plugin.RecordKind]int64{plugin.KindActivity: 1}, RowsSkipped: map[string]int64{}},
	})
}

func TestTheMappingMayLiveOutsideTheInputFolder(t *testing.T) {
	// The export folder holds the CSV files only; the mapping is elsewhere
	// and its file: patterns name the export's files.
	export := t.TempDir()
	for _, name := range []string{"sales_teams.csv", "accounts.csv", "sales_pipeline.csv"} {
		copyTo(t, fixturePath("team-sheet", name), filepath.Join(export, name))
	}
	elsewhere := filepath.Join(t.TempDir(), "maps", "team.yaml")
	if err := os.MkdirAll(filepath.Dir(elsewhere), 0o755); err != nil {
		t.Fatal(err)
	}
	copyTo(t, teamSheetMapping, elsewhere)
	got, _ := readInput(t, export, map[string]string{optionMapping: elsewhere})
	if len(got.Users) != 13 || len(got.Accounts) != 40 || len(got.Opportunities) != 150 {
		t.Errorf("%d users, %d accounts, %d deals", len(got.Users), len(got.Accounts), len(got.Opportunities))
	}
}

func TestLooksMisspelt(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Priya Ramanathn", "Priya Ramanathan", true},
		{"Tobias Lindqvist", "tobias  LINDQVIST", false}, // the same name
		{"Ann Lee", "Ann Lea", true},
		{"Ann Lee", "Ben Lee", false},
		{"Marguerite Osei", "Margaret Osei", false},
		{"", "Ann", false},
	} {
		if got := looksMisspelt(c.a, c.b); got != c.want {
			t.Errorf("looksMisspelt(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
