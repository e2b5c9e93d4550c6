package theme

import (
	"embed"
	"io/fs"
)

// files are the theme's layouts/, static/ and i18n/ folders.
//
//go:embed layouts static i18n
var files embed.FS

// Prefix starts the name of a theme's file in diagnostics:
// "theme:layouts/base.html:3:5". Over opens names with it.
const Prefix = "theme:"

// FS returns the built-in theme: layouts/… and static/… as a site has
// them. It is read-only and safe for concurrent use.
func FS() fs.FS { return files }
