package pipedrive

import (
	"fmt"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// skipManagerMapping accounts for the rows of the hierarchy file: they
// are not records of their own but give users their managers.
const (
	skipManagerMapping = "manager mapping: applied to the users, not loaded on its own"
	skipTopOfHierarchy = "manager mapping with no manager: the top of the hierarchy"
	skipNoUsers        = "manager mapping: the export has no users page to apply it to"
)

// pendingUser is a user read but not yet sent: the hierarchy, read after
// the users, still has to give it a manager.
type pendingUser struct {
	user plugin.User
	out  *plugin.FileWriter
	// managerLine is the hierarchy row that gave the manager, for
	// messages about a second row for the same user.
	managerLine int64
}

// userDirectory finds users by ID, e-mail or name: CSV exports and the
// hierarchy file name users, API pages give their IDs.
type userDirectory struct {
	users   []*pendingUser
	byID    map[string]*pendingUser
	byEmail map[string][]*pendingUser
	byName  map[string][]*pendingUser
}

func newUserDirectory() *userDirectory {
	return &userDirectory{
		byID:    map[string]*pendingUser{},
		byEmail: map[string][]*pendingUser{},
		byName:  map[string][]*pendingUser{},
	}
}

func (d *userDirectory) add(u *pendingUser) {
	d.users = append(d.users, u)
	if _, dup := d.byID[u.user.ID]; !dup {
		d.byID[u.user.ID] = u
	}
	if u.user.Email != "" {
		key := strings.ToLower(u.user.Email)
		d.byEmail[key] = append(d.byEmail[key], u)
	}
	if u.user.Name != "" {
		key := nameKey(u.user.Name)
		d.byName[key] = append(d.byName[key], u)
	}
}

func (d *userDirectory) empty() bool { return len(d.users) == 0 }

// find is the users a reference may mean: the one with that ID, else
// those with that e-mail, else those with that name.
func (d *userDirectory) find(ref string) []*pendingUser {
	ref = strings.TrimSpace(ref)
	if u, ok := d.byID[ref]; ok {
		return []*pendingUser{u}
	}
	if users := d.byEmail[strings.ToLower(ref)]; len(users) > 0 {
		return users
	}
	return d.byName[nameKey(ref)]
}

// idByEmail is the ID of the one user with an e-mail, or "".
func (d *userDirectory) idByEmail(email string) string {
	if users := d.byEmail[strings.ToLower(strings.TrimSpace(email))]; len(users) == 1 {
		return users[0].user.ID
	}
	return ""
}

// resolve is the one user a reference means; a reference that means no
// one, or several people, fails the record.
func (d *userDirectory) resolve(f field) *pendingUser {
	users := d.find(f.value())
	switch len(users) {
	case 1:
		return users[0]
	case 0:
		f.fail("no user %q in the users page (matched by ID, e-mail or name)", f.value())
	default:
		f.fail("%d users are called %q (IDs %s): name the user by ID or e-mail", len(users), f.value(), userIDs(users))
	}
	return nil
}

// userID is the ID of the user a CSV export names. With no users page
// there is nothing to match the name to, and the name stands in for the
// ID, so that activities are still told apart by person.
func (d *userDirectory) userID(f field) string {
	if f.empty() {
		return ""
	}
	if d.empty() {
		return f.value()
	}
	if u := d.resolve(f); u != nil {
		return u.user.ID
	}
	return ""
}

func userIDs(users []*pendingUser) string {
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.user.ID
	}
	sort.Strings(ids)
	return strings.Join(ids, ", ")
}

// userFile is a users page read, whose users are sent once they have their
// managers.
type userFile struct {
	out  *plugin.FileWriter
	rows int64
}

// sendUsers sends the users, managers and all, and closes their files.
func (run *readRun) sendUsers() error {
	for _, u := range run.users.users {
		if err := u.out.User(u.user); err != nil {
			return err
		}
	}
	for _, f := range run.userFiles {
		if err := f.out.Done(f.rows); err != nil {
			return err
		}
	}
	return nil
}

// newUserReader reads users pages (GET /v1/users: v2 has no users).
func (run *readRun) newUserReader(out *plugin.FileWriter, _ *csvfile.Reader) (recordReader, error) {
	return recordReader{api: func(r apiRecord) error {
		u := plugin.User{
			ID:     r.text("id").requiredID(),
			Name:   r.text("name").value(),
			Email:  r.text("email").value(),
			Active: r.text("active_flag").flag(true) && !r.text("is_deleted").flag(false),
			// Pipedrive has no hire date: the user's creation is the
			// closest fact.
			JoinedAt: r.text("created").dateTime(),
			Line:     r.Line,
		}
		// Nor a leaving date: a deactivated user's record is last
		// modified when the user is deactivated, usually when the
		// person leaves.
		if !u.Active {
			u.LeftAt = r.text("modified").dateTime()
			if !u.LeftAt.IsZero() && u.LeftAt.Before(u.JoinedAt) {
				u.LeftAt = u.JoinedAt
			}
		}
		if u.Name == "" && u.Email == "" {
			r.Fail("name", "the user has neither a name nor an e-mail")
		}
		if r.Err != nil {
			return r.Err
		}
		run.users.add(&pendingUser{user: u, out: out})
		return nil
	}}, nil
}

// newHierarchyReader reads the mapping of users to managers: a CSV file
// with a "user" and a "manager" column, each a user's ID, e-mail or name.
// An empty manager marks the top of the hierarchy.
func (run *readRun) newHierarchyReader(_ *plugin.FileWriter, t *csvfile.Reader) (recordReader, error) {
	user, manager := t.Lookup("user"), t.Lookup("manager")
	if !user.Present() || !manager.Present() {
		return recordReader{}, fmt.Errorf("%s: the hierarchy file needs a \"user\" and a \"manager\" column (header %q)",
			t.Name(), t.Header())
	}
	return recordReader{csv: func(r csvRow) error {
		return run.applyManager(r, r.field(user), r.field(manager))
	}}, nil
}

func (run *readRun) applyManager(r csvRow, userRef, managerRef field) error {
	if run.users.empty() {
		return plugin.Skip(skipNoUsers)
	}
	u := run.users.resolve(userRef)
	if managerRef.empty() {
		if r.Err != nil {
			return r.Err
		}
		return plugin.Skip(skipTopOfHierarchy)
	}
	m := run.users.resolve(managerRef)
	if r.Err != nil {
		return r.Err
	}
	switch {
	case u == m:
		managerRef.fail("%s cannot be their own manager", userRef.value())
	case u.user.ManagerID != "":
		userRef.fail("%s already has a manager (%s, line %d)", userRef.value(), u.user.ManagerID, u.managerLine)
	case run.manages(u, m):
		managerRef.fail("%s reports to %s, directly or not: the hierarchy would be a loop", managerRef.value(), userRef.value())
	}
	if r.Err != nil {
		return r.Err
	}
	u.user.ManagerID, u.managerLine = m.user.ID, r.Line
	return plugin.Skip(skipManagerMapping)
}

// manages reports whether m is below u in the hierarchy so far.
func (run *readRun) manages(u, m *pendingUser) bool {
	for seen, next := 0, m; next != nil && seen <= len(run.users.users); seen++ {
		if next.user.ManagerID == u.user.ID {
			return true
		}
		next = run.users.byID[next.user.ManagerID]
	}
	return false
}
