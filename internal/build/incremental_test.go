package build

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/theme"
)

// edit changes a site in place and returns the paths it touched, or nil
// when it found nothing to change.
type edit struct {
	name string
	do   func(fsys fstest.MapFS, r *rand.Rand) []string
}

// pick returns a random file under dir, in a stable order.
func pick(fsys fstest.MapFS, r *rand.Rand, dir string) string {
	var ps []string
	for p := range fsys {
		// Originals only: the edits rewrite keys a translation does not
		// have (TestServeEqualsBuild edits translations).
		if strings.HasPrefix(p, dir+"/") && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") && strings.Count(path.Base(p), ".") == 1 {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	sort.Strings(ps)
	return ps[r.IntN(len(ps))]
}

// replace applies a regexp replacement to one file once; it returns the
// path when the file changed.
func replace(fsys fstest.MapFS, p, re, with string) []string {
	f := fsys[p]
	if f == nil {
		return nil
	}
	rx := regexp.MustCompile(re)
	loc := rx.FindIndex(f.Data)
	if loc == nil {
		return nil
	}
	data := append(append(append([]byte{}, f.Data[:loc[0]]...), rx.ReplaceAll(f.Data[loc[0]:loc[1]], []byte(with))...), f.Data[loc[1]:]...)
	fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	return []string{p}
}

// deleteOne returns an edit that deletes a random brief under dir.
func deleteOne(dir string) func(fstest.MapFS, *rand.Rand) []string {
	return func(fsys fstest.MapFS, r *rand.Rand) []string {
		p := pick(fsys, r, dir)
		if p == "" {
			return nil
		}
		delete(fsys, p)
		return []string{p}
	}
}

func appendTo(fsys fstest.MapFS, p, s string) []string {
	f := fsys[p]
	if f == nil {
		return nil
	}
	fsys[p] = &fstest.MapFile{Data: append(append([]byte{}, f.Data...), s...), Mode: 0o644}
	return []string{p}
}

var edits = []edit{
	{"demand body", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return appendTo(fsys, pick(fsys, r, "content/demands"), fmt.Sprintf("\nAn added sentence %d.\n", r.IntN(1000)))
	}},
	{"actor body", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return appendTo(fsys, pick(fsys, r, "content/actors"), "\nMore about this actor.\n")
	}},
	{"demand title", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^title: .*$`, fmt.Sprintf("title: Retitled %d", r.IntN(1000)))
	}},
	{"topic title", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/topics"), `(?m)^title: .*$`, fmt.Sprintf("title: Topic retitled %d", r.IntN(1000)))
	}},
	{"demand summary", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^summary: .*$`, fmt.Sprintf("summary: A new summary %d.", r.IntN(1000)))
	}},
	{"drop a relation", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^  - [a-z0-9-]+\n`, "")
	}},
	{"move demand to another topic", func(fsys fstest.MapFS, r *rand.Rand) []string {
		t := strings.TrimSuffix(strings.TrimPrefix(pick(fsys, r, "content/topics"), "content/topics/"), ".md")
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^topic: .*$`, "topic: "+t)
	}},
	{"rename a heading", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^## (.*)$`, "## Renamed $1")
	}},
	{"break the actor", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^actor: .*$`, "actor: nobody-at-all")
	}},
	{"add a demand", func(fsys fstest.MapFS, r *rand.Rand) []string {
		src := pick(fsys, r, "content/demands")
		if src == "" {
			return nil
		}
		p := fmt.Sprintf("content/demands/added-%d.md", r.IntN(100000))
		d := regexp.MustCompile(`(?s)\nconflicts_with:.*?\n(aligned_with|sources):`).ReplaceAll(fsys[src].Data, []byte("\n$1:"))
		d = regexp.MustCompile(`(?s)\naligned_with:.*?\nsources:`).ReplaceAll(d, []byte("\nsources:"))
		fsys[p] = &fstest.MapFile{Data: d, Mode: 0o644}
		return []string{p}
	}},
	{"delete a demand", deleteOne("content/demands")},
	{"demand layout", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return appendTo(fsys, "layouts/demand.html", fmt.Sprintf("<!-- %d -->\n", r.IntN(1000)))
	}},
	{"base layout", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, "layouts/base.html", `</footer>`, fmt.Sprintf("<!-- %d --></footer>", r.IntN(1000)))
	}},
	{"static file", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return appendTo(fsys, "static/style.css", fmt.Sprintf("/* %d */\n", r.IntN(1000)))
	}},
}

// eventEdits change the timeline and the statuses: they are in edits too,
// and TestIncrementalEventsEqualsFull applies each of them in turn.
var eventEdits = []edit{
	{"event title", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/events"), `(?m)^title: .*$`, fmt.Sprintf("title: Event retitled %d", r.IntN(1000)))
	}},
	{"event date", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/events"), `(?m)^date: .*$`, fmt.Sprintf("date: 2025-08-%02d", 1+r.IntN(28)))
	}},
	{"event drops its first demand", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/events"), `(?m)^demands: \[[a-z0-9-]+, `, "demands: [")
	}},
	{"event names a missing demand", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/events"), `(?m)^demands: \[`, "demands: [no-such-demand, ")
	}},
	{"event sources", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/events"), `(?m)^    publisher: .*$`, fmt.Sprintf("    publisher: Publisher %d", r.IntN(1000)))
	}},
	{"add an event", func(fsys fstest.MapFS, r *rand.Rand) []string {
		src := pick(fsys, r, "content/events")
		if src == "" {
			return nil
		}
		p := fmt.Sprintf("content/events/added-%d.md", r.IntN(100000))
		fsys[p] = &fstest.MapFile{Data: regexp.MustCompile(`(?m)^pivot: true\n`).ReplaceAll(fsys[src].Data, nil), Mode: 0o644}
		return []string{p}
	}},
	{"delete an event", deleteOne("content/events")},
	{"demand status", func(fsys fstest.MapFS, r *rand.Rand) []string {
		states := []string{"met", "partly", "unmet", "open"}
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^status: .*$`, "status: "+states[r.IntN(len(states))])
	}},
	{"demand status note", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return replace(fsys, pick(fsys, r, "content/demands"), `(?m)^status_note: .*$`, fmt.Sprintf("status_note: A new note %d.", r.IntN(1000)))
	}},
	{"cite a source", func(fsys fstest.MapFS, r *rand.Rand) []string {
		return appendTo(fsys, pick(fsys, r, "content/demands"), fmt.Sprintf("\nA cited sentence.[@%d]\n", 1+r.IntN(3)))
	}},
}

func init() { edits = append(edits, eventEdits...) }

// TestIncrementalEventsEqualsFull applies every event, status and citation
// edit to the repository's site in turn, twice, in one and in two phases,
// and checks each rebuild against a fresh full build.
func TestIncrementalEventsEqualsFull(t *testing.T) {
	t.Parallel()
	fsys := repoFS(t)
	r := rand.New(rand.NewPCG(3, 5))
	b := New()
	res := b.Build(fsys, Options{})
	if len(res.Diags) > 0 || len(res.Site.Events) == 0 {
		t.Fatalf("the repository's site should build and have events: %s", diagLines(res))
	}
	prevFull := res.Output
	good := cloneFS(fsys)
	for round := range 2 {
		for _, e := range eventEdits {
			changed := e.do(fsys, r)
			if changed == nil {
				t.Fatalf("%s: found nothing to change", e.name)
			}
			label := fmt.Sprintf("round %d (%s %v)", round, e.name, changed)
			var res *Result
			if round == 0 {
				res = b.Rebuild(fsys, Options{}, changed)
			} else {
				var p *Pending
				if res, p = b.RebuildPages(fsys, Options{}, changed); p != nil {
					firstPhaseMixes(t, label, res, fsys, prevFull)
					prevFull = res.Output // Finish's Changed is since the first phase
					res = b.Finish(context.Background(), p)
				}
			}
			prevFull = sameAsFull(t, label, res, fsys, Options{}, prevFull)
			if len(res.Diags) == 0 {
				good = cloneFS(fsys)
				continue
			}
			for _, p := range changed {
				if f, ok := good[p]; ok {
					fsys[p] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
				} else {
					delete(fsys, p)
				}
			}
			res = b.Rebuild(fsys, Options{}, changed)
			prevFull = sameAsFull(t, label+" undone", res, fsys, Options{}, prevFull)
		}
	}
}

// diagText prints a result's diagnostics one a line.
func diagLines(res *Result) string {
	var b strings.Builder
	for _, d := range res.Diags {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// sameAsFull checks that an incremental result equals a fresh full build
// of the same files: same diagnostics, byte-identical output, and the
// same changed paths as comparing the two full outputs.
func sameAsFull(t *testing.T, step string, inc *Result, fsys fs.FS, opts Options, prevFull *Output) *Output {
	t.Helper()
	full := New().Build(fsys, opts)
	if a, b := diagLines(inc), diagLines(full); a != b {
		t.Fatalf("%s: diagnostics differ\nincremental:\n%s\nfull:\n%s", step, a, b)
	}
	if full.Output == nil {
		return prevFull
	}
	for _, p := range full.Output.Paths() {
		if string(inc.Output.Files[p]) != string(full.Output.Files[p]) {
			t.Fatalf("%s: %s differs from a full build", step, p)
		}
	}
	if len(inc.Output.Files) != len(full.Output.Files) || inc.Output.Pages != full.Output.Pages {
		t.Fatalf("%s: %d files, %d pages; full build has %d, %d", step, len(inc.Output.Files), inc.Output.Pages, len(full.Output.Files), full.Output.Pages)
	}
	if want := full.Output.Changed(prevFull); strings.Join(inc.Changed, " ") != strings.Join(want, " ") {
		t.Fatalf("%s: changed %v, want %v", step, inc.Changed, want)
	}
	return full.Output
}

func cloneFS(fsys fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for p, f := range fsys {
		out[p] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
	}
	return out
}

func repoFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := theme.Over(os.DirFS("../.."))
	for _, dir := range []string{content.Dir, "layouts", "static", "i18n"} {
		err := fs.WalkDir(root, dir, func(p string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			b, err := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// TestIncrementalEqualsFull applies random sequences of edits, some of
// which break the build and are later undone, and checks after each that
// the incremental rebuild equals a fresh full build.
func TestIncrementalEqualsFull(t *testing.T) {
	t.Parallel()
	gen, err := corpus.FS(30, "../..")
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]fstest.MapFS{"generated": gen, "repository": repoFS(t)}
	for name, base := range sites {
		for _, hint := range []bool{true, false} {
			if name == "repository" && !hint {
				continue
			}
			t.Run(fmt.Sprintf("%s/hint=%v", name, hint), func(t *testing.T) {
				t.Parallel()
				fsys := cloneFS(base)
				r := rand.New(rand.NewPCG(1, uint64(len(name))))
				opts := Options{}
				b := New()
				res := b.Build(fsys, opts)
				if len(res.Diags) > 0 {
					t.Fatalf("site does not build: %s", diagLines(res))
				}
				prevFull := res.Output
				good := cloneFS(fsys)
				for step := range 24 {
					e := edits[r.IntN(len(edits))]
					changed := e.do(fsys, r)
					if changed == nil {
						continue
					}
					var hinted []string
					if hint {
						hinted = changed
					}
					label := fmt.Sprintf("step %d (%s %v)", step, e.name, changed)
					res := b.Rebuild(fsys, opts, hinted)
					prevFull = sameAsFull(t, label, res, fsys, opts, prevFull)
					if len(res.Diags) == 0 {
						good = cloneFS(fsys)
						continue
					}
					// Undo the breaking edit, as a writer would.
					var undone []string
					for _, p := range changed {
						if f, ok := good[p]; ok {
							fsys[p] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
						} else {
							delete(fsys, p)
						}
						undone = append(undone, p)
					}
					if !hint {
						undone = nil
					}
					res = b.Rebuild(fsys, opts, undone)
					prevFull = sameAsFull(t, label+" undone", res, fsys, opts, prevFull)
					if len(res.Diags) > 0 {
						t.Fatalf("%s: still broken after the undo:\n%s", label, diagLines(res))
					}
				}
			})
		}
	}
}

// builtCorpus returns a generated site of n demands with the
// repository's layouts, and its first build.
func builtCorpus(t *testing.T, n int) (fstest.MapFS, *Result) {
	t.Helper()
	gen, err := corpus.FS(n, "../..")
	if err != nil {
		t.Fatal(err)
	}
	first := New().Build(gen, Options{})
	if len(first.Diags) > 0 {
		t.Fatal(diagLines(first))
	}
	return gen, first
}

// TestRenderCounts checks that a rebuild renders only the pages an edit
// can change (Hugo's render-count assertions).
func TestRenderCounts(t *testing.T) {
	t.Parallel()
	gen, first := builtCorpus(t, 150)
	all := first.Output.Pages
	demands := len(first.Site.Demands)
	demand := "content/demands/" + first.Site.Demands[3].Slug + ".md"
	tests := []struct {
		name   string
		do     func(fstest.MapFS) []string
		lo, hi int // bounds on pages rendered
	}{
		{"body edit renders its page only", func(f fstest.MapFS) []string {
			return appendTo(f, demand, "\nOne more sentence.\n")
		}, 1, 1},
		{"title edit renders its page, its neighbours and the lists", func(f fstest.MapFS) []string {
			return replace(f, demand, `(?m)^title: .*$`, "title: A new title")
		}, 5, all / 4},
		{"static edit renders nothing", func(f fstest.MapFS) []string {
			return appendTo(f, "static/style.css", "/* x */\n")
		}, 0, 0},
		{"demand layout renders the demands", func(f fstest.MapFS) []string {
			return replace(f, "layouts/demand.html", `</article>`, "<!-- x --></article>")
		}, demands, demands},
		{"text outside any template renders nothing", func(f fstest.MapFS) []string {
			return appendTo(f, "layouts/demand.html", "<!-- x -->\n")
		}, 0, 0},
		{"base layout renders everything", func(f fstest.MapFS) []string {
			return replace(f, "layouts/base.html", `</footer>`, "<!-- x --></footer>")
		}, all, all},
		{"no change renders nothing", func(f fstest.MapFS) []string { return []string{} }, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, changed, res := editAndRebuild(t, gen, tt.name, tt.do)
			if res.Rendered < tt.lo || res.Rendered > tt.hi {
				t.Errorf("rendered %d pages, want %d to %d (of %d)", res.Rendered, tt.lo, tt.hi, all)
			}
			if len(changed) > 0 && res.Parsed > len(changed) {
				t.Errorf("parsed %d files, want at most %d", res.Parsed, len(changed))
			}
		})
	}
}

// TestBrokenAbsoluteLinkIncremental: a serve-style rebuild after a body
// edit reports a brief's broken site-absolute link where the brief writes
// it, exactly as a full build does.
func TestBrokenAbsoluteLinkIncremental(t *testing.T) {
	t.Parallel()
	fsys := repoFS(t)
	b := New()
	if res := b.Build(fsys, Options{}); len(res.Diags) > 0 {
		t.Fatal(diagLines(res))
	}
	prev := b.last.out
	changed := appendTo(fsys, "content/about.md", "\nПутин сказал [x](/demands/europe-ceasefire-frst/)\n")
	res := b.Rebuild(fsys, Options{}, changed)
	lines := strings.Count(string(fsys["content/about.md"].Data), "\n")
	want := fmt.Sprintf(`content/about.md:%d:18: broken link "/demands/europe-ceasefire-frst/": no such page or file (did you mean "/demands/europe-ceasefire-first/"?)`, lines)
	if got := strings.TrimSpace(diagLines(res)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	sameAsFull(t, "broken link", res, fsys, Options{}, prev)
}

// editAndRebuild builds a copy of site, applies do to the copy and
// rebuilds with the files do reports changed; the rebuild must equal a
// fresh full build. It returns the first build, the changed files and
// the rebuild, for the caller's checks of what was made again.
func editAndRebuild(t *testing.T, site fstest.MapFS, name string, do func(fstest.MapFS) []string) (prev *Result, changed []string, res *Result) {
	t.Helper()
	fsys := cloneFS(site)
	b := New()
	prev = b.Build(fsys, Options{})
	changed = do(fsys)
	res = b.Rebuild(fsys, Options{}, changed)
	sameAsFull(t, name, res, fsys, Options{}, prev.Output)
	return prev, changed, res
}
