package deps

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// A Model knows the content's entity types: the site, the page, and every
// struct that embeds the page (an actor, a demand, a section). An entity
// has an identity (its page's URL; "site" for the site) and fields; a
// template's reads and an edit's changes are both sets of (entity, field).
type Model struct {
	site, page reflect.Type
	urlIndex   []int          // Page.URL within the page struct
	bits       map[string]int // field name -> bit of a Mask
	names      []string       // bit -> field name
	methods    map[methodKey]Method
	virtual    map[fieldKey]Virtual
	// funcs are the layout functions by name; fragment names the one that
	// runs a named template on its second argument.
	funcs    map[string]reflect.Type
	decls    map[string]Func
	fragment string
	mu       sync.Mutex
	free     map[reflect.Type]bool // entityFree memo, under mu
	freeBut  map[reflect.Type]bool // entityFreeBut memo, under mu
}

// Mask is a set of fields of one entity, one bit per field name. Field
// names beyond 63 share the last bit, which only makes sets larger.
type Mask uint64

// SiteID is the identity of the site entity.
const SiteID = "site"

// Method declares what a method that layouts may call reads, as paths
// from its receiver ("Demands[].Topic"), and, when it returns values
// reachable from the receiver, a path that holds every value it can
// return ("Demands", "Actors[]"). Without a declaration, a method whose
// receiver, arguments or result can reach an entity makes the analysis
// fall back to "reads everything".
type Method struct {
	Type   reflect.Type
	Name   string
	Reads  []string
	Result string
}

// Virtual declares a struct field whose value is computed from others:
// reading it reads the given paths, relative to the struct. The rendered
// body of a page (View.Content) is one: it is its page's Doc with the
// URLs of the pages it links to.
type Virtual struct {
	Type  reflect.Type
	Field string
	Reads []string
}

type methodKey struct {
	t    reflect.Type
	name string
}

type fieldKey struct {
	t    reflect.Type
	name string
}

// Options configure a Model.
type Options struct {
	// Site and Page are the site and page struct types.
	Site, Page reflect.Type
	// Funcs are the layout functions (their types are what matters).
	Funcs map[string]any
	// Fragment is the layout function that runs the template named by its
	// first argument on its second.
	Fragment string
	Methods  []Method
	Virtuals []Virtual
	// Declared declares what layout functions read of their arguments.
	Declared []Func
}

// Func declares what a layout function that is given pages reads: Reads[i]
// are paths relative to its i-th argument. When it returns pages, they
// are found at the path Result of argument ResultArg ("." for the
// argument itself), as a Method's Result; a function returning a list of
// some of the values at Result may name that path (its elements are read
// there).
type Func struct {
	Name      string
	Reads     [][]string
	ResultArg int
	Result    string
}

// NewModel returns the model of the site type's entities.
func NewModel(o Options) (*Model, error) {
	m := &Model{site: o.Site, page: o.Page, bits: map[string]int{},
		methods: map[methodKey]Method{}, virtual: map[fieldKey]Virtual{},
		funcs: map[string]reflect.Type{}, decls: map[string]Func{}, fragment: o.Fragment, free: map[reflect.Type]bool{}, freeBut: map[reflect.Type]bool{}}
	f, ok := o.Page.FieldByName("URL")
	if !ok || f.Type.Kind() != reflect.String {
		return nil, fmt.Errorf("deps: %v has no URL string field", o.Page)
	}
	m.urlIndex = f.Index
	var names []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		if m.IsEntity(t) {
			for _, sf := range reflect.VisibleFields(t) {
				if sf.IsExported() && !(sf.Anonymous && sf.Type == m.page) {
					names = append(names, sf.Name)
				}
			}
		}
		for i := 0; i < t.NumField(); i++ {
			walk(t.Field(i).Type)
		}
	}
	walk(o.Site)
	walk(o.Page)
	sort.Strings(names)
	for _, n := range names {
		if _, ok := m.bits[n]; !ok {
			b := len(m.names)
			if b > 63 {
				b = 63
			}
			m.bits[n] = b
			m.names = append(m.names, n)
		}
	}
	for name, fn := range o.Funcs {
		m.funcs[name] = reflect.TypeOf(fn)
	}
	for _, d := range o.Declared {
		m.decls[d.Name] = d
	}
	for _, d := range o.Methods {
		m.methods[methodKey{d.Type, d.Name}] = d
	}
	for _, v := range o.Virtuals {
		m.virtual[fieldKey{v.Type, v.Field}] = v
	}
	return m, nil
}

// IsEntity reports whether t (a struct type, or a pointer to one) is the
// site, the page, or a struct embedding the page.
func (m *Model) IsEntity(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == m.site || t == m.page {
		return true
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Anonymous && f.Type == m.page {
			return true
		}
	}
	return false
}

// Bit returns the mask of the named field.
func (m *Model) Bit(name string) Mask {
	b, ok := m.bits[name]
	if !ok {
		b = 63
	}
	return 1 << b
}

// Fields names the fields of a mask, for messages and tests.
func (m *Model) Fields(mask Mask) string {
	var out []string
	for b := 0; b < 64; b++ {
		if mask&(1<<b) == 0 {
			continue
		}
		if b < len(m.names) && b < 63 {
			out = append(out, m.names[b])
		} else {
			out = append(out, "other")
		}
	}
	return strings.Join(out, ",")
}

// id returns the identity of an entity value (a struct, not a pointer).
func (m *Model) id(v reflect.Value) string {
	if v.Type() == m.site {
		return SiteID
	}
	if v.Type() != m.page {
		v = v.FieldByIndex(m.embedIndex(v.Type()))
	}
	return v.FieldByIndex(m.urlIndex).String()
}

// embedIndex is the index of the embedded page in an entity struct.
func (m *Model) embedIndex(t reflect.Type) []int {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Anonymous && f.Type == m.page {
			return f.Index
		}
	}
	panic("deps: not an entity: " + t.String())
}

// entityFree reports whether no entity can be reached from a value of
// type t, and no interface (whose contents are unknown) either.
func (m *Model) entityFree(t reflect.Type) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.entityFreeLocked(t)
}

func (m *Model) entityFreeLocked(t reflect.Type) bool {
	if v, ok := m.free[t]; ok {
		return v
	}
	m.free[t] = true // cycles through non-entity types are fine
	v := true
	switch t.Kind() {
	case reflect.Interface:
		v = false
	case reflect.Pointer, reflect.Slice, reflect.Array:
		v = m.entityFreeLocked(t.Elem())
	case reflect.Map:
		v = m.entityFreeLocked(t.Key()) && m.entityFreeLocked(t.Elem())
	case reflect.Struct:
		if m.IsEntity(t) {
			v = false
			break
		}
		for i := 0; i < t.NumField(); i++ {
			if !m.entityFreeLocked(t.Field(i).Type) {
				v = false
				break
			}
		}
	}
	m.free[t] = v
	return v
}

// entityFreeBut is entityFree for a value inside an entity's field, where
// an interface holds plain data (a page's params).
func (m *Model) entityFreeBut(t reflect.Type) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.freeButLocked(t)
}

func (m *Model) freeButLocked(t reflect.Type) bool {
	if v, ok := m.freeBut[t]; ok {
		return v
	}
	m.freeBut[t] = true
	v := true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		v = m.freeButLocked(t.Elem())
	case reflect.Map:
		v = m.freeButLocked(t.Key()) && m.freeButLocked(t.Elem())
	case reflect.Struct:
		if m.IsEntity(t) {
			v = false
			break
		}
		for i := 0; i < t.NumField(); i++ {
			if !m.freeButLocked(t.Field(i).Type) {
				v = false
				break
			}
		}
	}
	m.freeBut[t] = v
	return v
}
