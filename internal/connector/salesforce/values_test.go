package salesforce

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

func TestParseDateTime(t *testing.T) {
	want := time.Date(2026, 2, 3, 9, 30, 15, 0, time.UTC)
	for _, v := range []string{"2026-02-03 09:30:15", "2026-02-03T09:30:15.000Z", "2026-02-03T09:30:15Z",
		"2026-02-03T09:30:15.000+0000", "2026-02-03T10:30:15.000+01:00"} {
		got, ok := parseDateTime(v)
		if !ok || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("parseDateTime(%q) = %v, %v; want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"2026-02-30 09:00:00", "03/02/2026 09:30", "2026-02-03 25:00:00", "yesterday", "2026-02-03T09:30"} {
		if _, ok := parseDateTime(v); ok {
			t.Errorf("parseDateTime(%q) accepted a bad value", v)
		}
	}
}

// The Data Export forms are read without time.Parse; they must accept and
// give exactly what it would.
func TestParseDataExportAgreesWithTimeParse(t *testing.T) {
	values := []string{
		"2024-02-29", "2023-02-29", "2026-12-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31",
		"0000-01-01", "9999-12-31", "2026-1-011", "2026/01/01", "2026-01-0a", "+026-01-01", "2026-01-01 ",
		"2026-06-30 23:59:59", "2026-06-30 24:00:00", "2026-06-30 23:60:00", "2026-06-30 23:59:60",
		"2026-06-30 00:00:00", "2026-06-30 1:00:000", "2026-06-30 10-00-00", "2026-06-30T10:00:00",
		"2026-06-31 10:00:00", "1900-02-29 10:00:00", "2000-02-29 10:00:00", "2026-06-30 -1:00:00",
		"2026-06-30  9:15:00", "2026-06-30 9:15:00",
	}
	for _, v := range values {
		layout := layoutDataExport
		if len(v) == len(layoutDate) {
			layout = layoutDate
		}
		want, err := time.Parse(layout, v)
		got, ok := parseDataExport(v)
		if ok != (err == nil) || ok && !got.Equal(want) {
			t.Errorf("parseDataExport(%q) = %v, %v; time.Parse gives %v, %v", v, got, ok, want, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, v := range []string{"2026-03-31", "2026-03-31 00:00:00", "2026-03-31T00:00:00.000Z"} {
		if got, ok := parseDate(v); !ok || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v", v, got, ok)
		}
	}
	for _, v := range []string{"31/03/2026", "2026-03-31 12:00:00", "2026-02-30"} {
		if _, ok := parseDate(v); ok {
			t.Errorf("parseDate(%q) accepted a bad value", v)
		}
	}
}

// rowOf is a one-row table, for testing value readers.
func rowOf(values ...string) (*row, func(i int) column) {
	r := &row{Row: csvfile.Row{Line: 2, Fields: values}}
	return r, func(i int) column { return column{name: "F", index: i} }
}

func TestRowValues(t *testing.T) {
	r, col := rowOf("1", "TRUE", "false", "0", "", "000000000000000AAA", "000000000000000", "0035g000000hx7PAAQ", "125000.50", "30.0")
	for i, want := range []bool{true, true, false, false, false} {
		if got := r.boolean(col(i)); got != want {
			t.Errorf("boolean(%q) = %v", r.Fields[i], got)
		}
	}
	for i, want := range map[int]string{4: "", 5: "", 6: "", 7: "0035g000000hx7PAAQ", -1: ""} {
		if got := r.id(col(i)); got != want {
			t.Errorf("id(%d) = %q, want %q", i, got, want)
		}
	}
	if n := r.number(col(8)); n == nil || *n != 125000.5 {
		t.Errorf("number = %v", n)
	}
	if n := r.number(col(4)); n != nil {
		t.Errorf("an empty number is %v, want nil", *n)
	}
	if n := r.count(col(9)); n != 30 {
		t.Errorf("count(30.0) = %d", n)
	}
	if r.err != nil {
		t.Fatalf("unexpected error %v", r.err)
	}

	for _, bad := range []struct {
		value string
		read  func(r *row, c column)
	}{
		{"yes", func(r *row, c column) { r.boolean(c) }},
		{"12,5k", func(r *row, c column) { r.number(c) }},
		{"NaN", func(r *row, c column) { r.number(c) }},
		{"-30", func(r *row, c column) { r.count(c) }},
		{"1.5", func(r *row, c column) { r.count(c) }},
		{"2026-13-01", func(r *row, c column) { r.date(c) }},
		{"", func(r *row, c column) { r.requiredID(c) }},
		{"000000000000000AAA", func(r *row, c column) { r.requiredID(c) }},
	} {
		r, col := rowOf(bad.value)
		bad.read(r, col(0))
		if r.err == nil || r.err.Field != "F" {
			t.Errorf("%q was read without an error naming the field: %v", bad.value, r.err)
		}
	}
}

func TestTaskKind(t *testing.T) {
	tests := []struct {
		subtype, typ, subject string
		want                  plugin.ActivityKind
	}{
		{"Email", "", "Re: quote", plugin.ActivityEmail},
		{"ListEmail", "Other", "Newsletter", plugin.ActivityEmail},
		{"Call", "", "Nabellen", plugin.ActivityCall},
		{"Cadence", "Call", "Step 2", plugin.ActivityCall},
		{"Task", "Meeting", "Meeting notes", plugin.ActivityMeeting},
		{"Task", "Email", "Send deck", plugin.ActivityEmail},
		{"Task", "Other", "Send proposal", plugin.ActivityTask},
		{"Task", "", "Email: Proposal", plugin.ActivityEmail},
		{"", "", "EMAIL: lower or upper", plugin.ActivityEmail},
		{"", "Call", "Email: but a call", plugin.ActivityCall},
		{"", "", "Expense report", plugin.ActivityTask},
	}
	for _, tt := range tests {
		if got := taskKind(tt.subtype, tt.typ, tt.subject); got != tt.want {
			t.Errorf("taskKind(%q, %q, %q) = %s, want %s", tt.subtype, tt.typ, tt.subject, got, tt.want)
		}
	}
}

func TestDeriveManagers(t *testing.T) {
	roles := map[string]role{
		"manager": {name: "Manager"}, "rep": {name: "Rep", parentID: "manager"},
		"shared": {name: "Shared"}, "repOfShared": {name: "Rep", parentID: "shared"},
		"vacant": {name: "Vacant", parentID: "manager"}, "repOfVacant": {name: "Rep", parentID: "vacant"},
		"emptyTop": {name: "Nobody"}, "orphan": {name: "Rep", parentID: "emptyTop"},
		"loopA": {name: "A", parentID: "loopB"}, "loopB": {name: "B", parentID: "loopA"},
	}
	users := []pendingUser{
		{plugin.User{ID: "m", Active: true}, "manager"},
		{plugin.User{ID: "old", Active: false}, "manager"},
		{plugin.User{ID: "r1", Active: true}, "rep"},
		{plugin.User{ID: "r2", Active: true, ManagerID: "explicit"}, "rep"},
		{plugin.User{ID: "s2", Active: true}, "shared"},
		{plugin.User{ID: "s1", Active: true}, "shared"},
		{plugin.User{ID: "r3", Active: true}, "repOfShared"},
		{plugin.User{ID: "r4", Active: true}, "repOfVacant"},
		{plugin.User{ID: "r5", Active: true}, "orphan"},
		{plugin.User{ID: "r6", Active: true}, "loopA"},
	}
	deriveManagers(users, roles)
	type want struct {
		manager, from string
		candidates    []string
	}
	wants := map[string]want{
		"m": {}, "old": {}, "s1": {}, "s2": {}, "r5": {}, "r6": {},
		"r1": {"m", plugin.ManagerFromRoleHierarchy, nil},
		"r2": {"explicit", plugin.ManagerFromField, nil},
		// Two hold the parent role: both are candidates, in ID order.
		"r3": {"", plugin.ManagerFromRoleHierarchy, []string{"s1", "s2"}},
		// Nobody holds the parent role: the holder of the one above it.
		"r4": {"m", plugin.ManagerFromRoleHierarchy, nil},
	}
	for _, u := range users {
		w := wants[u.user.ID]
		if u.user.ManagerID != w.manager || u.user.ManagerFrom != w.from || !slices.Equal(u.user.ManagerCandidates, w.candidates) {
			t.Errorf("%s: manager %q from %q, candidates %q; want %q from %q, candidates %q", u.user.ID,
				u.user.ManagerID, u.user.ManagerFrom, u.user.ManagerCandidates, w.manager, w.from, w.candidates)
		}
	}
}

func TestSalesforcesOwnUsersAreNotPeople(t *testing.T) {
	for _, c := range []struct {
		name, email string
		system      bool
	}{
		{"Integration User", "integration@00d5g000004abcd.ext", true},
		{"Security User", "noreply@salesforce.com", true},
		{"SalesforceIQ Integration", "insightsintegration@example.com", true},
		{"Automated Process", "", true},
		{"Ana Pérez", "noreply@salesforce.com", true},
		{"Ana Pérez", "ana.perez@acme.example", false},
		{"Integrity Lopez", "integrity@acme.example", false},
	} {
		if _, got := systemUser(c.name, c.email); got != c.system {
			t.Errorf("systemUser(%q, %q) = %v, want %v", c.name, c.email, got, c.system)
		}
	}
}

// TestMessagesSayWhatIsWrongWithANumberOrADate: 2^63-1 is too large, not
// "not a whole number"; year 1 is an unset date, not an empty value.
func TestMessagesSayWhatIsWrongWithANumberOrADate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ header, value, want string }{
		{"CallDurationInSeconds", "9223372036854775807", "is too large: want a whole number from 0 to 2147483647"},
		{"CallDurationInSeconds", "12.5", "is not a whole number of zero or more"},
		{"CompletedDateTime", "0001-01-01 00:00:00", "is the first instant of year 1, an unset date"},
	} {
		r := &row{Row: csvfile.Row{Line: 2, Fields: []string{c.value}}}
		col := column{index: 0, name: c.header}
		if c.header == "CallDurationInSeconds" {
			r.count(col)
		} else {
			r.datetime(col)
		}
		if r.err == nil || !strings.Contains(r.err.Error(), c.want) {
			t.Errorf("%s %q: %v, want %q", c.header, c.value, r.err, c.want)
		}
	}
}
