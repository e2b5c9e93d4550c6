// Package build runs the pipeline: Load (content), Render (render), Check
// (every internal link and #fragment of the output) and Emit (disk).
//
// A Builder holds what survives between builds in serve mode: the content
// Loader's parse cache and the last good Output, so a rebuild re-parses only
// changed files and reports which output files changed.
//
// Invariants:
//   - Build never touches the disk except through its fs.FS; only Emit
//     writes.
//   - Emit writes nothing unless the build had zero diagnostics, and swaps
//     the new tree into place atomically: the previous output is either
//     left byte-identical or replaced whole.
//   - The same input gives a byte-identical Output.
package build
