package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes a minimal site under dir.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	base := map[string]string{
		"content/_index.md":    "---\ntitle: Home\nsummary: S.\n---\nHi.\n",
		"layouts/base.html":    `<!doctype html><title>{{.Page.Title}}</title>{{template "main" .}}`,
		"layouts/home.html":    `{{define "main"}}{{.Content}}{{end}}`,
		"layouts/section.html": `{{define "main"}}{{.Page.Title}}{{end}}`,
	}
	for k, v := range files {
		base[k] = v
	}
	for name, data := range base {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, nil)
	broken := t.TempDir()
	writeSite(t, broken, map[string]string{
		"content/_index.md":     "---\ntitle: Home\nsumary: S.\n---\n",
		"content/actors/a b.md": "---\ntitle: A\nsummary: S\n---\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring
		stderr     string // substring
		wantOutput bool
	}{
		{name: "no args", args: nil, code: ExitUsage, stderr: "Usage:"},
		{name: "unknown command", args: []string{"bulid"}, code: ExitUsage, stderr: `unknown command "bulid"`},
		{name: "version", args: []string{"version"}, code: ExitOK, stdout: "explainer "},
		{name: "help", args: []string{"build", "-h"}, code: ExitOK, stderr: "-base-url"},
		{name: "bad flag", args: []string{"build", "-nope"}, code: ExitUsage, stderr: "flag provided but not defined"},
		{name: "extra arg", args: []string{"check", "x"}, code: ExitUsage, stderr: `unexpected argument "x"`},
		{name: "check ok", args: []string{"check", "-src", dir}, code: ExitOK, stdout: "checked 9 pages: no problems"},
		{name: "build ok", args: []string{"build", "-src", dir, "-out", out}, code: ExitOK, stdout: "built 9 pages", wantOutput: true},
		{name: "check errors", args: []string{"check", "-src", broken}, code: ExitContent,
			stderr: "content/_index.md:1:1: missing required frontmatter key \"summary\"\ncontent/_index.md:3:1: unknown frontmatter key \"sumary\" (did you mean \"summary\"?)\ncontent/actors/a b.md: bad id \"a b\""},
		{name: "out is site root", args: []string{"build", "-src", dir, "-out", dir}, code: ExitUsage, stderr: "is the site root"},
		{name: "out inside content", args: []string{"build", "-src", dir, "-out", filepath.Join(dir, "content", "x")}, code: ExitUsage, stderr: "inside content/"},
		{name: "out contains site", args: []string{"build", "-src", dir, "-out", filepath.Dir(dir)}, code: ExitUsage, stderr: "contains the site root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			if tt.wantOutput {
				if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
					t.Errorf("no output: %v", err)
				}
			}
		})
	}
}

// TestBrokenBuildLeavesOutput checks the command end to end: a failing
// build exits 1 and leaves the previous output byte-identical.
func TestBrokenBuildLeavesOutput(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, nil)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("build", "-src", dir, "-out", out); code != ExitOK {
		t.Fatalf("first build failed: %s", stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, map[string]string{"content/_index.md": "---\ntitle: Changed\n---\n"})
	code, _, stderr := run("build", "-src", dir, "-out", out)
	if code != ExitContent || !strings.Contains(stderr, `missing required frontmatter key "summary"`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	after, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("output changed after a failed build: %q -> %q (%v)", before, after, err)
	}
}
