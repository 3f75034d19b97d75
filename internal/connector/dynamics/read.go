package dynamics

import (
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

// readRun is one Read: the options, and what earlier files taught the
// later ones.
type readRun struct {
	opts options
	w    *plugin.Writer
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
}

func newReadRun(opts options, w *plugin.Writer) *readRun {
	return &readRun{
		opts: opts, w: w,
		users: map[string]bool{}, userByEmail: map[string]string{}, accounts: map[string]bool{},
		opportunityAccount: map[string]string{}, activities: map[string]activityState{},
		partiesSeen: map[string]bool{},
	}
}

// recordReader maps one entity's records, following the SDK's row
// protocol (nil, a *plugin.RowError or a plugin.Skip).
type recordReader interface {
	read(r *record) error
}

func (run *readRun) readerFor(in inputFile, out *plugin.FileWriter) recordReader {
	switch in.Of.kind {
	case plugin.KindUser:
		return &userReader{run: run, out: out}
	case plugin.KindAccount:
		ar := &accountReader{run: run, out: out, file: in.Name}
		if field := run.opts.accountTierField; field != defaultTierField {
			ar.tierOption = apipages.OptionMember{Option: optionAccountTierField, Member: field}
		}
		return ar
	case plugin.KindOpportunity:
		return &opportunityReader{run: run, out: out}
	case plugin.KindAttendee:
		return &partyReader{run: run, out: out}
	}
	return &activityReader{run: run, out: out, entity: in.Of}
}

// Mapper gives the function that maps the records of one page.
func (run *readRun) Mapper(in inputFile, out *plugin.FileWriter) func(*apipages.Fields) error {
	reader := run.readerFor(in, out)
	return func(f *apipages.Fields) error { return reader.read(&record{f}) }
}
