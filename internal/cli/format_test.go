package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/explainer/explainer/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// brokenBriefs has one mistake of each shape: a key typo, a reference whose
// text needs escaping, a relation stated both ways with a note, a broken
// body link, and (with -base-url) a problem that is not in any file.
func brokenBriefs() map[string]string {
	return withFiles(goodBriefs(), map[string]string{
		"content/actors/russia.md": "---\ntitle: Russia\nsummary: An actor.\nrol: Party\n---\nText.\n",
		"content/demands/russia-lift-sanctions.md": "---\ntitle: Lift sanctions\nsummary: A demand.\n" +
			"actor: \"rus%sia, or: not\"\ntopic: sanctions\nconflicts_with:\n  - demand: ukraine-keep-sanctions\n    why: W.\n---\n" +
			"See [the topic](../topics/sanction.md).\n",
		"content/demands/ukraine-keep-sanctions.md": "---\ntitle: Keep sanctions\nsummary: A demand.\n" +
			"actor: ukraine\ntopic: sanctions\naligned_with:\n  - demand: russia-lift-sanctions\n    why: W.\n---\nText.\n",
	})
}

// warnBriefs is a valid site with two warnings: a brief updated before its
// newest source, and a source title cut off with an ellipsis.
func warnBriefs() map[string]string { return withFiles(goodBriefs(), staleTopic()) }

// staleTopic is the brief of warnBriefs that has the warnings.
func staleTopic() map[string]string {
	return map[string]string{
		"content/topics/sanctions.md": "---\ntitle: Sanctions\nsummary: A topic.\nupdated: 2025-09-30\nsources:\n" +
			"  - title: \"EU backs freeze on Russia's frozen €210bn cash\"\n    url: https://example.org/a\n    date: 2025-12\n" +
			"  - title: \"Alaska without agreement: why Lavrov's…\"\n    url: https://example.org/b\n---\nText.\n",
	}
}

// durationRE matches the run time check prints, which differs every run.
var durationRE = regexp.MustCompile(`\(\d+(\.\d+)?(ns|µs|ms|s)\)`)

// TestCheckFormats compares check's output in each format with a golden
// file; -update rewrites them. The site's temporary path reads SRC and the
// run time TIME.
func TestCheckFormats(t *testing.T) {
	t.Parallel()
	dir := realSite(t, brokenBriefs())
	ok := realSite(t, goodBriefs())
	warn := realSite(t, warnBriefs())
	mixed := realSite(t, withFiles(brokenBriefs(), staleTopic()))
	tests := []struct {
		name string
		args []string
	}{
		{"text", []string{"check", "-src", dir, "-base-url", "ftp://example.org/"}},
		{"github", []string{"check", "-src", dir, "-base-url", "ftp://example.org/", "-format", "github"}},
		{"json", []string{"check", "-src", dir, "-base-url", "ftp://example.org/", "-format", "json"}},
		{"json-ok", []string{"check", "-src", ok, "-format", "json"}},
		{"warn-text", []string{"check", "-src", warn}},
		{"warn-strict", []string{"check", "-src", warn, "-strict"}},
		{"warn-github", []string{"check", "-src", warn, "-format", "github"}},
		{"warn-json", []string{"check", "-src", warn, "-format", "json"}},
		{"warn-strict-json", []string{"check", "-src", warn, "-strict", "-format", "json"}},
		{"mixed-text", []string{"check", "-src", mixed}},
		{"mixed-github", []string{"check", "-src", mixed, "-format", "github"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(tt.args...)
			src := tt.args[2]
			ar := &txtar.Archive{
				Comment: []byte(fmt.Sprintf("explainer %s\nexit %d\n", strings.Join(tt.args, " "), code)),
				Files:   []txtar.File{{Name: "stdout", Data: []byte(stdout)}, {Name: "stderr", Data: []byte(stderr)}},
			}
			got := bytes.ReplaceAll(txtar.Format(ar), []byte(src), []byte("SRC"))
			got = durationRE.ReplaceAll(got, []byte("(TIME)"))
			golden := filepath.Join("testdata", "check-"+tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
			if strings.HasPrefix(tt.name, "json") {
				var diags []jsonDiag
				if err := json.Unmarshal([]byte(stdout), &diags); err != nil {
					t.Errorf("stdout is not a JSON array of diagnostics: %v", err)
				}
			}
		})
	}
}

func TestGitHubAnnotation(t *testing.T) {
	t.Parallel()
	pos := diag.Pos{File: "content/demands/x.md", Line: 4, Col: 9}
	tests := []struct {
		name string
		src  string
		d    diag.Diagnostic
		want string
	}{
		{"plain", ".", diag.Diagnostic{Pos: pos, Msg: `unknown actor "rusia"`},
			`::error file=content/demands/x.md,line=4,col=9::unknown actor "rusia"`},
		{"site in a subfolder", "site/", diag.Diagnostic{Pos: pos, Msg: "m"},
			`::error file=site/content/demands/x.md,line=4,col=9::m`},
		{"whole file", ".", diag.Diagnostic{Pos: diag.Pos{File: "content/a b.md"}, Msg: "bad id"},
			`::error file=content/a b.md::bad id`},
		{"line without column", ".", diag.Diagnostic{Pos: diag.Pos{File: "layouts/base.html", Line: 3}, Msg: "m"},
			`::error file=layouts/base.html,line=3::m`},
		{"escaping", ".", diag.Diagnostic{Pos: diag.Pos{File: "content/a,b:c%.md", Line: 1, Col: 1}, Msg: "100% wrong\r\nreally: yes, no"},
			`::error file=content/a%2Cb%3Ac%25.md,line=1,col=1::100%25 wrong%0D%0Areally: yes, no`},
		{"flag, not a file", "site", diag.Diagnostic{Pos: diag.Pos{File: "-base-url"}, Msg: "bad base URL"},
			`::error::-base-url: bad base URL`},
		{"warning", ".", diag.Diagnostic{Pos: pos, Msg: "stale", Severity: diag.Warning},
			`::warning file=content/demands/x.md,line=4,col=9::stale`},
		{"info", ".", diag.Diagnostic{Pos: pos, Msg: "no translation yet", Severity: diag.Info},
			`::notice file=content/demands/x.md,line=4,col=9::no translation yet`},
		{"notes", "site", diag.Diagnostic{Pos: pos, Msg: "listed twice", Notes: []diag.Note{{Pos: diag.Pos{File: "content/demands/y.md", Line: 7, Col: 5}, Msg: "first listed here"}}},
			`::error file=site/content/demands/x.md,line=4,col=9::listed twice%0Asite/content/demands/y.md:7:5: first listed here`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := githubAnnotation(tt.src, tt.d); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCheckBadFormat(t *testing.T) {
	t.Parallel()
	code, _, stderr := run("check", "-src", t.TempDir(), "-format", "xml")
	if code != ExitUsage || !strings.Contains(stderr, `unknown -format "xml": want text, github or json`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
