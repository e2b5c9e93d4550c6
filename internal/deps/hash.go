package deps

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"sort"
	"sync"
	"time"
)

// Fields holds one entity's field hashes, in the order of its type's
// plan; entities are compared field by field between two builds.
type Fields struct {
	t reflect.Type
	h []uint64
}

// Hashes maps entity ids to their field hashes.
type Hashes map[string]Fields

// A Hasher hashes entities' fields. A field's hash covers its whole value
// except inside the entities it points to, which count by id: a demand's
// Actor field changes when it names another actor, not when that actor's
// title changes (a page showing the title reads the actor's Title).
type Hasher struct {
	m    *Model
	seed maphash.Seed
	// Leaf hashes values of particular types instead of walking them (a
	// parsed body, by its source, cached).
	Leaf map[reflect.Type]func(reflect.Value) uint64
}

type plan struct {
	bits  []Mask
	index [][]int
}

var (
	plansMu sync.Mutex
	plans   = map[reflect.Type]*plan{}
	seed    = maphash.MakeSeed()
	timeT   = reflect.TypeOf(time.Time{})
)

// NewHasher returns a Hasher for the model's entities.
func (m *Model) NewHasher() *Hasher {
	return &Hasher{m: m, seed: seed, Leaf: map[reflect.Type]func(reflect.Value) uint64{}}
}

func (m *Model) planOf(t reflect.Type) *plan {
	plansMu.Lock()
	defer plansMu.Unlock()
	if p, ok := plans[t]; ok {
		return p
	}
	p := &plan{}
	for _, sf := range reflect.VisibleFields(t) {
		if !sf.IsExported() || (sf.Anonymous && sf.Type == m.page) {
			continue
		}
		p.bits = append(p.bits, m.Bit(sf.Name))
		p.index = append(p.index, sf.Index)
	}
	plans[t] = p
	return p
}

// Entity hashes the fields of one entity (a pointer to its struct).
func (hs *Hasher) Entity(v reflect.Value) (string, Fields) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	p := hs.m.planOf(v.Type())
	f := Fields{t: v.Type(), h: make([]uint64, len(p.index))}
	var h maphash.Hash
	h.SetSeed(hs.seed)
	for i, idx := range p.index {
		h.Reset()
		hs.value(&h, v.FieldByIndex(idx), 0)
		f.h[i] = h.Sum64()
	}
	return hs.m.id(v), f
}

// Diff returns the fields that differ between two entities' hashes; an
// entity only one side has differs in every field.
func (m *Model) Diff(old, new Fields) Mask {
	if old.t != new.t || len(old.h) != len(new.h) {
		return ^Mask(0)
	}
	p := m.planOf(new.t)
	var out Mask
	for i := range new.h {
		if old.h[i] != new.h[i] {
			out |= p.bits[i]
		}
	}
	return out
}

// Changed compares two builds' hashes.
func (m *Model) Changed(old, new Hashes) Changes {
	c := Changes{}
	for id, f := range new {
		o, ok := old[id]
		if !ok {
			c[id] = ^Mask(0)
			continue
		}
		if d := m.Diff(o, f); d != 0 {
			c[id] = d
		}
	}
	for id := range old {
		if _, ok := new[id]; !ok {
			c[id] = ^Mask(0)
		}
	}
	return c
}

func putU64(h *maphash.Hash, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

func putStr(h *maphash.Hash, s string) {
	putU64(h, uint64(len(s)))
	h.WriteString(s)
}

func (hs *Hasher) value(h *maphash.Hash, v reflect.Value, depth int) {
	if depth > 64 {
		putStr(h, "deep")
		return
	}
	if f, ok := hs.Leaf[v.Type()]; ok {
		putU64(h, f(v))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			putU64(h, 0)
			return
		}
		if hs.m.IsEntity(v.Type()) {
			putStr(h, hs.m.id(v.Elem()))
			return
		}
		putU64(h, 1)
		hs.value(h, v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			putU64(h, 0)
			return
		}
		putStr(h, v.Elem().Type().String())
		hs.value(h, v.Elem(), depth+1)
	case reflect.Struct:
		if v.Type() == timeT {
			t := v.Interface().(time.Time)
			putU64(h, uint64(t.UnixNano()))
			putStr(h, t.Location().String())
			return
		}
		if hs.m.IsEntity(v.Type()) {
			putStr(h, hs.m.id(v))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			hs.value(h, v.Field(i), depth+1)
		}
	case reflect.Slice, reflect.Array:
		putU64(h, uint64(v.Len()))
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.Write(v.Bytes())
			return
		}
		for i := 0; i < v.Len(); i++ {
			hs.value(h, v.Index(i), depth+1)
		}
	case reflect.Map:
		type kv struct{ k, v uint64 }
		var es []kv
		it := v.MapRange()
		for it.Next() {
			var kh, vh maphash.Hash
			kh.SetSeed(hs.seed)
			vh.SetSeed(hs.seed)
			hs.value(&kh, it.Key(), depth+1)
			hs.value(&vh, it.Value(), depth+1)
			es = append(es, kv{kh.Sum64(), vh.Sum64()})
		}
		sort.Slice(es, func(i, j int) bool { return es[i].k < es[j].k })
		putU64(h, uint64(len(es)))
		for _, e := range es {
			putU64(h, e.k)
			putU64(h, e.v)
		}
	case reflect.String:
		putStr(h, v.String())
	case reflect.Bool:
		if v.Bool() {
			putU64(h, 1)
		} else {
			putU64(h, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		putU64(h, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		putU64(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		putU64(h, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		putU64(h, math.Float64bits(real(c)))
		putU64(h, math.Float64bits(imag(c)))
	}
}
