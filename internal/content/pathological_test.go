package content

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/explainer/explainer/internal/markdown"
)

// deadline bounds each pathological case. It is no speed target (those are
// benchmarks): it turns a hang into a failure, with room for -race and a
// shared machine.
const deadline = 60 * time.Second

// bounded runs f and fails the test if it has not returned by deadline.
func bounded(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(deadline):
		t.Fatalf("still running after %v: a hang", deadline)
	}
}

const minimal = "---\ntitle: T\nsummary: S\n---\n"

// lines repeats line n times.
func lines(line string, n int) string { return strings.Repeat(line+"\n", n) }

// TestPathological feeds each brief to a valid site. Every case must end
// in a complete site or in exactly the positioned errors listed, in
// bounded time.
func TestPathological(t *testing.T) {
	deepList := strings.Repeat("- ", 10000) + "x\n"
	deepQuote := strings.Repeat(">", 10000) + " x\n"
	var indented strings.Builder
	for i := 0; i < 10000; i++ {
		indented.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	var links strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&links, "[r%d](actors/russia.md#position) ", i)
	}
	var missing strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&missing, "[m](actors/nobody-%d.md)\n", i)
	}
	var params strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&params, "  key%d: value %d\n", i, i)
	}
	longID := strings.Repeat("a", 1<<20)
	tests := []struct {
		name string
		src  string
		want []string // nil: the site must load without errors
		// count, when set, is how many diagnostics are expected; want then
		// holds the first.
		count int
		// check, when set, inspects the page; it returns "" when all is well.
		check func(s *Site) string
	}{
		{name: "5 MB brief", src: minimal + lines("Words to fill a long brief, with a [link](actors/russia.md) now and then.", 65000)},
		{name: "5 MB line", src: minimal + strings.Repeat("word ", 1<<20) + "\n"},
		{
			name: "10,000-deep list", src: minimal + deepList,
			want: []string{"content/about.md:5:129: nested too deeply: indentation and list or quote markers wider than 128 columns at the start of a line"},
		},
		{
			name: "10,000-deep block quote", src: minimal + deepQuote,
			want: []string{"content/about.md:5:129: nested too deeply: indentation and list or quote markers wider than 128 columns at the start of a line"},
		},
		{
			name: "10,000-deep list by indentation", src: minimal + indented.String(),
			want: []string{"content/about.md:69:129: nested too deeply: indentation and list or quote markers wider than 128 columns at the start of a line"},
		},
		{name: "64-deep list loads", src: minimal + strings.Repeat("- ", 64) + "x\n"},
		{name: "128-deep quote loads", src: minimal + strings.Repeat(">", 128) + "x\n"},
		{name: "widest prefixes fill a megabyte", src: minimal + lines(strings.Repeat("- ", 64)+"x", 4000) + lines(strings.Repeat("> ", 64)+"y", 4000)},
		{
			name: "100,000 links", src: minimal + links.String(),
			check: func(s *Site) string {
				p := aboutPage(s)
				if len(p.Doc.Links) != 100000 || len(p.LinksTo) != 1 {
					return fmt.Sprintf("%d links to %d pages, want 100000 to 1", len(p.Doc.Links), len(p.LinksTo))
				}
				return ""
			},
		},
		{
			name: "100,000 broken links", src: minimal + missing.String(), count: 100000,
			want: []string{"content/about.md:5:5: link to missing file content/actors/nobody-0.md"},
		},
		{
			name: "100,000 unknown YAML keys", src: "---\ntitle: T\nsummary: S\n" + strings.ReplaceAll(params.String(), "  key", "key") + "---\n", count: 100000,
			want: []string{`content/about.md:4:1: unknown frontmatter key "key0" (free-form fields go under params:)`},
		},
		{
			name: "100,000 unknown TOML keys", src: "+++\ntitle = \"T\"\nsummary = \"S\"\n" + tomlKeys(params.String()) + "+++\n", count: 100000,
			want: []string{`content/about.md:4:1: unknown frontmatter key "key0" (free-form fields go under params:)`},
		},
		{name: "invalid UTF-8", src: minimal + "ok\nbad \xff here\n", want: []string{"content/about.md:6:5: invalid UTF-8: briefs must be UTF-8 text"}},
		{name: "invalid UTF-8 in frontmatter", src: "---\ntitle: \xc3\n---\n", want: []string{"content/about.md:2:8: invalid UTF-8: briefs must be UTF-8 text"}},
		{name: "NUL byte", src: minimal + "a\x00b\n", want: []string{"content/about.md:5:2: NUL byte: briefs must be text"}},
		{
			name: "BOM and CRLF", src: "\xef\xbb\xbf---\r\ntitle: About\r\nsummary: S\r\n---\r\n## Part one\r\n\r\nSee [lift](demands/lift.md#timeline).\r\n",
			check: func(s *Site) string {
				p := aboutPage(s)
				if p.Title != "About" || len(p.Doc.Headings) != 1 || p.Doc.Headings[0].ID != "part-one" || len(p.LinksTo) != 1 {
					return fmt.Sprintf("title %q, headings %v, links to %d pages", p.Title, p.Doc.Headings, len(p.LinksTo))
				}
				return ""
			},
		},
		{
			name: "BOM and CRLF errors keep their lines", src: "\xef\xbb\xbf---\r\ntitle: About\r\nsummary: S\r\ntitel: x\r\n---\r\n\r\n[x](nowhere.md)\r\n",
			want: []string{
				`content/about.md:4:1: unknown frontmatter key "titel" (did you mean "title"?)`,
				`content/about.md:7:5: link to missing file content/nowhere.md`,
			},
		},
		{name: "empty file", src: "", want: []string{"content/about.md:1:1: missing frontmatter: a brief starts with a --- (YAML) or +++ (TOML) block holding at least title and summary"}},
		{name: "only blank lines", src: "\n\n\n", want: []string{"content/about.md:1:1: missing frontmatter: a brief starts with a --- (YAML) or +++ (TOML) block holding at least title and summary"}},
		{name: "huge frontmatter", src: "---\ntitle: T\nsummary: S\nparams:\n" + params.String() + "---\nBody.\n",
			check: func(s *Site) string {
				if n := len(aboutPage(s).Params); n != 100000 {
					return fmt.Sprintf("%d params, want 100000", n)
				}
				return ""
			},
		},
		{name: "huge TOML frontmatter", src: "+++\ntitle = \"T\"\nsummary = \"S\"\n[params]\n" + tomlKeys(params.String()) + "+++\nBody.\n"},
		{name: "one-megabyte title", src: "---\ntitle: " + longID + "\nsummary: S\n---\n"},
		{name: "one-megabyte key", src: "---\ntitle: T\nsummary: S\n" + longID + ": x\n---\n", want: []string{
			// YAML caps implicit keys at 1024 characters.
			"content/about.md:4:1: malformed YAML frontmatter: could not find expected ':'"}},
		{name: "one-megabyte link", src: minimal + "[x](" + longID + ".md)\n", want: []string{
			"content/about.md:5:5: link to missing file content/" + longID + ".md"}},
	}
	md := markdown.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := site(nil)
			fsys["content/about.md"] = &fstest.MapFile{Data: []byte(tt.src)}
			var (
				s    *Site
				got  []string
				took time.Duration
			)
			bounded(t, func() {
				start := time.Now()
				var l []string
				site, dl := NewLoader(md).Load(fsys, Options{})
				for _, d := range dl {
					l = append(l, d.String())
				}
				s, got, took = site, l, time.Since(start)
			})
			t.Logf("%d bytes in %v", len(tt.src), took)
			if tt.count > 0 {
				if len(got) != tt.count || first(got) != tt.want[0] {
					t.Fatalf("got %d diagnostics, first %.200q; want %d, first %q", len(got), first(got), tt.count, tt.want[0])
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got diagnostics\n%.1000s\nwant\n%.1000s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.check != nil && len(got) == 0 {
				if msg := tt.check(s); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

// tomlKeys turns "  key: value" lines into "key = \"value\"".
func tomlKeys(yaml string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(yaml), "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
		fmt.Fprintf(&b, "%s = %q\n", k, v)
	}
	return b.String()
}

func first(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

func aboutPage(s *Site) *Page {
	for _, p := range s.Pages {
		if p.Slug == "about" {
			return p
		}
	}
	return nil
}

// TestAliasBombMemory checks the alias bomb is refused before it expands:
// the load allocates megabytes, where the expanded document would need
// gigabytes. It does not run in parallel, so the counter is its own.
func TestAliasBombMemory(t *testing.T) {
	src := "---\ntitle: T\nsummary: S\nparams:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		src += "  " + n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = n
	}
	src += "---\n"
	fsys := site(map[string]string{"content/actors/ukraine.md": src})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var got []string
	bounded(t, func() { _, got = load(t, fsys, Options{}) })
	runtime.ReadMemStats(&after)
	if len(got) != 1 || !strings.HasPrefix(got[0], "content/actors/ukraine.md:") || !strings.Contains(got[0], "alias bomb") {
		t.Fatalf("got %q, want one positioned alias bomb error", got)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("allocated %d MB refusing an alias bomb, want under 64", n>>20)
	}
}

// TestContentTree covers what the disk can hold and a MapFS cannot show
// the same way: a directory named like a brief, a symbolic link pointing
// outside the site, names differing only in case, and files that are not
// briefs (ignored).
func TestContentTree(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, f := range site(nil) {
		write(name, string(f.Data))
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte(minimal+"secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "content/topics/x.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"content/actors/leak.md":   filepath.Join(outside, "secret.md"),
		"content/topics/elsewhere": outside,
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	write("content/actors/Russia.md", "---\ntitle: R\nsummary: S\n---\n")
	write("content/notes.txt", "not a brief")
	write("content/actors/photo.png", "\x89PNG")
	write("content/.draft.md.swp", "\x00")
	write("content/demands/README", "hello")

	want := []string{
		`content/actors/Russia.md: bad id "Russia": file names are lower-case letters, digits and single hyphens, like "russia"`,
		"content/actors/leak.md: symbolic link: links are never followed in content/; copy the file in instead",
		"content/actors/russia.md: duplicate id: content/actors/russia.md differs only in case from content/actors/Russia.md",
		"content/topics/elsewhere: symbolic link: links are never followed in content/; copy the file in instead",
		"content/topics/x.md: a directory named like a brief; a brief is a file",
	}
	s, l := NewLoader(markdown.New()).Load(os.DirFS(root), Options{})
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range s.All {
		if strings.Contains(p.Title, "secret") || p.Slug == "leak" {
			t.Errorf("a symbolic link was followed: %s", p.File)
		}
	}
}

func TestTOMLKeyPositions(t *testing.T) {
	src := "title = \"T\"\n  \"summary\" =   \"S\"\nweight=2\n[params]\ntitle = \"inner\"\nx = 1\n[[sources]]\n[ draft.x ]\n [[sources]]\n"
	got := map[string]string{}
	for k, p := range tomlKeyPositions([]byte(src)) {
		got[k] = fmt.Sprint(p.key, p.value, p.items)
	}
	want := map[string]string{
		"title": "0 8 []", "summary": "14 28 []", "weight": "32 39 []", "params": "41 41 []",
		"x": "66 70 []", "sources": "72 72 [72 97]", "draft": "84 84 []",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
