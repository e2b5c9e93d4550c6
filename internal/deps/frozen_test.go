package deps

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestFrozenTouches holds Frozen.Touches (and Reads.Touches) to its
// definition on random reads and changes, small and large on either side
// (both of Touches' loops).
func TestFrozenTouches(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, 60)
	for i := range ids {
		ids[i] = fmt.Sprintf("/demands/d%02d/", i)
	}
	randMap := func(n int) map[string]Mask {
		m := map[string]Mask{}
		for range n {
			m[ids[rng.IntN(len(ids))]] |= Mask(1) << rng.IntN(4)
		}
		return m
	}
	touched := 0
	for trial := range 2000 {
		r := Reads{All: trial%50 == 0, IDs: randMap(rng.IntN(40))}
		c := Changes(randMap(rng.IntN(40)))
		f := r.Freeze()
		want := r.All && len(c) > 0
		for id, m := range c {
			want = want || r.IDs[id]&m != 0
		}
		if got := f.Touches(c); got != want {
			t.Fatalf("trial %d: Frozen.Touches = %v, want %v\nreads %v\nchanges %v", trial, got, want, r, c)
		}
		if got := r.Touches(c); got != want {
			t.Fatalf("trial %d: Reads.Touches = %v, want %v", trial, got, want)
		}
		if want {
			touched++
		}
	}
	if touched == 0 || touched == 2000 {
		t.Fatalf("%d of 2000 trials touched: the test does not tell the answers apart", touched)
	}
}
