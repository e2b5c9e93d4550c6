package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/explainer/explainer/internal/newfiles"
	"github.com/explainer/explainer/internal/scaffold"
)

const initUsage = `usage: explainer init DIR [-title T]

Writes a new explainer site into DIR, which must be new or empty: an
example explainer of fictional trade talks (two actors, two topics, three
demands, with sources), a writer's README, a .gitignore and a GitHub Pages
workflow. It passes explainer check and serves at once; replace the
example with your own briefs. It never overwrites a file.
`

func runInit(args []string, stdout, stderr io.Writer) int {
	fl := flagSet("init", stderr, initUsage)
	title := fl.String("title", scaffold.DefaultTitle, "the site's title")
	dir, code, ok := parseWithOneArg(fl, args, "DIR")
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "explainer init: "+format+"\n", a...)
		return ExitUsage
	}
	site, err := scaffold.Site(*title)
	if err != nil {
		return fail("-title: %v", err)
	}
	if err := checkNewDir(dir); err != nil {
		return fail("%v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail("%v", err)
	}
	res, err := newfiles.Copy(site, dir)
	if err == nil && len(res.Skipped) > 0 {
		err = fmt.Errorf("%s appeared in %s while init wrote the site; it was left as it was", res.Skipped[0], dir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "explainer init: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "wrote a new site, %d files, into %s\nnext: cd %s && explainer serve\n", len(res.Written), dir, dir)
	return ExitOK
}

// checkNewDir accepts a folder that does not exist yet or is empty.
func checkNewDir(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: init writes a new site into a new or empty folder", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty (it holds %s): init writes a new site into a new or empty folder, and never overwrites a file", dir, entries[0].Name())
	}
	return nil
}
