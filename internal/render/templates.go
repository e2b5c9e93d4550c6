package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/explainer/explainer/internal/deps"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/editorfile"
	"github.com/explainer/explainer/internal/i18n"
	"github.com/explainer/explainer/internal/views"
)

// Dir is the folder, relative to the site root, that holds the layouts.
const Dir = "layouts"

// Templates is the compiled layout set: one template per page kind.
type Templates struct {
	byKind map[string]*template.Template
	// Files lists every layout file read.
	Files []string
	// Sum is a hash of every layout file's name and text: two Templates
	// with the same Sum were loaded from the same layouts.
	Sum  [32]byte
	bufs sync.Pool // *bytes.Buffer, reused between pages
	// frag executes the templates that "fragment" caches; frags holds
	// their results for the life of the Templates (one build).
	frag  *template.Template
	frags *fragments
	// lines indexes each layout's source, to turn text/template's byte
	// columns into character columns.
	lines map[string]*diag.Lines
	src   map[string]string // each layout's text, for checkKeys
	// trees holds each kind's parse trees for the dependency analysis,
	// assembled as the kind's template set is: base, partials, the kind.
	trees map[string]*deps.Trees
	// origin names a layout file in diagnostics (see Origin).
	origin func(name string) string
	// langs is shared by the language sets of one Load (lang.go); code
	// and lang are this set's language and strings.
	langs *langSets
	code  string
	lang  *i18n.Bundle
}

// fragments is the fragment cache of the build being rendered: the parsed
// templates' fragment function (bound when they are parsed) reads it
// through this, so a reloaded Templates can share the parsed templates
// and start an empty cache.
type fragments struct {
	m atomic.Pointer[sync.Map] // fragKey -> template.HTML
}

func newFragments() *fragments {
	f := &fragments{}
	f.m.Store(new(sync.Map))
	return f
}

// An Origin names the files of an fs.FS for diagnostics. A site read
// through its theme (theme.Overlay) is one: a layout that comes from the
// theme is named "theme:layouts/x.html", so an error in it does not point
// at a file the site does not have. Load uses it when fsys has it.
type Origin interface {
	Origin(name string) string
}

// named renames the file of a layout's position for diagnostics.
func (ts *Templates) named(p diag.Pos) diag.Pos {
	if ts.origin != nil && p.File != "" {
		p.File = ts.origin(p.File)
	}
	return p
}

// fragKey names one cached fragment: a template and the value it ran on.
type fragKey struct {
	name string
	data any
}

// Funcs returns the functions layouts may call, fragment aside (see
// FragmentFunc), for the dependency analysis: the language-independent
// ones and the language functions (LangFuncs), which read nothing of the
// content but their arguments.
func Funcs() template.FuncMap {
	m := maps.Clone(funcs)
	maps.Copy(m, langFuncs(nil))
	return m
}

// FragmentFunc is the name of the layout function that runs a named
// template once per build per value.
const FragmentFunc = "fragment"

// Funcs are the functions layouts may call.
var funcs = template.FuncMap{
	"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	"add":     func(a, b int) int { return a + b },
	// The "Referenced by" lists, without the pages the layout links above.
	"demandRefs": views.DemandReferences,
	"actorRefs":  views.ActorReferences,
	"topicRefs":  views.TopicReferences,
	// against lists the other actors a demand clashes with.
	"against": views.Against,
	// attribution names a source briefly, for the home page's takeaways.
	"attribution": views.Attribution,
	// headlineFirst orders a demand's clashes, headline clashes first.
	"headlineFirst": views.HeadlineFirst,
	// split reports whether whole-site lists are split (views.SplitAbove).
	"split": views.Split,
}

// Reload is Load for a rebuild: when the layouts in fsys are those prev
// was loaded from (same files, same bytes), it returns prev's parsed
// templates with a fresh fragment cache (fragments are cached for one
// build) without parsing them again.
func Reload(fsys fs.FS, prev *Templates) (*Templates, diag.List) {
	return ReloadLangs(fsys, prev, nil)
}

// ReloadLangs is LoadLangs for a rebuild, as Reload is Load: the i18n
// files are inputs like the layouts, and an edit of any of them (or a
// change of langs) loads again.
func ReloadLangs(fsys fs.FS, prev *Templates, langs []string) (*Templates, diag.List) {
	if prev == nil || prev.langs == nil || inputsSum(fsys, langs) != prev.langs.inputs {
		return LoadLangs(fsys, langs)
	}
	p := prev.langs
	p.mu.Lock()
	for _, s := range p.sets {
		s.frags.m.Store(new(sync.Map))
	}
	p.mu.Unlock()
	prev.frags.m.Store(new(sync.Map))
	return &Templates{byKind: prev.byKind, Files: prev.Files, Sum: prev.Sum, frag: prev.frag, frags: prev.frags, trees: prev.trees, lines: prev.lines, src: prev.src, origin: prev.origin,
		langs: prev.langs, code: prev.code, lang: prev.lang}, nil
}

// layoutFiles lists the layout files Load reads, in its order.
func allLayoutFiles(fsys fs.FS) []string {
	files := []string{Dir + "/base.html"}
	partials := layoutFiles(fsys, Dir+"/partials/*.html")
	kinds := layoutFiles(fsys, Dir+"/*.html")
	for _, k := range kinds {
		if k != files[0] {
			partials = append(partials, k)
		}
	}
	return append(files, partials...)
}

// sumLayouts hashes the names and bytes of the layout files.
func sumLayouts(fsys fs.FS) [32]byte {
	sum := sha256.New()
	for _, name := range allLayoutFiles(fsys) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		sum.Write([]byte(name))
		sum.Write([]byte{0})
		sum.Write(b)
		sum.Write([]byte{0})
	}
	var out [32]byte
	sum.Sum(out[:0])
	return out
}

// Load parses the layouts in fsys. Every kind whose file exists gets a
// template; a missing base is an error, a missing kind file is reported
// when a page of that kind is rendered. The languages are those that have
// an i18n file (LoadLangs).
func Load(fsys fs.FS) (*Templates, diag.List) { return LoadLangs(fsys, nil) }

// LoadLangs is Load for a site in the languages langs, the first the
// default: it loads each language's strings (i18n.Load), reports every
// string a layout names with T that a language lacks, and returns the
// default language's set (ForLang gives the others). langs nil means the
// languages that have an i18n file, English first.
func LoadLangs(fsys fs.FS, langs []string) (*Templates, diag.List) {
	ts, l := parseLayouts(fsys)
	bundles, codes, bl := loadBundles(fsys, langs)
	l.Merge(bl)
	l.Merge(ts.checkKeys(codes, bundles))
	p := &langSets{pristine: ts.byKind, frag: ts.frag, layoutSum: ts.Sum, bundles: bundles, codes: codes,
		inputs: inputsSum(fsys, langs), sets: map[string]*Templates{}}
	code := ""
	if len(codes) > 0 {
		code = codes[0]
	}
	def, err := p.bind(ts, code)
	if err != nil {
		l.Add(ts.named(diag.Pos{File: Entry}), templateMsg(err))
		return ts, l
	}
	p.sets[code] = def
	return def, l
}

// parseLayouts parses the layouts of fsys, bound to no language.
func parseLayouts(fsys fs.FS) (*Templates, diag.List) {
	var l diag.List
	ts := &Templates{byKind: map[string]*template.Template{}, trees: map[string]*deps.Trees{}, frags: newFragments(), lines: map[string]*diag.Lines{}, src: map[string]string{}}
	if o, ok := fsys.(Origin); ok {
		ts.origin = o.Origin
	}
	common := &deps.Trees{}
	common.Frag = common // fragments run in base and partials only
	ts.Sum = sumLayouts(fsys)
	read := func(name string) (string, bool) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", false
		}
		ts.Files = append(ts.Files, name)
		ts.lines[name] = diag.NewLines(name, b)
		ts.src[name] = string(b)
		return string(b), true
	}
	baseName := Dir + "/base.html"
	src, ok := read(baseName)
	if !ok {
		l.Add(diag.Pos{File: baseName}, "missing base layout")
		return ts, l
	}
	base, err := template.New(baseName).Funcs(funcs).Funcs(langFuncs(nil)).Funcs(template.FuncMap{FragmentFunc: ts.fragment}).Parse(src)
	if err != nil {
		l.Add(ts.pos(err, baseName), templateMsg(err))
		return ts, l
	}
	_ = common.Add(baseName, src) // html/template parsed it: no error
	partials := layoutFiles(fsys, Dir+"/partials/*.html")
	for _, p := range partials {
		src, _ := read(p)
		if _, err := base.New(p).Parse(src); err != nil {
			l.Add(ts.pos(err, p), templateMsg(err))
			continue
		}
		_ = common.Add(p, src)
	}
	if ts.frag, err = base.Clone(); err != nil {
		l.Add(ts.named(diag.Pos{File: baseName}), templateMsg(err))
		return ts, l
	}
	kinds := layoutFiles(fsys, Dir+"/*.html")
	for _, k := range kinds {
		if k == baseName {
			continue
		}
		src, _ := read(k)
		if strings.TrimSpace(src) == "" {
			continue // an empty file turns the kind off, over a theme's layout too
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(k).Parse(src)
		}
		if err != nil {
			l.Add(ts.pos(err, k), templateMsg(err))
			continue
		}
		kind := strings.TrimSuffix(path.Base(k), ".html")
		ts.byKind[kind] = t
		trees := common.Clone()
		_ = trees.Add(k, src)
		ts.trees[kind] = trees
	}
	return ts, l
}

// layoutFiles lists the files matching pattern, sorted, without editors'
// temporary and lock files (an Emacs lock .#demand.html matches *.html).
func layoutFiles(fsys fs.FS, pattern string) []string {
	names, _ := fs.Glob(fsys, pattern)
	names = slices.DeleteFunc(names, editorfile.Is)
	sort.Strings(names)
	return names
}

// fragment runs the named template on data once per build and returns
// the same HTML on every later call with the same name and data. data
// must be comparable (a pointer, or a struct of pointers and strings); the
// result must be placed where the template's own output would be HTML
// text, so that it is byte-identical to {{template name data}} there.
func (ts *Templates) fragment(name string, data any) (template.HTML, error) {
	k := fragKey{name, data}
	cache := ts.frags.m.Load()
	if h, ok := cache.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := ts.frag.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	cache.Store(k, h)
	return h, nil
}

// Has reports whether a layout for the kind exists.
func (ts *Templates) Has(kind string) bool { return ts.byKind[kind] != nil }

// Trees returns the parse trees of a kind's layouts, or nil when the kind
// has no layout.
func (ts *Templates) Trees(kind string) *deps.Trees { return ts.trees[kind] }

// Entry is the template every page executes.
const Entry = Dir + "/base.html"

// Execute renders a view (a *ViewOf) with the layout of its kind.
func (ts *Templates) Execute(kind string, v any) ([]byte, *diag.Diagnostic) {
	return ts.ExecuteContext(context.Background(), kind, v)
}

// ExecuteContext is Execute that stops when ctx is done, even in the
// middle of a page: at 10,000 demands one map or matrix page takes
// seconds, too long to wait for after an interrupt. A page cut short
// returns no bytes and a diagnostic.
func (ts *Templates) ExecuteContext(ctx context.Context, kind string, v any) ([]byte, *diag.Diagnostic) {
	var page []byte
	d := ts.ExecuteWith(ctx, kind, v, func(b []byte) {
		if len(b) > 0 { // else nil, as from a fresh buffer nothing was written to
			page = bytes.Clone(b) // an exact-size copy, since it is kept
		}
	})
	return page, d
}

// ExecuteWith is ExecuteContext for a caller that is done with the page
// as soon as it has it (a build that writes it to disk): use gets the
// page's bytes, which are valid only until use returns, and no copy is
// made. use is not called when the page fails.
func (ts *Templates) ExecuteWith(ctx context.Context, kind string, v any, use func([]byte)) *diag.Diagnostic {
	t := ts.byKind[kind]
	if t == nil {
		return &diag.Diagnostic{Pos: diag.Pos{File: Dir + "/" + kind + ".html"}, Msg: "missing layout for " + kind + " pages"}
	}
	b, _ := ts.bufs.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	defer ts.put(b)
	var w io.Writer = b
	if ctx.Done() != nil {
		w = &ctxWriter{ctx: ctx, w: b}
	}
	if err := t.ExecuteTemplate(w, Entry, v); err != nil {
		return &diag.Diagnostic{Pos: ts.pos(err, Dir+"/"+kind+".html"), Msg: templateMsg(err)}
	}
	use(b.Bytes())
	return nil
}

// ctxWriter fails its writes once its context is done, which stops the
// template executing into it. It looks at the context every 256 writes:
// a template makes millions of small writes on a large page.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
	n   int
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if c.n++; c.n&255 == 0 {
		if err := c.ctx.Err(); err != nil {
			return 0, err
		}
	}
	return c.w.Write(p)
}

// put returns a buffer to the pool, unless one huge page grew it.
func (ts *Templates) put(b *bytes.Buffer) {
	if b.Cap() <= 4<<20 {
		b.Reset()
		ts.bufs.Put(b)
	}
}

// templateErrRE finds the position in text/template's errors
// ("template: layouts/x.html:3:5: ...") and html/template's escaper errors
// ("html/template:layouts/x.html:3:5: ...").
var templateErrRE = regexp.MustCompile(`template: ?(` + Dir + `/[^:]+):(\d+)(?::(\d+))?: `)

// pos is the position of a layout error for diagnostics: where it is
// (locate), in the file named as the site's or the theme's (named).
func (ts *Templates) pos(err error, file string) diag.Pos {
	return ts.named(ts.locate(err, file))
}

// locate finds the layout file, line and column an html/template error
// names, falling back to the given file. text/template counts the column
// in bytes from 0; it is converted to characters from 1, as every
// diagnostic counts.
func (ts *Templates) locate(err error, file string) diag.Pos {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return diag.Pos{File: file}
	}
	line, _ := strconv.Atoi(m[2])
	p := diag.Pos{File: m[1], Line: line}
	if m[3] == "" {
		return p
	}
	col, _ := strconv.Atoi(m[3])
	if l := ts.lines[m[1]]; l != nil && line >= 1 {
		if q := l.Pos(l.Offset(line) + col); q.Line == line {
			return q
		}
	}
	return p
}

// templateMsg strips the position prefix that templatePos reads.
func templateMsg(err error) string {
	msg := err.Error()
	if loc := templateErrRE.FindStringIndex(msg); loc != nil {
		msg = msg[loc[1]:]
	}
	msg = strings.TrimPrefix(msg, "template: ")
	return fmt.Sprintf("layout error: %s", msg)
}

// FuncNames lists, sorted, the functions a layout may call besides
// html/template's own; docs/layouts.md documents each.
func FuncNames() []string {
	names := append([]string{"fragment"}, LangFuncs...) // bound per Templates (lang.go)
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
