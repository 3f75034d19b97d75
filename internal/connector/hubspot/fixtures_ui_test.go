package hubspot

// CSV exports from the HubSpot UI ("Export view" on each object's index
// page, associations included): property labels as headers, "Record ID"
// first, owners by name, enumerations by label, times in the account's
// time zone (Europe/Amsterdam) to the minute, multi-value fields
// separated by semicolons. The UI has no export of owner IDs, so the
// owners pages of the API sit beside them, with the manager mapping.

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// uiExportDate is the date HubSpot puts in the export's file names.
const uiExportDate = "2026-05-04"

// uiTimezone is the account's time zone, which the tests pass as the
// timezone option.
const uiTimezone = "Europe/Amsterdam"

func uiFileName(object string) string {
	return "hubspot-crm-exports-all-" + object + "-" + uiExportDate + ".csv"
}

// uiTable is one UI export being written.
type uiTable struct {
	name   string
	kind   plugin.RecordKind
	header []string
	rows   []uiRow
}

type uiRow struct {
	values map[string]string // by label
	expect expectation
	// mangle rewrites the row's text: a row that is not well-formed CSV.
	mangle func(line string) string
}

func (t *uiTable) add(values map[string]string, expect expectation) *uiRow {
	for label := range values {
		if !contains(t.header, label) {
			panic("fixture bug: " + t.name + " has no column " + label)
		}
	}
	t.rows = append(t.rows, uiRow{values: values, expect: expect})
	return &t.rows[len(t.rows)-1]
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// render writes the table as HubSpot does (quotes only where needed) and
// puts each row's line in its expectation.
func (t *uiTable) render() generatedFile {
	var b bytes.Buffer
	writeCSV(&b, t.header)
	f := generatedFile{name: t.name, kind: t.kind}
	line := int64(2)
	for _, r := range t.rows {
		fields := make([]string, len(t.header))
		for i, label := range t.header {
			fields[i] = r.values[label]
		}
		var row bytes.Buffer
		writeCSV(&row, fields)
		text := row.String()
		if r.mangle != nil {
			text = r.mangle(strings.TrimSuffix(text, "\n")) + "\n"
		}
		b.WriteString(text)
		r.expect.line = line
		f.records = append(f.records, r.expect)
		line += int64(strings.Count(text, "\n"))
	}
	f.data = b.Bytes()
	return f
}

func writeCSV(b *bytes.Buffer, fields []string) {
	w := csv.NewWriter(b)
	if err := w.Write(fields); err != nil {
		panic(err)
	}
	w.Flush()
}

// localMinute is a time as the UI export writes it.
func localMinute(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(amsterdam).Format("2006-01-02 15:04")
}

// uiLabel is an enumeration's label: "NOT_STARTED" → "Not started".
func uiLabel(v string) string {
	if label, ok := specialLabels[v]; ok {
		return label
	}
	if v == "" {
		return ""
	}
	lower := strings.ToLower(strings.ReplaceAll(v, "_", " "))
	return strings.ToUpper(lower[:1]) + lower[1:]
}

var specialLabels = map[string]string{
	"TODO": "To-do", "NONE": "", "EMAIL": "Email", "INCOMING_EMAIL": "Incoming email",
	"tier1": "Tier 1", "tier2": "Tier 2", "tier3": "Tier 3",
	"customer": "Customer", "opportunity": "Opportunity", "salesqualifiedlead": "Sales Qualified Lead",
	"default": "Sales Pipeline", renewalsPipeline: "Renewals",
	"appointmentscheduled": "Appointment Scheduled", "qualifiedtobuy": "Qualified To Buy",
	"presentationscheduled": "Presentation Scheduled", "decisionmakerboughtin": "Decision Maker Bought-In",
	"contractsent": "Contract Sent", "closedwon": "Closed Won", "closedlost": "Closed Lost",
	stageRenewalDue: "Renewal due", stageRenewed: "Renewed", stageChurned: "Churned",
}

func ownerName(o *fxOwner) string {
	if o == nil {
		return ""
	}
	return o.name()
}

func uiExport(c *company) *fixtureExport {
	e := &fixtureExport{dir: "ui-csv"}
	e.files = append(e.files, ownerPages(c)...)
	e.files = append(e.files, hierarchyFile(c))
	for _, t := range []*uiTable{
		companiesTable(c), dealsTable(c), meetingsTable(c.activities["meetings"]), callsTable(c.activities["calls"]),
		tasksTable(c.activities["tasks"]), emailsTable(c.activities["emails"]), contactsTable(c),
	} {
		e.files = append(e.files, t.render())
	}
	return e
}

func companiesTable(c *company) *uiTable {
	t := &uiTable{name: uiFileName("companies"), kind: plugin.KindAccount, header: []string{
		"Record ID", "Company name", "Company owner", "Create Date", "Company Domain Name", "Industry",
		"Annual Revenue", "Lifecycle Stage", "Ideal Customer Profile Tier", "Number of Associated Contacts",
	}}
	for _, co := range c.companies {
		if co.archived {
			continue // the UI exports no deleted records
		}
		t.add(map[string]string{
			"Record ID": co.id, "Company name": co.name, "Company owner": ownerName(co.owner),
			"Create Date": localMinute(co.created), "Company Domain Name": co.domain, "Industry": uiLabel(co.industry),
			"Annual Revenue": numberText(co.revenue), "Lifecycle Stage": uiLabel(co.lifecycle),
			"Ideal Customer Profile Tier": uiLabel(co.tier), "Number of Associated Contacts": strconv.Itoa(len(co.contacts)),
		}, expectation{id: co.id})
	}
	return t
}

func dealsTable(c *company) *uiTable {
	t := &uiTable{name: uiFileName("deals"), kind: plugin.KindOpportunity, header: []string{
		"Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Create Date", "Pipeline",
		"Is Closed Won", "Is Deal Closed?", "Associated Company", "Associated Company IDs (Primary)",
	}}
	for _, d := range c.deals {
		if d.archived {
			continue
		}
		t.add(map[string]string{
			"Record ID": d.id, "Deal Name": d.name, "Deal Stage": uiLabel(d.stage),
			"Close Date": d.closeDate.In(amsterdam).Format(time.DateOnly), "Deal owner": ownerName(d.owner),
			"Amount": numberText(d.amount), "Create Date": localMinute(d.created), "Pipeline": uiLabel(d.pipeline),
			"Is Closed Won": d.isClosedWon, "Is Deal Closed?": d.isClosed,
			"Associated Company": d.company.name, "Associated Company IDs (Primary)": d.company.id,
		}, expectation{id: d.id})
	}
	return t
}

// associationColumns are the IDs of an activity's associated records.
func associationColumns(a *fxActivity, values map[string]string) map[string]string {
	if a.company != nil {
		values["Associated Company IDs"] = a.company.id
	}
	if len(a.contacts) > 0 {
		values["Associated Contact IDs"] = strings.Join(a.contacts, ";")
	}
	if a.deal != nil {
		values["Associated Deal IDs"] = a.deal.id
	}
	return values
}

func meetingsTable(list []*fxActivity) *uiTable {
	t := &uiTable{name: uiFileName("meetings"), kind: plugin.KindActivity, header: []string{
		"Record ID", "Meeting name", "Activity date", "Activity assigned to", "Start Time", "End Time",
		"Meeting outcome", "Call and meeting type", "Location", "HubSpot attendee owner IDs", "Meeting description",
		"Create Date", "Associated Company", "Associated Company IDs", "Associated Contact IDs", "Associated Deal IDs",
	}}
	for _, a := range list {
		if a.archived {
			continue
		}
		values := map[string]string{
			"Record ID": a.id, "Meeting name": a.subject, "Activity date": localMinute(a.at),
			"Activity assigned to": ownerName(a.owner), "Start Time": localMinute(a.at), "End Time": localMinute(a.end),
			"Meeting outcome": uiLabel(a.outcome), "Call and meeting type": a.activityType, "Location": a.location,
			"HubSpot attendee owner IDs": ownerIDs(a.attendees), "Meeting description": a.notes,
			"Create Date": localMinute(a.created),
		}
		if a.company != nil {
			values["Associated Company"] = a.company.name
		}
		t.addActivity(a, associationColumns(a, values))
	}
	return t
}

// addActivity adds an activity's row, with the broken fixtures' bad values
// and mangling.
func (t *uiTable) addActivity(a *fxActivity, values map[string]string) {
	for label, v := range a.bad {
		values[label] = v
	}
	row := t.add(values, activityExpectation(a, false))
	row.mangle = a.mangle
}

func callsTable(list []*fxActivity) *uiTable {
	t := &uiTable{name: uiFileName("calls"), kind: plugin.KindActivity, header: []string{
		"Record ID", "Call Title", "Activity date", "Activity assigned to", "Call duration", "Call direction",
		"Call status", "Call and meeting type", "Call notes", "Create Date",
		"Associated Company IDs", "Associated Contact IDs", "Associated Deal IDs",
	}}
	for _, a := range list {
		if a.archived {
			continue
		}
		t.addActivity(a, associationColumns(a, map[string]string{
			"Record ID": a.id, "Call Title": a.subject, "Activity date": localMinute(a.at),
			"Activity assigned to": ownerName(a.owner), "Call duration": strconv.FormatInt(a.durationMs, 10),
			"Call direction": uiLabel(a.direction), "Call status": uiLabel(a.status),
			"Call and meeting type": a.activityType, "Call notes": a.notes, "Create Date": localMinute(a.created),
		}))
	}
	return t
}

func tasksTable(list []*fxActivity) *uiTable {
	t := &uiTable{name: uiFileName("tasks"), kind: plugin.KindActivity, header: []string{
		"Record ID", "Task Title", "Due date", "Activity assigned to", "Task Status", "Priority", "Task Type",
		"Completed at", "Create Date", "Associated Company IDs", "Associated Deal IDs",
	}}
	for _, a := range list {
		if a.archived {
			continue
		}
		t.addActivity(a, associationColumns(a, map[string]string{
			"Record ID": a.id, "Task Title": a.subject, "Due date": localMinute(a.at),
			"Activity assigned to": ownerName(a.owner), "Task Status": uiLabel(a.status),
			"Priority": uiLabel(a.priority), "Task Type": uiLabel(a.taskType), "Completed at": localMinute(a.completed),
			"Create Date": localMinute(a.created),
		}))
	}
	return t
}

func emailsTable(list []*fxActivity) *uiTable {
	t := &uiTable{name: uiFileName("emails"), kind: plugin.KindActivity, header: []string{
		"Record ID", "Email subject", "Activity date", "Activity assigned to", "Email direction", "Email send status",
		"Create Date", "Associated Company IDs", "Associated Contact IDs", "Associated Deal IDs",
	}}
	for _, a := range list {
		if a.archived {
			continue
		}
		t.addActivity(a, associationColumns(a, map[string]string{
			"Record ID": a.id, "Email subject": a.subject, "Activity date": localMinute(a.at),
			"Activity assigned to": ownerName(a.owner), "Email direction": uiLabel(a.direction),
			"Email send status": uiLabel(a.status), "Create Date": localMinute(a.created),
		}))
	}
	return t
}

// contactsTable is a contacts export, which the connector leaves alone:
// it has a "Company name"-like column and must not pass for companies.
func contactsTable(c *company) *uiTable {
	t := &uiTable{name: uiFileName("contacts"), header: []string{
		"Record ID", "First Name", "Last Name", "Email", "Contact owner", "Company Name", "Lifecycle Stage", "Create Date",
	}}
	for _, co := range c.companies {
		for _, ct := range co.contacts {
			t.add(map[string]string{
				"Record ID": ct.id, "First Name": ct.first, "Last Name": ct.last, "Email": ct.email,
				"Contact owner": ownerName(co.owner), "Company Name": co.name, "Lifecycle Stage": uiLabel(co.lifecycle),
				"Create Date": localMinute(co.created),
			}, expectation{id: ct.id})
		}
	}
	return t
}
