package zoho

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// inputFile is a page of the export the connector reads, with its module.
type inputFile = apipages.PageFile[module]

// readRun is one Read: the options, and what earlier pages taught the
// later ones.
type readRun struct {
	opts  options
	users map[string]bool
	// dealAccount ties an activity about a deal to the deal's account.
	dealAccount map[string]string
}

func newReadRun(opts options, _ *plugin.Writer) *readRun {
	return &readRun{opts: opts, users: map[string]bool{}, dealAccount: map[string]string{}}
}

// Mapper gives the function that maps the records of one page, following
// the SDK's row protocol (nil, a *plugin.RowError or a plugin.Skip); nil
// for an empty page.
func (run *readRun) Mapper(in inputFile, out *plugin.FileWriter) func(*apipages.Fields) error {
	if in.How == apipages.EmptyFile {
		return nil
	}
	read := map[string]func(*record, *plugin.FileWriter) error{
		usersModule.name: run.readUser, accountsModule.name: run.readAccount, dealsModule.name: run.readDeal,
		callsModule.name: run.readCall, eventsModule.name: run.readEvent, tasksModule.name: run.readTask,
	}[in.Of.name]
	mapRecord := func(f *apipages.Fields) error { return read(&record{f}, out) }
	if in.Of.name != accountsModule.name {
		return mapRecord
	}
	tier := apipages.OptionMember{Option: optionAccountTierField, Member: run.opts.accountTierField}
	return tier.Guard("the accounts of "+in.Name, "field", mapRecord)
}
