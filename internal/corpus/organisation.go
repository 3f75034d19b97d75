package corpus

import (
	"fmt"
	"time"

	"github.com/salesaudit/salesaudit/internal/duckdb"
	"github.com/salesaudit/salesaudit/plugin"
)

// organisation is the company the cases happen in: a manager with as many
// direct reports and other colleagues as the busiest case needs, a key
// account and another, and one activity of the manager's per case. Each
// activity starts at a minute of its own on a day of its own language, so
// that no two look like one meeting logged twice or one mass e-mail send.
func organisation(cases []Case) []*duckdb.Batch {
	var reps, others int
	for _, c := range cases {
		reps, others = max(reps, c.Reps), max(others, c.Others)
	}
	mia := plugin.User{ID: "u-manager", Name: manager, Email: "mia@company.example", Active: true, Line: 2}
	users := []plugin.User{mia}
	repIDs := people(&users, "rep", reps, mia.ID)
	otherIDs := people(&users, "colleague", others, "")
	accounts := []plugin.Account{
		{ID: "a-key", Name: "Key Account Ltd", OwnerID: repIDs[0], Tier: "Tier 1", Line: 2},
		{ID: "a-other", Name: "Other Customer Ltd", OwnerID: repIDs[0], Line: 3},
	}
	batches := []*duckdb.Batch{{File: "users", Users: users}, {File: "accounts", Accounts: accounts}}
	byFile := map[string]*duckdb.Batch{}
	days := map[string]int{}
	for i, c := range cases {
		if _, ok := days[c.Lang]; !ok {
			days[c.Lang] = len(days)
		}
		if byFile[c.File] == nil {
			byFile[c.File] = &duckdb.Batch{File: c.File}
			batches = append(batches, byFile[c.File])
		}
		at := periodStart.AddDate(0, 0, days[c.Lang]).Add(8*time.Hour + time.Duration(i)*time.Minute)
		byFile[c.File].Activities = append(byFile[c.File].Activities, activity(c, at, repIDs, otherIDs))
	}
	return batches
}

// people adds n users named after role, reporting to managerID.
func people(users *[]plugin.User, role string, n int, managerID string) []string {
	ids := make([]string, max(n, 1))
	for i := range ids {
		id := fmt.Sprintf("u-%s-%d", role, i+1)
		ids[i] = id
		*users = append(*users, plugin.User{ID: id, Name: fmt.Sprintf("%s %d", role, i+1), ManagerID: managerID,
			Email: id + "@company.example", Active: true, Line: int64(len(*users) + 2)})
	}
	return ids
}

// activity is a case as a CRM would log it: the manager's, on its account,
// with its customer and colleagues as attendees.
func activity(c Case, at time.Time, repIDs, otherIDs []string) plugin.Activity {
	a := plugin.Activity{ID: fmt.Sprintf("%s-%d", c.File, c.Line), Kind: c.Kind, Subject: c.Subject, OwnerID: "u-manager",
		Line: int64(c.Line)}
	switch c.Kind {
	case plugin.ActivityTask:
		a.DueDate = at.Truncate(24 * time.Hour)
	default:
		a.StartAt = at
	}
	switch c.Account {
	case "key":
		a.AccountID = "a-key"
	case "other":
		a.AccountID = "a-other"
	}
	if c.Contact {
		a.Attendees = append(a.Attendees, plugin.Attendee{ContactID: "contact-" + a.ID, Name: "Customer Contact"})
	}
	if c.External {
		a.Attendees = append(a.Attendees, plugin.Attendee{Email: "guest-" + a.ID + "@outside.example"})
	}
	for _, id := range repIDs[:c.Reps] {
		a.Attendees = append(a.Attendees, plugin.Attendee{UserID: id, Internal: true})
	}
	for _, id := range otherIDs[:c.Others] {
		a.Attendees = append(a.Attendees, plugin.Attendee{UserID: id, Internal: true})
	}
	return a
}
