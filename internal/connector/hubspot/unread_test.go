package hubspot

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin/export"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

// uiFixture is the UI export of the fixtures, as downloaded.
var uiFixture = filepath.Join(fixturesRoot, "ui-csv")

// Every CSV file of the folder that is not read is named, with why: the
// contacts export HubSpot wrote, and a sheet of the team's own. The
// files that are read are not named.
func TestCSVFilesNotReadAreNamed(t *testing.T) {
	dir := connectortest.CopyDir(t, uiFixture)
	connectortest.WriteFile(t, dir, "besuchsnotizen.csv", "Datum;Kunde;Notiz\r\n04.05.2026;Müller GmbH;Angebot nachfassen\r\n")
	src, err := export.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	found, err := layout.Find(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	notices := notRead(src, found)
	want := []struct{ file, why string }{
		{"besuchsnotizen.csv", `not a HubSpot UI export (no "Record ID" column)`},
		{"hubspot-crm-exports-all-contacts-2026-05-04.csv", "contacts are not audited"},
	}
	if len(notices) != len(want) {
		t.Fatalf("notices %q, want one for each of %v", notices, want)
	}
	for _, w := range want {
		if !containsNotice(notices, w.file, w.why) {
			t.Errorf("no notice names %s saying %q: %q", w.file, w.why, notices)
		}
	}
}

func containsNotice(notices []string, file, why string) bool {
	for _, n := range notices {
		if strings.HasPrefix(n, file+" is left out: ") && strings.Contains(n, why) {
			return true
		}
	}
	return false
}

// A file named as HubSpot names its exports that is not one (its Record
// ID column deleted in a spreadsheet) refuses the export, in Check and
// Read alike, naming the file: leaving it out would audit without its
// calls.
func TestAHubSpotNamedFileWithoutRecordIDRefusesTheExport(t *testing.T) {
	dir := connectortest.CopyDir(t, uiFixture)
	name := "hubspot-crm-exports-all-calls-2026-05-04 (1).csv"
	connectortest.WriteFile(t, dir, name, "Call Title,Activity date,Call duration\r\nRückruf Müller,2026-05-04 09:30,00:05:00\r\n")
	want := name + ` is named as a HubSpot export but has no "Record ID" column`
	if err := readErr(t, dir, uiOptions); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("read: %v, want an error saying %q", err, want)
	}
	connectortest.CheckRefusal(t, plugintest.Connect(t, New()), dir, want)
}

// The UI export opened in a German Excel and saved again (semicolons,
// CRLF, quotes only where needed; values unchanged) reads the same
// records as the export as downloaded.
func TestASemicolonUIExportReadsAsTheCommaOne(t *testing.T) {
	dir := connectortest.CopyDir(t, uiFixture)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "hubspot-crm-exports-") {
			saveWithSemicolons(t, filepath.Join(dir, e.Name()))
		}
	}
	commas, _ := readFixture(t, uiFixture, uiOptions)
	semicolons, _ := readFixture(t, dir, uiOptions)
	if len(semicolons.Activities) == 0 || len(semicolons.Rejected) != len(commas.Rejected) {
		t.Fatalf("%d activities and %d rejects from semicolons, %d rejects from commas",
			len(semicolons.Activities), len(semicolons.Rejected), len(commas.Rejected))
	}
	// Progress reports come with the clock; all else must be the same.
	commas.Progressed, semicolons.Progressed = nil, nil
	if !reflect.DeepEqual(commas, semicolons) {
		t.Error("the semicolon export gives other records or rejects than the comma one")
	}
}

// saveWithSemicolons rewrites a CSV file as Excel saves "CSV" where the
// decimal separator is the comma: semicolons, CRLF, quotes only where a
// field needs them. It reads the file with encoding/csv, not the reader
// under test.
func saveWithSemicolons(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', true
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
