package plugintest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

var priorities = map[plugin.Priority]bool{
	plugin.PriorityNone: true, plugin.PriorityHigh: true, plugin.PriorityNormal: true, plugin.PriorityLow: true,
}

// validate lists what is wrong with the records read: missing IDs, unknown
// kinds, times out of order, records of kinds the connector did not
// declare.
func validate(got *Collector, info plugin.Info) []string {
	var problems []string
	add := func(format string, args ...any) {
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	declared := map[plugin.RecordKind]bool{}
	for _, k := range info.Kinds {
		declared[k] = true
	}
	counts := map[plugin.RecordKind]int{
		plugin.KindUser: len(got.Users), plugin.KindAccount: len(got.Accounts),
		plugin.KindOpportunity: len(got.Opportunities), plugin.KindActivity: len(got.Activities),
		plugin.KindAttendee: len(got.Attendees),
	}
	for kind, n := range counts {
		if n > 0 && !declared[kind] {
			add("streamed %d %s records, a kind Info does not declare", n, kind)
		}
	}
	for _, u := range got.Users {
		if u.ID == "" {
			add("a user at line %d has no ID", u.Line)
		}
		if u.Name == "" && u.Email == "" {
			add("user %s has neither a name nor an e-mail", u.ID)
		}
		if !u.LeftAt.IsZero() && !u.JoinedAt.IsZero() && u.LeftAt.Before(u.JoinedAt) {
			add("user %s left (%s) before joining (%s)", u.ID, u.LeftAt, u.JoinedAt)
		}
	}
	for _, a := range got.Accounts {
		if a.ID == "" {
			add("an account at line %d has no ID", a.Line)
		}
	}
	for _, o := range got.Opportunities {
		if o.ID == "" {
			add("an opportunity at line %d has no ID", o.Line)
		}
		if o.IsWon && !o.IsClosed {
			add("opportunity %s is won but not closed", o.ID)
		}
	}
	for _, a := range got.Activities {
		problems = append(problems, activityProblems(a)...)
	}
	for _, at := range got.Attendees {
		if at.ActivityID == "" {
			add("an attendee at line %d names no activity", at.Line)
		}
	}
	return problems
}

func activityProblems(a plugin.Activity) []string {
	var out []string
	if a.ID == "" {
		out = append(out, fmt.Sprintf("an activity at line %d has no ID", a.Line))
	}
	if !slices.Contains(plugin.ActivityKinds, a.Kind) {
		out = append(out, fmt.Sprintf("activity %s has unknown kind %q", a.ID, a.Kind))
	}
	if !priorities[a.Priority] {
		out = append(out, fmt.Sprintf("activity %s has unknown priority %q", a.ID, a.Priority))
	}
	if a.StartAt.IsZero() && a.DueDate.IsZero() && a.CompletedAt.IsZero() {
		out = append(out, fmt.Sprintf("activity %s has no time at all (start, due or completion)", a.ID))
	}
	if !a.EndAt.IsZero() && a.EndAt.Before(a.StartAt) {
		out = append(out, fmt.Sprintf("activity %s ends (%s) before it starts (%s)", a.ID, a.EndAt, a.StartAt))
	}
	if a.DurationSeconds < 0 {
		out = append(out, fmt.Sprintf("activity %s has a negative duration", a.ID))
	}
	for _, t := range []time.Time{a.StartAt, a.EndAt, a.DueDate, a.CompletedAt} {
		if !t.IsZero() && t.Location() != time.UTC {
			out = append(out, fmt.Sprintf("activity %s has a time not in UTC", a.ID))
			break
		}
	}
	for _, at := range a.Attendees {
		if at.UserID == "" && at.ContactID == "" && at.Email == "" && at.Name == "" {
			out = append(out, fmt.Sprintf("activity %s has an attendee with no user, contact, e-mail or name", a.ID))
		}
	}
	return out
}

// danglingReferences lists references to records of a kind the connector
// streams that are not among them.
func danglingReferences(got *Collector) []string {
	users, accounts, activities := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, u := range got.Users {
		users[u.ID] = true
	}
	for _, a := range got.Accounts {
		accounts[a.ID] = true
	}
	for _, a := range got.Activities {
		activities[a.ID] = true
	}
	var out []string
	ref := func(set map[string]bool, id, what string) {
		if id != "" && len(set) > 0 && !set[id] {
			out = append(out, what+" "+id)
		}
	}
	for _, u := range got.Users {
		ref(users, u.ManagerID, "manager of user "+u.ID+":")
	}
	for _, a := range got.Accounts {
		ref(users, a.OwnerID, "owner of account "+a.ID+":")
	}
	for _, o := range got.Opportunities {
		ref(users, o.OwnerID, "owner of opportunity "+o.ID+":")
		ref(accounts, o.AccountID, "account of opportunity "+o.ID+":")
	}
	for _, a := range got.Activities {
		ref(users, a.OwnerID, "owner of activity "+a.ID+":")
		ref(accounts, a.AccountID, "account of activity "+a.ID+":")
		for _, at := range a.Attendees {
			ref(users, at.UserID, "attendee of activity "+a.ID+":")
		}
	}
	for _, at := range got.Attendees {
		ref(activities, at.ActivityID, "activity of attendee at line "+fmt.Sprint(at.Line)+":")
		ref(users, at.UserID, "user of attendee at line "+fmt.Sprint(at.Line)+":")
	}
	return out
}

// truncatedCopies copies input (a file or a directory, not an archive)
// with each file cut in the middle of a line, as an interrupted download
// would leave it: one copy per file, the others intact.
func truncatedCopies(t *testing.T, input string) []string {
	t.Helper()
	info, err := os.Stat(input)
	if err != nil {
		t.Fatalf("fixture %s: %v", input, err)
	}
	if !info.IsDir() {
		return []string{truncateFile(t, input, filepath.Join(t.TempDir(), filepath.Base(input)))}
	}
	entries, err := os.ReadDir(input)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, cut := range entries {
		if cut.IsDir() {
			continue
		}
		dir := t.TempDir()
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			src, dst := filepath.Join(input, e.Name()), filepath.Join(dir, e.Name())
			if e.Name() == cut.Name() {
				truncateFile(t, src, dst)
			} else {
				copyFile(t, src, dst)
			}
		}
		out = append(out, dir)
	}
	return out
}

func truncateFile(t *testing.T, src, dst string) string {
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// Cut a little past the middle, inside a line or a JSON value.
	cut := len(data)/2 + 7
	if cut > len(data) {
		cut = len(data)
	}
	if err := os.WriteFile(dst, data[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func copyFile(t *testing.T, src, dst string) {
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
