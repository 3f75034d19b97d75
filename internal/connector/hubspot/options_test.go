package hubspot

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func readErr(t *testing.T, path string, options map[string]string) error {
	t.Helper()
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path, Options: options})
	return err
}

func TestUnknownOptionsAreAnErrorListingTheKnownOnes(t *testing.T) {
	err := readErr(t, apiExport(generateCompany()).path(), map[string]string{"tier_field": "x", "managers": "y"})
	if err == nil {
		t.Fatal("unknown options were accepted")
	}
	for _, want := range []string{"managers, tier_field", optionHierarchy, optionTimezone, optionEncoding, optionTierProperty} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestBadOptionValuesAreErrors(t *testing.T) {
	path := apiExport(generateCompany()).path()
	for _, opts := range []map[string]string{
		{optionTimezone: "Europe/Atlantis"},
		{optionEncoding: "ebcdic"},
		{optionHierarchy: filepath.Join(t.TempDir(), "no-such-file.csv")},
	} {
		if err := readErr(t, path, opts); err == nil {
			t.Errorf("options %v were accepted", opts)
		}
	}
}

func TestTheInfoDocumentsEveryOption(t *testing.T) {
	info, err := New().Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range knownOptions() {
		if info.Options[name] == "" {
			t.Errorf("Info does not document option %s", name)
		}
	}
	if len(info.Options) != len(knownOptions()) {
		t.Errorf("Info documents %d options, the connector knows %d", len(info.Options), len(knownOptions()))
	}
	if !strings.Contains(info.Description, "no manager") {
		t.Errorf("the description does not warn that users lack managers without a mapping: %q", info.Description)
	}
}

// TestUITimesAreInTheAccountsTimeZone reads the UI export with and
// without the timezone option: HubSpot writes local times, so without it
// every time is off by the zone's offset (one hour in winter, two in
// summer).
func TestUITimesAreInTheAccountsTimeZone(t *testing.T) {
	c := generateCompany()
	path := uiExport(c).path()
	local, _ := readFixture(t, path, uiOptions)
	asUTC, _ := readFixture(t, path, nil)
	utcByID := activitiesByID(asUTC)
	for _, a := range local.Activities {
		_, offset := a.StartAt.In(amsterdam).Zone()
		if shift := utcByID[a.ID].StartAt.Sub(a.StartAt); shift != time.Duration(offset)*time.Second {
			t.Errorf("%s at %v: read as UTC it moves by %v, want %ds", a.ID, a.StartAt, shift, offset)
		}
	}
	call := activitiesByID(local)[c.anchors.call.id]
	if !call.StartAt.Equal(utc(2026, 3, 31, 8, 15, 0)) {
		t.Errorf("the call at 10:15 in Amsterdam (summer time) starts at %v, want 08:15 UTC", call.StartAt)
	}
}

func TestTheTierPropertyOption(t *testing.T) {
	c := generateCompany()
	path := apiExport(c).path()
	byIndustry, _ := readFixture(t, path, map[string]string{optionTierProperty: "industry"})
	none, _ := readFixture(t, path, map[string]string{optionTierProperty: "none"})
	ui, _ := readFixture(t, uiExport(c).path(), map[string]string{optionTierProperty: "Lifecycle Stage"})
	for _, a := range byIndustry.Accounts {
		if a.Tier != a.Industry {
			t.Errorf("%s: tier %q, want the industry %q", a.Name, a.Tier, a.Industry)
		}
	}
	for _, a := range none.Accounts {
		if a.Tier != "" {
			t.Errorf("%s: tier %q with account_tier_property=none", a.Name, a.Tier)
		}
	}
	for _, a := range ui.Accounts {
		if a.Tier != a.Type || a.Tier == "" {
			t.Errorf("%s: tier %q, want the lifecycle stage %q (by label)", a.Name, a.Tier, a.Type)
		}
	}
}

// TestTheHierarchyOption gives the mapping as a file outside the export,
// by owner ID and full name: it replaces owner-managers.csv.
func TestTheHierarchyOption(t *testing.T) {
	c := generateCompany()
	k := c.byKey
	mapping := filepath.Join(t.TempDir(), "managers.csv")
	text := "Name;Team\n" // semicolons are read as Excel writes them; neither column names an owner or a manager
	if err := os.WriteFile(mapping, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := readErr(t, apiExport(c).path(), map[string]string{optionHierarchy: mapping}); err == nil ||
		!strings.Contains(err.Error(), mapping+" line 1") {
		t.Errorf("a mapping without owner and manager columns: %v, want an error naming the file and line 1", err)
	}

	// Saved by a German Excel: semicolons. Katrin reports to Joris.
	text = "Owner ID;Manager ID\r\n" + k["katrin"].id + ";" + k["joris"].id + "\r\n"
	if err := os.WriteFile(mapping, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	semicolons, _ := readFixture(t, apiExport(c).path(), map[string]string{optionHierarchy: mapping})
	katrin := byID(semicolons.Users, func(u plugin.User) string { return u.ID })[k["katrin"].id]
	if katrin.ManagerID != k["joris"].id {
		t.Errorf("from a semicolon-separated mapping, Katrin's manager is %q, want Joris %q", katrin.ManagerID, k["joris"].id)
	}

	// Everyone reports to Katrin now, by ID or by name.
	text = "owner id,manager id\n" + k["pieter"].id + "," + k["katrin"].id + "\n" + "Joris Bakker,Katrin Müller\n"
	if err := os.WriteFile(mapping, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got, summary := readFixture(t, apiExport(c).path(), map[string]string{optionHierarchy: mapping})
	users := byID(got.Users, func(u plugin.User) string { return u.ID })
	for key, want := range map[string]string{"pieter": k["katrin"].id, "joris": k["katrin"].id, "emma": "", "katrin": ""} {
		if users[k[key].id].ManagerID != want {
			t.Errorf("%s: manager %q, want %q", key, users[k[key].id].ManagerID, want)
		}
	}
	var fromOption bool
	for _, f := range summary.Files {
		if f.File == hierarchyFileName {
			t.Errorf("%s was read although the option names another mapping", hierarchyFileName)
		}
		if f.File == mapping {
			fromOption = f.RowsRead == 2 && f.RowsSkipped[skipHierarchyRow] == 2
		}
	}
	if !fromOption {
		t.Errorf("the mapping's rows are not accounted for under its path: %+v", summary.Files)
	}
}

func TestWithoutAMappingUsersHaveNoManager(t *testing.T) {
	c := generateCompany()
	dir := connectortest.CopyDir(t, apiExport(c).path(), hierarchyFileName)
	res, err := New().Check(context.Background(), dir)
	if err != nil || !res.Accepted {
		t.Fatalf("Check = %+v, %v", res, err)
	}
	if !strings.Contains(res.Reason, "no "+hierarchyFileName) || !strings.Contains(res.Reason, "finds no managers") {
		t.Errorf("the reason does not warn that there are no managers: %q", res.Reason)
	}
	got, _ := readFixture(t, dir, nil)
	for _, u := range got.Users {
		if u.ManagerID != "" {
			t.Errorf("%s has manager %s without a mapping", u.Name, u.ManagerID)
		}
	}
}

// TestWithoutOwnersNamesStandIn reads a UI export without the owners
// pages: there are no users, and each activity keeps the owner's name.
func TestWithoutOwnersNamesStandIn(t *testing.T) {
	c := generateCompany()
	dir := connectortest.CopyDir(t, uiExport(c).path(), "owners.json", "owners-archived.json")
	res, err := New().Check(context.Background(), dir)
	if err != nil || !res.Accepted || res.Confidence != confidenceWithoutOwners || !strings.Contains(res.Reason, "no owners page") {
		t.Errorf("Check = %+v, %v", res, err)
	}
	got, summary := readFixture(t, dir, uiOptions)
	if len(got.Users) != 0 {
		t.Errorf("%d users without an owners page", len(got.Users))
	}
	meeting := activitiesByID(got)[c.anchors.meeting.id]
	if meeting.OwnerID != "Joris Bakker" {
		t.Errorf("the meeting's owner is %q, want the name the export gives", meeting.OwnerID)
	}
	if n := connectortest.Skipped(summary)[skipHierarchyNoOwner]; n == 0 {
		t.Errorf("the manager mapping's rows were not skipped for want of owners: %v", connectortest.Skipped(summary))
	}
}

func TestAnUnknownOwnerNameIsKept(t *testing.T) {
	got, _ := readFixture(t, brokenExport().path(), uiOptions)
	for _, a := range got.Activities {
		if a.OwnerID == "Vera Unknown" {
			return
		}
	}
	t.Error("the call of an owner missing from the owners page was not loaded with her name")
}

// TestAMixedDirectoryLoadsEachRecordOnce puts both forms in one
// directory: the UI rows repeat the API records and are skipped as
// duplicates.
func TestAMixedDirectoryLoadsEachRecordOnce(t *testing.T) {
	c := generateCompany()
	api := apiExport(c)
	dir := connectortest.CopyDir(t, api.path())
	for _, f := range uiExport(c).files {
		if strings.HasPrefix(f.name, "hubspot-crm-exports-") {
			if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mixed, summary := readFixture(t, dir, uiOptions)
	alone, _ := readFixture(t, api.path(), nil)
	if got, want := connectortest.Collected(mixed), connectortest.Collected(alone); !maps.Equal(got, want) {
		t.Errorf("mixed directory: %v records, the API export alone %v", got, want)
	}
	for _, f := range summary.Files {
		if strings.HasPrefix(f.File, "hubspot-crm-exports-") && f.RecordsTotal() != 0 {
			t.Errorf("%s: %d records loaded again from the UI export", f.File, f.RecordsTotal())
		}
	}
}

func TestAZipReadsLikeItsDirectory(t *testing.T) {
	api := apiExport(generateCompany())
	archive := connectortest.ZipDir(t, api.path(), "hubspot-export/")
	res, err := New().Check(context.Background(), archive)
	if err != nil || !res.Accepted {
		t.Fatalf("Check(zip) = %+v, %v", res, err)
	}
	zipped, _ := readFixture(t, archive, nil)
	plain, _ := readFixture(t, api.path(), nil)
	if got, want := connectortest.Collected(zipped), connectortest.Collected(plain); !maps.Equal(got, want) {
		t.Errorf("zip: %v records, directory %v", got, want)
	}
}

// TestReadTruncatedPageIsAnError cuts a page short, as an interrupted
// download leaves it: the rest cannot be read, and the error says where.
func TestReadTruncatedPageIsAnError(t *testing.T) {
	api := apiExport(generateCompany())
	dir := connectortest.CopyDir(t, api.path())
	page := api.file("meetings-page-1.json")
	cut := page.data[:len(page.data)*2/3]
	if err := os.WriteFile(filepath.Join(dir, page.name), cut, 0o644); err != nil {
		t.Fatal(err)
	}
	err := readErr(t, dir, nil)
	lines := strings.Count(string(cut), "\n") + 1
	if err == nil || !strings.Contains(err.Error(), "meetings-page-1.json line "+strconv.Itoa(lines)) {
		t.Errorf("err = %v, want one naming meetings-page-1.json line %d", err, lines)
	}
}

// knownOptions are the Read options the connector declares.
func knownOptions() []string { return readOptions(&options{}).Names() }
