package pipedrive

// A broken export: API pages and CSV files with bad values among good
// ones. Every bad row must become a reject naming its file, line and
// field, and the good rows around it must load.

import (
	"fmt"
	"strings"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

const (
	brokenActivitiesCSV = "activities-8823014-90.csv"
	brokenDealsCSV      = "deals-8823014-91.csv"
)

// brokenUsers are the users of the broken export.
var brokenUsers = []string{"Sanne de Vries", "Bram Jansen", "Noor El Amrani", "Lucía Morales", "Diego Ruiz"}

func brokenExport(c *company) *fxExport {
	e := &fxExport{name: "broken"}
	var users []*fxUser
	for _, name := range brokenUsers {
		users = append(users, c.user(name))
	}
	e.files = append(e.files, brokenUsersFile(c, users), brokenHierarchy(c), brokenOrganizations(c, users),
		brokenActivitiesPage(c, users), brokenActivities(c, users), brokenDeals(c, users))
	return e
}

// with is a copy of o with key's value replaced.
func with(o obj, key string, v any) obj {
	out := append(obj(nil), o...)
	for i := range out {
		if out[i].k == key {
			out[i].v = v
			return out
		}
	}
	panic("fixture bug: no key " + key)
}

// brokenPage is a page of good items with bad ones planted among them.
type brokenPage struct {
	items   []any
	rejects map[int]string // item → field
}

func (p *brokenPage) good(item any) { p.items = append(p.items, item) }

func (p *brokenPage) bad(field string, item any) {
	if p.rejects == nil {
		p.rejects = map[int]string{}
	}
	p.rejects[len(p.items)] = field
	p.items = append(p.items, item)
}

func (p *brokenPage) file(name string, kind plugin.RecordKind) *fxFile {
	f := pageFile(name, kind, "", p.items, paginationV1(0, false))
	for i, field := range p.rejects {
		f.rows[i].RejectField = rejectOn(field)
	}
	return f
}

func brokenUsersFile(c *company, users []*fxUser) *fxFile {
	p := &brokenPage{}
	for i, u := range users {
		p.good(c.userV1(u))
		if i == 1 {
			p.bad("id", with(c.userV1(c.user("Pieter Claes")), "id", nil))
		}
	}
	p.bad("created", with(c.userV1(c.user("Camille Laurent")), "created", "gestern"))
	return p.file("users.json", plugin.KindUser)
}

func brokenHierarchy(c *company) *fxFile {
	t := &csvTableFx{columns: []string{"user", "manager"}}
	type row struct {
		user, manager, skip, reject string
	}
	email := func(name string) string { return c.user(name).email }
	rows := []row{
		{"Lucía Morales", "", skipTopOfHierarchy, ""},
		{email("Bram Jansen"), email("Sanne de Vries"), skipManagerMapping, ""},
		{"ghost@" + companyDomain, email("Sanne de Vries"), "", "user"},
		{email("Noor El Amrani"), "Noor El Amrani", "", "manager"},
		{"Bram Jansen", "Lucía Morales", "", "user"},
		{email("Sanne de Vries"), email("Bram Jansen"), "", "manager"},
		{email("Diego Ruiz"), email("Lucía Morales"), skipManagerMapping, ""},
	}
	for _, r := range rows {
		t.add(map[string]string{"user": r.user, "manager": r.manager})
	}
	data, lines := t.render(csvStyle{lineEnd: "\n"})
	f := &fxFile{name: hierarchyFileName, data: data, read: true}
	for i, r := range rows {
		fr := fxRow{line: lines[i], Outcome: connectortest.Outcome{Skip: r.skip}}
		if r.reject != "" {
			fr.RejectField = rejectOn(r.reject)
		}
		f.rows = append(f.rows, fr)
	}
	return f
}

// brokenOrgs are the organizations the broken export's users own.
func brokenOrgs(c *company, users []*fxUser) []*fxOrg {
	var out []*fxOrg
	for _, o := range c.orgs {
		for _, u := range users {
			if o.owner == u {
				out = append(out, o)
			}
		}
	}
	return out
}

func brokenOrganizations(c *company, users []*fxUser) *fxFile {
	p := &brokenPage{}
	for i, o := range brokenOrgs(c, users) {
		p.good(c.orgV1(o))
		if i == 2 {
			p.bad("owner_id", with(c.orgV1(c.org("Alpen Logistik AG")).(obj), "owner_id", []any{users[0].id, users[1].id}))
		}
	}
	return p.file("organizations.json", plugin.KindAccount)
}

// brokenActivitySource are the good activities of the broken export: the
// users' own, about their organizations (or none).
func brokenActivitySource(c *company, users []*fxUser, n int) []*fxActivity {
	owners := map[*fxUser]bool{}
	for _, u := range users {
		owners[u] = true
	}
	orgs := map[*fxOrg]bool{}
	for _, o := range brokenOrgs(c, users) {
		orgs[o] = true
	}
	var out []*fxActivity
	for _, a := range c.loadedActivities() {
		if owners[a.owner] && (a.org == nil || orgs[a.org]) && a.deal == nil && len(out) < n {
			out = append(out, a)
		}
	}
	return out
}

func brokenActivitiesPage(c *company, users []*fxUser) *fxFile {
	p := &brokenPage{}
	good := brokenActivitySource(c, users, 12)
	item := func(i int) obj { return c.activityV1(good[i]).(obj) }
	p.good(item(0))
	p.bad("due_date", with(item(1), "due_date", "2024-13-45"))
	p.good(item(2))
	p.bad("due_time", with(item(3), "due_time", "25:00"))
	p.bad("duration", with(item(4), "duration", "1h30"))
	p.good(item(5))
	p.bad("done", with(item(6), "done", "maybe"))
	p.bad("subject", with(item(7), "subject", obj{{"nl", "Klantbezoek"}, {"en", "Customer visit"}}))
	p.bad("", rawJSON(`"oops"`))
	p.bad("id", with(item(8), "id", nil))
	p.bad("attendees", with(item(9), "attendees", "ana.sousa@meridianfleet.example"))
	p.bad("marked_as_done_time", with(with(item(10), "done", 1), "marked_as_done_time", "04/12/2024 11:02"))
	p.good(item(11))
	return p.file("activities.json", plugin.KindActivity)
}

func brokenActivities(c *company, users []*fxUser) *fxFile {
	source := brokenActivitySource(c, users, 26)[12:]
	t := &csvTableFx{columns: activityColumnsCSV, mangle: map[int]func(string) string{}}
	var rejects []*string
	add := func(a *fxActivity, reject *string, column, value string) int {
		row := activitiesCSV([]*fxActivity{a}, pipedriveValues).rows[0]
		if column != "" {
			row[indexOf(t.columns, column)] = value
		}
		t.rows = append(t.rows, row)
		rejects = append(rejects, reject)
		return len(t.rows) - 1
	}
	good := func(i int) { add(source[i], nil, "", "") }
	bad := func(i int, column, value string) { add(source[i], rejectOn(column), column, value) }
	good(0)
	good(1)
	good(2)
	bad(3, "Activity - Due date", "31/12/2024")
	bad(4, "Activity - Due date", "60") // a serial date of 1900
	good(5)
	bad(6, "Activity - Assigned to user", "Max Mustermann")
	stray := add(source[7], rejectOn(""), "Activity - Subject", "Klantbezoek VdB")
	t.mangle[stray] = func(line string) string {
		return strings.Replace(line, `"Klantbezoek VdB"`, `"Klantbezoek "VdB""`, 1)
	}
	good(8)
	bad(9, "Activity - Done", "Maybe")
	bad(10, "Activity - Duration", "-00:30")
	bad(11, "Activity - Organization", "Acme Widgets BV")
	bad(12, "Activity - Due time", "9.30")
	good(13)
	f := csvFile(brokenActivitiesCSV, plugin.KindActivity, "", t, pipedriveCSV)
	for i, reject := range rejects {
		f.rows[i].RejectField = reject
	}
	return f
}

func brokenDeals(c *company, users []*fxUser) *fxFile {
	orgs := map[*fxOrg]bool{}
	for _, o := range brokenOrgs(c, users) {
		orgs[o] = true
	}
	var deals []*fxDeal
	for _, d := range c.deals {
		if orgs[d.org] && !d.deleted && userIn(d.owner, users) {
			deals = append(deals, d)
		}
	}
	saved := c.deals
	c.deals = deals
	t := c.dealsCSV()
	c.deals = saved
	rejects := make([]*string, len(t.rows))
	planted := map[int][2]string{1: {"Deal - Value", "12,5k"}, 3: {"Deal - Status", "pending"}}
	for i, p := range planted {
		if i >= len(t.rows) {
			panic(fmt.Sprintf("fixture bug: only %d deals", len(t.rows)))
		}
		t.rows[i][indexOf(t.columns, p[0])] = p[1]
		rejects[i] = rejectOn(p[0])
	}
	f := csvFile(brokenDealsCSV, plugin.KindOpportunity, "", t, pipedriveCSV)
	for i, field := range rejects {
		f.rows[i].RejectField = field
	}
	return f
}

func userIn(u *fxUser, users []*fxUser) bool {
	for _, x := range users {
		if x == u {
			return true
		}
	}
	return false
}
