package hubspot

import (
	"github.com/salesaudit/salesaudit/plugin"
)

// sendCompany maps a company to an account. The lifecycle stage
// ("customer", "opportunity"…) is the closest HubSpot has to an account
// type; the tier is the ideal customer profile tier unless an option names
// another property.
func (run *readRun) sendCompany(e *entry, id string, out *plugin.FileWriter) error {
	a := plugin.Account{
		ID:            id,
		Name:          e.text(propCompanyName),
		OwnerID:       e.owner(propCompanyOwner),
		AnnualRevenue: e.number(propAnnualRevenue),
		Type:          e.text(propLifecycleStage),
		Industry:      e.text(propIndustry),
		Line:          e.Line,
	}
	if run.opts.tier != nil {
		a.Tier = e.text(run.opts.tier)
	}
	if e.Err != nil {
		return e.Err
	}
	return out.Account(a)
}

// Deal stages of HubSpot's default pipeline that close a deal. Other
// pipelines have their own stage IDs; hs_is_closed_won and hs_is_closed
// say what those mean.
const (
	stageClosedWon  = "closedwon"
	stageClosedLost = "closedlost"
)

// sendDeal maps a deal to an opportunity. Its account is the associated
// company (the primary one where the export says which).
func (run *readRun) sendDeal(e *entry, id string, out *plugin.FileWriter) error {
	stage := e.text(propDealStage)
	o := plugin.Opportunity{
		ID:        id,
		AccountID: e.firstAssociated(assocCompanies),
		OwnerID:   e.owner(propDealOwner),
		Name:      e.text(propDealName),
		Stage:     stage,
		Amount:    e.number(propAmount),
		CloseDate: e.timestamp(propCloseDate),
		CreatedAt: e.createdAt(propDealCreateDate),
		Line:      e.Line,
	}
	won := e.boolean(propIsClosedWon)
	closed := e.boolean(propIsClosed)
	lost := e.boolean(propIsClosedLost)
	if e.Err != nil {
		return e.Err
	}
	switch normalised(stage) {
	case stageClosedWon:
		won = true
	case stageClosedLost:
		lost = true
	}
	o.IsWon = won
	o.IsClosed = won || lost || closed
	return out.Opportunity(o)
}
