package deps

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"text/template/parse"
)

// An Analysis is what one kind of page may read: a trie of typed access
// paths from its view, and whether some construct could not be followed
// (All: a page of the kind may read anything, and is rendered again after
// every change).
type Analysis struct {
	root *node
	// All is set when the analysis fell back; Why says where, first.
	All bool
	Why string
	// Templates maps each template the kind reaches to its definition's
	// file and text, for telling which layout edits touch the kind.
	Templates map[string]string
	nodes     int
}

// node is a place in a view's value: the values found by one path of
// steps (fields, elements) from the view.
type node struct {
	typ    reflect.Type
	fields []*fieldStep
	elem   *node
	incl   []*node // tries evaluated on the same value (template calls)
	rec    Mask    // fields read when the value is an entity
	useful bool    // rec is set here or below
}

type fieldStep struct {
	name  string
	index []int
	child *node
}

func (n *node) field(name string, index []int, t reflect.Type, rec Mask) *node {
	n.rec |= rec
	for _, f := range n.fields {
		if f.name == name {
			return f.child
		}
	}
	c := &node{typ: t}
	n.fields = append(n.fields, &fieldStep{name: name, index: index, child: c})
	return c
}

func (n *node) elemNode(t reflect.Type) *node {
	if n.elem == nil {
		n.elem = &node{typ: t}
	}
	return n.elem
}

func (n *node) include(sub *node) {
	for _, s := range n.incl {
		if s == sub {
			return
		}
	}
	n.incl = append(n.incl, sub)
}

// value is what the analysis knows of a template value: its static type
// (nil when unknown), the trie nodes it is found at (none for literals and
// function results), and whether it lies inside an entity's field, whose
// hash covers it whole (so an interface there, such as a page's params,
// holds no entity).
type value struct {
	typ     reflect.Type
	nodes   []*node
	covered bool
}

func leaf(t reflect.Type) value { return value{typ: t, covered: true} }

var (
	boolType   = reflect.TypeOf(false)
	intType    = reflect.TypeOf(0)
	stringType = reflect.TypeOf("")
)

func union(a, b value) value {
	out := value{typ: a.typ, covered: a.covered && b.covered}
	if a.typ != b.typ {
		out.typ = nil
	}
	out.nodes = append(append([]*node{}, a.nodes...), b.nodes...)
	return out
}

type scope struct {
	name string
	v    *value
	up   *scope
}

func (s *scope) lookup(name string) *value {
	for ; s != nil; s = s.up {
		if s.name == name {
			return s.v
		}
	}
	return nil
}

type memoKey struct {
	set     *Trees
	name    string
	t       reflect.Type
	covered bool
}

type analyser struct {
	m    *Model
	memo map[memoKey]*node
	an   *Analysis
}

// Trees is a set of parsed templates with the file defining each, as the
// render package assembles them for one kind: later files' definitions
// replace earlier ones, and an empty definition never replaces one.
type Trees struct {
	trees map[string]*parse.Tree
	def   map[string]string
	// Frag is the set the fragment function runs its templates in.
	Frag *Trees
}

// Add parses one layout file into the set.
func (ts *Trees) Add(file, src string) error {
	if ts.trees == nil {
		ts.trees, ts.def = map[string]*parse.Tree{}, map[string]string{}
	}
	set := map[string]*parse.Tree{}
	t := parse.New(file)
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(src, "", "", set); err != nil {
		return err
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		tr := set[n]
		if old := ts.trees[n]; old != nil && parse.IsEmptyTree(tr.Root) {
			continue
		}
		ts.trees[n], ts.def[n] = tr, file
	}
	return nil
}

// Clone returns a copy that Add can extend without changing ts.
func (ts *Trees) Clone() *Trees {
	out := &Trees{trees: make(map[string]*parse.Tree, len(ts.trees)), def: make(map[string]string, len(ts.def)), Frag: ts.Frag}
	for k, v := range ts.trees {
		out.trees[k] = v
	}
	for k, v := range ts.def {
		out.def[k] = v
	}
	return out
}

// Source returns the text of a reached template, for hashing: the
// definition as parsed, so an edit elsewhere in its file does not count.
func (ts *Trees) Source(name string) string {
	if t := ts.trees[name]; t != nil && t.Root != nil {
		return t.Root.String()
	}
	return ""
}

// Analyse analyses the template entry of ts executed on a value of type
// view.
func (m *Model) Analyse(ts *Trees, entry string, view reflect.Type) *Analysis {
	a := &analyser{m: m, memo: map[memoKey]*node{}, an: &Analysis{Templates: map[string]string{}}}
	a.an.root = a.template(ts, entry, value{typ: view})
	a.finish()
	return a.an
}

// Declare is the analysis of a Go function of a value of type root that
// reads the given paths ("Site.Demands[].Title"); see Method for the path
// syntax.
func (m *Model) Declare(root reflect.Type, paths ...string) *Analysis {
	a := &analyser{m: m, memo: map[memoKey]*node{}, an: &Analysis{Templates: map[string]string{}}}
	r := a.newNode(root)
	v := value{typ: root, nodes: []*node{r}}
	for _, p := range paths {
		a.path(nil, v, p)
	}
	a.an.root = r
	a.finish()
	return a.an
}

func (a *analyser) newNode(t reflect.Type) *node { return &node{typ: t} }

// finish marks the useful nodes (a fixpoint: template calls can recurse).
func (a *analyser) finish() {
	var nodes []*node
	seen := map[*node]bool{}
	var collect func(n *node)
	collect = func(n *node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		nodes = append(nodes, n)
		for _, f := range n.fields {
			collect(f.child)
		}
		collect(n.elem)
		for _, s := range n.incl {
			collect(s)
		}
	}
	collect(a.an.root)
	a.an.nodes = len(nodes)
	for changed := true; changed; {
		changed = false
		for _, n := range nodes {
			if n.useful {
				continue
			}
			u := n.rec != 0 || (n.elem != nil && n.elem.useful)
			for _, f := range n.fields {
				u = u || f.child.useful
			}
			for _, s := range n.incl {
				u = u || s.useful
			}
			if u {
				n.useful, changed = true, true
			}
		}
	}
}

func (a *analyser) fallback(format string, args ...any) {
	if !a.an.All {
		a.an.All, a.an.Why = true, fmt.Sprintf(format, args...)
	}
}

// template analyses the named template run on dot and returns the trie
// of its reads relative to dot.
func (a *analyser) template(set *Trees, name string, dot value) *node {
	k := memoKey{set, name, dot.typ, dot.covered}
	if n, ok := a.memo[k]; ok {
		return n
	}
	root := a.newNode(dot.typ)
	a.memo[k] = root
	if set == nil {
		return root
	}
	tr := set.trees[name]
	if tr == nil || tr.Root == nil {
		return root // executing it fails; nothing is read
	}
	key := name
	if set.Frag == set {
		key = "fragment set: " + name
	}
	a.an.Templates[key] = set.def[name] + "\x00" + tr.Root.String()
	d := value{typ: dot.typ, nodes: []*node{root}, covered: dot.covered}
	a.list(set, tr.Root, d, &scope{name: "$", v: &d})
	return root
}

// call grafts the analysis of template name, run on v, onto v's nodes.
func (a *analyser) call(set *Trees, name string, v value) {
	if v.typ == nil && !v.covered && len(v.nodes) > 0 {
		a.fallback("template %q is called with a value of unknown type", name)
	}
	sub := a.template(set, name, value{typ: v.typ, covered: v.covered})
	for _, n := range v.nodes {
		n.include(sub)
	}
	if len(v.nodes) == 0 && v.typ != nil && !v.covered && !a.m.entityFree(v.typ) {
		a.fallback("template %q is called with a computed value that holds pages", name)
	}
}

func (a *analyser) list(set *Trees, l *parse.ListNode, dot value, sc *scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		if an, ok := n.(*parse.ActionNode); ok {
			// A declaration lasts to the end of the enclosing list.
			v := a.pipe(set, an.Pipe, dot, &sc)
			if len(an.Pipe.Decl) == 0 {
				a.printed(v, "an action")
			}
			continue
		}
		a.node(set, n, dot, sc)
	}
}

func (a *analyser) node(set *Trees, n parse.Node, dot value, sc *scope) {
	switch n := n.(type) {
	case *parse.IfNode:
		s := sc
		a.truth(a.pipe(set, n.Pipe, dot, &s))
		a.list(set, n.List, dot, s)
		a.list(set, n.ElseList, dot, s)
	case *parse.WithNode:
		s := sc
		v := a.pipe(set, n.Pipe, dot, &s)
		a.truth(v)
		a.list(set, n.List, v, s)
		a.list(set, n.ElseList, dot, s)
	case *parse.RangeNode:
		s := sc
		v := a.pipe(set, n.Pipe, dot, nil)
		key, elem := a.elem(v)
		switch len(n.Pipe.Decl) {
		case 1:
			s = &scope{name: n.Pipe.Decl[0].Ident[0], v: &elem, up: s}
		case 2:
			s = &scope{name: n.Pipe.Decl[0].Ident[0], v: &key, up: s}
			s = &scope{name: n.Pipe.Decl[1].Ident[0], v: &elem, up: s}
		}
		// Twice, so that a variable assigned in the body is seen with
		// every value it takes.
		a.list(set, n.List, elem, s)
		a.list(set, n.List, elem, s)
		a.list(set, n.ElseList, dot, sc)
	case *parse.TemplateNode:
		v := value{covered: true}
		if n.Pipe != nil {
			v = a.pipe(set, n.Pipe, dot, &sc)
		}
		a.call(set, n.Name, v)
	case *parse.ListNode:
		a.list(set, n, dot, sc)
	}
}

// pipe evaluates a pipeline; with sc set, its declarations are bound.
func (a *analyser) pipe(set *Trees, p *parse.PipeNode, dot value, sc **scope) value {
	if p == nil {
		return value{covered: true}
	}
	var v value
	for i, c := range p.Cmds {
		var final *value
		if i > 0 {
			f := v
			final = &f
		}
		v = a.cmd(set, c, dot, *scopeOf(sc), final)
	}
	if sc != nil {
		for _, d := range p.Decl {
			name := d.Ident[0]
			if p.IsAssign {
				if old := (*sc).lookup(name); old != nil {
					*old = union(*old, v)
				}
				continue
			}
			nv := v
			*sc = &scope{name: name, v: &nv, up: *sc}
		}
	}
	return v
}

func scopeOf(sc **scope) **scope {
	if sc == nil {
		var s *scope
		return &s
	}
	return sc
}

func (a *analyser) cmd(set *Trees, c *parse.CommandNode, dot value, sc *scope, final *value) value {
	if len(c.Args) == 0 {
		return value{covered: true}
	}
	switch n := c.Args[0].(type) {
	case *parse.FieldNode:
		return a.chain(set, dot, n.Ident, c.Args[1:], final, dot, sc)
	case *parse.ChainNode:
		return a.chain(set, a.arg(set, n.Node, dot, sc), n.Field, c.Args[1:], final, dot, sc)
	case *parse.IdentifierNode:
		return a.fn(set, n.Ident, c.Args[1:], final, dot, sc)
	case *parse.VariableNode:
		v := value{covered: true}
		if p := sc.lookup(n.Ident[0]); p != nil {
			v = *p
		}
		if len(n.Ident) == 1 {
			return v
		}
		return a.chain(set, v, n.Ident[1:], c.Args[1:], final, dot, sc)
	}
	return a.arg(set, c.Args[0], dot, sc)
}

func (a *analyser) arg(set *Trees, n parse.Node, dot value, sc *scope) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.NilNode:
		return value{covered: true}
	case *parse.BoolNode:
		return leaf(boolType)
	case *parse.NumberNode:
		return leaf(intType)
	case *parse.StringNode:
		return leaf(stringType)
	case *parse.PipeNode:
		return a.pipe(set, n, dot, nil)
	case *parse.IdentifierNode:
		return a.fn(set, n.Ident, nil, nil, dot, sc)
	case *parse.FieldNode, *parse.ChainNode, *parse.VariableNode:
		return a.cmd(set, &parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}}, dot, sc, nil)
	}
	return value{covered: true}
}

func (a *analyser) chain(set *Trees, v value, idents []string, args []parse.Node, final *value, dot value, sc *scope) value {
	for i, id := range idents {
		if i == len(idents)-1 {
			return a.field(set, v, id, args, final, dot, sc)
		}
		v = a.field(set, v, id, nil, nil, dot, sc)
	}
	return v
}

// field is .name on v: a method call or a field or map key.
func (a *analyser) field(set *Trees, v value, name string, args []parse.Node, final *value, dot value, sc *scope) value {
	if v.typ == nil {
		if !v.covered {
			a.fallback(".%s of a value of unknown type", name)
		}
		return value{covered: true}
	}
	if mt, ok := methodOf(v.typ, name); ok {
		return a.method(set, v, mt, name, args, final, dot, sc)
	}
	t := v.typ
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		sf, ok := t.FieldByName(name)
		if !ok || !sf.IsExported() {
			return value{covered: true} // an execution error
		}
		ent := a.m.IsEntity(t)
		var rec Mask
		if ent && !(sf.Anonymous && sf.Type == a.m.page) {
			rec = a.m.Bit(name)
		}
		out := value{typ: sf.Type, covered: v.covered || ent}
		for _, n := range v.nodes {
			out.nodes = append(out.nodes, n.field(name, sf.Index, sf.Type, rec))
		}
		if vt, ok := a.m.virtual[fieldKey{t, name}]; ok {
			for _, p := range vt.Reads {
				a.path(set, value{typ: t, nodes: v.nodes, covered: v.covered}, p)
			}
		}
		return out
	case reflect.Map:
		_, e := a.elem(v)
		return e
	case reflect.Interface:
		if !v.covered {
			a.fallback(".%s of an interface value", name)
		}
		return value{covered: true}
	}
	return value{covered: true}
}

func methodOf(t reflect.Type, name string) (reflect.Method, bool) {
	if m, ok := t.MethodByName(name); ok {
		return m, true
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		return reflect.PointerTo(t).MethodByName(name)
	}
	return reflect.Method{}, false
}

func (a *analyser) method(set *Trees, v value, mt reflect.Method, name string, args []parse.Node, final *value, dot value, sc *scope) value {
	var in []value
	for _, x := range args {
		in = append(in, a.arg(set, x, dot, sc))
	}
	if final != nil {
		in = append(in, *final)
	}
	var out reflect.Type
	ft := mt.Type
	if v.typ.Kind() == reflect.Interface {
		if ft.NumOut() > 0 {
			out = ft.Out(0)
		}
		if !v.covered {
			a.fallback("method %s of an interface value", name)
		}
		return value{typ: out, covered: true}
	}
	if ft.NumOut() > 0 {
		out = ft.Out(0)
	}
	recv := v.typ
	for recv.Kind() == reflect.Pointer {
		recv = recv.Elem()
	}
	d, ok := a.m.methods[methodKey{recv, name}]
	if !ok {
		d, ok = a.m.methods[methodKey{reflect.PointerTo(recv), name}]
	}
	if ok {
		base := value{typ: recv, nodes: v.nodes, covered: v.covered}
		for _, p := range d.Reads {
			a.path(set, base, p)
		}
		if d.Result != "" {
			r := a.path(set, base, d.Result)
			if r.typ != out {
				a.fallback("method %v.%s returns %v, its declared Result %q is %v", recv, name, out, d.Result, r.typ)
			}
			return r
		}
		if out != nil && !a.m.entityFree(out) {
			a.fallback("method %v.%s returns pages but declares no Result", recv, name)
		}
		return leaf(out)
	}
	free := a.m.entityFree(v.typ) || (v.covered && a.m.entityFreeBut(v.typ))
	for _, x := range in {
		free = free && (x.typ == nil || a.m.entityFree(x.typ) || x.covered)
	}
	if !free || (out != nil && !a.m.entityFree(out)) {
		a.fallback("method %v.%s is not declared and can reach pages", v.typ, name)
	}
	return leaf(out)
}

// fn is a call of a function.
func (a *analyser) fn(set *Trees, name string, args []parse.Node, final *value, dot value, sc *scope) value {
	var in []value
	for _, x := range args {
		in = append(in, a.arg(set, x, dot, sc))
	}
	if final != nil {
		in = append(in, *final)
	}
	switch name {
	case "and", "or":
		if len(in) == 0 {
			return value{covered: true}
		}
		v := in[0]
		for _, x := range in[1:] {
			v = union(v, x)
		}
		return v
	case "not":
		return leaf(boolType)
	case "len":
		return leaf(intType)
	case "index":
		if len(in) == 0 {
			return value{covered: true}
		}
		v := in[0]
		for range in[1:] {
			_, v = a.elem(v)
		}
		return v
	case "slice":
		if len(in) == 0 {
			return value{covered: true}
		}
		return in[0]
	case "eq", "ne", "lt", "le", "gt", "ge":
		for _, x := range in {
			a.truth(x)
		}
		return leaf(boolType)
	case "print", "printf", "println", "html", "js", "urlquery":
		for _, x := range in {
			a.printed(x, name)
		}
		return leaf(stringType)
	case "call":
		a.fallback("call runs a function the analysis cannot see")
		return value{covered: true}
	}
	if name == a.m.fragment {
		if len(args) < 1 {
			return leaf(stringType)
		}
		s, ok := args[0].(*parse.StringNode)
		if !ok {
			a.fallback("%s with a template name that is not a constant", name)
			return leaf(stringType)
		}
		data := value{covered: true}
		if len(in) > 1 {
			data = in[1]
		}
		var frag *Trees
		if set != nil {
			frag = set.Frag
		}
		a.call(frag, s.Text, data)
		return leaf(stringType)
	}
	ft, ok := a.m.funcs[name]
	if !ok {
		a.fallback("function %s is unknown", name)
		return value{covered: true}
	}
	if d, ok := a.m.decls[name]; ok {
		deref := func(v value) value {
			t := v.typ
			for t != nil && t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			return value{typ: t, nodes: v.nodes, covered: v.covered}
		}
		for i, ps := range d.Reads {
			if i >= len(in) {
				break
			}
			for _, p := range ps {
				a.path(set, deref(in[i]), p)
			}
		}
		var out reflect.Type
		if ft.NumOut() > 0 {
			out = ft.Out(0)
		}
		if d.Result != "" && d.ResultArg < len(in) {
			r := in[d.ResultArg]
			if d.Result != "." {
				r = a.path(set, deref(r), d.Result)
			}
			if out != nil && out.Kind() == reflect.Slice && r.typ == out.Elem() {
				// A list of some of the values at the path: its elements
				// are read where the path leads.
				w := value{typ: out, covered: r.covered}
				for _, n := range r.nodes {
					w.nodes = append(w.nodes, &node{typ: out, elem: n})
				}
				return w
			}
			if r.typ != out {
				a.fallback("function %s returns %v, its declared Result %q is %v", name, out, d.Result, r.typ)
			}
			return r
		}
		if out != nil && !a.m.entityFree(out) {
			a.fallback("function %s returns pages but declares no Result", name)
		}
		return leaf(out)
	}
	for _, x := range in {
		if x.typ != nil && !a.m.entityFree(x.typ) && !x.covered {
			a.fallback("function %s is given a value that holds pages", name)
		}
	}
	if ft.NumOut() == 0 {
		return value{covered: true}
	}
	out := ft.Out(0)
	if !a.m.entityFree(out) {
		a.fallback("function %s returns a value that can hold pages", name)
	}
	return leaf(out)
}

// elem returns the key and element of a range or index over v.
func (a *analyser) elem(v value) (key, elem value) {
	if v.typ == nil {
		if !v.covered {
			a.fallback("range over a value of unknown type")
		}
		return value{covered: true}, value{covered: true}
	}
	t := v.typ
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		e := value{typ: t.Elem(), covered: v.covered}
		for _, n := range v.nodes {
			e.nodes = append(e.nodes, n.elemNode(t.Elem()))
		}
		k := leaf(intType)
		if t.Kind() == reflect.Map {
			k = leaf(t.Key())
		}
		return k, e
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.String:
		return leaf(intType), leaf(t)
	case reflect.Interface:
		if !v.covered {
			a.fallback("range over an interface value")
		}
		return value{covered: true}, value{covered: true}
	}
	a.fallback("range over a %v", t)
	return value{covered: true}, value{covered: true}
}

// printed checks a value that is printed or handed to a function that
// formats it: what it shows must be covered by the reads recorded so far.
func (a *analyser) printed(v value, what string) {
	if v.typ == nil {
		if !v.covered {
			a.fallback("%s prints a value of unknown type", what)
		}
		return
	}
	if a.m.entityFree(v.typ) || (v.covered && a.m.entityFreeBut(v.typ)) {
		return
	}
	a.fallback("%s prints a value of type %v, which holds pages", what, v.typ)
}

// truth checks a value that is tested or compared: pointers compare by
// identity, which the read of the field holding them covers.
func (a *analyser) truth(v value) {
	if v.typ == nil || v.typ.Kind() == reflect.Pointer || a.m.entityFree(v.typ) {
		if v.typ == nil && !v.covered && len(v.nodes) > 0 {
			a.fallback("a value of unknown type is tested")
		}
		return
	}
	switch v.typ.Kind() {
	case reflect.Slice, reflect.Map, reflect.Struct, reflect.Array:
		return // emptiness: the read that reached it covers it
	case reflect.Interface:
		if v.covered {
			return
		}
	}
	a.fallback("a value of type %v is compared", v.typ)
}

// path applies a declared path ("Site.Demands[].Title") to v.
func (a *analyser) path(set *Trees, v value, p string) value {
	if p == "" {
		return v
	}
	for _, seg := range strings.Split(p, ".") {
		elems := 0
		for strings.HasSuffix(seg, "[]") {
			seg, elems = strings.TrimSuffix(seg, "[]"), elems+1
		}
		if seg != "" {
			v = a.field(set, v, seg, nil, nil, value{}, nil)
		}
		for ; elems > 0; elems-- {
			_, v = a.elem(v)
		}
	}
	return v
}
