package csv

import (
	"errors"
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
)

// The users are sent once every user file is read: a manager named by
// name or e-mail can be on any row of any of them, and a team sheet names
// its managers only in its manager column (create: true), so they are
// made users of their own here.

// managersPart is appended to a file's name for the users created from
// its manager column: each such manager is a "row" of that part, so that
// the file's own rows still add up to its records, rejects and skips.
const managersPart = " (managers)"

// createdManager is a manager that a manager column names and no user row
// has.
type createdManager struct {
	user plugin.User
	// named is the manager as the column first wrote it; firstSeen the
	// user row that did, whose line the manager's record gets.
	named     string
	firstSeen *pendingUser
	// rows is how many user rows name the manager.
	rows int
	// typo, when set, says which name this one looks like a misspelling
	// of: its rows are loaded without a manager rather than given a
	// manager who is no one.
	typo string
}

// finishUsers resolves the managers, creates those the team sheets name
// only, and sends the users, the managers created and the manager
// references that could not be resolved.
func (run *readRun) finishUsers() error {
	for _, p := range run.users {
		run.refs.add(plugin.KindUser, p.user.ID, p.user.Name, p.user.Email, place{p.out.Name(), p.user.Line})
	}
	created := run.createManagers()
	run.resolveManagers(created)
	for _, p := range run.users {
		if err := run.sendUser(p); err != nil {
			return err
		}
	}
	if err := run.sendCreatedManagers(created); err != nil {
		return err
	}
	for _, p := range run.users {
		if err := run.parts.unresolved(p.out.Name(), plugin.KindUser, p.user.Line, p.raw, p.unresolved); err != nil {
			return err
		}
	}
	if err := run.parts.done(); err != nil {
		return err
	}
	for _, f := range run.userFiles {
		if err := f.out.Done(f.rows); err != nil {
			return err
		}
	}
	return nil
}

// createManagers finds the managers named only in a manager column with
// create: true, and makes them findable, but for the likely misspellings.
// They are keyed by how they are matched and their folded text.
func (run *readRun) createManagers() map[string]*createdManager {
	created := map[string]*createdManager{}
	var order []*createdManager
	for i := range run.users {
		p := &run.users[i]
		f := p.file.mapping.fields["manager_id"]
		if p.manager == "" || f == nil || !f.create {
			continue
		}
		_, err := run.refs.resolve(plugin.KindUser, f.match, p.manager, "manager")
		if missing := (*noSuchRecord)(nil); !errors.As(err, &missing) {
			continue // a user, a rejected user's row or an ambiguous name
		}
		key := createdKey(f.match, p.manager)
		c := created[key]
		if c == nil {
			c = run.newManager(p, f.match)
			created[key] = c
			order = append(order, c)
		}
		c.rows++
	}
	for _, c := range order {
		c.typo = run.typoOf(c, order)
		if c.typo == "" {
			run.refs.add(plugin.KindUser, c.user.ID, c.user.Name, c.user.Email, place{c.firstSeen.out.Name() + managersPart, c.user.Line})
		}
	}
	return created
}

func createdKey(match matchKey, text string) string { return string(match) + ":" + lookupText(text) }

// newManager is the user a manager column names. Its ID is the name (or
// e-mail) as written, as a team sheet's agents are known by theirs.
func (run *readRun) newManager(p *pendingUser, match matchKey) *createdManager {
	named := p.manager
	u := plugin.User{ID: named, Active: true, Line: p.user.Line}
	if run.refs.loadedIDs[plugin.KindUser][named] {
		u.ID = named + managersPart // a user's ID already; both are kept
	}
	if match == matchEmail {
		u.Email = named
	} else {
		u.Name = named
	}
	return &createdManager{user: u, named: named, firstSeen: p}
}

// resolveManagers sets every user's manager it can. A user whose manager
// cannot be found (a name no one has, a name several users have, a likely
// misspelling, a manager whose own row was rejected) is still loaded,
// without a manager, and the reference kept for its reject: a user is a
// person of the export whatever is wrong with the name of their manager,
// and rejecting them would reject every deal and activity they own.
func (run *readRun) resolveManagers(created map[string]*createdManager) {
	for i := range run.users {
		p := &run.users[i]
		if p.manager == "" {
			continue
		}
		id, err := run.managerOf(p, created)
		if err != nil {
			p.unresolved = append(p.unresolved, unresolvedRef{field: "manager_id", err: err})
			continue
		}
		p.user.ManagerID = id
	}
}

// managerOf is the ID of a user's manager.
func (run *readRun) managerOf(p *pendingUser, created map[string]*createdManager) (string, error) {
	f := p.file.mapping.fields["manager_id"]
	if c := created[createdKey(f.match, p.manager)]; f.create && c != nil && c.typo != "" {
		return "", fmt.Errorf("column %s: no user has the %s %q, which looks like a misspelling of %s; "+
			"if %s is someone else, give them a row of their own", f.column, f.match, p.manager, c.typo, p.manager)
	}
	id, err := run.refs.resolve(plugin.KindUser, f.match, p.manager, "manager")
	if err != nil {
		return "", fmt.Errorf("column %s: %w", f.column, err)
	}
	return id, nil
}

func (run *readRun) sendUser(p pendingUser) error {
	if f := p.file.mapping.fields["manager_id"]; f != nil && f.create && p.user.ManagerID != "" {
		p.user.ManagerFrom = plugin.ManagerFromTeamSheet
	}
	return p.out.User(p.user)
}

// sendCreatedManagers sends the managers created, each in the managers
// part of the file that first named them.
func (run *readRun) sendCreatedManagers(created map[string]*createdManager) error {
	for i := range run.users {
		p := &run.users[i]
		f := p.file.mapping.fields["manager_id"]
		if f == nil || !f.create || p.manager == "" {
			continue
		}
		c := created[createdKey(f.match, p.manager)]
		if c == nil || c.typo != "" || c.firstSeen != p {
			continue
		}
		if err := run.parts.row(p.out.Name(), managersPart).User(c.user); err != nil {
			return err
		}
	}
	return nil
}

// typoOf says which name a created manager's looks like a misspelling of:
// a user's, or another manager's that more rows name. "" when none.
func (run *readRun) typoOf(c *createdManager, candidates []*createdManager) string {
	f := c.firstSeen.file.mapping.fields["manager_id"]
	for _, p := range run.users {
		name := p.user.Name
		if f.match == matchEmail {
			name = p.user.Email
		}
		if looksMisspelt(c.named, name) {
			return fmt.Sprintf("%q (the user at %s line %d)", name, p.out.Name(), p.user.Line)
		}
	}
	for _, other := range candidates {
		if other.rows > c.rows && looksMisspelt(c.named, other.named) {
			return fmt.Sprintf("%q (the manager of %d other rows)", other.named, other.rows)
		}
	}
	return ""
}

// looksMisspelt reports two names a letter or two apart, as a name typed
// by hand in a spreadsheet is from the same name typed right. Names that
// differ only in case and spacing are the same name (lookupText).
func looksMisspelt(a, b string) bool {
	x, y := []rune(lookupText(a)), []rune(lookupText(b))
	if len(x) == 0 || len(y) == 0 || string(x) == string(y) {
		return false
	}
	allowed := 1
	if min(len(x), len(y)) >= 8 {
		allowed = 2
	}
	// Lengths further apart than that cannot be, and cost nothing to tell.
	if abs(len(x)-len(y)) > allowed {
		return false
	}
	return editDistance(x, y) <= allowed
}

func abs(n int) int { return max(n, -n) }

// editDistance is the Levenshtein distance: the fewest letters inserted,
// deleted or replaced to turn a into b.
func editDistance(a, b []rune) int {
	previous := make([]int, len(b)+1)
	current := make([]int, len(b)+1)
	for j := range previous {
		previous[j] = j
	}
	for i := 1; i <= len(a); i++ {
		current[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			current[j] = min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
		}
		previous, current = current, previous
	}
	return previous[len(b)]
}
