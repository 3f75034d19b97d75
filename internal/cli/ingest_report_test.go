package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

// Counts on the ingest's screen are written one way: with thousands
// separators from five digits on, in the table, the reasons for skipped
// rows and the records line alike.
func TestTheIngestReportWritesCountsAlike(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	files := []duckdb.FileResult{{
		File: "EventRelation.csv", RowsRead: 438112, RowsLoaded: 282931,
		RowsSkipped: map[string]int64{"a \"what\" relation": 155181},
	}}
	if err := writeFileTable(&out, files); err != nil {
		t.Fatal(err)
	}
	records := recordCounts(map[plugin.RecordKind]int64{plugin.KindAccount: 4270, plugin.KindAttendee: 282931})
	text := out.String() + records
	checkReportHas(t, text, "438,112", "282,931", "EventRelation.csv: 155,181 a \"what\" relation", "4270 accounts", "282,931 attendees")
	if strings.Contains(text, "155181") {
		t.Errorf("a count is written without separators:\n%s", text)
	}
}

// A file that mixed encodings or kept C1 bytes is named with its counts;
// one read in a single encoding is not.
func TestTheIngestReportSaysHowMixedFilesWereDecoded(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	files := []duckdb.FileResult{
		{File: "Account.csv", RowsRead: 1240, RowsLoaded: 1240,
			Decoding: plugin.Decoding{UTF8Lines: 37, SingleByteLines: 12030, SingleByte: "windows-1252", C1Kept: 2}},
		{File: "Task.csv", RowsRead: 9, RowsLoaded: 9,
			Decoding: plugin.Decoding{SingleByteLines: 9, SingleByte: "windows-1252", C1Kept: 1}},
		{File: "User.csv", RowsRead: 4, RowsLoaded: 4, Decoding: plugin.Decoding{SingleByteLines: 4, SingleByte: "windows-1252"}},
	}
	if err := writeFileTable(&out, files); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	checkReportHas(t, text, "Account.csv: mixed encodings: 12,030 lines windows-1252, 37 lines UTF-8, 2 C1 bytes kept",
		"Task.csv: 9 lines windows-1252, 1 C1 byte kept")
	if strings.Contains(text, "User.csv:") {
		t.Errorf("a file read in one encoding is mentioned:\n%s", text)
	}
}

// The Windows-1252 export with UTF-8 lines and a code page 850 byte loads
// whole, the ingest says which files mixed encodings, and the store keeps
// the counts for the audit's data quality.
func TestIngestOfAMixedEncodingExport(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "sa.duckdb")
	r := run(t, "ingest", "--db", db, "--connector", "salesforce",
		filepath.Join("..", "..", "testdata", "salesforce", "latam-mixed")).mustSucceed(t)
	for _, want := range []string{"Decoded line by line:", "Account.csv: mixed encodings:", "1 C1 byte kept"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the ingest report lacks %q:\n%s", want, r.stdout)
		}
	}
	_, decoded, _ := strings.Cut(r.stdout, "Decoded line by line:")
	decoded, _, _ = strings.Cut(decoded, "\n\n")
	if strings.Contains(decoded, "UserRole.csv:") {
		t.Errorf("a file read in one encoding is mentioned:\n%s", decoded)
	}
	if n := dbCount(t, db, "SELECT count(*) FROM accounts WHERE name IN ('COMERCIALIZADORA TEQUENDAMA', 'Importadora M\u0081ller Hnos.')"); n != 2 {
		t.Errorf("%d of the two accounts written otherwise loaded as written", n)
	}
	if n := dbCount(t, db, `SELECT count(*) FROM ingest_files WHERE file = 'Account.csv'
		AND utf8_lines > 0 AND single_byte_lines > 0 AND single_byte_encoding = 'windows-1252' AND c1_bytes_kept = 1`); n != 1 {
		t.Errorf("Account.csv's decoding was not stored")
	}
	// The audit's data quality says it too, from the stored counts.
	var rep struct {
		Managers    []orgManager
		DataQuality struct {
			Mixed int64     `json:"lines_utf8_in_single_byte_files"`
			C1    int64     `json:"c1_bytes_kept"`
			Notes []orgNote `json:"organisation_notes"`
		} `json:"data_quality"`
	}
	out := run(t, "report", "--db", db, "--format", "json").mustSucceed(t).stdout
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	utf8Lines := dbCount(t, db, "SELECT sum(utf8_lines) FROM ingest_files WHERE single_byte_lines > 0")
	if rep.DataQuality.Mixed != utf8Lines || utf8Lines == 0 || rep.DataQuality.C1 != 1 {
		t.Errorf("data quality: %+v; want %d lines read as UTF-8 in single-byte files and 1 C1 byte", rep.DataQuality, utf8Lines)
	}
	checkLatamOrganisation(t, rep.Managers, rep.DataQuality.Notes)
}

// orgManager and orgNote are what the organisation checks read of a JSON
// report's managers and organisation notes.
type orgManager struct {
	Name, Level string
	Team        []string
	TeamFrom    []string `json:"team_from"`
}

type orgNote struct {
	Kind, Subject string
	People        []string
}

// checkLatamOrganisation: the export's org chart is in its roles (issue
// #12's real export). Two directors hold the leadership role; the Bogotá
// manager meets one of them and goes to her; the Peruvian country
// manager, whose reps are not users, goes to the first by ID and is a
// titled manager with no team; the country managers share a mailbox and
// stay two people.
func checkLatamOrganisation(t *testing.T, managers []orgManager, notes []orgNote) {
	t.Helper()
	var got []string
	for _, m := range managers {
		got = append(got, fmt.Sprintf("%s %s %s from %s", m.Name, m.Level, strings.Join(m.Team, "+"), strings.Join(m.TeamFrom, "+")))
	}
	want := []string{
		"Andrés Cárdenas first_line Camila Muñoz Téllez+Julián Peñaloza from manager_field+role_hierarchy",
		"Valentina Ríos Ochoa second_line Andrés Cárdenas+Lucía Quispe Mamani from role_hierarchy",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("managers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var said []string
	for _, n := range notes {
		said = append(said, n.Kind+": "+n.Subject+": "+strings.Join(n.People, "+"))
	}
	wantNotes := []string{
		"manager_among_role_holders: Andrés Cárdenas: Rodrigo Salazar Vega+Valentina Ríos Ochoa",
		"manager_among_role_holders: Lucía Quispe Mamani: Rodrigo Salazar Vega+Valentina Ríos Ochoa",
		"shared_mailbox: gerencia.ventas@andina-suministros.example: Andrés Cárdenas+Lucía Quispe Mamani",
		"titled_manager_without_team: Director Comercial LatAm: Rodrigo Salazar Vega",
		"titled_manager_without_team: Gerente País Perú: Lucía Quispe Mamani",
	}
	if strings.Join(said, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("organisation notes:\n%s\nwant:\n%s", strings.Join(said, "\n"), strings.Join(wantNotes, "\n"))
	}
}

// checkReportHas wants every one of wants in the report's text.
func checkReportHas(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
}
