package dynamics

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// activityState is what became of an activity the export holds, for the
// parties that refer to it.
type activityState int

const (
	activityAbsent activityState = iota
	activityNotLoaded
	activityLoaded
	// activityWithParties was loaded with its parties expanded inline.
	activityWithParties
)

// inputFile is a page of the export the connector reads, with its entity.
type inputFile = apipages.PageFile[entity]

// readRun is one Read: the options, and what earlier files taught the
// later ones.
type readRun struct {
	opts options
	// users and their e-mail addresses resolve activity parties.
	users       map[string]bool
	userByEmail map[string]string
	accounts    map[string]bool
	// opportunityAccount ties an activity regarding an opportunity to
	// the opportunity's account.
	opportunityAccount map[string]string
	activities         map[string]activityState
	// partiesSeen holds activity/party pairs of the parties file, each
	// loaded once whatever its roles.
	partiesSeen map[string]bool
	// warnedTransactionCurrency: the user was told amounts are read in
	// their transaction currency.
	warnedTransactionCurrency bool
}

// warn tells the user what they should know of the export as a whole; a
// variable so that tests can hear it.
var warn = func(msg string, args ...any) { plugin.Logger().Warn(msg, args...) }

func newReadRun(opts options, _ *plugin.Writer) *readRun {
	opts.accountTierField = strings.ToLower(opts.accountTierField)
	return &readRun{
		opts:  opts,
		users: map[string]bool{}, userByEmail: map[string]string{}, accounts: map[string]bool{},
		opportunityAccount: map[string]string{}, activities: map[string]activityState{},
		partiesSeen: map[string]bool{},
	}
}

// Mapper gives the function that maps the records of one page, following
// the SDK's row protocol (nil, a *plugin.RowError or a plugin.Skip).
func (run *readRun) Mapper(in inputFile, out *plugin.FileWriter) func(*apipages.Fields) error {
	read := map[plugin.RecordKind]func(*record, *plugin.FileWriter) error{
		plugin.KindUser: run.readUser, plugin.KindAccount: run.readAccount, plugin.KindOpportunity: run.readOpportunity,
		plugin.KindActivity: run.activityReader(in.Of), plugin.KindAttendee: run.readParty,
	}[in.Of.kind]
	mapRecord := func(f *apipages.Fields) error { return read(&record{f}, out) }
	if field := run.opts.accountTierField; in.Of.kind == plugin.KindAccount && field != defaultTierField {
		tier := apipages.OptionMember{Option: optionAccountTierField, Member: field}
		return tier.Guard("the accounts of "+in.Name, "attribute", mapRecord, field+formattedValue)
	}
	return mapRecord
}
