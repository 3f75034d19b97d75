package dynamics

import (
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

// pages is the connector's Check and Read: it accepts a directory or .zip holding Dataverse Web API pages
// of system users or activities.
var pages = apipages.Pages[entity]{
	What: "Dataverse Web API pages",
	NotAnExport: "the Dynamics connector reads a directory (or .zip) of saved Web API pages, " +
		"one file per page of an entity set",
	NoPages: "no Dataverse Web API pages ({\"@odata.context\": …, \"value\": […]}) of the entity sets this connector reads (" +
		strings.Join(filePatterns(), ", ") + ")",
	NoPeople: "Dataverse pages, but neither systemusers nor activities: there is no one's time to audit",
	Patterns: filePatterns(),
	Response: "Dataverse Web API list response",
	Keys:     []string{recordsKey},
	Find:     identifyFiles,
	// A page known by name but unreadable is no evidence either way.
	Weights: map[int]int{int(byName): -1, int(byShape): confidenceByShape, int(byContext): confidenceByContext},
}
