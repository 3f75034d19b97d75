// Package calendars is what the connectors of calendar API pages (graph
// for Microsoft 365, gcal for Google Workspace) share: whose calendar a
// page is, who is internal to the company, the users the calendars name,
// and what of a private event a reject may show.
package calendars

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
	"github.com/salesaudit/salesaudit/plugin/export"
)

// OptionDomains is the Read option naming the company's e-mail domains.
const OptionDomains = "domains"

// DomainsOption declares the domains option, setting *domains.
func DomainsOption(domains *[]string) plugin.Option {
	return plugin.Option{Name: OptionDomains,
		Help: "the company's e-mail domains, comma-separated, e.g. acme.com,acme.de: attendees of other domains are external " +
			"(default: the domains of the calendars' owners)",
		Set: func(v string) (err error) { *domains, err = ParseDomains(v); return err }}
}

// ParseDomains reads a comma-separated list of e-mail domains, lower-cased,
// a leading @ dropped.
func ParseDomains(list string) ([]string, error) {
	var domains []string
	for _, d := range strings.Split(list, ",") {
		d = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), "@"))
		if d == "" {
			continue
		}
		if strings.ContainsAny(d, "@ /") || !strings.Contains(d, ".") {
			return nil, fmt.Errorf("%q is not an e-mail domain such as acme.com", d)
		}
		domains = append(domains, d)
	}
	if len(domains) == 0 {
		return nil, fmt.Errorf("no domain given")
	}
	return domains, nil
}

// IsAddress reports whether s is written as an e-mail address: one @ with
// a dotted domain after it, no spaces or slashes.
func IsAddress(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(s, " /\\") &&
		!strings.Contains(domain, "@") && !strings.HasSuffix(domain, ".")
}

// MailboxOf is the mailbox whose calendar the file name holds, as a
// script that pages through many mailboxes saves them apart: the file's
// name starting with the address and an underscore
// (anna.berg@acme.com_calendarView-2.json), else the nearest folder of an
// archive named as the address (anna.berg@acme.com/calendarView-2.json),
// else the export's own directory or archive when so named; "" when none
// is. (A directory's subfolders are not read: zip them.)
func MailboxOf(src *export.Source, name string) string {
	if prefix, _, ok := strings.Cut(path.Base(name), "_"); ok && IsAddress(prefix) {
		return strings.ToLower(prefix)
	}
	dirs := strings.Split(path.Dir(name), "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		if IsAddress(dirs[i]) {
			return strings.ToLower(dirs[i])
		}
	}
	root := strings.TrimSuffix(path.Base(strings.ReplaceAll(src.Path(), "\\", "/")), ".zip")
	if IsAddress(root) {
		return strings.ToLower(root)
	}
	return ""
}

// person is someone the calendars name who is the company's.
type person struct{ email, name string }

// People tells the company's people from others by e-mail domain, and
// keeps those named, for their user records.
type People struct {
	domains []string
	owners  map[string]bool
	byEmail map[string]*person
}

// NewPeople starts the people of a Read: the calendars' owners, and the
// company's domains (those of the owners when none are given).
func NewPeople(domains []string, owners []string) *People {
	p := &People{domains: domains, owners: map[string]bool{}, byEmail: map[string]*person{}}
	for _, o := range owners {
		p.owners[o] = true
		p.See(o, "")
	}
	if len(p.domains) == 0 {
		p.domains = domainsOf(owners)
	}
	return p
}

func domainsOf(emails []string) []string {
	seen := map[string]bool{}
	var domains []string
	for _, e := range emails {
		if _, d, ok := strings.Cut(e, "@"); ok && !seen[d] {
			seen[d] = true
			domains = append(domains, d)
		}
	}
	sort.Strings(domains)
	return domains
}

// Internal says whether an e-mail is the company's: a calendar owner's, or
// of one of its domains or a subdomain (eu.acme.com for acme.com).
func (p *People) Internal(email string) bool {
	if p.owners[email] {
		return true
	}
	_, domain, ok := strings.Cut(email, "@")
	if !ok {
		return false
	}
	for _, d := range p.domains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}

// See keeps an internal person named by an event; the first name given
// sticks.
func (p *People) See(email, name string) {
	if existing, ok := p.byEmail[email]; ok {
		if existing.name == "" {
			existing.name = strings.TrimSpace(name)
		}
		return
	}
	p.byEmail[email] = &person{email: email, name: strings.TrimSpace(name)}
}

// Attendee is a participant as the audit sees them: an internal one is a
// user, identified by the lower-cased e-mail (and kept for their user
// record); others are external, known by e-mail and name.
func (p *People) Attendee(email, name string, line int64) plugin.Attendee {
	email = strings.ToLower(strings.TrimSpace(email))
	a := plugin.Attendee{Email: email, Name: strings.TrimSpace(name), Line: line}
	if email != "" && p.Internal(email) {
		a.Internal, a.UserID = true, email
		p.See(email, name)
	}
	return a
}

// UsersFile is the name the users are streamed under: they come from
// every page, so from no one file.
const UsersFile = "users (calendar owners and attendees of the company's domains)"

// WriteUsers streams one user per internal person, by e-mail: ID and
// Email are the lower-cased address. They carry no manager: the hierarchy
// comes from the CRM the calendars are combined with, matched by e-mail.
func (p *People) WriteUsers(w *plugin.Writer) error {
	emails := make([]string, 0, len(p.byEmail))
	for e := range p.byEmail {
		emails = append(emails, e)
	}
	sort.Strings(emails)
	out := w.File(UsersFile)
	for i, e := range emails {
		if err := out.User(plugin.User{ID: e, Email: e, Name: p.byEmail[e].name, Active: true, Line: int64(i + 1)}); err != nil {
			return err
		}
	}
	return out.Done(int64(len(emails)))
}
