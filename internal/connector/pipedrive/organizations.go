package pipedrive

import (
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// orgFieldOption is an option naming the organization field that holds a
// value Pipedrive has no standard field for (revenue, tier).
type orgFieldOption struct {
	option string
	ref    string
	field  *customField
	// fromCatalogue is true when organizationFields.json defined the
	// field; otherwise the option's value is taken as the API key.
	fromCatalogue bool
	// seen is true once an organization of an API page had the field.
	seen bool
}

// configured reports whether the option was given.
func (o *orgFieldOption) configured() bool { return o != nil && o.field != nil }

// resolveOrgFieldOptions finds the fields the options name, by API key or
// name, in organizationFields.json when the export has it.
func (run *readRun) resolveOrgFieldOptions() error {
	var err error
	if run.revenueField, err = run.resolveOrgField(optionOrgRevenueField, run.opts.orgRevenueField); err != nil {
		return err
	}
	run.tierField, err = run.resolveOrgField(optionOrgTierField, run.opts.orgTierField)
	return err
}

func (run *readRun) resolveOrgField(option, ref string) (*orgFieldOption, error) {
	if ref == "" {
		return nil, nil
	}
	if run.orgFields.empty() {
		return &orgFieldOption{option: option, ref: ref, field: &customField{key: ref, name: ref}}, nil
	}
	cf := run.orgFields.lookup(ref)
	if cf == nil {
		return nil, fmt.Errorf("option %s: no organization field %q in organizationFields.json (its fields: %s)",
			option, ref, run.orgFields.names())
	}
	return &orgFieldOption{option: option, ref: ref, field: cf, fromCatalogue: true}, nil
}

// checkOrgFieldsSeen fails a Read whose option named a field by a key no
// organization of the API pages has: without organizationFields.json a
// field's name cannot be turned into its key, and the user must know that
// the option did nothing.
func (run *readRun) checkOrgFieldsSeen() error {
	for _, o := range []*orgFieldOption{run.revenueField, run.tierField} {
		if o.configured() && !o.fromCatalogue && run.apiOrganizations > 0 && !o.seen {
			return fmt.Errorf("option %s: no organization has a field %q; name the field by its API key "+
				"or add organizationFields.json (GET /v1/organizationFields) to the export", o.option, o.ref)
		}
	}
	return nil
}

// newOrganizationReader reads organizations from API pages (v1 or v2) and
// CSV exports.
func (run *readRun) newOrganizationReader(out *plugin.FileWriter, t *csvfile.Reader) (recordReader, error) {
	send := func(err *plugin.RowError, a plugin.Account) error {
		if err != nil {
			return err
		}
		run.orgs.add(a.ID, a.Name)
		return out.Account(a)
	}
	if t == nil {
		return recordReader{api: func(r apiRecord) error {
			run.apiOrganizations++
			if r.deleted() {
				return plugin.Skip(skipDeleted)
			}
			a := plugin.Account{
				ID:      r.text("id").requiredID(),
				Name:    r.text("name").value(),
				OwnerID: r.ref("owner_id").value(),
				Line:    r.Line,
			}
			if f, ok := run.orgCustom(r, run.revenueField); ok {
				a.AnnualRevenue = f.number()
			}
			if f, ok := run.orgCustom(r, run.tierField); ok {
				a.Tier = run.tierField.field.label(f.value())
			}
			return send(r.Err, a)
		}}, nil
	}
	id, name, owner := t.Lookup("Organization - ID"), t.Lookup("Organization - Name"), t.Lookup("Organization - Owner")
	revenue, err := orgFieldColumn(t, run.revenueField)
	if err != nil {
		return recordReader{}, err
	}
	tier, err := orgFieldColumn(t, run.tierField)
	if err != nil {
		return recordReader{}, err
	}
	return recordReader{csv: func(r csvRow) error {
		a := plugin.Account{
			ID:            r.field(id).requiredID(),
			Name:          r.Text(name),
			OwnerID:       run.users.userID(r.field(owner)),
			AnnualRevenue: r.field(revenue).number(),
			Tier:          r.Text(tier),
			Line:          r.Line,
		}
		return send(r.Err, a)
	}}, nil
}

// orgCustom is the value of the field an option names, if configured and
// the record has it.
func (run *readRun) orgCustom(r apiRecord, o *orgFieldOption) (field, bool) {
	if !o.configured() {
		return field{}, false
	}
	f, ok := r.custom(o.field.key)
	if ok {
		o.seen = true
	}
	return f, ok
}

// orgFieldColumn is the CSV column of the field an option names: the
// export labels it "Organization - <field name>".
func orgFieldColumn(t *csvfile.Reader, o *orgFieldOption) (csvfile.Column, error) {
	if !o.configured() {
		return csvfile.Column{Index: -1}, nil
	}
	labels := []string{"Organization - " + o.field.name, o.field.name, o.ref}
	c := t.Lookup(labels...)
	if !c.Present() {
		return c, fmt.Errorf("option %s: %s has no column %q", o.option, t.Name(), labels[0])
	}
	return c, nil
}
