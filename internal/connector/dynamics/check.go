package dynamics

import (
	"encoding/json"
	"strings"

	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// Confidence in an export: pages whose @odata.context names Dataverse
// entity sets are as clear as a saved response gets; pages known by file
// names and attribute names alone leave room for a lookalike.
const (
	confidenceByContext = 90
	confidenceByShape   = 80
)

// recordKeys are where the Web API puts the records of a list response.
var recordKeys = []string{"value"}

// pages is the connector's Check and Read: it accepts a directory or .zip
// holding Dataverse Web API pages of system users or activities. A page is
// known by the entity set its @odata.context names (the Web API writes it
// first), by its file's name, or by the primary key of its first record.
var pages = apipages.Pages[entity]{
	What: "Dataverse Web API pages", Response: "Dataverse Web API list response", Keys: recordKeys, Patterns: filePatterns(),
	NotAnExport: "the Dynamics connector reads a directory (or .zip) of saved Web API pages, " +
		"one file per page of an entity set",
	NoPages: "no Dataverse Web API pages ({\"@odata.context\": …, \"value\": […]}) of the entity sets this connector reads (" +
		strings.Join(filePatterns(), ", ") + ")",
	NoPeople: "Dataverse pages, but neither systemusers nor activities: there is no one's time to audit",
	Find: apipages.Recognizer[entity]{Keys: recordKeys, Named: entityNamed, ByMembers: entityFromKeys,
		Fits: func(e entity, attributes map[string]bool) bool { return attributes[e.primaryKey] },
		ByHead: func(members map[string]json.RawMessage) (entity, bool) {
			var context string
			_ = json.Unmarshal(members["@odata.context"], &context)
			return entityFromContext(context)
		}}.Find,
	// A page known by name but unreadable is no evidence either way.
	Weights: map[int]int{apipages.ByName: -1, apipages.ByMembers: confidenceByShape, apipages.ByNameAndMembers: confidenceByShape,
		apipages.ByHead: confidenceByContext},
	Continued: apipages.NextLink, PageSuffix: "_page%d",
}
