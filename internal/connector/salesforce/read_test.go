package salesforce

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func readFixture(t *testing.T, path string, options map[string]string) (*plugintest.Collector, plugin.Summary) {
	return connectortest.Read(t, New(), path, options)
}

func TestReadAcmeCounts(t *testing.T) {
	export, _ := generateAcme()
	got, summary := readFixture(t, export.path(), nil)
	want := connectortest.ExpectedSummary(export.planted())
	connectortest.CheckSummary(t, summary, want)

	if len(got.Rejected) != 0 {
		t.Errorf("the acme export has no bad rows, got rejects %v", got.Rejected)
	}
	connectortest.CheckRecordCounts(t, got, want)
	// The planted skips are there, so the counts above are not trivial.
	skips := connectortest.Skipped(summary)
	for _, reason := range []string{skipDeleted, skipChildEvent, skipWhatRelation, skipUnloadedEvent,
		"not a person: UserType=AutomatedProcess", "not a person: UserType=CsnOnly"} {
		if skips[reason] == 0 {
			t.Errorf("no row skipped as %q", reason)
		}
	}
}

func TestReadAcmeManagersFromRoleHierarchy(t *testing.T) {
	export, facts := generateAcme()
	got, _ := readFixture(t, export.path(), nil)
	if len(got.Users) != len(facts.managerOf)+1 { // the admin is a person but no one's report
		t.Errorf("%d users, want %d people", len(got.Users), len(facts.managerOf)+1)
	}
	users := map[string]plugin.User{}
	for _, u := range got.Users {
		users[u.ID] = u
	}
	for id, manager := range facts.managerOf {
		if u := users[id]; u.ManagerID != manager {
			t.Errorf("%s (%s): manager %q, want %q", u.Name, u.Role, u.ManagerID, manager)
		}
	}
	if len(facts.derivedReps) < 4 {
		t.Fatalf("the generator should leave a whole team without ManagerId, got %d reps", len(facts.derivedReps))
	}
	lucia := users[facts.managerIDs["admin"]]
	if lucia.Name != "Lucía Fernández" || lucia.Role != "Sales Manager Southern Europe" {
		t.Errorf("admin manager = %+v", lucia)
	}
	for _, id := range facts.derivedReps {
		if users[id].ManagerID != lucia.ID {
			t.Errorf("%s: manager %q, want %s from the role hierarchy", users[id].Name, users[id].ManagerID, lucia.Name)
		}
	}
	left := users[facts.inactiveRep]
	if left.Active || left.LeftAt.IsZero() || !left.LeftAt.Equal(time.Date(2026, 3, 13, 17, 22, 0, 0, time.UTC)) {
		t.Errorf("the rep who left: active=%v left %v", left.Active, left.LeftAt)
	}
	for _, u := range got.Users {
		if u.Active && !u.LeftAt.IsZero() {
			t.Errorf("%s is active but has a leaving date", u.Name)
		}
		if u.JoinedAt.IsZero() || u.Email == "" || u.Line < 2 {
			t.Errorf("%s: joined %v, e-mail %q, line %d", u.Name, u.JoinedAt, u.Email, u.Line)
		}
	}
}

func TestReadAcmeRecords(t *testing.T) {
	export, facts := generateAcme()
	got, _ := readFixture(t, export.path(), map[string]string{"account_tier_field": "Tier__c"})

	for _, a := range got.Accounts {
		if a.Tier != facts.tiers[a.ID] || a.Name == "" || a.OwnerID == "" {
			t.Errorf("account %s %q: tier %q owner %q, want tier %q", a.ID, a.Name, a.Tier, a.OwnerID, facts.tiers[a.ID])
		}
	}
	withRevenue := 0
	for _, a := range got.Accounts {
		if a.AnnualRevenue != nil {
			withRevenue++
		}
	}
	if withRevenue == 0 || withRevenue == len(got.Accounts) {
		t.Errorf("%d of %d accounts have a revenue; want most but not all", withRevenue, len(got.Accounts))
	}

	kinds := map[plugin.ActivityKind]int{}
	events := map[string]bool{}
	for _, a := range got.Activities {
		kinds[a.Kind]++
		if a.StartAt.Before(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)) || !a.StartAt.Before(periodEnd.AddDate(0, 1, 0)) {
			t.Errorf("%s %q starts %v, outside the period", a.ID, a.Subject, a.StartAt)
		}
		if strings.HasPrefix(a.ID, "00U") {
			events[a.ID] = true
			if len(a.Attendees) != 0 {
				t.Errorf("event %s has embedded attendees; they come from EventRelation.csv", a.ID)
			}
			if a.EndAt.Sub(a.StartAt) != time.Duration(a.DurationSeconds)*time.Second {
				t.Errorf("event %s: %v to %v is not %d s", a.ID, a.StartAt, a.EndAt, a.DurationSeconds)
			}
		}
		if strings.HasPrefix(a.Subject, "Email:") && a.Kind != plugin.ActivityEmail {
			t.Errorf("%q is a %s, want an email", a.Subject, a.Kind)
		}
		if a.Kind == plugin.ActivityCall && strings.HasPrefix(a.ID, "00T") && a.DurationSeconds <= 0 {
			t.Errorf("call %s has no duration", a.ID)
		}
		if strings.HasPrefix(a.ID, "00T") && a.AccountID != "" && !strings.HasPrefix(a.AccountID, "001") {
			t.Errorf("task %s: account %s", a.ID, a.AccountID)
		}
		if a.OpportunityID != "" && !strings.HasPrefix(a.OpportunityID, "006") {
			t.Errorf("%s: opportunity %s", a.ID, a.OpportunityID)
		}
	}
	for _, k := range []plugin.ActivityKind{plugin.ActivityCall, plugin.ActivityEmail, plugin.ActivityMeeting, plugin.ActivityTask} {
		if kinds[k] == 0 {
			t.Errorf("no %s activities (kinds %v)", k, kinds)
		}
	}
	internal, external := 0, 0
	for _, at := range got.Attendees {
		if !events[at.ActivityID] {
			t.Errorf("attendee of %s, an event that was not loaded", at.ActivityID)
		}
		switch {
		case at.Internal && strings.HasPrefix(at.UserID, "005") && at.ContactID == "":
			internal++
		case !at.Internal && at.UserID == "" && (strings.HasPrefix(at.ContactID, "003") || strings.HasPrefix(at.ContactID, "00Q")):
			external++
		default:
			t.Errorf("attendee %+v is neither a user nor a contact", at)
		}
	}
	if internal == 0 || external == 0 {
		t.Errorf("%d internal and %d external attendees", internal, external)
	}
}

func TestTierComesFromTierCByDefault(t *testing.T) {
	got, _ := readFixture(t, filepath.Join(fixturesRoot, "acme"), nil)
	tiers := map[string]int{}
	for _, a := range got.Accounts {
		tiers[a.Tier]++
	}
	if tiers["Tier 1"] == 0 || tiers["Tier 3"] == 0 {
		t.Errorf("tiers = %v, want the Tier__c values", tiers)
	}
}

func TestTierFieldNoneReadsNoTier(t *testing.T) {
	got, _ := readFixture(t, filepath.Join(fixturesRoot, "acme"), map[string]string{"account_tier_field": "none"})
	for _, a := range got.Accounts {
		if a.Tier != "" {
			t.Fatalf("account %s has tier %q though account_tier_field=none", a.ID, a.Tier)
		}
	}
}

func TestReadBrokenRejects(t *testing.T) {
	export := generateBroken()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.planted()))

	var gotRejects []string
	for _, r := range got.Rejected {
		gotRejects = append(gotRejects, fmt.Sprintf("%s:%d:%s", r.File, r.Line, r.Field))
		if r.Raw == "" || r.Reason == "" {
			t.Errorf("reject %s:%d has no excerpt or reason: %+v", r.File, r.Line, r)
		}
	}
	slices.Sort(gotRejects)
	if wantRejects := connectortest.PlantedRejects(export.planted()); !slices.Equal(gotRejects, wantRejects) {
		t.Errorf("rejects\n got %v\nwant %v", gotRejects, wantRejects)
	}
	for _, r := range got.Rejected {
		switch r.Field {
		case "Amount":
			if !strings.Contains(r.Reason, `"12,5k"`) {
				t.Errorf("the amount reject says %q", r.Reason)
			}
		case "":
			if !strings.Contains(r.Reason, "quote") && !strings.Contains(r.Reason, "fields") {
				t.Errorf("the malformed-row reject says %q", r.Reason)
			}
		}
	}
	// The good rows around the bad ones are loaded.
	var subjects []string
	for _, a := range got.Activities {
		subjects = append(subjects, a.Subject)
	}
	for _, s := range []string{"Call Lars about racking", `Call about the "big" order`, "Follow-up call", "Last call of the day", "Quarterly review Nordic Steel"} {
		if !slices.Contains(subjects, s) {
			t.Errorf("good row %q was not loaded (got %q)", s, subjects)
		}
	}
}

func TestReadWindows1252(t *testing.T) {
	export := generateWin1252()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.planted()))
	texts := collectedText(got)
	for _, want := range []string{"Reunión de pipeline", "Réunion d'équipe", "Übergabe an Außendienst", "Gespräch mit Einkäufer",
		"Visita a São Paulo", "Budget 5.000 € bestätigen", "Préparer la réunion – Café Crème", "Jürgen Groß",
		"Société Générale d'Équipement", "Cerámicas Peñíscola S.A."} {
		if !slices.Contains(texts, want) {
			t.Errorf("%q did not come through", want)
		}
	}
	for _, s := range texts {
		if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
			t.Errorf("%q is not clean UTF-8", s)
		}
	}
}

// A Windows-1252 export with lines pasted in as UTF-8 and a byte of
// another code page loads whole: each line in its own encoding, the byte
// kept as a C1 control, and every file's summary says how it was decoded.
func TestReadMixedEncodings(t *testing.T) {
	export := generateLatamMixed()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.planted()))
	texts := collectedText(got)
	for _, want := range []string{"COMERCIALIZADORA TEQUENDAMA", "Julián Peñaloza", "Email: Cotización – Distribuidora Pacífico", // UTF-8
		"Ferretería El Cóndor S.A.S.", "Jefe de Ventas Bogotá", "Enviar cotización – Pacífico", "Minería Andina S.A.C.", // Windows-1252
		"Importadora M\u0081ller Hnos."} { // 0x81 kept
		if !slices.Contains(texts, want) {
			t.Errorf("%q did not come through: %q", want, texts)
		}
	}
	for _, s := range texts {
		if strings.ContainsAny(s, "\uFFFDÃÂ") {
			t.Errorf("%q is mojibake", s)
		}
	}
	wantDecoding := export.expectedDecoding()
	for _, f := range summary.Files {
		if f.Decoding != wantDecoding[f.File] {
			t.Errorf("%s: decoding %+v, want %+v", f.File, f.Decoding, wantDecoding[f.File])
		}
	}
	// The export was built to mix: a fixture that stopped mixing would
	// make the comparison above prove nothing.
	if d := wantDecoding["Account.csv"]; !d.Mixed() || d.C1Kept != 1 {
		t.Errorf("Account.csv is expected to mix encodings and keep one C1 byte: %+v", d)
	}
	// Forcing ISO-8859-1 changes the single-byte lines only (no en dash:
	// 0x96 is a C1 control there); the UTF-8 lines still read as UTF-8.
	latin1, _ := readFixture(t, export.path(), map[string]string{"encoding": "iso-8859-1"})
	texts = collectedText(latin1)
	for _, want := range []string{"COMERCIALIZADORA TEQUENDAMA", "Email: Cotización – Distribuidora Pacífico", "Enviar cotización \u0096 Pacífico"} {
		if !slices.Contains(texts, want) {
			t.Errorf("forced iso-8859-1: %q did not come through: %q", want, texts)
		}
	}
}

// collectedText is every name and subject read.
func collectedText(c *plugintest.Collector) []string {
	var out []string
	for _, u := range c.Users {
		out = append(out, u.Name, u.Role, u.Title)
	}
	for _, a := range c.Accounts {
		out = append(out, a.Name)
	}
	for _, o := range c.Opportunities {
		out = append(out, o.Name)
	}
	for _, a := range c.Activities {
		out = append(out, a.Subject)
	}
	return out
}

func TestReadForcedEncoding(t *testing.T) {
	dir := filepath.Join(fixturesRoot, "acme-win1252")
	forced, _ := readFixture(t, dir, map[string]string{"encoding": "windows-1252"})
	auto, _ := readFixture(t, dir, nil)
	if !reflect.DeepEqual(collectedText(forced), collectedText(auto)) {
		t.Error("forcing windows-1252 reads the file differently from detecting it")
	}
	// ISO-8859-1 has no euro sign: forcing it shows the difference.
	latin1, _ := readFixture(t, dir, map[string]string{"encoding": "iso-8859-1"})
	if texts := collectedText(latin1); !slices.Contains(texts, "Budget 5.000 \u0080 bestätigen") {
		t.Errorf("forced iso-8859-1 did not decode 0x80 as U+0080: %q", texts)
	}

	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir, Options: map[string]string{"encoding": "utf-8"}})
	if err == nil || !strings.Contains(err.Error(), "--encoding") || !strings.Contains(err.Error(), ".csv line") {
		t.Errorf("forcing utf-8 on a Windows-1252 export: %v", err)
	}
	_, _, err = plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir, Options: map[string]string{"encoding": "ebcdic"}})
	if err == nil || !strings.Contains(err.Error(), "ebcdic") {
		t.Errorf("an unknown encoding: %v", err)
	}
}

// A UTF-8 file with a Windows-1252 line later on loads, each line in its
// own encoding, and the summary says so.
func TestReadWindows1252LineLaterInAUTF8File(t *testing.T) {
	dir := t.TempDir()
	connectortest.WriteFile(t, dir, "User.csv", "\"Id\",\"FirstName\",\"LastName\",\"IsActive\"\r\n\"0055g000000qZ6LAAU\",\"José\",\"Núñez\",\"1\"\r\n")
	connectortest.WriteFile(t, dir, "Task.csv", "\"Id\",\"OwnerId\",\"Subject\",\"ActivityDate\"\r\n"+
		"\"00T5g000000hHn3EAE\",\"0055g000000qZ6LAAU\",\"Reunión\",\"2026-02-02\"\r\n"+
		"\"00T5g000000hHnGEAU\",\"0055g000000qZ6LAAU\",\"Réunion\",\"2026-02-03\"\r\n"+
		"\"00T5g000000hHnkEAE\",\"0055g000000qZ6LAAU\",\"Reuni\xF3n\",\"2026-02-04\"\r\n")
	got, summary, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, a := range got.Activities {
		subjects = append(subjects, a.Subject)
	}
	slices.Sort(subjects)
	if strings.Join(subjects, "|") != "Reunión|Reunión|Réunion" {
		t.Errorf("subjects read: %q", subjects)
	}
	want := map[string]plugin.Decoding{
		"User.csv": {UTF8Lines: 1},
		"Task.csv": {UTF8Lines: 2, SingleByteLines: 1, SingleByte: "windows-1252"},
	}
	for _, f := range summary.Files {
		if f.Decoding != want[f.File] {
			t.Errorf("%s: decoding %+v, want %+v", f.File, f.Decoding, want[f.File])
		}
	}
}

func TestReadDataLoader(t *testing.T) {
	export := generateDataLoader()
	got, summary := readFixture(t, export.path(), nil)
	connectortest.CheckSummary(t, summary, connectortest.ExpectedSummary(export.planted()))

	byName := map[string]plugin.User{}
	for _, u := range got.Users {
		byName[u.Name] = u
	}
	liam := byName["Liam Taylor"]
	if liam.Active || !liam.LeftAt.Equal(time.Date(2026, 2, 13, 16, 45, 0, 0, time.UTC)) || liam.ManagerID != byName["Olivia Brown"].ID {
		t.Errorf("Liam: %+v", liam)
	}
	if zoe := byName["Zoë Clarke"]; !zoe.Active || zoe.Role != "Account Executive UK" {
		t.Errorf("Zoë: %+v", zoe)
	}
	activities := map[string]plugin.Activity{}
	for _, a := range got.Activities {
		activities[a.Subject] = a
	}
	visit := activities["Site visit Leeds Fabrication"]
	if !visit.StartAt.Equal(time.Date(2026, 2, 10, 13, 0, 0, 0, time.UTC)) || !visit.EndAt.Equal(time.Date(2026, 2, 10, 15, 0, 0, 0, time.UTC)) ||
		visit.DurationSeconds != 7200 || visit.Kind != plugin.ActivityMeeting || visit.AccountID == "" {
		t.Errorf("site visit: %+v", visit)
	}
	offsite := activities["UK sales offsite"]
	if !offsite.StartAt.Equal(time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)) || offsite.DurationSeconds != 86400 {
		t.Errorf("all-day offsite: %+v", offsite)
	}
	for subject, kind := range map[string]plugin.ActivityKind{
		"Scheduled call Bristol": plugin.ActivityCall, "Cadence step 2: call Amelia": plugin.ActivityCall,
		"Email: Quote for welding supplies": plugin.ActivityEmail, "Expense report January": plugin.ActivityTask,
	} {
		if activities[subject].Kind != kind {
			t.Errorf("%q is a %s, want %s", subject, activities[subject].Kind, kind)
		}
	}
	forecast := activities["Submit Q1 forecast"]
	if forecast.Priority != plugin.PriorityHigh || !forecast.IsClosed || !forecast.DueDate.Equal(time.Date(2026, 2, 6, 0, 0, 0, 0, time.UTC)) ||
		!forecast.CompletedAt.Equal(time.Date(2026, 2, 11, 17, 0, 0, 0, time.UTC)) || !forecast.StartAt.Equal(forecast.CompletedAt) {
		t.Errorf("late forecast task: %+v", forecast)
	}
	call := activities["Follow-up call – Harrow Engineering"]
	if call.DurationSeconds != 720 || len(call.Attendees) != 1 || call.Attendees[0].ContactID == "" || call.Attendees[0].Internal {
		t.Errorf("call: %+v", call)
	}
	for _, o := range got.Opportunities {
		if o.Stage == "Closed Won" && (!o.IsWon || !o.IsClosed || o.Amount == nil || *o.Amount != 48000) {
			t.Errorf("won deal: %+v", o)
		}
		if o.Stage == "Closed Lost" && o.Amount != nil {
			t.Errorf("a deal without an amount read as %v", *o.Amount)
		}
	}
}

func TestReadZipMatchesItsDirectory(t *testing.T) {
	fromZip, zipSummary := readFixture(t, filepath.Join(fixturesRoot, zipFixtureName), nil)
	fromDir, dirSummary := readFixture(t, filepath.Join(fixturesRoot, "acme-win1252"), nil)
	fromZip.Progressed, fromDir.Progressed = nil, nil
	if !reflect.DeepEqual(fromZip, fromDir) {
		t.Error("the archive reads differently from its directory")
	}
	if !reflect.DeepEqual(zipSummary, dirSummary) {
		t.Errorf("summaries differ:\n zip %+v\n dir %+v", zipSummary, dirSummary)
	}
	if len(fromZip.Activities) == 0 {
		t.Error("nothing read from the archive")
	}
}

func TestReadOptions(t *testing.T) {
	dir := filepath.Join(fixturesRoot, "dataloader")
	for _, options := range []map[string]string{
		{"account_tier_field": "Tier__c"}, // Data Loader did not export it
		{"encodnig": "utf-8"},
	} {
		if _, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: dir, Options: options}); err == nil {
			t.Errorf("options %v were accepted", options)
		}
	}
	got, _ := readFixture(t, dir, map[string]string{"account_tier_field": "RATING"})
	for _, a := range got.Accounts {
		if a.Tier == "" {
			t.Errorf("account %s has no tier from Rating", a.Name)
		}
	}
}

func TestReadRefusesWhatIsNotAnExport(t *testing.T) {
	for _, path := range []string{t.TempDir(), filepath.Join(fixturesRoot, "acme", "Task.csv")} {
		if _, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path}); err == nil {
			t.Errorf("reading %s did not fail", path)
		}
	}
}

// TestReadStopsWhenCancelled cancels a read of a large file part-way and
// wants the connector to stop within a few hundred rows.
func TestReadStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	writeLargeExport(t, dir, 20000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const cancelAt = 1000
	out := &fakeOutput{onActivity: func(n int) {
		if n == cancelAt {
			cancel()
		}
	}}
	err := readDir(ctx, dir, out)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if n := out.activities; n < cancelAt || n > cancelAt+plugin.RowsPerCheck {
		t.Errorf("%d activities read after cancelling at %d", n, cancelAt)
	}
}

// TestReadCancelledByTheHost cancels through the protocol, as the host
// does when the user presses Ctrl-C.
func TestReadCancelledByTheHost(t *testing.T) {
	dir := t.TempDir()
	writeLargeExport(t, dir, 20000)
	remote := plugintest.Connect(t, New())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &plugintest.CancellingSink{Cancel: cancel}
	_, err := remote.Read(ctx, plugin.ReadRequest{Path: dir}, sink)
	if err == nil {
		t.Fatal("a cancelled read succeeded")
	}
	if len(sink.Activities) >= 20000 {
		t.Errorf("all %d activities arrived despite the cancel", len(sink.Activities))
	}
}

func writeLargeExport(t *testing.T, dir string, tasks int) {
	t.Helper()
	connectortest.WriteFile(t, dir, "User.csv", "\"Id\",\"FirstName\",\"LastName\",\"IsActive\"\r\n\"0055g000000qZ6LAAU\",\"Bram\",\"Bakker\",\"1\"\r\n")
	var b strings.Builder
	b.WriteString("\"Id\",\"OwnerId\",\"Subject\",\"ActivityDate\",\"Description\"\r\n")
	for i := range tasks {
		fmt.Fprintf(&b, "\"00T5g%013d\",\"0055g000000qZ6LAAU\",\"Nabellen offerte %d\",\"2026-02-02\",\"regel 1\r\nregel 2\"\r\n", i, i)
	}
	connectortest.WriteFile(t, dir, "Task.csv", b.String())
}

func readDir(ctx context.Context, dir string, out output) error {
	src, err := export.Open(dir)
	if err != nil {
		return err
	}
	defer src.Close()
	return newReadRun(src, options{encoding: "auto"}, out).read(ctx)
}

// fakeOutput stands in for the plugin's Writer in tests that call the
// connector directly.
type fakeOutput struct {
	activities int
	onActivity func(n int)
}

func (o *fakeOutput) File(string) fileOutput { return fakeFile{o} }

type fakeFile struct{ o *fakeOutput }

func (fakeFile) User(plugin.User) error               { return nil }
func (fakeFile) Account(plugin.Account) error         { return nil }
func (fakeFile) Opportunity(plugin.Opportunity) error { return nil }
func (f fakeFile) Activity(plugin.Activity) error {
	f.o.activities++
	if f.o.onActivity != nil {
		f.o.onActivity(f.o.activities)
	}
	return nil
}
func (fakeFile) Attendee(plugin.Attendee) error     { return nil }
func (fakeFile) Reject(plugin.Reject) error         { return nil }
func (fakeFile) Skip(string)                        {}
func (fakeFile) Progress(int64, int64, int64) error { return nil }
func (fakeFile) Done(int64) error                   { return nil }
