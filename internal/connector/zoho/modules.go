package zoho

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// module is a Zoho CRM module the connector reads, known by the name of
// the file its pages were saved in and by its fields.
type module struct {
	name string // API name: Calls
	// aliases are other names of the module: its label in today's UI
	// (Meetings) or its API name in older versions (Potentials).
	aliases []string
	kind    plugin.RecordKind
	// markers are lower-cased fields of which a record in a page named
	// after the module has at least one, whatever the org's layout.
	markers []string
	// signature are the fields a record in a page of another name must
	// all have to be taken for the module's: other modules share some
	// (a contact has an Account_Name and a Full_Name too).
	signature []string
	// rank orders the reading: users before the records that name them,
	// deals before the activities about them.
	rank int
}

// RecordKind and Rank make an module an apipages.Collection.
func (c module) RecordKind() plugin.RecordKind { return c.kind }
func (c module) Rank() int                     { return c.rank }

var (
	usersModule = module{"Users", nil, plugin.KindUser,
		[]string{"full_name", "profile", "role"}, []string{"full_name", "profile", "role"}, 0}
	accountsModule = module{"Accounts", nil, plugin.KindAccount,
		[]string{"account_name", "annual_revenue", "account_type"}, []string{"account_name", "account_type", "annual_revenue"}, 1}
	dealsModule = module{"Deals", []string{"Potentials"}, plugin.KindOpportunity,
		[]string{"deal_name", "closing_date"}, []string{"deal_name", "stage", "closing_date"}, 2}
	callsModule = module{"Calls", nil, plugin.KindActivity,
		[]string{"call_start_time", "call_type", "call_duration"}, []string{"call_start_time", "call_type"}, 3}
	eventsModule = module{"Events", []string{"Meetings"}, plugin.KindActivity,
		[]string{"event_title", "start_datetime"}, []string{"event_title", "start_datetime", "end_datetime"}, 3}
	tasksModule = module{"Tasks", nil, plugin.KindActivity,
		[]string{"due_date", "closed_time"}, []string{"subject", "due_date", "status", "priority"}, 3}
)

var modules = []module{usersModule, accountsModule, dealsModule, callsModule, eventsModule, tasksModule}

func filePatterns() []string {
	var patterns []string
	for _, m := range modules {
		patterns = append(patterns, m.name+"*.json")
		for _, alias := range m.aliases {
			patterns = append(patterns, alias+"*.json")
		}
	}
	return patterns
}

func moduleNamed(name string) (module, bool) {
	for _, m := range modules {
		if strings.EqualFold(name, m.name) {
			return m, true
		}
		for _, alias := range m.aliases {
			if strings.EqualFold(name, alias) {
				return m, true
			}
		}
	}
	return module{}, false
}

// fits reports whether a record with these lower-cased fields, in a page
// named after the module, is one of the module's.
func (m module) fits(keys map[string]bool) bool {
	for _, marker := range m.markers {
		if keys[marker] {
			return true
		}
	}
	return false
}

// signed reports whether a record with these lower-cased fields, in a
// page of another name, is one of the module's.
func (m module) signed(keys map[string]bool) bool {
	for _, field := range m.signature {
		if !keys[field] {
			return false
		}
	}
	return true
}

func moduleFromFileName(name string) (module, bool) {
	stem, _ := apipages.StemAndPage(name)
	return moduleNamed(stem)
}

func moduleFromKeys(keys map[string]bool) (module, bool) {
	for _, m := range modules {
		if m.signed(keys) {
			return m, true
		}
	}
	return module{}, false
}
