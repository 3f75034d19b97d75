package pipedrive

import (
	"context"
	"fmt"
	"io"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// read streams the records of the export at req.Path, in the layout's order.
func read(ctx context.Context, req plugin.ReadRequest, w *plugin.Writer) error {
	run := &readRun{opts: options{encoding: csvfile.EncodingAuto}, w: w,
		users: newUserDirectory(), orgFields: newFieldCatalogue(), stages: map[string]string{}, persons: newPersonIndex(),
		orgs: newNameIndex("organization", "Organization - ID"), deals: newDealIndex(), dealCurrencies: map[string]int{}}
	if err := readOptions(&run.opts).Parse("the Pipedrive connector", req.Options); err != nil {
		return err
	}
	if err := layout(run.opts.encoding).Read(ctx, req.Path, func(f export.Found, r io.Reader) error {
		return run.readFile(ctx, f.Holds.(exportFile), r)
	}); err != nil {
		return err
	}
	return run.before(ctx, entityActivities)
}

// readRun is one Read: the options, the entity whose files it has
// reached, and what earlier files taught the later ones.
type readRun struct {
	opts    options
	w       *plugin.Writer
	reached entity

	users     *userDirectory
	userFiles []userFile
	orgFields *fieldCatalogue
	stages    map[string]string
	persons   *personIndex
	orgs      *nameIndex
	deals     *dealIndex
	// dealCurrencies counts the deals with an amount other than 0 by
	// currency.
	dealCurrencies map[string]int

	// The organization fields the options name, and how many
	// organizations API pages held, to tell whether they had them.
	revenueField, tierField *orgFieldOption
	apiOrganizations        int
}

// before does, once, what must be done before the files of e: send the
// users once the hierarchy gave them managers, find the organization
// fields the options name once the definitions are read, check them once
// the organizations are.
func (run *readRun) before(ctx context.Context, e entity) error {
	for ; run.reached < e; run.reached++ {
		var err error
		switch run.reached + 1 {
		case entityOrgFields:
			if err = run.readHierarchyOption(ctx); err == nil {
				err = run.sendUsers()
			}
		case entityOrganizations:
			err = run.resolveOrgFieldOptions()
		case entityDeals:
			err = run.checkOrgFieldsSeen()
		case entityActivities:
			run.warnMixedCurrencies()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// warn tells the user what they should know of the export as a whole; a
// variable so that tests can hear it.
var warn = func(msg string, args ...any) { plugin.Logger().Warn(msg, args...) }

// recordReader maps the records of one file, API page elements or CSV
// rows, following the SDK's row protocol. An entity's reader makes it for
// one file, looking up the columns of a CSV file in t (nil for a page).
type recordReader struct {
	api func(r apiRecord) error
	csv func(r csvRow) error
}

// readFile reads one file of the export, once what comes before it is
// done; not the export's hierarchy file when the option names another.
func (run *readRun) readFile(ctx context.Context, f exportFile, r io.Reader) error {
	if err := run.before(ctx, f.entity); err != nil || (f.entity == entityHierarchy && run.opts.hierarchy != "") {
		return err
	}
	if f.csv {
		reader, err := csvfile.NewReader(r, f.Name, f.Size, csvfile.Options{Encoding: run.opts.encoding, Sniff: true})
		if err != nil {
			return err
		}
		return run.readCSV(ctx, f.entity, reader)
	}
	out := run.w.File(f.Name)
	rr, _ := entities[f.entity].reader(run, out, nil)
	page := apiPage
	page.Name, page.Size = f.Name, f.Size
	rows, err := plugin.Table[apipages.Record]{Out: out, Kind: entities[f.entity].kind, Map: func(rec apipages.Record) error {
		fields, err := apipages.NewFields(rec.Line, rec.Raw, "")
		if err != nil {
			return plugin.FieldError("", "the element is %s, not an object", apipages.TypeName(rec.Raw))
		}
		return rr.api(apiRecord{fields})
	}}.Scan(ctx, apipages.NewReader(r, page))
	switch {
	case err != nil:
		return err
	case f.entity == entityUsers:
		// Sent, and the file marked done, once they have their managers.
		run.userFiles = append(run.userFiles, userFile{out: out, rows: rows})
		return nil
	}
	return out.Done(rows)
}

// readCSV reads the rows of a CSV file.
func (run *readRun) readCSV(ctx context.Context, e entity, r *csvfile.Reader) error {
	out := run.w.File(r.Name())
	rr, err := entities[e].reader(run, out, r)
	if err != nil {
		return err
	}
	return plugin.Table[csvfile.Row]{Out: out, Kind: entities[e].kind, Map: func(row csvfile.Row) error {
		return rr.csv(csvRow{&csvfile.Cells{Row: row}})
	}}.Read(ctx, r)
}

// readHierarchyOption reads the mapping the hierarchy option names.
func (run *readRun) readHierarchyOption(ctx context.Context) error {
	if run.opts.hierarchy == "" {
		return nil
	}
	r, err := csvfile.OpenPath(run.opts.hierarchy, csvfile.Options{Encoding: run.opts.encoding, Sniff: true})
	if err != nil {
		return fmt.Errorf("option %s: %w", optionHierarchy, err)
	}
	defer r.Close()
	return run.readCSV(ctx, entityHierarchy, r)
}
