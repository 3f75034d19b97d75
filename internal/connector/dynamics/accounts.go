package dynamics

import (
	"strconv"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// Option set labels, for exports saved without formatted values.
var (
	customerTypeLabels = map[int64]string{
		1: "Competitor", 2: "Consultant", 3: "Customer", 4: "Investor", 5: "Partner", 6: "Influencer",
		7: "Press", 8: "Prospect", 9: "Reseller", 10: "Supplier", 11: "Vendor", 12: "Other",
	}
	accountCategoryLabels = map[int64]string{1: "Preferred Customer", 2: "Standard"}
)

// readAccount reads an account.
func (run *readRun) readAccount(r *record, out *plugin.FileWriter) error {
	a := plugin.Account{
		ID:            r.requiredID("accountid"),
		Name:          r.Text("name"),
		OwnerID:       ownerOf(r),
		AnnualRevenue: r.Number("revenue"),
		Type:          optionLabel(r, "customertypecode", customerTypeLabels),
		Industry:      r.formatted("industrycode"),
		Tier:          run.tier(r),
		Line:          r.Line,
	}
	if r.Err != nil {
		return r.Err
	}
	run.accounts[a.ID] = true
	return out.Account(a)
}

func (run *readRun) tier(r *record) string {
	field := run.opts.accountTierField
	switch field {
	case "":
		return ""
	case defaultTierField:
		return optionLabel(r, field, accountCategoryLabels)
	}
	return plugin.FirstNonBlank(r.formatted(field), r.Text(field))
}

// optionLabel is an option set's label: the formatted value, else the
// label Dataverse ships for the value, else the value itself.
func optionLabel(r *record, name string, labels map[int64]string) string {
	if label := r.formatted(name); label != "" {
		return label
	}
	n, ok := r.Int(name)
	if !ok {
		return ""
	}
	if label, known := labels[n]; known {
		return label
	}
	return strconv.FormatInt(n, 10)
}

// ownerOf is the user who owns a record. A record owned by a team keeps
// its owning user when the export has it; a team is not a person whose
// time is audited.
func ownerOf(r *record) string {
	owner := r.lookup("_ownerid_value")
	if owner.logicalName == "team" {
		return r.id("_owninguser_value")
	}
	return owner.id
}

// Opportunity states.
const (
	opportunityOpen = 0
	opportunityWon  = 1
	opportunityLost = 2
)

// readOpportunity reads an opportunity.
func (run *readRun) readOpportunity(r *record, out *plugin.FileWriter) error {
	o := plugin.Opportunity{
		ID:        r.requiredID("opportunityid"),
		AccountID: run.accountOf(r),
		OwnerID:   ownerOf(r),
		Name:      r.Text("name"),
		CreatedAt: r.datetime("createdon"),
		Line:      r.Line,
	}
	state, hasState := r.Int("statecode")
	estimated, estimatedField := baseAmount(r, "estimatedvalue")
	actual, actualField := baseAmount(r, "actualvalue")
	estimatedClose, actualClose := r.datetime("estimatedclosedate"), r.datetime("actualclosedate")
	if r.Err == nil && hasState && state != opportunityOpen && state != opportunityWon && state != opportunityLost {
		r.Fail("statecode", "%d is not an opportunity state (0 open, 1 won, 2 lost)", state)
	}
	if r.Err != nil {
		return r.Err
	}
	o.IsClosed = state == opportunityWon || state == opportunityLost
	o.IsWon = state == opportunityWon
	o.Stage = opportunityStage(r, state)
	amountField := estimatedField
	o.Amount = estimated
	if o.IsWon && actual != nil {
		o.Amount, amountField = actual, actualField
	}
	if o.Amount != nil && !strings.HasSuffix(amountField, baseSuffix) {
		run.warnTransactionCurrency(r, amountField)
	}
	o.CloseDate = estimatedClose
	if o.IsClosed {
		o.CloseDate = plugin.FirstSet(actualClose, estimatedClose)
	}
	run.opportunityAccount[o.ID] = o.AccountID
	return out.Opportunity(o)
}

// accountOf is an opportunity's account: its parent account, else its
// potential customer when that is an account rather than a contact.
func (run *readRun) accountOf(r *record) string {
	if id := r.id("_parentaccountid_value"); id != "" {
		return id
	}
	customer := r.lookup("_customerid_value")
	if customer.logicalName == "account" || (customer.logicalName == "" && run.accounts[customer.id]) {
		return customer.id
	}
	return ""
}

// opportunityStage is the sales stage of an open opportunity (its business
// process stage, else its sales stage), and Won or Lost once closed.
func opportunityStage(r *record, state int64) string {
	if state == opportunityWon || state == opportunityLost {
		return plugin.FirstNonBlank(r.formatted("statecode"), map[int64]string{opportunityWon: "Won", opportunityLost: "Lost"}[state])
	}
	return plugin.FirstNonBlank(r.Text("stepname"), r.formatted("salesstagecode"), r.formatted("statuscode"), "Open")
}

// baseSuffix ends the name of the column Dataverse keeps beside every
// money column: the amount converted to the organization's base currency
// with the record's exchangerate.
const baseSuffix = "_base"

// baseAmount reads a money column in the base currency (estimatedvalue_base
// for estimatedvalue), for opportunities in several transaction currencies
// can only be compared there; else, when the page has no base amount (its
// $select left the column out), the amount in the record's own currency.
// field names the column read.
func baseAmount(r *record, name string) (amount *float64, field string) {
	if base := r.Number(name + baseSuffix); base != nil {
		return base, name + baseSuffix
	}
	return r.Number(name), name
}

// warnTransactionCurrency tells the user, once a Read, that amounts were
// read in their transaction currency: deals in several currencies are then
// added up unconverted, and the protocol carries no currency to say so.
func (run *readRun) warnTransactionCurrency(r *record, field string) {
	if run.warnedTransactionCurrency {
		return
	}
	run.warnedTransactionCurrency = true
	warn("the opportunities have no "+field+baseSuffix+": their amounts are read in each record's own currency "+
		"(transactioncurrencyid) and compared unconverted; add estimatedvalue_base and actualvalue_base "+
		"to the query's $select to compare them in the base currency",
		"first_opportunity", r.ID("opportunityid"))
}
