package content

import (
	"bytes"
	"testing"
	"time"

	"github.com/explainer/explainer/internal/diag"
)

// FuzzFrontmatter splits and decodes arbitrary bytes as the frontmatter of
// every kind of page, without the Markdown parser in the way. It must never
// panic, every diagnostic must point inside the file, the body must be the
// file's tail, and a frontmatter that decodes cleanly must hold a title and
// a summary. Seeds: testdata/seeds and testdata/fuzz/FuzzFrontmatter.
func FuzzFrontmatter(f *testing.F) {
	for _, b := range seeds(f) {
		f.Add(uint8(KindDemand), b)
	}
	for _, s := range []string{
		"---\ntitle: T\nsummary: S\nrole: R\n---\n",
		"+++\ntitle = \"T\"\nsummary = \"S\"\n[[sources]]\ntitle = \"x\"\nurl = \"https://e.org\"\n+++\n",
		"---yaml\ntitle: T\nsummary: S\nparams: {a: &a [1], b: *a}\n---\n",
		"---toml\ntitle = \"T\"\n---\n",
		"\n\n---\ntitle: [\n---\n",
		"---\n- a\n---\n",
		"---\ntitle: T\nsummary: S\nupdated: 2025-02-30\nweight: 1e9\ndraft: yes\n---\n",
	} {
		f.Add(uint8(KindActor), []byte(s))
	}
	kinds := []Kind{KindHome, KindActor, KindDemand, KindTopic, KindPage}
	f.Fuzz(func(t *testing.T, k uint8, src []byte) {
		defer slow(t, time.Now())
		kind := kinds[int(k)%len(kinds)]
		src = bytes.ReplaceAll(bytes.TrimPrefix(src, bom), []byte("\r\n"), []byte("\n"))
		const file = "content/x.md"
		var l diag.List
		fr := splitFront(diag.NewLines(file, src), src, &l)
		var got fields
		if fr.root != nil {
			dec := &decoder{file: file, kind: kind, front: fr, l: &l}
			got = dec.decode(fr.root)
		}
		if fr.bodyOff < 0 || fr.bodyOff > len(src) || !bytes.Equal(src[fr.bodyOff:], fr.body) {
			t.Fatalf("body at %d of %d is not the file's tail", fr.bodyOff, len(src))
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range l {
			if d.Pos.File != file || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 0 {
				t.Errorf("diagnostic outside the file (%d lines): %s", lines, d.String())
			}
		}
		if !l.HasErrors() && (got.Title == "" || got.Summary == "") {
			t.Errorf("decoded without errors but title %q, summary %q", got.Title, got.Summary)
		}
	})
}

// slow fails a fuzz input that takes seconds: on inputs of a few kilobytes
// that is a hang in the making (a quadratic or worse path), which the fuzz
// engine would otherwise only show as a stall.
func slow(t *testing.T, start time.Time) {
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}
