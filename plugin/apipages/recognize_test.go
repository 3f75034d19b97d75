package apipages

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// table is a collection known by its name and its records' key.
type table struct {
	name, key string
	rank      int
}

func (t table) RecordKind() plugin.RecordKind { return plugin.KindActivity }
func (t table) Rank() int                     { return t.rank }

var (
	callsTable = table{"calls", "callid", 1}
	usersTable = table{"users", "userid", 0}
)

func testRecognizer() Recognizer[table] {
	named := func(stem string) (table, bool) {
		for _, t := range []table{callsTable, usersTable} {
			if strings.EqualFold(stem, t.name) {
				return t, true
			}
		}
		return table{}, false
	}
	return Recognizer[table]{
		Keys:  []string{"value"},
		Named: named,
		Fits:  func(t table, members map[string]bool) bool { return members[t.key] },
		ByMembers: func(members map[string]bool) (table, bool) {
			if members["userid"] {
				return usersTable, true
			}
			return table{}, false
		},
		ByHead: func(members map[string]json.RawMessage) (table, bool) {
			var context string
			if json.Unmarshal(members["@context"], &context) != nil {
				return table{}, false
			}
			return named(context)
		},
	}
}

func TestRecognizerKnowsPagesByTheSurestSign(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"export-1.json":    `{"@context": "calls", "value": [{"CallId": "1"}]}`,
		"Calls_page2.json": `{"value": [{"callid": "2"}]}`,
		"Calls_page3.json": `{"value": [{"callid": "3"`,
		"Calls_page4.json": ``,
		"people.json":      `{"value": [{"userid": "u"}]}`,
		"Users.json":       `{"value": [{"userid": "u"}], "@context": "calls"}`,
		"notes.json":       `{"value": [{"noteid": "n"}]}`,
		"calls-5.json":     `{"paging": {}}`,
		"calls-6.json":     `{"value": []}`,
		"Calls_page7.json": `{"value": [{"userid": "u2"}]}`,
		"readme.txt":       `{"value": [{"callid": "x"}]}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := export.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	describe := func(rc Recognizer[table]) []string {
		pages, err := rc.Find(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pages {
			got = append(got, p.Name+"="+p.Of.name+"/"+[]string{"?", "empty", "name", "members", "name+members", "head"}[p.How])
		}
		return got
	}
	// Users first (rank 0), then calls by page number.
	want := "Calls_page7.json=users/members people.json=users/members Users.json=users/name+members Calls_page2.json=calls/name+members " +
		"Calls_page3.json=calls/name Calls_page4.json=calls/name calls-6.json=calls/name+members export-1.json=calls/head"
	if got := strings.Join(describe(testRecognizer()), " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	rc := testRecognizer()
	rc.EmptyFiles, rc.NamesDecide = true, true
	want = "people.json=users/members Users.json=users/name+members Calls_page2.json=calls/name+members Calls_page3.json=calls/name " +
		"Calls_page4.json=calls/empty calls-6.json=calls/name+members export-1.json=calls/head"
	if got := strings.Join(describe(rc), " "); got != want {
		t.Errorf("with EmptyFiles and NamesDecide:\ngot  %s\nwant %s", got, want)
	}
}

func TestReadHeadStopsAtTheFirstRecord(t *testing.T) {
	dir := t.TempDir()
	text := `{"@odata.context": "x", "value": [{"a": 1}, {"b": ` // cut short after the first record
	if err := os.WriteFile(filepath.Join(dir, "p.json"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := export.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	f, _ := src.Find("p.json")
	head, err := ReadHead(src, f, []string{"value"})
	if err != nil || string(head.Members["@odata.context"]) != `"x"` || string(head.First) != `{"a": 1}` {
		t.Errorf("%+v, %v", head, err)
	}
}
