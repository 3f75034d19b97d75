package connectortest

// Rand is a small deterministic random number generator (SplitMix64) for
// the connectors' fixture generators. It is not math/rand because the
// committed fixtures must not change when the standard library's
// generators do: a fixture is regenerated only when its generator changes.
type Rand struct{ state uint64 }

// NewRand is a generator that starts from seed: the same seed gives the
// same numbers, and so the same fixture, every time.
func NewRand(seed uint64) *Rand { return &Rand{state: seed} }

// Next is the next 64 random bits.
func (r *Rand) Next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Intn is a whole number in [0, n).
func (r *Rand) Intn(n int) int { return int(r.Next() % uint64(n)) }

// Between is a whole number in [lo, hi], both included.
func (r *Rand) Between(lo, hi int) int { return lo + r.Intn(hi-lo+1) }

// Float is a number in [0, 1), from the top 53 bits of Next.
func (r *Rand) Float() float64 { return float64(r.Next()>>11) / (1 << 53) }

// Chance reports true with probability p.
func (r *Rand) Chance(p float64) bool { return r.Float() < p }

// Times is how many times something with an average rate happens: the
// whole part always, the fraction by chance.
func (r *Rand) Times(rate float64) int {
	n := int(rate)
	if r.Chance(rate - float64(n)) {
		n++
	}
	return n
}

// Pick is one of items, chosen by r. It is a function because Go methods
// cannot have type parameters.
func Pick[T any](r *Rand, items []T) T { return items[r.Intn(len(items))] }
