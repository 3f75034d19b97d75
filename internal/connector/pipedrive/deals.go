package pipedrive

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/csvfile"
)

// newDealReader reads deals from API pages (v1 or v2) and CSV exports.
func (run *readRun) newDealReader(out *plugin.FileWriter, t *csvfile.Reader) (recordReader, error) {
	send := func(err *plugin.RowError, o plugin.Opportunity, currency field) error {
		if err != nil {
			return err
		}
		run.deals.add(o.ID, o.Name, o.AccountID)
		// A deal of no value is worth nothing in any currency.
		if o.Amount != nil && *o.Amount != 0 {
			run.dealCurrencies[strings.ToUpper(currency.value())]++
		}
		return out.Opportunity(o)
	}
	if t == nil {
		return recordReader{api: func(r apiRecord) error {
			if r.deleted() {
				return plugin.Skip(skipDeleted)
			}
			o := plugin.Opportunity{
				ID:   r.text("id").requiredID(),
				Name: r.text("title").value(),
				// v1 calls the owner user_id (an object), v2 owner_id.
				OwnerID:   r.ref("owner_id", "user_id").value(),
				AccountID: r.ref("org_id").value(),
				Stage:     run.stageName(r.ref("stage_id").value()),
				Amount:    r.text("value").number(),
				CreatedAt: r.text("add_time").dateTime(),
				Line:      r.Line,
			}
			dealClosing{status: r.text("status"), wonTime: r.text("won_time"), lostTime: r.text("lost_time"),
				closeTime: r.text("close_time"), expectedClose: r.text("expected_close_date")}.apply(&o)
			return send(r.Err, o, r.text("currency"))
		}}, nil
	}
	c := struct {
		id, title, owner, org, orgID, value, stage, status csvfile.Column
		wonTime, lostTime, closeTime, expectedClose, added csvfile.Column
		currency                                           csvfile.Column
	}{
		id: t.Lookup("Deal - ID"), title: t.Lookup("Deal - Title"), owner: t.Lookup("Deal - Owner"),
		org: t.Lookup("Deal - Organization"), orgID: t.Lookup("Organization - ID"),
		value: t.Lookup("Deal - Value"), stage: t.Lookup("Deal - Stage"), status: t.Lookup("Deal - Status"),
		wonTime: t.Lookup("Deal - Won time"), lostTime: t.Lookup("Deal - Lost time"),
		closeTime:     t.Lookup("Deal - Deal closed on", "Deal - Close time"),
		expectedClose: t.Lookup("Deal - Expected close date"),
		added:         t.Lookup("Deal - Deal created", "Deal - Add time"),
		currency:      t.Lookup("Deal - Currency of Value", "Deal - Currency"),
	}
	return recordReader{csv: func(r csvRow) error {
		if strings.EqualFold(r.Text(c.status), "deleted") {
			return plugin.Skip(skipDeleted)
		}
		o := plugin.Opportunity{
			ID:        r.field(c.id).requiredID(),
			Name:      r.Text(c.title),
			OwnerID:   run.users.userID(r.field(c.owner)),
			AccountID: run.orgs.id(r.field(c.orgID), r.field(c.org)),
			Stage:     r.Text(c.stage),
			Amount:    r.field(c.value).number(),
			CreatedAt: r.field(c.added).dateTime(),
			Line:      r.Line,
		}
		dealClosing{status: r.field(c.status), wonTime: r.field(c.wonTime), lostTime: r.field(c.lostTime),
			closeTime: r.field(c.closeTime), expectedClose: r.field(c.expectedClose)}.apply(&o)
		return send(r.Err, o, r.field(c.currency))
	}}, nil
}

// stageName is a stage's name from the stages pages, or its ID when the
// export has none.
func (run *readRun) stageName(id string) string {
	if name, ok := run.stages[id]; ok && name != "" {
		return name
	}
	return id
}

// dealClosing holds the fields that say whether and when a deal closed.
type dealClosing struct {
	status, wonTime, lostTime, closeTime, expectedClose field
}

// apply sets whether the deal is closed and won, and its close date: the
// day it was won or lost, or the expected close date of an open deal.
func (c dealClosing) apply(o *plugin.Opportunity) {
	switch strings.ToLower(c.status.value()) {
	case "open", "":
		o.CloseDate = c.expectedClose.date()
	case "won":
		o.IsClosed, o.IsWon = true, true
		o.CloseDate = day(plugin.FirstSet(c.wonTime.dateTime(), c.closeTime.dateTime()))
	case "lost":
		o.IsClosed = true
		o.CloseDate = day(plugin.FirstSet(c.lostTime.dateTime(), c.closeTime.dateTime()))
	default:
		c.status.fail("%q is not a deal status (want open, won or lost)", c.status.value())
	}
}

// day is the date of a time, as midnight UTC.
func day(t time.Time) time.Time { return t.Truncate(24 * time.Hour) }

// warnMixedCurrencies tells the user, once the deals are read, that they
// came in more than one currency. Pipedrive's exports carry no exchange
// rates and the protocol no currency, so the amounts are compared as they
// are: 825,000 CZK beside deals in euros would pass for the largest deal.
func (run *readRun) warnMixedCurrencies() {
	if len(run.dealCurrencies) < 2 {
		return
	}
	currencies := slices.Sorted(maps.Keys(run.dealCurrencies))
	counts := make([]string, len(currencies))
	for i, currency := range currencies {
		counts[i] = fmt.Sprintf("%d in %s", run.dealCurrencies[currency], plugin.FirstNonBlank(currency, "no currency given"))
	}
	warn(fmt.Sprintf("the deals come in %d currencies (%s); the export has no exchange rates, so their amounts "+
		"are compared as they are, unconverted: export the deals in one currency, or filter them to one",
		len(currencies), strings.Join(counts, ", ")))
}
