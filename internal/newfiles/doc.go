// Package newfiles copies a tree of files into a folder without ever
// overwriting one: explainer init writes a new site with it and
// explainer theme eject the built-in theme. Files are created with
// O_EXCL, so a file that appears between a check and the write is not
// overwritten either.
package newfiles
