package salesforce

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// skipRoleDefinition accounts for the rows of UserRole.csv: they are not
// records of their own but name users' roles and give the hierarchy that
// stands in for empty ManagerId fields.
const skipRoleDefinition = "role definition: used for users' roles and managers, not loaded on its own"

// role is a row of UserRole.csv.
type role struct {
	name     string
	parentID string
}

type roleReader struct {
	roles                map[string]role
	id, name, parentRole column
}

func (run *readRun) newRoleReader(t *table) (rowReader, error) {
	return &roleReader{
		roles:      run.roles,
		id:         t.column("Id"),
		name:       t.column("Name"),
		parentRole: t.column("ParentRoleId"),
	}, nil
}

func (rr *roleReader) readRow(r *row) error {
	id := r.requiredID(rr.id)
	parent := r.id(rr.parentRole)
	if r.err != nil {
		return r.err
	}
	rr.roles[id] = role{name: r.text(rr.name), parentID: parent}
	return plugin.Skip(skipRoleDefinition)
}

// userReader keeps the users until it has read them all: a user's manager
// may be whoever holds the parent of the user's role, which can be any row
// of the file. Users are few, so holding them costs nothing.
type userReader struct {
	out   fileOutput
	roles map[string]role
	users []pendingUser

	id, firstName, lastName, fullName, email, title column
	isActive, roleID, managerID, userType           column
	createdDate, lastModifiedDate                   column
}

type pendingUser struct {
	user   plugin.User
	roleID string
}

func (run *readRun) newUserReader(t *table) (rowReader, error) {
	return &userReader{
		out:              t.out,
		roles:            run.roles,
		id:               t.column("Id"),
		firstName:        t.column("FirstName"),
		lastName:         t.column("LastName"),
		fullName:         t.column("Name"),
		email:            t.column("Email"),
		title:            t.column("Title"),
		isActive:         t.column("IsActive"),
		roleID:           t.column("UserRoleId"),
		managerID:        t.column("ManagerId"),
		userType:         t.column("UserType"),
		createdDate:      t.column("CreatedDate"),
		lastModifiedDate: t.column("LastModifiedDate"),
	}, nil
}

func (ur *userReader) readRow(r *row) error {
	if userType := strings.TrimSpace(r.text(ur.userType)); userType != "" && !strings.EqualFold(userType, "Standard") {
		// Automated process, integration, portal and Chatter-only users
		// are not sales people.
		return plugin.Skip("not a person: UserType=" + userType)
	}
	u := plugin.User{
		ID:        r.requiredID(ur.id),
		Name:      ur.name(r),
		Email:     r.text(ur.email),
		Title:     r.text(ur.title),
		ManagerID: r.id(ur.managerID),
		Active:    r.boolean(ur.isActive),
		// Salesforce has no hire date: the user record's creation is
		// the closest fact.
		JoinedAt: r.datetime(ur.createdDate),
		Line:     r.Line,
	}
	// Nor has it a leaving date. An inactive user's record is last
	// modified when it is deactivated, usually when the person leaves, so
	// LastModifiedDate stands in for it; a later edit of the inactive
	// record would move it.
	if !u.Active && ur.lastModifiedDate.present() {
		u.LeftAt = r.datetime(ur.lastModifiedDate)
	}
	roleID := r.id(ur.roleID)
	if r.err != nil {
		return r.err
	}
	u.Role = ur.roles[roleID].name
	ur.users = append(ur.users, pendingUser{user: u, roleID: roleID})
	return nil
}

// name is "FirstName LastName", or the Name column of exports that have
// only that.
func (ur *userReader) name(r *row) string {
	full := strings.TrimSpace(r.text(ur.firstName) + " " + r.text(ur.lastName))
	if full == "" {
		return strings.TrimSpace(r.text(ur.fullName))
	}
	return full
}

// finish fills in managers from the role hierarchy and sends the users.
func (ur *userReader) finish() error {
	deriveManagers(ur.users, ur.roles)
	for i := range ur.users {
		if err := ur.out.User(ur.users[i].user); err != nil {
			return err
		}
	}
	return nil
}

// deriveManagers gives a user with no ManagerId the user who holds the
// parent of the user's role, if exactly one person does: many Salesforce
// orgs leave ManagerId empty and rely on the role hierarchy.
func deriveManagers(users []pendingUser, roles map[string]role) {
	holders := map[string][]*plugin.User{}
	for i := range users {
		if id := users[i].roleID; id != "" {
			holders[id] = append(holders[id], &users[i].user)
		}
	}
	for i := range users {
		u := &users[i]
		if u.user.ManagerID != "" || u.roleID == "" {
			continue
		}
		parent := roles[u.roleID].parentID
		if parent == "" {
			continue
		}
		if manager := soleHolder(holders[parent]); manager != nil && manager.ID != u.user.ID {
			u.user.ManagerID = manager.ID
		}
	}
}

// soleHolder is the one user who holds a role, or nil. A predecessor who
// left often keeps the role on an inactive record, so when several users
// hold it but exactly one is active, that one is the holder.
func soleHolder(users []*plugin.User) *plugin.User {
	if len(users) == 1 {
		return users[0]
	}
	var active *plugin.User
	for _, u := range users {
		if u.Active {
			if active != nil {
				return nil
			}
			active = u
		}
	}
	return active
}
