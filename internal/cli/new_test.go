package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fill replaces the scaffold's placeholders with the given values and,
// when publish is set, deletes the draft line.
func fill(text string, values map[string]string, publish bool) string {
	for key, v := range values {
		re := regexp.MustCompile(`(?m)^(\s*(?:- )?` + regexp.QuoteMeta(key) + `: )"[^"\n]*TODO[^"\n]*"`)
		text = re.ReplaceAllString(text, "${1}"+v)
	}
	if publish {
		text = regexp.MustCompile(`(?m)^draft: true.*\n`).ReplaceAllString(text, "")
	}
	return text
}

// checkReports runs check with args on dir and returns its exit code and
// the problems it reports in file, as line:col: msg.
func checkReports(t *testing.T, dir, file string, args ...string) (int, []string) {
	t.Helper()
	code, _, stderr := run(append([]string{"check", "-src", dir}, args...)...)
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if rest, ok := strings.CutPrefix(l, file+":"); ok {
			got = append(got, rest)
		}
	}
	return code, got
}

// TestNewThenCheck scaffolds each kind and checks the life of the draft:
// check passes at once, warning about each placeholder (with -drafts too
// when its references are given); check -strict fails on them; published with placeholders left,
// check refuses each; filled in and published, check and check -strict pass.
func TestNewThenCheck(t *testing.T) {
	t.Parallel()
	common := map[string]string{
		"summary": `"A neutral summary."`, "title": `"A headline"`,
		"url": "https://example.org/report", "publisher": "Example News",
	}
	draftMsg := func(line, col, value string) string {
		return line + ":" + col + `: warning: placeholder "` + value + `" in a draft: write the value before publishing`
	}
	tests := []struct {
		name   string
		args   []string
		file   string
		title  string   // the title made from the id
		keys   []string // frontmatter keys the scaffold must hold
		strict []string // the warnings check reports on the draft
		drafts bool     // whether check -drafts passes on the draft
		fill   map[string]string
		body   []string // body headings
	}{
		{
			name: "actor", args: []string{"actor", "turkey"}, file: "content/actors/turkey.md", title: "Turkey",
			keys: []string{"title", "summary", "weight", "draft", "# updated", "role", "sources", "params"},
			strict: []string{draftMsg("6", "10", "TODO: summary"), draftMsg("10", "7", "TODO: role"),
				draftMsg("12", "12", "TODO: headline"), draftMsg("13", "10", "https://example.org/TODO"), draftMsg("14", "16", "TODO: publisher")},
			drafts: true, fill: map[string]string{"role": `"Mediator"`},
			body: []string{"## Who speaks for it"},
		},
		{
			name: "demand with actor and topic", args: []string{"demand", "ukraine-keep-sanctions", "-actor", "ukraine", "-topic", "sanctions"},
			file: "content/demands/ukraine-keep-sanctions.md", title: "Ukraine keep sanctions",
			keys: []string{"title", "summary", "weight", "draft", "# updated", "actor", "topic",
				"conflicts_with", "aligned_with", "sources", "params"},
			strict: []string{draftMsg("6", "10", "TODO: summary"),
				draftMsg("21", "12", "TODO: headline"), draftMsg("22", "10", "https://example.org/TODO"), draftMsg("23", "16", "TODO: publisher")},
			drafts: true,
			body:   []string{"## What Ukraine is asking for", "## Why Ukraine wants it"},
		},
		{
			name: "demand with flags before the id", args: []string{"demand", "-topic", "sanctions", "ukraine-more"},
			file: "content/demands/ukraine-more.md", title: "Ukraine more",
			strict: []string{draftMsg("6", "10", "TODO: summary"), draftMsg("10", "8", "TODO: actor id"),
				draftMsg("21", "12", "TODO: headline"), draftMsg("22", "10", "https://example.org/TODO"), draftMsg("23", "16", "TODO: publisher")},
			fill: map[string]string{"actor": "ukraine"},
			body: []string{"## What the actor is asking for"},
		},
		{
			name: "topic", args: []string{"topic", "territory"}, file: "content/topics/territory.md", title: "Territory",
			keys: []string{"title", "summary", "weight", "draft", "# updated", "sources", "params"},
			strict: []string{draftMsg("6", "10", "TODO: summary"),
				draftMsg("11", "12", "TODO: headline"), draftMsg("12", "10", "https://example.org/TODO"), draftMsg("13", "16", "TODO: publisher")},
			drafts: true,
			body:   []string{"## What is at stake", "## Russia's position", "## Ukraine's position"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := realSite(t, goodBriefs())
			code, stdout, stderr := run(append(append([]string{"new"}, tt.args...), "-src", dir)...)
			want := filepath.Join(dir, filepath.FromSlash(tt.file))
			if code != ExitOK || stdout != want+"\n" || stderr != "" {
				t.Fatalf("new: exit %d, stdout %q, stderr %q; want 0, %q, nothing", code, stdout, stderr, want+"\n")
			}
			text := readFile(t, want)
			for _, k := range append(tt.keys, "title: \""+tt.title+"\"", "draft: true") {
				if !strings.Contains(text, "\n"+k) {
					t.Errorf("scaffold has no %q line:\n%s", k, text)
				}
			}
			for _, h := range tt.body {
				if !strings.Contains(text, "\n"+h+"\n") {
					t.Errorf("scaffold body has no %q heading:\n%s", h, text)
				}
			}
			if code, got := checkReports(t, dir, tt.file); code != ExitOK || strings.Join(got, "\n") != strings.Join(tt.strict, "\n") {
				t.Errorf("check right after new: exit %d, reported\n%s\nwant the warnings\n%s", code, strings.Join(got, "\n"), strings.Join(tt.strict, "\n"))
			}
			if code, got := checkReports(t, dir, tt.file, "-drafts"); (code == ExitOK) != tt.drafts {
				t.Errorf("check -drafts right after new: exit %d, %q", code, got)
			}
			code, got := checkReports(t, dir, tt.file, "-strict")
			if code != ExitContent || strings.Join(got, "\n") != strings.Join(tt.strict, "\n") {
				t.Errorf("check -strict: exit %d, reported\n%s\nwant\n%s", code, strings.Join(got, "\n"), strings.Join(tt.strict, "\n"))
			}

			writeFiles(t, dir, map[string]string{tt.file: fill(text, nil, true)})
			code, got = checkReports(t, dir, tt.file)
			if code != ExitContent || len(got) < len(tt.strict) {
				t.Errorf("check of the published brief with placeholders: exit %d, %q", code, got)
			}
			for _, g := range got {
				if !strings.Contains(g, "in a published brief") && !strings.Contains(g, "unknown actor") {
					t.Errorf("unexpected problem %q", g)
				}
			}

			writeFiles(t, dir, map[string]string{tt.file: fill(text, withFiles(common, tt.fill), true)})
			for _, args := range [][]string{nil, {"-strict"}} {
				if code, got := checkReports(t, dir, tt.file, args...); code != ExitOK {
					t.Errorf("check %q after filling in: exit %d, %q", args, code, got)
				}
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	briefs := withFiles(goodBriefs(), map[string]string{
		"content/actors/belarus.md": "---\ntitle: Belarus\nsummary: S.\ndraft: true\n---\n",
	})
	tests := []struct {
		name   string
		args   []string // -src is appended
		code   int
		stderr string
		file   string // must not exist afterwards
	}{
		{"existing brief", []string{"demand", "russia-lift-sanctions", "-actor", "russia"}, ExitContent,
			"content/demands/russia-lift-sanctions.md already exists: new never overwrites a brief", ""},
		{"bad id", []string{"topic", "Frozen_Assets"}, ExitContent,
			`bad id "Frozen_Assets": ids are lower-case letters, digits and single hyphens, like "frozen-assets"`, "content/topics/Frozen_Assets.md"},
		{"unknown actor", []string{"demand", "x", "-actor", "rusia"}, ExitContent,
			`unknown actor "rusia" (did you mean "russia"?); the site's actors are russia, ukraine`, "content/demands/x.md"},
		{"unknown topic", []string{"demand", "x", "-topic", "sanction"}, ExitContent,
			`unknown topic "sanction" (did you mean "sanctions"?); the site's topics are sanctions`, "content/demands/x.md"},
		{"draft actor", []string{"demand", "x", "-actor", "belarus"}, ExitContent,
			`actor "belarus" is a draft`, "content/demands/x.md"},
		{"actor flag on a topic", []string{"topic", "x", "-actor", "russia"}, ExitUsage,
			"-actor and -topic are for demands, not a topic", "content/topics/x.md"},
		{"unknown kind", []string{"page", "x"}, ExitUsage, `unknown kind "page": want actor, demand or topic`, "content/pages/x.md"},
		{"no id", []string{"actor"}, ExitUsage, "want a kind and an id", ""},
		{"two ids", []string{"actor", "x", "y"}, ExitUsage, "want a kind and an id", "content/actors/x.md"},
		{"bad flag", []string{"actor", "x", "-nope"}, ExitUsage, "flag provided but not defined: -nope", "content/actors/x.md"},
		{"help", []string{"-h"}, ExitOK, "usage: explainer new", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := realSite(t, briefs)
			code, stdout, stderr := run(append([]string{"new"}, append(tt.args, "-src", dir)...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stderr containing %q", code, stdout, stderr, tt.code, tt.stderr)
			}
			if tt.file != "" {
				if _, err := os.Stat(filepath.Join(dir, tt.file)); err == nil {
					t.Errorf("%s was written", tt.file)
				}
			}
			for name, want := range briefs {
				if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != want {
					t.Errorf("%s changed (%v)", name, err)
				}
			}
		})
	}
}

func TestNewNoContentDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, _, stderr := run("new", "actor", "x", "-src", dir)
	if code != ExitUsage || !strings.Contains(stderr, "no content/ folder in "+dir+": run it in the site root or pass -src") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		t.Error("content/ was created")
	}
}
