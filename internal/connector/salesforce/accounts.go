package salesforce

import (
	"fmt"

	"github.com/salesaudit/salesaudit/plugin"
)

type accountReader struct {
	out                              fileOutput
	id, name, ownerID, annualRevenue column
	accountType, industry, tier      column
}

func (run *readRun) newAccountReader(t *table) (rowReader, error) {
	ar := &accountReader{
		out:           t.out,
		id:            t.column("Id"),
		name:          t.column("Name"),
		ownerID:       t.column("OwnerId"),
		annualRevenue: t.column("AnnualRevenue"),
		accountType:   t.column("Type"),
		industry:      t.column("Industry"),
		tier:          column{index: -1},
	}
	switch field := run.opts.accountTierField; field {
	case "":
		ar.tier = guessTierColumn(t)
	case "none":
	default:
		ar.tier = t.column(field)
		if !ar.tier.present() {
			return nil, fmt.Errorf("option %s: %s has no column %q", optionAccountTierField, t.file, field)
		}
	}
	return ar, nil
}

// tierColumns are the custom fields orgs commonly keep account tiers in.
// Salesforce has no standard tier field, so without the option the
// connector takes the first of these the export has.
var tierColumns = []string{"Tier__c", "Account_Tier__c", "AccountTier__c", "Customer_Tier__c", "Tier"}

func guessTierColumn(t *table) column {
	for _, name := range tierColumns {
		if c := t.column(name); c.present() {
			return c
		}
	}
	return column{index: -1}
}

func (ar *accountReader) readRow(r *row) error {
	a := plugin.Account{
		ID:            r.requiredID(ar.id),
		Name:          r.text(ar.name),
		OwnerID:       r.id(ar.ownerID),
		AnnualRevenue: r.number(ar.annualRevenue),
		Type:          r.text(ar.accountType),
		Industry:      r.text(ar.industry),
		Tier:          r.text(ar.tier),
		Line:          r.Line,
	}
	if r.err != nil {
		return r.err
	}
	return ar.out.Account(a)
}

type opportunityReader struct {
	out                                 fileOutput
	id, accountID, ownerID, name, stage column
	amount, closeDate, isClosed, isWon  column
	createdDate                         column
}

func (run *readRun) newOpportunityReader(t *table) (rowReader, error) {
	return &opportunityReader{
		out:         t.out,
		id:          t.column("Id"),
		accountID:   t.column("AccountId"),
		ownerID:     t.column("OwnerId"),
		name:        t.column("Name"),
		stage:       t.column("StageName"),
		amount:      t.column("Amount"),
		closeDate:   t.column("CloseDate"),
		isClosed:    t.column("IsClosed"),
		isWon:       t.column("IsWon"),
		createdDate: t.column("CreatedDate"),
	}, nil
}

func (opr *opportunityReader) readRow(r *row) error {
	o := plugin.Opportunity{
		ID:        r.requiredID(opr.id),
		AccountID: r.id(opr.accountID),
		OwnerID:   r.id(opr.ownerID),
		Name:      r.text(opr.name),
		Stage:     r.text(opr.stage),
		Amount:    r.number(opr.amount),
		IsClosed:  r.boolean(opr.isClosed),
		IsWon:     r.boolean(opr.isWon),
		// Salesforce keeps no won date: CloseDate is when a won deal
		// was won.
		CloseDate: r.date(opr.closeDate),
		CreatedAt: r.datetime(opr.createdDate),
		Line:      r.Line,
	}
	if r.err != nil {
		return r.err
	}
	return opr.out.Opportunity(o)
}
