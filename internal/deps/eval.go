package deps

import (
	"reflect"
)

// Reads is what one page may read: for each entity id, the fields. All
// means anything at all (the analysis fell back).
type Reads struct {
	All bool
	IDs map[string]Mask
}

// Changes is what an edit changed: for each entity id, the fields.
type Changes map[string]Mask

// Touches reports whether a page with reads r can change under c.
func (r *Reads) Touches(c Changes) bool {
	f := r.Freeze()
	return f.Touches(c)
}

// Add adds the fields of other to r.
func (r *Reads) Add(other Reads) {
	r.All = r.All || other.All
	if r.IDs == nil {
		r.IDs = map[string]Mask{}
	}
	for id, m := range other.IDs {
		r.IDs[id] |= m
	}
}

// Eval returns what a page whose view is v may read, by walking the
// analysis's paths over v with reflection: which pages it reaches and
// which fields of each. It executes no template; it reads more than the
// template does only where a conditional would skip a path.
func (m *Model) Eval(an *Analysis, v any) Reads {
	r := Reads{All: an.All, IDs: map[string]Mask{}}
	if an.All {
		return r
	}
	e := evaluator{m: m, r: &r, seen: map[visit]bool{}}
	e.eval(an.root, reflect.ValueOf(v))
	return r
}

type visit struct {
	n *node
	p uintptr
}

type evaluator struct {
	m    *Model
	r    *Reads
	seen map[visit]bool
}

func (e *evaluator) eval(n *node, v reflect.Value) {
	if n == nil || !n.useful || !v.IsValid() {
		return
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		if v.Kind() == reflect.Pointer {
			k := visit{n, v.Pointer()}
			if e.seen[k] {
				return
			}
			e.seen[k] = true
		}
		v = v.Elem()
	}
	for _, s := range n.incl {
		e.eval(s, v)
	}
	if v.Kind() == reflect.Struct {
		if n.rec != 0 {
			e.r.IDs[e.m.id(v)] |= n.rec
		}
		for _, f := range n.fields {
			if !f.child.useful {
				continue
			}
			fv, err := v.FieldByIndexErr(f.index)
			if err == nil {
				e.eval(f.child, fv)
			}
		}
	}
	if n.elem != nil && n.elem.useful {
		switch v.Kind() {
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				e.eval(n.elem, v.Index(i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				e.eval(n.elem, it.Value())
			}
		}
	}
}
