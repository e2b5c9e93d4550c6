package content

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/editorfile"
	"github.com/explainer/explainer/internal/markdown"
	"github.com/explainer/explainer/internal/pool"
)

// Dir is the folder, relative to the site root, that holds the briefs.
const Dir = "content"

// sectionKinds maps the folders of content/ to the kind of their pages.
var sectionKinds = map[string]Kind{"actors": KindActor, "demands": KindDemand, "topics": KindTopic, "events": KindEvent}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// parsed is one file after parsing, before resolving. It depends only on
// the file's own bytes, which is what makes caching it safe.
type parsed struct {
	file string
	kind Kind
	slug string
	// lang is the language code of a translation's file name ("uk" of
	// x.uk.md), "" for an original.
	lang string
	// src is the file a merged page's text comes from (a translation,
	// see lang.go) when it is not file; text is the language of the text,
	// "" for the site's default language.
	src, text string
	sum       [32]byte
	fields    fields
	doc       *markdown.Doc
	lines     *diag.Lines
	// bodyOff is the offset of the body in the file, to map link offsets.
	bodyOff int
	diags   diag.List
}

// Loader loads sites and caches parses between loads. A Loader is not safe
// for concurrent use; serve mode gives it to the one goroutine that builds.
type Loader struct {
	md    *markdown.Engine
	cache map[string]*parsed
	// Parsed counts files parsed (not served from the cache) by the last Load.
	Parsed int
	// reread, during LoadChanged, lists the only files read again: any
	// other file with a cached parse is taken from the cache unread.
	reread map[string]bool
	// ctx, during LoadChangedContext, ends the load early.
	ctx context.Context
}

// NewLoader returns a Loader with an empty cache.
func NewLoader(md *markdown.Engine) *Loader {
	return &Loader{md: md, cache: map[string]*parsed{}}
}

// Options control what Load includes and how URLs are formed.
type Options struct {
	// BaseURL is "/" or a path ("/summit/") or a full URL
	// ("https://example.org/summit/"). Empty means "/".
	BaseURL string
	// Drafts includes pages with draft: true.
	Drafts bool
	// Dates gives a page's Updated when its frontmatter sets none, keyed by
	// file path relative to the site root ("content/demands/x.md"); the
	// command line fills it from git. Nil means no default dates.
	Dates map[string]time.Time
	// Backlog reports each brief without a translation into one of the
	// site's languages as an info (check does; a build need not).
	Backlog bool
}

// Load reads every brief under content/ in fsys and returns the resolved
// site. The site is complete only when the returned list is empty.
func (ld *Loader) Load(fsys fs.FS, opts Options) (*Site, diag.List) {
	var l diag.List
	files := ld.walk(fsys, &l)
	ps := ld.parseAll(fsys, files, &l)
	if ld.done() {
		return nil, nil
	}
	site := resolveAll(ps, opts, &l)
	l.Sort()
	return site, l
}

// LoadChanged is Load for a rebuild that knows which files changed since
// the last Load: changed lists paths relative to the site root, and files
// not in it whose parse is cached are not read again. A nil changed means
// unknown and reads every file, like Load.
func (ld *Loader) LoadChanged(fsys fs.FS, opts Options, changed []string) (*Site, diag.List) {
	if changed != nil {
		ld.reread = make(map[string]bool, len(changed))
		for _, p := range changed {
			ld.reread[p] = true
		}
		defer func() { ld.reread = nil }()
	}
	return ld.Load(fsys, opts)
}

// LoadChangedContext is LoadChanged that stops reading and parsing files
// once ctx is done, within one file per core: it then returns a nil Site
// and no diagnostics, and the caller must look at ctx.Err(). The cache
// keeps only whole parses, so a later load is unaffected.
func (ld *Loader) LoadChangedContext(ctx context.Context, fsys fs.FS, opts Options, changed []string) (*Site, diag.List) {
	ld.ctx = ctx
	defer func() { ld.ctx = nil }()
	return ld.LoadChanged(fsys, opts, changed)
}

// done reports whether the context of LoadChangedContext is done.
func (ld *Loader) done() bool { return ld.ctx != nil && ld.ctx.Err() != nil }

// entry is a file found by walk, classified by its place in content/.
type entry struct {
	file string
	kind Kind
	slug string
	lang string // a translation's language code (x.uk.md), or ""
}

func (ld *Loader) walk(fsys fs.FS, l *diag.List) []entry {
	var out []entry
	lower := map[string]string{} // lower-cased path -> first path seen
	err := fs.WalkDir(fsys, Dir, func(p string, de fs.DirEntry, err error) error {
		pos := diag.Pos{File: p}
		if err != nil {
			l.Addf(pos, "cannot read: %v", err)
			return nil
		}
		if !de.IsDir() && editorfile.Is(p) {
			// Before the link test: an Emacs lock is a dangling link.
			return nil
		}
		if de.Type()&fs.ModeSymlink != 0 {
			l.Add(pos, "symbolic link: links are never followed in content/; copy the file in instead")
			return nil
		}
		name := de.Name()
		if de.IsDir() {
			return ld.checkDir(p, name, l)
		}
		if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
			return nil // images, notes and editor files are not briefs
		}
		if !de.Type().IsRegular() {
			l.Add(pos, "not a regular file")
			return nil
		}
		if first, dup := lower[strings.ToLower(p)]; dup {
			l.Addf(pos, "duplicate id: %s differs only in case from %s", p, first)
		} else {
			lower[strings.ToLower(p)] = p
		}
		if e, ok := classify(p, l); ok {
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		l.Addf(diag.Pos{File: Dir}, "cannot read: %v", err)
	}
	return out
}

func (ld *Loader) checkDir(p, name string, l *diag.List) error {
	rel := strings.TrimPrefix(p, Dir)
	switch {
	case p == Dir:
		return nil
	case strings.HasPrefix(name, "."):
		return fs.SkipDir
	case strings.Count(rel, "/") == 1 && sectionKinds[name] != 0:
		return nil
	case strings.HasSuffix(name, ".md"):
		l.Add(diag.Pos{File: p}, "a directory named like a brief; a brief is a file")
		return fs.SkipDir
	}
	l.Addf(diag.Pos{File: p}, "unknown folder; content/ holds only actors/, demands/, topics/, events/ and top-level pages")
	return fs.SkipDir
}

// classify decides a file's kind and id from its path.
func classify(p string, l *diag.List) (entry, bool) {
	dir, name := path.Split(p)
	slug := strings.TrimSuffix(name, ".md")
	dir = strings.TrimSuffix(strings.TrimPrefix(dir, Dir+"/"), "/")
	e := entry{file: p, slug: slug}
	if i := strings.LastIndexByte(slug, '.'); i > 0 && langSuffixRE.MatchString(slug[i+1:]) {
		// A translation, x.uk.md: its language is checked against the
		// site's languages once the home page is read (lang.go).
		e.slug, e.lang, slug = slug[:i], slug[i+1:], slug[:i]
	}
	switch {
	case dir == "" && slug == "_index":
		e.kind = KindHome
		return e, true
	case dir == "":
		e.kind = KindPage
	case slug == "_index" && sectionKinds[dir] == KindEvent:
		l.Addf(diag.Pos{File: p}, "the events have no list page of their own: they make up /%s", TimelinePath)
		return e, false
	case slug == "_index":
		e.kind, e.slug = KindSection, dir
		return e, true
	default:
		e.kind = sectionKinds[dir]
	}
	if !idRE.MatchString(slug) {
		l.Addf(diag.Pos{File: p}, "bad id %q: file names are lower-case letters, digits and single hyphens, like %q", slug, suggestID(slug))
		return e, false
	}
	return e, true
}

func suggestID(s string) string {
	return strings.Trim(markdown.Slug(s), "-")
}

// parseAll parses files on every core, reusing cached parses of files whose
// bytes have not changed.
func (ld *Loader) parseAll(fsys fs.FS, files []entry, l *diag.List) []*parsed {
	out := make([]*parsed, len(files))
	errs := make([]diag.List, len(files))
	var mu sync.Mutex
	fresh := 0
	pool.Each(len(files), func() func(int) {
		return func(i int) {
			if ld.done() {
				return
			}
			e := files[i]
			if ld.reread != nil && !ld.reread[e.file] {
				mu.Lock()
				c := ld.cache[e.file]
				mu.Unlock()
				if c != nil && c.kind == e.kind && c.lang == e.lang {
					out[i] = c
					return
				}
			}
			src, err := fs.ReadFile(fsys, e.file)
			if err != nil {
				errs[i].Addf(diag.Pos{File: e.file}, "cannot read: %v", err)
				return
			}
			sum := sha256.Sum256(src)
			mu.Lock()
			c := ld.cache[e.file]
			mu.Unlock()
			if c == nil || c.sum != sum || c.kind != e.kind || c.lang != e.lang {
				c = ld.parse(e, src)
				c.sum = sum
				mu.Lock()
				ld.cache[e.file] = c
				fresh++
				mu.Unlock()
			}
			out[i] = c
		}
	})
	ld.Parsed = fresh
	if ld.done() {
		return nil // files were skipped: keep the cache as it is
	}
	keep := map[string]bool{}
	var ps []*parsed
	for i, p := range out {
		l.Merge(errs[i])
		if p != nil {
			keep[p.file] = true
			l.Merge(p.diags)
			ps = append(ps, p)
		}
	}
	for f := range ld.cache {
		if !keep[f] {
			delete(ld.cache, f)
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].file < ps[j].file })
	return ps
}

var (
	bom  = []byte("\xef\xbb\xbf")
	crlf = []byte("\r\n")
)

// parse decodes one file. It never fails: problems go into p.diags.
func (ld *Loader) parse(e entry, src []byte) *parsed {
	p := &parsed{file: e.file, kind: e.kind, slug: e.slug, lang: e.lang}
	src = bytes.TrimPrefix(src, bom)
	if bytes.Contains(src, crlf) { // ReplaceAll copies even when there is nothing to replace
		src = bytes.ReplaceAll(src, crlf, []byte("\n"))
	}
	p.lines = diag.NewLines(e.file, src)
	if !utf8.Valid(src) {
		p.diags.Add(p.lines.Pos(invalidUTF8(src)), "invalid UTF-8: briefs must be UTF-8 text")
		return p
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		p.diags.Add(p.lines.Pos(i), "NUL byte: briefs must be text")
		return p
	}
	fr := splitFront(p.lines, src, &p.diags)
	if fr.root != nil {
		dec := &decoder{file: e.file, kind: fieldKind(e.kind), front: fr, l: &p.diags, translation: e.lang != ""}
		p.fields = dec.decode(fr.root)
	}
	p.bodyOff = fr.bodyOff
	if off, deep := markdown.TooDeep(fr.body); deep {
		p.diags.Addf(p.lines.Pos(p.bodyOff+off), "nested too deeply: indentation and list or quote markers wider than %d columns at the start of a line", markdown.MaxPrefix)
		return p
	}
	if off, over := markdown.Work(fr.body); over {
		p.diags.Add(p.lines.Pos(p.bodyOff+off), "too costly to render: by here the body holds more emphasis markers, brackets, quotes, "+
			"link definitions, nesting or bytes than a brief may (markdown.MaxWork); split long paragraphs with blank lines, "+
			"escape runs of markers with \\, or shorten the file")
		return p
	}
	p.doc = ld.md.Parse(fr.body)
	for _, u := range p.doc.Unsafe {
		p.diags.Addf(p.lines.Pos(p.bodyOff+u.Offset), "unsafe link %q: javascript:, vbscript:, file: and data: URLs are never emitted", u.Dest)
	}
	if fr.root != nil && e.lang == "" {
		// A translation's citations name its original's sources: they
		// are checked when the two are merged (lang.go).
		p.diags.Merge(p.checkCites(p.fields.Sources))
	}
	if fr.root != nil {
		p.checkEventBody()
	}
	return p
}

// fieldKind is the kind whose frontmatter keys a file may use: section
// index pages take the keys of plain pages.
func fieldKind(k Kind) Kind {
	if k == KindSection {
		return KindPage
	}
	return k
}

func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}
