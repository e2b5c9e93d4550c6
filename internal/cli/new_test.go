package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fill replaces the scaffold's empty placeholders with valid values.
func fill(text string, values map[string]string) string {
	for key, v := range values {
		re := regexp.MustCompile(`(?m)^(\s*(?:- )?` + regexp.QuoteMeta(key) + `: )""`)
		text = re.ReplaceAllString(text, "${1}"+v)
	}
	return text
}

// TestNewThenCheck scaffolds each kind, checks that check points at every
// placeholder still empty, fills them in and checks that the site passes.
func TestNewThenCheck(t *testing.T) {
	t.Parallel()
	common := map[string]string{
		"title": `"A title"`, "summary": `"A neutral summary."`,
		"url": "https://example.org/report", "date": "2025-08-16",
	}
	tests := []struct {
		name    string
		args    []string
		file    string
		keys    []string          // frontmatter keys the scaffold must hold
		pending []string          // what check reports before filling, as line:col: msg
		fill    map[string]string // extra values to fill in
		body    []string          // body headings
	}{
		{
			name: "actor",
			args: []string{"actor", "turkey"},
			file: "content/actors/turkey.md",
			keys: []string{"title", "summary", "weight", "draft", "# updated", "role", "sources", "params"},
			pending: []string{
				"4:8: title must not be empty", "5:10: summary must not be empty",
				"11:5: sources: item has no title", "11:5: sources: item has no url",
				`14:11: sources.date: want YYYY-MM-DD, YYYY-MM or YYYY, got the string ""`,
			},
			body: []string{"## Who speaks for it"},
		},
		{
			name: "demand with actor and topic",
			args: []string{"demand", "ukraine-keep-sanctions", "-actor", "ukraine", "-topic", "sanctions"},
			file: "content/demands/ukraine-keep-sanctions.md",
			keys: []string{"title", "summary", "weight", "draft", "# updated", "actor", "topic",
				"conflicts_with", "aligned_with", "# status", "# status_as_of", "# status_note", "# status_source", "sources", "params"},
			pending: []string{
				"4:8: title must not be empty", "5:10: summary must not be empty",
				"20:5: sources: item has no title", "20:5: sources: item has no url",
				`23:11: sources.date: want YYYY-MM-DD, YYYY-MM or YYYY, got the string ""`,
			},
			body: []string{"## What Ukraine is asking for", "## Why Ukraine wants it"},
		},
		{
			name: "demand with flags before the id",
			args: []string{"demand", "-topic", "sanctions", "ukraine-more"},
			file: "content/demands/ukraine-more.md",
			pending: []string{
				"4:8: title must not be empty", "5:10: summary must not be empty",
				"9:8: actor must not be empty",
				"20:5: sources: item has no title", "20:5: sources: item has no url",
				`23:11: sources.date: want YYYY-MM-DD, YYYY-MM or YYYY, got the string ""`,
			},
			fill: map[string]string{"actor": "ukraine"},
			body: []string{"## What the actor is asking for"},
		},
		{
			name: "topic",
			args: []string{"topic", "territory"},
			file: "content/topics/territory.md",
			keys: []string{"title", "summary", "weight", "draft", "# updated", "sources", "params"},
			pending: []string{
				"4:8: title must not be empty", "5:10: summary must not be empty",
				"10:5: sources: item has no title", "10:5: sources: item has no url",
				`13:11: sources.date: want YYYY-MM-DD, YYYY-MM or YYYY, got the string ""`,
			},
			body: []string{"## What is at stake", "## Russia's position", "## Ukraine's position"},
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
			b, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			for _, k := range tt.keys {
				if !strings.Contains(text, "\n"+k+":") {
					t.Errorf("scaffold has no %q line:\n%s", k, text)
				}
			}
			for _, h := range tt.body {
				if !strings.Contains(text, "\n"+h+"\n") {
					t.Errorf("scaffold body has no %q heading:\n%s", h, text)
				}
			}

			code, _, stderr = run("check", "-src", dir)
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if rest, ok := strings.CutPrefix(l, tt.file+":"); ok {
					got = append(got, rest)
				}
			}
			if code != ExitContent || strings.Join(got, "\n") != strings.Join(tt.pending, "\n") {
				t.Errorf("check before filling: exit %d, reported\n%s\nwant\n%s\n(stderr %s)", code, strings.Join(got, "\n"), strings.Join(tt.pending, "\n"), stderr)
			}

			values := withFiles(common, tt.fill)
			if err := os.WriteFile(want, []byte(fill(text, values)), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, stdout, stderr := run("check", "-src", dir); code != ExitOK {
				t.Errorf("check after filling: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
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
