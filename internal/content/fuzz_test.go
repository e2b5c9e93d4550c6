package content

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/explainer/explainer/internal/markdown"
)

// FuzzLoad feeds arbitrary bytes as a demand brief into a valid site: the
// frontmatter splitter and decoder, the Markdown parser and the link
// resolver must never panic, and every diagnostic must carry a sane
// position. Seeds come from testdata/seeds.
func FuzzLoad(f *testing.F) {
	for _, b := range seeds(f) {
		f.Add(b)
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := site(nil)
		fsys["content/demands/lift.md"] = &fstest.MapFile{Data: src}
		s, l := NewLoader(md).Load(fsys, Options{})
		if s == nil {
			t.Fatal("nil site")
		}
		for _, d := range l {
			if d.Pos.File == "" || d.Pos.Line < 0 || d.Pos.Col < 0 || !utf8.ValidString(d.Msg) && utf8.Valid(src) {
				t.Errorf("bad diagnostic %q", d.String())
			}
		}
	})
}

// seeds returns the files of testdata/seeds, the corpus every content fuzz
// target starts from.
func seeds(f *testing.F) [][]byte {
	f.Helper()
	names, _ := filepath.Glob("testdata/seeds/*.md")
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}
