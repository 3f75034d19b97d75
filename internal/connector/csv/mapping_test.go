package csv

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// problemsOf parses a mapping that must be invalid and returns its
// problems.
func problemsOf(t *testing.T, yaml string) []*MappingError {
	t.Helper()
	_, err := parseMapping("m.yaml", []byte(yaml))
	var invalid *InvalidMappingError
	if !errors.As(err, &invalid) {
		t.Fatalf("parseMapping = %v, want an *InvalidMappingError", err)
	}
	return invalid.Problems
}

// minimal is a valid mapping that the cases below break one way each.
const minimal = `files:
  - file: users.csv
    kind: user
    fields:
      id: Id
      name: Name
`

func TestMinimalMappingIsValid(t *testing.T) {
	m, err := parseMapping("m.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.files) != 1 || m.files[0].fields["id"].column != "Id" || !m.files[0].fields["id"].required {
		t.Errorf("mapping = %+v", m.files[0])
	}
}

func TestMappingProblemsNameTheirLine(t *testing.T) {
	cases := []struct {
		name string
		yaml string
		line int
		want string
	}{
		{"YAML syntax", "files:\n  - file: [users.csv\n", 0, "not valid YAML near line 1"},
		{"empty", "# nothing yet\n", 0, "the mapping is empty"},
		{"not a mapping", "- users.csv\n", 1, "must be a mapping"},
		{"unknown top-level key", "file: users.csv\n" + minimal, 1, `unknown key "file" (known: defaults, files)`},
		{"no files", "defaults:\n  decimal: \",\"\n", 1, "has no files: list"},
		{"files not a list", "files:\n  users.csv: user\n", 2, "files must be a list"},
		{"no file name", "files:\n  - kind: user\n    fields: {id: Id, name: Name}\n", 2, "has no file:"},
		{"bad glob", "files:\n  - file: \"users[.csv\"\n    kind: user\n    fields: {id: Id, name: Name}\n", 2, "not a valid glob"},
		{"no kind", "files:\n  - file: users.csv\n    fields: {id: Id}\n", 2, "has no kind:"},
		{"unknown kind", "files:\n  - file: users.csv\n    kind: person\n    fields: {id: Id}\n", 3, `unknown kind "person"`},
		{"unknown file key", strings.Replace(minimal, "    kind: user\n", "    kind: user\n    header_row: 2\n", 1), 4, `unknown key "header_row"`},
		{"no fields", "files:\n  - file: users.csv\n    kind: user\n", 2, "has no fields:"},
		{"unknown field", minimal + "      phone: Phone\n", 7, `"phone" is not a field of a user (its fields: id, name, email`},
		{"field given twice", minimal + "      name: Full name\n", 7, `"name" is given twice (first at line 6)`},
		{"unknown field key", minimal + "      email: {colum: Email}\n", 7, `field email: unknown key "colum" (known: column, value, default`},
		{"empty column", minimal + "      email:\n", 7, "field email is empty"},
		{"column and value", minimal + "      email: {column: Email, value: x@example.com}\n", 7, "either column: or value:, not both"},
		{"neither column nor value", minimal + "      email: {default: x@example.com}\n", 7, "say where the value comes from"},
		{"map on a constant", minimal + "      title: {value: Rep, values: {Rep: Seller}}\n", 7, "value: is the same for every row"},
		{"strict and otherwise", minimal + "      title: {column: T, values: {A: B}, strict: true, otherwise: C}\n", 7, "give one or the other"},
		{"strict without values", minimal + "      title: {column: T, strict: true}\n", 7, "the values: map, which is missing"},
		{"strict not a boolean", minimal + "      title: {column: T, values: {A: B}, strict: maybe}\n", 7, "strict must be true or false"},
		{"values key twice", minimal + "      active: {column: A, values: {Ja: true, ja: true}}\n", 7, `"ja" is listed twice`},
		{"value that does not fit", minimal + "      active: {column: A, values: {Ja: perhaps}}\n", 7, `"perhaps" is neither true`},
		{"constant that does not fit", minimal + "      joined_at: {value: soon}\n", 7, `"soon" is not a valid date or time`},
		{"format on text", minimal + "      title: {column: T, format: upper}\n", 7, "format: applies only to dates, times and durations"},
		{"bad date format", minimal + "      joined_at: {column: J, format: DD/MM}\n", 7, `"DD/MM" does not give a year, month and day`},
		{"time zone on text", minimal + "      title: {column: T, time_zone: UTC}\n", 7, "time_zone: applies only to dates and times"},
		{"unknown time zone", minimal + "      joined_at: {column: J, time_zone: Mars/Olympus}\n", 7, `unknown time zone "Mars/Olympus"`},
		{"decimal on a date", minimal + "      joined_at: {column: J, decimal: \",\"}\n", 7, "decimal: applies only to numbers"},
		{"match on a plain field", minimal + "      title: {column: T, match: name}\n", 7, "match: applies only to fields that refer"},
		{"unknown match", minimal + "      manager_id: {column: M, match: initials}\n", 7, "match must be id, name or email"},
		{"placeholder left", minimal + "      email: <column of the user's e-mail>\n", 7, "the template's placeholder"},
		{"required unknown", minimal + "    required: [phone]\n", 7, `required: "phone" is not a field of a user`},
		{"required unmapped", minimal + "    required: [email]\n", 7, "required: email is not mapped"},
		{"skip without values", minimal + "    skip:\n      - column: Deleted\n", 8, "a skip rule needs a column: and the values:"},
		{"unknown encoding", "defaults:\n  encoding: ebcdic\n" + minimal, 2, `unknown encoding "ebcdic"`},
		{"unknown delimiter", "defaults:\n  delimiter: \"#\"\n" + minimal, 2, `unknown delimiter "#"`},
		{"bad decimal", "defaults:\n  decimal: \"'\"\n" + minimal, 2, `decimal must be "." or ","`},
		{"word both true and false", "defaults:\n  booleans: {true: [Ja, J], false: [Nee, j]}\n" + minimal, 2, `"J" is both true and false`},
		{"unknown booleans key", "defaults:\n  booleans: {yes: [Ja]}\n" + minimal, 2, `unknown key "yes" (known: true, false)`},
		{"user without name or e-mail", "files:\n  - file: u.csv\n    kind: user\n    fields: {id: Id}\n", 2, "map name or email"},
		{"record without id", "files:\n  - file: a.csv\n    kind: account\n    fields: {name: Name}\n", 2, "map id: every account needs one"},
		{"activity without kind", "files:\n  - file: a.csv\n    kind: activity\n    fields: {id: Id, start_at: Start}\n", 2, "map kind"},
		{"activity without time", "files:\n  - file: a.csv\n    kind: activity\n    fields: {id: Id, kind: {value: call}}\n", 2, "map start_at or due_date or completed_at"},
		{"two durations", "files:\n  - file: a.csv\n    kind: activity\n    fields:\n      id: Id\n      kind: {value: call}\n      start_at: S\n      duration_minutes: M\n      duration_seconds: S\n", 9, "map only one of duration_seconds, duration_minutes"},
		{"duration without format", "files:\n  - file: a.csv\n    kind: activity\n    fields:\n      id: Id\n      kind: {value: call}\n      start_at: S\n      duration: D\n", 8, "say how the duration is written with format:"},
		{"bad duration format", "files:\n  - file: a.csv\n    kind: activity\n    fields:\n      id: Id\n      kind: {value: call}\n      start_at: S\n      duration: {column: D, format: days}\n", 8, `unknown duration format "days"`},
		{"attendee without anyone", "files:\n  - file: a.csv\n    kind: attendee\n    fields: {activity_id: A}\n", 2, "map user_id or contact_id or email or name"},
		{"e-mail match for an account", "files:\n  - file: o.csv\n    kind: opportunity\n    fields: {id: Id, account_id: {column: A, match: email}}\n", 4, "only users are matched by email"},
		{"name match without the records", "files:\n  - file: a.csv\n    kind: account\n    fields: {id: Id, owner_id: {column: O, match: name}}\n", 4, "no file of user records maps their name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems := problemsOf(t, c.yaml)
			for _, p := range problems {
				if p.Line == c.line && strings.Contains(p.Message, c.want) {
					if !strings.HasPrefix(p.Error(), "m.yaml") {
						t.Errorf("%q does not name the mapping file", p.Error())
					}
					return
				}
			}
			t.Errorf("want a problem at line %d saying %q; got:\n%s", c.line, c.want, (&InvalidMappingError{Problems: problems}).Error())
		})
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	_, err := parseMapping(filepath.Join(fixturesRoot, "bad-mapping", MappingFileName), readFile(t, fixturePath("bad-mapping", MappingFileName)))
	var invalid *InvalidMappingError
	if !errors.As(err, &invalid) {
		t.Fatalf("err = %v", err)
	}
	// The lines marked "problem" in the fixture.
	want := []int{3, 4, 11, 12, 17, 19, 20, 22}
	var got []int
	for _, p := range invalid.Problems {
		got = append(got, p.Line)
		if !strings.Contains(p.Error(), filepath.Join("bad-mapping", MappingFileName)+" line ") {
			t.Errorf("%q does not name the mapping file and line", p.Error())
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems at lines %v, want %v:\n%v", got, want, err)
	}
}

func TestLongProblemListsAreCut(t *testing.T) {
	yaml := minimal
	for i := 0; i < 30; i++ {
		yaml += "      phone" + strings.Repeat("x", i) + ": P\n"
	}
	msg := (&InvalidMappingError{Problems: problemsOf(t, yaml)}).Error()
	if n := strings.Count(msg, "\n"); n != maxProblemsShown || !strings.HasSuffix(msg, "… and 10 more") {
		t.Errorf("%d lines, ending %q", n, msg[len(msg)-20:])
	}
}

func TestYAMLAliasesAreFollowed(t *testing.T) {
	yaml := `defaults:
  booleans: &yesno {true: [Sí], false: ["No"]}
files:
  - file: users.csv
    kind: user
    booleans: *yesno
    fields: {id: Id, name: Name, active: Activo}
`
	m, err := parseMapping("m.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.files[0].settings.booleans.yes; !slices.Equal(got, []string{"Sí"}) {
		t.Errorf("booleans.true = %v", got)
	}
}

func TestSettingsCascade(t *testing.T) {
	yaml := `defaults:
  time_zone: Europe/Berlin
  decimal: ","
  date_format: DD.MM.YYYY
files:
  - file: a.csv
    kind: account
    decimal: "."
    fields:
      id: Id
      annual_revenue: {column: R, decimal: ","}
  - file: o.csv
    kind: opportunity
    time_zone: Europe/Lisbon
    fields:
      id: Id
      created_at: {column: C, time_zone: Asia/Tokyo, format: unix-ms}
      close_date: D
`
	m, err := parseMapping("m.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	accounts, deals := m.files[0], m.files[1]
	if accounts.settings.decimal != '.' || accounts.fields["annual_revenue"].decimal != ',' || deals.settings.decimal != ',' {
		t.Error("decimal: the file's overrides the defaults', the field's the file's")
	}
	if deals.settings.location.String() != "Europe/Lisbon" || deals.fields["created_at"].location.String() != "Asia/Tokyo" ||
		accounts.settings.location.String() != "Europe/Berlin" {
		t.Error("time_zone: the file's overrides the defaults', the field's the file's")
	}
	if f := deals.fields["close_date"].timeFormats; len(f) != 1 || f[0].layout != "02.01.2006" {
		t.Errorf("close_date formats = %+v, want the defaults'", f)
	}
	if f := deals.fields["created_at"].timeFormats; len(f) != 1 || f[0].number != unixMillis {
		t.Errorf("created_at formats = %+v", f)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
