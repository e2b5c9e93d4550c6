package build

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/render"
	"github.com/explainer/explainer/internal/theme"
)

// layoutsDoc is the reference of what layouts receive.
const layoutsDoc = "../../docs/layouts.md"

// modulePath prefixes the packages whose types layouts may reach and the
// doc must describe; other types (time.Time, template.HTML) are the
// standard library's.
const modulePath = "github.com/explainer/explainer/"

// TestLayoutsDocCovers fails when a value a layout can reach has an
// exported field or method that docs/layouts.md does not describe, or a
// layout function is missing from it. The values are found by reflection:
// View, and the Data of every page the repository's site renders, then
// every type reachable from them through fields, pointers, slices and
// maps. Each type of the module needs a "### `pkg.Type`" section naming
// each of its fields and methods in backticks; each function needs a
// "### `name`" section under "## Functions".
func TestLayoutsDocCovers(t *testing.T) {
	doc, err := os.ReadFile(layoutsDoc)
	if err != nil {
		t.Fatal(err)
	}
	sections := docSections(string(doc))
	roots := []reflect.Type{reflect.TypeFor[render.View]()}
	for _, r := range dataTypes(t) {
		roots = append(roots, r)
	}
	for _, typ := range reachable(roots) {
		name := typeName(typ)
		text, ok := sections[name]
		if !ok {
			t.Errorf("docs/layouts.md has no section \"### `%s`\"", name)
			continue
		}
		for _, member := range members(typ) {
			if !strings.Contains(text, "`"+member+"`") {
				t.Errorf("docs/layouts.md, section %s: %s is not described (want `%s`)", name, member, member)
			}
		}
	}
	for _, fn := range render.FuncNames() {
		if _, ok := sections[fn]; !ok {
			t.Errorf("docs/layouts.md has no section \"### `%s`\" for the layout function", fn)
		}
	}
}

// dataTypes returns the types of View.Data on the repository's pages, by
// rendering nothing: each page's data is computed as for rendering.
func dataTypes(t *testing.T) []reflect.Type {
	t.Helper()
	fsys := theme.Over(os.DirFS("../.."))
	res := New().Build(fsys, repoSite(t))
	if len(res.Diags) > 0 {
		t.Fatalf("the repository's site has errors:\n%s", diagText(res))
	}
	ts, l := render.Load(fsys)
	if len(l) > 0 {
		t.Fatal(l.Error())
	}
	var out []reflect.Type
	for _, j := range jobs(res.Site, ts) {
		if j.page == nil || j.view == nil {
			continue // a generated file: no layout receives it
		}
		v := reflect.ValueOf(j.view())
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		f := v.FieldByName("Data")
		if !f.IsValid() {
			continue
		}
		typ := f.Type()
		if typ == reflect.TypeFor[render.None]() || slices.Contains(out, typ) {
			continue
		}
		out = append(out, typ)
	}
	if len(out) == 0 {
		t.Fatal("no page has Data: the walk found nothing to check")
	}
	return out
}

// reachable lists every named struct or non-struct type of the module
// reachable from roots, each once, in the order first met.
func reachable(roots []reflect.Type) []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array || typ.Kind() == reflect.Map {
			if typ.Kind() == reflect.Map {
				walk(typ.Key())
			}
			typ = typ.Elem()
		}
		if seen[typ] || !strings.HasPrefix(typ.PkgPath(), modulePath) || typ == reflect.TypeFor[render.None]() {
			return
		}
		seen[typ] = true
		out = append(out, typ)
		if typ.Kind() == reflect.Struct {
			for i := range typ.NumField() {
				if f := typ.Field(i); f.IsExported() {
					walk(f.Type)
				}
			}
		}
		ptr := reflect.PointerTo(typ)
		for i := range ptr.NumMethod() {
			m := ptr.Method(i).Type
			for o := range m.NumOut() {
				walk(m.Out(o))
			}
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// members lists a type's exported fields (embedded ones by their type's
// name) and the methods of its pointer's method set, except those
// promoted from an embedded field: the embedded type's section has them.
func members(typ reflect.Type) []string {
	var out []string
	var embedded []reflect.Type
	if typ.Kind() == reflect.Struct {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Anonymous {
				embedded = append(embedded, reflect.PointerTo(f.Type))
			}
			if f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	ptr := reflect.PointerTo(typ)
	for i := range ptr.NumMethod() {
		name := ptr.Method(i).Name
		if !slices.ContainsFunc(embedded, func(e reflect.Type) bool { _, ok := e.MethodByName(name); return ok }) {
			out = append(out, name)
		}
	}
	return out
}

// typeName is "pkg.Type", as the doc's section headings name it.
func typeName(typ reflect.Type) string {
	name := typ.Name()
	if i := strings.Index(name, "["); i >= 0 {
		name = name[:i] // render.ViewOf[D] is documented once, as render.View
		if name == "ViewOf" {
			name = "View"
		}
	}
	return fmt.Sprintf("%s.%s", typ.PkgPath()[strings.LastIndex(typ.PkgPath(), "/")+1:], name)
}

var sectionRE = regexp.MustCompile("(?m)^### `([^`]+)`")

// docSections maps each "### `name`" heading to the text up to the next
// heading of any level.
func docSections(doc string) map[string]string {
	out := map[string]string{}
	locs := sectionRE.FindAllStringSubmatchIndex(doc, -1)
	for _, loc := range locs {
		rest := doc[loc[1]:]
		if end := regexp.MustCompile(`(?m)^#{1,3} `).FindStringIndex(rest); end != nil {
			rest = rest[:end[0]]
		}
		out[doc[loc[2]:loc[3]]] = rest
	}
	return out
}
