package gitdate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repo is a temporary git repository whose commits carry fixed dates.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("", "init", "-q", "-b", "main")
	return r
}

// git runs git in the repository with a clean configuration; date, when
// set, is the commit's author and committer date.
func (r *repo) git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "HOME="+r.dir)
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// commit writes files (an empty body deletes the file) and commits them all at date.
func (r *repo) commit(date string, files map[string]string) {
	r.t.Helper()
	for name, body := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if body == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.git("", "add", "-A")
	r.git(date, "commit", "-q", "-m", "at "+date)
}

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

type step struct {
	date  string
	files map[string]string
}

func TestRead(t *testing.T) {
	t.Parallel()
	const (
		d1 = "2025-01-02T03:04:05Z"
		d2 = "2025-02-03T04:05:06+02:00"
		d3 = "2025-03-04T05:06:07Z"
	)
	tests := []struct {
		name  string
		steps []step
		sub   string // site root inside the repository
		paths []string
		want  map[string]time.Time
	}{
		{
			name: "last change wins per file",
			steps: []step{
				{d1, map[string]string{"content/a.md": "a", "content/b.md": "b"}},
				{d2, map[string]string{"content/a.md": "a2"}},
			},
			paths: []string{"content"},
			want:  map[string]time.Time{"content/a.md": day(d2), "content/b.md": day(d1)},
		},
		{
			name: "later date wins whatever the commit order",
			steps: []step{
				{d3, map[string]string{"content/a.md": "a"}},
				{d1, map[string]string{"content/a.md": "a2", "content/b.md": "b"}},
			},
			paths: []string{"content"},
			want:  map[string]time.Time{"content/a.md": day(d3), "content/b.md": day(d1)},
		},
		{
			name: "paths limit the files",
			steps: []step{
				{d1, map[string]string{"content/a.md": "a", "layouts/base.html": "x", "README.md": "r"}},
			},
			paths: []string{"content"},
			want:  map[string]time.Time{"content/a.md": day(d1)},
		},
		{
			name: "no paths means every file",
			steps: []step{
				{d1, map[string]string{"content/a.md": "a", "README.md": "r"}},
			},
			want: map[string]time.Time{"content/a.md": day(d1), "README.md": day(d1)},
		},
		{
			name: "names with spaces, quotes and non-ASCII letters",
			steps: []step{
				{d1, map[string]string{"content/b c.md": "b", "content/\"q\".md": "q", "content/ünï.md": "u"}},
			},
			paths: []string{"content"},
			want: map[string]time.Time{
				"content/b c.md": day(d1), "content/\"q\".md": day(d1), "content/ünï.md": day(d1),
			},
		},
		{
			name: "site root in a subfolder",
			steps: []step{
				{d1, map[string]string{"site/content/a.md": "a", "content/a.md": "other site"}},
				{d2, map[string]string{"content/a.md": "other site 2"}},
			},
			sub:   "site",
			paths: []string{"content"},
			want:  map[string]time.Time{"content/a.md": day(d1)},
		},
		{
			name: "renamed file dates from its rename",
			steps: []step{
				{d1, map[string]string{"content/old.md": "same text"}},
				{d2, map[string]string{"content/old.md": "", "content/new.md": "same text"}},
			},
			paths: []string{"content/new.md"},
			want:  map[string]time.Time{"content/new.md": day(d2)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := newRepo(t)
			for _, s := range tt.steps {
				r.commit(s.date, s.files)
			}
			got, err := Read(context.Background(), filepath.Join(r.dir, tt.sub), tt.paths...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := diffDates(got, tt.want); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func diffDates(got, want map[string]time.Time) string {
	var b strings.Builder
	for k, w := range want {
		if g, ok := got[k]; !ok {
			fmt.Fprintf(&b, "%s: missing, want %s\n", k, w)
		} else if !g.Equal(w) || g.Location() != time.UTC {
			fmt.Fprintf(&b, "%s: got %s, want %s\n", k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			fmt.Fprintf(&b, "%s: got %s, want no date\n", k, g)
		}
	}
	return b.String()
}

func TestReadNotRepo(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	_, err := Read(context.Background(), t.TempDir(), "content")
	if !errors.Is(err, ErrNotRepo) {
		t.Errorf("got %v, want ErrNotRepo", err)
	}
}

func TestReadNoCommits(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	got, err := Read(context.Background(), r.dir, "content")
	if err != nil || len(got) != 0 {
		t.Errorf("got %v, %v; want an empty map and no error", got, err)
	}
}

// TestReadShallow clones two of three commits: the boundary commit seems to
// add every file, so only files changed after it may get a date.
func TestReadShallow(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.commit("2025-01-01T00:00:00Z", map[string]string{"content/a.md": "a", "content/b.md": "b", "content/c.md": "c"})
	r.commit("2025-02-01T00:00:00Z", map[string]string{"content/b.md": "b2"})
	r.commit("2025-03-01T00:00:00Z", map[string]string{"content/a.md": "a3"})
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("", "clone", "-q", "--depth", "2", "file://"+r.dir, clone)
	got, err := Read(context.Background(), clone, "content")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{"content/a.md": day("2025-03-01T00:00:00Z")}
	if diff := diffDates(got, want); diff != "" {
		t.Error(diff)
	}
}

// TestReadProcesses counts git processes through a wrapper on PATH: the
// number must not grow with the number of files.
func TestReadProcesses(t *testing.T) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	r := newRepo(t)
	files := map[string]string{}
	for i := 0; i < 50; i++ {
		files[fmt.Sprintf("content/p%d.md", i)] = "x"
	}
	r.commit("2025-01-01T00:00:00Z", files)
	bin := t.TempDir()
	count := filepath.Join(bin, "count")
	script := fmt.Sprintf("#!/bin/sh\necho x >> %q\nexec %q \"$@\"\n", count, gitPath)
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	got, err := Read(context.Background(), r.dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 50 {
		t.Errorf("got %d dates, want 50", len(got))
	}
	b, err := os.ReadFile(count)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "x"); n != 2 {
		t.Errorf("git ran %d times for 50 files, want 2 (rev-parse and one log)", n)
	}
}

func TestReadNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Read(context.Background(), t.TempDir(), "content")
	if !errors.Is(err, ErrNotRepo) {
		t.Errorf("got %v, want ErrNotRepo", err)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		out      string
		boundary map[string]bool
		want     map[string]time.Time
		err      bool
	}{
		{"empty", "", nil, map[string]time.Time{}, false},
		{"commit without files", "\x001700000000 aaa\x00\x001600000000 bbb\x00\nx.md\x00", nil,
			map[string]time.Time{"x.md": time.Unix(1600000000, 0).UTC()}, false},
		{"boundary skipped", "\x001700000000 aaa\x00\nx.md\x00\x001600000000 bbb\x00\ny.md\x00x.md\x00", map[string]bool{"bbb": true},
			map[string]time.Time{"x.md": time.Unix(1700000000, 0).UTC()}, false},
		{"bad time", "\x00soon aaa\x00\nx.md\x00", nil, nil, true},
		{"bad header", "\x00\x00\nx.md\x00", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parse([]byte(tt.out), tt.boundary)
			if (err != nil) != tt.err {
				t.Fatalf("got error %v, want error: %v", err, tt.err)
			}
			if diff := diffDates(got, tt.want); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// BenchmarkReadRepo reads the dates of this repository's own content/.
func BenchmarkReadRepo(b *testing.B) {
	root := filepath.Join("..", "..")
	if _, err := Read(context.Background(), root, "content"); err != nil {
		b.Skipf("the source tree is not a git checkout: %v", err)
	}
	for b.Loop() {
		if _, err := Read(context.Background(), root, "content"); err != nil {
			b.Fatal(err)
		}
	}
}

// fakeGit puts on PATH a git that appends a line to a count file, writes
// "fatal: from git" to its standard error and fails, and returns a
// function that counts its runs.
func fakeGit(t *testing.T) func() int {
	t.Helper()
	bin := t.TempDir()
	count := filepath.Join(bin, "count")
	script := fmt.Sprintf("#!/bin/sh\necho x >> %q\necho 'fatal: from git' >&2\nexit 128\n", count)
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("GIT_DIR", "")
	return func() int {
		b, _ := os.ReadFile(count)
		return strings.Count(string(b), "x")
	}
}

// TestReadOnlyInRepo checks that git is not even started for a folder
// that is missing, is a file, or is outside any checkout: Read returns
// ErrNotRepo, which the command line takes quietly.
func TestReadOnlyInRepo(t *testing.T) {
	runs := fakeGit(t)
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{
		"missing":  filepath.Join(t.TempDir(), "nonexistent"),
		"file":     file,
		"no .git":  t.TempDir(),
		"relative": "nonexistent-folder",
	} {
		_, err := Read(context.Background(), dir, "content")
		if !errors.Is(err, ErrNotRepo) {
			t.Errorf("%s: got %v, want ErrNotRepo", name, err)
		}
	}
	if n := runs(); n != 0 {
		t.Errorf("git ran %d times, want 0", n)
	}
}

// TestReadHidesGitStderr checks that when git fails in a checkout, the
// error names the command and its exit status but carries none of git's
// own words, and git's standard error went nowhere else.
func TestReadHidesGitStderr(t *testing.T) {
	runs := fakeGit(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "site")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Read(context.Background(), sub, "content")
	if err == nil || errors.Is(err, ErrNotRepo) {
		t.Fatalf("got %v, want a git failure", err)
	}
	if msg := err.Error(); strings.Contains(msg, "from git") || !strings.Contains(msg, "git rev-parse in "+sub+" failed: exit status 128") {
		t.Errorf("error %q: want the command and its status, without git's stderr", msg)
	}
	if n := runs(); n != 1 {
		t.Errorf("git ran %d times, want 1", n)
	}
}
