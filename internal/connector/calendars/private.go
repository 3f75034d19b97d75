package calendars

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// Privacy is how private an event says it is, in the member that says so
// (Graph's sensitivity, Google's visibility).
type Privacy struct {
	// Private: "private" or "confidential". The event counts as its
	// owner's time; nothing else of it leaves the connector.
	Private bool
	// Unknown: the member is there but not text, which may hide a private
	// event: it is treated as one, short of being marked so.
	Unknown bool
}

// ReadPrivacy reads the member of f that says how private the event is.
func ReadPrivacy(f *apipages.Fields, member string) Privacy {
	raw, present := f.Value(member)
	level := strings.ToLower(apipages.Text(raw))
	return Privacy{Private: level == "private" || level == "confidential", Unknown: present && level == ""}
}

// Hidden reports whether the event's subject, place and people must not
// even be read.
func (p Privacy) Hidden() bool { return p.Private || p.Unknown }

// Failed settles an event whose mapping failed (f.Err set): a hidden
// event is rejected here with a redacted excerpt showing only the members
// in keep, other events get f.Err back for the read loop to reject. ok is
// false when nothing failed.
func (p Privacy) Failed(out plugin.RowOutput, f *apipages.Fields, keep ...string) (ok bool, outcome error) {
	switch {
	case f.Err == nil:
		return false, nil
	case p.Hidden():
		return true, rejectPrivate(out, f, keep...)
	}
	return true, f.Err
}

// CheckOrder fails f when the event ends before it starts.
func CheckOrder(f *apipages.Fields, start, end time.Time) {
	if !end.IsZero() && end.Before(start) {
		f.Fail("end", "the event ends (%s) before it starts (%s)", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
}

// Redacted is an excerpt of a private event for its reject: only the
// members named in keep (its ID and times, never its subject, place or
// people), so that fixing the export does not show what its owner kept
// private.
func Redacted(f *apipages.Fields, keep ...string) string {
	kept := map[string]json.RawMessage{}
	for _, name := range keep {
		if v, ok := f.Value(name); ok {
			kept[name] = v
		}
	}
	b, _ := json.Marshal(kept) // raw messages decoded from JSON marshal
	return string(b) + " (private event: its other members are not shown)"
}

// rejectPrivate rejects a private event (or one whose privacy cannot be
// read) that failed, with a redacted excerpt instead of the record as
// written, which the read loop would put in the reject; a reason about a
// member not in keep (an attendee list that is not one, quoting it) is
// replaced by one that quotes nothing. The row is settled by the reject
// itself: the mapping returns what this returns.
func rejectPrivate(out plugin.RowOutput, f *apipages.Fields, keep ...string) error {
	reason := f.Err.Reason
	if !Shown(f.Err.Field, keep) {
		reason = HiddenReason
	}
	return out.Reject(plugin.Reject{Line: f.Line, Field: f.Err.Field, Reason: reason,
		Raw: Redacted(f, keep...), Kind: plugin.KindActivity})
}

// HiddenReason replaces the reason of a private event's reject that is
// about a value its redacted excerpt does not show: the reason would
// quote it.
const HiddenReason = "cannot be read (the event is private: the value is not shown)"

// Shown reports whether field ("start.dateTime", "attendees", "DTSTART")
// is one of keep or inside one.
func Shown(field string, keep []string) bool {
	top, _, _ := strings.Cut(field, ".")
	for _, k := range keep {
		if strings.EqualFold(top, k) {
			return true
		}
	}
	return false
}
