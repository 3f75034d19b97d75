package pipedrive

// The company as exported from Pipedrive's web app: one CSV file per list
// (organizations, people, deals, activities), headers "<Entity> - <field
// label>", every field quoted. The activities from December on were
// opened in a spreadsheet and saved again: Windows-1252, CRLF, quotes only
// where needed, and dates turned into serial numbers. The web app exports
// no users, so the users page of the API sits beside the CSV files, with
// the hierarchy file.

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// CSV export file names, as the web app names its downloads.
const (
	csvOrganizations  = "organizations-8823014-41.csv"
	csvPeople         = "people-8823014-42.csv"
	csvDeals          = "deals-8823014-43.csv"
	csvActivities     = "activities-8823014-44.csv"
	csvActivitiesEdit = "activities-dec-feb-edited.csv"
)

// editedFrom is the first due date of the spreadsheet-edited activities;
// activities with no date went there too.
var editedFrom = date(2024, 12, 1)

func csvFormExport(c *company) *fxExport {
	return csvExportStyled(c, "csv", pipedriveCSV, spreadsheetCSV)
}

// csvExportStyled is the CSV export with its files written in the
// styles given: the web app's for the files as downloaded, a
// spreadsheet's for the activities saved again.
func csvExportStyled(c *company, name string, downloaded, saved csvStyle) *fxExport {
	e := &fxExport{name: name}
	var original, edited []*fxActivity
	for _, a := range c.loadedActivities() {
		if a.due.IsZero() || !a.due.Before(editedFrom) {
			edited = append(edited, a)
		} else {
			original = append(original, a)
		}
	}
	e.files = append(e.files, usersFile(c), hierarchyFile(c),
		csvFile(csvOrganizations, plugin.KindAccount, "", c.organizationsCSV(), downloaded),
		csvFile(csvPeople, "", skipPerson, c.peopleCSV(), downloaded),
		csvFile(csvDeals, plugin.KindOpportunity, "", c.dealsCSV(), downloaded),
		csvFile(csvActivities, plugin.KindActivity, "", activitiesCSV(original, pipedriveValues), downloaded),
		csvFile(csvActivitiesEdit, plugin.KindActivity, "", activitiesCSV(edited, spreadsheetValues), saved),
	)
	return e
}

func (c *company) organizationsCSV() *csvTableFx {
	t := &csvTableFx{columns: []string{"Organization - ID", "Organization - Name", "Organization - Owner", "Organization - Label",
		"Organization - Address", "Organization - People", "Organization - Open deals", "Organization - Organization created",
		"Organization - Tier", "Organization - Annual revenue", "Organization - Currency of Annual revenue"}}
	for _, o := range c.orgs {
		open, _ := c.dealCounts(o)
		row := map[string]string{
			"Organization - ID": fmt.Sprint(o.id), "Organization - Name": o.name, "Organization - Owner": o.owner.name,
			"Organization - Label": o.label.label, "Organization - Address": o.address, "Organization - People": "2",
			"Organization - Open deals": fmt.Sprint(open), "Organization - Organization created": o.added.Format(time.DateTime),
			"Organization - Tier": o.tier.label,
		}
		if o.revenue != 0 {
			row["Organization - Annual revenue"] = strconv.FormatFloat(o.revenue, 'f', -1, 64)
			row["Organization - Currency of Annual revenue"] = "EUR"
		}
		t.add(row)
	}
	return t
}

func (c *company) peopleCSV() *csvTableFx {
	t := &csvTableFx{columns: []string{"Person - ID", "Person - Name", "Person - Organization", "Person - Email - Work",
		"Person - Phone - Work", "Person - Owner"}}
	for _, p := range c.persons {
		t.add(map[string]string{
			"Person - ID": fmt.Sprint(p.id), "Person - Name": p.name, "Person - Organization": p.org.name,
			"Person - Email - Work": p.email, "Person - Phone - Work": p.phone, "Person - Owner": p.owner.name,
		})
	}
	return t
}

func (c *company) dealsCSV() *csvTableFx {
	t := &csvTableFx{columns: []string{"Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner", "Deal - Value",
		"Deal - Currency of Value", "Deal - Organization", "Deal - Contact person", "Deal - Pipeline", "Deal - Stage",
		"Deal - Status", "Deal - Deal created", "Deal - Won time", "Deal - Lost time", "Deal - Deal closed on",
		"Deal - Lost reason", "Deal - Expected close date"}}
	labels := map[string]string{"open": "Open", "won": "Won", "lost": "Lost"}
	for _, d := range c.deals {
		if d.deleted {
			continue // the web app does not export deleted deals
		}
		row := map[string]string{
			"Deal - ID": fmt.Sprint(d.id), "Deal - Title": d.title, "Deal - Creator": d.owner.name, "Deal - Owner": d.owner.name,
			"Deal - Value": strconv.FormatFloat(d.value, 'f', -1, 64), "Deal - Currency of Value": "EUR",
			"Deal - Organization": d.org.name, "Deal - Contact person": d.person.name, "Deal - Pipeline": pipelineNam,
			"Deal - Stage": d.stage.name, "Deal - Status": labels[d.status], "Deal - Deal created": d.added.Format(time.DateTime),
			"Deal - Lost reason": d.lostReason, "Deal - Expected close date": d.expectedClose.Format(time.DateOnly),
		}
		if !d.closed.IsZero() {
			row["Deal - Deal closed on"] = d.closed.Format(time.DateTime)
			row[map[string]string{"won": "Deal - Won time", "lost": "Deal - Lost time"}[d.status]] = d.closed.Format(time.DateTime)
		}
		t.add(row)
	}
	return t
}

// activityColumnsCSV are the columns of the web app's activities export.
var activityColumnsCSV = []string{"Activity - ID", "Activity - Subject", "Activity - Type", "Activity - Due date",
	"Activity - Due time", "Activity - Duration", "Activity - Done", "Activity - Marked as done time",
	"Activity - Assigned to user", "Activity - Organization", "Activity - Deal", "Activity - Contact person",
	"Activity - Priority", "Activity - Location", "Activity - Add time", "Activity - Creator", "Activity - Note"}

// csvValues writes dates and times: as the web app does, or as a
// spreadsheet does after reformatting them.
type csvValues struct {
	date, dateTime func(time.Time) string
	clock          func(time.Duration) string
}

var (
	pipedriveValues = csvValues{
		date:     func(t time.Time) string { return t.Format(time.DateOnly) },
		dateTime: func(t time.Time) string { return t.Format(time.DateTime) },
		clock:    hhmm,
	}
	spreadsheetValues = csvValues{date: excelSerial, dateTime: excelSerial, clock: spreadsheetClock}
)

// excelSerial is a time as a spreadsheet writes a date cell that lost its
// format: days since 1899-12-30 with the time as a fraction, in at most
// 15 significant digits.
func excelSerial(t time.Time) string {
	days := t.Sub(date(1899, 12, 30)).Hours() / 24
	return strconv.FormatFloat(days, 'g', 15, 64)
}

// spreadsheetClock is h:mm, the spreadsheet's time format: no leading zero.
func spreadsheetClock(d time.Duration) string {
	return fmt.Sprintf("%d:%02d", int(d.Hours()), int(math.Mod(d.Minutes(), 60)))
}

func activitiesCSV(activities []*fxActivity, values csvValues) *csvTableFx {
	t := &csvTableFx{columns: activityColumnsCSV}
	for _, a := range activities {
		row := map[string]string{
			"Activity - ID": fmt.Sprint(a.id), "Activity - Subject": a.subject, "Activity - Type": typeLabels[a.typ],
			"Activity - Done": "To do", "Activity - Assigned to user": a.owner.name, "Activity - Priority": a.priority,
			"Activity - Location": a.location, "Activity - Add time": values.dateTime(a.added), "Activity - Creator": a.owner.name,
			"Activity - Note": a.note,
		}
		if !a.due.IsZero() {
			row["Activity - Due date"] = values.date(a.due)
		}
		if a.timed {
			row["Activity - Due time"] = values.clock(a.at)
		}
		if a.duration > 0 {
			row["Activity - Duration"] = values.clock(a.duration)
		}
		if a.done {
			row["Activity - Done"] = "Done"
			row["Activity - Marked as done time"] = values.dateTime(a.doneAt)
		}
		if a.org != nil {
			row["Activity - Organization"] = a.org.name
		}
		if a.deal != nil {
			row["Activity - Deal"] = a.deal.title
		}
		if a.person != nil {
			row["Activity - Contact person"] = a.person.name
		}
		t.add(row)
	}
	return t
}
