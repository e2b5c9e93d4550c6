package corpus

import "strings"

// rng is SplitMix64: tiny, fast and fully specified, so the corpus is the
// same on every Go version (math/rand makes no such promise).
type rng struct{ s uint64 }

// newRNG returns a generator for one stream (what is being generated) and
// one index (which page), independent of every other page.
func newRNG(stream, i int) *rng {
	r := &rng{s: uint64(stream)<<40 ^ uint64(i)}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func (r *rng) pick(s []string) string { return s[r.intn(len(s))] }

// words returns between lo and hi vocabulary words joined by spaces.
func (r *rng) words(lo, hi int) string {
	n := r.between(lo, hi)
	w := make([]string, n)
	for i := range w {
		w[i] = r.pick(vocabulary)
	}
	return strings.Join(w, " ")
}
