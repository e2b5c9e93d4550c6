package watch

import (
	"path"
	"strings"
)

// Ignored reports whether a file name (a base name) is an editor's
// temporary, swap or backup file, whose events never trigger a rebuild:
// vim (*.swp, *.swx, *~, 4913), emacs (.#*, #*#), JetBrains safe write
// (*___jb_tmp___, *___jb_old___), GNOME (.goutputstream-*) and *.tmp.
func Ignored(name string) bool {
	name = path.Base(name)
	switch {
	case name == "4913",
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"),
		strings.HasPrefix(name, ".#"),
		strings.HasPrefix(name, ".goutputstream-"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return false
}
