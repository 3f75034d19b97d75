package hubspot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// Skip reasons of owners and the manager mapping.
const (
	skipNotPerson        = "not a person: an owner of type "
	skipHierarchyRow     = "manager mapping row: applied to the owners' managers, not loaded on its own"
	skipHierarchyNoOwner = "manager mapping row: there is no owners file to apply it to"
)

// ownerIndex finds owners by ID, e-mail or full name: UI exports name an
// owner ("Ana Costa") where API pages give the ID.
type ownerIndex struct {
	byID    map[string]bool
	byEmail map[string]string
	// byName holds "" for a name two owners share: it cannot be resolved.
	byName map[string]string
}

func newOwnerIndex() *ownerIndex {
	return &ownerIndex{byID: map[string]bool{}, byEmail: map[string]string{}, byName: map[string]string{}}
}

func (ix *ownerIndex) add(u plugin.User) {
	ix.byID[u.ID] = true
	if u.Email != "" {
		ix.byEmail[strings.ToLower(u.Email)] = u.ID
	}
	if u.Name != "" {
		key := strings.ToLower(u.Name)
		if other, taken := ix.byName[key]; taken && other != u.ID {
			ix.byName[key] = ""
		} else {
			ix.byName[key] = u.ID
		}
	}
}

func (ix *ownerIndex) empty() bool { return len(ix.byID) == 0 }

// lookup finds the owner a reference names: an ID, an e-mail or a full
// name.
func (ix *ownerIndex) lookup(ref string) (string, bool) {
	if ix.byID[ref] {
		return ref, true
	}
	key := strings.ToLower(ref)
	if id, ok := ix.byEmail[key]; ok {
		return id, true
	}
	if id := ix.byName[key]; id != "" {
		return id, true
	}
	return "", false
}

// resolve is the owner ID for a reference, or the reference as written
// when no owner matches (no owners file, or a name it lacks): the
// activity keeps the only identity the export gives, and the audit shows
// it, rather than losing whose it was.
func (ix *ownerIndex) resolve(ref string) string {
	if ref == "" {
		return ""
	}
	if id, ok := ix.lookup(ref); ok {
		return id
	}
	return ref
}

// pendingOwner is an owner read but not yet sent: its manager comes from
// the mapping, read after all the owners.
type pendingOwner struct {
	user plugin.User
	out  *plugin.FileWriter
}

// readOwnerPages reads every owners page into run.pendingOwners and the
// index. The files are marked done once the owners are sent.
func (run *readRun) readOwnerPages(ctx context.Context) error {
	for _, f := range run.inv.owners {
		out := run.w.File(f.file.Name)
		rows, err := apipages.ScanPage(ctx, run.src, f.file, apipages.Page{Keys: resultsKeys, What: pageWhat}, plugin.Table[apipages.Record]{Out: out, Kind: plugin.KindUser, Map: func(rec apipages.Record) error {
			return run.readOwner(rec, out)
		}})
		if err != nil {
			return err
		}
		run.ownerRows = append(run.ownerRows, fileRows{out, rows})
	}
	return nil
}

func (run *readRun) readOwner(rec apipages.Record, out *plugin.FileWriter) error {
	e, err := run.apiEntry(rec)
	if err != nil {
		return err
	}
	u, err := ownerToUser(e)
	if err != nil {
		return err
	}
	if run.owners.byID[u.ID] {
		return plugin.Skip(skipDuplicate)
	}
	run.owners.add(u)
	run.pendingOwners = append(run.pendingOwners, pendingOwner{user: u, out: out})
	return nil
}

// ownerToUser maps an owner: a record of the owners API
// (/crm/v3/owners), not an object with properties, and with no manager.
// An archived owner is a deactivated user: loaded as inactive, since
// their activities still count, and as having left when the owner record
// was last changed.
func ownerToUser(e *entry) (plugin.User, error) {
	if typ := e.Text("type"); typ != "" && !strings.EqualFold(typ, "PERSON") {
		return plugin.User{}, plugin.Skip(skipNotPerson + typ)
	}
	u := plugin.User{
		ID:    e.Text("id"),
		Name:  strings.TrimSpace(e.Text("firstName") + " " + e.Text("lastName")),
		Email: e.Text("email"),
		Role:  primaryTeam(e),
		Line:  e.Line,
	}
	archived := e.archived()
	u.Active = !archived
	u.JoinedAt = e.parseTime("createdAt", e.Text("createdAt"))
	if archived {
		u.LeftAt = e.parseTime("updatedAt", e.Text("updatedAt"))
	}
	switch {
	case u.ID == "":
		e.Fail("id", "the owner has no ID")
	case !isDigits(u.ID):
		e.Fail("id", "%q is not a HubSpot owner ID (a number)", u.ID)
	case u.Name == "" && u.Email == "":
		e.Fail("email", "the owner has neither a name nor an e-mail")
	case !u.LeftAt.IsZero() && u.LeftAt.Before(u.JoinedAt):
		e.Fail("updatedAt", "the owner was archived (%s) before being created (%s)", u.LeftAt.Format(time.DateTime), u.JoinedAt.Format(time.DateTime))
	}
	if e.Err != nil {
		return plugin.User{}, e.Err
	}
	return u, nil
}

// primaryTeam is the owner's primary team, which stands for the role: a
// HubSpot team is usually a sales team ("Sales Benelux").
func primaryTeam(e *entry) string {
	var first string
	for i, raw := range e.List("teams", "a list") {
		team, err := e.Nested(fmt.Sprintf("teams[%d]", i), raw)
		if err != nil {
			e.FailWith(err)
			continue
		}
		name, primary := team.Text("name"), team.Bool("primary")
		e.adopt(team)
		if primary {
			return name
		}
		if i == 0 {
			first = name
		}
	}
	return first
}

// sendOwners sends the owners with their managers and marks their files
// done.
func (run *readRun) sendOwners() error {
	for _, p := range run.pendingOwners {
		p.user.ManagerID = run.managers[p.user.ID]
		if err := p.out.User(p.user); err != nil {
			return err
		}
	}
	for _, f := range run.ownerRows {
		if err := f.out.Done(f.rows); err != nil {
			return err
		}
	}
	return nil
}

type fileRows struct {
	out  *plugin.FileWriter
	rows int64
}
