package generate

import (
	"math"
	"math/rand/v2"
)

// rng is the generator's source of randomness: a PCG stream. Every part of
// the company that is generated on its own (the company's frame, each
// director, each team) has its own stream derived from the seed, so that
// what one team draws never shifts what another gets.
type rng struct{ r *rand.Rand }

// newRNG is the stream numbered stream of the seed.
func newRNG(seed, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, stream*0x9E3779B97F4A7C15+0x632BE59BD9B4E019))}
}

func (g rng) intn(n int) int { return g.r.IntN(n) }

// between is a whole number from lo to hi, both included.
func (g rng) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g rng) float() float64 { return g.r.Float64() }

func (g rng) chance(p float64) bool { return g.r.Float64() < p }

// jitter is x changed by up to ±frac of itself.
func (g rng) jitter(x, frac float64) float64 { return x * (1 + frac*(2*g.r.Float64()-1)) }

// pareto draws from a Pareto distribution with minimum xm: with alpha near
// 1.16 a fifth of the draws make four fifths of the sum, the long tail of
// account revenue.
func (g rng) pareto(xm, alpha float64) float64 {
	return xm / math.Pow(1-g.r.Float64(), 1/alpha)
}

func (g rng) shuffle(n int, swap func(i, j int)) { g.r.Shuffle(n, swap) }

func pick[T any](g rng, items []T) T { return items[g.r.IntN(len(items))] }
