package salesforce

import (
	"slices"
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
	if what, ok := systemUser(u.Name, u.Email); ok {
		return plugin.Skip("not a person: " + what)
	}
	u.Role = ur.roles[roleID].name
	ur.users = append(ur.users, pendingUser{user: u, roleID: roleID})
	return nil
}

// systemUserNames are the names Salesforce and its packages give the users
// they create, with UserType Standard like people's: lower case, matched
// inside the name.
var systemUserNames = []string{"integration user", "security user", "automated process", "platform integration",
	"salesforceiq", "chatter expert", "insights integration", "data.com clean", "system user"}

// systemUser says whether a Standard user is one of Salesforce's own
// (integration, security, automation), known by its name or its address
// (noreply@salesforce.com and the other @salesforce.com mailboxes, which
// no customer's employee has): they are not people whose time is audited.
func systemUser(name, email string) (what string, ok bool) {
	lower := strings.ToLower(name)
	for _, n := range systemUserNames {
		if strings.Contains(lower, n) {
			return "a Salesforce system user (" + name + ")", true
		}
	}
	if strings.HasSuffix(strings.ToLower(strings.TrimSpace(email)), "@salesforce.com") {
		return "a Salesforce system mailbox (" + email + ")", true
	}
	return "", false
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

// deriveManagers gives a user with no ManagerId a manager from the role
// hierarchy, as many Salesforce orgs leave ManagerId empty: the holder of
// the parent of the user's role or, when nobody holds it (a regional role
// left vacant), of the nearest role above that someone holds. When several
// users hold that role (a leadership role two directors share), the export
// cannot tell which is the manager: they become the user's candidates, and
// the audit picks the one the user meets most. A predecessor who left often
// keeps a role on an inactive record, so the active holders count first.
func deriveManagers(users []pendingUser, roles map[string]role) {
	holders := map[string][]*plugin.User{}
	for i := range users {
		if id := users[i].roleID; id != "" {
			holders[id] = append(holders[id], &users[i].user)
		}
	}
	for i := range users {
		u := &users[i].user
		if u.ManagerID != "" {
			u.ManagerFrom = plugin.ManagerFromField
			continue
		}
		found := nearestHolders(users[i].roleID, u.ID, roles, holders)
		switch {
		case len(found) == 1:
			u.ManagerID = found[0]
		case len(found) > 1:
			u.ManagerCandidates = found
		default:
			continue
		}
		u.ManagerFrom = plugin.ManagerFromRoleHierarchy
	}
}

// nearestHolders are the IDs, sorted, of the holders of the nearest role
// above roleID that someone other than the user holds: its active holders,
// else its inactive ones.
func nearestHolders(roleID, userID string, roles map[string]role, holders map[string][]*plugin.User) []string {
	seen := map[string]bool{roleID: true}
	for id := roles[roleID].parentID; id != "" && !seen[id]; id = roles[id].parentID {
		seen[id] = true
		var active, inactive []string
		for _, h := range holders[id] {
			switch {
			case h.ID == userID:
			case h.Active:
				active = append(active, h.ID)
			default:
				inactive = append(inactive, h.ID)
			}
		}
		found := active
		if len(found) == 0 {
			found = inactive
		}
		if len(found) > 0 {
			slices.Sort(found)
			return found
		}
	}
	return nil
}
