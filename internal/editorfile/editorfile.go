// Package editorfile names the files editors keep beside the ones being
// edited: temporary, swap, backup and lock files. They are never part of a
// site.
//
// The list is shared by the watcher (internal/watch), whose events for
// such files never trigger a rebuild, and by everything that reads the
// sources (internal/content, internal/render, internal/build), which skip
// them. Both sides must agree: a file the loader read but the watcher
// ignored could leave serve built on a file that is gone (an Emacs lock,
// deleted when the buffer is saved, would keep serve failing until the
// next unrelated save), and a file the watcher reported but the loader
// skipped would rebuild for nothing.
package editorfile

import (
	"path"
	"strings"
)

// Is reports whether a file name (a path or a base name; only the base
// counts) is an editor's temporary, swap, backup or lock file: vim
// (*.swp, *.swx, *~, 4913), Emacs (.#* lock links, #*# autosaves, *~),
// JetBrains safe write (*___jb_tmp___, *___jb_old___), GNOME
// (.goutputstream-*) and *.tmp.
func Is(name string) bool {
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
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") && len(name) > 1:
		return true
	}
	return false
}
