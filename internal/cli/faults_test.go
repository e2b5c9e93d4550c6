//go:build linux

package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The tests in this file run the real command in a child process (this
// test binary, re-executed: see childMain) so they can kill it, limit it
// and run it as another user.
const (
	childEnv      = "EXPLAINER_TEST_CHILD"       // set: run the command line, not the tests
	childFSizeEnv = "EXPLAINER_TEST_CHILD_FSIZE" // a file size limit in bytes: a full disk
)

// childMain runs the command line this binary was started with, as
// cmd/explainer would. TestMain calls it when childEnv is set.
func childMain() int {
	if v := os.Getenv(childFSizeEnv); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return 99
		}
		// Writes past the limit then fail with EFBIG instead of killing
		// the process, as on a full disk.
		signal.Ignore(syscall.SIGXFSZ)
		if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: n, Max: n}); err != nil {
			return 99
		}
	}
	return Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
}

// child returns the command for one explainer command line in a child.
func child(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}

// snapshot maps every file under dir to a hash of its bytes; a missing
// dir gives an empty map.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if de.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// leftovers lists the entries beside out that a build made: temporary
// trees and parked old trees.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var l []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(out)) {
			l = append(l, e.Name())
		}
	}
	return l
}

// twoSites writes the repository's site to a and a changed copy to b (one
// brief edited, one page added), and returns the output trees each builds.
func twoSites(t *testing.T) (a, b string, treeA, treeB map[string]string) {
	t.Helper()
	a, b = t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		copyTree(t, filepath.Join("..", "..", "content"), filepath.Join(dir, "content"))
	}
	// The second version retitles the home page (keeping its languages,
	// which the translations need) and adds a page.
	home, err := os.ReadFile(filepath.Join(b, "content", "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, b, map[string]string{
		"content/_index.md": regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(string(home), "title: Home, edited"),
		"content/extra.md":  "---\ntitle: Extra\nsummary: A page only the second version has.\n---\nNew.\n",
	})
	trees := make([]map[string]string, 2)
	for i, src := range []string{a, b} {
		out := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := run("build", "-src", src, "-out", out); code != ExitOK {
			t.Fatalf("building %s: %s", src, stderr)
		}
		trees[i] = snapshot(t, out)
	}
	if sameTree(trees[0], trees[1]) {
		t.Fatal("the two versions build the same tree")
	}
	return a, b, trees[0], trees[1]
}

// TestKilledBuildLeavesCompleteOutput kills builds with SIGKILL at random
// moments, and at the moment their temporary tree appears, alternating
// between two versions of a site. After every kill the output must be one
// complete build, byte for byte, never a mix; the next build must clean
// up what the killed one left. The random delays only choose where a kill
// lands: the assertion must hold wherever that is.
func TestKilledBuildLeavesCompleteOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds of the real site; skipped with -short")
	}
	srcA, srcB, treeA, treeB := twoSites(t)
	out := filepath.Join(t.TempDir(), "public")
	bin := os.Args[0]

	start := time.Now()
	if b, err := child(t, bin, "build", "-src", srcA, "-out", out).CombinedOutput(); err != nil {
		t.Fatalf("child build: %v\n%s", err, b)
	}
	full := time.Since(start)
	if !sameTree(snapshot(t, out), treeA) {
		t.Fatal("a child build differs from an in-process one")
	}

	const kills = 16
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	var midWrite, replaced int
	for i := range kills {
		src, want := srcB, treeB
		if i%2 == 1 {
			src, want = srcA, treeA
		}
		before := snapshot(t, out)
		cmd := child(t, bin, "build", "-src", src, "-out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i%4 == 3 {
			waitForTemp(out, cmd)
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(full) * 5 / 4)))
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if len(leftovers(t, out)) > 0 {
			midWrite++
		}
		after := snapshot(t, out)
		switch {
		case sameTree(after, before):
		case sameTree(after, want):
			replaced++
		default:
			t.Fatalf("kill %d left a tree that is neither the old build nor the new one (%d files)", i, len(after))
		}
	}
	t.Logf("%d kills (a full build takes %v): %d left a temporary tree, %d after the new tree was in place",
		kills, full.Round(time.Millisecond), midWrite, replaced)

	if b, err := child(t, bin, "build", "-src", srcB, "-out", out).CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, b)
	}
	if !sameTree(snapshot(t, out), treeB) {
		t.Error("the build after the kills is not the complete new tree")
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("left beside the output after a good build: %v", l)
	}
}

// waitForTemp returns once the build has created its temporary tree, or
// has exited.
func waitForTemp(out string, cmd *exec.Cmd) {
	prefix := "." + filepath.Base(out) + ".tmp-"
	for {
		entries, _ := os.ReadDir(filepath.Dir(out))
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), prefix) {
				return
			}
		}
		if exited(cmd.Process.Pid) {
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// exited reports whether the child pid has exited and awaits its Wait (a
// zombie), without reaping it. (wait4 takes no WNOWAIT: it fails with
// EINVAL, which made this look as if the child had exited at once.)
func exited(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the command name, which is in parentheses.
	i := bytes.LastIndexByte(b, ')')
	return i < 0 || i+2 >= len(b) || b[i+2] == 'Z'
}

// TestWriteFaultsLeaveOldOutput makes Emit fail for real, in a child: a
// full disk (a file size limit), and an output parent the build may not
// write (run as nobody when the tests run as root, who may write anywhere).
// The exit code is 1, the error names the path, the previous output is
// untouched and nothing is left beside it.
func TestWriteFaultsLeaveOldOutput(t *testing.T) {
	srcA, srcB, treeA, _ := twoSites(t)
	tests := []struct {
		name    string
		prepare func(t *testing.T, parent string, cmd *exec.Cmd)
		stderr  string // substring; "{parent}" is replaced
	}{
		{
			name: "full disk",
			prepare: func(t *testing.T, parent string, cmd *exec.Cmd) {
				cmd.Env = append(cmd.Env, childFSizeEnv+"=4096")
			},
			stderr: "explainer build: emit: write {parent}/.public.tmp-",
		},
		{
			name: "read-only output parent",
			prepare: func(t *testing.T, parent string, cmd *exec.Cmd) {
				if err := os.Chmod(parent, 0o555); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(parent, 0o755) })
				if os.Geteuid() == 0 {
					asNobody(t, cmd, srcB)
				}
			},
			stderr: "explainer build: emit: create temporary directory beside {parent}/public: ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if code, _, stderr := run("build", "-src", srcA, "-out", out); code != ExitOK {
				t.Fatal(stderr)
			}
			cmd := child(t, os.Args[0], "build", "-src", srcB, "-out", out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			tt.prepare(t, parent, cmd)
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != ExitContent {
				t.Fatalf("child: %v, want exit code %d; stderr:\n%s", err, ExitContent, stderr.String())
			}
			if want := strings.ReplaceAll(tt.stderr, "{parent}", parent); !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), want)
			}
			if !sameTree(snapshot(t, out), treeA) {
				t.Error("the previous output changed")
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("left beside the output: %v", l)
			}
		})
	}
}

// asNobody makes cmd run as user nobody, who can read src and the test
// binary but has no right to write the output parent.
func asNobody(t *testing.T, cmd *exec.Cmd, src string) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "explainer.test")
	b, err := os.ReadFile(cmd.Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, filepath.Dir(dir), src, filepath.Dir(src)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd.Path, cmd.Args[0] = bin, bin
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}
