package hubspot

import (
	"context"
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// Skip reasons shared by every object.
const (
	skipArchived  = "archived (deleted) in HubSpot"
	skipDuplicate = "duplicate: the same record ID was read from an earlier file " +
		"(saved API pages overlap, or the API and UI exports both hold it)"
)

// read streams the records of the export at req.Path.
func read(ctx context.Context, src *export.Source, opts options, w *plugin.Writer) error {
	found, err := layout.Find(ctx, src)
	if err != nil {
		return err
	}
	for _, notice := range notRead(src, found) {
		plugin.Logger().Warn(notice)
	}
	inv := inventoryOf(found)
	if inv.empty() {
		return fmt.Errorf("%s holds no HubSpot files: no saved API pages ({\"results\": [...]}) of owners, companies, "+
			"deals, meetings, calls, tasks or e-mails, and no CSV exports from the HubSpot UI (\"Record ID\" first)", src.Path())
	}
	run := &readRun{src: src, inv: inv, opts: opts, w: w, owners: newOwnerIndex(), managers: map[string]string{}, seen: map[string]bool{}}
	if err := run.readOwnerPages(ctx); err != nil {
		return err
	}
	if err := run.readHierarchy(ctx); err != nil {
		return err
	}
	if err := run.sendOwners(); err != nil {
		return err
	}
	for _, f := range inv.objects {
		if err := run.readObjectFile(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// readRun is one Read: the export, the options, and what earlier files
// taught the later ones (owners for names in UI exports, the IDs already
// loaded, by kind: "activity/123").
type readRun struct {
	src           *export.Source
	inv           *inventory
	opts          options
	w             *plugin.Writer
	owners        *ownerIndex
	pendingOwners []pendingOwner
	ownerRows     []fileRows
	managers      map[string]string // an owner ID's manager's, from the mapping
	seen          map[string]bool
}

// readObjectFile reads one file of companies, deals or activities and
// accounts for every record: a record, a reject or a skip.
func (run *readRun) readObjectFile(ctx context.Context, f exportFile) error {
	out := run.w.File(f.file.Name)
	if f.form == formAPI {
		return apipages.ReadPage(ctx, run.src, f.file, apipages.Page{Keys: resultsKeys, What: pageWhat}, plugin.Table[apipages.Record]{Out: out, Kind: f.object.kind, Map: func(rec apipages.Record) error {
			e, err := run.apiEntry(rec)
			if err != nil {
				return err
			}
			return run.readEntry(e, f.object, out)
		}})
	}
	r, err := csvfile.Open(run.src, f.file, csvfile.Options{Encoding: run.opts.encoding, Sniff: true})
	if err != nil {
		return err
	}
	defer r.Close()
	cols := &columns{Reader: r, index: map[any]int{}}
	return plugin.ReadRows(ctx, out, f.object.kind, r, func(row csvfile.Row) error {
		fields, _ := apipages.NewFields(row.Line, noMembers, "")
		return run.readEntry(&entry{Fields: fields, row: &row, columns: cols, owners: run.owners, zone: run.opts.zone}, f.object, out)
	})
}

// pageWhat is what a page without records is not.
const pageWhat = "saved HubSpot API page"

// readEntry maps and sends one record unless it is archived or already
// loaded, following the SDK's row protocol.
func (run *readRun) readEntry(e *entry, object *objectType, out *plugin.FileWriter) error {
	id := e.id()
	archived := e.archived()
	if e.Err != nil {
		return e.Err
	}
	if archived {
		return plugin.Skip(skipArchived)
	}
	key := string(object.kind) + "/" + id
	if run.seen[key] {
		return plugin.Skip(skipDuplicate)
	}
	err := object.send(run, e, id, out)
	run.seen[key] = err == nil
	return err
}
