package generate

import (
	"strconv"
	"time"
)

// person is a user of the org.
type person struct {
	id          sfID
	first, last string
	title       string
	department  string
	email       string
	roleID      sfID
	// managerID is written in ManagerId; zero leaves it to the role
	// hierarchy.
	managerID sfID
	joined    time.Time
	// left is when an inactive user left (written as LastModifiedDate);
	// zero for someone still there.
	left   time.Time
	lang   string
	region *region
	city   string
}

func (p *person) name() string { return p.first + " " + p.last }

func (p *person) active() bool { return p.left.IsZero() }

// activeOn says whether the person works on the day (joined before its
// end, not yet left).
func (p *person) activeOn(t time.Time) bool {
	return p.joined.Before(t.Add(day)) && (p.left.IsZero() || t.Before(p.left))
}

// companyDomain is the generated org's e-mail domain.
const companyDomain = "northwind-industrial.example"

const orgName = "Northwind Industrial Supplies"

// emailBook hands out unique e-mail addresses (Salesforce user names must
// be unique): a second Jan Smit becomes jan.smit2.
type emailBook map[string]int

func (b emailBook) address(first, last string) string {
	local := emailLocal(first, last)
	b[local]++
	if n := b[local]; n > 1 {
		local += strconv.Itoa(n)
	}
	return local + "@" + companyDomain
}

// newPerson makes a person with a name of the language, a name nobody
// in the org has yet where the names go round.
func newPerson(r rng, ids *idMaker, emails emailBook, lang string, reg *region) person {
	p := person{id: ids.id(kindUser), lang: lang, region: reg, city: pick(r, reg.places).city, department: "Sales"}
	for try := 0; try < 10; try++ {
		p.first, p.last = pick(r, firstNames[lang]), pick(r, lastNames[lang])
		if emails[emailLocal(p.first, p.last)] == 0 {
			break
		}
	}
	p.email = emails.address(p.first, p.last)
	return p
}
