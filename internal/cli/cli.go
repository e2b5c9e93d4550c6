package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/explainer/explainer/internal/build"
	"github.com/explainer/explainer/internal/content"
	"github.com/explainer/explainer/internal/diag"
	"github.com/explainer/explainer/internal/i18n"
	"github.com/explainer/explainer/internal/theme"
)

// Version is the program's version, set at link time with
// -ldflags "-X github.com/explainer/explainer/internal/cli.Version=v1.2.3".
var Version = "dev"

// Exit codes. A build or check stopped by a signal exits with 128 plus
// the signal's number, as a shell reports a process the signal killed:
// ExitInterrupt for SIGINT (Ctrl-C), 143 for SIGTERM.
const (
	ExitOK        = 0
	ExitContent   = 1
	ExitUsage     = 2
	ExitInterrupt = 130
)

const usage = `explainer builds a cross-linked explainer site from Markdown briefs.

Usage:
  explainer init    DIR [-title T]
  explainer build   [-src .] [-out public] [-force] [-base-url URL] [-drafts] [-strict]
  explainer check   [-src .] [-base-url URL] [-drafts] [-strict] [-format text|github|json]
  explainer new     actor|demand|topic ID [-src .] [-actor A] [-topic T]
  explainer serve   [-src .] [-addr 127.0.0.1:1313] [-base-url URL] [-drafts]
  explainer theme   eject [-src .]
  explainer version

Run "explainer <command> -h" for a command's flags.
Exit codes: 0 ok, 1 content errors or a failed build, 2 usage,
130 and 143 stopped by SIGINT (Ctrl-C) and SIGTERM.
Warnings are printed but give 0, unless -strict treats them as errors.
`

// Run runs the command line args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	defer startProfile(stderr)()
	switch cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr, true)
	case "check":
		return runBuild(ctx, rest, stdout, stderr, false)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "init":
		return runInit(rest, stdout, stderr)
	case "theme":
		return runTheme(rest, stdout, stderr)
	case "version":
		return runVersion(rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "explainer: unknown command %q\n\n%s", cmd, usage)
	return ExitUsage
}

// siteFlags are the flags every building command shares.
type siteFlags struct {
	src, out, baseURL string
	drafts, force     bool
	stderr            io.Writer // for warnings, such as git failing
}

func newFlags(name string, stderr io.Writer, sf *siteFlags, withOut bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.stderr = stderr
	fs.StringVar(&sf.src, "src", ".", "site root: the folder holding content/, layouts/ and static/")
	if withOut {
		fs.StringVar(&sf.out, "out", "public", "output folder, replaced whole on success")
		fs.BoolVar(&sf.force, "force", false, "replace -out even when it is not empty and explainer did not write it (deleting everything in it)")
	}
	fs.StringVar(&sf.baseURL, "base-url", "", "base path (/summit/) or full URL (https://example.org/summit/) the site is served at; overrides base_url in content/_index.md (default: that base_url, or /)")
	fs.BoolVar(&sf.drafts, "drafts", false, "include pages marked draft: true")
	return fs
}

// parseFlags parses args; it returns an exit code and false when the
// command should stop (help asked, or a usage error).
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return ExitUsage, false
	}
	return 0, true
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer, write bool) int {
	var sf siteFlags
	name := "check"
	if write {
		name = "build"
	}
	fs := newFlags(name, stderr, &sf, write)
	formatName := "text"
	strict := false
	fs.BoolVar(&strict, "strict", false, "treat warnings as errors: exit 1 and, for build, write nothing")
	if !write {
		fs.StringVar(&formatName, "format", "text", "how to print problems: text, github (Actions annotations) or json")
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	f, err := parseFormat(formatName)
	if err != nil {
		fmt.Fprintf(stderr, "explainer %s: %v\n", name, err)
		return ExitUsage
	}
	if err := checkSrc(sf.src); err != nil {
		fmt.Fprintf(stderr, "explainer %s: %v\n", name, err)
		return ExitUsage
	}
	if write {
		if err := CheckOut(sf.src, sf.out, sf.force); err != nil {
			fmt.Fprintf(stderr, "explainer build: %v\n", err)
			return ExitUsage
		}
	}
	start := time.Now()
	// build writes each page as soon as it is made, into a folder that
	// replaces -out only once the whole site is good; check keeps only
	// what the link check needs of each.
	em := build.ScanOnly()
	if write {
		if em, err = build.NewEmitter(sf.out, build.EmitOptions{Force: sf.force}); err != nil {
			fmt.Fprintf(stderr, "explainer build: %v\n", err)
			return ExitUsage
		}
	}
	opts := sf.options()
	opts.Backlog = !write // check lists the briefs not translated yet
	res := build.NewOnce(em).BuildContext(ctx, siteFS(sf.src), opts)
	if res.Err != nil {
		em.Abort()
		return interrupted(ctx, stderr, name, sf.out)
	}
	if res.Diags.Fails(strict) {
		em.Abort()
		reportDiags(stdout, stderr, f, sf.src, res.Diags)
		return ExitContent
	}
	out := res.Output
	heapProfile(stderr)
	if !write && f == formatJSON {
		writeJSON(stdout, res.Diags)
		return ExitOK
	}
	l := content.GroupBacklog(res.Diags) // the backlog in one line per language
	if len(l) > 0 {
		reportDiags(stdout, stderr, f, sf.src, l)
	}
	if !write {
		problems := "no problems"
		if len(l) > 0 {
			problems = l.Summary()
		}
		fmt.Fprintf(stdout, "checked %d pages: %s (%s)\n", out.Pages, problems, since(start))
		return ExitOK
	}
	if err := em.Commit(ctx, out); err != nil {
		if ctx.Err() != nil {
			return interrupted(ctx, stderr, name, sf.out)
		}
		fmt.Fprintf(stderr, "explainer build: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "built %d pages, %d files into %s (%s)\n", out.Pages, out.Len(), sf.out, since(start))
	if res.Site.Origin == "" {
		fmt.Fprintln(stderr, noOriginWarning)
	}
	return ExitOK
}

// siteFS is the site at src as every command reads it: its own folder over
// the built-in theme, so that build, check and serve see the same files.
func siteFS(src string) fs.FS { return theme.Over(os.DirFS(src)) }

// noOriginWarning is what build says when the site has no absolute base
// URL: the outputs that need one are left out rather than written with
// relative URLs, which search engines and feed readers reject.
const noOriginWarning = "explainer build: warning: no absolute base URL, so sitemap.xml, feed.xml and each page's canonical " +
	"and og:url links were left out; set base_url in content/_index.md or pass -base-url https://example.org/path/"

func (sf *siteFlags) options() build.Options {
	return build.Options{Options: content.Options{BaseURL: sf.baseURL, Drafts: sf.drafts, Dates: siteDates(sf.src, sf.stderr)}}
}

func since(t time.Time) string {
	return time.Since(t).Round(time.Millisecond).String()
}

// PrintDiags prints every diagnostic, then a count by severity.
func PrintDiags(w io.Writer, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
	fmt.Fprintln(w, l.Summary())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// checkSrc makes sure the site root is a folder before anything reads it
// (or runs git in it): a mistyped -src is a usage error of one line, not a
// list of missing files.
func checkSrc(src string) error {
	fi, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("-src %s: no such folder", src)
	case err != nil:
		return fmt.Errorf("-src %s: %v", src, errors.Unwrap(err))
	case !fi.IsDir():
		return fmt.Errorf("-src %s is a file: it names the site root, the folder holding content/", src)
	}
	return nil
}

// CheckOut refuses an output folder whose atomic replacement would destroy
// sources: the site root itself, anything inside content/, layouts/,
// static/ or i18n/, or any folder that contains the site root; and, unless force
// is set, a folder explainer did not write (build.CheckReplace). force
// never lifts the first refusals.
func CheckOut(src, out string, force bool) error {
	s, err := realAbs(src)
	if err != nil {
		return err
	}
	o, err := realAbs(out)
	if err != nil {
		return err
	}
	switch {
	case o == s:
		return fmt.Errorf("-out %s is the site root: building there would replace the sources", out)
	case within(s, o):
		return fmt.Errorf("-out %s contains the site root: building there would replace the sources", out)
	}
	for _, d := range []string{content.Dir, "layouts", build.StaticDir, i18n.Dir, ".git"} {
		if within(o, filepath.Join(s, d)) {
			return fmt.Errorf("-out %s is inside %s/: building there would replace sources", out, d)
		}
	}
	if force {
		return nil
	}
	return build.CheckReplace(out)
}

// within reports whether path p is dir or below it.
// Both are clean absolute paths; dir may be the root "/", which the
// naive test p starts with dir+"/" gets wrong.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realAbs makes p absolute and resolves symbolic links in the part of it
// that exists, so a link cannot disguise the output folder.
func realAbs(p string) (string, error) {
	a, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(a)
		if parent == a {
			return filepath.Join(a, rest), nil
		}
		rest = filepath.Join(filepath.Base(a), rest)
		a = parent
	}
}
