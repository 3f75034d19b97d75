package pipedrive

// The company as saved API responses: API v1 for everything in
// testdata/pipedrive/api, and, in api-v2.zip, API v2 for what v2 has
// (activities, deals, organizations, persons, stages) with the v1 users
// and organization fields, as a current export script would fetch them.

import (
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/internal/connector/connectortest"
	"github.com/salesaudit/salesaudit/plugin"
)

const (
	companyID   = 8823014
	pageLimit   = 100
	ccEmail     = "meridianfleet@pipedrivemail.com"
	pipelineID  = 1
	pipelineNam = "Sales pipeline"
)

func apiV1Export(c *company) *fxExport {
	e := &fxExport{name: "api"}
	e.files = append(e.files, usersFile(c), hierarchyFile(c), orgFieldsFile(c),
		pageFile("stages.json", "", skipStage, each(c.stages, stageV1), obj{}),
		pageFile("organizations.json", plugin.KindAccount, "", each(c.orgs, func(o *fxOrg) any { return c.orgV1(o) }), paginationV1(0, false)),
		pageFile("persons.json", "", skipPerson, each(c.persons, personV1), paginationV1(0, false)),
		dealsFile("deals.json", c.deals, func(d *fxDeal) any { return c.dealV1(d) }, paginationV1(0, false)))
	activities := c.activities
	for start := 0; start < len(activities); start += pageLimit {
		end := min(start+pageLimit, len(activities))
		items := each(activities[start:end], func(a *fxActivity) any { return c.activityV1(a) })
		e.files = append(e.files, activitiesFile(fmt.Sprintf("activities-%d.json", start), activities[start:end], items,
			paginationV1(start, end < len(activities))))
	}
	return e
}

func apiV2Export(c *company) *fxExport {
	e := &fxExport{name: "api-v2.zip", zip: true}
	e.files = append(e.files, usersFile(c), hierarchyFile(c), orgFieldsFile(c),
		pageFile("stages.json", "", skipStage, each(c.stages, stageV2), cursorV2("")),
		pageFile("organizations.json", plugin.KindAccount, "", each(c.orgs, func(o *fxOrg) any { return c.orgV2(o) }), cursorV2("")),
		pageFile("persons.json", "", skipPerson, each(c.persons, personV2), cursorV2("")),
		dealsFile("deals.json", c.deals, dealV2, cursorV2("")))
	activities := c.activities
	for start, n := 0, 1; start < len(activities); start, n = start+pageLimit, n+1 {
		end := min(start+pageLimit, len(activities))
		cursor := ""
		if end < len(activities) {
			cursor = fmt.Sprintf("eyJmaWVsZCI6ImlkIiwiaWQiOj%d9", activities[end-1].id)
		}
		items := each(activities[start:end], activityV2)
		e.files = append(e.files, activitiesFile(fmt.Sprintf("activities-page-%d.json", n), activities[start:end], items, cursorV2(cursor)))
	}
	return e
}

func each[T any](items []T, render func(T) any) []any {
	out := make([]any, len(items))
	for i, item := range items {
		out[i] = render(item)
	}
	return out
}

func paginationV1(start int, more bool) obj {
	p := obj{{"start", start}, {"limit", pageLimit}, {"more_items_in_collection", more}}
	if more {
		p = append(p, kv{"next_start", start + pageLimit})
	}
	return obj{{"additional_data", obj{{"pagination", p}}}}
}

func cursorV2(next string) obj {
	var cursor any
	if next != "" {
		cursor = next
	}
	return obj{{"additional_data", obj{{"next_cursor", cursor}}}}
}

// usersFile is GET /v1/users: the same in every export, v2 has no users.
func usersFile(c *company) *fxFile {
	return pageFile("users.json", plugin.KindUser, "", each(c.users, func(u *fxUser) any { return c.userV1(u) }), obj{})
}

func (c *company) userV1(u *fxUser) obj {
	return obj{
		{"id", u.id}, {"name", u.name}, {"default_currency", "EUR"}, {"locale", u.locale}, {"lang", 1},
		{"email", u.email}, {"phone", nil}, {"activated", true},
		{"last_login", v1Time(u.modified.Add(-48 * time.Hour))}, {"created", v1Time(u.created)}, {"modified", v1Time(u.modified)},
		{"has_created_company", u == c.head},
		{"access", []any{obj{{"app", "sales"}, {"admin", u.isAdmin}, {"permission_set_id", fmt.Sprintf("1d6b5a0e-7f3c-4b2a-9e8d-%012d", u.id)}}}},
		{"active_flag", u.active}, {"timezone_name", u.tz}, {"timezone_offset", "+01:00"}, {"role_id", 1},
		{"icon_url", nil}, {"is_you", u.name == "Femke Visser"},
	}
}

// hierarchyFile is the mapping the sales operations manager keeps: users
// by e-mail mostly, a few by name or ID, managers by e-mail.
func hierarchyFile(c *company) *fxFile {
	t := &csvTableFx{columns: []string{"user", "manager"}}
	f := &fxFile{name: hierarchyFileName, kind: "", read: true}
	var skips []string
	for _, u := range c.users {
		ref := u.email
		switch u.hierarchyByRef {
		case "name":
			ref = u.name
		case "id":
			ref = fmt.Sprint(u.id)
		}
		manager, skip := "", skipTopOfHierarchy
		if u.manager != nil {
			manager, skip = u.manager.email, skipManagerMapping
		}
		t.add(map[string]string{"user": ref, "manager": manager})
		skips = append(skips, skip)
	}
	data, lines := t.render(csvStyle{lineEnd: "\n"})
	f.data = data
	for i, line := range lines {
		f.rows = append(f.rows, fxRow{line: line, Outcome: connectortest.Outcome{Skip: skips[i]}})
	}
	return f
}

func orgFieldsFile(c *company) *fxFile {
	items := each(c.fields, func(cf *fxOrgField) any {
		o := obj{
			{"id", cf.id}, {"key", cf.key}, {"name", cf.name}, {"order_nr", cf.id - 4000}, {"field_type", cf.typ},
			{"add_time", "2021-03-01 09:00:00"}, {"update_time", "2024-05-13 14:22:10"}, {"active_flag", true},
			{"edit_flag", cf.editable}, {"bulk_edit_allowed", true}, {"mandatory_flag", false},
		}
		if len(cf.options) > 0 {
			o = append(o, kv{"options", each(cf.options, func(op fxOption) any { return obj{{"id", op.id}, {"label", op.label}} })})
		}
		return o
	})
	return pageFile("organizationFields.json", "", skipFieldDefinition, items, paginationV1(0, false))
}

func stageV1(s *fxStage) any {
	return obj{
		{"id", s.id}, {"order_nr", s.order}, {"name", s.name}, {"active_flag", true}, {"deal_probability", s.probability},
		{"pipeline_id", pipelineID}, {"rotten_flag", false}, {"rotten_days", nil},
		{"add_time", "2021-03-01 09:12:44"}, {"update_time", "2023-11-02 10:01:09"},
		{"pipeline_name", pipelineNam}, {"pipeline_deal_probability", true},
	}
}

func stageV2(s *fxStage) any {
	return obj{
		{"id", s.id}, {"order_nr", s.order}, {"name", s.name}, {"is_deleted", false}, {"deal_probability", s.probability},
		{"pipeline_id", pipelineID}, {"is_deal_rot_enabled", false}, {"days_to_rotten", nil},
		{"add_time", "2021-03-01T09:12:44Z"}, {"update_time", "2023-11-02T10:01:09Z"},
	}
}

// userRefV1 is how v1 embeds a user in the records that name one.
func userRefV1(u *fxUser) obj {
	return obj{{"id", u.id}, {"name", u.name}, {"email", u.email}, {"has_pic", 0}, {"pic_hash", nil}, {"active_flag", u.active}, {"value", u.id}}
}

func orgRefV1(o *fxOrg) any {
	if o == nil {
		return nil
	}
	return obj{{"name", o.name}, {"people_count", 2}, {"owner_id", o.owner.id}, {"address", o.address},
		{"active_flag", true}, {"cc_email", ccEmail}, {"label_ids", []any{o.label.id}}, {"owner_name", o.owner.name}, {"value", o.id}}
}

func personRefV1(p *fxPerson) any {
	if p == nil {
		return nil
	}
	return obj{{"active_flag", true}, {"name", p.name},
		{"email", []any{obj{{"label", "work"}, {"value", p.email}, {"primary", true}}}},
		{"owner_id", p.owner.id}, {"value", p.id}}
}

func (c *company) orgV1(o *fxOrg) any {
	var tier, revenue, currency any
	if o.tier.id != 0 {
		tier = fmt.Sprint(o.tier.id)
	}
	if o.revenue != 0 {
		revenue, currency = o.revenue, "EUR"
	}
	open, closed := c.dealCounts(o)
	return obj{
		{"id", o.id}, {"company_id", companyID}, {"owner_id", userRefV1(o.owner)}, {"name", o.name},
		{"open_deals_count", open}, {"closed_deals_count", closed}, {"people_count", 2},
		{"active_flag", true}, {"country_code", o.country}, {"first_char", strings.ToLower(o.name[:1])},
		{"update_time", v1Time(exportTime.AddDate(0, 0, -o.id%40))}, {"add_time", v1Time(o.added)}, {"visible_to", "3"},
		{"label", o.label.id}, {"label_ids", []any{o.label.id}}, {"address", o.address}, {"cc_email", ccEmail},
		{"owner_name", o.owner.name}, {c.tierField.key, tier}, {c.revField.key, revenue}, {c.revField.key + "_currency", currency},
	}
}

func (c *company) orgV2(o *fxOrg) any {
	var tier, revenue any
	if o.tier.id != 0 {
		tier = o.tier.id
	}
	if o.revenue != 0 {
		revenue = obj{{"value", o.revenue}, {"currency", "EUR"}}
	}
	return obj{
		{"id", o.id}, {"name", o.name}, {"owner_id", o.owner.id}, {"add_time", isoTime(o.added)},
		{"update_time", isoTime(exportTime.AddDate(0, 0, -o.id%40))}, {"visible_to", 3},
		{"address", obj{{"value", o.address}, {"country", o.country}}}, {"label_ids", []any{o.label.id}}, {"is_deleted", false},
		{"custom_fields", obj{{c.tierField.key, tier}, {c.revField.key, revenue}}},
	}
}

func (c *company) dealCounts(o *fxOrg) (open, closed int) {
	for _, d := range c.deals {
		if d.org == o && !d.deleted {
			if d.status == "open" {
				open++
			} else {
				closed++
			}
		}
	}
	return open, closed
}

func personV1(p *fxPerson) any {
	first, last, _ := strings.Cut(p.name, " ")
	return obj{
		{"id", p.id}, {"company_id", companyID}, {"owner_id", userRefV1(p.owner)}, {"org_id", orgRefV1(p.org)},
		{"name", p.name}, {"first_name", first}, {"last_name", last}, {"active_flag", true},
		{"phone", []any{obj{{"label", "work"}, {"value", p.phone}, {"primary", true}}}},
		{"email", []any{obj{{"label", "work"}, {"value", p.email}, {"primary", true}}}},
		{"add_time", v1Time(p.added)}, {"visible_to", "3"},
		{"org_name", p.org.name}, {"owner_name", p.owner.name}, {"primary_email", p.email},
	}
}

func personV2(p *fxPerson) any {
	first, last, _ := strings.Cut(p.name, " ")
	return obj{
		{"id", p.id}, {"name", p.name}, {"first_name", first}, {"last_name", last}, {"owner_id", p.owner.id},
		{"org_id", p.org.id}, {"add_time", isoTime(p.added)}, {"update_time", isoTime(p.added)},
		{"emails", []any{obj{{"value", p.email}, {"primary", true}, {"label", "work"}}}},
		{"phones", []any{obj{{"value", p.phone}, {"primary", true}, {"label", "work"}}}},
		{"is_deleted", false}, {"visible_to", 3}, {"label_ids", []any{}},
	}
}

// dealsFile is a deals page; the deleted deal is skipped.
func dealsFile(name string, deals []*fxDeal, render func(*fxDeal) any, after obj) *fxFile {
	f := pageFile(name, plugin.KindOpportunity, "", each(deals, render), after)
	for i, d := range deals {
		if d.deleted {
			f.rows[i].Skip = skipDeleted
		}
	}
	return f
}

func (d *fxDeal) closeTimes() (won, lost, closed any) {
	switch d.status {
	case "won":
		return v1Time(d.closed), nil, v1Time(d.closed)
	case "lost":
		return nil, v1Time(d.closed), v1Time(d.closed)
	}
	return nil, nil, nil
}

func (c *company) dealV1(d *fxDeal) any {
	won, lost, closed := d.closeTimes()
	status := d.status
	if d.deleted {
		status = "deleted"
	}
	var lostReason any
	if d.lostReason != "" {
		lostReason = d.lostReason
	}
	return obj{
		{"id", d.id}, {"creator_user_id", d.owner.id}, {"user_id", userRefV1(d.owner)},
		{"person_id", personRefV1(d.person)}, {"org_id", orgRefV1(d.org)}, {"stage_id", d.stage.id},
		{"title", d.title}, {"value", d.value}, {"currency", "EUR"},
		{"add_time", v1Time(d.added)}, {"update_time", v1Time(plugin.FirstSet(d.closed, d.added))},
		{"active", d.status == "open" && !d.deleted}, {"deleted", d.deleted}, {"status", status}, {"probability", nil},
		{"lost_reason", lostReason}, {"visible_to", "3"}, {"close_time", closed}, {"pipeline_id", pipelineID},
		{"won_time", won}, {"lost_time", lost}, {"products_count", 0},
		{"expected_close_date", dateOnly(d.expectedClose)}, {"org_name", d.org.name}, {"person_name", d.person.name},
		{"owner_name", d.owner.name}, {"formatted_value", fmt.Sprintf("€%.0f", d.value)},
	}
}

func dealV2(d *fxDeal) any {
	won, lost, closed := d.closeTimes()
	iso := func(v any) any {
		if v == nil {
			return nil
		}
		return strings.Replace(v.(string), " ", "T", 1) + "Z"
	}
	var lostReason any
	if d.lostReason != "" {
		lostReason = d.lostReason
	}
	return obj{
		{"id", d.id}, {"title", d.title}, {"owner_id", d.owner.id}, {"person_id", d.person.id}, {"org_id", d.org.id},
		{"pipeline_id", pipelineID}, {"stage_id", d.stage.id}, {"value", d.value}, {"currency", "EUR"},
		{"add_time", isoTime(d.added)}, {"update_time", isoTime(plugin.FirstSet(d.closed, d.added))},
		{"is_deleted", d.deleted}, {"is_archived", false}, {"status", d.status}, {"probability", nil},
		{"lost_reason", lostReason}, {"visible_to", 3}, {"close_time", iso(closed)}, {"won_time", iso(won)},
		{"lost_time", iso(lost)}, {"expected_close_date", dateOnly(d.expectedClose)}, {"label_ids", []any{}},
		{"origin", "ManuallyCreated"}, {"custom_fields", obj{}},
	}
}

// activitiesFile is an activities page; the deleted activity is skipped.
func activitiesFile(name string, activities []*fxActivity, items []any, after obj) *fxFile {
	f := pageFile(name, plugin.KindActivity, "", items, after)
	for i, a := range activities {
		if a.deleted {
			f.rows[i].Skip = skipDeleted
		}
	}
	return f
}

func orNil[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

func (a *fxActivity) ids() (org, person, deal any) {
	if a.org != nil {
		org = a.org.id
	}
	if a.person != nil {
		person = a.person.id
	}
	if a.deal != nil {
		deal = a.deal.id
	}
	return org, person, deal
}

func (a *fxActivity) names() (org, person, deal any) {
	if a.org != nil {
		org = a.org.name
	}
	if a.person != nil {
		person = a.person.name
	}
	if a.deal != nil {
		deal = a.deal.title
	}
	return org, person, deal
}

// v1 writes "" for an activity without a time, duration or completion.
func (a *fxActivity) v1Clock() (dueTime, duration, doneAt string) {
	if a.timed {
		dueTime = hhmm(a.at)
	}
	if a.duration > 0 {
		duration = hhmm(a.duration)
	}
	if a.done {
		doneAt = a.doneAt.Format("2006-01-02 15:04:05")
	}
	return dueTime, duration, doneAt
}

func (c *company) activityV1(a *fxActivity) any {
	org, person, deal := a.ids()
	orgName, personName, dealTitle := a.names()
	dueTime, duration, doneAt := a.v1Clock()
	done := 0
	if a.done {
		done = 1
	}
	return obj{
		{"id", a.id}, {"company_id", companyID}, {"user_id", a.owner.id}, {"done", done}, {"type", a.typ},
		{"due_date", dateOnly(a.due)}, {"due_time", dueTime}, {"duration", duration}, {"busy_flag", a.typ == "meeting"},
		{"add_time", v1Time(a.added)}, {"marked_as_done_time", doneAt}, {"subject", a.subject},
		{"location", orNil(a.location)}, {"org_id", org}, {"person_id", person}, {"deal_id", deal},
		{"lead_id", nil}, {"active_flag", !a.deleted}, {"update_time", v1Time(plugin.FirstSet(a.doneAt, a.added))},
		{"note", orNil(a.note)}, {"created_by_user_id", a.owner.id},
		{"org_name", orgName}, {"person_name", personName}, {"deal_title", dealTitle}, {"owner_name", a.owner.name},
		{"assigned_to_user_id", a.owner.id},
		{"attendees", attendeesV1(a.attendees)}, {"participants", participantsV1(a.participants)},
	}
}

func attendeesV1(attendees []fxAttendee) any {
	if len(attendees) == 0 {
		return nil
	}
	return each(attendees, func(at fxAttendee) any {
		email, name, person, user := at.identity()
		organizer := 0
		if at.organizer {
			organizer = 1
		}
		return obj{{"email_address", email}, {"is_organizer", organizer}, {"name", name},
			{"person_id", person}, {"status", at.status}, {"user_id", user}}
	})
}

func (at fxAttendee) identity() (email, name string, person, user any) {
	switch {
	case at.user != nil:
		return at.user.email, at.user.name, nil, at.user.id
	case at.person != nil:
		return at.person.email, at.person.name, at.person.id, nil
	}
	return at.email, at.name, nil, nil
}

func participantsV1(persons []*fxPerson) any {
	if len(persons) == 0 {
		return nil
	}
	return each(persons, func(p *fxPerson) any { return obj{{"person_id", p.id}, {"primary_flag", true}} })
}

func activityV2(a *fxActivity) any {
	org, person, deal := a.ids()
	var dueTime, duration any
	if a.timed {
		dueTime = hhmm(a.at)
	}
	if a.duration > 0 {
		duration = hhmm(a.duration)
	}
	var doneAt any
	if a.done {
		doneAt = isoTime(a.doneAt)
	}
	var location any
	if a.location != "" {
		location = obj{{"value", a.location}}
	}
	var attendees, participants any
	if len(a.attendees) > 0 {
		attendees = each(a.attendees, func(at fxAttendee) any {
			email, name, person, user := at.identity()
			return obj{{"email", email}, {"name", name}, {"status", at.status}, {"is_organizer", at.organizer},
				{"person_id", person}, {"user_id", user}}
		})
	}
	if len(a.participants) > 0 {
		participants = each(a.participants, func(p *fxPerson) any { return obj{{"person_id", p.id}, {"primary", true}} })
	}
	return obj{
		{"id", a.id}, {"subject", a.subject}, {"type", a.typ}, {"owner_id", a.owner.id}, {"creator_user_id", a.owner.id},
		{"is_deleted", a.deleted}, {"add_time", isoTime(a.added)}, {"update_time", isoTime(plugin.FirstSet(a.doneAt, a.added))},
		{"deal_id", deal}, {"lead_id", nil}, {"person_id", person}, {"org_id", org}, {"project_id", nil},
		{"due_date", dateOnly(a.due)}, {"due_time", dueTime}, {"duration", duration}, {"busy", a.typ == "meeting"},
		{"done", a.done}, {"marked_as_done_time", doneAt}, {"location", location},
		{"participants", participants}, {"attendees", attendees}, {"public_description", nil}, {"priority", nil}, {"note", orNil(a.note)},
	}
}
