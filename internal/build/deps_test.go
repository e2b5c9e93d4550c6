package build

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/render"
)

// TestRepositoryLayoutsAnalysed checks that the analysis follows every
// construct of the repository's layouts: no kind falls back to "reads
// everything", which would re-render all its pages after any edit.
func TestRepositoryLayoutsAnalysed(t *testing.T) {
	fsys := repoFS(t)
	ts, l := render.Load(fsys)
	if len(l) > 0 {
		t.Fatal(l)
	}
	lays := New().analyse(ts, nil)
	for _, k := range pageKinds {
		lay := lays[k]
		if lay.an == nil {
			t.Errorf("%s: no analysis", k.name)
			continue
		}
		if lay.an.All {
			t.Errorf("%s: analysis fell back: %s", k.name, lay.an.Why)
		}
	}
}

// TestRenderExactly checks, on a generated site with the repository's
// layouts, that a rebuild makes exactly the files an edit can change: a
// body edit its page and the files that show body text; a title edit the
// pages that show the title, no more; a layout edit the pages of the kinds
// whose templates it touches.
func TestRenderExactly(t *testing.T) {
	t.Parallel()
	gen, first := builtCorpus(t, 150)
	d := first.Site.Demands[3]
	demand := "content/demands/" + d.Slug + ".md"
	own := outPath(d.URL, "/")
	ofKind := func(kinds ...string) func(*Result) []string {
		return func(res *Result) []string {
			var out []string
			ts, _ := render.Load(gen)
			for _, j := range jobs(res.Site, ts) {
				if slices.Contains(kinds, j.kind.name) {
					out = append(out, j.path)
				}
			}
			return out
		}
	}
	tests := []struct {
		name string
		do   func(fstest.MapFS) []string
		// want lists the files that must be made, or nil for "the files
		// whose bytes changed, and at most slack more".
		want  func(*Result) []string
		slack int
	}{
		{"body edit makes its page and the search index", func(f fstest.MapFS) []string {
			return appendTo(f, demand, "\nOne more sentence.\n")
		}, func(*Result) []string { return []string{own, "search-index.json"} }, 0},
		// The title reorders lists: the home page's sharpest clashes are
		// taken in site order (it is rendered, its bytes stay), an actor
		// page shows how many clashes a demand has (a clash list was
		// reordered); the section pages read what each branch of their
		// {{if}} shows.
		{"title edit makes the pages that show the title", func(f fstest.MapFS) []string {
			return replace(f, demand, `(?m)^title: .*$`, "title: A new title")
		}, nil, 4},
		{"summary edit makes the pages that show the summary", func(f fstest.MapFS) []string {
			return replace(f, demand, `(?m)^summary: .*$`, "summary: A new summary.")
		}, nil, 2},
		{"topic layout makes the topic pages", func(f fstest.MapFS) []string {
			return replace(f, "layouts/topic.html", `</article>`, "<!-- x --></article>")
		}, ofKind("topic"), 0},
		{"a partial makes the kinds that call it", func(f fstest.MapFS) []string {
			return replace(f, "layouts/partials/meta.html", `\{\{T "referenced_by"\}\}`, "Linked from")
		}, ofKind("actor", "demand", "topic", "page"), 0},
		// The strings of a language are part of every layout of it: an
		// edit of the default's makes every page; another language's
		// makes none of the default's.
		{"an i18n edit makes every page of its language", func(f fstest.MapFS) []string {
			return replace(f, "i18n/en.toml", `(?m)^related = .*$`, `related = "See also"`)
		}, ofKind("home", "actor", "demand", "topic", "page", "section", "404", "search", "matrix", "map", "timeline"), 0},
		{"another language's i18n edit makes no page", func(f fstest.MapFS) []string {
			return replace(f, "i18n/uk.toml", `(?m)^related = .*$`, `related = "Див. також"`)
		}, func(*Result) []string { return nil }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			prev, _, res := editAndRebuild(t, gen, tt.name, tt.do)
			var want []string
			if tt.want != nil {
				want = tt.want(res)
			} else {
				for _, p := range res.Changed {
					if _, ok := prev.Output.Files[p]; ok {
						want = append(want, p)
					}
				}
			}
			slices.Sort(want)
			got := slices.Sorted(slices.Values(res.made))
			var missing, extra []string
			for _, p := range want {
				if !slices.Contains(got, p) {
					missing = append(missing, p)
				}
			}
			for _, p := range got {
				if !slices.Contains(want, p) {
					extra = append(extra, p)
				}
			}
			if len(missing) > 0 || len(extra) > tt.slack {
				t.Errorf("made %d files; not made: %v; made beyond the %d allowed: %v", len(got), missing, tt.slack, extra)
			}
		})
	}
}
