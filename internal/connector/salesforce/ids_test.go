package salesforce

import (
	"testing"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

// idPairs are 15- and 18-character forms of one ID as published, each
// suffix worked out by hand in the comment (blocks of five; the mask of
// capitals, first character lowest bit; spelt A–Z then 0–5).
var idPairs = []struct{ id15, id18, source string }{
	// 00U20|00000|1Rx6d: U is third (4: E); none (A); R second (2: C).
	{"00U20000001Rx6d", "00U20000001Rx6dEAC", "Salesforce developer forums, 906F00000008jkQIAQ (an event in a report and the API)"},
	// a0D30|00000|1n7Pi: D third (4: E); none (A); P fourth (8: I).
	{"a0D30000001n7Pi", "a0D30000001n7PiEAI", "gammone.com, how to convert a Salesforce ID from 15 to 18 chars"},
	// 00190|00000|B98de: none (A); none (A); B first (1: B).
	{"0019000000B98de", "0019000000B98deAAB", "theblogreaders.com, the difference between a 15 and an 18 digit ID"},
	// 003G0|00001|SUbc4: G fourth (8: I); none (A); S, U first and second (3: D).
	{"003G000001SUbc4", "003G000001SUbc4IAD", "the salesforce_id gem's README"},
	// 001A0|00000|6Vm9r: A fourth (8: I); none (A); V second (2: C).
	{"001A0000006Vm9r", "001A0000006Vm9rIAC", "salesforcelearn.blogspot.com, what a Salesforce ID is composed of"},
	// 0055g|00000|0odUx: none (A); none (A); U fourth (8: I). The review's
	// export (Olivia Brown's user ID).
	{"0055g000000odUx", "0055g000000odUxAAI", "the 18-character Id of User.csv in the reviewed export"},
}

func TestCaseSafeIDAddsTheSuffixToA15CharacterID(t *testing.T) {
	for _, p := range idPairs {
		if got, ok := caseSafeID(p.id15); got != p.id18 || !ok {
			t.Errorf("caseSafeID(%q) = %q, %v; want %q (%s)", p.id15, got, ok, p.id18, p.source)
		}
	}
}

func TestCaseSafeIDKeepsAnIDInItsOwnCase(t *testing.T) {
	for _, p := range idPairs {
		if got, ok := caseSafeID(p.id18); got != p.id18 || !ok {
			t.Errorf("caseSafeID(%q) = %q, %v; want it unchanged", p.id18, got, ok)
		}
	}
}

// A tool that ignores case may have upper- or lower-cased an 18-character
// ID: the suffix still says which letters are capitals.
func TestCaseSafeIDRestoresTheCaseItsSuffixRecords(t *testing.T) {
	tests := []struct{ written, want string }{
		{"00U20000001RX6DEAC", "00U20000001Rx6dEAC"},
		{"003g000001subc4iad", "003G000001SUbc4IAD"},
		{"A0D30000001N7PIEAI", "a0D30000001n7PiEAI"},
		{"0055G000000ODUXaai", "0055g000000odUxAAI"},
		{"000000000000000aaa", nullID},
	}
	for _, tt := range tests {
		if got, ok := caseSafeID(tt.written); got != tt.want || !ok {
			t.Errorf("caseSafeID(%q) = %q, %v; want %q", tt.written, got, ok, tt.want)
		}
	}
}

func TestCaseSafeIDKeepsWhatIsNotAnIDAsItIs(t *testing.T) {
	for _, v := range []string{
		"", "Olivia Brown", "0055g000000odU", "0055g000000odUxAA", "0055g000000odUxAAIX",
		"0055g-00000odUx", "0055g000000odUxAA9", // not base 62, a suffix character past 5
		"0019000000B98deAAC", // C marks "9", a digit, as a capital
		"00U20000001Rx6dEAB", // B marks "1" as a capital
		"0055g000000odÜ",     // 15 bytes, not 15 characters of base 62
	} {
		if got, ok := caseSafeID(v); got != v || ok {
			t.Errorf("caseSafeID(%q) = %q, %v; want it kept as it is", v, got, ok)
		}
	}
}

func TestRowIDReadsBothFormsAndTheNullSentinel(t *testing.T) {
	r, col := rowOf(" 0055g000000odUx ", "0055G000000ODUXAAI", "000000000000000", "000000000000000AAA", "legacy-42")
	for i, want := range []string{"0055g000000odUxAAI", "0055g000000odUxAAI", "", "", "legacy-42"} {
		if got := r.id(col(i)); got != want {
			t.Errorf("id(%q) = %q, want %q", r.Fields[i], got, want)
		}
	}
}

// mixedIDExport is a Data Loader export (UPPERCASE headers, true/false,
// ISO 8601, 18-character IDs) into which IDs were pasted as people find
// them: Olivia's 15-character ID from her user page's address as Noah's
// ManagerId, 15-character IDs from a report in a task and an event, and a
// contact's ID a spreadsheet upper-cased.
var mixedIDExport = map[string]string{
	"User.csv": "\"ID\",\"FIRSTNAME\",\"LASTNAME\",\"ISACTIVE\",\"MANAGERID\"\r\n" +
		"\"0055g000000odUxAAI\",\"Olivia\",\"Brown\",\"true\",\"\"\r\n" +
		"\"0055g000000odV3AAI\",\"Noah\",\"Smith\",\"true\",\"0055g000000odUx\"\r\n",
	"Opportunity.csv": "\"ID\",\"ACCOUNTID\",\"OWNERID\",\"NAME\",\"STAGENAME\",\"AMOUNT\"\r\n" +
		"\"0065g000000nwH4AAI\",\"0015g000000oNC1AAM\",\"0055g000000odV3AAI\",\"Harrow – MRO contract\",\"Closed Won\",\"48000\"\r\n",
	"Task.csv": "\"ID\",\"OWNERID\",\"WHATID\",\"WHOID\",\"SUBJECT\",\"ACTIVITYDATE\"\r\n" +
		"\"00T5g000000pnbbEAA\",\"0055g000000odV3\",\"0065g000000nwH4\",\"0035G000000JAX4AAI\",\"Email: Quote\",\"2026-02-04\"\r\n",
	"Event.csv": "\"ID\",\"OWNERID\",\"SUBJECT\",\"STARTDATETIME\",\"DURATIONINMINUTES\"\r\n" +
		"\"00U5g000000c43d\",\"0055g000000odUx\",\"1:1 Noah\",\"2026-02-02T09:00:00.000Z\",\"30\"\r\n",
	"EventRelation.csv": "\"ID\",\"EVENTID\",\"RELATIONID\",\"ISINVITEE\",\"ISWHAT\",\"STATUS\"\r\n" +
		"\"0RE5g000000v1nmGAA\",\"00U5g000000c43dEAA\",\"0055g000000odV3AAI\",\"true\",\"false\",\"Accepted\"\r\n",
}

// The suffixes below are worked out by hand: 0055g|00000|0odV3 (V fourth:
// AAI), 0065g|00000|0nwH4 (H fourth: AAI), 0035g|00000|0jaX4 (X fourth:
// AAI), 00U5g|00000|0c43d (U third: EAA).
func TestReadMatchesIDsWrittenInEitherForm(t *testing.T) {
	got, _ := readFixture(t, connectortest.TempDir(t, mixedIDExport), nil)
	if len(got.Rejected) != 0 {
		t.Fatalf("rejects: %v", got.Rejected)
	}
	users := map[string]plugin.User{}
	for _, u := range got.Users {
		users[u.Name] = u
	}
	if noah := users["Noah Smith"]; noah.ManagerID != "0055g000000odUxAAI" || noah.ManagerFrom != plugin.ManagerFromField {
		t.Errorf("Noah's manager = %q (%s), want Olivia, 0055g000000odUxAAI", noah.ManagerID, noah.ManagerFrom)
	}
	activities := map[string]plugin.Activity{}
	for _, a := range got.Activities {
		activities[a.Subject] = a
	}
	task := activities["Email: Quote"]
	if task.OwnerID != "0055g000000odV3AAI" || task.OpportunityID != "0065g000000nwH4AAI" ||
		len(task.Attendees) != 1 || task.Attendees[0].ContactID != "0035g000000jaX4AAI" {
		t.Errorf("task: owner %q, opportunity %q, attendees %+v", task.OwnerID, task.OpportunityID, task.Attendees)
	}
	event := activities["1:1 Noah"]
	if event.ID != "00U5g000000c43dEAA" || event.OwnerID != "0055g000000odUxAAI" {
		t.Errorf("event %q owned by %q", event.ID, event.OwnerID)
	}
	if len(got.Attendees) != 1 || got.Attendees[0].ActivityID != "00U5g000000c43dEAA" || got.Attendees[0].UserID != "0055g000000odV3AAI" {
		t.Errorf("attendees %+v, want Noah at the 1:1", got.Attendees)
	}
}
