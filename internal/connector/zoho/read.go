package zoho

import (
	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// readRun is one Read: the options, and what earlier pages taught the
// later ones.
type readRun struct {
	opts  options
	w     *plugin.Writer
	users map[string]bool
	// dealAccount ties an activity about a deal to the deal's account.
	dealAccount map[string]string
}

func newReadRun(opts options, w *plugin.Writer) *readRun {
	return &readRun{opts: opts, w: w, users: map[string]bool{}, dealAccount: map[string]string{}}
}

// recordReader maps one module's records, following the SDK's row
// protocol (nil, a *plugin.RowError or a plugin.Skip).
type recordReader interface {
	read(r *record) error
}

func (run *readRun) readerFor(in inputFile, out *plugin.FileWriter) recordReader {
	switch in.Of.name {
	case usersModule.name:
		return &userReader{run: run, out: out}
	case accountsModule.name:
		tier := apipages.OptionMember{Option: optionAccountTierField, Member: run.opts.accountTierField}
		return &accountReader{run: run, out: out, file: in.Name, tierOption: tier}
	case dealsModule.name:
		return &dealReader{run: run, out: out}
	case callsModule.name:
		return &callReader{run: run, out: out}
	case eventsModule.name:
		return &eventReader{run: run, out: out}
	}
	return &taskReader{run: run, out: out}
}

// Mapper gives the function that maps the records of one page.
func (run *readRun) Mapper(in inputFile, out *plugin.FileWriter) func(*apipages.Fields) error {
	if identification(in.How) == emptyPage {
		return nil
	}
	reader := run.readerFor(in, out)
	return func(f *apipages.Fields) error { return reader.read(&record{f}) }
}
