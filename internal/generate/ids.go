package generate

// Salesforce record IDs: 18 characters, a three-character object prefix,
// the instance, a base-62 counter and a three-character suffix that makes
// the ID case-insensitive. They are kept as numbers and only spelt out when
// written, so that tens of millions of activities cost no strings.

import "github.com/salesaudit/salesaudit/internal/crmexport/salesforcecsv"

// idKind is the object an ID belongs to.
type idKind uint8

const (
	kindNone idKind = iota
	kindUser
	kindRole
	kindProfile
	kindAccount
	kindContact
	kindLead
	kindOpportunity
	kindTask
	kindEvent
	kindRelation
	numIDKinds
)

var idPrefixes = [numIDKinds]string{
	kindUser: "005", kindRole: "00E", kindProfile: "00e", kindAccount: "001", kindContact: "003",
	kindLead: "00Q", kindOpportunity: "006", kindTask: "00T", kindEvent: "00U", kindRelation: "0RE",
}

// sfID is an ID: the kind in the top bits, the counter below. Zero is the
// empty lookup.
type sfID uint64

const idKindShift = 58

func (id sfID) kind() idKind { return idKind(id >> idKindShift) }

func (id sfID) counter() uint64 { return uint64(id) & (1<<idKindShift - 1) }

// nullLookup is what the Data Export writes in an empty lookup field.
const nullLookup = salesforcecsv.NullID

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// instance is the pod part of every ID of the generated org.
const instance = "4x0"

// appendID spells the ID out; the empty ID appends nothing.
func appendID(b []byte, id sfID) []byte {
	if id == 0 {
		return b
	}
	var id15 [15]byte
	copy(id15[:3], idPrefixes[id.kind()])
	copy(id15[3:6], instance)
	n := id.counter()
	for i := 14; i >= 6; i-- {
		id15[i] = base62[n%62]
		n /= 62
	}
	b = append(b, id15[:]...)
	return salesforcecsv.AppendCaseSuffix(b, id15[:])
}

func (id sfID) String() string { return string(appendID(nil, id)) }

// idBlockSize is how many counter values each block of IDs spans: a team
// uses far fewer, so blocks never overlap, and every team's IDs are the
// same whatever the other teams drew.
const idBlockSize = 1 << 30

// idMaker hands out the IDs of one block (the company frame, a director,
// a team), in increasing order with the small random gaps real orgs have.
type idMaker struct {
	rng  rng
	next [numIDKinds]uint64
}

func newIDMaker(r rng, bases *[numIDKinds]uint64, block uint64) *idMaker {
	m := &idMaker{rng: r}
	for k := range m.next {
		m.next[k] = bases[k] + block*idBlockSize
	}
	return m
}

func (m *idMaker) id(k idKind) sfID {
	m.next[k] += 1 + uint64(m.rng.intn(6))
	return sfID(uint64(k)<<idKindShift | m.next[k])
}

// idBases are where each kind's counters start in this org: drawn once
// from the seed, far enough into the counter space to look like an org
// that has been in use for years.
func idBases(r rng) *[numIDKinds]uint64 {
	var bases [numIDKinds]uint64
	for k := range bases {
		bases[k] = 9_000_000_000 + uint64(r.intn(900_000_000))
	}
	return &bases
}
