package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/theme"
)

// outputTree reads every file under dir, by slash path.
func outputTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		tree[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// buildTree builds the site at src and returns its output files.
func buildTree(t *testing.T, src string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := run("build", "-src", src, "-out", out); code != ExitOK {
		t.Fatalf("build %s: exit %d\n%s%s", src, code, stdout, stderr)
	}
	return outputTree(t, out)
}

// TestEjectBuildsTheSame checks that a site without layouts/ and static/
// builds byte for byte as the same site with the theme ejected into it.
func TestEjectBuildsTheSame(t *testing.T) {
	t.Parallel()
	plain, ejected := t.TempDir(), t.TempDir()
	for _, dir := range []string{plain, ejected} {
		writeFiles(t, dir, goodBriefs())
	}
	code, stdout, stderr := run("theme", "eject", "-src", ejected)
	if code != ExitOK || stderr != "" {
		t.Fatalf("eject: exit %d\n%s%s", code, stdout, stderr)
	}
	n := 0
	_ = fs.WalkDir(theme.FS(), ".", func(p string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			n++
			if _, err := os.Stat(filepath.Join(ejected, filepath.FromSlash(p))); err != nil {
				t.Errorf("eject wrote no %s", p)
			}
		}
		return nil
	})
	if want := "ejected " + strconv.Itoa(n) + " files"; !strings.Contains(stdout, want) {
		t.Errorf("stdout %q does not say %q", stdout, want)
	}
	a, b := buildTree(t, plain), buildTree(t, ejected)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d files without layouts/, %d with the ejected theme", len(a), len(b))
	}
	for p, data := range a {
		if b[p] != data {
			t.Errorf("%s differs between the built-in and the ejected theme", p)
		}
	}
}

// TestEjectNeverOverwrites ejects into a site that has its own base
// layout and a link where the stylesheet would go: each existing path is
// skipped, listed, and left as it was, and so is the link's target.
func TestEjectNeverOverwrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"layouts/base.html": "mine", "elsewhere.css": "other"})
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../elsewhere.css", filepath.Join(dir, "static", "style.css")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run("theme", "eject", "-src", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range []string{"layouts/base.html", "static/style.css"} {
		if !strings.Contains(stderr, "skipped "+p+": the site has it already") {
			t.Errorf("stderr does not list %s as skipped:\n%s", p, stderr)
		}
	}
	if !strings.Contains(stdout, "skipped 2") {
		t.Errorf("stdout %q does not count 2 skipped", stdout)
	}
	if got := readFile(t, filepath.Join(dir, "layouts/base.html")); got != "mine" {
		t.Errorf("layouts/base.html is now %q", got)
	}
	if got := readFile(t, filepath.Join(dir, "elsewhere.css")); got != "other" {
		t.Errorf("the link's target is now %q", got)
	}
	// A second eject writes nothing.
	code, stdout, _ = run("theme", "eject", "-src", dir)
	if code != ExitOK || !strings.Contains(stdout, "ejected 0 files") {
		t.Errorf("second eject: exit %d, %q", code, stdout)
	}
}

// TestThemeUsage checks the theme command's argument errors.
func TestThemeUsage(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "f")
	writeFiles(t, filepath.Dir(file), map[string]string{"f": "x"})
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"theme"}, ExitUsage, "usage: explainer theme eject"},
		{[]string{"theme", "inject"}, ExitUsage, "usage: explainer theme eject"},
		{[]string{"theme", "eject", "-src", file}, ExitUsage, "is not a folder"},
		{[]string{"theme", "eject", "extra"}, ExitUsage, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, _, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
	}
}

// TestOverrideErrorsNameTheirFile checks where a layout error points: at
// the site's own file and line for an override, at theme:layouts/... for a
// theme file that breaks because of an override.
func TestOverrideErrorsNameTheirFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"override with a syntax error", map[string]string{"layouts/partials/extra.html": "{{define \"x\"}}\n\n{{if}}{{end}}"},
			"layouts/partials/extra.html:3: layout error: missing value for if"},
		{"theme file broken by an override", map[string]string{"layouts/base.html": "{{template \"main\" .}}{{template \"no-such\" .}}"},
			"layouts/base.html:1:"},
		{"theme file calling what an override dropped", map[string]string{"layouts/partials/meta.html": "{{define \"unused\"}}{{end}}"},
			"theme:layouts/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, withFiles(goodBriefs(), tt.files))
			code, _, stderr := run("check", "-src", dir)
			if code != ExitContent || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, tt.want)
			}
		})
	}
}

// TestServeOverrideAddedAndRemoved serves a site without layouts/, adds an
// override (a new layouts/ folder), then removes it: each time the server
// converges on what build gives for the tree on disk.
func TestServeOverrideAddedAndRemoved(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, goodBriefs())
	d := startServe(t, root, build.Options{})
	converges(t, d, fresh(t, root))
	themed := fresh(t, root).Files["index.html"]
	writeFile(t, root, "layouts/home.html", "{{define \"main\"}}<h1>An override</h1>{{end}}")
	want := fresh(t, root)
	if !strings.Contains(string(want.Files["index.html"]), "An override") {
		t.Fatal("the override does not change the home page")
	}
	converges(t, d, want)
	if err := os.RemoveAll(filepath.Join(root, "layouts")); err != nil {
		t.Fatal(err)
	}
	want = fresh(t, root)
	if string(want.Files["index.html"]) != string(themed) {
		t.Fatal("without the override the home page is not the theme's again")
	}
	converges(t, d, want)
}
