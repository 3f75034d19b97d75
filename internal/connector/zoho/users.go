package zoho

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// readUser reads a user of the users API.
func (run *readRun) readUser(r *record, out *plugin.FileWriter) error {
	u := plugin.User{
		ID:    r.requiredID("id"),
		Name:  plugin.FirstNonBlank(r.text("full_name"), strings.TrimSpace(r.text("first_name")+" "+r.text("last_name"))),
		Email: r.text("email"),
		// Zoho users have a role in the role hierarchy and a profile of
		// permissions, but no job title.
		Role:      r.lookup("role").name,
		ManagerID: r.lookup("Reporting_To").id,
		// Active, else deactivated, disabled or deleted.
		Active:   strings.EqualFold(r.text("status"), "active"),
		JoinedAt: r.datetime("created_time"),
		Line:     r.Line,
	}
	modified := r.datetime("Modified_Time")
	if r.Err != nil {
		return r.Err
	}
	if !u.Active && !modified.Before(u.JoinedAt) {
		// Zoho keeps no leaving date: deactivating a user is, as a rule,
		// the last change made to them.
		u.LeftAt = modified
	}
	run.users[u.ID] = true
	return out.User(u)
}
