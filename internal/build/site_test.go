package build

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/theme"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/*.txtar")

// TestSites builds each testdata/*.txtar site. Files under want/ are the
// expected output (byte-exact) and want/diagnostics the expected errors;
// every other file is input. -update rewrites the want/ files listed.
func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, name := range archives {
		t.Run(filepath.Base(name), func(t *testing.T) {
			ar, fsys, opts := txtarSite(t, name)
			res := New().Build(fsys, opts)
			got := map[string][]byte{"want/diagnostics": []byte(diagText(res))}
			if res.Output != nil {
				for p, b := range res.Output.Files {
					got["want/"+p] = b
				}
			}
			changed := false
			for i, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want/") {
					continue
				}
				g, ok := got[f.Name]
				if !ok {
					t.Errorf("%s: not in the output", f.Name)
					continue
				}
				if !bytes.Equal(g, f.Data) {
					if *update {
						ar.Files[i].Data, changed = g, true
						continue
					}
					t.Errorf("%s:\ngot:\n%s\nwant:\n%s", f.Name, g, f.Data)
				}
			}
			if changed {
				if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func diagText(res *Result) string {
	var b strings.Builder
	for _, d := range res.Diags {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// repoSite is the repository's own site: content/, layouts/ and static/.
func repoSite(t *testing.T) Options {
	t.Helper()
	if _, err := os.Stat("../../content/_index.md"); err != nil {
		t.Fatalf("repository content missing: %v", err)
	}
	return Options{}
}

func TestRepositorySiteBuilds(t *testing.T) {
	opts := repoSite(t)
	res := New().Build(theme.Over(os.DirFS("../..")), opts)
	if len(res.Diags) > 0 {
		t.Fatalf("the repository's site has errors:\n%s", diagText(res))
	}
	for _, p := range []string{"index.html", "actors/index.html", "demands/index.html", "topics/index.html", "404.html"} {
		if _, ok := res.Output.Files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	if res.Output.Pages < 40 {
		t.Errorf("only %d pages built", res.Output.Pages)
	}
}

func TestDeterministic(t *testing.T) {
	opts := repoSite(t)
	opts.BaseURL = "https://example.org/summit/"
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, dir := range dirs {
		res := New().Build(theme.Over(os.DirFS("../..")), opts)
		if len(res.Diags) > 0 {
			t.Fatal(diagText(res))
		}
		if err := Emit(context.Background(), res.Output, filepath.Join(dir, "public"), EmitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, filepath.Join(dirs[0], "public")), readTree(t, filepath.Join(dirs[1], "public"))
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("trees have %d and %d files", len(a), len(b))
	}
	for p, ab := range a {
		if !bytes.Equal(ab, b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEmitReplacesWholeTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := &Output{Files: map[string][]byte{"a/index.html": []byte("a"), "stale.txt": []byte("old")}}
	second := &Output{Files: map[string][]byte{"a/index.html": []byte("b"), "b/index.html": []byte("c")}}
	for _, o := range []*Output{first, second} {
		if err := Emit(context.Background(), o, dir, EmitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	got := readTree(t, dir)
	want := withMarker(second.Files)
	if len(got) != len(want) {
		t.Errorf("got files %v, want %v", keysOf(got), keysOf(want))
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s = %q, want %q", p, got[p], b)
		}
	}
	assertNoTemp(t, filepath.Dir(dir))
}

// TestEmitFailureLeavesOldOutput makes the second Emit fail midway (a file
// and a folder of the same name) and checks the first tree is untouched.
func TestEmitFailureLeavesOldOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	good := &Output{Files: map[string][]byte{"index.html": []byte("good"), "x/index.html": []byte("x")}}
	if err := Emit(context.Background(), good, dir, EmitOptions{}); err != nil {
		t.Fatal(err)
	}
	bad := &Output{Files: map[string][]byte{"a": []byte("file"), "a/b.html": []byte("under a file"), "index.html": []byte("new")}}
	err := Emit(context.Background(), bad, dir, EmitOptions{})
	if err == nil {
		t.Fatal("Emit succeeded; want an error")
	}
	if !strings.Contains(err.Error(), "emit:") {
		t.Errorf("error %q does not say where it failed", err)
	}
	got := readTree(t, dir)
	if len(got) != 3 || string(got["index.html"]) != "good" || string(got["x/index.html"]) != "x" || string(got[MarkerFile]) != marker {
		t.Errorf("old output changed: %v", keysOf(got))
	}
	assertNoTemp(t, filepath.Dir(dir))
}

func TestFailedBuildKeepsLast(t *testing.T) {
	b := New()
	fsys := fstest.MapFS{
		"content/_index.md":    {Data: []byte("---\ntitle: H\nsummary: S\n---\n")},
		"layouts/base.html":    {Data: []byte(`{{template "main" .}}`)},
		"layouts/home.html":    {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
		"layouts/section.html": {Data: []byte(`{{define "main"}}{{.Page.Title}}{{end}}`)},
	}
	first := b.Build(fsys, Options{})
	if first.Output == nil {
		t.Fatal(diagText(first))
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: H\n---\n")}
	second := b.Build(fsys, Options{Options: content.Options{}})
	if second.Output != nil || len(second.Diags) != 1 {
		t.Fatalf("broken build: output %v, diags %q", second.Output != nil, diagText(second))
	}
	if b.Output() != first.Output {
		t.Error("a failed build replaced the last good output")
	}
}

func assertNoTemp(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func keysOf(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
