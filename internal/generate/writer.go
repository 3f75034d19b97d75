package generate

import (
	"fmt"
	"io"
	"time"
)

// exportWriter writes the company in one CRM's export format. The
// generator makes people, accounts, deals and activities once, in
// Salesforce's terms (its IDs, its picklist values); each writer says
// them the way its CRM does, row by row as they are made, so that nothing
// is held beyond the record being written.
type exportWriter interface {
	role(id sfID, name string, parent, by sfID, modified time.Time)
	user(p *person, u userRow)
	account(a *account, createdBy sfID, region string)
	contact(c *contact, a *account)
	lead(l *lead)
	opportunity(d *deal, region string)
	task(t *taskRow)
	event(e *eventRow)
	// relation ties a user, contact or lead (an invitee or the event's
	// "who"), an account or a deal (its "what") to the event written
	// last.
	relation(id, eventID, relationID, accountID sfID, status string, invitee, parent, what bool, created time.Time, by sfID)
	// recordID is the ID the format's connector loads a record under:
	// truth.json names managers by it.
	recordID(id sfID) string
	// rows counts the records written per file (per object, for formats
	// that split an object over pages).
	rows() map[string]int64
	close() error
}

// openWriter opens the writer of a format; create opens its files.
func openWriter(format string, create func(name string) (io.WriteCloser, error)) (exportWriter, error) {
	switch format {
	case FormatSalesforce:
		return openSalesforce(create)
	case FormatHubSpot:
		return newHubSpotWriter(create), nil
	}
	return nil, fmt.Errorf("generator bug: no writer for format %q", format)
}

// traitsOf are what a format can say that the plan depends on.
func traitsOf(format string) exportTraits {
	return exportTraits{colleagueCalls: format != FormatHubSpot}
}
