package hubspot

// Saved CRM v3 API pages, as a script that walks /crm/v3/objects/<object>
// with ?properties=…&associations=… and writes each response with `jq .`
// would leave them: one file per page, "paging.next" on all but the last.
// Owners come from /crm/v3/owners (and ?archived=true for the people who
// left), saved as curl writes them, on one line.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/crmexport/hubspotapi"
	"github.com/salesaudit/salesaudit/plugin"
)

// pageRecord is one record of a page to write: a value to marshal, or raw
// JSON text (a broken record), and what the connector must make of it.
type pageRecord struct {
	value  any
	raw    string
	expect expectation
}

func isoMillis(t time.Time) string { return hubspotapi.Time(t) }

func epochMillis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

func str(s string) *string { return hubspotapi.Value(s) }

func numberText(f *float64) string {
	if f == nil {
		return ""
	}
	return hubspotapi.Number(*f)
}

// renderPage writes a list response and puts each record's line in its
// expectation. A compact page is on one line, as curl saves it; the
// others as `jq .` indents them.
func renderPage(records []pageRecord, object, after string, limit int, compact bool) ([]byte, []expectation) {
	var b bytes.Buffer
	layout := hubspotapi.Indented
	if compact {
		layout = hubspotapi.Compact
	}
	p := hubspotapi.NewPage(&b, layout)
	var out []expectation
	for _, r := range records {
		if r.raw != "" {
			r.expect.line = p.AddRaw(r.raw)
		} else {
			r.expect.line = p.Add(r.value)
		}
		out = append(out, r.expect)
	}
	var next *hubspotapi.Next
	if after != "" {
		next = &hubspotapi.Next{Object: object, Limit: limit, After: after}
	}
	if err := p.End(next); err != nil {
		panic(err)
	}
	return b.Bytes(), out
}

// pagedFiles splits records into pages of limit, the name numbered from 1.
// When overlap is set, each page after the first starts with the last
// record of the one before, as when a record changes while a script pages
// through the list: the connector must skip the second copy.
func pagedFiles(name, object string, records []pageRecord, limit int, overlap bool, kind plugin.RecordKind) []generatedFile {
	var files []generatedFile
	for start, page := 0, 1; start < len(records); page++ {
		end := min(start+limit, len(records))
		chunk := append([]pageRecord(nil), records[start:end]...)
		if overlap && start > 0 {
			dup := records[start-1]
			dup.expect = duplicateOf(dup.expect)
			chunk = append([]pageRecord{dup}, chunk...)
		}
		after := ""
		if end < len(records) {
			after = fmt.Sprint(end)
		}
		data, expects := renderPage(chunk, object, after, limit, false)
		files = append(files, generatedFile{name: hubspotapi.PageFile(name, page), data: data, kind: kind, records: expects})
		start = end
	}
	return files
}

// duplicateOf is what becomes of a second copy: skipped as a duplicate if
// the first was loaded, else whatever became of the first.
func duplicateOf(first expectation) expectation {
	if first.skip == "" && !first.reject {
		first.skip = skipDuplicate
	}
	return first
}

func apiExport(c *company) *fixtureExport {
	e := &fixtureExport{dir: "api"}
	e.files = append(e.files, ownerPages(c)...)
	e.files = append(e.files, hierarchyFile(c))
	e.files = append(e.files, pagedFiles("companies", "objects/companies", companyRecords(c.companies), 15, false, plugin.KindAccount)...)
	e.files = append(e.files, pagedFiles("deals", "objects/deals", dealRecords(c.deals), 20, false, plugin.KindOpportunity)...)
	meetingPages := pagedFiles("meetings", "objects/meetings", activityRecords(c.activities["meetings"], nil), 100, true, plugin.KindActivity)
	// The second page was saved by a tool that writes the meeting times
	// as epoch milliseconds.
	epochPage := activityRecords(c.activities["meetings"], epochMillis)
	meetingPages[1] = pagedFiles("meetings", "objects/meetings", epochPage, 100, true, plugin.KindActivity)[1]
	e.files = append(e.files, meetingPages...)
	e.files = append(e.files, pagedFiles("calls", "objects/calls", activityRecords(c.activities["calls"], nil), 100, true, plugin.KindActivity)...)
	e.files = append(e.files, pagedFiles("tasks", "objects/tasks", activityRecords(c.activities["tasks"], nil), 50, false, plugin.KindActivity)...)
	e.files = append(e.files, pagedFiles("emails", "objects/emails", activityRecords(c.activities["emails"], nil), 50, false, plugin.KindActivity)...)
	return e
}

// ownerPages are /crm/v3/owners and /crm/v3/owners?archived=true.
func ownerPages(c *company) []generatedFile {
	var active, archived []pageRecord
	for _, o := range c.owners {
		r := pageRecord{value: ownerJSON(o), expect: expectation{id: o.id}}
		if o.archived {
			archived = append(archived, r)
		} else {
			active = append(active, r)
		}
	}
	data, expects := renderPage(active, "owners", "", 100, true)
	archivedData, archivedExpects := renderPage(archived, "owners", "", 100, true)
	return []generatedFile{
		{name: "owners.json", data: data, kind: plugin.KindUser, records: expects},
		{name: "owners-archived.json", data: archivedData, kind: plugin.KindUser, records: archivedExpects},
	}
}

var teamIDs = map[string]string{
	"Sales Leadership": "368380", "Sales Benelux": "368381", "Sales DACH": "368382",
	"Sales Iberia": "368383", "Revenue Operations": "368390",
}

func ownerJSON(o *fxOwner) hubspotapi.Owner {
	userID, _ := strconv.ParseInt(o.userID, 10, 64)
	r := hubspotapi.Owner{
		ID: o.id, Email: o.email, Type: "PERSON", FirstName: o.first, LastName: o.last,
		UserID: userID, UserIDIncludingInactive: userID,
		CreatedAt: isoMillis(o.created), UpdatedAt: isoMillis(o.updated), Archived: o.archived,
	}
	// A deactivated user keeps no team.
	if !o.archived {
		r.Teams = []hubspotapi.Team{{ID: teamIDs[o.team], Name: o.team, Primary: true}}
		if o.key == "sofie" {
			// A secondary team listed first: the primary one is the role.
			r.Teams = append([]hubspotapi.Team{{ID: teamIDs["Sales Benelux"], Name: "Sales Benelux"}}, r.Teams...)
		}
	}
	return r
}

// hierarchyFile is the manager mapping, by e-mail; the RevOps analyst is
// outside the sales hierarchy and not in it.
func hierarchyFile(c *company) generatedFile {
	var b strings.Builder
	b.WriteString("owner_email,manager_email\n")
	f := generatedFile{name: hierarchyFileName, kind: plugin.KindUser}
	line := int64(2)
	for _, o := range c.owners {
		if o.manager == nil && o.key != "sofie" {
			continue
		}
		manager := ""
		if o.manager != nil {
			manager = o.manager.email
		}
		b.WriteString(o.email + "," + manager + "\n")
		f.records = append(f.records, expectation{id: o.id, line: line, skip: skipHierarchyRow})
		line++
	}
	f.data = []byte(b.String())
	return f
}

func companyRecords(list []*fxCompany) []pageRecord {
	var out []pageRecord
	for _, co := range list {
		rec := hubspotapi.Object{
			ID: co.id, CreatedAt: isoMillis(co.created), UpdatedAt: isoMillis(co.created.AddDate(1, 2, 0)), Archived: co.archived,
			Properties: map[string]*string{
				"name": str(co.name), "domain": str(co.domain), "hubspot_owner_id": str(co.owner.id),
				"annualrevenue": str(numberText(co.revenue)), "lifecyclestage": str(co.lifecycle),
				"hs_ideal_customer_profile": str(co.tier), "industry": str(co.industry),
				"createdate": str(isoMillis(co.created)), "hs_lastmodifieddate": str(isoMillis(co.created.AddDate(1, 2, 0))),
				"hs_object_id": str(co.id),
			},
		}
		out = append(out, pageRecord{value: withBad(rec, nil), expect: expectation{id: co.id, skip: archivedSkip(co.archived)}})
	}
	return out
}

func archivedSkip(archived bool) string {
	if archived {
		return skipArchived
	}
	return ""
}

func dealRecords(list []*fxDeal) []pageRecord {
	var out []pageRecord
	for _, d := range list {
		rec := hubspotapi.Object{
			ID: d.id, CreatedAt: isoMillis(d.created), UpdatedAt: isoMillis(d.closeDate.Add(-time.Hour)), Archived: d.archived,
			Properties: map[string]*string{
				"dealname": str(d.name), "amount": str(numberText(d.amount)), "dealstage": str(d.stage),
				"pipeline": str(d.pipeline), "closedate": str(isoMillis(d.closeDate)), "createdate": str(isoMillis(d.created)),
				"hubspot_owner_id": str(d.owner.id), "hs_is_closed_won": str(d.isClosedWon), "hs_is_closed": str(d.isClosed),
				"hs_lastmodifieddate": str(isoMillis(d.closeDate.Add(-time.Hour))), "hs_object_id": str(d.id),
			},
			Associations: map[string]hubspotapi.Associations{"companies": {Results: []hubspotapi.Association{
				{ID: d.company.id, Type: "deal_to_company"}, {ID: d.company.id, Type: "deal_to_company_unlabeled"},
			}}},
		}
		out = append(out, pageRecord{value: rec, expect: expectation{id: d.id, skip: archivedSkip(d.archived)}})
	}
	return out
}

// activityRecords writes engagements; timeFormat, when set, writes the
// meeting times as a tool that saves raw values would.
func activityRecords(list []*fxActivity, timeFormat func(time.Time) string) []pageRecord {
	var out []pageRecord
	for _, a := range list {
		p := map[string]*string{
			"hs_timestamp": str(isoMillis(a.at)), "hubspot_owner_id": str(ownerID(a.owner)),
			"hs_createdate": str(isoMillis(a.created)), "hs_lastmodifieddate": str(isoMillis(a.created.Add(90 * time.Second))),
			"hs_object_id": str(a.id),
		}
		singular := strings.TrimSuffix(a.object, "s")
		switch a.object {
		case "meetings":
			format := isoMillis
			if timeFormat != nil {
				format = timeFormat
			}
			singular = "meeting_event"
			p["hs_timestamp"] = str(format(a.at))
			p["hs_meeting_title"], p["hs_meeting_start_time"] = str(a.subject), str(format(a.at))
			p["hs_meeting_end_time"], p["hs_meeting_outcome"] = str(format(a.end)), str(a.outcome)
			p["hs_activity_type"], p["hs_meeting_location"] = str(a.activityType), str(a.location)
			p["hs_attendee_owner_ids"], p["hs_meeting_body"] = str(ownerIDs(a.attendees)), str(a.notes)
			p["hs_internal_meeting_notes"] = nil
		case "calls":
			p["hs_call_title"], p["hs_call_duration"] = str(a.subject), str(strconv.FormatInt(a.durationMs, 10))
			p["hs_call_direction"], p["hs_call_status"] = str(a.direction), str(a.status)
			p["hs_call_disposition"], p["hs_activity_type"] = str(callDisposition(a.status)), str(a.activityType)
			p["hs_call_body"] = str(a.notes)
		case "tasks":
			p["hs_task_subject"], p["hs_task_status"] = str(a.subject), str(a.status)
			p["hs_task_priority"], p["hs_task_type"] = str(a.priority), str(a.taskType)
			p["hs_task_completion_date"] = nil
			if !a.completed.IsZero() {
				p["hs_task_completion_date"] = str(isoMillis(a.completed))
			}
		case "emails":
			p["hs_email_subject"], p["hs_email_direction"] = str(a.subject), str(a.direction)
			p["hs_email_status"] = str(a.status)
		}
		rec := hubspotapi.Object{
			ID: a.id, Properties: p, CreatedAt: isoMillis(a.created), UpdatedAt: isoMillis(a.created.Add(90 * time.Second)),
			Archived: a.archived, Associations: associationsOf(a, singular),
		}
		out = append(out, pageRecord{value: withBad(rec, a.bad), raw: a.rawJSON, expect: activityExpectation(a, true)})
	}
	return out
}

func ownerID(o *fxOwner) string {
	if o == nil {
		return ""
	}
	return o.id
}

func ownerIDs(list []*fxOwner) string {
	ids := make([]string, len(list))
	for i, o := range list {
		ids[i] = o.id
	}
	return strings.Join(ids, ";")
}

// callDisposition is the call outcome's ID, as the API writes it.
func callDisposition(status string) string {
	switch status {
	case "COMPLETED":
		return "f240bbac-87c9-4f6e-bf70-924b57d47db7" // Connected
	case "NO_ANSWER":
		return "73a0d17f-1163-4015-bdd5-ec830791da20" // No answer
	}
	return ""
}

func associationsOf(a *fxActivity, singular string) map[string]hubspotapi.Associations {
	out := map[string]hubspotapi.Associations{}
	if a.company != nil {
		out["companies"] = hubspotapi.Associations{Results: []hubspotapi.Association{{ID: a.company.id, Type: singular + "_to_company"}}}
	}
	if len(a.contacts) > 0 {
		var list []hubspotapi.Association
		for _, id := range a.contacts {
			list = append(list, hubspotapi.Association{ID: id, Type: singular + "_to_contact"})
		}
		out["contacts"] = hubspotapi.Associations{Results: list}
	}
	if a.deal != nil {
		out["deals"] = hubspotapi.Associations{Results: []hubspotapi.Association{{ID: a.deal.id, Type: singular + "_to_deal"}}}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// activityExpectation is what must become of an activity: archived ones
// exist only in API pages.
func activityExpectation(a *fxActivity, api bool) expectation {
	e := expectation{id: a.id}
	switch {
	case a.rejectField != nil:
		e.reject, e.rejectField = true, *a.rejectField
	case a.archived && api:
		e.skip = skipArchived
	case a.object == "meetings" && a.outcome == "CANCELED":
		e.skip = skipCanceledMeeting
	}
	return e
}

// withBad writes the broken fixtures' bad values over the real ones: a
// property by name, or the record's own "id".
func withBad(rec hubspotapi.Object, bad map[string]string) hubspotapi.Object {
	for name, v := range bad {
		if name == "id" {
			rec.ID = v
			continue
		}
		rec.Properties[name] = str(v)
	}
	return rec
}
