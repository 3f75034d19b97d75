package dynamics

import (
	"fmt"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Participation types (participationtypemask) of activity parties.
const (
	maskSender    = 1
	maskOrganizer = 7
)

// nonAttendeeRoles are the participation types that name no one taking
// part: the activity's owner and regarding record repeated as parties,
// booked resources, related records.
var nonAttendeeRoles = map[int64]string{
	8:  "not an attendee: the regarding record (participationtypemask 8)",
	9:  "not an attendee: the activity's owner (participationtypemask 9)",
	10: "not an attendee: a booked resource (participationtypemask 10)",
	13: "not an attendee: a related record (participationtypemask 13)",
}

// attendeeRoles are the participation types of people taking part: sender,
// To, Cc, Bcc, required, optional, organizer, customer, chat participant;
// 0 when the export does not say.
var attendeeRoles = map[int64]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 11: true, 12: true}

// impliedRoles are the attributes an activity's parties can be expanded
// under with the participation type they imply; other expansions end in
// _activity_parties (appointment_activity_parties) and say it per party.
var impliedRoles = map[string]int64{"requiredattendees": 5, "optionalattendees": 6, "organizer": maskOrganizer}

const (
	skipPartyNoOne          = "a party with neither a record nor an address"
	skipPartyActivityAbsent = "its activity is not in the export"
	skipPartyUnloaded       = "its activity was not loaded (canceled, a series or rejected)"
	skipPartyExpanded       = "already read with its activity's expanded parties"
	skipPartyRepeated       = "the same party again, in another role in the same activity"
)

// party is an activityparty: who, by which address, in which role.
type party struct {
	lookup
	address string
	mask    int64
}

func readParty(r *record, impliedMask int64) party {
	mask, ok := r.Int("participationtypemask")
	if !ok {
		mask = impliedMask
	}
	return party{lookup: r.lookup("_partyid_value"), address: strings.TrimSpace(r.Text("addressused")), mask: mask}
}

// attendee turns a party into an attendee, or says why it is none.
func (run *readRun) attendee(p party) (plugin.Attendee, string) {
	if reason, ok := nonAttendeeRoles[p.mask]; ok {
		return plugin.Attendee{}, reason
	}
	if !attendeeRoles[p.mask] {
		return plugin.Attendee{}, fmt.Sprintf("not an attendee: participationtypemask %d", p.mask)
	}
	a := plugin.Attendee{Name: p.name, Email: p.address, Organizer: p.mask == maskOrganizer || p.mask == maskSender}
	if p.id == "" {
		// An address Dataverse could not resolve to a record: a
		// colleague's if it is a user's address, else an outsider's.
		if p.address == "" {
			return plugin.Attendee{}, skipPartyNoOne
		}
		a.UserID = run.userByEmail[strings.ToLower(p.address)]
		a.Internal = a.UserID != ""
		return a, ""
	}
	switch table := run.partyTable(p.lookup); table {
	case "systemuser":
		a.UserID, a.Internal = p.id, true
	case "contact", "lead":
		a.ContactID = p.id
	case "account":
		// The company itself (a call to its switchboard): an outsider,
		// but no contact.
		if a.Name == "" && a.Email == "" {
			return plugin.Attendee{}, skipPartyNoOne
		}
	default:
		return plugin.Attendee{}, fmt.Sprintf("not a person: a %s party", table)
	}
	return a, ""
}

// partyTable is the table of a party's record. Without annotations, a
// party that is neither a user nor an account read earlier is taken for a
// contact: parties are people, and contacts are the people a sales team
// deals with.
func (run *readRun) partyTable(l lookup) string {
	if table := run.tableOf(l); table != "" {
		return table
	}
	return "contact"
}

// expandedParties reads the parties expanded inline in an activity, and
// whether the export expanded them at all.
func (run *readRun) expandedParties(r *record) ([]plugin.Attendee, bool) {
	var keys []string
	for _, k := range r.Names() {
		if _, implied := impliedRoles[k]; implied || strings.HasSuffix(k, "_activity_parties") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []plugin.Attendee
	expanded := false
	for _, k := range keys {
		items := r.List(k, "an array")
		expanded = expanded || r.Has(k)
		for i, raw := range items {
			f, err := r.Nested(fmt.Sprintf("%s[%d]", k, i), raw)
			if err != nil {
				r.FailWith(err)
				return nil, expanded
			}
			p := &record{f}
			pt := readParty(p, impliedRoles[k])
			if p.Err != nil {
				r.FailWith(p.Err)
				return nil, expanded
			}
			a, notAttendee := run.attendee(pt)
			if notAttendee != "" {
				continue
			}
			a.Line = r.Line
			out = plugin.AddAttendee(out, a, attendeeKey)
		}
	}
	return out, expanded
}

func attendeeKey(a plugin.Attendee) string {
	switch {
	case a.UserID != "":
		return "user:" + a.UserID
	case a.ContactID != "":
		return "contact:" + a.ContactID
	case a.Email != "":
		return "email:" + strings.ToLower(a.Email)
	}
	return "name:" + a.Name
}

// readParty reads an activityparty: a party of an activity saved without
// them expanded, streamed as an attendee of its own.
func (run *readRun) readParty(r *record, out *plugin.FileWriter) error {
	r.requiredID("activitypartyid")
	activityID := r.requiredID("_activityid_value")
	p := readParty(r, 0)
	if r.Err != nil {
		return r.Err
	}
	switch run.activities[activityID] {
	case activityAbsent:
		return plugin.Skip(skipPartyActivityAbsent)
	case activityNotLoaded:
		return plugin.Skip(skipPartyUnloaded)
	case activityWithParties:
		return plugin.Skip(skipPartyExpanded)
	}
	a, notAttendee := run.attendee(p)
	if notAttendee != "" {
		return plugin.Skip(notAttendee)
	}
	seen := activityID + "/" + attendeeKey(a)
	if run.partiesSeen[seen] {
		return plugin.Skip(skipPartyRepeated)
	}
	run.partiesSeen[seen] = true
	a.ActivityID, a.Line = activityID, r.Line
	return out.Attendee(a)
}
