package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/explainer/explainer/internal/newfiles"
	"github.com/explainer/explainer/internal/theme"
)

const themeUsage = `usage: explainer theme eject [-src .]

Copies the built-in theme's layouts/, static/ and i18n/ into the site for
editing. A file the site already has is skipped and listed, never
overwritten; a site's own file replaces the theme's file of the same path,
the others still come from the theme (an i18n file replaces the theme's
strings key by key; docs/layouts.md).
`

func runTheme(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "eject" {
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Fprint(stdout, themeUsage)
			return ExitOK
		}
		fmt.Fprint(stderr, themeUsage)
		return ExitUsage
	}
	fl := flagSet("theme eject", stderr, themeUsage)
	src := fl.String("src", ".", "site root: the folder to write layouts/, static/ and i18n/ into")
	if code, ok := parseFlags(fl, args[1:]); !ok {
		return code
	}
	if fi, err := os.Stat(*src); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "explainer theme eject: -src %s is not a folder\n", *src)
		return ExitUsage
	}
	res, err := newfiles.Copy(theme.FS(), *src)
	for _, p := range res.Skipped {
		fmt.Fprintf(stderr, "skipped %s: the site has it already\n", p)
	}
	if err != nil {
		fmt.Fprintf(stderr, "explainer theme eject: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "ejected %d %s into %s, skipped %d\n", len(res.Written), plural(len(res.Written), "file", "files"), *src, len(res.Skipped))
	return ExitOK
}
