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
	"github.com/explainer/explainer/internal/theme"
)

// Version is the program's version, set at link time with
// -ldflags "-X github.com/explainer/explainer/internal/cli.Version=v1.2.3".
var Version = "dev"

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
)

const usage = `explainer builds a cross-linked explainer site from Markdown briefs.

Usage:
  explainer init    DIR [-title T]
  explainer build   [-src .] [-out public] [-base-url /] [-drafts] [-strict]
  explainer check   [-src .] [-base-url /] [-drafts] [-strict] [-format text|github|json]
  explainer new     actor|demand|topic ID [-src .] [-actor A] [-topic T]
  explainer serve   [-src .] [-addr 127.0.0.1:1313] [-base-url /] [-drafts]
  explainer theme   eject [-src .]
  explainer version

Run "explainer <command> -h" for a command's flags.
Exit codes: 0 ok, 1 content errors or a failed build, 2 usage.
`

// Run runs the command line args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, stdout, stderr, true)
	case "check":
		return runBuild(rest, stdout, stderr, false)
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
	drafts            bool
	stderr            io.Writer // for warnings, such as git failing
}

func newFlags(name string, stderr io.Writer, sf *siteFlags, withOut bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf.stderr = stderr
	fs.StringVar(&sf.src, "src", ".", "site root: the folder holding content/, layouts/ and static/")
	if withOut {
		fs.StringVar(&sf.out, "out", "public", "output folder, replaced whole on success")
	}
	fs.StringVar(&sf.baseURL, "base-url", "/", "base path (/summit/) or full URL (https://example.org/summit/) the site is served at")
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

func runBuild(args []string, stdout, stderr io.Writer, write bool) int {
	var sf siteFlags
	name := "check"
	if write {
		name = "build"
	}
	fs := newFlags(name, stderr, &sf, write)
	formatName := "text"
	strict := fs.Bool("strict", false, "also fail on the TODO placeholders left in drafts (explainer new writes them)")
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
	if write {
		if err := CheckOut(sf.src, sf.out); err != nil {
			fmt.Fprintf(stderr, "explainer build: %v\n", err)
			return ExitUsage
		}
	}
	start := time.Now()
	site := siteFS(sf.src)
	res := build.New().Build(site, sf.options())
	diags := res.Diags
	if *strict {
		diags.Merge(content.Placeholders(site))
		diags.Sort()
	}
	if len(diags) > 0 {
		reportDiags(stdout, stderr, f, sf.src, diags)
		return ExitContent
	}
	out := res.Output
	if !write && f == formatJSON {
		writeJSON(stdout, nil)
		return ExitOK
	}
	if !write {
		fmt.Fprintf(stdout, "checked %d pages: no problems (%s)\n", out.Pages, since(start))
		return ExitOK
	}
	if err := build.Emit(out, sf.out); err != nil {
		fmt.Fprintf(stderr, "explainer build: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "built %d pages, %d files into %s (%s)\n", out.Pages, len(out.Files), sf.out, since(start))
	return ExitOK
}

// siteFS is the site at src as every command reads it: its own folder over
// the built-in theme, so that build, check and serve see the same files.
func siteFS(src string) fs.FS { return theme.Over(os.DirFS(src)) }

func (sf *siteFlags) options() build.Options {
	return build.Options{Options: content.Options{BaseURL: sf.baseURL, Drafts: sf.drafts, Dates: siteDates(sf.src, sf.stderr)}}
}

func since(t time.Time) string {
	return time.Since(t).Round(time.Millisecond).String()
}

// PrintDiags prints every diagnostic, then a count.
func PrintDiags(w io.Writer, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
	fmt.Fprintf(w, "%d %s\n", len(l), plural(len(l), "error", "errors"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CheckOut refuses an output folder whose atomic replacement would destroy
// sources: the site root itself, anything inside content/, layouts/ or
// static/, or any folder that contains the site root.
func CheckOut(src, out string) error {
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
	for _, d := range []string{content.Dir, "layouts", build.StaticDir, ".git"} {
		if within(o, filepath.Join(s, d)) {
			return fmt.Errorf("-out %s is inside %s/: building there would replace sources", out, d)
		}
	}
	return nil
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
