package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/explainer/explainer/internal/markdown"
)

// site returns a small valid site; cases overwrite or add files.
func site(files map[string]string) fstest.MapFS {
	base := map[string]string{
		"content/_index.md": "---\ntitle: Home\nsummary: The summit.\n---\nWelcome.\n",
		"content/actors/russia.md": "---\ntitle: Russia\nsummary: Moscow.\nrole: Invading power\n---\n" +
			"## Position\n\nText.\n",
		"content/actors/ukraine.md":   "---\ntitle: Ukraine\nsummary: Kyiv.\n---\nText.\n",
		"content/topics/sanctions.md": "---\ntitle: Sanctions\nsummary: Sanctions.\n---\nText.\n",
		"content/demands/lift.md": "---\ntitle: Lift sanctions\nsummary: Lift them.\nactor: russia\ntopic: sanctions\n" +
			"conflicts_with:\n  - demand: snapback\n    why: Kyiv wants relief reversible.\n---\n## Timeline\n\nSee [Russia](../actors/russia.md#position).\n",
		"content/demands/snapback.md": "---\ntitle: Snapback\nsummary: Phased relief.\nactor: ukraine\ntopic: sanctions\n---\nBody.\n",
		"content/about.md":            "---\ntitle: About\nsummary: About us.\n---\nSee [lift](demands/lift.md#timeline).\n",
	}
	fsys := fstest.MapFS{}
	for k, v := range base {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	for k, v := range files {
		if v == "" {
			delete(fsys, k)
			continue
		}
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func load(t *testing.T, fsys fstest.MapFS, opts Options) (*Site, []string) {
	t.Helper()
	s, l := NewLoader(markdown.New()).Load(fsys, opts)
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	return s, got
}

func TestLoadValidSite(t *testing.T) {
	s, diags := load(t, site(nil), Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	lift := s.DemandByID("lift")
	snap := s.DemandByID("snapback")
	if lift.Actor != s.ActorByID("russia") || lift.Topic != s.TopicByID("sanctions") {
		t.Errorf("lift: actor %v topic %v, want russia and sanctions", lift.Actor, lift.Topic)
	}
	if len(snap.Conflicts) != 1 || snap.Conflicts[0].Demand != lift || snap.Conflicts[0].Why != "Kyiv wants relief reversible." {
		t.Errorf("snapback conflicts = %+v, want the mutual relation to lift with its why", snap.Conflicts)
	}
	if got := len(s.ActorByID("russia").Demands); got != 1 {
		t.Errorf("russia has %d demands, want 1", got)
	}
	if got := s.ActorByID("russia").ReferencedBy; len(got) != 1 || got[0] != &lift.Page {
		t.Errorf("russia referenced by %v, want lift", got)
	}
	if lift.URL != "/demands/lift/" {
		t.Errorf("lift URL = %q", lift.URL)
	}
}

// TestDiagnostics asserts the exact position and message of every class
// of content error.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  []string
	}{
		{
			name:  "unknown actor",
			files: map[string]string{"content/demands/lift.md": "---\ntitle: T\nsummary: S\nactor: rusia\ntopic: sanctions\n---\n## Timeline\n"},
			want:  []string{`content/demands/lift.md:4:8: unknown actor "rusia" (did you mean "russia"?)`},
		},
		{
			name:  "unknown topic",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic:   sanction\n---\n"},
			want:  []string{`content/demands/snapback.md:5:10: unknown topic "sanction" (did you mean "sanctions"?)`},
		},
		{
			name: "unknown demand",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"aligned_with:\n  - demand: lifts\n    why: W\n---\n"},
			want: []string{`content/demands/snapback.md:7:13: unknown demand "lifts" (did you mean "lift"?)`},
		},
		{
			name: "unknown key",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"conflict_with: [lift]\n---\n"},
			want: []string{`content/demands/snapback.md:6:1: unknown frontmatter key "conflict_with" (did you mean "conflicts_with"?)`},
		},
		{
			name:  "key of another kind",
			files: map[string]string{"content/topics/sanctions.md": "---\ntitle: T\nsummary: S\nactor: russia\n---\n"},
			want:  []string{`content/topics/sanctions.md:4:1: key "actor" is only allowed on demands, not on a topic`},
		},
		{
			name: "conflict with itself",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"conflicts_with:\n  - demand: snapback\n    why: x\n---\n"},
			want: []string{`content/demands/snapback.md:7:13: conflicts_with: a demand cannot be related to itself`},
		},
		{
			name: "both conflict and alignment",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"conflicts_with: [{demand: lift, why: W}]\naligned_with:\n  - demand: lift\n    why: W\n---\n"},
			want: []string{"content/demands/snapback.md:8:13: lift is listed both under conflicts_with and aligned_with\n\tcontent/demands/snapback.md:6:27: also listed here"},
		},
		{
			name: "contradicting sides",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"aligned_with: [{demand: lift, why: W}]\n---\n"},
			want: []string{"content/demands/lift.md:7:13: lift lists snapback under conflicts_with, but snapback lists it under aligned_with\n\tcontent/demands/snapback.md:6:25: the other side is here"},
		},
		{
			name:  "ids differing only in case",
			files: map[string]string{"content/actors/Russia.md": "---\ntitle: R\nsummary: S\n---\n"},
			want: []string{
				`content/actors/Russia.md: bad id "Russia": file names are lower-case letters, digits and single hyphens, like "russia"`,
				`content/actors/russia.md: duplicate id: content/actors/russia.md differs only in case from content/actors/Russia.md`,
			},
		},
		{
			name:  "duplicate key",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\ntitle: U\n---\n"},
			want:  []string{`content/actors/ukraine.md:4:1: duplicate key "title" (first set on line 2)`},
		},
		{
			name:  "missing required field",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nactor: ukraine\ntopic: sanctions\n---\n"},
			want:  []string{`content/demands/snapback.md:1:1: missing required frontmatter key "summary"`},
		},
		{
			name:  "wrong type",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\nweight: ten\n---\n"},
			want:  []string{`content/actors/ukraine.md:4:9: weight: want an integer, got the string "ten"`},
		},
		{
			name:  "wrong type list",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: [a, b]\nsummary: S\n---\n"},
			want:  []string{`content/actors/ukraine.md:2:8: title: want text, got a list`},
		},
		{
			name:  "malformed YAML",
			files: map[string]string{"content/actors/ukraine.md": "\n---\ntitle: T\nsummary: S\n  role: x: y\n---\n"},
			want:  []string{`content/actors/ukraine.md:5:3: malformed YAML frontmatter: mapping values are not allowed in this context`},
		},
		{
			name:  "malformed TOML",
			files: map[string]string{"content/actors/ukraine.md": "+++\ntitle = \"T\"\nsummary = S\n+++\n"},
			want:  []string{`content/actors/ukraine.md:3:11: malformed TOML frontmatter: expected value but found "S" instead`},
		},
		{
			name:  "unterminated frontmatter",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\n\nBody.\n"},
			want:  []string{`content/actors/ukraine.md:1:1: unterminated frontmatter: no closing "---" line`},
		},
		{
			name:  "missing frontmatter",
			files: map[string]string{"content/actors/ukraine.md": "Just text.\n"},
			want:  []string{`content/actors/ukraine.md:1:1: missing frontmatter: a brief starts with a --- (YAML) or +++ (TOML) block holding at least title and summary`},
		},
		{
			name:  "link to missing file",
			files: map[string]string{"content/about.md": "---\ntitle: A\nsummary: S\n---\nIntro.\n\nSee [the plan](demands/lif.md).\n"},
			want:  []string{`content/about.md:7:16: link to missing file content/demands/lif.md (did you mean "demands/lift.md"?)`},
		},
		{
			name:  "link to missing anchor",
			files: map[string]string{"content/about.md": "---\ntitle: A\nsummary: S\n---\nSee [x](demands/lift.md#timelin).\n"},
			want:  []string{`content/about.md:5:9: no heading #timelin in content/demands/lift.md (did you mean #timeline?)`},
		},
		{
			name:  "same-page anchor",
			files: map[string]string{"content/about.md": "---\ntitle: A\nsummary: S\n---\n## Intro\n\n[up](#intr)\n"},
			want:  []string{`content/about.md:7:6: no heading #intr in content/about.md (did you mean #intro?)`},
		},
		{
			name:  "link escaping content",
			files: map[string]string{"content/about.md": "---\ntitle: A\nsummary: S\n---\n[readme](../README.md)\n"},
			want:  []string{`content/about.md:5:10: link "../README.md" escapes content/`},
		},
		{
			name: "published page links to draft",
			files: map[string]string{
				"content/method.md": "---\ntitle: M\nsummary: S\ndraft: true\n---\n",
				"content/about.md":  "---\ntitle: A\nsummary: S\n---\n[method](method.md)\n",
			},
			want: []string{`content/about.md:5:10: link to draft content/method.md: a published page cannot link to a draft`},
		},
		{
			name:  "relation to draft",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\ndraft: true\n---\n"},
			want:  []string{`content/demands/lift.md:7:13: "snapback" is a draft (content/demands/snapback.md): a published page cannot point to it`},
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\n---\nab\xffc\n"},
			want:  []string{`content/actors/ukraine.md:5:3: invalid UTF-8: briefs must be UTF-8 text`},
		},
		{
			name:  "bad id characters",
			files: map[string]string{"content/topics/No_Deal.md": "---\ntitle: T\nsummary: S\n---\n"},
			want:  []string{`content/topics/No_Deal.md: bad id "No_Deal": file names are lower-case letters, digits and single hyphens, like "no-deal"`},
		},
		{
			name:  "unsafe link",
			files: map[string]string{"content/about.md": "---\ntitle: A\nsummary: S\n---\n[x](javascript:alert(1))\n"},
			want:  []string{`content/about.md:5:5: unsafe link "javascript:alert(1)": javascript:, vbscript:, file: and data: URLs are never emitted`},
		},
		{
			name:  "bad source url",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\nsources:\n  - title: X\n    url: ftp://x.org/a\n---\n"},
			want:  []string{`content/actors/ukraine.md:6:10: sources.url: want an http or https URL, got "ftp://x.org/a"`},
		},
		{
			name:  "unknown folder",
			files: map[string]string{"content/people/x.md": "---\ntitle: T\nsummary: S\n---\n"},
			want:  []string{`content/people: unknown folder; content/ holds only actors/, demands/, topics/ and top-level pages`},
		},
		{
			name:  "reserved page id",
			files: map[string]string{"content/matrix.md": "---\ntitle: T\nsummary: S\n---\n"},
			want:  []string{`content/matrix.md: page id "matrix" is reserved: the generator writes /matrix/ itself`},
		},
		// Columns count characters: Cyrillic before a problem moves it by
		// one column a letter, not two.
		{
			name:  "column after Cyrillic: link",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\n---\nПутин сказал [x](../actors/rusia.md)\n"},
			want:  []string{`content/actors/ukraine.md:5:18: link to missing file content/actors/rusia.md (did you mean "russia.md"?)`},
		},
		{
			name:  "column after Cyrillic: anchor",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\n---\n## Intro\n\nЗеленский: [up](#intr)\n"},
			want:  []string{`content/actors/ukraine.md:7:17: no heading #intr in content/actors/ukraine.md (did you mean #intro?)`},
		},
		{
			name: "column after Cyrillic: YAML",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"aligned_with: [{why: Путин сказал, demand: lifts}]\n---\n"},
			want: []string{`content/demands/snapback.md:6:44: unknown demand "lifts" (did you mean "lift"?)`},
		},
		{
			name:  "column after Cyrillic: malformed TOML",
			files: map[string]string{"content/actors/ukraine.md": "+++\ntitle = \"Путин\" x\n+++\n"},
			want:  []string{`content/actors/ukraine.md:2:16: malformed TOML frontmatter: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead`},
		},
		{
			name:  "column after Cyrillic: TOML value",
			files: map[string]string{"content/actors/ukraine.md": "+++\n\"Путин\" = 1\ntitle = \"T\"\nsummary = \"S\"\nparams = 1\n+++\n"},
			want: []string{
				`content/actors/ukraine.md:2:1: unknown frontmatter key "Путин" (free-form fields go under params:)`,
				`content/actors/ukraine.md:5:10: params: want a mapping, got an integer`,
			},
		},
		// Schema: text is text, and every relation has a why.
		{
			name:  "number where text is required (YAML)",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: 42\nrole: true\n---\n"},
			want: []string{
				`content/actors/ukraine.md:3:10: summary: want text, got an integer (put it in quotes if you mean the text "42")`,
				`content/actors/ukraine.md:4:7: role: want text, got a boolean (put it in quotes if you mean the text "true")`,
			},
		},
		{
			name:  "number where text is required (TOML)",
			files: map[string]string{"content/actors/ukraine.md": "+++\ntitle = \"T\"\nsummary   =  3\n+++\n"},
			want:  []string{`content/actors/ukraine.md:3:14: summary: want text, got an integer (put it in quotes if you mean the text "3")`},
		},
		{
			name:  "TOML type error points at the value",
			files: map[string]string{"content/actors/ukraine.md": "+++\ntitle = \"T\"\nsummary = \"S\"\nweight = \"ten\"\n+++\n"},
			want:  []string{`content/actors/ukraine.md:4:10: weight: want an integer, got the string "ten"`},
		},
		{
			name: "TOML array of tables: each item at its header",
			files: map[string]string{"content/actors/ukraine.md": "+++\ntitle = \"T\"\nsummary = \"S\"\n" +
				"[[sources]]\ntitle = \"A\"\nurl = \"https://a.org/\"\n[[sources]]\ntitle = \"B\"\n+++\n"},
			want: []string{`content/actors/ukraine.md:7:1: sources: item has no url`},
		},
		{
			name: "relation as a bare id",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"conflicts_with: [lift]\n---\n"},
			want: []string{`content/demands/snapback.md:6:18: conflicts_with: "lift" needs a why: write it as {demand: lift, why: "..."}`},
		},
		{
			name: "relation without a why, and with an empty one",
			files: map[string]string{"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctions\n" +
				"conflicts_with:\n  - demand: lift\naligned_with:\n  - {demand: lift, why: \" \"}\n---\n"},
			want: []string{
				`content/demands/snapback.md:7:5: conflicts_with: "lift" needs a why: add why: "...", the sentence readers see beside it`,
				"content/demands/snapback.md:9:14: lift is listed both under conflicts_with and aligned_with\n\tcontent/demands/snapback.md:7:13: also listed here",
				`content/demands/snapback.md:9:25: aligned_with.why must not be empty`,
			},
		},
		{
			name:  "unclosed quote on the first line",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: \"Путин\nsummary: S\nrole: R\n---\n"},
			want:  []string{`content/actors/ukraine.md:2:8: malformed YAML frontmatter: a quoted value opened here is never closed`},
		},
		{
			name:  "unclosed quote further down",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: \"Путин's\nrole: R\n---\n"},
			want:  []string{`content/actors/ukraine.md:3:10: malformed YAML frontmatter: a quoted value opened here is never closed`},
		},
		{
			name:  "YAML parser error on its own line",
			files: map[string]string{"content/actors/ukraine.md": "---\ntitle: T\nsummary: S\n- x\n---\n"},
			want:  []string{`content/actors/ukraine.md:4:1: malformed YAML frontmatter: did not find expected key`},
		},
		{
			name:  "YAML error on the first line",
			files: map[string]string{"content/actors/ukraine.md": "---\n  title: Путин: x\nsummary: S\n---\n"},
			want:  []string{`content/actors/ukraine.md:2:3: malformed YAML frontmatter: mapping values are not allowed in this context`},
		},
		{
			name: "three files three errors",
			files: map[string]string{
				"content/demands/lift.md":     "---\ntitle: T\nsummary: S\nactor: russa\ntopic: sanctions\n---\n## Timeline\n",
				"content/demands/snapback.md": "---\ntitle: T\nsummary: S\nactor: ukraine\ntopic: sanctons\n---\n",
				"content/about.md":            "---\ntitle: A\nsummary: S\n---\n[x](actors/russa.md)\n",
			},
			want: []string{
				`content/about.md:5:5: link to missing file content/actors/russa.md (did you mean "actors/russia.md"?)`,
				`content/demands/lift.md:4:8: unknown actor "russa" (did you mean "russia"?)`,
				`content/demands/snapback.md:5:8: unknown topic "sanctons" (did you mean "sanctions"?)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, got := load(t, site(tt.files), tt.opts)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDraftsIncludedWithFlag(t *testing.T) {
	files := map[string]string{
		"content/method.md": "---\ntitle: M\nsummary: S\ndraft: true\n---\n",
		"content/about.md":  "---\ntitle: A\nsummary: S\n---\n[method](method.md)\n",
	}
	s, diags := load(t, site(files), Options{Drafts: true})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if len(s.Pages) != 2 {
		t.Errorf("got %d plain pages, want about and method", len(s.Pages))
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name, src string
	}{
		{"toml", "+++\ntitle = \"Ukraine\"\nsummary = \"Kyiv.\"\nweight = 2\nupdated = 2025-08-21\n[params]\ncolor = \"blue\"\n+++\nBody.\n"},
		{"crlf and bom", "\xef\xbb\xbf---\r\ntitle: Ukraine\r\nsummary: Kyiv.\r\nweight: 2\r\nupdated: 2025-08-21\r\nparams:\r\n  color: blue\r\n---\r\nBody.\r\n"},
		{"yaml tagged", "---yaml\ntitle: Ukraine\nsummary: Kyiv.\nweight: 2\nupdated: 2025-08-21\nparams: {color: blue}\n---\nBody.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := load(t, site(map[string]string{"content/actors/ukraine.md": tt.src}), Options{})
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			u := s.ActorByID("ukraine")
			if u.Title != "Ukraine" || u.Weight != 2 || u.Updated.Format("2006-01-02") != "2025-08-21" || u.Params["color"] != "blue" {
				t.Errorf("got title %q weight %d updated %v params %v", u.Title, u.Weight, u.Updated, u.Params)
			}
		})
	}
}

func TestAliasBombRefused(t *testing.T) {
	src := "---\ntitle: T\nsummary: S\nparams:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		src += "  " + n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = n
	}
	src += "---\n"
	_, diags := load(t, site(map[string]string{"content/actors/ukraine.md": src}), Options{})
	if len(diags) != 1 || !strings.Contains(diags[0], "alias bomb") {
		t.Fatalf("got %v, want one alias bomb error", diags)
	}
}

func TestBaseURL(t *testing.T) {
	s, diags := load(t, site(nil), Options{BaseURL: "https://example.org/summit"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	lift := s.DemandByID("lift")
	if lift.URL != "/summit/demands/lift/" || lift.Permalink != "https://example.org/summit/demands/lift/" {
		t.Errorf("URL %q permalink %q", lift.URL, lift.Permalink)
	}
	if got := string(lift.Doc.Links[0].Dest); got != "../actors/russia.md#position" {
		t.Errorf("link as written = %q", got)
	}
}
