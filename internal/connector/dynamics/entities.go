package dynamics

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// entity is a Dataverse table the connector reads, known in a saved page by
// its entity set in @odata.context, by the file's name or by its primary
// key.
type entity struct {
	name       string // logical name: appointment
	set        string // entity set name: appointments
	kind       plugin.RecordKind
	primaryKey string
	// rank orders the reading: users before the records that name them,
	// opportunities before the activities regarding them, activities
	// before the parties file that refers to them.
	rank int
}

// RecordKind and Rank make an entity an apipages.Collection.
func (c entity) RecordKind() plugin.RecordKind { return c.kind }
func (c entity) Rank() int                     { return c.rank }

var (
	systemUserEntity      = entity{"systemuser", "systemusers", plugin.KindUser, "systemuserid", 0}
	accountEntity         = entity{"account", "accounts", plugin.KindAccount, "accountid", 1}
	opportunityEntity     = entity{"opportunity", "opportunities", plugin.KindOpportunity, "opportunityid", 2}
	appointmentEntity     = entity{"appointment", "appointments", plugin.KindActivity, "activityid", 3}
	phoneCallEntity       = entity{"phonecall", "phonecalls", plugin.KindActivity, "activityid", 3}
	taskEntity            = entity{"task", "tasks", plugin.KindActivity, "activityid", 3}
	emailEntity           = entity{"email", "emails", plugin.KindActivity, "activityid", 3}
	activityPointerEntity = entity{"activitypointer", "activitypointers", plugin.KindActivity, "activityid", 3}
	activityPartyEntity   = entity{"activityparty", "activityparties", plugin.KindAttendee, "activitypartyid", 4}
)

var entities = []entity{
	systemUserEntity, accountEntity, opportunityEntity,
	appointmentEntity, phoneCallEntity, taskEntity, emailEntity, activityPointerEntity,
	activityPartyEntity,
}

func filePatterns() []string {
	patterns := make([]string, 0, len(entities))
	for _, e := range entities {
		patterns = append(patterns, e.set+"*.json")
	}
	return patterns
}

func entityNamed(name string) (entity, bool) {
	name = strings.ToLower(name)
	for _, e := range entities {
		if name == e.set || name == e.name {
			return e, true
		}
	}
	return entity{}, false
}

// entityFromContext reads the entity set from an @odata.context URL such as
// https://org.crm4.dynamics.com/api/data/v9.2/$metadata#appointments(activityid,subject)
// or …$metadata#appointments/$entity.
func entityFromContext(context string) (entity, bool) {
	_, fragment, ok := strings.Cut(context, "$metadata#")
	if !ok {
		return entity{}, false
	}
	if i := strings.IndexAny(fragment, "(/"); i >= 0 {
		fragment = fragment[:i]
	}
	return entityNamed(fragment)
}

// entityFromKeys recognises a page saved under another name by the primary
// key of its first record. Activities of any type share activityid, so
// they are read as activitypointers, typed by their activitytypecode.
func entityFromKeys(keys map[string]bool) (entity, bool) {
	for _, e := range []entity{activityPartyEntity, systemUserEntity, opportunityEntity, accountEntity, activityPointerEntity} {
		if keys[e.primaryKey] {
			return e, true
		}
	}
	return entity{}, false
}
