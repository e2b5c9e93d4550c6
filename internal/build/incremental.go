package build

import (
	"slices"
	"sort"
	"strings"

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

// check checks the links of the new output. After a full render it checks
// every page. Otherwise only the rendered pages are checked, unless a file
// disappeared or a rendered page lost or gained an id: then a link on any
// page may have broken, and every page is checked.
func (b *Builder) check(out *Output, base string, jobs, rendered []job) diag.List {
	if b.Last == nil || len(rendered)*2 > len(jobs) || b.removedAny(out) {
		return checkLinks(out, base, jobs)
	}
	for _, j := range rendered {
		old, ok := b.Last.Files[j.path]
		if ok && !slices.Equal(scanAttrs(old).ids, scanAttrs(out.Files[j.path]).ids) {
			return checkLinks(out, base, jobs)
		}
	}
	return checkSome(out, base, rendered)
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

// checkSome checks the links of the given pages only, as checkLinks does
// for all of them.
func checkSome(out *Output, base string, pages []job) diag.List {
	ids := map[string]*attrs{}
	hasID := func(page, id string) bool {
		a, ok := ids[page]
		if !ok {
			s := scanAttrs(out.Files[page])
			a = &s
			ids[page] = a
		}
		return a.hasID(id)
	}
	var l diag.List
	for _, j := range pages {
		if !strings.HasSuffix(j.path, ".html") {
			continue
		}
		at := diag.Pos{File: j.view.Page.File}
		if at.File == "" {
			at.File = "layouts"
		}
		seen := map[string]bool{}
		for _, ref := range scanAttrs(out.Files[j.path]).refs {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			if msg := checkRef(out, base, j.path, ref, hasID); msg != "" {
				l.Addf(at, "%s: broken link %q: %s", "/"+j.path, ref, msg)
			}
		}
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Before(l[j].Pos) })
	return l
}
