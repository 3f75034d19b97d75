package plugin

import "time"

// RecordKind names the kinds of record a connector streams.
type RecordKind string

const (
	KindUser        RecordKind = "user"
	KindAccount     RecordKind = "account"
	KindOpportunity RecordKind = "opportunity"
	KindActivity    RecordKind = "activity"
	// KindAttendee is an attendee streamed on its own, for exports that keep
	// attendees in a file of their own (Salesforce's EventRelation.csv).
	KindAttendee RecordKind = "attendee"
)

// RecordKinds lists every kind in the order the host loads them.
var RecordKinds = []RecordKind{KindUser, KindAccount, KindOpportunity, KindActivity, KindAttendee}

// ActivityKind is what sort of activity a record is.
type ActivityKind string

const (
	ActivityCall    ActivityKind = "call"
	ActivityMeeting ActivityKind = "meeting"
	ActivityEmail   ActivityKind = "email"
	ActivityTask    ActivityKind = "task"
	ActivityEvent   ActivityKind = "event"
	ActivityOther   ActivityKind = "other"
)

// ActivityKinds lists every activity kind, in the order a message listing
// them names them: the one list the host's configuration and the
// connectors' checks accept kinds from.
var ActivityKinds = []ActivityKind{ActivityCall, ActivityMeeting, ActivityEmail, ActivityTask, ActivityEvent, ActivityOther}

// Priority is an activity's priority, normalised from the CRM's values.
type Priority string

const (
	PriorityNone   Priority = ""
	PriorityHigh   Priority = "high"
	PriorityNormal Priority = "normal"
	PriorityLow    Priority = "low"
)

// IDs are strings scoped by source: two exports may reuse the same ID.
// Times are UTC; the zero time.Time means unknown. Line is the line of the
// input file where the record starts (1 is the header of a CSV).

// Where a user's manager comes from (User.ManagerFrom).
const (
	ManagerFromField         = "manager_field"
	ManagerFromRoleHierarchy = "role_hierarchy"
	ManagerFromTeamSheet     = "team_sheet"
)

// User is a person in the CRM.
type User struct {
	ID        string
	Name      string
	Email     string
	Title     string
	Role      string
	ManagerID string
	// ManagerFrom says where the manager comes from (ManagerFromField,
	// ManagerFromRoleHierarchy, ManagerFromTeamSheet), for the report to
	// tell; "" when the connector does not say.
	ManagerFrom string
	// ManagerCandidates are the users of the export of whom one is the
	// manager when the export cannot tell which (several users hold the
	// parent role): ManagerID is then empty, and the host picks the one
	// the user meets most in the audited period.
	ManagerCandidates []string
	Active            bool
	JoinedAt          time.Time
	LeftAt            time.Time
	Line              int64
}

// Account is a customer or prospect company.
type Account struct {
	ID            string
	Name          string
	OwnerID       string
	AnnualRevenue *float64
	Type          string
	// Tier is the account's tier as the CRM says it ("Tier 1", "A", "Key").
	Tier     string
	Industry string
	Line     int64
}

// Opportunity is a deal.
type Opportunity struct {
	ID        string
	AccountID string
	OwnerID   string
	Name      string
	Stage     string
	Amount    *float64
	IsClosed  bool
	IsWon     bool
	CloseDate time.Time
	CreatedAt time.Time
	Line      int64
}

// Activity is a call, meeting, e-mail, task or calendar event.
type Activity struct {
	ID            string
	Kind          ActivityKind
	Subject       string
	OwnerID       string
	AccountID     string
	OpportunityID string
	StartAt       time.Time
	EndAt         time.Time
	// DurationSeconds is the measured duration, 0 when the export has none.
	DurationSeconds int64
	Status          string
	IsClosed        bool
	Priority        Priority
	DueDate         time.Time
	CompletedAt     time.Time
	// RawType is the CRM's own type value, kept for classification rules.
	RawType string
	// Private is an event its owner marked private: it counts as the
	// owner's time, and its subject and attendees never leave the
	// connector (the SDK writes neither, whatever the connector set).
	Private   bool
	Attendees []Attendee
	Line      int64
}

// Attendee is a participant in an activity: an internal user or an
// external contact.
type Attendee struct {
	// ActivityID is set only on attendees streamed on their own.
	ActivityID string
	UserID     string
	ContactID  string
	Email      string
	Name       string
	Internal   bool
	Organizer  bool
	// Response is the invitation answer as the CRM says it ("Accepted").
	Response string
	Line     int64
}

// Reject is an input row the connector could not turn into a record.
type Reject struct {
	File   string
	Line   int64
	Field  string
	Reason string
	// Raw is an excerpt of the row, for the person fixing the export.
	Raw  string
	Kind RecordKind
}
