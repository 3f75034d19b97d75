package orgfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "org.csv")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// An HR export as people save it from a spreadsheet: columns in any case
// and order, extra columns, a Windows-1252 accent, blank rows.
func TestReadTakesAnHRExportAsItComes(t *testing.T) {
	path := writeFile(t, "Cost Center,PERSON,Email,Manager,Title,Hire_Date,leave_date\r\n"+
		"4711,Luc\xeda G\xf3mez,lucia@acme.example,Mia Berg,Country Manager,2023-04-01,\r\n"+
		",,,,,,\r\n"+
		"4712,Ana Ruiz,,lucia@acme.example,,,2026-02-28\r\n")
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Line: 2, Person: "Lucía Gómez", Email: "lucia@acme.example", Manager: "Mia Berg", Title: "Country Manager",
			HireDate: time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)},
		{Line: 4, Person: "Ana Ruiz", Manager: "lucia@acme.example", LeaveDate: time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadNamesEveryBadRowAndTheHeaderItNeeds(t *testing.T) {
	_, err := Read(writeFile(t, "person,hire_date\nAna,01/02/2024\nBen,2024-02-30\nCem,2024-02-01\n"))
	for _, want := range []string{"line 2: hire_date: \"01/02/2024\"", "line 3: hire_date: \"2024-02-30\""} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to name %s", err, want)
		}
	}
	if _, err := Read(writeFile(t, "name,boss\nAna,Mia\n")); err == nil || !strings.Contains(err.Error(), "none of person, email, id") {
		t.Errorf("a file naming no one: error %v", err)
	}
}

func TestWriteReadsBack(t *testing.T) {
	entries := []Entry{{Line: 2, Person: "Ana, \"the\" rep", Email: "ana@acme.example", ID: "005A", Manager: "Mia",
		Title: "AE", HireDate: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}}
	var b strings.Builder
	if err := Write(&b, entries); err != nil {
		t.Fatal(err)
	}
	got, err := Read(writeFile(t, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, entries) {
		t.Errorf("read back %+v, wrote %+v", got, entries)
	}
}
