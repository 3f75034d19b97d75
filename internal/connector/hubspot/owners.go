package hubspot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

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

// apiOwner is a record of the owners API (/crm/v3/owners): not an object
// with properties, and with no manager.
type apiOwner struct {
	ID        flexString `json:"id"`
	Email     flexString `json:"email"`
	FirstName flexString `json:"firstName"`
	LastName  flexString `json:"lastName"`
	Type      flexString `json:"type"`
	Archived  flexString `json:"archived"`
	CreatedAt flexString `json:"createdAt"`
	UpdatedAt flexString `json:"updatedAt"`
	Teams     []struct {
		Name    flexString `json:"name"`
		Primary bool       `json:"primary"`
	} `json:"teams"`
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
		rows, err := run.scanPage(ctx, f, plugin.Table[apipages.Record]{Out: out, Kind: plugin.KindUser, Map: func(rec apipages.Record) error {
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
	u, err := ownerToUser(rec, run.opts)
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

// ownerToUser maps an owner. An archived owner is a deactivated user:
// loaded as inactive, since their activities still count, and as having
// left when the owner record was last changed.
func ownerToUser(rec apipages.Record, opts options) (plugin.User, error) {
	var o apiOwner
	if err := json.Unmarshal(rec.Raw, &o); err != nil {
		return plugin.User{}, undecodable(err)
	}
	if typ := strings.TrimSpace(string(o.Type)); typ != "" && !strings.EqualFold(typ, "PERSON") {
		return plugin.User{}, plugin.Skip(skipNotPerson + typ)
	}
	e := &entry{line: rec.Line, zone: opts.zone}
	u := plugin.User{
		ID:    strings.TrimSpace(string(o.ID)),
		Name:  strings.TrimSpace(strings.TrimSpace(string(o.FirstName)) + " " + strings.TrimSpace(string(o.LastName))),
		Email: strings.TrimSpace(string(o.Email)),
		Role:  primaryTeam(o),
		Line:  rec.Line,
	}
	archived, ok := parseBool(strings.TrimSpace(string(o.Archived)))
	if !ok {
		e.fail("archived", "%q is not true or false", o.Archived)
	}
	u.Active = !archived
	u.JoinedAt = e.parseTime("createdAt", strings.TrimSpace(string(o.CreatedAt)))
	if archived {
		u.LeftAt = e.parseTime("updatedAt", strings.TrimSpace(string(o.UpdatedAt)))
	}
	switch {
	case u.ID == "":
		e.fail("id", "the owner has no ID")
	case !isRecordID(u.ID):
		e.fail("id", "%q is not a HubSpot owner ID (a number)", u.ID)
	case u.Name == "" && u.Email == "":
		e.fail("email", "the owner has neither a name nor an e-mail")
	case !u.LeftAt.IsZero() && u.LeftAt.Before(u.JoinedAt):
		e.fail("updatedAt", "the owner was archived (%s) before being created (%s)", u.LeftAt.Format(timeLayout), u.JoinedAt.Format(timeLayout))
	}
	if e.err != nil {
		return plugin.User{}, e.err
	}
	return u, nil
}

// primaryTeam is the owner's primary team, which stands for the role: a
// HubSpot team is usually a sales team ("Sales Benelux").
func primaryTeam(o apiOwner) string {
	for _, t := range o.Teams {
		if t.Primary {
			return strings.TrimSpace(string(t.Name))
		}
	}
	if len(o.Teams) > 0 {
		return strings.TrimSpace(string(o.Teams[0].Name))
	}
	return ""
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

// undecodable is the reject for a record that is not the JSON object
// HubSpot writes.
func undecodable(err error) *plugin.RowError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return &plugin.RowError{Reason: fmt.Sprintf("not a HubSpot record: a JSON %s, not an object", typeErr.Value)}
		}
		return &plugin.RowError{Field: typeErr.Field, Reason: fmt.Sprintf("a JSON %s where HubSpot writes %s", typeErr.Value, jsonKind(typeErr.Type))}
	}
	return &plugin.RowError{Reason: "not a HubSpot record: " + err.Error()}
}

// jsonKind says what JSON a Go type is read from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "true or false"
	}
	return "a string"
}
