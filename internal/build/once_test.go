package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/bench/corpus"
	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/theme"
	"golang.org/x/tools/txtar"
)

// TestOnceEqualsNew holds the single build of `explainer build` and
// `check` (NewOnce: no reads recorded, pages streamed to an Emitter) to
// the output and diagnostics of the rebuilding Builder that serve uses:
// byte for byte, on the repository's site under two base URLs, on a
// generated corpus, and on sites whose link check fails after every page
// was streamed.
func TestOnceEqualsNew(t *testing.T) {
	gen, err := corpus.FS(60, "../..")
	if err != nil {
		t.Fatal(err)
	}
	sites := []struct {
		name string
		fsys fs.FS
		opts Options
	}{
		{"repository", theme.Over(os.DirFS("../..")), repoSite(t)},
		{"repository under a full URL", theme.Over(os.DirFS("../..")), Options{Options: content.Options{BaseURL: "https://example.org/summit/"}}},
		{"corpus", gen, Options{}},
	}
	for _, name := range []string{"abslinks.txtar", "errors.txtar"} {
		_, fsys, opts := txtarSite(t, filepath.Join("testdata", name))
		sites = append(sites, struct {
			name string
			fsys fs.FS
			opts Options
		}{name, fsys, opts})
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			want := New().Build(s.fsys, s.opts)
			held := NewOnce(nil).Build(s.fsys, s.opts)
			if g, w := diagText(held), diagText(want); g != w {
				t.Fatalf("NewOnce(nil) diagnostics:\n%s\nwant (New):\n%s", g, w)
			}
			parent := t.TempDir()
			dir := filepath.Join(parent, "public")
			em, err := NewEmitter(dir, EmitOptions{})
			if err != nil {
				t.Fatal(err)
			}
			streamed := NewOnce(em).Build(s.fsys, s.opts)
			if g, w := diagText(streamed), diagText(want); g != w {
				t.Fatalf("NewOnce(emitter) diagnostics:\n%s\nwant (New):\n%s", g, w)
			}
			if want.Output == nil {
				em.Abort()
				if entries, _ := os.ReadDir(parent); len(entries) > 0 {
					t.Errorf("a failed build left %v beside the output", entries)
				}
				return
			}
			if !bytesMapEqual(held.Output.Files, want.Output.Files) {
				t.Errorf("NewOnce(nil) output differs from New's: %v", diffKeys(held.Output.Files, want.Output.Files))
			}
			if err := em.Commit(context.Background(), streamed.Output); err != nil {
				t.Fatal(err)
			}
			wantTree := withMarker(want.Output.Files)
			if got := readTree(t, dir); !bytesMapEqual(got, wantTree) {
				t.Errorf("streamed tree differs from New's output: %v", diffKeys(got, wantTree))
			}
			if g, w := streamed.Output.Len(), len(want.Output.Files); g != w {
				t.Errorf("Len() = %d, want %d", g, w)
			}
			if g, w := streamed.Output.Pages, want.Output.Pages; g != w {
				t.Errorf("Pages = %d, want %d", g, w)
			}
			assertNoTemp(t, parent)
		})
	}
}

// TestStreamedFailureLeavesOldOutput checks that a build whose pages
// were streamed and whose link check then fails leaves the previous
// output as it was and no temporary folder.
func TestStreamedFailureLeavesOldOutput(t *testing.T) {
	_, fsys, opts := txtarSite(t, filepath.Join("testdata", "abslinks.txtar"))
	if res := New().Build(fsys, opts); !res.Diags.HasErrors() {
		t.Fatal("abslinks.txtar builds without errors: the test needs a failing link check")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	old := &Output{Files: map[string][]byte{"index.html": []byte("old")}}
	if err := Emit(context.Background(), old, dir, EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	em, err := NewEmitter(dir, EmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := NewOnce(em).Build(fsys, opts)
	if !res.Diags.HasErrors() {
		t.Fatal("no errors")
	}
	if em.tmp == "" {
		t.Fatal("nothing was streamed before the link check failed: the test checks nothing")
	}
	em.Abort()
	if got := readTree(t, dir); !bytesMapEqual(got, withMarker(old.Files)) {
		t.Errorf("old output changed: %v", keysOf(got))
	}
	assertNoTemp(t, parent)
}

// txtarSite reads a testdata site: the archive, its input files and its
// options.
func txtarSite(t *testing.T, name string) (*txtar.Archive, fstest.MapFS, Options) {
	t.Helper()
	ar, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var opts Options
	for _, f := range ar.Files {
		switch {
		case f.Name == "options":
			for _, kv := range strings.Fields(string(f.Data)) {
				if k, v, _ := strings.Cut(kv, "="); k == "base-url" {
					opts.BaseURL = v
				}
			}
		case !strings.HasPrefix(f.Name, "want/"):
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return ar, fsys, opts
}

func bytesMapEqual(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// diffKeys lists the paths whose bytes differ, or that only one has.
func diffKeys(a, b map[string][]byte) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	if len(out) > 10 {
		out = append(out[:10], "...")
	}
	return out
}
