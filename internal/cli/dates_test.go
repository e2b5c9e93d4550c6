package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// gitCommit commits everything in dir at date, with a clean configuration.
func gitCommit(t *testing.T, dir, date string) {
	t.Helper()
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "at " + date}} {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", args[0], err, out)
		}
	}
}

var summaryRE = regexp.MustCompile(`^built \d+ pages, \d+ files into \S+ \(\S+\)\n$`)

// build runs explainer build and checks that it prints its one-line
// summary and nothing else.
func buildQuiet(t *testing.T, src, out string) {
	t.Helper()
	code, stdout, stderr := run("build", "-src", src, "-out", out)
	if code != ExitOK || !summaryRE.MatchString(stdout) || stderr != "" {
		t.Fatalf("build: exit %d, stdout %q, stderr %q; want 0, one summary line, nothing", code, stdout, stderr)
	}
}

func updatedLine(t *testing.T, out, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, page, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`<p class="updated">.*?</p>`).FindString(string(b))
}

// TestBuildDatesFromGit builds a site committed to a temporary repository:
// pages without updated get their last commit's date, frontmatter wins,
// and two builds of the commit are byte-identical.
func TestBuildDatesFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Parallel()
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	copyTree(t, realSite(t, goodBriefs()), site)
	gitCommit(t, repo, "2025-08-16T23:30:00-08:00") // 17 August in UTC
	tests := []struct {
		page, want string
	}{
		{"demands/russia-lift-sanctions", `<p class="updated">Last updated <time datetime="2025-08-17">17 August 2025</time></p>`},
		{"actors/russia", `<p class="updated">Last updated <time datetime="2025-08-17">17 August 2025</time></p>`},
		{"topics/sanctions", `<p class="updated">Last updated <time datetime="2024-05-06">6 May 2024</time></p>`},
	}
	out1, out2 := filepath.Join(t.TempDir(), "p1"), filepath.Join(t.TempDir(), "p2")
	buildQuiet(t, site, out1)
	for _, tt := range tests {
		if got := updatedLine(t, out1, tt.page); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.page, got, tt.want)
		}
	}
	buildQuiet(t, site, out2)
	if diff := diffTrees(t, out1, out2); diff != "" {
		t.Errorf("two builds of one commit differ: %s", diff)
	}
}

// TestBuildOutsideGit builds a site that is in no git checkout: it works,
// quietly, and only frontmatter dates appear.
func TestBuildOutsideGit(t *testing.T) {
	site := realSite(t, goodBriefs())
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(site))
	out := filepath.Join(t.TempDir(), "public")
	buildQuiet(t, site, out)
	if got := updatedLine(t, out, "demands/russia-lift-sanctions"); got != "" {
		t.Errorf("got %q, want no date", got)
	}
	if got := updatedLine(t, out, "topics/sanctions"); !strings.Contains(got, "2024-05-06") {
		t.Errorf("got %q, want the frontmatter date", got)
	}
}

// diffTrees names the first file that differs between two folders.
func diffTrees(t *testing.T, a, b string) string {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(a, func(p string, de fs.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			rel, _ := filepath.Rel(a, p)
			files[rel], _ = os.ReadFile(p)
		}
		return nil
	})
	n := 0
	var diff string
	filepath.WalkDir(b, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || diff != "" {
			return nil
		}
		rel, _ := filepath.Rel(b, p)
		got, _ := os.ReadFile(p)
		n++
		if want, ok := files[rel]; !ok || !bytes.Equal(got, want) {
			diff = rel
		}
		return nil
	})
	if diff == "" && n != len(files) {
		diff = "the file counts differ"
	}
	return diff
}
