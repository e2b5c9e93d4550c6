// Package theme holds the built-in theme, the layouts and static files a
// site gets without writing any, and the file system that lays a site's
// own folder over them.
//
// A site is read through Over(os.DirFS(root)): every path is looked up in
// the site first and in the theme second, file by file, and a folder
// lists the files of both. So a site without layouts/ or static/ builds
// with the theme, and a site's layouts/partials/meta.html or
// static/style.css replaces only that file of the theme. The theme cannot
// be switched off file by file: a file the site does not want is
// overridden, not deleted.
//
// Diagnostics name where a file came from: a site's file by its path
// (layouts/base.html), a theme's file with the prefix Prefix
// (theme:layouts/base.html), which the overlay also opens, so the error
// overlay can show the line. explainer theme eject copies the theme out
// for editing (newfiles.Copy, which never overwrites).
//
// The theme's i18n/<lang>.toml files (the interface strings) are the
// exception to "file by file": package i18n reads the theme's file and the
// site's, through Prefix, and lays the site's over the theme's key by key.
//
// The theme's files are those of this repository's own site: its
// layouts/, static/ and i18n/ live here, under internal/theme, and the
// repository's root holds no layouts/ of its own.
package theme
