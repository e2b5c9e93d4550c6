package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/explainer/explainer/internal/build"
)

// TestInitThenCheckAndBuild writes a new site and checks that it passes
// check and builds, with the title given, and that its workflow installs
// explainer rather than running this repository's tests.
func TestInitThenCheckAndBuild(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "talks")
	title := `Trade talks: "Northland" & Southland`
	if code, stdout, stderr := run("init", dir, "-title", title); code != ExitOK || !strings.Contains(stdout, "wrote a new site") {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{
		"content/_index.md", "content/actors/northland.md", "content/actors/southland.md",
		"content/topics/steel.md", "content/topics/cars.md", "content/demands/northland-end-steel-tariff.md",
		"content/demands/southland-keep-steel-tariff.md", "content/demands/southland-end-car-tariff.md",
		"README.md", ".gitignore", ".github/workflows/site.yml",
	} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("init wrote no %s: %v", f, err)
		}
	}
	if code, stdout, stderr := run("check", "-src", dir); code != ExitOK || !strings.Contains(stdout, "no problems") {
		t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := run("build", "-src", dir, "-out", out); code != ExitOK {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Trade talks: &#34;Northland&#34; &amp; Southland"; !strings.Contains(string(home), want) {
		t.Errorf("home page does not show the title %q", want)
	}
	for _, p := range []string{"demands/northland-end-steel-tariff/index.html", "style.css"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("build wrote no %s: %v", p, err)
		}
	}
	wf := readFile(t, filepath.Join(dir, ".github/workflows/site.yml"))
	for _, want := range []string{"go install \"github.com/explainer/explainer/cmd/explainer@", "explainer check -format github", "explainer build -base-url"} {
		if !strings.Contains(wf, want) {
			t.Errorf("workflow lacks %q", want)
		}
	}
	if strings.Contains(wf, "go test") || strings.Contains(wf, "./cmd/explainer") {
		t.Error("the new site's workflow runs this repository's code")
	}
	if gi := readFile(t, filepath.Join(dir, ".gitignore")); !strings.Contains(gi, "public/") {
		t.Errorf(".gitignore %q does not ignore public/", gi)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestInitRefuses checks that init writes nothing where something is.
func TestInitRefuses(t *testing.T) {
	t.Parallel()
	full := t.TempDir()
	writeFiles(t, full, map[string]string{"notes.txt": "mine"})
	file := filepath.Join(t.TempDir(), "file")
	writeFiles(t, filepath.Dir(file), map[string]string{"file": "mine"})
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"non-empty folder", []string{"init", full}, "is not empty (it holds notes.txt)"},
		{"a file", []string{"init", file}, "is a file, not a folder"},
		{"no folder", []string{"init"}, "want one DIR, got 0 arguments"},
		{"two folders", []string{"init", "a", "b"}, "want one DIR, got 2 arguments"},
		{"blank title", []string{"init", filepath.Join(t.TempDir(), "x"), "-title", " "}, "-title: the title must not be blank"},
		{"two-line title", []string{"init", filepath.Join(t.TempDir(), "x"), "-title", "a\nb"}, "one line of text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(tt.args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, ExitUsage, tt.stderr)
			}
		})
	}
	if got := readFile(t, filepath.Join(full, "notes.txt")); got != "mine" {
		t.Errorf("notes.txt is now %q", got)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("init wrote into a non-empty folder: %d entries", len(entries))
	}
	if got := readFile(t, file); got != "mine" {
		t.Errorf("the file is now %q", got)
	}
}

// TestInitIntoEmptyFolder accepts a folder that exists but is empty.
func TestInitIntoEmptyFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if code, _, stderr := run("init", "-title", "Climate summit", dir); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "content/_index.md")); !strings.Contains(got, `title: "Climate summit"`) {
		t.Errorf("_index.md does not hold the title:\n%s", got)
	}
}

// TestInitThenServe serves a new site at once: every file build would
// write is served, byte for byte.
func TestInitThenServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := run("init", dir); code != ExitOK {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	d := startServe(t, dir, build.Options{})
	converges(t, d, fresh(t, dir))
}
