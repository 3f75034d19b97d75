package ics

import (
	"sort"
	"strings"

	"github.com/salesaudit/salesaudit/plugin"
)

// person is someone the calendars name, with where they are first named:
// their user record, if they get one, is streamed with that file.
type person struct {
	email string
	name  string
	file  int // index of the calendar file; mappingFile for the owners mapping
	line  int64
}

// mappingFile stands for the owners mapping among the files.
const mappingFile = -1

// registry is every person named, by e-mail.
type registry struct {
	byEmail map[string]*person
}

func newRegistry() *registry { return &registry{byEmail: map[string]*person{}} }

// see records that a person is named at a file's line; the first place
// and the first name given stick.
func (r *registry) see(email, name string, file int, line int64) {
	if email == "" {
		return
	}
	if p, ok := r.byEmail[email]; ok {
		if p.name == "" {
			p.name = strings.TrimSpace(name)
		}
		return
	}
	r.byEmail[email] = &person{email: email, name: strings.TrimSpace(name), file: file, line: line}
}

// firstNamedIn lists the people first named in a file, in line order.
func (r *registry) firstNamedIn(file int) []*person {
	var out []*person
	for _, p := range r.byEmail {
		if p.file == file {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].line != out[j].line {
			return out[i].line < out[j].line
		}
		return out[i].email < out[j].email
	})
	return out
}

// company tells internal people from external ones by e-mail domain.
type company struct {
	domains []string
	owners  map[string]bool
}

// internal says whether an e-mail is the company's: of one of its domains
// or a subdomain (eu.acme.com for acme.com), or a calendar owner's.
func (c company) internal(email string) bool {
	if email == "" {
		return false
	}
	if c.owners[email] {
		return true
	}
	domain := domainOf(email)
	for _, d := range c.domains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}

// domainsOfOwners are the company's domains when the option does not say:
// those of the calendar owners.
func domainsOfOwners(owners map[string]bool) []string {
	seen := map[string]bool{}
	var domains []string
	for email := range owners {
		if d := domainOf(email); d != "" && !seen[d] {
			seen[d] = true
			domains = append(domains, d)
		}
	}
	sort.Strings(domains)
	return domains
}

// attendees are an event's people as the audit sees them: internal ones
// are users, identified by e-mail; others are external, known by e-mail
// and name only. Rooms, resources, groups and people copied for
// information are left out.
func (c company) attendees(e *vevent) []plugin.Attendee {
	var out []plugin.Attendee
	for _, p := range e.participants() {
		if !p.isPerson() {
			continue
		}
		a := plugin.Attendee{Email: p.email, Name: p.name, Organizer: p.organizer, Response: p.partstat, Line: p.line}
		if c.internal(p.email) {
			a.Internal, a.UserID = true, p.email
		}
		out = append(out, a)
	}
	return out
}
