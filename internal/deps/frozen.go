package deps

import "hash/maphash"

// Frozen is Reads as a snapshot keeps it for every page until the next
// rebuild: the ids and their fields in two slices, with a Bloom filter
// over the ids. A map per page held 143 MB for the 10,800 pages of a
// 10,000-demand site, where a page reads hundreds or thousands of
// briefs. Freezing must stay cheap, since a title edit freezes the reads
// of the hundreds of pages it renders again: it does not sort, and the
// filter lets Touches skip almost every page an edit does not touch
// without scanning its ids.
type Frozen struct {
	All   bool
	ids   []string
	masks []Mask
	bloom []uint64 // bloomBits bits per id, rounded up to a power of two
}

// bloomBits bits per id and bloomProbes probes give about 3 % false
// positives; a false positive costs one scan of the page's ids.
const (
	bloomBits   = 8
	bloomProbes = 3
)

// bloomSeed hashes ids for every Frozen of the process.
var bloomSeed = maphash.MakeSeed()

// Freeze returns r's Frozen form.
func (r Reads) Freeze() Frozen {
	f := Frozen{All: r.All}
	if r.All || len(r.IDs) == 0 {
		return f
	}
	f.ids = make([]string, 0, len(r.IDs))
	f.masks = make([]Mask, 0, len(r.IDs))
	words := 1
	for words*64 < len(r.IDs)*bloomBits {
		words *= 2
	}
	f.bloom = make([]uint64, words)
	for id, m := range r.IDs {
		f.ids = append(f.ids, id)
		f.masks = append(f.masks, m)
		f.probe(id, func(w int, bit uint64) bool { f.bloom[w] |= bit; return true })
	}
	return f
}

// probe calls visit with each of id's filter positions until it returns
// false, and reports whether none did.
func (f *Frozen) probe(id string, visit func(word int, bit uint64) bool) bool {
	h := maphash.String(bloomSeed, id)
	n := uint64(len(f.bloom) * 64)
	for k := range bloomProbes {
		p := (h >> (k * 21)) & (n - 1)
		if !visit(int(p/64), 1<<(p%64)) {
			return false
		}
	}
	return true
}

// Touches reports whether a page with reads f can change under c: c
// changes a field that f reads of some entity, or f reads all.
func (f *Frozen) Touches(c Changes) bool {
	if len(c) == 0 {
		return false
	}
	if f.All {
		return true
	}
	if len(c) < len(f.ids) {
		for id, m := range c {
			if !f.probe(id, func(w int, bit uint64) bool { return f.bloom[w]&bit != 0 }) {
				continue // certainly not read
			}
			for i, r := range f.ids {
				if r == id && f.masks[i]&m != 0 {
					return true
				}
			}
		}
		return false
	}
	for i, id := range f.ids {
		if c[id]&f.masks[i] != 0 {
			return true
		}
	}
	return false
}
