package dynamics

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Dataverse access modes of users who are not people.
const (
	accessModeSupport        = 3
	accessModeNonInteractive = 4
)

const (
	skipApplicationUser    = "not a person: an application user (applicationid set)"
	skipSupportUser        = "not a person: a Microsoft support user (accessmode 3)"
	skipNonInteractiveUser = "not a person: a non-interactive user (accessmode 4)"
)

// readUser reads a systemuser.
func (run *readRun) readUser(r *record, out *plugin.FileWriter) error {
	u := plugin.User{
		ID:    r.requiredID("systemuserid"),
		Name:  plugin.FirstNonBlank(r.Text("fullname"), strings.TrimSpace(r.Text("firstname")+" "+r.Text("lastname"))),
		Email: strings.TrimSpace(r.Text("internalemailaddress")),
		Title: plugin.FirstNonBlank(r.Text("title"), r.Text("jobtitle")),
		// Dataverse's roles are security roles, not places in the sales
		// organisation; a hierarchy position is the nearest thing.
		Role:      r.formatted("_positionid_value"),
		ManagerID: r.id("_parentsystemuserid_value"),
		Active:    !r.Bool("isdisabled"),
		JoinedAt:  r.datetime("createdon"),
		Line:      r.Line,
	}
	modified := r.datetime("modifiedon")
	accessMode, _ := r.Int("accessmode")
	application := r.id("applicationid")
	if r.Err != nil {
		return r.Err
	}
	switch {
	case application != "":
		return plugin.Skip(skipApplicationUser)
	case accessMode == accessModeSupport:
		return plugin.Skip(skipSupportUser)
	case accessMode == accessModeNonInteractive:
		return plugin.Skip(skipNonInteractiveUser)
	}
	if !u.Active && !modified.Before(u.JoinedAt) {
		// Dataverse keeps no leaving date: disabling a user is, as a
		// rule, the last change made to them.
		u.LeftAt = modified
	}
	run.users[u.ID] = true
	if u.Email != "" {
		run.userByEmail[strings.ToLower(u.Email)] = u.ID
	}
	return out.User(u)
}
