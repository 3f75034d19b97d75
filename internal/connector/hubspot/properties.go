package hubspot

// property is a HubSpot property: its internal name, which API pages use as
// the key in "properties", and the labels the UI's CSV exports use as
// headers. Several labels are accepted where HubSpot has renamed a label or
// shows a different one per object; the first is the current one.
type property struct {
	name   string
	labels []string
}

var (
	// Properties shared by every engagement (meetings, calls, tasks, e-mails).
	propTimestamp = &property{"hs_timestamp", []string{"Activity date"}}
	propOwner     = &property{"hubspot_owner_id", []string{"Activity assigned to"}}
	// propCreateDate is the engagement's creation; companies and deals call
	// it createdate.
	propCreateDate = &property{"hs_createdate", []string{"Create Date", "Created at"}}
	// propActivityType is the account's own "Call and meeting type".
	propActivityType = &property{"hs_activity_type", []string{"Call and meeting type", "Activity type"}}
	// Meetings.
	propMeetingTitle     = &property{"hs_meeting_title", []string{"Meeting name", "Meeting title"}}
	propMeetingStart     = &property{"hs_meeting_start_time", []string{"Start Time", "Meeting start time"}}
	propMeetingEnd       = &property{"hs_meeting_end_time", []string{"End Time", "Meeting end time"}}
	propMeetingOutcome   = &property{"hs_meeting_outcome", []string{"Meeting outcome"}}
	propAttendeeOwnerIDs = &property{"hs_attendee_owner_ids", []string{"HubSpot attendee owner IDs", "Attendee owner IDs"}}
	// Calls.
	propCallTitle    = &property{"hs_call_title", []string{"Call Title"}}
	propCallDuration = &property{"hs_call_duration", []string{"Call duration"}}
	propCallStatus   = &property{"hs_call_status", []string{"Call status"}}
	// Tasks. A task's hs_timestamp is its due date, which the UI labels so.
	propTaskDue            = &property{"hs_timestamp", []string{"Due date", "Activity date"}}
	propTaskSubject        = &property{"hs_task_subject", []string{"Task Title"}}
	propTaskStatus         = &property{"hs_task_status", []string{"Task Status"}}
	propTaskPriority       = &property{"hs_task_priority", []string{"Priority", "Task priority"}}
	propTaskType           = &property{"hs_task_type", []string{"Task Type"}}
	propTaskCompletionDate = &property{"hs_task_completion_date", []string{"Completed at", "Task completion date", "Completion date"}}
	// E-mails.
	propEmailSubject   = &property{"hs_email_subject", []string{"Email subject"}}
	propEmailDirection = &property{"hs_email_direction", []string{"Email direction"}}
	propEmailStatus    = &property{"hs_email_status", []string{"Email send status"}}
	// Companies.
	propCompanyName          = &property{"name", []string{"Company name"}}
	propCompanyOwner         = &property{"hubspot_owner_id", []string{"Company owner"}}
	propAnnualRevenue        = &property{"annualrevenue", []string{"Annual Revenue"}}
	propLifecycleStage       = &property{"lifecyclestage", []string{"Lifecycle Stage"}}
	propIndustry             = &property{"industry", []string{"Industry"}}
	propIdealCustomerProfile = &property{"hs_ideal_customer_profile", []string{"Ideal Customer Profile Tier", "Ideal customer profile tier"}}
	// Deals.
	propDealName       = &property{"dealname", []string{"Deal Name"}}
	propDealOwner      = &property{"hubspot_owner_id", []string{"Deal owner"}}
	propAmount         = &property{"amount", []string{"Amount"}}
	propDealStage      = &property{"dealstage", []string{"Deal Stage"}}
	propCloseDate      = &property{"closedate", []string{"Close Date"}}
	propDealCreateDate = &property{"createdate", []string{"Create Date"}}
	propIsClosedWon    = &property{"hs_is_closed_won", []string{"Is Closed Won"}}
	propIsClosed       = &property{"hs_is_closed", []string{"Is Deal Closed?", "Is closed"}}
	propIsClosedLost   = &property{"hs_is_closed_lost", []string{"Is closed lost", "Is Closed Lost"}}
)

// Associations, as properties: API pages carry them under "associations"
// by object type (the name); UI exports, when asked to include associated
// records, as columns of IDs separated by semicolons.
var (
	assocCompanies = &property{"companies", []string{"Associated Company IDs (Primary)", "Associated Company IDs", "Associated Company ID"}}
	assocContacts  = &property{"contacts", []string{"Associated Contact IDs", "Associated Contact ID"}}
	assocDeals     = &property{"deals", []string{"Associated Deal IDs", "Associated Deal ID"}}
)

// recordIDLabel is the first column of every UI export: the record's ID,
// which API records hold as their id and as hs_object_id.
const recordIDLabel = "Record ID"

var propRecordID = &property{"hs_object_id", []string{recordIDLabel}}
