package pipedrive

import (
	"strings"
	"time"

	"github.com/salesaudit/salesaudit/plugin"
)

// newDealReader reads deals from API pages (v1 or v2) and CSV exports.
func (run *readRun) newDealReader(out *plugin.FileWriter, t *csvTable) (recordReader, error) {
	send := func(v *values, o plugin.Opportunity, closing dealClosing) error {
		closing.apply(v, &o)
		if err := v.failed(); err != nil {
			return err
		}
		run.deals.add(o.ID, o.Name, o.AccountID)
		return out.Opportunity(o)
	}
	if t == nil {
		return recordReader{api: func(r *apiRecord) error {
			if isDeleted(r) {
				return plugin.Skip(skipDeleted)
			}
			o := plugin.Opportunity{
				ID:   r.requiredID(r.text("id")),
				Name: r.text("title").value(),
				// v1 calls the owner user_id (an object), v2 owner_id.
				OwnerID:   r.ref("owner_id", "user_id").value(),
				AccountID: r.ref("org_id").value(),
				Stage:     run.stageName(r.ref("stage_id").value()),
				Amount:    r.number(r.text("value")),
				CreatedAt: r.dateTime(r.text("add_time")),
				Line:      r.line,
			}
			return send(&r.values, o, dealClosing{
				status: r.text("status"), wonTime: r.text("won_time"), lostTime: r.text("lost_time"),
				closeTime: r.text("close_time"), expectedClose: r.text("expected_close_date"),
			})
		}}, nil
	}
	c := struct {
		id, title, owner, org, orgID, value, stage, status column
		wonTime, lostTime, closeTime, expectedClose, added column
	}{
		id: t.column("Deal - ID"), title: t.column("Deal - Title"), owner: t.column("Deal - Owner"),
		org: t.column("Deal - Organization"), orgID: t.column("Organization - ID"),
		value: t.column("Deal - Value"), stage: t.column("Deal - Stage"), status: t.column("Deal - Status"),
		wonTime: t.column("Deal - Won time"), lostTime: t.column("Deal - Lost time"),
		closeTime:     t.column("Deal - Deal closed on", "Deal - Close time"),
		expectedClose: t.column("Deal - Expected close date"),
		added:         t.column("Deal - Deal created", "Deal - Add time"),
	}
	return recordReader{csv: func(r *csvRow) error {
		if strings.EqualFold(r.field(c.status).value(), "deleted") {
			return plugin.Skip(skipDeleted)
		}
		o := plugin.Opportunity{
			ID:        r.requiredID(r.field(c.id)),
			Name:      r.field(c.title).value(),
			OwnerID:   run.users.userID(&r.values, r.field(c.owner)),
			AccountID: run.orgs.id(&r.values, r.field(c.orgID), r.field(c.org)),
			Stage:     r.field(c.stage).value(),
			Amount:    r.number(r.field(c.value)),
			CreatedAt: r.dateTime(r.field(c.added)),
			Line:      r.Line,
		}
		return send(&r.values, o, dealClosing{
			status: r.field(c.status), wonTime: r.field(c.wonTime), lostTime: r.field(c.lostTime),
			closeTime: r.field(c.closeTime), expectedClose: r.field(c.expectedClose),
		})
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
func (c dealClosing) apply(v *values, o *plugin.Opportunity) {
	switch strings.ToLower(c.status.value()) {
	case "open", "":
		o.CloseDate = v.date(c.expectedClose)
	case "won":
		o.IsClosed, o.IsWon = true, true
		o.CloseDate = day(plugin.FirstSet(v.dateTime(c.wonTime), v.dateTime(c.closeTime)))
	case "lost":
		o.IsClosed = true
		o.CloseDate = day(plugin.FirstSet(v.dateTime(c.lostTime), v.dateTime(c.closeTime)))
	default:
		v.fail(c.status.name, "%q is not a deal status (want open, won or lost)", c.status.value())
	}
}

// day is the date of a time, as midnight UTC.
func day(t time.Time) time.Time { return t.Truncate(24 * time.Hour) }
