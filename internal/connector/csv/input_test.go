package csv

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/plugintest"
)

func readError(t *testing.T, path string, options map[string]string) error {
	t.Helper()
	_, _, err := plugintest.ReadAll(t, New(), plugin.ReadRequest{Path: path, Options: options})
	if err == nil {
		t.Fatalf("reading %s succeeded; want an error", path)
	}
	return err
}

const usersMapping = `files:
  - file: users.csv
    kind: user
    fields:
      id: Id
      name: Name
      email: {column: E-mail}
`

func TestHeaderProblemsNameTheMappingLineAndTheCSV(t *testing.T) {
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName: usersMapping,
		"users.csv":     "ID,Full name\nu1,Ana\n",
	})
	_, err := planDir(t, dir)
	var invalid *InvalidMappingError
	if !errors.As(err, &invalid) || len(invalid.Problems) != 2 {
		t.Fatalf("err = %v", err)
	}
	p := invalid.Problems[0]
	if p.Line != 6 || p.CSV != "users.csv" ||
		!strings.Contains(p.Error(), `line 6: column "Name" (field name) is not in the header of users.csv; its columns are ID, Full name`) {
		t.Errorf("problem = %+v: %s", p, p.Error())
	}
	if p := invalid.Problems[1]; p.Line != 7 || !strings.Contains(p.Message, `column "E-mail" (field email)`) {
		t.Errorf("problem = %s", p.Error())
	}
}

// planDir opens dir with its mapping and plans the read.
func planDir(t *testing.T, dir string) ([]*boundFile, error) {
	t.Helper()
	in, err := openInput(dir, "")
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return in.plan()
}

func TestHeaderWithTheWrongDelimiterGetsAHint(t *testing.T) {
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName: "defaults:\n  delimiter: \",\"\n" + usersMapping,
		"users.csv":     "Id;Name;E-mail\nu1;Ana;ana@example.com\n",
	})
	_, err := planDir(t, dir)
	if err == nil || !strings.Contains(err.Error(), `(one column: is the delimiter ";"?)`) {
		t.Errorf("err = %v", err)
	}
}

func TestFilesAndPatterns(t *testing.T) {
	users := "Id,Name,E-mail\nu1,Ana,ana@example.com\n"
	cases := []struct {
		name    string
		mapping string
		files   map[string]string
		want    string // a problem, or "" for a valid plan
	}{
		{"a pattern that matches nothing", usersMapping, map[string]string{"team.csv": users},
			`line 2: file "users.csv" matches no file of`},
		{"unless optional", strings.Replace(usersMapping, "kind: user", "kind: user\n    optional: true", 1) +
			"  - file: team.csv\n    kind: user\n    fields: {id: Id, name: Name}\n", map[string]string{"team.csv": users}, ""},
		{"a glob, ignoring case", strings.Replace(usersMapping, "users.csv", "USERS-*.csv", 1),
			map[string]string{"users-2026-01.csv": users, "Users-2026-02.CSV": users}, ""},
		{"a file matched twice", usersMapping + "  - file: \"*.csv\"\n    kind: user\n    fields: {id: Id, name: Name}\n",
			map[string]string{"users.csv": users}, "users.csv is matched by two entries of files: of user records (lines 2 and 8)"},
		{"a file read as two kinds", usersMapping + "  - file: \"*.csv\"\n    kind: account\n    fields: {id: Id, name: Name}\n",
			map[string]string{"users.csv": users}, ""},
		{"an empty file", usersMapping, map[string]string{"users.csv": ""}, "users.csv is empty: it has no header row"},
		{"a header only", usersMapping, map[string]string{"users.csv": "Id,Name,E-mail\n"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.files[MappingFileName] = c.mapping
			_, err := planDir(t, connectortest.TempDir(t, c.files))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("err = %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestGlobsReadEveryMatchingFile(t *testing.T) {
	users := "Id,Name,E-mail\nu1,Ana,ana@example.com\n"
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName:     strings.Replace(usersMapping, "users.csv", "users-*.csv", 1),
		"users-a.csv":       users,
		"users-b.csv":       strings.Replace(users, "u1", "u2", 1),
		"unrelated.csv":     "x\n1\n",
		"notes-on-data.txt": "not a CSV at all",
	})
	got, summary := readInput(t, dir, nil)
	if len(got.Users) != 2 || len(summary.Files) != 2 {
		t.Errorf("users %v, files %+v", got.Users, summary.Files)
	}
}

func TestDelimiters(t *testing.T) {
	const mapping = `files:
  - file: activities.csv
    kind: activity
    fields:
      id: Id
      kind: {value: call}
      subject: Subject
      start_at: Start
`
	rows := [][]string{{"Id", "Subject", "Start"}, {"a1", "Hello, world", "2026-01-05 10:00"}, {"a2", `Quoted "x"; with the delimiter`, "2026-01-05 11:00"}}
	for name, delimiter := range map[string]string{"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"} {
		for _, declared := range []string{"auto", name} {
			t.Run(name+"/"+declared, func(t *testing.T) {
				dir := connectortest.TempDir(t, map[string]string{
					MappingFileName:  "defaults:\n  delimiter: " + declared + "\n" + mapping,
					"activities.csv": csvText(rows, delimiter),
				})
				got, _ := readInput(t, dir, nil)
				if len(got.Activities) != 2 || got.Activities[0].Subject != "Hello, world" || got.Activities[1].Subject != `Quoted "x"; with the delimiter` {
					t.Errorf("activities = %+v", got.Activities)
				}
			})
		}
	}
}

// csvText writes rows with the delimiter, quoting as Excel does.
func csvText(rows [][]string, delimiter string) string {
	var b strings.Builder
	for _, row := range rows {
		for i, field := range row {
			if i > 0 {
				b.WriteString(delimiter)
			}
			if strings.ContainsAny(field, `",;|`+"\t") {
				field = `"` + strings.ReplaceAll(field, `"`, `""`) + `"`
			}
			b.WriteString(field)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func TestRejectsQuoteTheRowAsWritten(t *testing.T) {
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName: "defaults:\n  delimiter: \";\"\n" + strings.Replace(usersMapping, "name: Name", "name: Name\n      joined_at: Joined", 1),
		"users.csv":     "Id;Name;E-mail;Joined\nu1;Ruiz, Ana;ana@example.com;soon\nu2;\"Okafor; Ben\n",
	})
	got, _ := readInput(t, dir, nil)
	if len(got.Rejected) != 2 {
		t.Fatalf("rejects = %+v", got.Rejected)
	}
	if r := got.Rejected[0]; r.Raw != "u1;Ruiz, Ana;ana@example.com;soon" || r.Field != "joined_at" || r.Line != 2 {
		t.Errorf("reject = %+v", r)
	}
	if r := got.Rejected[1]; r.Raw != `u2;"Okafor; Ben` || r.Line != 3 {
		t.Errorf("malformed = %+v", r)
	}
}

func TestASingleCSVFile(t *testing.T) {
	// Beside its mapping, a file is read on its own.
	got, summary := readInput(t, fixturePath("vandijk", "medewerkers.csv"), nil)
	if len(got.Users) != 15 || len(summary.Files) != 1 {
		t.Errorf("%d users from %d files", len(got.Users), len(summary.Files))
	}
	// With the mapping option, from anywhere.
	dir := t.TempDir()
	copyTo(t, fixturePath("sheets", "team.csv"), filepath.Join(dir, "team.csv"))
	got, _ = readInput(t, filepath.Join(dir, "team.csv"), map[string]string{"mapping": fixturePath("sheets", MappingFileName)})
	if len(got.Users) != 7 {
		t.Errorf("%d users", len(got.Users))
	}
	err := readError(t, fixturePath("vandijk", "klanten.csv"), map[string]string{"mapping": fixturePath("sheets", MappingFileName)})
	if !strings.Contains(err.Error(), "klanten.csv matches none of the mapping's file patterns") {
		t.Errorf("err = %v", err)
	}
}

func TestTheMappingOptionWinsOverTheDirectorys(t *testing.T) {
	dir := connectortest.TempDir(t, map[string]string{
		MappingFileName: "this: is not the mapping in use\n",
		"users.csv":     "Id,Name,E-mail\nu1,Ana,ana@example.com\n",
	})
	other := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(other, []byte(usersMapping), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := readInput(t, dir, map[string]string{"mapping": other})
	if len(got.Users) != 1 {
		t.Errorf("users = %+v", got.Users)
	}
}

func TestAZipArchive(t *testing.T) {
	archive := connectortest.ZipDir(t, fixturePath("vandijk"), "Export Van Dijk/")
	res, err := New().Check(context.Background(), archive)
	if err != nil || !res.Accepted || len(res.Files) != 5 || !strings.Contains(res.Reason, "export.zip/Export Van Dijk/"+MappingFileName) {
		t.Errorf("Check = %+v, %v", res, err)
	}
	_, summary := readInput(t, archive, nil)
	want := map[string]plugin.FileSummary{}
	for name, f := range vanDijkExport().expectedSummary() {
		f.File = "Export Van Dijk/" + name
		want[f.File] = f
	}
	connectortest.CheckSummary(t, summary, want)
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.WriteFile(dst, readFile(t, src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTheEncodingOptionOverridesTheMapping(t *testing.T) {
	err := readError(t, fixturePath("vandijk"), map[string]string{"encoding": "utf-8"})
	if !strings.Contains(err.Error(), "medewerkers.csv line 8: byte 0xFC is not valid utf-8") {
		t.Errorf("err = %v", err)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	err := readError(t, fixturePath("vandijk"), map[string]string{"mappping": "x.yaml"})
	if !strings.Contains(err.Error(), "unknown option mappping (the csv connector knows mapping and encoding)") {
		t.Errorf("err = %v", err)
	}
	err = readError(t, fixturePath("vandijk"), map[string]string{"encoding": "ebcdic"})
	if !strings.Contains(err.Error(), "option encoding") {
		t.Errorf("err = %v", err)
	}
	err = readError(t, fixturePath("vandijk"), map[string]string{"mapping": "/no/such/mapping.yaml"})
	if !strings.Contains(err.Error(), "reading the mapping") {
		t.Errorf("err = %v", err)
	}
}

func TestWithoutAMapping(t *testing.T) {
	err := readError(t, t.TempDir(), nil)
	if !strings.Contains(err.Error(), "has no "+MappingFileName) || !strings.Contains(err.Error(), "mapping init") {
		t.Errorf("err = %v", err)
	}
}
