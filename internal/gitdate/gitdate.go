package gitdate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNotRepo reports that the folder does not exist, is not inside a git
// work tree, or that git is not installed.
var ErrNotRepo = errors.New("not a git checkout")

// Read returns the date of the last commit that changed each file under
// paths (slash-separated, relative to dir; none means all of dir), keyed by
// slash path relative to dir, such as "content/demands/x.md". Files no
// commit touched are absent. A checkout with no commits yields an empty map.
func Read(ctx context.Context, dir string, paths ...string) (map[string]time.Time, error) {
	if !inRepo(dir) {
		return nil, ErrNotRepo
	}
	boundary, err := inspect(ctx, dir)
	if err != nil {
		return nil, err
	}
	args := []string{"-c", "log.showSignature=false", "log", "-z", "--format=%x00%ct %H",
		"--name-only", "--no-renames", "--relative", "--"}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	out, err := git(ctx, dir, append(args, paths...)...)
	if err != nil {
		if ge := (*gitError)(nil); errors.As(err, &ge) && strings.Contains(ge.stderr, "does not have any commits") {
			return map[string]time.Time{}, nil
		}
		return nil, err
	}
	return parse(out, boundary)
}

// inRepo reports whether dir is an existing folder that git can take for a
// work tree: one with .git in it or in a folder above it, or any folder
// when GIT_DIR names the repository. Only then is git run, so that a
// mistyped -src or a folder outside any checkout costs no process and
// prints nothing.
func inRepo(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return false
	}
	if os.Getenv("GIT_DIR") != "" {
		return true
	}
	for {
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		abs = parent
	}
}

// inspect checks that dir is in a work tree and returns the boundary
// commits of a shallow clone (none for a full one): commits whose parents
// were not fetched, so that what they seem to add may be far older.
func inspect(ctx context.Context, dir string) (map[string]bool, error) {
	out, err := git(ctx, dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--git-path", "shallow")
	if err != nil {
		if ge := (*gitError)(nil); errors.Is(err, exec.ErrNotFound) || errors.As(err, &ge) && strings.Contains(ge.stderr, "not a git repository") {
			return nil, ErrNotRepo
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 || lines[0] != "true" {
		return nil, ErrNotRepo
	}
	if lines[1] != "true" {
		return nil, nil
	}
	file := lines[2]
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read shallow clone boundary: %w", err)
	}
	boundary := map[string]bool{}
	for _, h := range strings.Fields(string(b)) {
		boundary[h] = true
	}
	return boundary, nil
}

// gitError is a failed git run. Its message names the command and how it
// ended, never git's own words: git's standard error is kept for the
// callers here that tell a case apart by it, and reaches no user.
type gitError struct {
	cmd, dir string
	err      error
	stderr   string
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s in %s failed: %v", e.cmd, e.dir, e.err)
}

func (e *gitError) Unwrap() error { return e.err }

// git runs git in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		name := args[0]
		for i := 0; i+2 < len(args) && args[i] == "-c"; i += 2 {
			name = args[i+2]
		}
		return nil, &gitError{cmd: name, dir: dir, err: err, stderr: stderr.String()}
	}
	return out, nil
}

// parse reads git log -z output in the format "%x00%ct %H" with
// --name-only: an empty field opens each commit, the next field holds its
// time and parents, and the fields up to the next empty one name its files
// (the first with a leading newline). File names are never empty, so the
// empty field cannot be mistaken for one.
func parse(out []byte, boundary map[string]bool) (map[string]time.Time, error) {
	dates := map[string]time.Time{}
	fields := strings.Split(string(out), "\x00")
	var when time.Time
	skip := false
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if f == "" {
			if i+1 >= len(fields) {
				break
			}
			i++
			var err error
			when, skip, err = header(fields[i], boundary)
			if err != nil {
				return nil, err
			}
			continue
		}
		name := strings.TrimPrefix(f, "\n")
		if skip || name == "" {
			continue
		}
		if when.After(dates[name]) {
			dates[name] = when
		}
	}
	return dates, nil
}

// header parses "<unix time> <hash>" and reports whether the commit is a
// shallow clone's boundary, whose files get no date.
func header(h string, boundary map[string]bool) (time.Time, bool, error) {
	parts := strings.Fields(h)
	if len(parts) != 2 {
		return time.Time{}, true, fmt.Errorf("git log: unexpected output %q", h)
	}
	sec, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return time.Time{}, true, fmt.Errorf("git log: unexpected commit time %q", parts[0])
	}
	return time.Unix(sec, 0).UTC(), boundary[parts[1]], nil
}
