package build

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/internal/render"
)

// TestTwoPhaseEqualsFull applies random edits with RebuildPages, and
// checks that the first phase's output has every page of a brief as a
// fresh full build has it and every whole-site page and generated file as
// the output served before; that Finish, when called, gives the full
// build; and that a cancelled or skipped Finish loses nothing. Body edits
// take content.Loader.PatchBody's shortcut.
func TestTwoPhaseEqualsFull(t *testing.T) {
	t.Parallel()
	gen, err := corpus.FS(30, "../..")
	if err != nil {
		t.Fatal(err)
	}
	fsys := cloneFS(gen)
	r := rand.New(rand.NewPCG(7, 11))
	b := New()
	res := b.Build(fsys, Options{})
	if len(res.Diags) > 0 {
		t.Fatalf("site does not build: %s", diagLines(res))
	}
	served := res.Output
	good := cloneFS(fsys)
	split, deferred, shortcut := 0, 0, 0
	site := res.Site
	// rebuild rebuilds in two phases when it can, checks each, and
	// reports whether the build is good.
	rebuild := func(label string, changed []string) bool {
		res, p := b.RebuildPages(fsys, Options{}, changed)
		if res.Site == site { // only the body shortcut keeps the Site
			shortcut++
		}
		site = res.Site
		if p == nil {
			served = sameAsFull(t, label, res, fsys, Options{}, served)
			return len(res.Diags) == 0
		}
		split++
		deferred += len(p.later)
		firstPhaseMixes(t, label, res, fsys, served)
		served = res.Output
		if r.IntN(3) == 0 { // a batch came first: Finish is cancelled, then skipped
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if fin := b.Finish(ctx, p); fin != nil || b.Output() != res.Output {
				t.Fatalf("%s: a cancelled Finish published", label)
			}
			return true
		}
		fin := b.Finish(context.Background(), p)
		if fin == nil {
			t.Fatalf("%s: Finish did nothing", label)
		}
		served = sameAsFull(t, label+" finished", fin, fsys, Options{}, served)
		return true
	}
	for step := range 60 {
		e := edits[r.IntN(len(edits))]
		changed := e.do(fsys, r)
		if changed == nil {
			continue
		}
		label := fmt.Sprintf("step %d (%s %v)", step, e.name, changed)
		if rebuild(label, changed) {
			good = cloneFS(fsys)
			continue
		}
		for _, c := range changed { // undo, as a writer would
			if f, ok := good[c]; ok {
				fsys[c] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
			} else {
				delete(fsys, c)
			}
		}
		if !rebuild(label+" undone", changed) {
			t.Fatalf("%s: still broken after the undo", label)
		}
	}
	if split == 0 || deferred == 0 || shortcut == 0 {
		t.Fatalf("%d two-phase rebuilds deferring %d pages, %d body shortcuts: the edits never took one of the paths", split, deferred, shortcut)
	}
}

// firstPhaseMixes checks a first phase's output against a fresh full
// build: whole-site files as served before, every other file as built.
func firstPhaseMixes(t *testing.T, step string, inc *Result, fsys fstest.MapFS, served *Output) {
	t.Helper()
	full := New().Build(fsys, Options{})
	if len(full.Diags) > 0 {
		t.Fatalf("%s: the first phase published, the full build fails:\n%s", step, diagLines(full))
	}
	ts, _ := render.Load(fsys)
	whole := map[string]bool{}
	for _, j := range jobs(full.Site, ts) {
		whole[j.path] = j.kind.class != brief
	}
	if len(inc.Output.Files) != len(full.Output.Files) || inc.Output.Pages != full.Output.Pages {
		t.Fatalf("%s: %d files, %d pages; full build has %d, %d", step, len(inc.Output.Files), inc.Output.Pages, len(full.Output.Files), full.Output.Pages)
	}
	for _, p := range full.Output.Paths() {
		want, from := full.Output.Files[p], "a full build"
		if whole[p] {
			want, from = served.Files[p], "the output served before"
		}
		if string(inc.Output.Files[p]) != string(want) {
			t.Fatalf("%s: %s differs from %s", step, p, from)
		}
	}
}
