package salesforce

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

const (
	skipWhatRelation    = "a \"what\" relation (the event's account or opportunity), not an attendee"
	skipUnloadedEvent   = "its event was not loaded (deleted, a child copy or rejected)"
	skipOtherRelationTo = "relation to neither a user nor a contact or lead (a resource or another object)"
)

// eventRelationReader reads EventRelation.csv, where Salesforce lists who
// takes part in an event: invited users (005…) and contacts or leads (003…,
// 00Q…), invited or named as the event's "who". Each becomes an attendee
// streamed on its own, tied to its event by ActivityID.
type eventRelationReader struct {
	out                                 fileOutput
	unloadedEvents                      map[string]bool
	eventID, relationID, isWhat, status column
}

func (run *readRun) newEventRelationReader(t *table) (rowReader, error) {
	return &eventRelationReader{
		out:            t.out,
		unloadedEvents: run.unloadedEvents,
		eventID:        t.column("EventId"),
		relationID:     t.column("RelationId"),
		isWhat:         t.column("IsWhat"),
		status:         t.column("Status"),
	}, nil
}

func (rr *eventRelationReader) readRow(r *row) error {
	eventID := r.requiredID(rr.eventID)
	relationID := r.requiredID(rr.relationID)
	isWhat := r.boolean(rr.isWhat)
	if r.err != nil {
		return r.err
	}
	switch {
	case rr.unloadedEvents[eventID]:
		return plugin.Skip(skipUnloadedEvent)
	case isWhat:
		return plugin.Skip(skipWhatRelation)
	}
	a := plugin.Attendee{ActivityID: eventID, Response: r.text(rr.status), Line: r.Line}
	switch {
	case strings.HasPrefix(relationID, prefixUser):
		a.UserID, a.Internal = relationID, true
	case isContactOrLead(relationID):
		a.ContactID = relationID
	default:
		return plugin.Skip(skipOtherRelationTo)
	}
	return rr.out.Attendee(a)
}
