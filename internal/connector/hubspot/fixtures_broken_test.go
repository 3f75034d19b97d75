package hubspot

// testdata/hubspot/broken: an export in both forms whose bad records must
// become rejects naming the file, the line and the field (as the file
// names it), while the good ones around them load. Every file stays
// readable: a page that is not valid JSON is an error, not a reject (see
// TestReadTruncatedPageIsAnError).

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/crmexport/hubspotapi"
	"github.com/salesaudit/salesaudit/plugin"
)

func brokenExport() *fixtureExport {
	c := generateCompany()
	e := &fixtureExport{dir: "broken"}
	e.files = append(e.files, brokenOwners(c), brokenHierarchy(c))
	e.files = append(e.files, brokenCompanies(c), brokenDeals(c))
	e.files = append(e.files, brokenMeetings(c), brokenCalls(c))
	calls, tasks := brokenUIExports(c)
	e.files = append(e.files, calls, tasks)
	return e
}

func field(name string) *string { return &name }

// brokenOwners is an owners page, indented so that each owner has its
// line, with owners that cannot be users.
func brokenOwners(c *company) generatedFile {
	var records []pageRecord
	for _, o := range c.owners {
		records = append(records, pageRecord{value: ownerJSON(o), expect: expectation{id: o.id}})
	}
	noID := ownerJSON(c.owners[0])
	noID.ID, noID.Email = "", "former.intern@brightwave.example"
	records = append(records, pageRecord{value: noID, expect: expectation{reject: true, rejectField: "id"}})
	nameless := ownerJSON(c.owners[1])
	nameless.ID, nameless.FirstName, nameless.LastName, nameless.Email = "412999001", "", "", ""
	records = append(records, pageRecord{value: nameless, expect: expectation{reject: true, rejectField: "email"}})
	records = append(records, pageRecord{
		raw:    `{"id": "412999002", "email": "queue@brightwave.example", "type": "QUEUE", "firstName": "Inbound", "lastName": "Queue", "archived": false}`,
		expect: expectation{skip: skipNotPerson + "QUEUE"},
	})
	records = append(records, pageRecord{
		raw:    `{"id": "412999003", "email": "ops@brightwave.example", "firstName": "Ops", "createdAt": "last week", "archived": false}`,
		expect: expectation{reject: true, rejectField: "createdAt"},
	})
	data, expects := renderPage(records, "owners", "", 100, false)
	return generatedFile{name: "owners.json", data: data, kind: plugin.KindUser, records: expects}
}

// brokenHierarchy is a manager mapping with the mistakes people make in
// one: unknown people, someone their own manager, a second manager.
func brokenHierarchy(c *company) generatedFile {
	rows := []struct {
		owner, manager string
		expect         expectation
	}{
		{c.byKey["sofie"].email, "", expectation{skip: skipHierarchyRow}},
		{c.byKey["pieter"].id, c.byKey["sofie"].id, expectation{skip: skipHierarchyRow}},
		{"Katrin Müller", "Sofie Vermeulen", expectation{skip: skipHierarchyRow}},
		{c.byKey["joris"].email, "pieter.de.vries@brightwave.example", expectation{reject: true, rejectField: "Manager"}},
		{c.byKey["emma"].email, c.byKey["emma"].email, expectation{reject: true, rejectField: "Manager"}},
		{"someone.else@brightwave.example", c.byKey["pieter"].email, expectation{reject: true, rejectField: "Owner"}},
		{c.byKey["pieter"].email, c.byKey["katrin"].email, expectation{reject: true, rejectField: "Owner"}},
		{"", c.byKey["pieter"].email, expectation{reject: true, rejectField: "Owner"}},
		{c.byKey["lotte"].email, c.byKey["pieter"].email, expectation{skip: skipHierarchyRow}},
	}
	var b strings.Builder
	// Headers as someone typed them in a spreadsheet: matched whatever the
	// case.
	b.WriteString("Owner,Manager\r\n")
	f := generatedFile{name: hierarchyFileName, kind: plugin.KindUser}
	for i, r := range rows {
		b.WriteString(r.owner + "," + r.manager + "\r\n")
		r.expect.line = int64(i + 2)
		f.records = append(f.records, r.expect)
	}
	f.data = []byte(b.String())
	return f
}

func brokenCompanies(c *company) generatedFile {
	records := companyRecords(c.companies[:6])
	bad := func(i int, property, value string) {
		rec := records[i].value.(hubspotapi.Object)
		bad := map[string]string{property: value}
		if property == "id" {
			bad["hs_object_id"] = value // or the connector would find the ID there
		}
		records[i].value = withBad(rec, bad)
		records[i].expect.reject, records[i].expect.rejectField = true, property
	}
	bad(1, "annualrevenue", "1.2M")
	bad(3, "id", "")
	bad(4, "annualrevenue", "480.000.000")
	data, expects := renderPage(records, "objects/companies", "", 100, false)
	return generatedFile{name: "companies-page-1.json", data: data, kind: plugin.KindAccount, records: expects}
}

func brokenDeals(c *company) generatedFile {
	records := dealRecords(c.deals[:8])
	bad := func(i int, property, value string) {
		records[i].value = withBad(records[i].value.(hubspotapi.Object), map[string]string{property: value})
		records[i].expect.reject, records[i].expect.rejectField = true, property
	}
	bad(0, "closedate", "31/03/2026")
	bad(2, "amount", "€12.000")
	bad(5, "hs_is_closed_won", "maybe")
	data, expects := renderPage(records, "objects/deals", "", 100, false)
	return generatedFile{name: "deals-page-1.json", data: data, kind: plugin.KindOpportunity, records: expects}
}

// copyActivities copies activities so that the broken fixture can spoil
// them without touching the company's.
func copyActivities(list []*fxActivity) []*fxActivity {
	out := make([]*fxActivity, len(list))
	for i, a := range list {
		cp := *a
		out[i] = &cp
	}
	return out
}

func spoil(a *fxActivity, field string, values map[string]string) {
	a.bad, a.rejectField = values, &field
}

func brokenMeetings(c *company) generatedFile {
	list := copyActivities(c.activities["meetings"][:12])
	for _, a := range list {
		a.outcome = "COMPLETED" // a canceled meeting would be skipped before its values are read
	}
	list[1].end = list[1].at.Add(-30 * time.Minute)
	list[1].rejectField = field("hs_meeting_end_time")
	spoil(list[3], "hs_timestamp", map[string]string{"hs_timestamp": "", "hs_meeting_start_time": "", "hs_meeting_end_time": ""})
	spoil(list[5], "hs_meeting_start_time", map[string]string{"hs_meeting_start_time": "2026-02-30T10:00:00Z"})
	spoil(list[7], "id", map[string]string{"id": "MTG-0007"})
	list[8].rawJSON = `"meeting deleted"`
	list[8].rejectField = field("")
	list[9].rawJSON = `{"id": "61020999990", "properties": [], "archived": false}`
	list[9].rejectField = field("properties")
	list[10].rawJSON = `{"id": "61020999991", "properties": {"hs_meeting_title": {"value": "Kick-off"}, "hs_timestamp": "2026-01-14T09:00:00Z"}, "archived": false}`
	list[10].rejectField = field("hs_meeting_title")
	list[11].archived = true
	data, expects := renderPage(activityRecords(list, nil), "objects/meetings", "", 100, false)
	return generatedFile{name: "meetings-page-1.json", data: data, kind: plugin.KindActivity, records: expects}
}

func brokenCalls(c *company) generatedFile {
	list := copyActivities(c.activities["calls"][:10])
	spoil(list[0], "hs_call_duration", map[string]string{"hs_call_duration": "-5000"})
	spoil(list[4], "hs_call_duration", map[string]string{"hs_call_duration": "12 min"})
	spoil(list[6], "hs_timestamp", map[string]string{"hs_timestamp": "yesterday"})
	spoil(list[8], "archived", nil)
	list[8].rawJSON = `{"id": "61020999992", "properties": {"hs_call_title": "Nabellen", "hs_timestamp": "2026-01-14T09:00:00Z"}, "archived": "sometimes"}`
	data, expects := renderPage(activityRecords(list, nil), "objects/calls", "", 100, false)
	return generatedFile{name: "calls-page-1.json", data: data, kind: plugin.KindActivity, records: expects}
}

// brokenUIExports are UI exports with what spreadsheets and hand edits do
// to them.
func brokenUIExports(c *company) (generatedFile, generatedFile) {
	callList := copyActivities(c.activities["calls"][10:22])
	spoil(callList[1], "Record ID", map[string]string{"Record ID": "6.10201E+10"})
	spoil(callList[3], "Activity date", map[string]string{"Activity date": "31.02.2026 10:00"})
	callList[5].rejectField = field("")
	callList[5].mangle = func(line string) string { return strings.Replace(line, ",", `,"Bel "terug",`, 1) }
	callList[7].rejectField = field("")
	callList[7].mangle = func(line string) string { return line[:strings.LastIndex(line, ",")] }
	spoil(callList[9], "Call duration", map[string]string{"Call duration": "abc"})
	// An owner the owners page lacks: the name is kept, not rejected.
	callList[10].owner = &fxOwner{first: "Vera", last: "Unknown"}
	calls := callsTable(callList).render()

	taskList := copyActivities(c.activities["tasks"][:8])
	spoil(taskList[2], "Due date", map[string]string{"Due date": "next Friday"})
	spoil(taskList[4], "Due date", map[string]string{"Due date": "", "Completed at": "", "Create Date": ""})
	spoil(taskList[6], "Completed at", map[string]string{"Completed at": "2026-13-01 09:00"})
	taskList[6].status = "COMPLETED"
	tasks := tasksTable(taskList).render()
	return calls, tasks
}
