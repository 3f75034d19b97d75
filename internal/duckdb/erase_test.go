package duckdb

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// TestErasingAPersonLeavesNoTextThatNamesThem: after ErasePerson no text
// column of any table holds the person's ID, e-mail or name, and what is
// not theirs stays.
func TestErasingAPersonLeavesNoTextThatNamesThem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTestDB(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	users := []plugin.User{
		{ID: "005MIA", Name: "Mia Manager", Email: "mia@acme.example", Active: true, Line: 2},
		{ID: "005ANA", Name: "Ana Lima", Email: "Ana.Lima@acme.example", ManagerID: "005MIA", Active: true, Line: 3},
		{ID: "005BEN", Name: "Ben Okafor", ManagerID: "005ANA", Active: true, Line: 4},
	}
	accounts := []plugin.Account{{ID: "001A", Name: "Acme", OwnerID: "005ANA", Line: 2}}
	activities := []plugin.Activity{
		{ID: "00U1", Kind: plugin.ActivityMeeting, Subject: "Visit Acme", OwnerID: "005ANA", AccountID: "001A", StartAt: at, Line: 2,
			Attendees: []plugin.Attendee{{UserID: "005MIA", Internal: true}}},
		{ID: "00U2", Kind: plugin.ActivityMeeting, Subject: "1:1 Ana Lima", OwnerID: "005MIA", StartAt: at, Line: 3,
			Attendees: []plugin.Attendee{{UserID: "005ANA", Internal: true}, {Email: "ana.lima@acme.example", Name: "Ana Lima"}}},
	}
	if err := db.LoadMemory(ctx, "crm", Run{Connector: "test", Input: "test", StartedAt: at},
		&Batch{File: "User.csv", Users: users}, &Batch{File: "Account.csv", Accounts: accounts},
		&Batch{File: "Event.csv", Activities: activities}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO rejects (source, run_id, file, line, field, reason, raw, kind)
		VALUES ('crm', 1, 'Task.csv', 9, 'OwnerId', 'bad', '00T9,005ANA,Call ANA.LIMA@ACME.EXAMPLE', 'activity')`); err != nil {
		t.Fatal(err)
	}

	erased, err := db.ErasePerson(ctx, "ana.lima@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	if erased.People != 1 || erased.Activities != 1 || erased.Attendances != 2 || erased.Redacted != 4 {
		t.Errorf("erased %+v; want 1 person, 1 activity, 2 attendances, and 4 quotes redacted (Ben's manager, the account's owner, the 1:1's subject, the rejected line)", erased)
	}
	var kept int
	if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM users WHERE id IN ('005MIA', '005BEN')").Scan(&kept); err != nil || kept != 2 {
		t.Errorf("%d of Mia and Ben left (%v), want both", kept, err)
	}
	for _, term := range []string{"005ANA", "ana.lima@acme.example", "Ana Lima"} {
		if where, err := db.TextColumnsHolding(ctx, term); err != nil || len(where) > 0 {
			t.Errorf("%q is still in %v (%v)", term, where, err)
		}
	}
	var subject string
	if err := db.SQL().QueryRowContext(ctx, "SELECT subject FROM activities WHERE id = '00U2'").Scan(&subject); err != nil || subject != "1:1 [erased]" {
		t.Errorf("the manager's 1:1 is %q (%v), want it kept with the name erased", subject, err)
	}
	if _, err := db.ErasePerson(ctx, "nobody@acme.example"); err == nil || !strings.Contains(err.Error(), "nobody@acme.example") {
		t.Errorf("erasing someone unknown: %v", err)
	}
}

// TestErasingAPersonByIDReachesTheirOtherSourcesAndTheirFirstName: the
// CRM user erased by ID is also the user their calendar made of them (the
// same address, named "Lima, Ana"), and a subject naming them by first
// name alone loses it (as written or in capitals); a team mailbox two
// users share widens nothing, and a colleague's name and e-mail that hold
// the same letters stay whole.
func TestErasingAPersonByIDReachesTheirOtherSourcesAndTheirFirstName(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTestDB(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	crm := []plugin.User{
		{ID: "005MIA", Name: "Mia Manager", Email: "mia@acme.example", Active: true, Line: 2},
		{ID: "005ANA", Name: "Ana Lima", Email: "ana.lima@acme.example", ManagerID: "005MIA", Active: true, Line: 3},
		{ID: "005TIM", Name: "Tim Ward", Email: "sales@acme.example", ManagerID: "005MIA", Active: true, Line: 4},
		{ID: "005ZOE", Name: "Zoe Ng", Email: "sales@acme.example", ManagerID: "005MIA", Active: true, Line: 5},
		{ID: "005ANN", Name: "Anabel Ward", Email: "ana.ward@acme.example", ManagerID: "005MIA", Active: true, Line: 6},
	}
	meetings := []plugin.Activity{
		{ID: "00U1", Kind: plugin.ActivityMeeting, Subject: "One-on-one with Ana", OwnerID: "005MIA", StartAt: at, Line: 2},
		{ID: "00U2", Kind: plugin.ActivityMeeting, Subject: "Coaching Lima Ana, then Anabel", OwnerID: "005MIA", StartAt: at, Line: 3},
	}
	calendar := []plugin.User{{ID: "ana.lima@acme.example", Name: "Lima, Ana", Email: "ana.lima@acme.example", Active: true, Line: 1}}
	if err := db.LoadMemory(ctx, "crm", Run{Connector: "test", Input: "test", StartedAt: at},
		&Batch{File: "User.csv", Users: crm}, &Batch{File: "Event.csv", Activities: meetings}); err != nil {
		t.Fatal(err)
	}
	if err := db.LoadMemory(ctx, "calendar", Run{Connector: "test", Input: "test", StartedAt: at},
		&Batch{File: "ana.ics", Users: calendar}); err != nil {
		t.Fatal(err)
	}

	if _, err := db.ErasePerson(ctx, "005ANA"); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM users WHERE lower(email) = 'ana.lima@acme.example'").Scan(&left); err != nil || left != 0 {
		t.Errorf("%d user rows with Ana's address left (%v), want none: her calendar's too", left, err)
	}
	checkSubjects(t, db, map[string]string{"00U1": "One-on-one with [erased]", "00U2": "Coaching [erased] [erased], then Anabel"})
	// Tim shares the team mailbox with Zoe: erasing him is not erasing her.
	if _, err := db.ErasePerson(ctx, "005TIM"); err != nil {
		t.Fatal(err)
	}
	var kept int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM users
		WHERE id = '005ZOE' AND email = 'sales@acme.example' AND name = 'Zoe Ng'
		   OR id = '005ANN' AND email = 'ana.ward@acme.example' AND name = 'Anabel Ward'`).Scan(&kept); err != nil || kept != 2 {
		t.Errorf("%d of Zoe and Anabel kept whole (%v), want both", kept, err)
	}
}

// TestErasingAPersonSparesWordsThatAreNotTheirsAlone: of an erased name,
// the particles, a word another person's name has too, and a word the
// name shares with the language in lower case ("will") stay in the
// subjects; the name as written goes.
func TestErasingAPersonSparesWordsThatAreNotTheirsAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openTestDB(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	users := []plugin.User{
		{ID: "005MIA", Name: "Mia Manager", Email: "mia@acme.example", Active: true, Line: 2},
		{ID: "005WIL", Name: "Will van der Berg", Email: "will.vanderberg@acme.example", ManagerID: "005MIA", Active: true, Line: 3},
		{ID: "005MAR", Name: "Marta Berg", Email: "marta.berg@acme.example", ManagerID: "005MIA", Active: true, Line: 4},
	}
	meetings := []plugin.Activity{
		{ID: "00U1", Kind: plugin.ActivityMeeting, Subject: "Angebot der Firma van Dijk; will call Will", OwnerID: "005MIA", StartAt: at, Line: 2},
		{ID: "00U2", Kind: plugin.ActivityMeeting, Subject: "Visit with Berg, WILL to follow", OwnerID: "005MIA", StartAt: at, Line: 3},
	}
	if err := db.LoadMemory(ctx, "crm", Run{Connector: "test", Input: "test", StartedAt: at},
		&Batch{File: "User.csv", Users: users}, &Batch{File: "Event.csv", Activities: meetings}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ErasePerson(ctx, "005WIL"); err != nil {
		t.Fatal(err)
	}
	checkSubjects(t, db, map[string]string{
		"00U1": "Angebot der Firma van Dijk; will call [erased]",
		"00U2": "Visit with Berg, [erased] to follow",
	})
}

// checkSubjects wants the activities' subjects, by ID, to be want's.
func checkSubjects(t *testing.T, db *DB, want map[string]string) {
	t.Helper()
	for id, subject := range want {
		var got string
		if err := db.SQL().QueryRow("SELECT subject FROM activities WHERE id = ?", id).Scan(&got); err != nil || got != subject {
			t.Errorf("subject of %s is %q (%v), want %q", id, got, err, subject)
		}
	}
}
