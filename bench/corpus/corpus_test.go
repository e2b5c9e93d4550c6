package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/markdown"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(300), Generate(300)
	if len(a) != len(b) {
		t.Fatalf("got %d then %d files", len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Fatalf("%s differs between two runs", p)
		}
	}
	if c := Generate(301); bytes.Equal(c.bytes(), a.bytes()) {
		t.Fatal("301 demands gave the same site as 300")
	}
}

func (f Files) bytes() []byte {
	var b bytes.Buffer
	for _, p := range f.Paths() {
		b.WriteString(p)
		b.Write(f[p])
	}
	return b.Bytes()
}

func TestGenerateShape(t *testing.T) {
	for _, tc := range []struct{ n, actors, topics int }{
		{n: 10, actors: 2, topics: 1},
		{n: 250, actors: 5, topics: 2},
		{n: 500, actors: 10, topics: 5},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			site := load(t, Generate(tc.n))
			if got := []int{len(site.Demands), len(site.Actors), len(site.Topics)}; fmt.Sprint(got) != fmt.Sprint([]int{tc.n, tc.actors, tc.topics}) {
				t.Fatalf("got demands, actors, topics %v, want %d %d %d", got, tc.n, tc.actors, tc.topics)
			}
			for _, d := range site.Demands {
				checkDemand(t, d)
			}
		})
	}
}

// load resolves the files with the real loader and fails on any diagnostic.
func load(t *testing.T, files Files) *content.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, b := range files {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	site, l := content.NewLoader(markdown.New()).Load(fsys, content.Options{})
	if len(l) > 0 {
		t.Fatalf("generated site has %d diagnostics, first: %s", len(l), l[0].String())
	}
	return site
}

// checkDemand checks what the issue asks of each demand. Stated relation
// counts are read from the source, since Resolve adds the mutual ones.
func checkDemand(t *testing.T, d *content.Demand) {
	t.Helper()
	words := visibleWords(t, d)
	if words < 500 || words > 700 {
		t.Errorf("%s: %d words, want 500–700", d.File, words)
	}
	if n := len(d.LinksTo); n < 2 || n > 3 {
		t.Errorf("%s: links to %d pages, want 2–3", d.File, n)
	}
	if len(d.Sources) == 0 {
		t.Errorf("%s: no sources", d.File)
	}
	src := string(d.Doc.Source)
	for _, want := range []string{"\n## ", "\n### ", "\n- ", "\n1. ", "\n| ", "*"} {
		if !strings.Contains(src, want) {
			t.Errorf("%s: body has no %q", d.File, want)
		}
	}
	if len(d.Conflicts) < 2 {
		t.Errorf("%s: %d conflicts, want at least the 2 it states", d.File, len(d.Conflicts))
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// visibleWords counts the words of the rendered body: tags become spaces,
// and tokens without a letter (a full stop after a closing tag) do not count.
func visibleWords(t *testing.T, d *content.Demand) int {
	var b bytes.Buffer
	if err := markdown.New().Render(&b, d.Doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, w := range strings.Fields(tagRE.ReplaceAllString(b.String(), " ")) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

func TestGeneratedStatedRelations(t *testing.T) {
	p := newPlan(1000)
	for _, d := range p.demands {
		if n := len(d.conflicts); n < 2 || n > 3 {
			t.Errorf("%s: states %d conflicts, want 2–3", d.id, n)
		}
		if n := len(d.alignments); n > 2 {
			t.Errorf("%s: states %d alignments, want 0–2", d.id, n)
		}
	}
}
