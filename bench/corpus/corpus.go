package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/explainer/explainer/internal/theme"
)

// MinDemands is the smallest corpus Generate makes: two actors with enough
// demands each for conflicts and alignments.
const MinDemands = 10

// Files maps slash paths relative to the site root ("content/_index.md")
// to file contents.
type Files map[string][]byte

// Paths returns every path, sorted.
func (f Files) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Size returns the total number of bytes.
func (f Files) Size() int {
	n := 0
	for _, b := range f {
		n += len(b)
	}
	return n
}

// plan is the shape of the site, fixed before any text is written so that
// every reference is known to resolve.
type plan struct {
	n       int
	actors  []named
	topics  []named
	demands []demand
}

type named struct{ id, title string }

type demand struct {
	named
	actor, topic int
	conflicts    []int
	alignments   []int
}

// Generate returns the content/ files of a site with n demands (at least
// MinDemands; smaller n is raised to it).
func Generate(n int) Files {
	p := newPlan(max(n, MinDemands))
	files := Files{"content/_index.md": p.home()}
	for i := range p.actors {
		files["content/actors/"+p.actors[i].id+".md"] = p.actor(i)
	}
	for i := range p.topics {
		files["content/topics/"+p.topics[i].id+".md"] = p.topic(i)
	}
	for i := range p.demands {
		files["content/demands/"+p.demands[i].id+".md"] = p.demand(i)
	}
	return files
}

func newPlan(n int) *plan {
	p := &plan{n: n}
	for i := range max(2, n/50) {
		name := actorName(i)
		p.actors = append(p.actors, named{id: strings.ToLower(name), title: name})
	}
	for i := range max(1, n/100) {
		title := topicTitle(i)
		p.topics = append(p.topics, named{id: slug(title), title: title})
	}
	for i := range n {
		r := newRNG(1, i)
		d := demand{actor: i % len(p.actors), topic: r.intn(len(p.topics))}
		words := r.words(3, 5)
		d.title = p.actors[d.actor].title + " wants " + words
		d.id = fmt.Sprintf("%s-%s-%d", p.actors[d.actor].id, slug(words), i)
		p.demands = append(p.demands, d)
	}
	for i := range p.demands {
		p.relate(i)
	}
	return p
}

// relate picks 2–3 conflicts among other actors' demands and 0–2
// alignments among the same actor's. A pair is thus always of one kind.
func (p *plan) relate(i int) {
	r := newRNG(2, i)
	d := &p.demands[i]
	nA := len(p.actors)
	perActor := (p.n - d.actor + nA - 1) / nA // demands of d's actor
	used := map[int]bool{i: true}
	for want := 2 + r.intn(2); len(d.conflicts) < want; {
		j := r.intn(p.n)
		if !used[j] && j%nA != d.actor {
			used[j] = true
			d.conflicts = append(d.conflicts, j)
		}
	}
	want := min(r.intn(3), perActor-1)
	for tries := 0; len(d.alignments) < want && tries < 100; tries++ {
		j := d.actor + nA*r.intn(perActor)
		if !used[j] {
			used[j] = true
			d.alignments = append(d.alignments, j)
		}
	}
}

// actorName spells i in base len(syllables), so names are unique.
func actorName(i int) string {
	var b strings.Builder
	for k := 0; k < 2 || i > 0; k++ {
		b.WriteString(syllables[i%len(syllables)])
		i /= len(syllables)
	}
	b.WriteString("ria")
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func topicTitle(i int) string {
	a, n := len(topicAdjectives), len(topicNouns)
	t := topicAdjectives[i%a] + " " + topicNouns[(i/a)%n]
	if round := i / (a * n); round > 0 {
		t += fmt.Sprintf(" %d", round+1)
	}
	return t
}

// slug lower-cases s and joins its words with hyphens, keeping letters and
// digits only.
func slug(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// FS returns the generated site for n demands as an in-memory file system,
// with the layouts/, static/ and i18n/ folders of the site at root over the
// built-in theme (the repository root, for the real layouts) copied in.
func FS(n int, root string) (fstest.MapFS, error) {
	files := Generate(n)
	for _, dir := range []string{"layouts", "static", "i18n"} {
		if err := files.CopyDir(root, dir); err != nil {
			return nil, err
		}
	}
	fsys := fstest.MapFS{}
	for p, b := range files {
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return fsys, nil
}

// CopyDir adds every regular file under root/dir to f, keyed "dir/...",
// reading root as explainer does: over the built-in theme, so the
// theme's layouts/ and static/ files are copied where root has none.
func (f Files) CopyDir(root, dir string) error {
	fsys := theme.Over(os.DirFS(root))
	err := fs.WalkDir(fsys, dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || !de.Type().IsRegular() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		f[p] = b
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no %s/ in %s: pass the repository root", dir, root)
	}
	return err
}
