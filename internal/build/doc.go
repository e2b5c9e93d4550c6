// Package build runs the pipeline: Load (content), Render (render), Check
// (every internal link and #fragment of the output) and Emit (disk).
//
// A Builder holds what survives between builds in serve mode: the content
// Loader's parse cache, the last good Output and a key per output file (a
// hash of every input the file can show; keys.go states what each kind of
// page may show). Rebuild, given the changed source paths, re-reads only
// those, re-renders only the files whose key changed, re-checks only the
// links that are new, and reports which output files changed.
// RebuildPages and Finish split a content edit's rebuild in two phases
// (phases.go): the briefs' pages first, then the pages and files that
// show the whole site, so serve can reload the edited page sooner.
//
// Invariants:
//   - Build never touches the disk except through its fs.FS; only Emit
//     writes.
//   - Emit writes nothing unless the build had zero diagnostics, and swaps
//     the new tree into place atomically: the previous output is either
//     left byte-identical or replaced whole.
//   - The same input gives a byte-identical Output, and after any sequence
//     of Rebuilds the Output is byte-identical to a fresh Build's (tested
//     with random edit sequences in incremental_test.go); so is the Output
//     of a Finish, and a first phase's Output differs from it only in the
//     whole-site files, which are the previous Output's (phases_test.go).
package build
