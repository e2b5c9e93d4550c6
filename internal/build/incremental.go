package build

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
)

// reuse puts into out the bytes of every page whose key matches the last
// good build's, and returns the jobs left to render and how many pages
// were kept.
func (b *Builder) reuse(jobs []job, keys map[string]uint64, out *Output) (todo []job, kept int) {
	for _, j := range jobs {
		if b.Last != nil {
			if old, ok := b.Last.Files[j.path]; ok && b.keys[j.path] == keys[j.path] {
				out.Files[j.path] = old
				kept++
				continue
			}
		}
		todo = append(todo, j)
	}
	return todo, kept
}

// generate adds the generated files, keeping from the last good build
// those whose inputs did not change: files that show bodies depend on every
// page in full, the others on every card and source list.
// It stops early, leaving out incomplete, when ctx is done.
func (b *Builder) generate(ctx context.Context, site *content.Site, jobs []job, out *Output, k *keyer, keys map[string]uint64) diag.List {
	var l diag.List
	for _, f := range generatedFiles() {
		if ctx.Err() != nil {
			return l
		}
		key := k.generatedKey(f)
		keys[f.path] = key
		if b.Last != nil {
			if old, ok := b.Last.Files[f.path]; ok && b.keys[f.path] == key {
				out.Files[f.path] = old
				continue
			}
		}
		if f.path == searchIndexPath {
			f.make = func(_ *content.Site, jobs []job) ([]byte, error) { return b.search.index(ctx, jobs) }
		}
		l.Merge(f.add(site, jobs, out))
	}
	return l
}

// check checks the links of the new output. After a full render it checks
// every page. Otherwise only the links that rendered pages did not have in
// the last good build are checked (the others were good, and every page
// they can point to is still there with the same ids), unless a file
// disappeared or a rendered page lost or gained an id: then a link on any
// page may have broken, and every page is checked.
func (b *Builder) check(out *Output, base string, jobs, rendered []job) diag.List {
	if b.Last == nil || len(rendered)*2 > len(jobs) || b.removedAny(out) {
		return checkLinks(out, base, jobs)
	}
	fresh := make([][]string, len(rendered))
	for i, j := range rendered {
		now := scanAttrs(out.Files[j.path])
		fresh[i] = now.refs
		old, ok := b.Last.Files[j.path]
		if !ok {
			continue
		}
		was := scanAttrs(old)
		if !slices.Equal(was.ids, now.ids) {
			return checkLinks(out, base, jobs)
		}
		known := make(map[string]bool, len(was.refs))
		for _, r := range was.refs {
			known[r] = true
		}
		fresh[i] = slices.DeleteFunc(now.refs, func(r string) bool { return known[r] })
	}
	return checkRefs(out, base, rendered, fresh)
}

// removedAny reports whether a file of the last good build is not in out.
func (b *Builder) removedAny(out *Output) bool {
	for p := range b.Last.Files {
		if _, ok := out.Files[p]; !ok {
			return true
		}
	}
	return false
}

// checkRefs checks refs[i], links found on pages[i], as checkLinks does.
func checkRefs(out *Output, base string, pages []job, refs [][]string) diag.List {
	ids := map[string]*attrs{}
	idsOf := func(page string) *attrs {
		a, ok := ids[page]
		if !ok {
			s := scanAttrs(out.Files[page])
			a = &s
			ids[page] = a
		}
		return a
	}
	hasID := func(page, id string) bool { return idsOf(page).hasID(id) }
	var l diag.List
	rep := &reporter{out: out, base: base, ids: func(f string) []string { return idsOf(f).ids }}
	for i, j := range pages {
		if !strings.HasSuffix(j.path, ".html") {
			continue
		}
		pr := rep.page(j.path, j.view.Page)
		seen := map[string]bool{}
		for _, ref := range refs[i] {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			if msg := checkRef(out, base, j.path, ref, hasID); msg != "" {
				pr.broken(&l, ref, msg)
			}
		}
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
	return l
}
