// Package hubspotapi writes HubSpot CRM v3 API responses as a script that
// pages through the API saves them: list pages {"results": [...],
// "paging": {"next": {"after", "link"}}} of objects {"id", "properties"
// (every value a string, null when empty), "createdAt", "updatedAt",
// "archived", "associations"} and of owners.
//
// It knows the format once, for everyone who writes an export: salesaudit
// generate and the connector tests' fixture builders.
package hubspotapi

import (
	"slices"
	"strconv"
	"time"
)

// Object is a record of /crm/v3/objects/<object>.
type Object struct {
	ID           string                  `json:"id"`
	Properties   map[string]*string      `json:"properties"`
	CreatedAt    string                  `json:"createdAt"`
	UpdatedAt    string                  `json:"updatedAt"`
	Archived     bool                    `json:"archived"`
	Associations map[string]Associations `json:"associations,omitempty"`
}

// Associations are a record's associations with one object type.
type Associations struct {
	Results []Association `json:"results"`
}

// Association is one associated record and the association's type
// ("deal_to_company", "meeting_event_to_contact").
type Association struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// Owner is a record of /crm/v3/owners.
type Owner struct {
	ID                      string `json:"id"`
	Email                   string `json:"email"`
	Type                    string `json:"type"`
	FirstName               string `json:"firstName"`
	LastName                string `json:"lastName"`
	UserID                  int64  `json:"userId"`
	UserIDIncludingInactive int64  `json:"userIdIncludingInactive"`
	CreatedAt               string `json:"createdAt"`
	UpdatedAt               string `json:"updatedAt"`
	Archived                bool   `json:"archived"`
	Teams                   []Team `json:"teams,omitempty"`
}

// Team is one of an owner's teams.
type Team struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Primary bool   `json:"primary"`
}

// Properties the API returns for each object when asked for them: the
// ones the audit reads (crm-formats.md). A property asked for is in every
// record, null where the record has no value.
var (
	CompanyProperties = []string{"name", "hubspot_owner_id", "annualrevenue", "hs_ideal_customer_profile",
		"lifecyclestage", "industry"}
	DealProperties = []string{"dealname", "amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id",
		"hs_is_closed_won", "createdate"}
	MeetingProperties = []string{"hs_timestamp", "hs_meeting_title", "hubspot_owner_id", "hs_meeting_start_time",
		"hs_meeting_end_time", "hs_meeting_outcome", "hs_attendee_owner_ids", "hs_activity_type", "hs_meeting_location"}
	CallProperties = []string{"hs_call_title", "hs_timestamp", "hubspot_owner_id", "hs_call_duration",
		"hs_call_direction", "hs_call_status", "hs_call_disposition"}
	TaskProperties = []string{"hs_timestamp", "hs_task_subject", "hs_task_status", "hs_task_priority", "hs_task_type",
		"hubspot_owner_id", "hs_task_completion_date"}
	EmailProperties = []string{"hs_timestamp", "hs_email_subject", "hs_email_direction", "hubspot_owner_id"}
)

// NewObject is a record with its ID (also its hs_object_id property) and
// times, and the properties asked for, all null until set.
func NewObject(id string, created, updated time.Time, properties []string) Object {
	o := Object{ID: id, CreatedAt: Time(created), UpdatedAt: Time(updated),
		Properties: make(map[string]*string, len(properties)+8)}
	for _, p := range properties {
		o.Properties[p] = nil
	}
	o.Properties["hs_object_id"] = Value(id)
	return o
}

// Associate adds associations of one type; empty IDs are left out, and so
// are repeats.
func (o *Object) Associate(object, typ string, ids ...string) {
	list := o.Associations[object].Results
	for _, id := range ids {
		if id == "" || slices.ContainsFunc(list, func(a Association) bool { return a.ID == id }) {
			continue
		}
		list = append(list, Association{ID: id, Type: typ})
	}
	if len(list) == 0 {
		return
	}
	if o.Associations == nil {
		o.Associations = map[string]Associations{}
	}
	o.Associations[object] = Associations{Results: list}
}

// Value is a property value: null when empty, as the API writes it.
func Value(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Time is a time as the API writes it: ISO 8601 in UTC, to the
// millisecond; the zero time is "".
func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// Number is a number property's value: no more digits than it needs,
// never an exponent.
func Number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
