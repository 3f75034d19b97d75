package zoho

import (
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/apipages"
)

// accountReader reads the Accounts module.
type accountReader struct {
	run  *readRun
	out  *plugin.FileWriter
	file string
	// tierOption is the member the tier option names, checked once.
	tierOption apipages.OptionMember
}

func (ar *accountReader) read(r *record) error {
	if err := ar.tierOption.Check(r.Fields, "the accounts of "+ar.file, "field"); err != nil {
		return err
	}
	a := plugin.Account{
		ID:            r.requiredID("id"),
		Name:          r.text("Account_Name"),
		OwnerID:       r.lookup("Owner").id,
		AnnualRevenue: r.Number("Annual_Revenue"),
		Type:          r.text("Account_Type"),
		Industry:      r.text("Industry"),
		Line:          r.Line,
	}
	if field := ar.run.opts.accountTierField; field != "" {
		a.Tier = r.text(field)
	}
	if r.Err != nil {
		return r.Err
	}
	return ar.out.Account(a)
}

// dealReader reads the Deals module.
type dealReader struct {
	run *readRun
	out *plugin.FileWriter
}

func (dr *dealReader) read(r *record) error {
	o := plugin.Opportunity{
		ID:        r.requiredID("id"),
		AccountID: r.lookup("Account_Name").id,
		OwnerID:   r.lookup("Owner").id,
		Name:      r.text("Deal_Name"),
		Stage:     r.text("Stage"),
		Amount:    r.Number("Amount"),
		CloseDate: r.date("Closing_Date"),
		CreatedAt: r.datetime("Created_Time"),
		Line:      r.Line,
	}
	if r.Err != nil {
		return r.Err
	}
	o.IsWon, o.IsClosed = stageOutcome(o.Stage)
	dr.run.dealAccount[o.ID] = o.AccountID
	return dr.out.Opportunity(o)
}

// stageOutcome reads Zoho's closing stages: "Closed Won", "Closed Lost",
// "Closed Lost to Competition", and any other stage an org named
// "Closed …". For a won deal, Closing_Date is when it was won.
func stageOutcome(stage string) (won, closed bool) {
	s := strings.ToLower(strings.TrimSpace(stage))
	won = strings.HasPrefix(s, "closed won") || strings.HasPrefix(s, "closed-won")
	return won, won || strings.HasPrefix(s, "closed")
}
